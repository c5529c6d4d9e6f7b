// Mail Console's engine: wires the device registry, the outboxes, the log and
// the panel bridge to one Host, and answers the panel's requests through one
// dispatcher (requests.ts). main.ts gives it PT's globals; the simulator
// gives it its own model.
import { DeviceRegistry, type MailDevice, RESCAN_MS } from "./devices";
import { Diagnosis } from "./diagnosis";
import { type LabCheckAnswer, withCellObjects } from "./lab-check-work";
import { LabSnapshot } from "./lab-snapshot";
import { DeliveryLog, type LogChanges } from "./log";
import { readMailSentArgs } from "./mail-event";
import { MenuItemHandle } from "./menu-item";
import { Outbox } from "./outbox";
import { PanelBridge, type PanelSpec } from "./panel-bridge";
import { Preferences } from "./preferences";
import type { Changes, DeviceInfo, Reply, RequestOf, RequestType } from "./protocol";
import type { Host } from "./pt";
import { text } from "./pt/guarded";
import { dispatch, failed, messageOf, type RequestHandlers, refuse } from "./requests";
import { Revision } from "./revision";
import { saveLog } from "./save-log";
import { checkSend } from "./send-request";
import { Subscriptions } from "./subscriptions";
import { carriesChanges, withList, withRows } from "./wire";

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

export interface EngineOptions {
  /** At most one push per this many ms (default 50); 0 pushes after every event (the bench's baseline). */
  pushIntervalMs?: number;
}

/** Changes whose rows are still ids in the log: read as objects or as wire text. */
interface PendingChanges {
  c: Changes;
  ids: number[];
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
  /** The lab, read through IPC when a mail ends or is checked (src/lab-snapshot.ts). */
  private readonly lab: LabSnapshot;
  private readonly diagnosis: Diagnosis;
  private readonly prefs: Preferences;
  private simulationMode = false;
  /** The revision at which the device list and the preferences last changed. */
  private devicesRev = 0;
  private rescanTimer: unknown = null;
  private readonly menu: MenuItemHandle;
  private running = false;
  /** What could not start, each naming the privilege to grant: the panel shows them. */
  private unavailable: string[] = [];
  /** The revision at which PT last said the lab changed (EngineStatus.lab). */
  private labRev = 0;

