// Faults: whatever happens to the topology, the panel or PT's API, the engine
// survives and the log holds every mailSent event exactly once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rig, type Rig } from "../helpers/engine-on-sim";
import { SimSmtpClient } from "../../sim/device";
import { readMailSentArgs } from "../../src/mail-event";
import { PanelStore } from "../../ui/store";
import type { Batch } from "../../src/protocol";
import { MailConsole } from "../../src/console";
import { oneLan } from "../../sim/scenarios/classroom";

// A tap on every mailSent the simulator fires, keyed as the log keys them.
let emitted: string[] = [];
const realEmit = SimSmtpClient.prototype.emit;
beforeEach(() => {
  emitted = [];
  SimSmtpClient.prototype.emit = function (this: SimSmtpClient, event: string, args: unknown) {
    if (event === "mailSent") {
      const a = readMailSentArgs(args);
      emitted.push(`${(this.getOwnerDevice() as unknown as { uuid: string }).uuid}|${a.dest.toLowerCase()}|${a.code}`);
    }
    return realEmit.call(this, event, args);
  };
});
afterEach(() => {
  SimSmtpClient.prototype.emit = realEmit;
});

function logged(app: MailConsole): string[] {
  const out: string[] = [];
  for (const m of app.log.all()) {
    for (const e of m.events) if (e.code !== null || e.raw !== undefined) out.push(`${m.deviceKey}|${m.to.toLowerCase()}|${e.code}`);
  }
  return out;
}

function expectExactlyOnce(app: MailConsole) {
  expect(emitted.length).toBeGreaterThan(0);
  expect(logged(app).sort()).toEqual(emitted.slice().sort());
  expect(app.log.eventsRecorded).toBeGreaterThanOrEqual(emitted.filter((e) => !e.endsWith("|null")).length);
}

/** A panel that applies pushes and pulls like the real one (gap detection included). */
function panel(r: Rig) {
  const store = new PanelStore();
  const pull = () => store.apply(r.request({ type: "since", seq: store.seq, epoch: store.epoch }) as unknown as Batch);
  let dropNext = false;
  r.world.webViewManager.onEvaluate = (_v, js) => {
    if (dropNext) {
      dropNext = false;
      return;
    }
    new Function("window", js)({ mailConsole: { receive: (b: Batch) => (store.follows(b) ? store.apply(b) : pull()) } });
  };
  store.apply(r.request({ type: "hello" }) as unknown as Batch);
  return { store, pull, dropOne: () => (dropNext = true) };
}

