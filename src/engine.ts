// Mail Console's engine: wires the device registry, the outboxes, the log and
// the panel bridge to one Host, and answers the panel's requests through one
// dispatcher (requests.ts). main.ts gives it PT's globals; the simulator
// gives it its own model.
import { DeviceRegistry, type MailDevice, RESCAN_MS } from "./devices";
import { fidelityReport, predict } from "./diagnosis";
import { BODY_KEPT, DeliveryLog } from "./log";
import { argShape, readMailSentArgs } from "./mail-event";
import { MenuItemHandle } from "./menu-item";
import { defaultBehaviour, type PtBehaviour, type Snapshot } from "./model";
import { Outbox } from "./outbox";
import { PanelBridge, type PanelSpec } from "./panel-bridge";
import type {
  Changes,
  DeviceInfo,
  Draft,
  MailEntry,
  MailState,
  Reply,
  RequestOf,
  RequestType,
  Settings,
} from "./protocol";
import type { Host } from "./pt";
import { dispatch, messageOf, type RequestHandlers, refuse } from "./requests";
import { Revision } from "./revision";
import { saveLog } from "./save-log";
import { checkSend } from "./send-request";
import {
  loadPresets,
  loadSettings,
  type Presets,
  rememberPreset,
  sanitizeSettings,
  savePresets,
  saveSettings,
} from "./storage";
import { Subscriptions } from "./subscriptions";
import { type Judged, judge } from "./verdict";

// The build defines these from manifest/module.json; tests run the source as is.
declare const __MODULE_VERSION__: string;
declare const __PANEL_URL__: string;
const VERSION = typeof __MODULE_VERSION__ === "string" ? __MODULE_VERSION__ : "dev";
const PANEL: PanelSpec = {
  title: "Mail Console",
  url: typeof __PANEL_URL__ === "string" ? __PANEL_URL__ : "this-sm:panel.html",
  width: 420,
  height: 560,
};
const MENU_LABEL = "Mail Console";

/** Where the engine reads the lab from (src/lab-reader.ts in PT; the simulator's snapshot in its tests). */
export interface LabSource {
  /** The lab as it is now, or null when it cannot be read. */
  get(): Snapshot | null;
}

export interface EngineOptions {
  /** The lab the mail model judges mails against; none: PT's code alone explains a mail. */
  lab?: LabSource;
  /** At most one push per this many ms (default 50); 0 pushes after every event (the bench's baseline). */
  pushIntervalMs?: number;
}

export class Engine {
  private readonly host: Host;
  private readonly revision = new Revision();
  private readonly subs: Subscriptions;
  private readonly log: DeliveryLog;
  private readonly registry: DeviceRegistry;
  private readonly outbox: Outbox;
  private readonly bridge: PanelBridge;
  private readonly handlers: RequestHandlers;
  private readonly lab: LabSource | null;
  private readonly behaviour: PtBehaviour = defaultBehaviour();
  /** The shapes of the first mailSent args seen, for the fidelity report. */
  private readonly shapes: string[] = [];
  private settings: Settings;
  private presets: Presets;
  private draft: Draft | null = null;
  private simulationMode = false;
  /** The revision at which the device list and the preferences last changed. */
  private devicesRev = 0;
  private prefsRev = 0;
  private draftRev = 0;
  private rescanTimer: unknown = null;
  private readonly menu: MenuItemHandle;
  private running = false;
  /** What could not start, each naming the privilege to grant: the panel shows them. */
  private unavailable: string[] = [];

