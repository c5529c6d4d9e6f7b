// A large lab is read across several calls into the engine (issue 23: PT waits
// on every call, and none may take over 50 ms at 300 devices). Counted in IPC
// calls, which do not depend on the machine: a whole read of 300 devices makes
// about 9,000 of them, and no single call (an event, a request, a timer) may
// make more than a slice's worth. A mail that ended meanwhile gets its verdict
// when the read is done, once; Check and the Lab check answer "pending" first.
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../sim/clock";
import { largeLab } from "../../sim/scenarios/large-lab";
import { World } from "../../sim/world";
import { Engine } from "../../src/engine";
import { LAB_PAGE_CELLS } from "../../src/lab-check-work";
import { readSnapshot } from "../../src/lab-reader";
import { LabSnapshot } from "../../src/lab-snapshot";
import type { LabCheck } from "../../src/protocol";
import type { Host } from "../../src/pt";
import { Subscriptions } from "../../src/subscriptions";
import { countingHost } from "../helpers/counting-host";

/** At most this many IPC calls in one call into the engine: a slice of the read (32 steps: about 800 calls). */
const SLICE_CALLS = 1000;

/** Every IPC call counted; every setTimeout callback timed in IPC calls, as PT would run it. */
function counting(host: Host) {
  let worstTick = 0;
  let names: { [k: string]: number } = {};
  let ticks = 0;
  let worstFn = "";
  const ipc = countingHost(host, (method) => {
    names[method] = (names[method] || 0) + 1;
  });
  const calls = ipc.calls;
  const counted: Host = {
    ...ipc.host,
    setTimeout: (fn, ms) =>
      host.setTimeout(() => {
        const before = calls();
        names = {};
        fn();
        ticks++;
        if (calls() - before > worstTick) worstFn = JSON.stringify(names);
        worstTick = Math.max(worstTick, calls() - before);
      }, ms),
  };
  const cost = <T>(f: () => T): { value: T; calls: number } => {
    const before = calls();
    const value = f();
    return { value, calls: calls() - before };
  };
  return { host: counted, cost, worstTick: () => worstTick, ticks: () => ticks, worstFn: () => worstFn };
}

function classroomOf300() {
  const clock = new VirtualClock();
  const world = new World({ clock, stepMs: 100, timeoutMs: 3000 });
  world.load(largeLab(300));
  const c = counting(world.host());
  const engine = new Engine(c.host);
  engine.start();
  const pc = (n: number) => world.device("PC-" + n)!;
  const key = (name: string) => engine.request({ type: "openPanel" }).ok && keyOf(engine, name);
  return { clock, world, engine, c, pc, key };
}

function keyOf(engine: Engine, name: string): string {
  const r = engine.request({ type: "changesSince", seq: 0, epoch: 0 });
  if (!r.ok) throw new Error(r.error);
  return (r.value.devices || []).filter((d) => d.name === name)[0].key;
}

function rowTo(engine: Engine, to: string) {
  const r = engine.request({ type: "changesSince", seq: 0, epoch: 0 });
  if (!r.ok) throw new Error(r.error);
  return r.value.mails.filter((m) => m.to === to)[0];
}

/** PT's mailSent for a mail PT's own Email client sent (no console send needed). */
function mailSent(pc: ReturnType<World["device"]>, dest: string, code: number) {
  pc!.email!.smtp.emit("mailSent", { dest, subject: "Lab 1", body: "results", responseType: code });
}

