// Figures for the lab codec and importer (npm run bench, build/bench/lab.mjs):
//   labDecodeMs  container + inflate + UTF-8 on a generated lab of about 1 MB of XML (median of RUNS)
//   labImportMs  XML parse + TopologySpec (median of RUNS)
//   labPeakMemoryRatio  peak RSS growth over one decode + import in a fresh, warmed-up process, / XML bytes
//   labDecodeMBps  decode over generated labs of about 10 KB, 100 KB, 1 MB and 5 MB of file:
//                  Σ file bytes ÷ Σ median decode times (issue 24)
//   labDecodeAesCtrRatio  those decode times ÷ Node's AES-128-CTR over the same bytes: a native floor,
//                  measured in the same run, so the machine's load cancels out
//   labDecodePeakRatio  peak RSS growth while decoding the largest of them in a fresh, warmed-up
//                  process, ÷ (file + XML bytes); labDecodePeakBudget: (3 × file + 2 × XML) ÷ the same
//   node build/lab-cli.mjs --run lab/bench.ts [--json] [--keep PATH] [--keep-tiny PATH] [FILE...]
// FILEs (real labs) get the same figures, each on its own. The generated labs
// pad their XML with base64 text so they compress about as poorly as real
// labs (4.2 MB of file for 6.6 MB of XML): the cipher's share is realistic.
import { spawnSync } from "node:child_process";
import { createCipheriv } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoredMailSpec, TopologySpec } from "../sim/spec";
import { decodeLab, encodeLab } from "./codec/lab-file";
import { nodeZlib } from "./codec/zlib-node";
import { exportLab } from "./export/export-lab";
import { importLab } from "./import/import-lab";

const RUNS = 15;
const WARMUP = 3;

/** A campus: LANS sites, each a switch, a mail and DNS server and PCS clients with a few stored mails. */
export function benchLab(lans = 14, pcs = 24): TopologySpec {
  const spec: TopologySpec = { name: "bench", devices: [{ name: "R0", kind: "router", ports: [] }], links: [] };
  const mail = (i: number): StoredMailSpec => ({
    from: "user" + i + "@site.lab",
    rcpt: "user0@site.lab",
    subject: "Report " + i,
    content: "Hello,\nthe figures for week " + i + " are attached below.\n".repeat(3),
    dateTime: "Mon Jan 5 2026 09:15:00",
  });
  for (let s = 0; s < lans; s++) {
    const net = "10." + s + ".0.",
      domain = "site" + s + ".lab";
    (spec.devices[0] as { ports: { ip: string; mask: string }[] }).ports.push({ ip: net + "1", mask: "255.255.255.0" });
    const users: { [u: string]: string } = {};
    for (let p = 0; p < pcs; p++) users["user" + p] = "pw" + p;
    spec.devices.push(
      { name: "SW" + s, kind: "switch" },
      {
        name: "SRV" + s,
        kind: "server",
        ip: net + "10",
        mask: "255.255.255.0",
        gateway: net + "1",
        dns: net + "10",
        dnsServer: { records: { [domain]: net + "10", ["mail." + domain]: net + "10" } },
        mailServer: { domain, users, mailboxes: { user0: [mail(1), mail(2), mail(3)] } },
      },
    );
    spec.links.push(["R0:" + s, "SW" + s], ["SRV" + s, "SW" + s]);
    for (let p = 0; p < pcs; p++) {
      const name = "PC" + s + "-" + p;
      spec.devices.push({
        name,
        kind: "pc",
        ip: net + (20 + p),
        mask: "255.255.255.0",
        gateway: net + "1",
        dns: net + "10",
        email: {
          mailId: "user" + p + "@" + domain,
          user: "user" + p,
          password: "pw" + p,
          smtp: "mail." + domain,
          inbox: [mail(p), mail(p + 1)],
        },
      });
      spec.links.push([name, "SW" + s]);
    }
  }
  return spec;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs = RUNS): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Deterministic filler: base64 of xorshift32 bytes, in 76-character lines as PT's embedded images are. */
function filler(chars: number, seed = 2463534242): string {
  const bytes = new Uint8Array(Math.ceil((chars * 3) / 4));
  let x = seed;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  const text = Buffer.from(bytes).toString("base64").slice(0, chars);
  return text.replace(/.{76}/g, "$&\n");
}

/** A lab whose file is about `fileBytes`: a small campus, padded before the root's end tag. */
export function sizedLab(fileBytes: number): Uint8Array {
  const xml = exportLab(benchLab(2, 8));
  const end = xml.lastIndexOf("</");
  const make = (chars: number) =>
    encodeLab({ xml: xml.slice(0, end) + "<PADDING>" + filler(chars) + "</PADDING>\n" + xml.slice(end) }, nodeZlib);
  // base64 of random bytes deflates to about 3/4 of its length: guess, then correct once.
  const first = make(Math.max(0, Math.round((fileBytes - 2000) / 0.76)));
  const base = make(0).length;
  const perChar = (first.length - base) / Math.max(1, Math.round((fileBytes - 2000) / 0.76));
  return perChar > 0 ? make(Math.max(0, Math.round((fileBytes - base) / perChar))) : first;
}

/** Node's AES-128-CTR over the same bytes: what a native cipher costs, the floor. */
function aesCtr(file: Uint8Array): void {
  const c = createCipheriv("aes-128-ctr", new Uint8Array(16).fill(0x89), new Uint8Array(16).fill(0x10));
  c.update(file);
  c.final();
}