  constructor(host: Host, options: EngineOptions = {}) {
    this.host = host;
    this.lab = options.lab || null;
    const report = (where: string, e: unknown) => this.report(where, e);
    this.subs = new Subscriptions(report);
    this.menu = new MenuItemHandle(host.ipc, this.subs, MENU_LABEL);
    this.settings = loadSettings(host);
    this.presets = loadPresets(host);
    this.log = new DeliveryLog({ cap: this.settings.cap, now: () => host.now(), revision: this.revision });
    this.bridge = new PanelBridge({
      host,
      subs: this.subs,
      spec: PANEL,
      changesSince: (seq, epoch) => this.changesSince(seq, epoch),
      report,
      pushIntervalMs: options.pushIntervalMs,
    });
    this.registry = new DeviceRegistry({ host, subs: this.subs, report });
    this.outbox = new Outbox({
      host,
      log: this.log,
      device: (key) => this.registry.get(key),
      watchdogMs: () => this.settings.watchdogMs,
      judge: (entry, state, code, password) => this.judgeMail(entry, state, code, password),
    });
    this.registry.listen({
      added: (d) => this.attach(d),
      removed: (d, why) => this.outbox.forget(d.key, why),
      renamed: (d) => this.outbox.rename(d.key, d.name),
      powerChanged: (d) => {
        if (!d.powered) this.outbox.abandon(d.key, "the device was powered off");
      },
      changed: () => {
        this.devicesRev = this.revision.next();
      },
      fileChanged: () => {
        this.log.file++;
        this.revision.next();
      },
    });
    // Every change, wherever it happens, reaches the panel through this one listener.
    this.revision.listen(() => this.bridge.changed());
    this.handlers = {
      openPanel: (r) => this.openPanel(r),
      changesSince: (r) => ({
        ok: true,
        value: this.changesSince(num(r.seq), num(r.epoch), num(r.limit), r.after === undefined ? -1 : num(r.after)),
      }),
      sendMail: (r) => this.queueMails(r),
      cancelSend: (r) => this.cancelMails(r),
      readDevice: (r) => this.readDevice(r),
      saveDraft: (r) => this.keepDraft(r),
      predict: (r) => this.check(r),
      fidelityReport: () => ({ ok: true, value: { text: this.fidelityText() } }),
      clearLog: () => this.clearLog(),
      saveLog: (r) => saveLog(this.host.ipc, this.host.now(), r.format, r.text),
      saveSettings: (r) => this.changeSettings(r),
    };
  }

  /**
   * PT's main(): menu item, events, first scan, rescans, the panel. Each starts
   * on its own: a privilege PT denies costs that facility only, and the panel
   * says which privilege to grant (README, install step 3).
   */
  start(): void {
    if (this.running) this.stop();
    this.running = true;
    this.unavailable = [];
    this.startPart("The Extensions menu item", "Change GUI", () => this.menu.add(() => this.openPanelWindow()));
    this.startPart("Simulation mode", "IPC", () => this.watchSimulation());
    this.startPart("Following File > Open and device changes", "Get Network Info", () => this.registry.watchTopology());
    this.startPart("The device list", "Get Network Info", () => this.registry.scan());
    this.startPart("The periodic rescan", "IPC", () => {
      this.rescanTimer = this.host.setInterval(() => this.rescan(), RESCAN_MS);
    });
    this.startPart("The panel", "Change GUI", () => this.bridge.open());
  }

  private startPart(what: string, privilege: string, run: () => void): void {
    try {
      run();
    } catch (e) {
      this.report("start: " + what, e);
      this.unavailable.push(
        what +
          " is unavailable (" +
          messageOf(e) +
          '). Grant the "' +
          privilege +
          '" privilege in Extensions > Scripting > Configure PT Script Modules.',
      );
      this.revision.next();
    }
  }

  /** The menu item's click: a method, since the panel may fail to open and the failure is reported. */
  private openPanelWindow(): void {
    try {
      this.bridge.open();
    } catch (e) {
      this.report("open the panel", e);
    }
  }

  /** PT's cleanUp(): take back every handler, timer and menu item. */
  stop(): void {
    this.running = false;
    if (this.rescanTimer !== null) this.host.clearInterval(this.rescanTimer);
    this.rescanTimer = null;
    this.outbox.stop();
    // Forget every device, so that a later start subscribes afresh.
    this.registry.removeAll("Mail Console was stopped");
    this.bridge.close();
    this.menu.remove((where, e) => this.report(where, e));
    this.subs.offAll();
  }

  /** Answers one request from the panel (any value: it is checked). Never throws. */
  handle(request: unknown): Reply<RequestType> {
    return dispatch(this.handlers, request, (where, e) => this.report(where, e));
  }

