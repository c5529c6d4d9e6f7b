// Types for serve.mjs, for the tests that call it.
export function startServer(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>;
