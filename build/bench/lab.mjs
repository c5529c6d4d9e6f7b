// The lab figures: a 1 MB saved lab opened in Node (lab/bench.ts), then the same file in Chromium;
// decode throughput and memory over generated labs of 10 KB to 5 MB (lab/bench.ts); and what one
// CLI call costs against Node's own start (issue 24).
import { execFileSync, spawnSync } from "node:child_process";
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
/** A lab of one LAN with two PCs, for timing one CLI call. */
const TINY_LAB = join(tmpdir(), "mail-console-bench-tiny.pkt");

export function labFigures() {
  const args = [join(root, "build/lab-cli.mjs"), "--run", "lab/bench.ts", "--json"];
  const out = execFileSync(process.execPath, [...args, "--keep", BENCH_LAB, "--keep-tiny", TINY_LAB], {
    encoding: "utf8",
    cwd: root,
    timeout: 300000,
  });
  const r = JSON.parse(out.trim().split("\n")[0]);
  return {
    labDecodeMs: r.labDecodeMs,
    labImportMs: r.labImportMs,
    labPeakMemoryRatio: r.labPeakMemoryRatio,
    labDecodeMBps: r.labDecodeMBps,
    labDecodeAesCtrRatio: r.labDecodeAesCtrRatio,
    labDecodePeakRatio: r.labDecodePeakRatio,
    labDecodePeakBudget: r.labDecodePeakBudget,
    ...labCliStart(),
  };
}

/** Wall time of one Node process, ms. */
function processMs(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore", timeout: 60000 });
  if (r.status !== 0) throw new Error("bench: node " + args.join(" ") + " exited with " + r.status);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * `npm run lab -- --json` on a tiny lab against `node -e 0`, 7 of each,
 * interleaved so both see the same load; the ratio of the medians. The first
 * call, untimed, builds the CLI's bundle and code cache if they are stale.
 */
function labCliStart() {
  const cli = [join(root, "build/lab-cli.mjs"), "--json", TINY_LAB];
  processMs(cli);
  const node = [],
    lab = [];
  for (let i = 0; i < 7; i++) {
    node.push(processMs(["-e", "0"]));
    lab.push(processMs(cli));
  }
  return {
    labCliStartMs: round(median(lab)),
    nodeStartMs: round(median(node)),
    labCliStartRatio: round(median(lab) / median(node), 2),
  };
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