  /** handle() for callers in this realm that hold a typed request (the simulator's tests and bench). */
  request<T extends RequestType>(request: RequestOf<T>): Reply<T> {
    // The dispatcher routes a request of type T to the handler that answers Reply<T>.
    return this.handle(request) as Reply<T>;
  }

  /** A method, not an arrow: Qt 5.15 loses `this` in a try inside an arrow (build/engine-guard.mjs). */
  private rescan(): void {
    if (!this.running) return; // a timer PT failed to clear is inert
    try {
      this.registry.watchWorkspace();
      this.registry.scan();
    } catch (e) {
      this.report("rescan", e);
    }
    // A mode change whose event PT did not deliver is noticed here.
    this.readSimulationMode();
  }

  private openPanel(r: RequestOf<"openPanel">): Reply<"openPanel"> {
    const changes = this.changesSince(num(r.since), num(r.epoch), num(r.limit));
    this.bridge.panelOpened(changes.seq, changes.epoch);
    return { ok: true, value: changes };
  }

  private changesSince(seq: number, epoch: number, limit = 0, after = -1): Changes {
    const log = this.log.changesSince(seq, epoch, limit, after);
    const c: Changes = {
      epoch: log.epoch,
      seq: log.seq,
      mails: log.mails,
      full: log.full,
      more: log.more,
      droppedIds: log.droppedIds,
      dropped: log.dropped,
      sent: log.sent,
      file: log.file,
      status: { simulationMode: this.simulationMode, version: VERSION, unavailable: this.unavailable },
    };
    if (c.full || this.devicesRev > seq) c.devices = this.deviceInfo();
    if (c.full || this.prefsRev > seq) {
      c.settings = this.settings;
      c.presets = this.presets;
    }
    if (c.full || this.draftRev > seq) c.draft = this.draft;
    return c;
  }

  private deviceInfo(): DeviceInfo[] {
    return this.registry.list().map(infoOf);
  }

