// Types for bench-matrix.mjs, for the test that runs its bundle in Qt.
export function matrixScript(): Promise<string>;
