import { describe, expect, it } from "vitest";
import { PUSH_INTERVAL_MS } from "../../src/panel-bridge";
import { codes, rig } from "../helpers/engine-on-sim";

const ids = (mails: { id: number }[]) => mails.map((m) => m.id);

describe("engine: cancel", () => {
  it("cancels the mail in flight and every queued one; a late event lands on the cancelled mail", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu", "bob@beta.org"]);
    r.clock.advance(150); // the first is in flight, past its eSmtpRequest
    const res = r.request({ type: "cancelSend", device: r.deviceKey("PC-Alice") });
    expect(res).toEqual({ ok: true, value: { cancelled: 3 } });
    expect(r.mails().map((m) => m.state)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(r.world.deliveries).toHaveLength(0);
    // PT might still report on the cancelled mail: it is recorded there, not as a new row.
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "Hello carol@alpha.edu", body: "", responseType: 7 });
    expect(r.mails()).toHaveLength(3);
    const first = r.byTo("carol@alpha.edu");
    expect(first.state).toBe("cancelled");
    expect(first.events.filter((e) => e.late).map((e) => e.code)).toEqual([7]);
    r.clock.advance(20000);
    expect(r.world.device("MAIL-ALPHA")!.mail!.server.mailboxes.carol).toHaveLength(0);
  });

  it("cancel with nothing to cancel answers 0", () => {
    const r = rig();
    expect(r.request({ type: "cancelSend", device: r.deviceKey("PC-Bob") })).toEqual({
      ok: true,
      value: { cancelled: 0 },
    });
  });
});

describe("engine: the delivery log", () => {
  it("records mail sent from PT's own Email client as such, one entry per mail", () => {
    const r = rig();
    const bob = r.world.device("PC-Bob")!;
    bob.email!.smtp.sendMail("bob@beta.org", "erin@beta.org", "From the app", "hi", "bob123", "mail.beta.org");
    r.clock.advance(5000);
    expect(r.mails()).toHaveLength(1);
    expect(r.mails()[0]).toMatchObject({
      origin: "pt-client",
      device: "PC-Bob",
      to: "erin@beta.org",
      state: "delivered",
      from: "bob@beta.org",
    });
    expect(codes(r.mails()[0])).toEqual([1, 2]);
  });

  it("records an unexpected argument shape with what arrived", () => {
    const r = rig();
    const carol = r.world.device("PC-Carol")!.email!.smtp;
    carol.emit("mailSent", ["x@y.z", "positional", "body", 2]);
    carol.emit("mailSent", { weird: true });
    carol.emit("mailSent", "not even an object");
    const [a, b, c] = r.mails();
    // Accepted (2), and y.z has no A record in the lab: the model says it comes back.
    expect(a).toMatchObject({ to: "x@y.z", subject: "positional", state: "bounced", code: 2 });
    expect(a.events[0].raw).toContain("positional");
    expect(b.state).toBe("failed");
    expect(b.events[0]).toMatchObject({ code: null, raw: '{"weird":true}' });
    expect(c.events[0].raw).toBe('"not even an object"');
    expect(r.mails()).toHaveLength(3);
  });

  it("keeps at most `cap` mails and counts what it dropped; the panel's store removes exactly those rows", () => {
    const r = rig();
    const panel = r.openPanel();
    r.ok({ type: "saveSettings", settings: { cap: 10 } });
    const smtp = r.world.device("PC-Carol")!.email!.smtp;
    for (let i = 0; i < 25; i++) {
      smtp.emit("mailSent", { dest: `u${i}@alpha.edu`, subject: "s" + i, body: "", responseType: 2 });
      r.clock.advance(60); // a push between most events, so rows are removed from the store one batch at a time
    }
    r.clock.advance(1000);
    const held = r.mails();
    expect(held.map((m) => m.to)).toEqual(Array.from({ length: 10 }, (_, i) => `u${15 + i}@alpha.edu`));
    expect(ids(panel.mails)).toEqual(ids(held));
    expect(panel.dropped).toBe(15);
    expect(r.pushes.some((p) => p.droppedIds.length > 0)).toBe(true);
    expect(r.everything().dropped).toBe(15);
  });

  it("a reader so far behind that its drops were forgotten gets a full answer, and the store starts over from it", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { cap: 10 } });
    const behind = r.ok({ type: "openPanel" });
    const smtp = r.world.device("PC-Carol")!.email!.smtp;
    // More than 2 × cap + 100 drops: the oldest drop records are forgotten.
    for (let i = 0; i < 200; i++)
      smtp.emit("mailSent", { dest: `u${i}@alpha.edu`, subject: "", body: "", responseType: 2 });
    const answer = r.ok({ type: "changesSince", seq: behind.seq, epoch: behind.epoch });
    expect(answer.full).toBe(true);
    expect(answer.droppedIds).toEqual([]);
    expect(answer.mails.map((m) => m.to)).toEqual(Array.from({ length: 10 }, (_, i) => `u${190 + i}@alpha.edu`));
    const recent = r.ok({ type: "changesSince", seq: answer.seq - 1, epoch: answer.epoch });
    expect(recent.full).toBe(false);
  });

  it("clear empties the log, starts a new epoch, and the panel's next pull gets a full answer", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    const before = r.everything();
    const cleared = r.ok({ type: "clearLog" });
    expect(cleared.epoch).toBe(before.epoch + 1);
    expect(r.mails()).toHaveLength(0);
    expect(r.ok({ type: "changesSince", seq: before.seq, epoch: before.epoch })).toMatchObject({
      full: true,
      mails: [],
    });
  });
});

