// The panel's real store and link on a rig's engine, joined as a PT web view
// joins them ($se answered by the engine, pushes evaluated), with the panel's
// timers vitest's fake ones; and time that runs on both clocks at once.
import { vi } from "vitest";
import { EngineLink } from "../../ui/engine-link";
import { PanelStore } from "../../ui/store";
import { answerAsPt, evaluatePush, type Rig } from "./engine-on-sim";

/** A started link and its store; `asked` hears each request's type. */
export function linkedPanel(r: Rig, asked: (type: string) => void = () => undefined) {
  const store = new PanelStore();
  const se = (_name: string, request: { type: string }) => {
    asked(request.type);
    return Promise.resolve(answerAsPt(r.engine, request));
  };
  const link = new EngineLink(store, () => se as (name: string, ...args: unknown[]) => unknown);
  r.world.webViewManager.onEvaluate = (_v, js) => evaluatePush(js, (p) => link.receive(p));
  link.start();
  return { store, link };
}

/** Lets the engine's virtual clock and the panel's fake timers run together, 50 ms at a time. */
export async function both(r: Rig, ms: number) {
  for (let t = 0; t < ms; t += 50) {
    r.clock.advance(50);
    await vi.advanceTimersByTimeAsync(50);
  }
}