  private readDevice(r: RequestOf<"readDevice">): Reply<"readDevice"> {
    const d = this.registry.reread(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology. Choose another one.", "device");
    return { ok: true, value: infoOf(d) };
  }

  private keepDraft(r: RequestOf<"saveDraft">): Reply<"saveDraft"> {
    const d = r.draft;
    if (d !== null && (!d || typeof d !== "object")) return refuse("Draft: send the draft, or null to forget it.");
    this.draft =
      d === null
        ? null
        : {
            device: text(d.device, 200),
            to: text(d.to, 20000),
            subject: text(d.subject, 2000),
            body: text(d.body, BODY_KEPT),
          };
    this.draftRev = this.revision.next();
    return { ok: true, value: {} };
  }

  private queueMails(r: RequestOf<"sendMail">): Reply<"sendMail"> {
    const d = this.registry.get(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology. Choose another one.", "device");
    if (!d.powered)
      return refuse("From device: " + d.name + " is powered off. Turn it on in Packet Tracer first.", "device");
    const send = checkSend(r);
    if ("ok" in send) return send;
    const ids: number[] = [];
    for (const m of send.mails) {
      const entry = this.log.add({
        origin: "console",
        group: ids.length ? ids[0] : undefined,
        deviceKey: d.key,
        device: d.name,
        from: send.from,
        to: m.to,
        subject: m.subject,
        body: m.body,
        server: send.server,
        state: "queued",
      });
      ids.push(entry.id);
      this.outbox.enqueue(d.key, entry, m.body, send.password);
    }
    // The account becomes the device's preset; the password stays in the device's own settings.
    this.presets = rememberPreset(this.presets, d.name, { from: send.from, server: send.server });
    savePresets(this.host, this.presets);
    this.prefsRev = this.revision.next();
    return { ok: true, value: { ids } };
  }

  private cancelMails(r: RequestOf<"cancelSend">): Reply<"cancelSend"> {
    const d = this.registry.get(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology.", "device");
    return { ok: true, value: { cancelled: this.outbox.cancel(d.key) } };
  }

  private clearLog(): Reply<"clearLog"> {
    this.log.clear();
    return { ok: true, value: { epoch: this.log.epoch } };
  }

  private changeSettings(r: RequestOf<"saveSettings">): Reply<"saveSettings"> {
    if (!r.settings || typeof r.settings !== "object")
      return refuse("Settings: send the values to change.", "settings");
    this.settings = sanitizeSettings(Object.assign({}, this.settings, r.settings));
    this.log.setCap(this.settings.cap);
    saveSettings(this.host, this.settings);
    this.prefsRev = this.revision.next();
    return { ok: true, value: this.settings };
  }

  private report(where: string, e: unknown): void {
    try {
      this.host.log("[Mail Console] " + where + ": " + messageOf(e));
    } catch (_e2) {
      // Nowhere left to report; never let it reach PT.
    }
  }

  /** Listens to a device's mailSent; answers false when PT refused (the rescan tries again). */
  private attach(d: MailDevice): boolean {
    return this.subs.on("device:" + d.key, d.smtp, "mailSent", (_src, args) => this.mailSent(d, args));
  }

  private mailSent(d: MailDevice, args: unknown): void {
    if (this.shapes.length < 5) {
      const shape = argShape(args);
      if (this.shapes.indexOf(shape) < 0) this.shapes.push(shape);
    }
    this.outbox.onMailSent(d, readMailSentArgs(args));
  }

  /** The model's judgment of a mail PT ended; the device's own password where the console did not send it. */
  private judgeMail(entry: MailEntry, state: MailState, code: number, password: string | null): Judged | null {
    if (!this.lab) return null;
    const d = this.registry.get(entry.deviceKey);
    const pass = password !== null ? password : d ? d.account.password : "";
    return judge(this.readLab(), entry, code, pass, this.behaviour, state);
  }

  private readLab(): Snapshot | null {
    try {
      return this.lab ? this.lab.get() : null;
    } catch (e) {
      this.report("read the lab", e);
      return null;
    }
  }

  private check(r: RequestOf<"predict">): Reply<"predict"> {
    const d = this.registry.get(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology. Choose another one.", "device");
    if (!Array.isArray(r.to) || !r.to.length) return refuse("To: add at least one recipient.", "to");
    const to = r.to.map((t) => String(t).trim()).filter((t) => t !== "");
    const req = {
      type: "predict" as const,
      device: d.key,
      from: String(r.from),
      password: String(r.password),
      server: String(r.server),
      to,
    };
    return { ok: true, value: predict(this.readLab(), this.behaviour, d.name, req) };
  }

  private fidelityText(): string {
    let ptVersion = "";
    try {
      ptVersion = String(this.host.ipc.appWindow().getVersion());
    } catch (_e) {
      ptVersion = "";
    }
    const mails = this.log.changesSince(0, 0).mails;
    return fidelityReport({ ptVersion, engineVersion: VERSION, shapes: this.shapes, mails });
  }

  private watchSimulation(): void {
    this.readSimulationMode();
    this.subs.on("simulation", this.host.ipc.simulation(), "simulationModeChanged", () => this.readSimulationMode());
  }

  /** A method: Qt 5.15 loses `this` anywhere in a try inside an arrow function. */
  private readSimulationMode(): void {
    let on = false;
    try {
      on = !!this.host.ipc.simulation().isSimulationMode();
    } catch (e) {
      this.report("isSimulationMode", e);
    }
    if (on === this.simulationMode) return;
    this.simulationMode = on;
    this.outbox.setSimulationMode(on);
    this.revision.next(); // the status travels in every answer: a new number is enough
  }
}

function infoOf(d: MailDevice): DeviceInfo {
  const a = d.account;
  return {
    key: d.key,
    name: d.name,
    model: d.model,
    powered: d.powered,
    displayName: a.displayName,
    mailId: a.mailId,
    user: a.user,
    password: a.password,
    smtpServer: a.smtpServer,
  };
}

/** Text from a request, bounded: a draft is for a person to read, not a store for megabytes or deep objects. */
function text(value: unknown, limit: number): string {
  const t = typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  return t.length > limit ? t.slice(0, limit) : t;
}

function num(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}
