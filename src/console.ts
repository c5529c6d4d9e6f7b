// Mail Console's engine: wires the device registry, the outboxes, the log and
// the panel bridge to one Host, and answers the panel's requests. main.ts
// gives it PT's globals; the simulator gives it its own model.
import type { Host } from "./pt";
import type { Changes, DeviceInfo, MailEntry, Request, Response, Settings } from "./protocol";
import { DeliveryLog } from "./log";
import { DeviceRegistry, RESCAN_MS, type MailDevice } from "./devices";
import { Outbox } from "./outbox";
import { PanelBridge, type PanelSpec } from "./panel-bridge";
import { Subscriptions } from "./subscriptions";
import { readMailSentArgs } from "./mail-event";
import { loadPresets, loadSettings, sanitizeSettings, savePresets, saveSettings, type Presets } from "./storage";
import { handleRequest } from "./requests";

// The build defines these from manifest/module.json; tests run the source as is.
declare const __MODULE_VERSION__: string;
declare const __PANEL_URL__: string;
export const VERSION = typeof __MODULE_VERSION__ === "string" ? __MODULE_VERSION__ : "dev";
export const PANEL: PanelSpec = {
  title: "Mail Console", url: typeof __PANEL_URL__ === "string" ? __PANEL_URL__ : "this-sm:panel.html", width: 420, height: 560,
};
export const MENU_LABEL = "Mail Console";

export class MailConsole {
  readonly subs: Subscriptions;
  readonly log: DeliveryLog;
  readonly registry: DeviceRegistry;
  readonly outbox: Outbox;
  readonly bridge: PanelBridge;
  settings: Settings;
  presets: Presets;
  /** The seq at which the device list last changed, and settings/presets. */
  devicesRev = 1;
  prefsRev = 1;
  errors: string[] = [];
  private rescanTimer: unknown = null;
  private menuUuid = "";
  private running = false;

  constructor(readonly host: Host) {
    const report = (where: string, e: unknown) => this.report(where, e);
    this.subs = new Subscriptions(report);
    this.settings = loadSettings(host);
    this.presets = loadPresets(host);
    this.log = new DeliveryLog(this.settings.cap, () => host.now());
    this.bridge = new PanelBridge(host, this.subs, PANEL, (seq, epoch) => this.changesSince(seq, epoch), report);
    this.outbox = new Outbox(host, this.log, (key) => this.registry.get(key), () => this.settings.watchdogMs, () => this.bridge.changed());
    this.registry = new DeviceRegistry(host, this.subs, {
      added: (d) => this.attach(d),
      removed: (d, why) => this.outbox.abandon(d.key, why),
      renamed: (d) => this.outbox.rename(d.key, d.name),
      powerChanged: (d) => {
        if (!d.powered) this.outbox.abandon(d.key, "the device was powered off");
      },
      changed: () => this.devicesChanged(),
    }, report);
  }

  /** PT's main(): menu item, events, first scan, the panel. */
  start(): void {
    if (this.running) this.stop();
    this.running = true;
    this.addMenuItem();
    this.watchSimulation();
    this.registry.watchTopology();
    this.registry.scan();
    this.rescanTimer = this.host.setInterval(() => this.rescan(), RESCAN_MS);
    this.bridge.open();
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
    this.subs.offAll();
    this.removeMenuItem();
  }

  /** A method, not an arrow: Qt 5.15 loses `this` in a catch inside an arrow (build/engine-guard.mjs). */
  private rescan(): void {
    try {
      this.registry.scan();
    } catch (e) {
      this.report("rescan", e);
    }
  }

  handle(request: Request): Response {
    return handleRequest(this, request);
  }

  changesSince(seq: number, epoch: number): Changes {
    const c = this.log.changesSince(seq, epoch) as Changes;
    c.status = { simulationMode: this.outbox.simulationMode, version: VERSION };
    if (c.full || this.devicesRev > seq) c.devices = this.deviceInfo();
    if (c.full || this.prefsRev > seq) {
      c.settings = this.settings;
      c.presets = this.presets;
    }
    return c;
  }

  deviceInfo(): DeviceInfo[] {
    return this.registry.list().map((d) => ({
      key: d.key, name: d.name, model: d.model, powered: d.powered, displayName: d.account.displayName,
      mailId: d.account.mailId, user: d.account.user, password: d.account.password, smtpServer: d.account.smtpServer,
    }));
  }

  setSettings(next: Partial<Settings>): Settings {
    this.settings = sanitizeSettings(Object.assign({}, this.settings, next));
    this.log.setCap(this.settings.cap);
    saveSettings(this.host, this.settings);
    this.prefsChanged();
    return this.settings;
  }

  savePreset(device: string, preset: Presets[string]): void {
    this.presets[device] = preset;
    savePresets(this.host, this.presets);
    this.prefsChanged();
  }

  devicesChanged(): void {
    this.devicesRev = ++this.log.seq;
    this.bridge.changed();
  }

  private prefsChanged(): void {
    this.prefsRev = ++this.log.seq;
    this.bridge.changed();
  }

  report(where: string, e: unknown): void {
    const text = where + ": " + (e && (e as Error).message ? (e as Error).message : String(e));
    this.errors.push(text);
    if (this.errors.length > 50) this.errors.shift();
    try {
      this.host.log("[Mail Console] " + text);
    } catch (e2) {
      // Nowhere left to report; never let it reach PT.
    }
  }

  private attach(d: MailDevice): void {
    this.subs.on("device:" + d.key, d.smtp, "mailSent", (args) => this.onMailSent(d, args));
  }

  private onMailSent(d: MailDevice, args: unknown): MailEntry {
    return this.outbox.onMailSent(d, readMailSentArgs(args));
  }

  private watchSimulation(): void {
    const read = () => {
      try {
        return !!this.host.ipc.simulation().isSimulationMode();
      } catch (e) {
        return false;
      }
    };
    this.outbox.setSimulationMode(read());
    try {
      this.subs.on("simulation", this.host.ipc.simulation(), "simulationModeChanged", () => this.outbox.setSimulationMode(read()));
    } catch (e) {
      this.report("simulation", e);
    }
  }

  private addMenuItem(): void {
    try {
      const menu = this.host.ipc.appWindow().getMenuBar().getExtensionsPopupMenu();
      this.menuUuid = String(menu.insertItem("", MENU_LABEL));
      const item = menu.getMenuItemByUuid(this.menuUuid);
      if (item) this.subs.on("menu", item, "onClicked", () => this.bridge.open());
    } catch (e) {
      this.report("menu", e);
    }
  }

  private removeMenuItem(): void {
    if (!this.menuUuid) return;
    try {
      this.host.ipc.appWindow().getMenuBar().getExtensionsPopupMenu().removeItemUuid(this.menuUuid);
    } catch (e) {
      this.report("removeMenuItem", e);
    }
    this.menuUuid = "";
  }
}