describe("a 300-device lab is read a slice per call", () => {
  it("no event, request or timer makes more than a slice of the read's IPC calls", () => {
    const t = classroomOf300();
    const whole = counting(t.world.host());
    whole.cost(() => readSnapshot(whole.host));
    const full = whole.cost(() => readSnapshot(whole.host)).calls;
    expect(full).toBeGreaterThan(5 * SLICE_CALLS); // what one call made before: the whole lab
    const key = keyOf(t.engine, "PC-0");
    const u = t.pc(0).email!.user;
    const worst: number[] = [];
    for (let i = 0; i < 40; i++) {
      t.clock.advance(i % 10 === 0 ? 6000 : 50); // now and then, the snapshot has aged out
      worst.push(t.c.cost(() => mailSent(t.pc(i % 10), "user" + i + "@site" + ((i % 2) + 1) + ".lab", 2)).calls);
      if (i % 8 === 3) {
        const predict = {
          type: "predict" as const,
          device: key,
          from: u.mailId,
          password: u.password,
          server: u.smtpServer,
        };
        worst.push(t.c.cost(() => t.engine.request({ ...predict, to: ["user1@site2.lab"] })).calls);
      }
      if (i % 8 === 5) worst.push(t.c.cost(() => t.engine.request({ type: "labCheck" })).calls);
    }
    t.clock.advance(10000);
    expect(Math.max(...worst)).toBeLessThanOrEqual(SLICE_CALLS);
    expect(t.c.worstTick(), t.c.worstFn()).toBeLessThanOrEqual(SLICE_CALLS);
    expect(t.c.worstTick()).toBeGreaterThan(0); // the read went on in ticks
  });

  it("a mail that ends mid-read keeps PT's code now and gets its verdict when the read is done, once", () => {
    const t = classroomOf300();
    t.clock.advance(6000); // the snapshot of the start has aged out
    // user999 is on no server: PT accepted it (2), and the model says it bounces.
    mailSent(t.pc(0), "user999@site2.lab", 2);
    mailSent(t.pc(2), "user3@site2.lab", 2);
    const now = rowTo(t.engine, "user999@site2.lab");
    expect(now).toMatchObject({ state: "delivered", code: 2 });
    expect(now.verdict).toBeUndefined();
    const ticks = t.c.ticks();
    t.clock.advance(1); // the read goes on in ticks of 0 ms
    expect(t.c.ticks() - ticks).toBeGreaterThan(5);
    const bounced = rowTo(t.engine, "user999@site2.lab");
    expect(bounced).toMatchObject({
      state: "bounced",
      code: 2,
      verdict: { outcome: "bounced", server: "MAIL-1", mailbox: "user0", dsn: "unknown-recipient" },
    });
    expect(bounced.reason).toMatch(/^Accepted \(code 2\), but it comes back: /);
    expect(rowTo(t.engine, "user3@site2.lab")).toMatchObject({
      state: "delivered",
      verdict: { outcome: "delivered", server: "MAIL-2", mailbox: "user3" },
    });
    // Once: nothing changes the rows again.
    const rev = bounced.rev;
    t.clock.advance(20000);
    expect(rowTo(t.engine, "user999@site2.lab").rev).toBe(rev);
  });

  it("Check answers pending with how far the read is, then the verdict", () => {
    const t = classroomOf300();
    const u = t.pc(0).email!.user;
    const ask = () =>
      t.engine.request({
        type: "predict",
        device: keyOf(t.engine, "PC-0"),
        from: u.mailId,
        password: u.password,
        server: u.smtpServer,
        to: ["user1@site2.lab"],
      });
    const first = ask();
    if (!first.ok) throw new Error(first.error);
    expect(first.value).toHaveLength(1);
    expect(first.value[0].verdict).toBeNull();
    const p = first.value[0].pending!;
    expect(p.done).toBeGreaterThan(0);
    expect(p.done).toBeLessThan(p.total);
    t.clock.advance(300); // the panel asks again shortly
    const second = ask();
    if (!second.ok) throw new Error(second.error);
    expect(second.value[0].pending).toBeUndefined();
    expect(second.value[0].verdict).toMatchObject({ outcome: "delivered", server: "MAIL-2", mailbox: "user1" });
  });

  it("the Lab check answers pending, works on in ticks, then gives every pair", () => {
    const t = classroomOf300();
    const answers: { pending?: { done: number; total: number }; cells: number }[] = [];
    let last: LabCheck | null = null;
    for (let i = 0; i < 200; i++) {
      const r = t.engine.request({ type: "labCheck" });
      if (!r.ok) throw new Error(r.error);
      answers.push({ pending: r.value.pending, cells: r.value.cells.length });
      last = r.value;
      if (!r.value.pending) break;
      t.clock.advance(300);
    }
    expect(answers[0].pending).toBeDefined();
    expect(answers[0].cells).toBe(0);
    const done = answers[answers.length - 1];
    expect(done.pending).toBeUndefined();
    expect(last!.page!.total).toBe(295 * 295); // every PC against every account
    expect(done.cells).toBe(LAB_PAGE_CELLS); // the first page of them (test/unit/lab-check-pages.test.ts: the rest)
    expect(answers.length).toBeLessThan(10);
    const cell = last!.cells.filter((c) => c.device === "PC-0" && c.to === "user1@site2.lab")[0];
    expect(cell).toMatchObject({ predicted: "delivered", code: 2 });
  });
});

