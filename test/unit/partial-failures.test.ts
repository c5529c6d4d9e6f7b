// A failure part-way through a request (issue 23): for every request, each call
// it makes into PT (IPC objects, $putData/$getData, timers) is made to throw in
// turn, and the answer is checked against the state the engine is left in. An
// answer never says a thing happened that did not, nor that it failed when it
// happened; where a request changes two things, both change or neither does.
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../sim/clock";
import { oneLan } from "../../sim/scenarios/classroom";
import { World } from "../../sim/world";
import { Engine } from "../../src/engine";
import type { Changes, MailEntry, Reply, RequestOf, RequestType } from "../../src/protocol";
import type { Host } from "../../src/pt";
import { replyFromWire } from "../../src/wire";

/** Counts PT calls while armed, and throws at the failAt-th (0: never). */
class Injector {
  armed = false;
  failAt = 0;
  count = 0;
  hit = "";
  private readonly proxies = new Map<object, object>();

  call(name: string): void {
    if (!this.armed) return;
    this.count++;
    if (this.count !== this.failAt) return;
    this.hit = name;
    throw new Error(`injected: ${name} failed`);
  }

  /** The same object, with every method a countable PT call; what a call answers is wrapped too. */
  wrap<T>(value: T): T {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    const target: object = value;
    const known = this.proxies.get(target);
    if (known) return known as T;
    const injector = this;
    const proxy = new Proxy(target, {
      get(t, prop) {
        const v = Reflect.get(t, prop, t);
        if (typeof v !== "function" || typeof prop !== "string") return v;
        return function (...args: unknown[]) {
          injector.call(prop);
          return injector.wrap(v.apply(t, args));
        };
      },
    });
    this.proxies.set(target, proxy);
    return proxy as T;
  }
}

interface Setup {
  world: World;
  clock: VirtualClock;
  engine: Engine;
  injector: Injector;
  /** A request answered as PT's $se carries it (JSON both ways), not counted. */
  ask<T extends RequestType>(r: RequestOf<T>): Reply<T>;
  state(): Changes;
  key(name: string): string;
}

function setup(): Setup {
  const clock = new VirtualClock();
  const world = new World({ clock, stepMs: 100, timeoutMs: 3000 });
  world.load(oneLan());
  const injector = new Injector();
  const base = world.host();
  // Date.now and dprint are the script engine's own, not calls into PT: never made to throw.
  const timer =
    <A extends unknown[], R>(name: string, fn: (...a: A) => R) =>
    (...a: A): R => {
      injector.call(name);
      return fn(...a);
    };
  const host: Host = {
    ipc: injector.wrap(base.ipc),
    webViewManager: injector.wrap(base.webViewManager),
    setTimeout: timer("setTimeout", base.setTimeout),
    clearTimeout: timer("clearTimeout", base.clearTimeout),
    setInterval: timer("setInterval", base.setInterval),
    clearInterval: timer("clearInterval", base.clearInterval),
    putData: timer("$putData", base.putData),
    getData: timer("$getData", base.getData),
    now: base.now,
    log: base.log,
  };
  const engine = new Engine(host);
  engine.start();
  const answer = <T extends RequestType>(r: RequestOf<T>): Reply<T> =>
    replyFromWire(r.type, JSON.parse(engine.answer(JSON.parse(JSON.stringify(r))))) as Reply<T>;
  const s: Setup = {
    world,
    clock,
    engine,
    injector,
    ask: answer,
    state: () => {
      const reply = answer({ type: "changesSince", seq: 0, epoch: 0 });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    },
    key: (name) => {
      const d = (s.state().devices || []).filter((x) => x.name === name)[0];
      if (!d) throw new Error(`no device ${name}`);
      return d.key;
    },
  };
  s.ask({ type: "openPanel" }); // pushes go out from here on: every change schedules one
  return s;
}

const ENDED = ["delivered", "bounced", "failed", "cancelled"];
const rows = (c: Changes) => c.mails.map((m) => `${m.id}:${m.to}:${m.state}`);
const stored = (s: Setup, what: string) => JSON.parse(s.world.data[`org.ptmail.console/${what}`] || "null");