/** Decode and AES-128-CTR over each file, interleaved, median of each: [Σ decode ms, Σ AES ms]. */
function decodeTimes(files: Uint8Array[]): { decodeMs: number; aesMs: number } {
  let decodeMs = 0,
    aesMs = 0;
  for (const file of files) {
    // About a second of decoding per lab, at least 7 runs.
    const runs = Math.max(7, Math.min(51, Math.round(5e6 / file.length)));
    decodeMs += time(() => decodeLab(file, nodeZlib), runs);
    aesMs += time(() => aesCtr(file), runs);
  }
  return { decodeMs, aesMs };
}

/**
 * Run in a fresh process: the code is first warmed up on a tiny lab (so JIT
 * code and heap spaces exist; for decodeOnly, 2 MB more so the cipher is
 * optimized), then the peak RSS (maxRSS) growth over one decode (+ import,
 * unless decodeOnly) of the lab, which is what the data costs.
 */
export function peakChild(path: string, decodeOnly = false): void {
  const tiny = encodeLab({ xml: exportLab(benchLab(1, 2)) }, nodeZlib);
  const warm = decodeLab(tiny, nodeZlib);
  if (!decodeOnly) importLab(warm.xml, warm.kind);
  // The cipher's loops are only optimized after some megabytes: the compiler's memory is not the data's.
  const mid = decodeOnly ? sizedLab(200e3) : tiny;
  for (let i = 0; decodeOnly && i < 10; i++) decodeLab(mid, nodeZlib);
  const file = new Uint8Array(readFileSync(path));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const lab = decodeLab(file, nodeZlib);
  if (!decodeOnly) importLab(lab.xml, lab.kind);
  process.stdout.write(String(process.resourceUsage().maxRSS * 1024 - before));
}

/**
 * The median of five children: RSS moves with what the allocator and the GC
 * happen to do. For decodeOnly, optimizing compiles run on the main thread, so
 * a busy machine cannot push the warm-up's compile into the measured decode.
 */
function peakInChild(path: string, decodeOnly = false): number {
  const call = "m.peakChild(" + JSON.stringify(path) + ", " + decodeOnly + ")";
  const code = "import(" + JSON.stringify(import.meta.url) + ").then((m) => " + call + ")";
  const sync = decodeOnly ? ["--no-concurrent-recompilation"] : [];
  const flags = ["--expose-gc", ...sync, "--input-type=module", "-e", code];
  const peaks = [0, 1, 2, 3, 4].map(() => {
    const r = spawnSync(process.execPath, flags, { encoding: "utf8" });
    if (r.status !== 0) throw new Error("bench: the memory child failed: " + r.stderr);
    return Number(r.stdout.trim());
  });
  return median(peaks);
}

/** The figures for one lab file, or for the generated 1 MB lab with the generated set's decode figures. */
function figures(path: string, label: string, set: string[]): { [key: string]: unknown } {
  const file = new Uint8Array(readFileSync(path));
  const decoded = decodeLab(file, nodeZlib);
  const xmlBytes = new TextEncoder().encode(decoded.xml).length;
  const files = set.map((p) => new Uint8Array(readFileSync(p)));
  const big = files.reduce((best, f, i) => (f.length > files[best].length ? i : best), 0);
  const bigXml = new TextEncoder().encode(decodeLab(files[big], nodeZlib).xml).length;
  const { decodeMs, aesMs } = decodeTimes(files);
  const total = files.reduce((n, f) => n + f.length, 0);
  return {
    lab: label,
    fileBytes: file.length,
    xmlBytes,
    devices: importLab(decoded.xml, decoded.kind).devices.length,
    labDecodeMs: round(time(() => decodeLab(file, nodeZlib))),
    labImportMs: round(time(() => importLab(decoded.xml, decoded.kind))),
    labPeakMemoryRatio: round(peakInChild(path) / xmlBytes),
    labDecodeMBps: round(total / 1000 / decodeMs),
    labDecodeAesCtrRatio: round(decodeMs / aesMs),
    labDecodePeakRatio: round(peakInChild(set[big], true) / (files[big].length + bigXml), 2),
    // Issue 24's budget, what decoding may add: 3 × file + 2 × XML, on the same scale.
    labDecodePeakBudget: round((3 * files[big].length + 2 * bigXml) / (files[big].length + bigXml), 2),
    decodeSet: files.map((f) => f.length),
  };
}

/** The generated set's file sizes: "from 10 KB to 5 MB" (issue 24). */
const SET_BYTES = [10e3, 100e3, 1e6, 5e6];

function option(argv: string[], name: string): string | null {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1] : null;
}

export async function main(argv: string[], out: (line: string) => void): Promise<number> {
  const json = argv.indexOf("--json") >= 0;
  const dir = mkdtempSync(join(tmpdir(), "lab-bench-"));
  try {
    const generated = join(dir, "generated.pkt");
    writeFileSync(generated, encodeLab({ xml: exportLab(benchLab()) }, nodeZlib));
    // --keep PATH: also leave the generated lab at PATH (npm run bench decodes it again in Chromium);
    // --keep-tiny PATH: a tiny lab, for timing one CLI call (build/bench/lab.mjs).
    const keep = option(argv, "--keep"),
      tiny = option(argv, "--keep-tiny");
    if (keep) writeFileSync(keep, readFileSync(generated));
    if (tiny) writeFileSync(tiny, encodeLab({ xml: exportLab(benchLab(1, 2)) }, nodeZlib));
    const set = SET_BYTES.map((bytes, i) => {
      const path = join(dir, "set-" + i + ".pkt");
      writeFileSync(path, sizedLab(bytes));
      return path;
    });
    const files = argv.filter((a, i) => !a.startsWith("--") && !/^--keep/.test(argv[i - 1] || ""));
    const rows = [figures(generated, "generated", set), ...files.map((f) => figures(f, f, [f]))];
    for (const row of rows)
      out(
        json
          ? JSON.stringify(row)
          : Object.entries(row)
              .map(([k, v]) => k + " " + v)
              .join("  "),
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}
