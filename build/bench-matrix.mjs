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

/**
 * The same class on a campus (issue 20): each site a VLAN (10 + site) on its own access switch, trunked to DSW,
 * a multilayer switch routing the VLANs through SVIs that relay DHCP; every even pupil leases its address; the
 * mail, DNS and DHCP servers sit behind the border router R1, whose inbound list drops the last site's SMTP.
 * `acl` is src/pt/acl-config.ts's parser (the lists as IOS writes them).
 */
export function campusOf(acl, sites = 4, perSite = 10) {
  const m24 = "255.255.255.0";
  const srv = (n) => "10.0.2." + n;
  const records = {};
  const pools = [];
  const dsw = { name: "DSW", kind: "switch", ipRouting: true, ports: [], svis: [], vlans: [1] };
  dsw.staticRoutes = [{ network: "0.0.0.0", mask: "0.0.0.0", nextHop: "10.0.1.2" }];
  const last = "10." + sites + ".0.0 0.0.0.255";
  const r1 = {
    name: "R1",
    kind: "router",
    ports: [
      { ip: "10.0.1.2", mask: "255.255.255.252", name: "GigabitEthernet0/0", aclIn: "101" },
      { ip: "10.0.2.1", mask: m24, name: "GigabitEthernet0/1" },
    ],
    staticRoutes: [{ network: "10.0.0.0", mask: "255.0.0.0", nextHop: "10.0.1.1" }],
    acls: acl(["access-list 101 deny tcp " + last + " any eq smtp", "access-list 101 permit ip any any"]).acls,
  };
  const server = (name, n, more) => ({
    name,
    kind: "server",
    ip: srv(n),
    mask: m24,
    gateway: srv(1),
    dns: srv(5),
    ...more,
  });
  const devices = [dsw, r1, { name: "SW-S", kind: "switch" }, server("DNS-SRV", 5, {}), server("DHCP-SRV", 6, {})];
  const links = [
    ["DSW:" + sites, "R1:0"],
    ["R1:1", "SW-S"],
    ["DNS-SRV", "SW-S"],
    ["DHCP-SRV", "SW-S"],
  ];
  for (let s = 1; s <= sites; s++) {
    const vlan = 10 + s;
    const net = "10." + s + ".0.";
    const domain = "site" + s + ".edu";
    dsw.ports.push({
      name: "GigabitEthernet0/" + s,
      switchport: { mode: "trunk", access: 1, native: 1, allowed: null },
    });
    dsw.svis.push({ vlan, ip: net + "1", mask: m24, helpers: [srv(6)] });
    dsw.vlans.push(vlan);
    const access = { mode: "access", access: vlan, native: 1, allowed: null };
    const as = {
      name: "AS-" + s,
      kind: "switch",
      ports: [{ name: "GigabitEthernet0/1", switchport: { ...access, mode: "trunk" } }],
    };
    devices.push(as);
    links.push(["DSW:" + (s - 1), "AS-" + s + ":0"]);
    pools.push({
      name: "VLAN" + vlan,
      network: net + "0",
      mask: m24,
      start: net + "100",
      max: 100,
      gateway: net + "1",
      dns: srv(5),
    });
    records[domain] = srv(10 + s);
    records["mail." + domain] = srv(10 + s);
    const users = {};
    for (let p = 1; p <= perSite; p++) {
      const user = "pupil" + s + "x" + p;
      users[user] = "pw-" + user;
      const pc = {
        name: "PC-" + s + "-" + p,
        kind: "pc",
        email: { mailId: user + "@" + domain, user, password: "pw-" + user, smtp: "mail." + domain },
      };
      if (p % 2) Object.assign(pc, { ip: net + (20 + p), mask: m24, gateway: net + "1", dns: srv(5) });
      else pc.dhcp = true;
      devices.push(pc);
      as.ports.push({ name: "FastEthernet0/" + p, switchport: access });
      links.push([pc.name, "AS-" + s + ":" + p]);
    }
    devices.push(server("MAIL-" + s, 10 + s, { mailServer: { domain, users } }));
    links.push(["MAIL-" + s, "SW-S"]);
  }
  dsw.ports.push({ name: "GigabitEthernet0/" + (sites + 1), routed: { ip: "10.0.1.1", mask: "255.255.255.252" } });
  devices[3].dnsServer = { records };
  devices[4].dhcpServer = { on: true, pools };
  return { name: "A campus of " + sites * perSite, devices, links };
}

/** The spec as the model sees it, built by the simulator in Node. */
async function snapshotInNode(spec) {
  const outfile = join(cache, "snapshot-of.mjs");
  await esbuild.build({
    stdin: {
      contents:
        'export { VirtualClock } from "./sim/clock"; export { World } from "./sim/world";' +
        'export { snapshotOf } from "./sim/snapshot"; export * from "./src/model";' +
        'export { aclOfConfig } from "./src/pt/acl-config"; export { readSnapshot } from "./src/lab-reader";' +
        'export { countingHost } from "./test/helpers/counting-host";',
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
  if (typeof spec === "function") spec = spec(sim);
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
  return { sim, world, snapshot: sim.snapshotOf(world), clients };
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
export async function matrixFigures(flavour = "qt5", runs = 7, lab = "class") {
  mkdirSync(cache, { recursive: true });
  const spec = lab === "campus" ? (sim) => campusOf(sim.aclOfConfig, 4, 10) : classOf(4, 10);
  const { snapshot, clients } = await snapshotInNode(spec);
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

/**
 * What reading the campus through the IPC reader costs: every call on every object PT hands out, counted,
 * over the ports of the snapshot (switch ports, sub-interfaces and SVIs included).
 */
export async function campusReadCalls() {
  const { sim, world } = await snapshotInNode((b) => campusOf(b.aclOfConfig, 4, 10));
  const counted = sim.countingHost(world.host());
  const snapshot = sim.readSnapshot(counted.host);
  const ports = snapshot.devices.reduce((n, d) => n + (d.ports ? d.ports.length : 0), 0);
  return { calls: counted.calls(), ports, devices: snapshot.devices.length, perPort: counted.calls() / ports };
}

async function main(argv) {
  const at = (flag, otherwise) => (argv.indexOf(flag) >= 0 ? argv[argv.indexOf(flag) + 1] : otherwise);
  const runs = Number(at("--runs", "7"));
  const r = await matrixFigures(at("--qt", "qt5"), runs, at("--lab", "class"));
  console.log(
    `Qt ${r.qtVersion}: ${r.senders} senders × ${r.cells / r.senders} accounts = ${r.cells} cells (${r.delivered} delivered), ${runs} runs`,
  );
  console.log(`  matrix runs (ms):   ${r.matrixRuns.join(" ")}`);
  console.log(`  baseline runs (ms): ${r.baselineRuns.join(" ")}  (decideFate × ${r.cells} alone)`);
  const ratio = (r.matrixMs / r.baselineMs).toFixed(2);
  console.log(`matrixMs ${r.matrixMs} (median; target ≤ 100) · baseline ${r.baselineMs} · ratio ${ratio}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
