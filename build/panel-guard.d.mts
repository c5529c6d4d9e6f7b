// Types for panel-guard.mjs, for the tests that call it.
import type { SourceMap } from "./build.mjs";
export interface Finding {
  /** The source file and line that brought it, e.g. ui/styles.css:12 or node_modules/preact/src/x.js:7. */
  where: string;
  what: string;
}
export function checkPanelScript(code: string, sourceMap: SourceMap | null): Finding[];
export function checkPanelStyles(css: string, file: string): Finding[];
export function panelGuardError(findings: Finding[], built: string): string | null;
export function originalPosition(map: SourceMap | null, line: number, column: number): string;
