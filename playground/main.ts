// The playground page plays Packet Tracer's GUI around the shipped module: the
// worker is PT's script engine (simulator + built engine.js), the iframe is
// the web view showing the built panel.html, and the network view beside it
// edits the simulated topology.

import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ActivityView, type AskEngine, readAnswer } from "./activity-view";
import { BehaviourView, type SetSwitch } from "./behaviour-view";
import { offerDownload } from "./download";
import { clearLabError, installDrop, LabFileButton, LabStatus, type OpenLab } from "./lab-file";
import type { Action, DeviceView, FromWorker, PlaygroundFile, ToWorker, WorldView } from "./protocol";
import { SampleLabs } from "./sample-labs";

/** An element of the playground page (index.html), which has every one of these ids. */
function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error("the playground page has no #" + id);
  return el;
}

// ?step=ms&timeout=ms tune the simulated network's pace (the tests run it fast).
const worker = new Worker("/playground/worker.js" + location.search);
const send = (m: ToWorker) => worker.postMessage(m);
const act = (action: Action) => send({ type: "action", action });

// File > Open of a lab: its bytes move to the worker, which answers with the importer's error or null.
const labAnswers = new Map<number, (error: string | null) => void>();
let labSeq = 0;
// An activity's bytes are copied before they move: the page reads its answer network (activity-view.ts).
const openLab: OpenLab = (name, bytes) => {
  const activity = /\.pka$/i.test(name) ? bytes.slice(0) : null;
  return new Promise<string | null>((resolve) => {
    const id = ++labSeq;
    labAnswers.set(id, resolve);
    worker.postMessage({ type: "open-lab", id, name, bytes } satisfies ToWorker, [bytes]);
  }).then((error) => {
    if (error === null) void readAnswer(name, activity);
    return error;
  });
};

// ---- the web view: an iframe with $se, and evaluateJavaScriptAsync as a script element ----
let seq = 0;
const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
let frame: HTMLIFrameElement | null = null;
let viewId = "";
const evalQueue: string[] = [];

function installSe(win: Window & { $se?: unknown }): void {
  win.$se = (name: string, ...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      // Structured clone stands in for PT's JSON serialisation between the realms.
      send({ type: "se", id, name, args: JSON.parse(JSON.stringify(args)) });
    });
}

/** The network view asks the engine what the panel's Lab check asks it, through the same $se path. */
const askEngine: AskEngine = (request) =>
  new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject });
    send({ type: "se", id, name: "mailConsoleRequest", args: [request] });
  });

function evaluate(js: string): void {
  const doc = frame?.contentDocument;
  if (!doc?.body) {
    evalQueue.push(js);
    return;
  }
  // Like QWebEnginePage::runJavaScript: run a script in the page's main world.
  const s = doc.createElement("script");
  s.textContent = js;
  doc.body.appendChild(s);
  s.remove();
}

function openView(id: string, url: string): void {
  viewId = id;
  const host = element("webview");
  host.hidden = false;
  const f = document.createElement("iframe");
  f.title = "Mail Console panel";
  // this-sm:panel.html (file-sm: as a lab's own module) names the module's Custom Interface file.
  f.src = "/module/" + url.replace(/^(this|file)-sm:/, "");
  const body = element("webview-body");
  body.textContent = "";
  body.appendChild(f);
  frame = f;
  installSe(f.contentWindow as Window);
  f.addEventListener("load", () => {
    installSe(f.contentWindow as Window);
    for (const js of evalQueue.splice(0)) evaluate(js);
  });
}

function closeView(notifyWorker: boolean): void {
  const id = viewId;
  if (frame) frame.remove();
  frame = null;
  viewId = "";
  element("webview").hidden = true;
  if (notifyWorker && id) act({ type: "closed", view: id });
}

const listeners: ((w: WorldView) => void)[] = [];
let latest: WorldView | null = null;
const logLines: string[] = [];

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  switch (m.type) {
    case "se-result": {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (p) m.ok ? p.resolve(m.value) : p.reject(new Error(m.error));
      break;
    }
    case "open":
      openView(m.view, m.url);
      break;
    case "show":
      element("webview").classList.add("flash");
      setTimeout(() => element("webview").classList.remove("flash"), 400);
      break;
    case "close":
      if (m.view === viewId) closeView(false);
      break;
    case "eval":
      if (m.view === viewId) evaluate(m.js);
      break;
    case "lab-opened": {
      const answer = labAnswers.get(m.id);
      labAnswers.delete(m.id);
      if (answer) answer(m.error);
      break;
    }
    case "world":
      latest = m.world;
      for (const l of listeners) l(m.world);
      break;
    case "file-written":
      offerDownload(m.path, m.text);
      break;
    case "log":
      logLines.push(m.text);
      console.log("[engine]", m.text);
      break;
  }
};
/** The playground's hooks for the end-to-end tests (test/e2e): act as the network view does, read what it shows. */
interface PlaygroundHooks {
  act(action: Action): void;
  closeView(): void;
  readonly world: WorldView | null;
  logLines: string[];
}
declare global {
  interface Window {
    playground?: PlaygroundHooks;
  }
}
window.playground = {
  act,
  closeView: () => closeView(true),
  get world() {
    return latest;
  },
  logLines,
};

