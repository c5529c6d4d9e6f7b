import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../sim/clock";
import { warmArp } from "../../sim/device-state";
import type { SimHostPort } from "../../sim/ports";
import { POLICY, RULES } from "../../sim/rules";
import { classroom } from "../../sim/scenarios/classroom";
import type { TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { RESPONSE_CODES } from "../../src/codes";
import type { RuleRow } from "../../src/model";

function world() {
  const clock = new VirtualClock();
  const w = new World({ clock, stepMs: 100, timeoutMs: 3000 });
  w.load(classroom());
  return { clock, w };
}

function sendFrom(w: World, device: string, to: string, over: { server?: string; password?: string } = {}) {
  const d = w.device(device)!;
  const u = d.email!.user;
  const codes: number[] = [];
  d.email!.smtp.registerEvent("mailSent", null, (_s, a) => codes.push((a as { responseType: number }).responseType));
  const accepted = d.email!.smtp.sendMail(
    u.mailId,
    to,
    "s",
    "b",
    over.password ?? u.password,
    over.server ?? u.smtpServer,
  );
  return { accepted, codes };
}

describe("simulator: runs on the model", () => {
  it("changing a rule row changes the simulator", () => {
    const row = RULES.filter((r) => r.id === "wrong-password")[0] as { result: RuleRow["result"] };
    const real = row.result;
    try {
      row.result = () => ({ outcome: "failed", code: 11, wait: "step" });
      const { clock, w } = world();
      const s = sendFrom(w, "PC-Alice", "carol@alpha.edu", { password: "wrong" });
      clock.advance(10000);
      expect(s.codes).toEqual([1, 11]);
    } finally {
      row.result = real;
    }
  });

  it("the world's switches are the documented defaults, and flipping one changes the outcome", () => {
    const { clock, w } = world();
    expect(w.behaviour.relayFailure).toBe("acceptThenDsn");
    w.device("DNS-SRV")!.dns!.removeARecordFromNameServerDb("beta.org");
    const bounced = sendFrom(w, "PC-Alice", "bob@beta.org");
    clock.advance(10000);
    const first = bounced.codes.slice();
    w.behaviour.relayFailure = "reject13";
    const rejected = sendFrom(w, "PC-Alice", "bob@beta.org");
    clock.advance(10000);
    expect([first, rejected.codes]).toEqual([
      [1, 3, 2],
      [1, 3, 13],
    ]);
  });

  it("a bounce lands in the sender's mailbox on the sender's server, from Mail Delivery Subsystem, and nothing reaches the recipient", () => {
    const { clock, w } = world();
    sendFrom(w, "PC-Alice", "bobby@beta.org");
    clock.advance(10000);
    const box = w.device("MAIL-ALPHA")!.mail!.server.mailboxes.alice;
    expect(box.map((m) => [m.from, m.rcpt, m.subject])).toEqual([
      ["Mail Delivery Subsystem", "bobby@beta.org", "Delivery Status Notification (Failure)"],
    ]);
    expect(box[0].content).toContain("The email account that you tried to reach does not exist.");
    expect(box[0].content).toContain(
      "From: <alice@alpha.edu>\nDate: Thu Jan 01 2026 00:00:00\nSubject: s\nTo: bobby@beta.org",
    );
    expect(w.device("MAIL-BETA")!.mail!.server.mailboxes.bobby).toBeUndefined();
  });

  it("an outgoing server named by a CNAME is resolved through it", () => {
    const { clock, w } = world();
    w.device("DNS-SRV")!.dns!.addCNameRecordToNameServerDb("smtp.alpha.edu", "mail.alpha.edu");
    const s = sendFrom(w, "PC-Alice", "carol@alpha.edu", { server: "smtp.alpha.edu" });
    clock.advance(10000);
    expect(s.codes).toEqual([1, 2]);
  });

  it("routes between two routers are honoured: static routes deliver, without them the send times out", () => {
    const spec = (routes: boolean): TopologySpec => ({
      name: "two routers",
      devices: [
        {
          name: "R1",
          kind: "router",
          ports: [
            { ip: "10.1.0.1", mask: "255.255.255.0" },
            { ip: "10.12.0.1", mask: "255.255.255.252" },
          ],
          staticRoutes: routes ? [{ network: "10.3.0.0", mask: "255.255.255.0", nextHop: "10.12.0.2" }] : [],
        },
        {
          name: "R2",
          kind: "router",
          ports: [
            { ip: "10.12.0.2", mask: "255.255.255.252" },
            { ip: "10.3.0.1", mask: "255.255.255.0" },
          ],
          staticRoutes: routes ? [{ network: "10.1.0.0", mask: "255.255.255.0", nextHop: "10.12.0.1" }] : [],
        },
        {
          name: "MAIL",
          kind: "server",
          ip: "10.3.0.10",
          gateway: "10.3.0.1",
          mailServer: { domain: "x.org", users: { ann: "a", ben: "b" } },
        },
        {
          name: "PC-Ann",
          kind: "pc",
          ip: "10.1.0.2",
          gateway: "10.1.0.1",
          email: { mailId: "ann@x.org", user: "ann", password: "a", smtp: "10.3.0.10" },
        },
      ],
      links: [
        ["PC-Ann", "R1:0"],
        ["R1:1", "R2:0"],
        ["R2:1", "MAIL"],
      ],
    });
    const codesFor = (routes: boolean) => {
      const clock = new VirtualClock();
      const w = new World({ clock, stepMs: 100, timeoutMs: 3000 });
      w.load(spec(routes));
      const s = sendFrom(w, "PC-Ann", "ben@x.org");
      clock.advance(10000);
      return s.codes;
    };
    expect([codesFor(true), codesFor(false)]).toEqual([
      [1, 2],
      [1, 6],
    ]);
  });

  it("the snapshot carries what a script reads: router port state, link state, DHCP flag, CNAMEs, routes", () => {
    const { w } = world();
    w.device("R1")!.ports[1].up = false;
    w.setLinkUp("PC-Bob — SW-Beta", false);
    w.device("PC-Erin")!.dhcp = true;
    w.device("DNS-SRV")!.dns!.addCNameRecordToNameServerDb("smtp.alpha.edu", "mail.alpha.edu");
    const s = w.snapshot();
    const d = (name: string) => s.devices.filter((x) => x.name === name)[0];
    expect(d("R1").ports![1]).toEqual({
      name: "GigabitEthernet0/1",
      ip: "10.2.0.1",
      mask: "255.255.255.0",
      up: false,
      dhcp: false,
    });
    expect(d("R1").routing).toEqual({ staticRoutes: [], routedNetworks: [] });
    expect((s.links || []).filter((l) => l.a.device === "PC-Bob")[0]).toEqual({
      a: { device: "PC-Bob", port: "FastEthernet0" },
      b: { device: "SW-Beta", port: "FastEthernet0/3" },
      up: false,
    });
    expect(d("PC-Erin").ports![0].dhcp).toBe(true);
    expect(d("DNS-SRV").dns).toMatchObject({ on: true, cnames: [{ alias: "smtp.alpha.edu", host: "mail.alpha.edu" }] });
    expect(d("MAIL-BETA").mail).toEqual({
      smtpOn: true,
      pop3On: true,
      domain: "beta.org",
      accounts: ["bob:bob123", "erin:erin123"],
    });
    expect(d("PC-Bob").mail).toBe("none");
  });
});

describe("simulator: ARP tables kept across reads (device-state.ts WarmArpTables)", () => {
  /** A device's ARP table as IPC reads it. */
  const tableOf = (w: World, name: string) =>
    w
      .device(name)!
      .getProcess("Arp")!
      .getArpTable()
      .entries.map((e) => e.ipAddress);

  /** Every warm host's table as IPC reads it, against one made afresh from the world as it is. */
  function tablesAgree(w: World): void {
    const fresh = warmArp(w.devices);
    for (const d of w.devices) {
      if (!w.device(d.name)!.getProcess("Arp") || d.arpCold) continue;
      expect(tableOf(w, d.name), d.name).toEqual(fresh(d));
    }
  }

  it("follows every change of address, port or device, however it is made", () => {
    const { w } = world();
    const alice = w.device("PC-Alice")!;
    expect(tableOf(w, "PC-Alice").length).toBeGreaterThan(1);
    tablesAgree(w);
    (w.ports.portAt(alice, 0) as SimHostPort).setIpSubnetMask("10.99.0.5", "255.255.255.0"); // Config > FastEthernet0
    tablesAgree(w);
    expect(tableOf(w, "PC-Alice")).toEqual(["10.99.0.5"]);
    alice.ports[0].mask = "255.0.0.0"; // set in place, as a DHCP lease is
    tablesAgree(w);
    alice.ports = [{ ip: "10.99.0.6", mask: "255.255.255.0", up: true }];
    tablesAgree(w);
    w.addDevice({ name: "PC-New", kind: "pc", ip: "10.99.0.7", mask: "255.255.255.0" });
    tablesAgree(w);
    expect(tableOf(w, "PC-Alice")).toEqual(["10.99.0.6", "10.99.0.7"]);
    w.removeDevice("PC-New");
    tablesAgree(w);
  });
});

describe("simulator: names from a lab are data", () => {
  it("a DNS record named __proto__ or constructor is kept, listed and resolved like any other", () => {
    const { w } = world();
    const dns = w.devices.find((d) => d.dns?.enabled)?.dns;
    if (!dns) throw new Error("the classroom has a DNS server");
    dns.addARecordToNameServerDb("__proto__", "10.9.9.9");
    dns.addARecordToNameServerDb("constructor", "10.9.9.8");
    expect([
      dns.getIpAddOfDomain("__proto__"),
      dns.getIpAddOfDomain("constructor"),
      dns.getIpAddOfDomain("toString"),
    ]).toEqual(["10.9.9.9", "10.9.9.8", ""]);
    const names: string[] = [];
    for (let i = 0; i < dns.getSizeOfNameServerDb(); i++) names.push(String(dns.getRrFromNameServerDbAt(i)?.name));
    expect(names).toContain("__proto__");
    expect(names).toContain("constructor");
  });
});

describe("simulator: PT's SmtpClient contract", () => {
  it("answers false to a second sendMail while one is in flight, and to a powered-off device", () => {
    const { clock, w } = world();
    expect(sendFrom(w, "PC-Alice", "carol@alpha.edu").accepted).toBe(true);
    expect(sendFrom(w, "PC-Alice", "dave@alpha.edu").accepted).toBe(!POLICY.busyReturnsFalse);
    clock.advance(10000);
    expect(sendFrom(w, "PC-Alice", "dave@alpha.edu").accepted).toBe(true);
    w.device("PC-Bob")!.setPower(false);
    expect(sendFrom(w, "PC-Bob", "erin@beta.org").accepted).toBe(false);
  });

  it("needs exact argument counts, as native calls do", () => {
    const { w } = world();
    const smtp: { sendMail(...a: unknown[]): boolean; cancelSend(...a: unknown[]): void } =
      w.device("PC-Alice")!.email!.smtp;
    expect(() => smtp.sendMail("a@b", "c@d", "s", "b", "p")).toThrow(/Invalid arguments/);
    expect(() => smtp.cancelSend(1)).toThrow(/Invalid arguments/);
    expect(w.device("R1")!.getProcess("EmailClient")).toBeNull();
    expect(w.device("SW-Alpha")!.getProcess("EmailClient")).toBeNull();
  });

  it("cancelSend stops the exchange with no event (POLICY.cancelEmits) and nothing is delivered", () => {
    const { clock, w } = world();
    const s = sendFrom(w, "PC-Alice", "carol@alpha.edu");
    clock.advance(150);
    w.device("PC-Alice")!.email!.smtp.cancelSend();
    clock.advance(10000);
    expect(s.codes).toEqual(POLICY.cancelEmits === null ? [1] : [1, POLICY.cancelEmits]);
    expect(w.device("MAIL-ALPHA")!.mail!.server.mailboxes.carol).toHaveLength(0);
  });

  it("a powered-off sender ends its send silently; a deleted one too", () => {
    const { clock, w } = world();
    const a = sendFrom(w, "PC-Alice", "carol@alpha.edu");
    const b = sendFrom(w, "PC-Bob", "erin@beta.org");
    clock.advance(50);
    w.device("PC-Alice")!.setPower(false);
    w.removeDevice("PC-Bob");
    clock.advance(10000);
    expect(a.codes).toEqual([]);
    expect(b.codes).toEqual([]);
    expect(w.deliveries).toHaveLength(0);
  });
});

describe("simulator: Simulation mode and time", () => {
  it("holds traffic until stepped, then runs one step per forward", () => {
    const { clock, w } = world();
    w.simulation.setSimulationMode(true);
    const s = sendFrom(w, "PC-Alice", "carol@alpha.edu");
    clock.advance(60 * 60 * 1000);
    expect(s.codes).toEqual([]);
    expect(w.forward()).toBe(true);
    expect(s.codes).toEqual([1]);
    let steps = 1;
    while (w.forward()) steps++;
    expect(s.codes).toEqual([1, 2]);
    expect(steps).toBeGreaterThanOrEqual(3);
  });

  it("Play steps on its own until paused; leaving Simulation mode resumes in real time", () => {
    const { clock, w } = world();
    w.simulation.setSimulationMode(true);
    const s = sendFrom(w, "PC-Alice", "bob@beta.org");
    w.play(400);
    clock.advance(800);
    w.pause();
    const partial = s.codes.slice();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial).not.toContain(2);
    w.simulation.setSimulationMode(false);
    clock.advance(10000);
    expect(s.codes).toEqual([1, 3, 2]);
  });

  it("emits simulationModeChanged, and topology events with the reference's argument names", () => {
    const { w } = world();
    const seen: string[] = [];
    w.simulation.registerEvent("simulationModeChanged", null, () => seen.push("mode"));
    w.app.workspace.logical.registerEvent("deviceAdded", null, (_s, a) =>
      seen.push("added " + (a as { name: string }).name),
    );
    w.app.workspace.logical.registerEvent("deviceRemoving", null, (_s, a) =>
      seen.push("removing " + (a as { name: string }).name),
    );
    w.device("PC-Carol")!.registerEvent("nameChanged", null, (_s, a) => seen.push("renamed " + JSON.stringify(a)));
    w.device("PC-Erin")!.registerEvent("powerChanged", null, (_s, a) => seen.push("power " + JSON.stringify(a)));
    w.simulation.setSimulationMode(true);
    w.addDevice({ name: "PC-X", kind: "pc", ip: "10.1.0.99" });
    w.device("PC-Carol")!.setName("PC-Caro");
    w.device("PC-Erin")!.setPower(false);
    w.removeDevice("PC-X");
    expect(seen).toEqual([
      "mode",
      "added PC-X",
      'renamed {"newName":"PC-Caro","oldName":"PC-Carol"}',
      'power {"on":false}',
      "removing PC-X",
    ]);
  });
});

describe("the code table", () => {
  it("the engine's outcomeKind agrees with the table's kind for every code", async () => {
    const { outcomeKind } = await import("../../src/codes");
    for (const row of RESPONSE_CODES) expect(outcomeKind(row.code)).toBe(row.kind);
    expect(outcomeKind(null)).toBe("failure");
    expect(outcomeKind(99)).toBe("failure");
  });
});

describe("decodeResponse", () => {
  it("finds every row by its code, and answers unknown codes with a stand-in", async () => {
    const { decodeResponse } = await import("../../src/codes");
    for (const row of RESPONSE_CODES) expect(decodeResponse(row.code)).toBe(row);
    expect(decodeResponse(0).name).toBe("unknown");
    expect(decodeResponse(42).label).toBe("Code 42");
    expect(decodeResponse(null).label).toBe("No code");
  });
});