function send(s: Setup, to: string[]): RequestOf<"sendMail"> {
  return {
    type: "sendMail",
    device: s.key("PC-Ann"),
    from: "ann@school.lab",
    password: "ann123",
    server: "mail.school.lab",
    mails: to.map((t) => ({ to: t, subject: "s", body: "b" })),
  };
}

/** Mails sent from PT's own Email app on PC-Ben, n of them. */
function appMails(s: Setup, n: number): void {
  const smtp = s.world.device("PC-Ben")!.email!.smtp;
  for (let i = 0; i < n; i++)
    smtp.emit("mailSent", { dest: `x${i}@school.lab`, subject: "", body: "", responseType: 2 });
}

interface Case<T extends RequestType> {
  /** PT calls the request must make (so that the test covers them). */
  makes?: string[];
  /** Where the request has work to do (not counted). */
  given?(s: Setup): void;
  request(s: Setup): RequestOf<T>;
  /** The answer agrees with the state it left (`before`: the state just before the request). */
  agrees(s: Setup, reply: Reply<T>, before: Changes): void;
}

/** Requests that read and change nothing: whatever fails, the log and the settings are as they were. */
function readsOnly<T extends RequestType>(request: (s: Setup) => RequestOf<T>, given?: (s: Setup) => void): Case<T> {
  return {
    given,
    request,
    agrees: (s, reply, before) => {
      expect(reply.ok).toBe(true);
      const after = s.state();
      expect(rows(after)).toEqual(rows(before));
      expect([after.settings, after.presets]).toEqual([before.settings, before.presets]);
    },
  };
}