// ---- the network view ----
// The worker may post the world before this effect subscribes (about one load in 12 did, and the view
// stayed on "Starting…" until something changed): so, once listening, ask for it.
function useWorld(): WorldView | null {
  const [w, setW] = useState<WorldView | null>(latest);
  useEffect(() => {
    listeners.push(setW);
    send({ type: "getWorld" });
    return () => listeners.splice(listeners.indexOf(setW), 1);
  }, []);
  return w;
}

const Toggle = ({ label, on, onChange }: { label: string; on: boolean; onChange: (v: boolean) => void }) => html`
  <label class="toggle"><input type="checkbox" checked=${on} onChange=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} /> ${label}</label>`;

function Editable({ label, value, onSave }: { label: string; value: string; onSave: (v: string) => void }) {
  return html`<label class="edit">${label} <input value=${value} aria-label=${label}
    onChange=${(e: Event) => onSave((e.target as HTMLInputElement).value)} /></label>`;
}

/** Two text boxes and an Add button (a user and password, an A record's name and address). */
function AddPair({
  what,
  first,
  second,
  onAdd,
}: {
  what: string;
  first: string;
  second: string;
  onAdd: (a: string, b: string) => void;
}) {
  const [a, setA] = useState("");
  const [b, setB] = useState("");
  return html`<form class="controls add" onSubmit=${(e: Event) => {
    e.preventDefault();
    if (a.trim()) {
      onAdd(a.trim(), b.trim());
      setA("");
      setB("");
    }
  }}>
    <input aria-label=${what + " " + first} placeholder=${first} value=${a} onInput=${(e: Event) => setA((e.target as HTMLInputElement).value)} />
    <input aria-label=${what + " " + second} placeholder=${second} value=${b} onInput=${(e: Event) => setB((e.target as HTMLInputElement).value)} />
    <button type="submit">Add ${what}</button></form>`;
}

