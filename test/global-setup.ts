// Every vitest run builds dist/ first, so the Qt and Chromium suites never run
// a stale engine.js or panel.html (a bare `npx vitest` included).
import { build } from "../build/build.mjs";

export default async function setup(): Promise<void> {
  await build();
}
