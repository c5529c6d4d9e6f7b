// Figures for the lab importer on a generated lab of about 1 MB of XML:
//   labDecodeMs  container + inflate + UTF-8 (median of RUNS)
//   labImportMs  XML parse + TopologySpec (median of RUNS)
//   labPeakMemoryRatio  peak RSS growth over one decode + import in a fresh, warmed-up process, / XML bytes
//   node build/lab-cli.mjs --run lab/bench.ts [--json] [FILE...]   (FILEs: real labs, measured the same way)
import { spawnSync } from "node:child_process";
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

function time(fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return Math.round(median(times) * 10) / 10;
}

/**
 * Run in a fresh process: the code is first warmed up on a tiny lab (so JIT
 * code and heap spaces exist), then the peak RSS (maxRSS) growth over one
 * decode + import of the lab, which is what the data costs.
 */
export function peakChild(path: string): void {
  const tiny = encodeLab({ xml: exportLab(benchLab(1, 2)) }, nodeZlib);
  const warm = decodeLab(tiny, nodeZlib);
  importLab(warm.xml, warm.kind);
  const file = new Uint8Array(readFileSync(path));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const lab = decodeLab(file, nodeZlib);
  importLab(lab.xml, lab.kind);
  process.stdout.write(String(process.resourceUsage().maxRSS * 1024 - before));
}

function peakInChild(path: string): number {
  const code = "import(" + JSON.stringify(import.meta.url) + ").then((m) => m.peakChild(" + JSON.stringify(path) + "))";
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", code], { encoding: "utf8" });
  if (r.status !== 0) throw new Error("bench: the memory child failed: " + r.stderr);
  return Number(r.stdout.trim());
}

export async function main(argv: string[], out: (line: string) => void): Promise<number> {
  const json = argv.indexOf("--json") >= 0;
  const dir = mkdtempSync(join(tmpdir(), "lab-bench-"));
  try {
    const generated = join(dir, "generated.pkt");
    writeFileSync(generated, encodeLab({ xml: exportLab(benchLab()) }, nodeZlib));
    // --keep PATH: also leave the generated lab at PATH (npm run bench decodes it again in Chromium).
    const keep = argv.indexOf("--keep");
    if (keep >= 0 && argv[keep + 1]) writeFileSync(argv[keep + 1], readFileSync(generated));
    const files = argv.filter((a, i) => !a.startsWith("--") && !(keep >= 0 && i === keep + 1));
    for (const path of [generated, ...files]) {
      const file = new Uint8Array(readFileSync(path));
      const decoded = decodeLab(file, nodeZlib);
      const xmlBytes = new TextEncoder().encode(decoded.xml).length;
      const figures = {
        lab: path === generated ? "generated" : path,
        fileBytes: file.length,
        xmlBytes,
        devices: importLab(decoded.xml, decoded.kind).devices.length,
        labDecodeMs: time(() => decodeLab(file, nodeZlib)),
        labImportMs: time(() => importLab(decoded.xml, decoded.kind)),
        labPeakMemoryRatio: Math.round((peakInChild(path) / xmlBytes) * 10) / 10,
      };
      out(
        json
          ? JSON.stringify(figures)
          : Object.entries(figures)
              .map(([k, v]) => k + " " + v)
              .join("  "),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}