describe("a read under way when the lab changes", () => {
  function lab(world: World) {
    const subs = new Subscriptions(() => undefined);
    const snapshot = new LabSnapshot(world.host(), subs, () => undefined);
    snapshot.watch();
    return { subs, snapshot };
  }

  it("a device removed mid-read: the read starts again, and watches what is there, as a whole read does", () => {
    const clock = new VirtualClock();
    const world = new World({ clock });
    world.load(largeLab(300));
    const t = lab(world);
    expect(t.snapshot.ready()).toBeNull();
    expect(t.snapshot.busy()).toBe(true);
    world.removeDevice("PC-7");
    expect(t.snapshot.busy()).toBe(false); // dropped: it may have met what PT destroys
    let read = t.snapshot.ready();
    for (let i = 0; i < 100 && !read; i++) {
      clock.advance(1);
      read = t.snapshot.ready();
    }
    if (!read) throw new Error("the read never ended");
    expect(read.devices.map((d) => d.name)).not.toContain("PC-7");
    expect(read.devices).toHaveLength(299);
    // The same handlers as a read of the lab as it is now, from the start.
    const whole = lab(world);
    expect(whole.snapshot.get().devices).toHaveLength(299);
    expect(t.subs.count).toBe(whole.subs.count);
  });
});

describe("the last read's handlers after the lab changed", () => {
  it("go back to PT a slice per call, quiet at once, and all by the end of the next read", () => {
    const clock = new VirtualClock();
    const world = new World({ clock });
    world.load(largeLab(300));
    let released = 0;
    const ipc = countingHost(world.host(), (method) => {
      if (method === "unregisterEvent") released++;
    });
    let worst = 0;
    const call = <T>(f: () => T): T => {
      const before = released;
      const value = f();
      worst = Math.max(worst, released - before);
      return value;
    };
    const host: Host = { ...ipc.host, setTimeout: (fn, ms) => world.host().setTimeout(() => call(fn), ms) };
    const subs = new Subscriptions(() => undefined);
    let changes = 0;
    const snapshot = new LabSnapshot(
      host,
      subs,
      () => undefined,
      () => changes++,
    );
    snapshot.watch();
    snapshot.get();
    const watched = subs.count;
    expect(watched).toBeGreaterThan(1000); // 300 devices and their ports
    world.link("PC-3", "SW-2"); // a cable: the lab's structure changed, and every object is still there
    const before = { released, changes };
    let read = call(() => snapshot.ready());
    // Old handlers are quiet from the first call: PT's power event on a device changes nothing any more.
    world.device("PC-290")!.setPower(false); // read last, so not watched again yet
    expect(changes).toBe(before.changes);
    for (let i = 0; i < 200 && !read; i++) {
      clock.advance(1);
      read = call(() => snapshot.ready());
    }
    if (!read) throw new Error("the read never ended");
    expect(released - before.released).toBeGreaterThanOrEqual(watched - 10); // all of them, the workspace's too
    expect(worst).toBeLessThanOrEqual(300); // about 256 a call: 32 steps' share of 8
    const whole = new Subscriptions(() => undefined);
    const again = new LabSnapshot(world.host(), whole, () => undefined);
    again.watch();
    again.get();
    expect(subs.count).toBe(whole.count); // what is registered now is the new read's, nothing more
  });
});
