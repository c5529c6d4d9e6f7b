// Packet Tracer's script engine, played by a Web Worker: a separate,
// synchronous, DOM-less realm. It holds the simulator and evaluates the BUILT
// dist/module/engine.js with importScripts, with PT's globals in place.
import { hostClock } from "../sim/clock";
import type { SimDevice } from "../sim/device";
import { installPtGlobals } from "../sim/pt-globals";
import { classroom } from "../sim/scenarios/classroom";
import { World } from "../sim/world";
import type { Action, DeviceView, FromWorker, ToWorker, WorldView } from "./protocol";
import { OpenFile, oneLine, readAnswerGrid, readLab } from "./worker-files";

/**
 * This worker's global scope as it is used here: the project's types are the page's (the DOM lib), not a
 * worker's, so the scope is declared. PT's globals go onto it (installPtGlobals), and the built engine.js,
 * once imported, defines main there.
 */
interface WorkerScope {
  [name: string]: unknown;
  location: Location;
  postMessage(m: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  importScripts(url: string): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  main(): void;
}
declare const self: WorkerScope;
const scope = self;
const post = (m: FromWorker) => scope.postMessage(m);

// Realistic pace by default: a few hundred ms per protocol step, seconds for a timeout.
const pace = new URLSearchParams(self.location.search);
const world = new World({
  clock: hostClock(scope),
  stepMs: Number(pace.get("step") || 250),
  timeoutMs: Number(pace.get("timeout") || 4000),
});
world.load(classroom(), "C:/Users/student/Desktop/classroom.pkt");
const open = new OpenFile(world);
// Save in the panel writes into PT's user folder: the page makes each written file a download.
const writeFile = world.files.writePlainTextToFile.bind(world.files);
world.files.writePlainTextToFile = (path: string, contents: string) => {
  const ok = writeFile(path, contents);
  if (ok) post({ type: "file-written", path: String(path), text: String(contents) });
  return ok;
};
installPtGlobals(scope, world);
scope.dprint = (text: string) => post({ type: "log", text: String(text) });
let dropPushes = false;
/** Steps the Step button ran, so the page can tell one happened. */
let stepsRun = 0;
let draftsSaved = 0;

const wvm = world.webViewManager;
wvm.onOpen = (v) => post({ type: "open", view: v.id, title: v.title, url: v.url, width: v.width, height: v.height });
wvm.onShow = (v) => post({ type: "show", view: v.id });
wvm.onClose = (v) => post({ type: "close", view: v.id });
wvm.onEvaluate = (v, js) => {
  if (!dropPushes) post({ type: "eval", view: v.id, js });
};

function view(): WorldView {
  const devices: DeviceView[] = world.devices.map((d) => ({
    name: d.name,
    kind: d.kind,
    power: d.power,
    ip: d.kind === "router" ? d.ports.map((p) => p.ip).join(", ") : d.ip,
    gateway: d.gateway,
    dns: d.dnsServer,
    account: d.email
      ? {
          mailId: d.email.user.mailId,
          user: d.email.user.user,
          password: d.email.user.password,
          smtp: d.email.user.smtpServer,
        }
      : null,
    sending: world.deliveries.some((x) => x.device === d),
    mail: mailView(d.mail),
    dnsServer: dnsView(d.dns),
  }));
  return {
    topology: world.topologyName,
    simulationMode: world.simulationMode,
    pendingSteps: world.pendingSteps,
    stepsRun,
    draftsSaved,
    playing: world.playing,
    dropPushes,
    pushes: wvm.evaluated,
    devices,
    links: world.links.map((l) => ({ id: l.id, up: l.up })),
    file: open.file,
    behaviour: Object.assign({}, world.behaviour),
  };
}

function mailView(mail: SimDevice["mail"]): DeviceView["mail"] {
  if (!mail || !(mail.smtp.domain || Object.keys(mail.server.users).length)) return null;
  const users = Object.keys(mail.server.users).map((u) => ({
    name: u,
    password: mail.server.users[u],
    mails: (mail.server.mailboxes[u] || []).length,
  }));
  return { domain: mail.smtp.domain, smtp: mail.smtp.enabled, users };
}

function dnsView(dns: SimDevice["dns"]): DeviceView["dnsServer"] {
  if (!dns || !(dns.enabled || Object.keys(dns.records).length)) return null;
  return { on: dns.enabled, records: Object.keys(dns.records).map((n) => ({ name: n, ip: dns.records[n] })) };
}

let lastView = "";
/** Posts the world when it changed, or always when the page asks (it may have missed the last post). */
function publish(always = false): void {
  const v = view();
  const text = JSON.stringify(v);
  if (text === lastView && !always) return;
  lastView = text;
  post({ type: "world", world: v });
}

function act(a: Action): void {
  const d = "device" in a ? world.device(a.device) : null;
  switch (a.type) {
    case "power":
      if (d) d.setPower(a.on);
      break;
    case "smtp":
      if (d?.mail) d.mail.smtp.setEnable(a.on);
      break;
    case "dns":
      if (d?.dns) d.dns.setEnable(a.on);
      break;
    case "domain":
      if (d?.mail) d.mail.smtp.setServerDomainName(a.domain);
      break;
    case "link":
      world.setLinkUp(a.id, a.up);
      break;
    case "record":
      if (d?.dns) a.remove ? d.dns.removeARecordFromNameServerDb(a.name) : d.dns.addARecordToNameServerDb(a.name, a.ip);
      break;
    case "user":
      if (d?.mail) a.remove ? d.mail.server.deleteUser(a.name) : d.mail.server.addUser(a.name, a.password || "");
      break;
    case "device-setting":
      if (!d) break;
      if (a.field === "dns") d.dnsServer = a.value;
      else if (a.field === "gateway") d.gateway = a.value;
      else if (d.email && a.field === "smtp") d.email.user.smtpServer = a.value;
      else if (d.email && a.field === "password") d.email.user.password = a.value;
      else if (d.email && a.field === "mailId") d.email.user.mailId = a.value;
      world.topologyChanged();
      break;
    case "rename":
      if (d && a.name.trim()) d.setName(a.name.trim());
      break;
    case "remove":
      world.removeDevice(a.device);
      break;
    case "add-pc": {
      const n = world.devices.filter((x) => x.kind === "pc").length + 1;
      world.addDevice({
        name: a.name,
        kind: "pc",
        ip: "10.1.0." + (100 + n),
        gateway: "10.1.0.1",
        dns: "10.1.0.5",
        email: { mailId: "guest" + n + "@alpha.edu", user: "guest" + n, password: "guest", smtp: "mail.alpha.edu" },
      });
      // The classroom's switch, or an imported lab's first one.
      const sw = world.device("SW-Alpha") || world.devices.filter((x) => x.kind === "switch")[0];
      if (sw) world.link(a.name, sw.name);
      break;
    }
    case "pt-send":
      // The device's own Email app sends with its configured account: the console did not ask for it.
      if (d?.email) {
        const u = d.email.user;
        d.email.smtp.sendMail(u.mailId, a.to, a.subject, a.body, u.password, u.smtpServer);
      }
      break;
    case "emit":
      // A raw mailSent, as PT would fire it: for tests of odd shapes and hostile text.
      if (d?.email) d.email.smtp.emit("mailSent", a.args);
      break;
    case "mode":
      world.simulation.setSimulationMode(a.simulation);
      break;
    case "step":
      if (world.forward()) stepsRun++;
      break;
    case "play":
      a.on ? world.play(400) : world.pause();
      break;
    case "open-file":
      open.openPlaygroundFile(a.file === "one-lan" ? "one-lan" : "classroom");
      break;
    case "behaviour":
      open.setSwitch(a.name, a.value);
      break;
    case "behaviour-defaults":
      open.resetSwitches();
      break;
    case "drop-pushes":
      dropPushes = a.on;
      break;
    case "menu": {
      const item = world.app.menu.items.filter((i) => i.label === "Mail Console")[0];
      if (item) item.click();
      break;
    }
    case "closed": {
      const v = wvm.getWebView(a.view);
      if (v) v.close();
      break;
    }
  }
}

function simulate(e: MessageEvent<ToWorker>): void {
  const m = e.data;
  if (m.type === "se") {
    // $se calls an engine global by name, as PT does.
    try {
      const fn = scope[m.name];
      if (typeof fn !== "function") throw new Error("The Script Engine has no function named " + m.name);
      post({ type: "se-result", id: m.id, ok: true, value: (fn as (...a: unknown[]) => unknown).apply(null, m.args) });
      if ((m.args[0] as { type?: string } | undefined)?.type === "saveDraft") draftsSaved++;
    } catch (err) {
      post({ type: "se-result", id: m.id, ok: false, error: String(err) });
    }
  } else if (m.type === "getWorld") {
    publish(true);
  } else if (m.type === "open-lab") {
    open.openLab(m.name, m.bytes).then((error) => {
      publish(); // the page sees the lab before it hears the open is done
      post({ type: "lab-opened", id: m.id, error });
    });
  } else if (m.type === "action") {
    try {
      act(m.action);
    } catch (err) {
      post({ type: "log", text: "action failed: " + String(err) });
    }
    publish();
  }
}

// ?read-lab: this worker only reads lab files, each under the page's time limit (lab-file.ts), which ends
// it on a file that takes too long; PT's engine never starts in it.
if (pace.has("read-lab")) {
  scope.onmessage = (e: MessageEvent<ToWorker>) => {
    const m = e.data;
    if (m.type === "read-answer") {
      readAnswerGrid(m.name, m.bytes).then(
        (grid) => post({ type: "answer-read", grid, error: "" }),
        (err) => post({ type: "answer-read", grid: null, error: oneLine(err) }),
      );
      return;
    }
    if (m.type !== "open-lab") return;
    readLab(m.name, m.bytes).then(
      () => post({ type: "lab-opened", id: m.id, error: null }),
      (err) => post({ type: "lab-opened", id: m.id, error: oneLine(err) }),
    );
  };
} else {
  scope.onmessage = simulate;
  scope.importScripts("/module/engine.js");
  scope.main();
  setInterval(publish, 300);
  publish();
}
