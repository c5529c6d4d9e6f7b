// The 10,000-event burst: the engine on the simulator in Node, with a given push interval.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The burst runs the engine (src/) on the simulator in this process, bundled for Node. */
export async function burst(pushIntervalMs) {
  const out = await esbuild.build({
    stdin: {
      contents: `
        export { Engine } from "./src/engine";
        export { PanelStore } from "./ui/store";
        export { VirtualClock } from "./sim/clock";
        export { World } from "./sim/world";
        export { classroom } from "./sim/scenarios/classroom";
        export { decodeChanges } from "./src/wire";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const m = await import("data:text/javascript;base64," + Buffer.from(out.outputFiles[0].text).toString("base64"));
  const clock = new m.VirtualClock();
  const world = new m.World({ clock });
  world.load(m.classroom());
  const store = new m.PanelStore();
  let recorded = 0;
  world.webViewManager.onEvaluate = (_v, js) => {
    // Pushes travel encoded (src/wire.ts), and the panel decodes them as ui/main.ts does.
    new Function("window", js)({ mailConsolePush: (p) => store.apply(m.decodeChanges(p)) });
  };
  const engine = new m.Engine(world.host(), { pushIntervalMs });
  engine.start();
  engine.request({ type: "saveSettings", settings: { cap: 20000 } });
  store.apply(engine.request({ type: "openPanel" }).value);
  const pushesBefore = world.webViewManager.evaluated;
  const smtp = world.device("PC-Teacher").email.smtp;
  const N = 10000;
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    smtp.emit("mailSent", { dest: `s${i}@alpha.edu`, subject: "Burst " + i, body: "", responseType: 2 });
    clock.advance(i % 1000 === 999 ? 5 : 0); // 10,000 events over 50 ms of PT time; due timers run between events
  }
  // Bounded: 10 s of PT time after the burst; what has not arrived by then is counted as lost.
  for (let wait = 0; store.mails.length < N && wait < 1000; wait++) clock.advance(10);
  const ms = performance.now() - t;
  for (const mail of store.mails) recorded += mail.events.filter((e) => e.code !== null).length;
  const pushes = world.webViewManager.evaluated - pushesBefore;
  engine.stop();
  return { events: N, recorded, pushes, ms };
}
