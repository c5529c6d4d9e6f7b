// matrixMs: the delivery matrix of a 40 × 40 class (40 senders, 40 accounts)
// predicted from a snapshot in Qt 5.15's QJSEngine (PT 8.x), target ≤ 100 ms.
// The snapshot is built in Node (a generated TopologySpec loaded into the
// simulator, read by snapshotOf) and written as JSON into the script; the
// model is src/model/matrix.ts bundled as the engine ships it (iife, ES2016).
// Each run times deliveryMatrix and, as a baseline, the same 1,600 decideFate
// calls alone; the host's Date.now is virtual, so the real clock is read
// through new Date().getTime() (the prelude replaces Date.now only).
// build/bench.mjs calls matrixFigures for both Qt hosts.
//   node build/bench-matrix.mjs [--runs N] [--qt qt5|qt6]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { checkEngineSource } from "./engine-guard.mjs";
import { qjsHost } from "./qjs-host.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules/.cache/mail-console-bench");

/**
 * A class of `sites` × `perSite` pupils: one router, a switch, a mail server
 * (domain siteN.edu) and perSite PCs per site, one DNS server on site 1 with
 * every domain's and mail server's A record. Each PC's account is a user of its
 * site's server, so there are as many senders as accounts; 3 in 4 pairs relay.
 */
export function classOf(sites = 4, perSite = 10) {
  const m24 = "255.255.255.0";
  const net = (s) => "10." + s + ".0.";
  const records = {};
  const devices = [
    { name: "R1", kind: "router", ports: [] },
    { name: "DNS-SRV", kind: "server", ip: "10.1.0.5", mask: m24, gateway: "10.1.0.1", dns: "10.1.0.5" },
  ];
  const links = [["DNS-SRV", "SW-1"]];
  for (let s = 1; s <= sites; s++) {
    const domain = "site" + s + ".edu";
    const host = { mask: m24, gateway: net(s) + "1", dns: "10.1.0.5" };
    devices[0].ports.push({ ip: net(s) + "1", mask: m24 });
    devices.push({ name: "SW-" + s, kind: "switch" });
    links.push(["R1:" + (s - 1), "SW-" + s]);
    records[domain] = net(s) + "10";
    records["mail." + domain] = net(s) + "10";
    const users = {};
    for (let p = 1; p <= perSite; p++) {
      const user = "pupil" + s + "x" + p;
      users[user] = "pw-" + user;
      devices.push({
        name: "PC-" + s + "-" + p,
        kind: "pc",
        ip: net(s) + (20 + p),
        ...host,
        email: { mailId: user + "@" + domain, user, password: "pw-" + user, smtp: "mail." + domain },
      });
      links.push(["PC-" + s + "-" + p, "SW-" + s]);
    }
    devices.push({ name: "MAIL-" + s, kind: "server", ip: net(s) + "10", ...host, mailServer: { domain, users } });
    links.push(["MAIL-" + s, "SW-" + s]);
  }
  devices[1].dnsServer = { records };
  return { name: "A class of " + sites * perSite, devices, links };
}