describe("engine: Simulation mode", () => {
  it("never fails a mail by the wall-clock watchdog in Simulation mode, and says it waits", () => {
    const r = rig();
    r.world.simulation.setSimulationMode(true);
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(10 * 60 * 1000);
    const m = r.byTo("carol@alpha.edu");
    expect(m.state).toBe("sending");
    expect(m.waitingForSimulation).toBe(true);
    while (r.world.forward()) {
      /* the user steps */
    }
    expect(r.byTo("carol@alpha.edu").state).toBe("delivered");
    expect(r.byTo("carol@alpha.edu").waitingForSimulation).toBeUndefined();
  });

  it("in Realtime, a mail PT never answers fails by the watchdog, and the queue moves on", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { watchdogMs: 10000 } });
    const alice = r.world.device("PC-Alice")!.email!.smtp;
    const real = alice.sendMail.bind(alice);
    let calls = 0;
    alice.sendMail = function (...a: Parameters<typeof real>) {
      calls++;
      return calls === 1 ? true : real(...a); // the first is swallowed: no event ever
    } as typeof alice.sendMail;
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(9000);
    expect(r.byTo("carol@alpha.edu").state).toBe("sending");
    r.clock.advance(2000);
    expect(r.byTo("carol@alpha.edu")).toMatchObject({ state: "failed", reason: expect.stringMatching(/No answer/) });
    r.clock.advance(5000);
    expect(r.byTo("dave@alpha.edu").state).toBe("delivered");
  });

  it("a switch back to Realtime while a mail waits re-arms the watchdog", () => {
    const r = rig();
    r.world.simulation.setSimulationMode(true);
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.world.simulation.setSimulationMode(false);
    expect(r.byTo("carol@alpha.edu").waitingForSimulation).toBeUndefined();
    r.clock.advance(5000);
    expect(r.byTo("carol@alpha.edu").state).toBe("delivered");
  });
});