  constructor(host: Host, options: EngineOptions = {}) {
    this.host = host;
    const report = (where: string, e: unknown) => this.report(where, e);
    this.subs = new Subscriptions(report);
    this.menu = new MenuItemHandle(host.ipc, this.subs, MENU_LABEL);
    this.lab = new LabSnapshot(host, this.subs, report, () => {
      this.labRev = this.revision.next();
    });
    this.prefs = new Preferences(host, this.revision);
    this.log = new DeliveryLog({ cap: this.prefs.settings.cap, now: () => host.now(), revision: this.revision });
    this.bridge = new PanelBridge({
      host,
      subs: this.subs,
      spec: PANEL,
      changesSince: (seq, epoch) => {
        const p = this.changesSince(seq, epoch);
        return { seq: p.c.seq, epoch: p.c.epoch, json: (head) => this.wireText(head, p) };
      },
      report,
      pushIntervalMs: options.pushIntervalMs,
    });
    this.registry = new DeviceRegistry({ host, subs: this.subs, report });
    this.diagnosis = new Diagnosis({ host, registry: this.registry, log: this.log, lab: this.lab, report });
    this.outbox = new Outbox({
      host,
      log: this.log,
      device: (key) => this.registry.get(key),
      watchdogMs: () => this.prefs.settings.watchdogMs,
      judge: (entry, state, code, password, later) => this.diagnosis.judgeMail(entry, state, code, password, later),
    });
    this.registry.listen({
      added: (d) => this.attach(d),
      removed: (d, why) => this.outbox.forget(d.key, why),
      removedAll: (why) => this.outbox.forgetAll(why),
      renamed: (d) => this.outbox.rename(d.key, d.name),
      powerChanged: (d) => {
        if (!d.powered) this.outbox.abandon(d.key, "the device was powered off");
      },
      changed: () => {
        this.devicesRev = this.revision.next();
      },
      fileChanged: () => {
        this.log.file++;
        this.labRev = this.revision.next();
      },
    });
    // Every change, wherever it happens, reaches the panel through this one listener.
    this.revision.listen(() => this.bridge.changed());
    this.handlers = {
      openPanel: (r) => ({ ok: true, value: this.withMails(this.openPanel(r)) }),
      changesSince: (r) => ({ ok: true, value: this.withMails(this.asked(r)) }),
      sendMail: (r) => this.queueMails(r),
      cancelSend: (r) => this.cancelMails(r),
      readDevice: (r) => this.readDevice(r),
      saveDraft: (r) => this.prefs.keepDraft(r),
      predict: (r) => this.diagnosis.check(r),
      fidelityReport: () => ({ ok: true, value: { text: this.diagnosis.reportText(VERSION) } }),
      labCheck: (r) => ({ ok: true, value: withCellObjects(this.labCheck(r)) }),
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
    this.startPart("Reading the lab for explanations", "Get Network Info", () => this.lab.watch());
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
    // Every handler first, in one sweep; then the devices are forgotten, so that a later start subscribes afresh.
    this.subs.offAll();
    this.registry.removeAll("Mail Console was stopped");
    this.bridge.close();
    this.lab.stop();
    this.diagnosis.stop();
    this.menu.remove((where, e) => this.report(where, e));
  }

  /** Answers one request from the panel (any value: it is checked). Never throws. */
  handle(request: unknown): Reply<RequestType> {
    return dispatch(this.handlers, request, (where, e) => this.report(where, e));
  }

  /**
   * What mailConsoleRequest sends back: handle()'s reply as JSON text, where
   * Changes carry the log's row texts joined in (src/wire.ts), each row encoded
   * once in its life rather than once per answer. Never throws.
   */
  answer(request: unknown): string {
    const r = request as { type?: unknown } | null;
    if (r && typeof r === "object" && r.type === "labCheck") {
      // The cells are kept as text (lab-check-work.ts): put in as they are, not parsed and stringified again.
      return this.textAnswer(r.type, () => {
        const a = this.labCheck(r as RequestOf<"labCheck">);
        return withList(JSON.stringify(a.check), "cells", a.cells ? [a.cells] : []);
      });
    }
    if (!r || typeof r !== "object" || !carriesChanges(r.type)) return JSON.stringify(this.handle(request));
    return this.textAnswer(r.type, () =>
      this.wireText(
        null,
        r.type === "openPanel"
          ? this.openPanel(r as RequestOf<"openPanel">)
          : this.asked(r as RequestOf<"changesSince">),
      ),
    );
  }

  /** An answer whose value is JSON text already; a throw is answered as handle() answers it. */
  private textAnswer(type: string, value: () => string): string {
    try {
      return '{"ok":true,"value":' + value() + "}";
    } catch (e) {
      return JSON.stringify(failed(type, e, (where, x) => this.report(where, x)));
    }
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

  private openPanel(r: RequestOf<"openPanel">): PendingChanges {
    const p = this.changesSince(num(r.since), num(r.epoch), num(r.limit));
    this.bridge.panelOpened(p.c.seq, p.c.epoch);
    return p;
  }

  private asked(r: RequestOf<"changesSince">): PendingChanges {
    return this.changesSince(num(r.seq), num(r.epoch), num(r.limit), r.after === undefined ? -1 : num(r.after));
  }

  /** Changes with the rows as objects, for handle(). */
  private withMails(p: PendingChanges): Changes {
    p.c.mails = this.log.mailsOf(p.ids);
    return p.c;
  }

  /** Changes as JSON text, `head` first (a push's type and base), with the rows' wire texts joined in. */
  private wireText(head: object | null, p: PendingChanges): string {
    const rows = this.log.wireOf(p.ids);
    // mails ([] until the rows go in) comes before any text field: withRows puts them in its first "mails":[].
    const value = Object.assign({}, head, p.c, { accounts: rows.accounts, at: rows.at });
    return withRows(JSON.stringify(value), rows.texts);
  }

  /** What changed after seq, its rows still named by id (c.mails is empty until withMails or wireText). */
  private changesSince(seq: number, epoch: number, limit = 0, after = -1): PendingChanges {
    const log: LogChanges = this.log.changesSince(seq, epoch, limit, after);
    const c: Changes = {
      epoch: log.epoch,
      seq: log.seq,
      mails: [],
      full: log.full,
      more: log.more,
      droppedIds: log.droppedIds,
      dropped: log.dropped,
      sent: log.sent,
      file: log.file,
      status: {
        simulationMode: this.simulationMode,
        version: VERSION,
        unavailable: this.unavailable,
        lab: this.labRev,
      },
    };
    if (c.full || this.devicesRev > seq) c.devices = this.deviceInfo();
    this.prefs.addTo(c, seq);
    return { c, ids: log.ids };
  }

  /** The Lab check (a page of it: LabPage), named by the file it describes; its cells as text. */
  private labCheck(r: RequestOf<"labCheck">): LabCheckAnswer {
    const a = this.diagnosis.labCheck(r);
    const path = text(() => this.host.ipc.appWindow().getActiveFile().getSavedFilename()) || "";
    // cells first: withList fills the first "cells":[] of the text, and a file's name comes after it.
    a.check = Object.assign({ cells: [] }, a.check, { file: path.split(/[\\/]/).pop() || "" });
    return a;
  }

  private deviceInfo(): DeviceInfo[] {
    return this.registry.list().map(infoOf);
  }

  private readDevice(r: RequestOf<"readDevice">): Reply<"readDevice"> {
    const d = this.registry.reread(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology. Choose another one.", "device");
    return { ok: true, value: infoOf(d) };
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
      if (!ids.length && send.template && send.template !== m.subject) entry.template = send.template;
      ids.push(entry.id);
      this.outbox.enqueue(d.key, entry, m.body, send.password);
    }
    // The mails are PT's now: a preset PT could not store is a warning on a send that happened.
    const warning = this.prefs.rememberAccount(d.name, { from: send.from, server: send.server });
    return { ok: true, value: warning ? { ids, warning } : { ids } };
  }

  private cancelMails(r: RequestOf<"cancelSend">): Reply<"cancelSend"> {
    const d = this.registry.get(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology.", "device");
    return { ok: true, value: { cancelled: this.outbox.cancel(d.key) } };
  }

  private changeSettings(r: RequestOf<"saveSettings">): Reply<"saveSettings"> {
    const reply = this.prefs.change(r);
    if (reply.ok) this.log.setCap(reply.value.cap);
    return reply;
  }

  private clearLog(): Reply<"clearLog"> {
    this.log.clear();
    return { ok: true, value: { epoch: this.log.epoch } };
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
    this.diagnosis.seen(args);
    this.outbox.onMailSent(d, readMailSentArgs(args));
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

function num(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}
