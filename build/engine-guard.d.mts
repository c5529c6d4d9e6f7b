// Types for engine-guard.mjs, for the tests that call it.
export function checkQtScript(code: string, file: string): void;
export function checkEngineSource(code: string, file: string): void;
export function qjsTraps(ast: unknown): { line: number; what: string }[];
