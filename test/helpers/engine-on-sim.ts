// Given the classroom: the engine (src/) running against the simulator in this
// realm, on a virtual clock, with a fake panel that evaluates every push the
// way a web view would and keeps them. Tests see the engine only as the panel
// does: through requests and pushes.

import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import type { TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { Engine, type EngineOptions } from "../../src/engine";
import type { ChangedPush, Changes, MailEntry, Push, Reply, RequestOf, RequestType, Results } from "../../src/protocol";
import { PANEL_RECEIVER } from "../../src/protocol";
import { decodeChanges, type WirePush } from "../../src/wire";
import { PanelStore } from "../../ui/store";

export interface Rig {
  clock: VirtualClock;
  world: World;
  engine: Engine;
  pushes: ChangedPush[];
  /** What the engine wrote to PT's Debug window. */
  logs: string[];
  request<T extends RequestType>(r: RequestOf<T>): Reply<T>;
  /** The value of a request that must succeed. */
  ok<T extends RequestType>(r: RequestOf<T>): Results[T];
  /** Everything the engine holds, as a panel opening now would get it. */
  everything(): Changes;
  mails(): MailEntry[];
  byTo(to: string): MailEntry;
  send(
    device: string,
    to: string[],
    over?: Partial<{ from: string; password: string; server: string; subject: string }>,
  ): Reply<"sendMail">;
  deviceKey(name: string): string;
  /** The real panel store, opened now and fed every later push (pulling on a gap, as the panel does). */
  openPanel(): PanelStore;
}

/** Runs a pushed script as a web view would, against a window with the panel's receiver. */
/** What $se answers in PT: the engine's reply as mailConsoleRequest sends it (src/main.ts), Changes encoded for the wire. */
export function answerAsPt(engine: Engine, request: unknown): string {
  return engine.answer(JSON.parse(JSON.stringify(request)));
}

export function evaluatePush(js: string, receive: (push: Push) => void): void {
  new Function("window", js)({ [PANEL_RECEIVER]: (p: WirePush) => receive(decodeChanges(p) as Push) });
}

export function rig(
  spec: TopologySpec = classroom(),
  options: { stepMs?: number; timeoutMs?: number } & EngineOptions = {},
): Rig {
  const clock = new VirtualClock();
  const world = new World({ clock, stepMs: options.stepMs ?? 100, timeoutMs: options.timeoutMs ?? 3000 });
  world.load(spec);
  const pushes: ChangedPush[] = [];
  const logs: string[] = [];
  const stores: PanelStore[] = [];
  world.webViewManager.onEvaluate = (_view, js) =>
    evaluatePush(js, (p) => {
      pushes.push(p);
      for (const store of stores) {
        if (store.follows(p)) store.apply(p);
        else store.apply(ok({ type: "changesSince", seq: store.seq, epoch: store.epoch }));
      }
    });
  // The engine reads the lab through IPC (src/lab-reader.ts), as in PT.
  const engine = new Engine(
    world.host((m) => logs.push(m)),
    { pushIntervalMs: options.pushIntervalMs },
  );
  engine.start();
  // Through JSON, as $se carries it.
  const request = <T extends RequestType>(req: RequestOf<T>): Reply<T> =>
    engine.request<T>(JSON.parse(JSON.stringify(req)));
  const ok = <T extends RequestType>(req: RequestOf<T>): Results[T] => {
    const reply = request(req);
    if (!reply.ok) throw new Error(`${req.type} refused: ${reply.error}`);
    return reply.value;
  };
  const everything = () => ok({ type: "changesSince", seq: 0, epoch: 0 });
  const r: Rig = {
    clock,
    world,
    engine,
    pushes,
    logs,
    request,
    ok,
    everything,
    mails: () => everything().mails,
    byTo: (to) => {
      const m = r.mails().filter((x) => x.to === to);
      if (m.length !== 1) throw new Error(`expected one mail to ${to}, found ${m.length}`);
      return m[0];
    },
    deviceKey: (name) => {
      const d = (everything().devices || []).filter((x) => x.name === name)[0];
      if (!d) throw new Error("no registered device " + name);
      return d.key;
    },
    openPanel: () => {
      const store = new PanelStore();
      store.apply(ok({ type: "openPanel", since: 0, epoch: 0 }));
      stores.push(store);
      return store;
    },
    send: (device, to, over = {}) => {
      const d = world.device(device);
      if (!d?.email) throw new Error("no device with an email client: " + device);
      const u = d.email.user;
      return request({
        type: "sendMail",
        device: r.deviceKey(device),
        from: over.from ?? u.mailId,
        password: over.password ?? u.password,
        server: over.server ?? u.smtpServer,
        mails: to.map((t) => ({ to: t, subject: over.subject ?? "Hello " + t, body: "Body for " + t })),
      });
    },
  };
  return r;
}

/** Codes of a mail's events, in order (console notes excluded). */
export function codes(m: MailEntry): number[] {
  return m.events.filter((e) => e.code !== null).map((e) => e.code as number);
}
