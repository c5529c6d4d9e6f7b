// Faults: whatever happens to the topology, the panel or PT's API, the engine
// survives and the log holds every mailSent event exactly once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SimSmtpClient } from "../../sim/device";
import { oneLan } from "../../sim/scenarios/classroom";
import { Engine } from "../../src/engine";
import type { MailEntry } from "../../src/protocol";
import { PanelStore } from "../../ui/store";
import { evaluatePush, type Rig, rig } from "../helpers/engine-on-sim";

// A tap on every well-formed mailSent the simulator fires, keyed by the sending
// device's uuid (the engine's device key), the recipient and the code, read
// from the arguments as they were emitted (not through the engine's parser).
let emitted: string[] = [];
const realEmit = SimSmtpClient.prototype.emit;
beforeEach(() => {
  emitted = [];
  SimSmtpClient.prototype.emit = function (this: SimSmtpClient, event: string, args: unknown) {
    const a = args as { dest?: unknown; responseType?: unknown } | null;
    if (event === "mailSent" && a && typeof a.dest === "string" && typeof a.responseType === "number") {
      emitted.push(`${this.getOwnerDevice().uuid}|${a.dest.toLowerCase()}|${a.responseType}`);
    }
    return realEmit.call(this, event, args);
  };
});
afterEach(() => {
  SimSmtpClient.prototype.emit = realEmit;
});

function logged(mails: MailEntry[]): string[] {
  const out: string[] = [];
  for (const m of mails)
    for (const e of m.events) if (e.code !== null) out.push(`${m.deviceKey}|${m.to.toLowerCase()}|${e.code}`);
  return out;
}

function expectExactlyOnce(mails: MailEntry[]) {
  expect(emitted.length).toBeGreaterThan(0);
  expect(logged(mails).sort()).toEqual(emitted.slice().sort());
}

function mailsOf(engine: Engine): MailEntry[] {
  const reply = engine.request({ type: "changesSince", seq: 0, epoch: 0 });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value.mails;
}

/** A panel that applies pushes and pulls like the real one (gap detection included), on the real store. */
function panel(r: Rig) {
  const store = new PanelStore();
  const pull = () => store.apply(r.ok({ type: "changesSince", seq: store.seq, epoch: store.epoch }));
  let dropNext = false;
  r.world.webViewManager.onEvaluate = (_v, js) => {
    if (dropNext) {
      dropNext = false;
      return;
    }
    evaluatePush(js, (p) => (store.follows(p) ? store.apply(p) : pull()));
  };
  store.apply(r.ok({ type: "openPanel" }));
  return { store, pull, dropOne: () => (dropNext = true) };
}

function samePanel(store: PanelStore, r: Rig) {
  const row = (m: MailEntry) => `${m.id}:${m.state}:${m.events.length}`;
  expect(store.mails.map(row)).toEqual(r.mails().map(row));
}

