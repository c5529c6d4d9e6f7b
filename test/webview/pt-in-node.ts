// Packet Tracer's part around the BUILT module, for browsers playwright-core
// cannot drive: dist/module/engine.js runs on the built simulator
// (dist/sim/pt-sim.js) in a Node vm context with real timers, and a page
// reaches it the way PT's web view does. The page's $se queues each call; this
// side takes the queue over the DevTools pipe, answers through the engine's
// global exactly as PT would call it, and every push the engine sends with
// webView.evaluateJavaScriptAsync(js) is evaluated in the page as it comes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import type { RequestOf, RequestType, Results } from "../../src/protocol";
import type { PageSession } from "./cdp-pipe";

const root = join(__dirname, "../..");

/** The page side of $se: an init script, so it exists before the panel's script runs (PT injects $se likewise). */
export const SE_BRIDGE = `(function () {
  var pt = (window.__pt = { queue: [], waiting: {}, n: 0 });
  window.$se = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    return new Promise(function (resolve) {
      var id = ++pt.n;
      pt.waiting[id] = resolve;
      pt.queue.push({ id: id, name: name, args: JSON.stringify(args) });
    });
  };
})();`;

export interface PtInNode {
  /** The engine's answer to a request, decoded as the panel decodes it. */
  request<T extends RequestType>(request: RequestOf<T>): Results[T];
  /** While true, the page's pulls (changesSince) wait unanswered: only a push can bring news. */
  holdPulls: boolean;
  /** Serves a page's $se calls and forwards pushes to it until stop(). */
  serve(page: PageSession): void;
  /** How many pushes reached the page. */
  readonly pushes: number;
  stop(): Promise<void>;
}

export function ptInNode(): PtInNode {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const intervals = new Set<ReturnType<typeof setInterval>>();
  const sandbox: Record<string, unknown> = {
    setTimeout: (fn: () => void, ms: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
      return t;
    },
    clearTimeout: (t: ReturnType<typeof setTimeout>) => {
      timers.delete(t);
      clearTimeout(t);
    },
    setInterval: (fn: () => void, ms: number) => {
      const t = setInterval(fn, ms);
      intervals.add(t);
      return t;
    },
    clearInterval: (t: ReturnType<typeof setInterval>) => {
      intervals.delete(t);
      clearInterval(t);
    },
    dprint: () => {},
  };
  const context = createContext(sandbox);
  runInContext(readFileSync(join(root, "dist/sim/pt-sim.js"), "utf8"), context);
  runInContext(
    `var world = new PtSim.World({ clock: PtSim.hostClock(this), stepMs: 60, timeoutMs: 1200 });
     world.load(PtSim.classroom());
     PtSim.installPtGlobals(this, world);`,
    context,
  );
  runInContext(readFileSync(join(root, "dist/module/engine.js"), "utf8"), context);
  const pending: string[] = [];
  let forward: ((js: string) => void) | null = null;
  let pushes = 0;
  (sandbox.world as { webViewManager: { onEvaluate: (view: unknown, js: string) => void } }).webViewManager.onEvaluate =
    (_view, js) => {
      if (forward) forward(js);
      else pending.push(js);
    };
  runInContext("main()", context);
  const call = (name: string, args: unknown[]) => (sandbox[name] as (...a: unknown[]) => unknown)(...args);

  let serving: Promise<void> | null = null;
  let stopped = false;
  const self: PtInNode = {
    get pushes() {
      return pushes;
    },
    holdPulls: false,
    request: (r) => {
      const { PtSim } = sandbox as { PtSim: { replyFromWire(type: string, raw: unknown): any } };
      const reply = PtSim.replyFromWire(r.type, JSON.parse(call("mailConsoleRequest", [r]) as string));
      if (!reply.ok) throw new Error(`${r.type} refused: ${reply.error}`);
      return reply.value;
    },
    serve(page) {
      forward = (js) => {
        pushes++;
        page.send("Runtime.evaluate", { expression: js }).catch(() => {});
      };
      for (const js of pending.splice(0)) forward(js);
      serving = (async () => {
        while (!stopped) {
          const queued = await page
            .evaluate<string>("window.__pt ? JSON.stringify(window.__pt.queue.splice(0)) : '[]'")
            .catch(() => "[]");
          const held: unknown[] = [];
          for (const q of JSON.parse(queued) as { id: number; name: string; args: string }[]) {
            if (self.holdPulls && q.args.indexOf('"changesSince"') >= 0) {
              held.push(q);
              continue;
            }
            const answer = call(q.name, JSON.parse(q.args));
            await page.evaluate(
              `(function (pt) { pt.waiting[${q.id}](${JSON.stringify(answer)}); delete pt.waiting[${q.id}]; })(window.__pt)`,
            );
          }
          if (held.length)
            await page.evaluate(`window.__pt.queue.unshift.apply(window.__pt.queue, ${JSON.stringify(held)})`);
          await new Promise((r) => setTimeout(r, 15));
        }
      })();
    },
    async stop() {
      stopped = true;
      await serving;
      forward = null;
      try {
        runInContext("cleanUp()", context);
      } finally {
        for (const t of timers) clearTimeout(t);
        for (const t of intervals) clearInterval(t);
      }
    },
  };
  return self;
}
