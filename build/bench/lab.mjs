// The lab figures: a 1 MB saved lab opened in Node (lab/bench.ts), then the same file in Chromium.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { CHROMIUM } from "../chromium.mjs";
import { median, round } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Opening a saved lab of about 1 MB of XML in Node (lab/bench.ts): decode, import, peak memory over XML size. */
const BENCH_LAB = join(tmpdir(), "mail-console-bench-lab.pkt");

export function labFigures() {
  const args = [join(root, "build/lab-cli.mjs"), "--run", "lab/bench.ts", "--json", "--keep", BENCH_LAB];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", cwd: root, timeout: 300000 });
  const r = JSON.parse(out.trim().split("\n").pop());
  return { labDecodeMs: r.labDecodeMs, labImportMs: r.labImportMs, labPeakMemoryRatio: r.labPeakMemoryRatio };
}

/** The same lab decoded (Compression Streams) and imported in Chromium, from the same lab/ source. */
async function labInChromium(browser) {
  const bundle = await esbuild.build({
    stdin: {
      contents:
        "export { decodeLabAsync } from './lab/codec/lab-file'; export { webZlib } from './lab/codec/zlib-web'; export { importLab } from './lab/import/import-lab';",
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    globalName: "LabCodec",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const base64 = readFileSync(BENCH_LAB).toString("base64");
  const runs = await page.evaluate(async (b64) => {
    const file = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { decodeLabAsync, webZlib, importLab } = window.LabCodec;
    const decode = [],
      load = [];
    for (let i = 0; i < 7; i++) {
      let t = performance.now();
      const lab = await decodeLabAsync(file, webZlib);
      decode.push(performance.now() - t);
      t = performance.now();
      importLab(lab.xml, lab.kind);
      load.push(performance.now() - t);
    }
    return { decode, load };
  }, base64);
  await page.close();
  return { labDecodeMsChromium: round(median(runs.decode)), labImportMsChromium: round(median(runs.load)) };
}

export async function labChromiumFigures() {
  const browser = await chromium.launch(CHROMIUM);
  try {
    return await labInChromium(browser);
  } finally {
    await browser.close();
  }
}
