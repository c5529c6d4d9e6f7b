// Types for chromium.mjs.
export const CHROMIUM: { executablePath: string; headless: boolean; args: string[] };
