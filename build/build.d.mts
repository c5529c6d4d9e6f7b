// Types for build.mjs, for the tests that call it.
export interface Manifest {
  name: string;
  id: string;
  version: string;
  scriptEngine: string[];
  customInterfaces: string[];
  panelUrl: string;
  globals: string[];
  [key: string]: unknown;
}
export function readManifest(): Manifest;
export function build(options?: { manifest?: Manifest; outDir?: string; moduleOnly?: boolean }): Promise<number>;
export function bundlePanelScript(target?: string): Promise<{ script: string; map: SourceMap }>;
export interface SourceMap {
  sources: string[];
  mappings: string;
}