function DeviceCard({ d, links }: { d: DeviceView; links: { id: string; up: boolean }[] }) {
  const [to, setTo] = useState("");
  const mine = links.filter((l) => l.id.split(" — ").indexOf(d.name) >= 0);
  return html`
    <article class=${"device " + d.kind + (d.power ? "" : " off")} aria-label=${d.name}>
      <header><strong>${d.name}</strong> <span class="kind">${d.kind}</span> ${d.ip ? html`<span class="ip">${d.ip}</span>` : null}
        ${d.sending ? html`<span class="busy">sending…</span>` : null}</header>
      <div class="controls">
        <${Toggle} label="Power" on=${d.power} onChange=${(on: boolean) => act({ type: "power", device: d.name, on })} />
        ${mine.map((l) => html`<${Toggle} label=${"Link " + l.id.replace(d.name, "").replace(" — ", "")} on=${l.up} onChange=${(up: boolean) => act({ type: "link", id: l.id, up })} />`)}
      </div>
      ${d.kind === "router" ? html`<p class="muted">Routes between its ports' networks. Turn it off to cut the sites apart.</p>` : null}
      ${
        d.ip && d.kind !== "router"
          ? html`<div class="controls">
        <${Editable} label="Gateway" value=${d.gateway} onSave=${(v: string) => act({ type: "device-setting", device: d.name, field: "gateway", value: v })} />
        <${Editable} label="DNS server" value=${d.dns} onSave=${(v: string) => act({ type: "device-setting", device: d.name, field: "dns", value: v })} />
      </div>`
          : null
      }
      ${
        d.account && (d.account.mailId || d.kind !== "server")
          ? html`<div class="controls">
        <${Editable} label="Email" value=${d.account.mailId} onSave=${(v: string) => act({ type: "device-setting", device: d.name, field: "mailId", value: v })} />
        <${Editable} label="Password" value=${d.account.password} onSave=${(v: string) => act({ type: "device-setting", device: d.name, field: "password", value: v })} />
        <${Editable} label="Outgoing server" value=${d.account.smtp} onSave=${(v: string) => act({ type: "device-setting", device: d.name, field: "smtp", value: v })} />
      </div>
      <form class="controls" onSubmit=${(e: Event) => {
        e.preventDefault();
        if (to.trim())
          act({
            type: "pt-send",
            device: d.name,
            to: to.trim(),
            subject: "From " + d.name + "'s Email app",
            body: "Sent with Packet Tracer's own client.",
          });
      }}>
        <input aria-label=${"Recipient for " + d.name + "'s own Email app"} placeholder="to@domain" value=${to} onInput=${(e: Event) => setTo((e.target as HTMLInputElement).value)} />
        <button type="submit" title="Send from this PC's own Email client (not through Mail Console)">Send from PC's Email app</button>
      </form>`
          : null
      }
      ${
        d.mail
          ? html`<div class="service">
        <${Toggle} label=${"SMTP on " + d.name} on=${d.mail.smtp} onChange=${(on: boolean) => act({ type: "smtp", device: d.name, on })} />
        <${Editable} label="Domain" value=${d.mail.domain} onSave=${(v: string) => act({ type: "domain", device: d.name, domain: v })} />
        <ul class="users">${d.mail.users.map(
          (
            u,
          ) => html`<li>${u.name} <span class="muted">(${u.password}) · ${u.mails} mail${u.mails === 1 ? "" : "s"}</span>
          <button type="button" class="x" aria-label=${"Delete user " + u.name} onClick=${() => act({ type: "user", device: d.name, name: u.name, remove: true })}>×</button></li>`,
        )}</ul>
        <${AddPair} what="user" first="name" second="password" onAdd=${(name: string, password: string) => act({ type: "user", device: d.name, name, password })} />
      </div>`
          : null
      }
      ${
        d.dnsServer
          ? html`<div class="service">
        <${Toggle} label=${"DNS on " + d.name} on=${d.dnsServer.on} onChange=${(on: boolean) => act({ type: "dns", device: d.name, on })} />
        <ul class="users">${d.dnsServer.records.map(
          (r) => html`<li>A ${r.name} → ${r.ip}
          <button type="button" class="x" aria-label=${"Delete record " + r.name} onClick=${() => act({ type: "record", device: d.name, name: r.name, ip: r.ip, remove: true })}>×</button></li>`,
        )}</ul>
        <${AddPair} what="A record" first="name" second="address" onAdd=${(name: string, ip: string) => act({ type: "record", device: d.name, name, ip })} />
      </div>`
          : null
      }
      <footer class="controls">
        <button type="button" onClick=${() => {
          const n = prompt("New name for " + d.name, d.name);
          if (n) act({ type: "rename", device: d.name, name: n });
        }}>Rename</button>
        <button type="button" onClick=${() => act({ type: "remove", device: d.name })}>Delete</button>
      </footer>
    </article>`;
}

const setSwitch: SetSwitch = (name, value) => act({ type: "behaviour", name, value });

function Network() {
  const w = useWorld();
  if (!w) return html`<p class="muted">Starting the simulated Packet Tracer…</p>`;
  const shown = w.devices.filter((d) => d.kind !== "power" && d.kind !== "switch");
  return html`
    <div class="toolbar">
      <button type="button" onClick=${() => act({ type: "menu" })} title="PT: Extensions > Mail Console">Extensions ▸ Mail Console</button>
      <${Toggle} label="Simulation mode" on=${w.simulationMode} onChange=${(on: boolean) => act({ type: "mode", simulation: on })} />
      ${
        w.simulationMode
          ? html`
        <button type="button" onClick=${() => act({ type: "step" })}>Step (${w.pendingSteps})</button>
        <button type="button" onClick=${() => act({ type: "play", on: !w.playing })}>${w.playing ? "Pause" : "Play"}</button>`
          : null
      }
      <${Toggle} label="Drop pushes (as on macOS)" on=${w.dropPushes} onChange=${(on: boolean) => act({ type: "drop-pushes", on })} />
      <label>File <select aria-label="Open file" value=${w.file.key} onChange=${(e: Event) => {
        clearLabError();
        act({ type: "open-file", file: (e.target as HTMLSelectElement).value as PlaygroundFile });
      }}>
        <option value="classroom">Classroom (two domains)</option><option value="one-lan">One LAN, one domain</option>
        ${w.file.key === "lab" ? html`<option value="lab" disabled>${w.file.name}</option>` : null}</select></label>
      <${LabFileButton} open=${openLab} />
      <${SampleLabs} open=${openLab} />
      <button type="button" onClick=${() => act({ type: "add-pc", name: "PC-Guest" + Math.floor(Math.random() * 900 + 100) })}>Add a PC</button>
    </div>
    <p class="muted">${w.topology} · pushes made: ${w.pushes}</p>
    <${LabStatus} file=${w.file} />
    ${w.file.key === "lab" && w.file.kind === "pka" ? html`<${ActivityView} name=${w.file.name} world=${w} ask=${askEngine} />` : null}
    <${BehaviourView} values=${w.behaviour} set=${setSwitch} reset=${() => act({ type: "behaviour-defaults" })} />
    <div class="devices">${shown.map((d) => html`<${DeviceCard} key=${d.name} d=${d} links=${w.links} />`)}</div>`;
}

render(html`<${Network} />`, element("network"));
element("webview-close").addEventListener("click", () => closeView(true));
installDrop(openLab);