function samePanel(store: PanelStore, app: MailConsole) {
  expect(store.mails.map((m) => `${m.id}:${m.state}:${m.events.length}`)).toEqual(app.log.all().map((m) => `${m.id}:${m.state}:${m.events.length}`));
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
    expectExactlyOnce(r.app);
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
    expectExactlyOnce(r.app);
  });

  it("3. a device whose EmailClient disappears", () => {
    const r = rig();
    r.send("PC-Carol", ["alice@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(150);
    const carol = r.world.device("PC-Carol")!;
    carol.world.cancelDelivery(carol.email!.smtp); // the process goes with its send
    carol.email = null;
    r.clock.advance(5000);
    expect(r.app.registry.findByName("PC-Carol")).toBeNull();
    expect(r.mails().map((m) => m.state)).toEqual(["failed", "failed"]);
    expect(r.mails()[1].reason).toMatch(/email client is gone/);
    expectExactlyOnce(r.app);
  });

  it("4. sendMail answering false", () => {
    const r = rig();
    const bob = r.world.device("PC-Bob")!;
    const real = bob.email!.smtp.sendMail.bind(bob.email!.smtp);
    let n = 0;
    bob.email!.smtp.sendMail = ((...a: Parameters<typeof real>) => (++n === 2 ? false : real(...a))) as typeof real;
    r.send("PC-Bob", ["erin@beta.org", "alice@alpha.edu", "bob@beta.org"]);
    r.clock.advance(30000);
    expect(r.mails().map((m) => m.state)).toEqual(["delivered", "failed", "delivered"]);
    expectExactlyOnce(r.app);
  });

  it("5. PT calls throwing: device count, registerEvent, cancelSend, evaluateJavaScriptAsync", () => {
    const r = rig();
    const p = panel(r);
    const net = r.world.network as { getDeviceCount(): number };
    const realCount = net.getDeviceCount;
    net.getDeviceCount = () => { throw new Error("IPC call \"getDeviceCount\" failed"); };
    r.clock.advance(7000); // two rescans meet it
    net.getDeviceCount = realCount;
    const view = r.world.webViewManager.views[0];
    view.evaluateJavaScriptAsync = () => { throw new Error("view is closing"); };
    const alice = r.world.device("PC-Alice")!.email!.smtp;
    alice.cancelSend = () => { throw new Error("Invalid arguments for IPC call \"cancelSend\""); };
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(150);
    expect(r.request({ type: "cancel", device: r.deviceKey("PC-Alice") })).toMatchObject({ ok: true, cancelled: 2 });
    expect(r.byTo("carol@alpha.edu").reason).toMatch(/raised an error on cancelSend/);
    r.world.addDevice({ name: "PC-Odd", kind: "pc", ip: "10.1.0.70", gateway: "10.1.0.1", dns: "10.1.0.5", email: { mailId: "odd@alpha.edu", user: "odd", password: "x", smtp: "mail.alpha.edu" } });
    const odd = r.world.device("PC-Odd")!;
    odd.registerEvent = () => { throw new Error("registerEvent refused"); };
    r.clock.advance(20000);
    expect(r.app.errors.join("\n")).toMatch(/getDeviceCount[\s\S]*evaluateJavaScriptAsync/);
    p.pull();
    samePanel(p.store, r.app);
    expectExactlyOnce(r.app);
  });

  it("6. the panel closed and reopened during a burst", () => {
    const r = rig();
    r.request({ type: "settings", settings: { cap: 50000 } });
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
    samePanel(p.store, r.app);
    expectExactlyOnce(r.app);
  });

  it("7. a push lost: the panel catches up by sequence number", () => {
    const r = rig();
    const p = panel(r);
    r.send("PC-Alice", ["carol@alpha.edu"]);
    p.dropOne();
    r.clock.advance(1);
    r.send("PC-Bob", ["erin@beta.org"]);
    r.clock.advance(20000);
    samePanel(p.store, r.app);
    expect(p.store.mails.map((m) => m.state)).toEqual(["delivered", "delivered"]);
    expectExactlyOnce(r.app);
  });

  it("8. cleanUp() then main(): no duplicate rows afterwards", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    r.app.stop();
    const again = new MailConsole(r.world.host());
    again.start();
    emitted = [];
    const key = again.registry.findByName("PC-Alice")!.key;
    again.handle({ type: "send", device: key, from: "alice@alpha.edu", password: "alice123", server: "mail.alpha.edu", mails: [{ to: "dave@alpha.edu", subject: "s", body: "b" }] });
    r.clock.advance(5000);
    expect(again.log.all().map((m) => m.to)).toEqual(["dave@alpha.edu"]);
    expect(again.log.all()[0].events.map((e) => e.code)).toEqual([1, 2]);
    expectExactlyOnce(again);
    again.stop();
  });

  it("9. a new file opened with a different topology", () => {
    const r = rig();
    r.send("PC-Alice", ["bob@beta.org"]);
    r.clock.advance(150);
    r.world.openFile(oneLan());
    r.send("PC-Ann", ["ben@school.lab"]);
    r.world.device("PC-Ben")!.email!.smtp.sendMail("ben@school.lab", "ann@school.lab", "own app", "x", "ben123", "mail.school.lab");
    r.clock.advance(20000);
    expect(r.mails().map((m) => `${m.device}:${m.to}:${m.state}:${m.origin}`)).toEqual([
      "PC-Alice:bob@beta.org:failed:console", "PC-Ann:ben@school.lab:delivered:console", "PC-Ben:ann@school.lab:delivered:pt-client",
    ]);
    expectExactlyOnce(r.app);
  });

  it("10. a 10,000-event burst", () => {
    const r = rig();
    r.request({ type: "settings", settings: { cap: 20000 } });
    const p = panel(r);
    const devices = ["PC-Alice", "PC-Bob", "PC-Carol", "Laptop-Dave"].map((n) => r.world.device(n)!.email!.smtp);
    for (let i = 0; i < 10000; i++) devices[i % 4].emit("mailSent", { dest: `x${i}@alpha.edu`, subject: "", body: "", responseType: 1 + (i % 13) });
    r.clock.advance(1000);
    expect(emitted).toHaveLength(10000);
    samePanel(p.store, r.app);
    expectExactlyOnce(r.app);
  });

  it("11. a mail event with an unexpected argument shape", () => {
    const r = rig();
    const smtp = r.world.device("PC-Erin")!.email!.smtp;
    for (const args of [null, undefined, 42, "text", [], ["a@b.c", "s", "b", "2"], { dest: 5, responseType: "7" }, { responseType: 2 }, { dest: "z@beta.org" }, { toString: 1 }]) {
      smtp.emit("mailSent", args);
    }
    r.clock.advance(1000);
    expect(r.mails().length).toBeGreaterThan(0);
    expect(r.mails().every((m) => m.events.length > 0)).toBe(true);
    expectExactlyOnce(r.app);
  });
});