const CASES: { [T in RequestType]: Case<T> } = {
  openPanel: readsOnly(
    () => ({ type: "openPanel" }),
    (s) => appMails(s, 3),
  ),
  changesSince: readsOnly(
    () => ({ type: "changesSince", seq: 0, epoch: 0 }),
    (s) => appMails(s, 3),
  ),
  sendMail: {
    makes: ["sendMail", "setTimeout", "$putData"],
    request: (s) => send(s, ["ben@school.lab", "ann@school.lab"]),
    agrees: (s, reply, before) => {
      const after = s.state();
      // Memory and PT's options file agree on the presets, whatever the answer.
      expect(after.presets).toEqual(stored(s, "presets") || {});
      if (!reply.ok) {
        expect(rows(after)).toEqual(rows(before));
        expect(after.presets).toEqual(before.presets);
        return;
      }
      const ids = reply.value.ids;
      expect(after.mails.filter((m) => ids.indexOf(m.id) >= 0).map((m) => m.to)).toEqual([
        "ben@school.lab",
        "ann@school.lab",
      ]);
      const remembered = { from: "ann@school.lab", server: "mail.school.lab" };
      // The mails went to PT: a preset PT could not store is a warning, not a failure.
      if (s.injector.hit === "$putData") expect(reply.value.warning).toMatch(/not remembered/);
      if (reply.value.warning) expect(after.presets).toEqual(before.presets);
      else expect(after.presets?.["PC-Ann"]).toEqual(remembered);
      // Handed to PT or not, no mail is left hanging: each ends.
      s.clock.advance(130000);
      const ended = s.state().mails.filter((m) => ids.indexOf(m.id) >= 0);
      expect(ended.map((m) => ENDED.indexOf(m.state) >= 0)).toEqual([true, true]);
    },
  },
  cancelSend: {
    makes: ["cancelSend", "clearTimeout"],
    given: (s) => {
      s.ask(send(s, ["ben@school.lab", "ann@school.lab"]));
    },
    request: (s) => ({ type: "cancelSend", device: s.key("PC-Ann") }),
    agrees: (s, reply, before) => {
      const after = s.state();
      const moving = (c: Changes) => c.mails.filter((m: MailEntry) => ENDED.indexOf(m.state) < 0).length;
      expect(moving(before)).toBe(2);
      if (!reply.ok) {
        expect(rows(after)).toEqual(rows(before));
        return;
      }
      expect(after.mails.filter((m) => m.state === "cancelled")).toHaveLength(reply.value.cancelled);
      expect(moving(after)).toBe(2 - reply.value.cancelled);
    },
  },
  readDevice: {
    makes: ["getMailId"],
    given: (s) => {
      s.world.device("PC-Ann")!.email!.user.mailId = "ann.smith@school.lab"; // changed in PT with no event
    },
    request: (s) => ({ type: "readDevice", device: s.key("PC-Ann") }),
    agrees: (s, reply) => {
      const listed = (s.state().devices || []).filter((d) => d.name === "PC-Ann")[0];
      if (!reply.ok) {
        expect(listed).toBeUndefined();
        return;
      }
      expect(reply.value).toEqual(listed);
    },
  },
  saveDraft: {
    request: () => ({ type: "saveDraft", draft: { device: "PC-Ann", to: "ben@school.lab", subject: "s", body: "b" } }),
    agrees: (s, reply) => {
      const draft = s.state().draft;
      if (reply.ok) expect(draft).toEqual({ device: "PC-Ann", to: "ben@school.lab", subject: "s", body: "b" });
      else expect(draft).toBeNull();
    },
  },
  predict: {
    makes: ["getDeviceCount", "getPortAt", "registerEvent"],
    ...readsOnly((s) => ({
      type: "predict",
      device: s.key("PC-Ann"),
      from: "ann@school.lab",
      password: "ann123",
      server: "mail.school.lab",
      to: ["ben@school.lab"],
    })),
  },
  fidelityReport: { ...readsOnly(() => ({ type: "fidelityReport" })), makes: ["getVersion"] },
  labCheck: { ...readsOnly(() => ({ type: "labCheck" })), makes: ["getDeviceCount", "getPortAt", "registerEvent"] },
  clearLog: {
    given: (s) => appMails(s, 3),
    request: () => ({ type: "clearLog" }),
    agrees: (s, reply, before) => {
      const after = s.state();
      if (reply.ok) {
        expect(after.mails).toEqual([]);
        expect(after.epoch).toBe(reply.value.epoch);
      } else expect([after.epoch, rows(after)]).toEqual([before.epoch, rows(before)]);
    },
  },
  saveLog: {
    makes: ["writePlainTextToFile"],
    request: () => ({ type: "saveLog", format: "csv", text: "id,to\n1,ben@school.lab\n" }),
    agrees: (s, reply) => {
      const files = s.world.files.files;
      if (reply.ok) expect(files[reply.value.path]).toBe("id,to\n1,ben@school.lab\n");
      else expect(Object.keys(files)).toEqual([]);
    },
  },
  saveSettings: {
    makes: ["$putData"],
    given: (s) => {
      s.ask({ type: "saveSettings", settings: { cap: 10 } });
    },
    request: () => ({ type: "saveSettings", settings: { cap: 20 } }),
    agrees: (s, reply) => {
      if (s.injector.hit === "$putData") expect(reply.ok ? "" : reply.field).toBe("settings");
      const cap = reply.ok ? 20 : 10;
      if (reply.ok) expect(reply.value.cap).toBe(20);
      // The answer, the next answer, PT's options file and the log's own limit say the same.
      expect(s.state().settings?.cap).toBe(cap);
      expect(stored(s, "settings").cap).toBe(cap);
      appMails(s, 25);
      expect(s.state().mails).toHaveLength(cap);
    },
  },
};

/** Runs one request with a throw at PT call `failAt` (0: none); answers the reply, the call that threw, and the count. */
function attempt<T extends RequestType>(c: Case<T>, failAt: number): { calls: number; hit: string } {
  const s = setup();
  if (c.given) c.given(s);
  s.clock.advance(60); // pushes already due go out: the request's own changes schedule the next
  const before = s.state();
  const request = c.request(s);
  s.injector.failAt = failAt;
  s.injector.armed = true;
  let reply: Reply<T>;
  try {
    reply = s.ask(request);
  } finally {
    s.injector.armed = false;
  }
  c.agrees(s, reply, before);
  return { calls: s.injector.count, hit: s.injector.hit };
}

describe("a PT call failing part-way: every request answers what happened", () => {
  for (const type of Object.keys(CASES) as RequestType[]) {
    it(type, () => {
      const c = CASES[type] as Case<RequestType>;
      const calls = attempt(c, 0).calls;
      const failed: string[] = [];
      for (let k = 1; k <= calls; k++) {
        const hit = attempt(c, k).hit;
        expect(hit, `call ${k} of ${calls} threw`).not.toBe("");
        failed.push(hit);
      }
      for (const name of c.makes || []) expect(failed).toContain(name);
    });
  }
});