/** The spec as the model sees it, built by the simulator in Node. */
async function snapshotInNode(spec) {
  const outfile = join(cache, "snapshot-of.mjs");
  await esbuild.build({
    stdin: {
      contents:
        'export { VirtualClock } from "./sim/clock"; export { World } from "./sim/world";' +
        'export { snapshotOf } from "./sim/snapshot"; export * from "./src/model";',
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  const sim = await import(pathToFileURL(outfile).href + "?t=" + Date.now());
  const world = new sim.World({ clock: new sim.VirtualClock() });
  world.load(spec);
  const clients = spec.devices
    .filter((d) => d.email)
    .map((d) => ({
      device: d.name,
      mailId: d.email.mailId,
      user: d.email.user,
      password: d.email.password,
      smtpServer: d.email.smtp,
    }));
  return { sim, snapshot: sim.snapshotOf(world), clients };
}

/** src/model/matrix.ts and decideFate as one ES2016 script defining MailMatrix, checked like the engine. */
export async function matrixScript() {
  const r = await esbuild.build({
    stdin: {
      contents:
        'export { deliveryMatrix } from "./src/model/matrix"; export { decideFate } from "./src/model/fate";' +
        'export { defaultBehaviour } from "./src/model/behaviour";',
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "iife",
    globalName: "MailMatrix",
    target: "es2016",
    logLevel: "warning",
  });
  const code = r.outputFiles[0].text;
  checkEngineSource(code, "MailMatrix bundle");
  return code;
}

const BENCH = `
var behaviour = MailMatrix.defaultBehaviour();
function clockMs() { return new Date().getTime(); }
function matrixOnce() { return MailMatrix.deliveryMatrix(SNAPSHOT, CLIENTS, behaviour); }
function fatesOnce(roster) {
  for (var i = 0; i < CLIENTS.length; i++)
    for (var j = 0; j < roster.length; j++) {
      var c = CLIENTS[i];
      MailMatrix.decideFate(SNAPSHOT, { device: c.device, from: c.mailId, to: roster[j], password: c.password, server: c.smtpServer }, behaviour);
    }
}
var first = matrixOnce();
var matrixMs = [], baselineMs = [];
for (var run = 0; run < RUNS; run++) {
  var t0 = clockMs();
  matrixOnce();
  var t1 = clockMs();
  fatesOnce(first.roster);
  var t2 = clockMs();
  matrixMs.push(t1 - t0);
  baselineMs.push(t2 - t1);
}
__host.result({ cells: first.cells.length, delivered: first.cells.filter(function (c) { return c.predicted === "delivered"; }).length, matrixMs: matrixMs, baselineMs: baselineMs });
`;

export function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * matrixMs in one Qt host: the median of `runs` timed deliveryMatrix calls and
 * of as many baselines (decideFate × the cells, each indexing the snapshot
 * anew), with the raw runs. The host has ten minutes: a hang is an error.
 */
export async function matrixFigures(flavour = "qt5", runs = 7) {
  mkdirSync(cache, { recursive: true });
  const { snapshot, clients } = await snapshotInNode(classOf(4, 10));
  const bundle = join(cache, "matrix.js");
  const script = join(cache, "bench-matrix.js");
  writeFileSync(bundle, await matrixScript());
  writeFileSync(
    script,
    "var SNAPSHOT = " +
      JSON.stringify(snapshot) +
      ";\nvar CLIENTS = " +
      JSON.stringify(clients) +
      ";\nvar RUNS = " +
      runs +
      ";\n" +
      BENCH,
  );
  const out = execFileSync(qjsHost(flavour), [bundle, script], { encoding: "utf8", timeout: 600000 });
  const line = out.split("\n").filter((l) => l.startsWith("RESULT "))[0];
  if (!line) throw new Error("bench-matrix: no result from the Qt host\n" + out.slice(0, 2000));
  const r = JSON.parse(line.slice(7));
  return {
    qtVersion: (/QT_VERSION (\S+)/.exec(out) || [])[1],
    senders: clients.length,
    cells: r.cells,
    delivered: r.delivered,
    matrixMs: median(r.matrixMs),
    baselineMs: median(r.baselineMs),
    matrixRuns: r.matrixMs,
    baselineRuns: r.baselineMs,
  };
}

async function main(argv) {
  const at = (flag, otherwise) => (argv.indexOf(flag) >= 0 ? argv[argv.indexOf(flag) + 1] : otherwise);
  const runs = Number(at("--runs", "7"));
  const r = await matrixFigures(at("--qt", "qt5"), runs);
  console.log(
    `Qt ${r.qtVersion}: ${r.senders} senders × ${r.cells / r.senders} accounts = ${r.cells} cells (${r.delivered} delivered), ${runs} runs`,
  );
  console.log(`  matrix runs (ms):   ${r.matrixRuns.join(" ")}`);
  console.log(`  baseline runs (ms): ${r.baselineRuns.join(" ")}  (decideFate × ${r.cells} alone)`);
  const ratio = (r.matrixMs / r.baselineMs).toFixed(2);
  console.log(`matrixMs ${r.matrixMs} (median; target ≤ 100) · baseline ${r.baselineMs} · ratio ${ratio}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
