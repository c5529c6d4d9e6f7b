// Figures for grading a class (npm run bench, build/bench/grade.mjs; issue 25):
//   gradeLabsPerSecond   100 generated labs of about 1 MB of XML, graded on every core (worker threads)
//   gradeOneCoreLabsPerSecond  the same labs graded by one worker thread (started cold, as each of the others)
//   gradeCoreRatio       the two ÷ each other (target ≥ 1.7 on 2 cores)
//   gradeCpuRatio        CPU time on every core ÷ on one worker: the extra work of more workers (each starts
//                        cold), whatever else the machine runs; on N idle cores the core ratio is about N ÷ this
//   gradeMachineCoreRatio the same ratio for a plain CPU loop in worker threads, same run: what the machine
//                        allows now (other processes share its cores); gradeCoreRatio cannot exceed it
//   gradeMs              median time to grade one lab (decode, import, matrix, score) in that one worker
//   gradeWorkerPeakRatio the most memory a lab added to its worker (V8 heap in use plus buffers after a
//                        full GC, sampled after decode, import, matrix and score, less what the worker held
//                        before the lab), ÷ one lab's XML; 20 labs, in a pass of their own
//   node build/lab-cli.mjs --run lab/grade/bench.ts [--json] [--labs N]
// Each lab is a class of two mail domains (15 clients each: 900 pairs) whose
// XML is padded to 1 MB with base64 text in an element the importer skips,
// as real labs are mostly workspace and GUI state; every lab differs (its
// profile and one missing account), so none is graded once for two.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { HostSpec, TopologySpec } from "../../sim/spec";
import { encodeLab } from "../codec/lab-file";
import { nodeZlib } from "../codec/zlib-node";
import { exportLab } from "../export/export-lab";
import { el, writeXml } from "../export/xml-writer";
import { loadExpectation } from "./grade-lab";
import { defaultThreads, gradeAll, type Job, type JobCost } from "./pool";

const XML_BYTES = 1024 * 1024;
const PER_DOMAIN = 15;

/** Two LANs through one router, a DNS server, a mail server and PER_DOMAIN clients each; `drop` leaves out one account. */
export function benchClass(drop = ""): TopologySpec {
  const m = "255.255.255.0";
  const spec: TopologySpec = {
    name: "grade-bench",
    devices: [
      {
        name: "R1",
        kind: "router",
        ports: [
          { ip: "10.1.0.1", mask: m },
          { ip: "10.2.0.1", mask: m },
        ],
      },
      { name: "SW1", kind: "switch" },
      { name: "SW2", kind: "switch" },
    ],
    links: [
      ["R1:0", "SW1"],
      ["R1:1", "SW2"],
    ],
  };
  const records: { [name: string]: string } = {};
  for (const s of [1, 2]) {
    const domain = "site" + s + ".edu",
      net = "10." + s + ".0.";
    records[domain] = records["mail." + domain] = net + "10";
    const users: { [u: string]: string } = {};
    for (let p = 0; p < PER_DOMAIN; p++) if ("u" + p + "@" + domain !== drop) users["u" + p] = "pw" + p;
    const srv: HostSpec = {
      name: "MAIL" + s,
      kind: "server",
      ip: net + "10",
      mask: m,
      gateway: net + "1",
      dns: "10.1.0.5",
      mailServer: { domain, users },
    };
    spec.devices.push(srv);
    spec.links.push([srv.name, "SW" + s]);
    for (let p = 0; p < PER_DOMAIN; p++) {
      const name = "PC" + s + "-" + p;
      spec.devices.push({
        name,
        kind: "pc",
        ip: net + (20 + p),
        mask: m,
        gateway: net + "1",
        dns: "10.1.0.5",
        email: { mailId: "u" + p + "@" + domain, user: "u" + p, password: "pw" + p, smtp: "mail." + domain },
      });
      spec.links.push([name, "SW" + s]);
    }
  }
  spec.devices.push({
    name: "DNS",
    kind: "server",
    ip: "10.1.0.5",
    mask: m,
    gateway: "10.1.0.1",
    dns: "10.1.0.5",
    dnsServer: { records },
  });
  spec.links.push(["DNS", "SW1"]);
  return spec;
}