describe("engine: pushes to the panel", () => {
  it("pushes nothing before the panel opens, then batches changes, then stops when the panel closes", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    expect(r.pushes).toHaveLength(0);
    const opened = r.ok({ type: "openPanel" });
    expect(opened.full).toBe(true);
    r.send("PC-Alice", ["dave@alpha.edu"]);
    r.clock.advance(5000);
    expect(r.pushes.length).toBeGreaterThan(0);
    expect(r.pushes[0]).toMatchObject({ type: "changed", base: opened.seq });
    r.world.webViewManager.views[0].close();
    const n = r.pushes.length;
    r.send("PC-Alice", ["bob@beta.org"]);
    r.clock.advance(5000);
    expect(r.pushes.length).toBe(n);
  });

  it("a 10,000-event burst reaches the panel's store exactly once each, with a bounded number of pushes", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { cap: 20000 } });
    const panel = r.openPanel();
    const smtp = r.world.device("PC-Teacher")!.email!.smtp;
    const start = r.clock.now();
    for (let i = 0; i < 10000; i++) {
      smtp.emit("mailSent", { dest: `s${i}@alpha.edu`, subject: "Burst", body: "", responseType: i % 2 ? 2 : 6 });
      if (i % 1000 === 999) r.clock.advance(10); // the events come over 100 ms of PT time
    }
    r.clock.advance(1000);
    expect(panel.mails).toHaveLength(10000);
    expect(panel.mails.map((m) => m.to)).toEqual(Array.from({ length: 10000 }, (_, i) => `s${i}@alpha.edu`));
    expect(panel.mails.every((m) => m.events.length === 1)).toBe(true);
    // The s… users do not exist on MAIL-ALPHA: PT accepts (2) and bounces them.
    expect(panel.mails.filter((m) => m.state === "bounced" && m.code === 2)).toHaveLength(5000);
    // At most one push per PUSH_INTERVAL_MS over the burst's span, plus one.
    expect(r.pushes.length).toBeLessThanOrEqual(Math.ceil((r.clock.now() - start) / PUSH_INTERVAL_MS) + 1);
    expect(r.pushes.length).toBeLessThanOrEqual(4);
  });

  it("with the push interval at 0, every event PT delivers is pushed on its own, complete (the bench's baseline)", () => {
    const r = rig(undefined, { pushIntervalMs: 0 });
    const panel = r.openPanel();
    const smtp = r.world.device("PC-Teacher")!.email!.smtp;
    for (let i = 0; i < 20; i++) {
      smtp.emit("mailSent", { dest: `s${i}@alpha.edu`, subject: "", body: "", responseType: 2 });
      r.clock.advance(0); // PT runs due timers between two events
    }
    expect(r.pushes).toHaveLength(20);
    expect(r.pushes.map((p) => p.mails.map((m) => `${m.to}:${m.state}`))).toEqual(
      Array.from({ length: 20 }, (_, i) => [`s${i}@alpha.edu:bounced`]),
    );
    expect(panel.mails).toHaveLength(20);
  });

  it("a long catch-up comes in chunks, and what changes between chunks is caught by the next pull", () => {
    const r = rig();
    const smtp = r.world.device("PC-Carol")!.email!.smtp;
    for (let i = 0; i < 250; i++)
      smtp.emit("mailSent", { dest: `u${i}@alpha.edu`, subject: "s", body: "", responseType: 1 });
    const first = r.ok({ type: "openPanel", limit: 100 });
    expect([first.full, first.more, first.mails.length]).toEqual([true, true, 100]);
    const ids = first.mails.map((m) => m.id);
    smtp.emit("mailSent", { dest: "u249@alpha.edu", subject: "s", body: "", responseType: 6 }); // u249 ends meanwhile
    let chunk = first;
    while (chunk.more) {
      chunk = r.ok({
        type: "changesSince",
        seq: first.seq,
        epoch: first.epoch,
        limit: 100,
        after: ids[ids.length - 1],
      });
      expect(chunk.full).toBe(false);
      expect(chunk.seq).toBe(first.seq);
      for (const m of chunk.mails) ids.push(m.id);
    }
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    const after = r.ok({ type: "changesSince", seq: first.seq, epoch: first.epoch });
    expect(after.mails.map((m) => [m.to, m.state])).toEqual([["u249@alpha.edu", "failed"]]);
  });

  it("the pull answers exactly what changed after a seq, so a lost push costs nothing", () => {
    const r = rig();
    const opened = r.ok({ type: "openPanel" });
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    const since = r.ok({ type: "changesSince", seq: opened.seq, epoch: opened.epoch });
    expect(since.full).toBe(false);
    expect(since.mails.map((m) => m.to)).toEqual(["carol@alpha.edu"]);
    expect(since.mails[0].state).toBe("delivered");
  });
});
