import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CATCH_UP_CHUNK } from "../../src/protocol";
import { EngineLink, NO_SE_NOTE } from "../../ui/engine-link";
import { PanelStore } from "../../ui/store";
import { answerAsPt, evaluatePush, type Rig, rig } from "../helpers/engine-on-sim";
import { both } from "../helpers/panel-on-sim";

// The panel's link against the real engine on the simulator. The engine's
// clock is virtual; the panel's timers are vitest's fake ones.
let r: Rig;
let store: PanelStore;
let link: EngineLink;
let pushesOn = true;
let engineUp = true;

beforeEach(() => {
  vi.useFakeTimers();
  pushesOn = true;
  engineUp = true;
  r = rig();
  store = new PanelStore();
  const se = (_name: string, request: unknown) =>
    engineUp ? Promise.resolve(answerAsPt(r.engine, request)) : new Promise(() => undefined);
  link = new EngineLink(store, () => se);
  r.world.webViewManager.onEvaluate = (_v, js) => {
    if (pushesOn) evaluatePush(js, (p) => link.receive(p));
  };
  link.start();
});
afterEach(() => {
  link.stop();
  vi.useRealTimers();
});

describe("panel link to the engine", () => {
  it("catches up on a long log in chunks of CATCH_UP_CHUNK rows, and misses nothing that changed meanwhile", async () => {
    link.stop();
    const asked: unknown[] = [];
    const smtp = r.world.device("PC-Carol")!.email!.smtp;
    for (let i = 0; i < 350; i++)
      smtp.emit("mailSent", { dest: `u${i}@alpha.edu`, subject: "s", body: "", responseType: 1 });
    const fresh = new PanelStore();
    const se = (_name: string, request: unknown) => {
      asked.push(request);
      // A change while the catch-up is under way: it must arrive with the next pull.
      if (asked.length === 2)
        smtp.emit("mailSent", { dest: "u349@alpha.edu", subject: "s", body: "", responseType: 6 });
      return Promise.resolve(answerAsPt(r.engine, request));
    };
    link = new EngineLink(fresh, () => se);
    link.start();
    await both(r, 4000);
    const chunks = asked.filter((q) => (q as { limit?: number }).limit === CATCH_UP_CHUNK);
    expect(chunks.length).toBeGreaterThanOrEqual(4); // 350 rows, 100 a chunk
    expect(fresh.mails.map((m) => m.id)).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
    expect(fresh.mails[349].state).toBe("failed");
  });

  it("says hello, then follows pushes", async () => {
    await both(r, 200);
    expect(store.connection).toBe("live");
    expect(store.devices.length).toBeGreaterThan(5);
    r.send("PC-Alice", ["carol@alpha.edu"]);
    await both(r, 1000);
    expect(store.mails.map((m) => m.state)).toEqual(["delivered"]);
  });

  it("stays live by pulling when no push ever arrives", async () => {
    pushesOn = false;
    await both(r, 200);
    r.send("PC-Alice", ["carol@alpha.edu", "bob@beta.org"]);
    await both(r, 6000);
    expect(store.mails.map((m) => m.state)).toEqual(["delivered", "delivered"]);
    expect(store.connection).toBe("pulling");
  });

  it("notices a lost push by its base seq and fills the gap", async () => {
    await both(r, 200);
    let drop = true;
    r.world.webViewManager.onEvaluate = (_v, js) => {
      if (drop) {
        drop = false;
        return;
      } // the first push after hello is lost
      evaluatePush(js, (p) => link.receive(p));
    };
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(10);
    r.send("PC-Bob", ["erin@beta.org"]);
    await both(r, 400);
    expect(store.mails.map((m) => m.to)).toEqual(["carol@alpha.edu", "erin@beta.org"]);
  });

  it("says when the engine does not answer, retries, and catches up when it is back", async () => {
    await both(r, 200);
    engineUp = false;
    pushesOn = false;
    r.send("PC-Alice", ["carol@alpha.edu"]);
    await both(r, 8000);
    expect(store.connection).toBe("offline");
    expect(store.connectionNote).toMatch(/did not answer/);
    engineUp = true;
    await both(r, 8000);
    expect(store.connection).not.toBe("offline");
    expect(store.mails.map((m) => m.state)).toEqual(["delivered"]);
  });
});

describe("panel link outside Packet Tracer", () => {
  it("says why after 3 s without $se, and connects when $se comes late after all", async () => {
    link.stop();
    let se: ((name: string, request: unknown) => unknown) | undefined;
    const lone = new PanelStore();
    const late = new EngineLink(lone, () => se);
    late.start();
    await vi.advanceTimersByTimeAsync(2900);
    expect([lone.connection, lone.connectionNote]).toEqual(["connecting", ""]);
    await vi.advanceTimersByTimeAsync(200);
    expect([lone.connection, lone.connectionNote]).toEqual(["connecting", NO_SE_NOTE]);
    se = (_name, request) => Promise.resolve(answerAsPt(r.engine, request));
    await vi.advanceTimersByTimeAsync(200);
    expect([lone.connection, lone.connectionNote]).toEqual(["live", ""]);
    late.stop();
  });
});