/** The lab's XML with a profile and padding to about XML_BYTES, in elements the importer skips. */
export function benchXml(spec: TopologySpec, student: string): string {
  const xml = exportLab(spec, "pkt");
  const profile = writeXml(el("USER_PROFILE", [el("NAME", student), el("EMAIL"), el("ADDITIONAL_INFO")]));
  const lines: string[] = [];
  let size = xml.length + profile.length;
  while (size < XML_BYTES) {
    const line = "  <LINE>" + randomBytes(96).toString("base64") + "</LINE>";
    lines.push(line);
    size += line.length + 1;
  }
  const pad = " <PHYSICALWORKSPACE>\n" + lines.join("\n") + "\n </PHYSICALWORKSPACE>\n";
  return xml.replace(/<\/PACKETTRACER5>\n$/, pad + profile.replace(/^/gm, " ").trimEnd() + "\n</PACKETTRACER5>\n");
}

/** Wall time of `count` workers each running the same CPU loop at once, s. */
function loopSeconds(count: number): Promise<number> {
  const code =
    "let x = 0; for (let i = 0; i < 1e9; i++) x = (x + i) | 0; require('node:worker_threads').parentPort.postMessage(x);";
  const t = performance.now();
  return Promise.all(
    Array.from({ length: count }, () => new Promise((done) => new Worker(code, { eval: true }).once("message", done))),
  ).then(() => (performance.now() - t) / 1000);
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;

async function timed(jobs: Job[], answer: string, threads: number, measureMemory = false) {
  const expectation = loadExpectation(answer);
  const costs: JobCost[] = [];
  const t = performance.now();
  const cpu = process.cpuUsage();
  const results = await gradeAll(jobs, expectation, {
    threads,
    alwaysWorkers: true,
    measureMemory,
    onDone: (_i, _r, c) => costs.push(c),
  });
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error("bench: " + failed.length + " labs not graded: " + JSON.stringify(failed[0]));
  return { labsPerSecond: jobs.length / seconds, cpuSeconds: (used.user + used.system) / 1e6, costs };
}

export async function main(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const at = argv.indexOf("--labs");
  const count = at >= 0 ? Number(argv[at + 1]) : 100;
  const dir = mkdtempSync(join(tmpdir(), "grade-bench-"));
  try {
    const answer = join(dir, "answer.pkt");
    writeFileSync(answer, encodeLab({ xml: benchXml(benchClass(), "Instructor") }, nodeZlib));
    const jobs: Job[] = [];
    let xmlBytes = 0;
    for (let i = 0; i < count; i++) {
      const file = join(dir, "student-" + i + ".pkt");
      const xml = benchXml(benchClass("u" + (i % PER_DOMAIN) + "@site" + (1 + (i % 2)) + ".edu"), "Student " + i);
      xmlBytes = Math.max(xmlBytes, xml.length);
      writeFileSync(file, encodeLab({ xml }, nodeZlib));
      jobs.push({ file, sameAsAnswer: false });
    }
    const threads = defaultThreads();
    // One thread first (it also warms the disk cache), then every core; the best of two runs each.
    const one = [await timed(jobs, answer, 1), await timed(jobs, answer, 1)];
    const all = [await timed(jobs, answer, threads), await timed(jobs, answer, threads)];
    const oneLoop = await loopSeconds(1);
    const allLoop = await loopSeconds(threads);
    const best = (runs: { labsPerSecond: number }[]) => Math.max(...runs.map((r) => r.labsPerSecond));
    // Memory apart: a full GC after each step is slow, and would be timed.
    const memory = await timed(jobs.slice(0, 20), answer, threads, true);
    const peak = Math.max(...memory.costs.map((c) => c.addedBytes));
    const figures = {
      gradeLabsPerSecond: round(best(all)),
      gradeOneCoreLabsPerSecond: round(best(one)),
      gradeCoreRatio: round(best(all) / best(one), 2),
      // CPU time of the whole process (workers included): what running on every core costs in extra work.
      gradeCpuRatio: round(Math.min(...all.map((r) => r.cpuSeconds)) / Math.min(...one.map((r) => r.cpuSeconds)), 2),
      gradeMachineCoreRatio: round((threads * oneLoop) / allLoop, 2),
      gradeThreads: threads,
      gradeMs: round(median(one[1].costs.map((c) => c.ms)), 2),
      gradeWorkerPeakRatio: round(peak / xmlBytes, 2),
      gradeXmlBytes: xmlBytes,
    };
    if (argv.indexOf("--json") >= 0) out(JSON.stringify(figures));
    else for (const k of Object.keys(figures)) out(k + ": " + figures[k as keyof typeof figures]);
    return 0;
  } catch (e) {
    err(String(e instanceof Error ? e.message : e));
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
