// Given the classroom: the engine (src/) running against the simulator in this
// realm, on a virtual clock, with a fake panel that evaluates every push the
// way a web view would and keeps the batches.
import { MailConsole } from "../../src/console";
import type { Batch, MailEntry, Request, Response } from "../../src/protocol";
import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import { World } from "../../sim/world";
import type { TopologySpec } from "../../sim/spec";

export interface Rig {
  clock: VirtualClock;
  world: World;
  app: MailConsole;
  batches: Batch[];
  logs: string[];
  request(r: Request): Response;
  mails(): readonly MailEntry[];
  byTo(to: string): MailEntry;
  send(device: string, to: string[], over?: Partial<{ from: string; password: string; server: string; subject: string }>): Response;
  deviceKey(name: string): string;
}

export function rig(spec: TopologySpec = classroom(), options: { stepMs?: number; timeoutMs?: number } = {}): Rig {
  const clock = new VirtualClock();
  const world = new World({ clock, stepMs: options.stepMs ?? 100, timeoutMs: options.timeoutMs ?? 3000 });
  world.load(spec);
  const batches: Batch[] = [];
  const logs: string[] = [];
  // A web view evaluates the pushed script text; so does this fake panel.
  world.webViewManager.onEvaluate = (_view, js) => {
    const fakeWindow = { mailConsole: { receive: (b: Batch) => batches.push(b) } };
    new Function("window", js)(fakeWindow);
  };
  const app = new MailConsole(world.host((m) => logs.push(m)));
  app.start();
  const r: Rig = {
    clock, world, app, batches, logs,
    request: (req) => app.handle(JSON.parse(JSON.stringify(req))),
    mails: () => app.log.all(),
    byTo: (to) => {
      const m = app.log.all().filter((x) => x.to === to);
      if (m.length !== 1) throw new Error(`expected one mail to ${to}, found ${m.length}`);
      return m[0];
    },
    deviceKey: (name) => {
      const d = app.registry.findByName(name);
      if (!d) throw new Error("no registered device " + name);
      return d.key;
    },
    send: (device, to, over = {}) => {
      const d = world.device(device)!;
      const u = d.email!.user;
      return r.request({
        type: "send", device: r.deviceKey(device), from: over.from ?? u.mailId, password: over.password ?? u.password,
        server: over.server ?? u.smtpServer, mails: to.map((t) => ({ to: t, subject: over.subject ?? "Hello " + t, body: "Body for " + t })),
      });
    },
  };
  return r;
}

/** Codes of a mail's events, in order (console notes excluded). */
export function codes(m: MailEntry): number[] {
  return m.events.filter((e) => e.code !== null).map((e) => e.code as number);
}
