import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EngineLink } from "../../ui/engine-link";
import { PanelStore } from "../../ui/store";
import { evaluatePush, type Rig, rig } from "../helpers/engine-on-sim";

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
    engineUp
      ? Promise.resolve(r.engine.handle(JSON.parse(JSON.stringify(request)))).then((x) => JSON.stringify(x))
      : new Promise(() => undefined);
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

async function both(ms: number) {
  for (let t = 0; t < ms; t += 50) {
    r.clock.advance(50);
    await vi.advanceTimersByTimeAsync(50);
  }
}

describe("panel link to the engine", () => {
  it("says hello, then follows pushes", async () => {
    await both(200);
    expect(store.connection).toBe("live");
    expect(store.devices.length).toBeGreaterThan(5);
    r.send("PC-Alice", ["carol@alpha.edu"]);
    await both(1000);
    expect(store.mails.map((m) => m.state)).toEqual(["delivered"]);
  });

  it("stays live by pulling when no push ever arrives", async () => {
    pushesOn = false;
    await both(200);
    r.send("PC-Alice", ["carol@alpha.edu", "bob@beta.org"]);
    await both(6000);
    expect(store.mails.map((m) => m.state)).toEqual(["delivered", "delivered"]);
    expect(store.connection).toBe("pulling");
  });

  it("notices a lost push by its base seq and fills the gap", async () => {
    await both(200);
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
    await both(400);
    expect(store.mails.map((m) => m.to)).toEqual(["carol@alpha.edu", "erin@beta.org"]);
  });

  it("says when the engine does not answer, retries, and catches up when it is back", async () => {
    await both(200);
    engineUp = false;
    pushesOn = false;
    r.send("PC-Alice", ["carol@alpha.edu"]);
    await both(8000);
    expect(store.connection).toBe("offline");
    expect(store.connectionNote).toMatch(/did not answer/);
    engineUp = true;
    await both(8000);
    expect(store.connection).not.toBe("offline");
    expect(store.mails.map((m) => m.state)).toEqual(["delivered"]);
  });
});