describe("faults", () => {
  it("1. a device deleted mid-send", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu", "bob@beta.org"]);
    r.send("PC-Bob", ["erin@beta.org"]);
    r.clock.advance(150);
    r.world.removeDevice("PC-Alice");
    r.clock.advance(20000);
    expect(r.mails().map((m) => m.state)).toEqual(["failed", "failed", "delivered"]);
    expectExactlyOnce(r.mails());
  });

  it("2. a device powered off mid-send", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(150);
    r.world.device("PC-Alice")!.setPower(false);
    r.clock.advance(20000);
    r.world.device("PC-Alice")!.setPower(true);
    r.send("PC-Alice", ["dave@alpha.edu"], { server: "10.1.0.10" });
    r.clock.advance(20000);
    expect(r.mails().map((m) => `${m.to}:${m.state}`)).toEqual(["carol@alpha.edu:failed", "dave@alpha.edu:failed"]);
    expect(r.byTo("dave@alpha.edu").code).toBe(6); // powering on wakes ARP: the first send times out, as in PT
    expectExactlyOnce(r.mails());
  });

  it("3. a device whose EmailClient disappears", () => {
    const r = rig();
    r.send("PC-Carol", ["alice@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(150);
    const carol = r.world.device("PC-Carol")!;
    carol.world.cancelDelivery(carol.email!.smtp); // the process goes with its send
    carol.email = null;
    r.clock.advance(3000);
    expect((r.everything().devices || []).map((d) => d.name)).toContain("PC-Carol"); // one miss proves nothing yet
    r.clock.advance(3000);
    expect((r.everything().devices || []).map((d) => d.name)).not.toContain("PC-Carol");
    expect(r.mails().map((m) => m.state)).toEqual(["failed", "failed"]);
    expect(r.mails()[1].reason).toMatch(/email client is gone/);
    expectExactlyOnce(r.mails());
  });

  it("4. sendMail answering false", () => {
    const r = rig();
    const bob = r.world.device("PC-Bob")!;
    const real = bob.email!.smtp.sendMail.bind(bob.email!.smtp);
    let n = 0;
    bob.email!.smtp.sendMail = ((...a: Parameters<typeof real>) => (++n === 2 ? false : real(...a))) as typeof real;
    r.send("PC-Bob", ["erin@beta.org", "alice@alpha.edu", "bob@beta.org"]);
    r.clock.advance(30000);
    // The refusal is taken as a busy client: the mail waits and goes on the next try.
    expect(r.mails().map((m) => m.state)).toEqual(["delivered", "delivered", "delivered"]);
    expect(r.byTo("alice@alpha.edu").events[0].note).toMatch(/busy/);
    expectExactlyOnce(r.mails());
  });

  it("5. PT calls throwing: device count, registerEvent, cancelSend, evaluateJavaScriptAsync", () => {
    const r = rig();
    const p = panel(r);
    const net = r.world.network as { getDeviceCount(): number };
    const realCount = net.getDeviceCount;
    net.getDeviceCount = () => {
      throw new Error('IPC call "getDeviceCount" failed');
    };
    r.clock.advance(7000); // two rescans meet it
    net.getDeviceCount = realCount;
    const view = r.world.webViewManager.views[0];
    view.evaluateJavaScriptAsync = () => {
      throw new Error("view is closing");
    };
    const alice = r.world.device("PC-Alice")!.email!.smtp;
    alice.cancelSend = () => {
      throw new Error('Invalid arguments for IPC call "cancelSend"');
    };
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(150);
    expect(r.request({ type: "cancelSend", device: r.deviceKey("PC-Alice") })).toEqual({
      ok: true,
      value: { cancelled: 2 },
    });
    expect(r.byTo("carol@alpha.edu").reason).toMatch(/raised an error on cancelSend/);
    r.world.addDevice({
      name: "PC-Odd",
      kind: "pc",
      ip: "10.1.0.70",
      gateway: "10.1.0.1",
      dns: "10.1.0.5",
      email: { mailId: "odd@alpha.edu", user: "odd", password: "x", smtp: "mail.alpha.edu" },
    });
    const odd = r.world.device("PC-Odd")!;
    odd.registerEvent = () => {
      throw new Error("registerEvent refused");
    };
    r.clock.advance(20000);
    expect(r.logs.join("\n")).toMatch(/getDeviceCount[\s\S]*evaluateJavaScriptAsync/);
    p.pull();
    samePanel(p.store, r);
    expectExactlyOnce(r.mails());
  });

  it("6. the panel closed and reopened during a burst", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { cap: 50000 } });
    let p = panel(r);
    const smtp = r.world.device("PC-Teacher")!.email!.smtp;
    for (let i = 0; i < 3000; i++) {
      smtp.emit("mailSent", { dest: `b${i}@alpha.edu`, subject: "burst", body: "", responseType: 2 });
      if (i === 1000) r.world.webViewManager.views[0].close();
      if (i === 2000) {
        r.world.app.menu.items[0].click(); // reopened: a fresh page says hello
        p = panel(r);
      }
      if (i % 250 === 0) r.clock.advance(20);
    }
    r.clock.advance(1000);
    expect(p.store.mails).toHaveLength(3000);
    samePanel(p.store, r);
    expectExactlyOnce(r.mails());
  });

  it("7. a push lost: the panel catches up by sequence number", () => {
    const r = rig();
    const p = panel(r);
    r.send("PC-Alice", ["carol@alpha.edu"]);
    p.dropOne();
    r.clock.advance(1);
    r.send("PC-Bob", ["erin@beta.org"]);
    r.clock.advance(20000);
    samePanel(p.store, r);
    expect(p.store.mails.map((m) => m.state)).toEqual(["delivered", "delivered"]);
    expectExactlyOnce(r.mails());
  });

  it("8. cleanUp() then main(): no duplicate rows afterwards", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    const key = r.deviceKey("PC-Alice");
    r.engine.stop();
    const again = new Engine(r.world.host());
    again.start();
    emitted = [];
    again.request({
      type: "sendMail",
      device: key,
      from: "alice@alpha.edu",
      password: "alice123",
      server: "mail.alpha.edu",
      mails: [{ to: "dave@alpha.edu", subject: "s", body: "b" }],
    });
    r.clock.advance(5000);
    expect(mailsOf(again).map((m) => m.to)).toEqual(["dave@alpha.edu"]);
    expect(mailsOf(again)[0].events.map((e) => e.code)).toEqual([1, 2]);
    expectExactlyOnce(mailsOf(again));
    again.stop();
  });

  it("9. a new file opened with a different topology", () => {
    const r = rig();
    r.send("PC-Alice", ["bob@beta.org"]);
    r.clock.advance(150);
    r.world.openFile(oneLan());
    r.send("PC-Ann", ["ben@school.lab"]);
    r.world
      .device("PC-Ben")!
      .email!.smtp.sendMail("ben@school.lab", "ann@school.lab", "own app", "x", "ben123", "mail.school.lab");
    r.clock.advance(20000);
    expect(r.mails().map((m) => `${m.device}:${m.to}:${m.state}:${m.origin}`)).toEqual([
      "PC-Alice:bob@beta.org:failed:console",
      "PC-Ann:ben@school.lab:delivered:console",
      "PC-Ben:ann@school.lab:delivered:pt-client",
    ]);
    expectExactlyOnce(r.mails());
  });

  it("10. a 10,000-event burst", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { cap: 20000 } });
    const p = panel(r);
    const devices = ["PC-Alice", "PC-Bob", "PC-Carol", "Laptop-Dave"].map((n) => r.world.device(n)!.email!.smtp);
    for (let i = 0; i < 10000; i++)
      devices[i % 4].emit("mailSent", { dest: `x${i}@alpha.edu`, subject: "", body: "", responseType: 1 + (i % 13) });
    r.clock.advance(1000);
    expect(emitted).toHaveLength(10000);
    samePanel(p.store, r);
    expectExactlyOnce(r.mails());
  });

  it("11. a mail event with an unexpected argument shape", () => {
    const r = rig();
    const smtp = r.world.device("PC-Erin")!.email!.smtp;
    const odd: unknown[] = [
      null,
      undefined,
      42,
      "text",
      [],
      ["a@b.c", "s", "b", "2"],
      { dest: 5, responseType: "7" },
      { responseType: 2 },
      { dest: "z@beta.org" },
      { toString: 1 },
    ];
    for (const args of odd) smtp.emit("mailSent", args);
    r.clock.advance(1000);
    // One row each: what names a recipient and a code is a mail from PT's Email app; the rest is
    // kept as it came, as unreadable, and ends no mail.
    expect(r.mails().map((m) => [m.origin, m.to, m.state, m.code, m.events[0].raw || ""])).toEqual([
      ["unreadable", "", "failed", null, "null"],
      ["unreadable", "", "failed", null, "undefined"],
      ["unreadable", "", "failed", null, "42"],
      ["unreadable", "", "failed", null, '"text"'],
      ["unreadable", "", "failed", null, "[]"],
      ["pt-client", "a@b.c", "bounced", 2, '["a@b.c","s","b","2"]'],
      ["pt-client", "5", "failed", 7, ""],
      ["unreadable", "", "failed", null, '{"responseType":2}'],
      ["unreadable", "z@beta.org", "failed", null, '{"dest":"z@beta.org"}'],
      ["unreadable", "", "failed", null, '{"toString":1}'],
    ]);
  });
});
