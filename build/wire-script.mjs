// src/wire.ts as a page script (window.MailWire), so that a stand-in engine in
// a test or the bench answers in the wire format the panel decodes.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function wireScript() {
  const out = await esbuild.build({
    entryPoints: [join(root, "src/wire.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "MailWire",
    logLevel: "silent",
  });
  // Playwright may wrap an init script in a function: the global is set explicitly.
  return out.outputFiles[0].text + ";window.MailWire = MailWire;";
}
