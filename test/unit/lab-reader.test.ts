// Reading the lab through IPC (issue 12): given a topology in the simulator,
// the engine's reader sees what sim/snapshot.ts knows, except where PT's calls
// answer otherwise (listed in asReadThroughIpc); the model decides the same
// fates from both; a process that throws or is missing costs one fact; and the
// cache reads once until PT says something changed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { checkEngineSource } from "../../build/engine-guard.mjs";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { importLab } from "../../lab/import/import-lab";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { VirtualClock } from "../../sim/clock";
import type { SimDevice } from "../../sim/device";
import type { SimHostPort } from "../../sim/ports";
import { classroom, oneLan } from "../../sim/scenarios/classroom";
import { largeLab } from "../../sim/scenarios/large-lab";
import { snapshotOf } from "../../sim/snapshot";
import type { TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { LabSnapshot, SNAPSHOT_MAX_AGE_MS } from "../../src/lab-snapshot";
import { decideFate, defaultBehaviour, type Fate, type MailFacts, type Snapshot } from "../../src/model";
import { joins } from "../../src/model/wireless";
import { Subscriptions } from "../../src/subscriptions";
import { countingHost } from "../helpers/counting-host";

function worldOf(spec: TopologySpec): World {
  const world = new World({ clock: new VirtualClock() });
  world.load(spec);
  return world;
}

function labs(): TopologySpec[] {
  const specs = [classroom(), oneLan()];
  for (const lab of fixtureLabs()) {
    const decoded = decodeLab(new Uint8Array(readFileSync(join(FIXTURE_DIR, lab.file))), nodeZlib);
    specs.push({ ...importLab(decoded.xml, decoded.kind, lab.file).spec, name: lab.file });
  }
  return specs;
}

/**
 * sim/snapshot.ts's answer, corrected where PT's calls answer otherwise:
 *  1. a power distribution device has no ARP process: it has resolved nothing;
 *  2. a printer has IP Configuration (HostIp, DnsClient): its gateway and DNS server are read;
 *  3. Port.isPortUp() is the IOS status, not the setting: a port is up only when its device is
 *     on, it is cabled, the cable is up, and the far end is on and not shut down; a link is up
 *     when its ends are;
 *  4. routed networks as the running configuration writes them ("10.0.0.0 0.0.0.3", which the
 *     model parses), not the importer's "10.0.0.0/30".
 */
function asReadThroughIpc(s: Snapshot, world: World): Snapshot {
  const out: Snapshot = JSON.parse(JSON.stringify(s));
  const byName = new Map(out.devices.map((d) => [d.name, d]));
  const setting = (device: string | null, port: string | null) =>
    byName.get(device || "")?.ports?.find((p) => p.name === port)?.up === true;
  const status = new Map<string, boolean>();
  for (const l of out.links || []) {
    const a = byName.get(l.a.device || ""),
      b = byName.get(l.b.device || "");
    const up = !!(l.up && a?.power && b?.power && setting(l.a.device, l.a.port) && setting(l.b.device, l.b.port));
    status.set(l.a.device + "#" + l.a.port, up);
    status.set(l.b.device + "#" + l.b.port, up);
    l.up = up;
  }
  for (const d of out.devices) {
    if (d.kind === "power") d.arp = "";
    const sim = world.device(d.name) as SimDevice;
    if (d.kind === "printer") [d.gateway, d.dnsServer] = [sim.gateway, sim.dnsServer];
    // A sub-interface is as up as its cabled port, an SVI as its switch (sim/ports.ts statusOf).
    // A radio is up as read (no cable); a wireless host's port while a powered AP's network matches (sim/ports.ts).
    const air = d.wlan;
    for (const p of d.ports || [])
      p.up = p.vlan
        ? p.up === true &&
          (p.vlan.parent === null ? d.power === true : status.get(d.name + "#" + p.vlan.parent) === true)
        : d.wlans && p.name === "Wireless"
          ? true
          : air
            ? d.power === true && out.devices.some((x) => x.power && (x.wlans || []).some((n) => joins(air, n)))
            : status.get(d.name + "#" + p.name) === true;
    if (d.routing && d.routing !== "none") d.routing.routedNetworks = (d.routing.routedNetworks || []).map(wildcard);
  }
  return out;
}

function wildcard(cidr: string): string {
  const [net, len] = cidr.split("/");
  if (!len) return cidr;
  const w = 2 ** (32 - Number(len)) - 1;
  return net + " " + [w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255].join(".");
}

/** A few mails from each sender: to itself, to everyone else, to a stranger, and one with a wrong password. */
function mailsOf(world: World): MailFacts[] {
  const senders = world.devices.filter((d) => d.email?.user.mailId);
  const mails: MailFacts[] = [];
  for (const s of senders) {
    const u = s.email!.user;
    const base = { device: s.name, from: u.mailId, password: u.password, server: u.smtpServer };
    for (const r of senders) mails.push({ ...base, to: r.email!.user.mailId });
    mails.push({ ...base, to: "nobody@" + u.mailId.split("@")[1] });
    mails.push({ ...base, to: u.mailId, password: u.password + "x" });
  }
  return mails;
}

/** What a fate tells, its steps worded: a fate keeps the context it was decided in until they are read (fate.ts). */
function told(f: Fate) {
  return {
    codes: f.codes,
    outcome: f.outcome,
    cause: f.cause,
    fix: f.fix,
    rule: f.rule,
    evidence: f.evidence,
    steps: f.steps,
  };
}

describe("reading the lab through IPC", () => {
  for (const spec of labs()) {
    it(`${spec.name}: reads what the simulator knows, as PT's calls answer it, and decides the same fates`, () => {
      const world = worldOf(spec);
      const read = readSnapshot(world.host());
      const sim = snapshotOf(world);
      expect(read).toEqual(asReadThroughIpc(sim, world));
      for (const mail of mailsOf(world))
        expect(told(decideFate(read, mail, defaultBehaviour())), JSON.stringify(mail)).toEqual(
          told(decideFate(sim, mail, defaultBehaviour())),
        );
    });
  }

  it("the classroom differs only by the power strip's ARP, the one-LAN file not at all", () => {
    const world = worldOf(classroom());
    const sim = snapshotOf(world);
    sim.devices[0].arp = "";
    expect(readSnapshot(world.host())).toEqual(sim);
    const lan = worldOf(oneLan());
    expect(readSnapshot(lan.host())).toEqual(snapshotOf(lan));
  });
});

describe("a fact PT will not give is null, and only that fact", () => {
  const faults: [string, string, (s: Snapshot) => void][] = [
    ["PC-Alice", "HostIp", (s) => (dev(s, "PC-Alice").gateway = null)],
    ["PC-Alice", "DnsClient", (s) => (dev(s, "PC-Alice").dnsServer = null)],
    ["PC-Alice", "Arp", (s) => (dev(s, "PC-Alice").arp = null)],
    ["MAIL-ALPHA", "SmtpServer", (s) => Object.assign(mail(s, "MAIL-ALPHA"), { smtpOn: null, domain: null })],
    ["MAIL-ALPHA", "Pop3Server", (s) => (mail(s, "MAIL-ALPHA").pop3On = null)],
    ["MAIL-ALPHA", "EmailServer", (s) => (mail(s, "MAIL-ALPHA").accounts = null)],
    ["DNS-SRV", "DnsServer", (s) => (dev(s, "DNS-SRV").dns = null)],
    ["R1", "Routing", (s) => Object.assign(dev(s, "R1").routing as object, { staticRoutes: null })],
  ];
  const dev = (s: Snapshot, name: string) => s.devices.find((d) => d.name === name)!;
  const mail = (s: Snapshot, name: string) =>
    dev(s, name).mail as Exclude<Snapshot["devices"][0]["mail"], "none" | null>;

  for (const [device, process, expectNull] of faults)
    for (const how of ["throws", "answers null"]) {
      it(`${device}'s ${process} ${how}`, () => {
        const world = worldOf(classroom());
        const expected = readSnapshot(world.host());
        const d = world.device(device)!;
        const real = d.getProcess.bind(d);
        d.getProcess = ((name: string) => {
          if (name !== process) return real(name);
          if (how === "throws") throw new Error('IPC Call ERROR: Invalid arguments for IPC call "getProcess"');
          return null;
        }) as SimDevice["getProcess"];
        expectNull(expected);
        expect(readSnapshot(world.host())).toEqual(expected);
      });
    }

  it("a missing method, a throwing port list or an unreadable record each cost their own fact", () => {
    const world = worldOf(classroom());
    const expected = readSnapshot(world.host());
    Reflect.set(world.device("R1")!, "serializeToXml", undefined);
    (dev(expected, "R1").routing as { routedNetworks: unknown }).routedNetworks = null;
    // Its running configuration says what the model does not cover, its DHCP pools and its access lists.
    Object.assign(dev(expected, "R1"), { unmodeled: null, dhcpServer: null, acls: null });
    world.device("PC-Bob")!.getPortAt = () => {
      throw new Error("boom");
    };
    dev(expected, "PC-Bob").ports = null;
    world.device("DNS-SRV")!.dns!.getRrFromNameServerDbAt = () => null;
    Object.assign(dev(expected, "DNS-SRV").dns as object, { aRecords: null, cnames: null });
    expect(readSnapshot(world.host())).toEqual(expected);
  });

  it("cables that cannot be read: their ends unknown, and so the switches' ports", () => {
    const world = worldOf(classroom());
    const expected = readSnapshot(world.host());
    const host = world.host();
    host.ipc = { ...world.ipc, network: () => ({ ...world.network, getLinkAt: () => null }) };
    const nowhere = { device: null, port: null };
    expected.links = expected.links!.map(() => ({ a: nowhere, b: nowhere, up: null }));
    for (const d of expected.devices) if (d.kind === "switch") d.ports = null;
    expect(readSnapshot(host)).toEqual(expected);
    host.ipc = { ...world.ipc, network: () => ({ ...world.network, getLinkCount: () => Number.NaN }) };
    expected.links = null;
    expect(readSnapshot(host)).toEqual(expected);
  });

  it("a kind the model does not know is asked what it has; getClassName stands in for a getType that throws", () => {
    const world = worldOf(classroom());
    const expected = readSnapshot(world.host());
    world.device("SW-Alpha")!.getType = () => 2; // eCloud
    world.device("PC-Alice")!.getType = () => {
      throw new Error("boom");
    };
    const read = readSnapshot(world.host());
    expect(dev(read, "PC-Alice")).toEqual(dev(expected, "PC-Alice"));
    const cloud = dev(read, "SW-Alpha");
    expect(cloud).toMatchObject({ kind: null, gateway: "", dnsServer: "", mail: "none", dns: "none", routing: "none" });
    // Its ports are asked as host ports: a switch port has no address to give.
    expect(cloud.ports![0]).toMatchObject({ name: "FastEthernet0/1", ip: null, mask: null, up: true, dhcp: null });
  });

  it("no network at all: no devices, links unknown, and no exception", () => {
    const host = worldOf(classroom()).host();
    host.ipc = {
      ...host.ipc,
      network: () => {
        throw new Error('ExApp or Script Module does not have the necessary privilege for IPC call "network"');
      },
    };
    expect(readSnapshot(host)).toEqual({ devices: [], links: null });
  });
});

describe("the lab snapshot is read once until PT says it changed", () => {
  function watched(spec: TopologySpec = classroom()) {
    const clock = new VirtualClock();
    const world = new World({ clock });
    world.load(spec);
    const counted = countingHost(world.host());
    const errors: string[] = [];
    const subs = new Subscriptions((where) => errors.push(where));
    const lab = new LabSnapshot(counted.host, subs, (where) => errors.push(where));
    lab.watch();
    const costOf = (f: () => void) => {
      const before = counted.calls();
      f();
      return counted.calls() - before;
    };
    return { clock, world, lab, subs, errors, costOf };
  }

  it("a 40-device lab costs a bounded number of IPC calls, and a second get() none", () => {
    const world = worldOf(largeLab(40));
    const counted = countingHost(world.host());
    readSnapshot(counted.host);
    // Per device at most 31: a host's firewall and a switch's configuration (what the model does not cover) included.
    expect(counted.calls()).toBeLessThanOrEqual(31 * 40);
    const t = watched(largeLab(40));
    expect(t.costOf(() => t.lab.get())).toBeGreaterThan(counted.calls()); // the first read also registers handlers
    expect(t.costOf(() => t.lab.get())).toBe(0);
    expect(t.errors).toEqual([]);
  });

  const changes: [string, (w: World) => void, (s: Snapshot) => unknown, unknown][] = [
    ["a cable goes down (portStatusChanged)", (w) => w.setLinkUp(w.links[4].id, false), (s) => s.links![4].up, false],
    [
      "a device is switched off (powerChanged)",
      (w) => w.device("PC-Bob")!.setPower(false),
      (s) => power(s, "PC-Bob"),
      false,
    ],
    ["an address changes (ipChanged)", (w) => setIp(w, "PC-Erin", "10.2.0.99"), (s) => ip(s, "PC-Erin"), "10.2.0.99"],
    ["a cable is added (linkCreated)", (w) => w.link("R1:2", "SW-Beta"), (s) => s.links!.length, 12],
    [
      "a device is added (deviceAdded)",
      (w) => w.addDevice({ name: "PC-New", kind: "pc" }),
      (s) => s.devices.length,
      14,
    ],
    ["a device goes (linkDeleted, deviceRemoved)", (w) => w.removeDevice("PC-Carol"), (s) => s.links!.length, 10],
    ["another file is opened (fileOpened)", (w) => w.openFile(oneLan()), (s) => s.devices.length, 4],
    ["a new file (fileNewed)", (w) => w.newFile(), (s) => s.devices.length, 1],
  ];
  const power = (s: Snapshot, name: string) => s.devices.find((d) => d.name === name)!.power;
  const ip = (s: Snapshot, name: string) => s.devices.find((d) => d.name === name)!.ports![0].ip;
  const setIp = (w: World, name: string, address: string) =>
    (w.device(name)!.getPortAt(0) as SimHostPort).setIpSubnetMask(address, "255.255.255.0");

  for (const [what, change, fact, value] of changes) {
    it(`${what} marks it stale, and the next get() reads the change`, () => {
      const t = watched();
      t.lab.get();
      change(t.world);
      expect(t.costOf(() => expect(fact(t.lab.get())).toEqual(value))).toBeGreaterThan(0);
      expect(t.costOf(() => t.lab.get())).toBe(0);
      // Still watching after the change: the objects the new read met, and the (new) workspace.
      t.world.devices[t.world.devices.length - 1].setPower(false);
      expect(t.costOf(() => t.lab.get())).toBeGreaterThan(0);
      t.world.addDevice({ name: "PC-Later", kind: "pc" });
      expect(t.costOf(() => t.lab.get().devices.filter((d) => d.name === "PC-Later"))).toBeGreaterThan(0);
      expect(t.errors).toEqual([]);
    });
  }

  it(`a change PT announces nowhere (a gateway) is read after ${SNAPSHOT_MAX_AGE_MS / 1000} s anyway`, () => {
    const t = watched();
    t.lab.get();
    t.world.device("PC-Alice")!.gateway = "10.1.0.254";
    t.clock.advance(SNAPSHOT_MAX_AGE_MS - 1);
    expect(t.lab.get().devices.find((d) => d.name === "PC-Alice")!.gateway).toBe("10.1.0.1");
    t.clock.advance(1);
    expect(t.lab.get().devices.find((d) => d.name === "PC-Alice")!.gateway).toBe("10.1.0.254");
  });

  it("markStale() forces a read; stop() takes back every handler", () => {
    const t = watched();
    t.lab.get();
    expect(t.subs.count).toBeGreaterThan(12);
    t.lab.markStale();
    expect(t.costOf(() => t.lab.get())).toBeGreaterThan(0);
    t.lab.stop();
    expect(t.subs.count).toBe(0);
    t.world.device("PC-Bob")!.setPower(false);
    expect(t.costOf(() => t.lab.get())).toBe(0);
  });
});

describe("the reader in Qt 5.15's QJSEngine", () => {
  it("bundles as ES2016 without the traps the build guard rejects", async () => {
    const out = await esbuild.build({
      entryPoints: [join(__dirname, "../../src/lab-snapshot.ts")],
      bundle: true,
      format: "iife",
      globalName: "LabReader",
      target: "es2016",
      platform: "neutral",
      write: false,
      charset: "ascii",
    });
    expect(() => checkEngineSource(out.outputFiles[0].text, "lab-reader.js")).not.toThrow();
  });
});
