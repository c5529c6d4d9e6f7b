// Types for soak.mjs, for the test that runs a short soak (test/qjs/soak.test.ts).
export interface SoakResult {
  events: number;
  sent: number;
  held: number;
  dropped: number;
  lost: number;
  unreadable: number;
  cap: number;
  devices: number;
  files: number;
  pulled: number;
  longestMs: { [kind: string]: number };
  over50: number;
  over50By: { [kind: string]: number };
  /** The slowest calls: [kind, what, ms, event index]. */
  slowest: [string, string, number, number][];
  /** Each Lab check, read whole: its pages should add up to its pairs. */
  labChecks: { ms: number; cells: number; pages: number; pairs: number }[];
  ms: number;
  handlersLeft: number;
}
export interface SoakPoint {
  /** Null in a run without Qt's GC statistics. */
  heap: number | null;
  /** Once glibc gave back the memory it keeps free; `untrimmed` as it left it. */
  rss: number;
  untrimmed: number;
}
export function soakRun(
  flavour: string,
  options?: {
    events?: number;
    pcs?: number;
    cap?: number | null;
    limitMs?: number;
    progress?: boolean;
    statistics?: boolean;
  },
): Promise<{ result: SoakResult; points: { [pct: string]: SoakPoint } }>;
export function soakFigures(options?: {
  runs?: number;
  events?: number;
  progress?: boolean;
}): Promise<{ [key: string]: number }>;
export const SAVED: string;
export function savedSoakFigures(): { [key: string]: number } | null;
