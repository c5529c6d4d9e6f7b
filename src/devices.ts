// Which devices can send mail, kept current while PT runs. PT's events
// (LogicalWorkspace deviceAdded/deviceRemoving, Device nameChanged and
// powerChanged, AppWindow fileOpened/fileNewed/fileClosing) keep it quick; a
// cheap periodic rescan keeps it right when an event's args are not what the
// reference suggests (research/pt-api.md §1.2, §3). A device is gone on its
// remove event, or after MISSES_TO_FORGET clean rescans without it: one IPC
// call that throws says nothing about the device.
import { type MailDevice, type Reading, readDevice, safeName, safePower, sameObject } from "./device-reader";
import type { Device, Host, LogicalWorkspace, Network } from "./pt";
import type { Subscriptions } from "./subscriptions";

export type { MailDevice } from "./device-reader";

export interface RegistryListener {
  /** A device joined; answers whether its mailSent handler is registered (false: the rescan tries again). */
  added(d: MailDevice): boolean;
  removed(d: MailDevice, why: string): void;
  /** Every device went at once (the engine stopped, the file closed). */
  removedAll(why: string): void;
  renamed(d: MailDevice, oldName: string): void;
  powerChanged(d: MailDevice): void;
  changed(): void;
  /** Another file was opened, or a new one started: a different topology. */
  fileChanged(): void;
}

export const RESCAN_MS = 3000;
const MISSES_TO_FORGET = 2;

export interface RegistryOptions {
  host: Host;
  subs: Subscriptions;
  report: (where: string, e: unknown) => void;
}

const NO_LISTENER: RegistryListener = {
  added: () => false,
  removed: () => undefined,
  removedAll: () => undefined,
  renamed: () => undefined,
  powerChanged: () => undefined,
  changed: () => undefined,
  fileChanged: () => undefined,
};

export class DeviceRegistry {
  /** By key, in the order devices were first seen. A Map: a key such as "constructor" is just a key. */
  private readonly byKey = new Map<string, MailDevice>();
  private readonly misses = new Map<string, number>();
  private localKeys = 0;
  private readonly host: Host;
  private readonly subs: Subscriptions;
  private listener: RegistryListener = NO_LISTENER;
  private readonly report: (where: string, e: unknown) => void;

  constructor(options: RegistryOptions) {
    this.host = options.host;
    this.subs = options.subs;
    this.report = options.report;
  }

  /** Who hears of devices coming, going and changing (the engine, once its outbox exists). */
  listen(listener: RegistryListener): void {
    this.listener = listener;
  }

  list(): MailDevice[] {
    const out: MailDevice[] = [];
    this.byKey.forEach((d) => {
      out.push(d);
    });
    return out;
  }

  get(key: string): MailDevice | null {
    return this.byKey.get(key) || null;
  }

  /** Listens to the file; call once from start. The workspace is watched here and again by each rescan. */
  watchTopology(): void {
    const app = this.host.ipc.appWindow();
    this.subs.on("topology", app, "fileOpened", () => this.reset("a file was opened"));
    this.subs.on("topology", app, "fileNewed", () => this.reset("a new file was started"));
    this.subs.on("topology", app, "fileClosing", () => {
      // The closed file's objects must not be called again: release them now, not at the next file.
      this.subs.off("workspace");
      this.removeAll("the file was closed");
    });
    this.watchWorkspace();
  }

  /** Subscribes to the current workspace's device events, unless already subscribed. */
  watchWorkspace(): void {
    if (this.subs.has("workspace")) return;
    let workspace: LogicalWorkspace | null;
    try {
      workspace = this.host.ipc.appWindow().getActiveWorkspace().getLogicalWorkspace();
    } catch (e) {
      this.report("getLogicalWorkspace", e);
      return;
    }
    if (!workspace) return;
    this.subs.on("workspace", workspace, "deviceAdded", (_src, args) => this.deviceAdded(args));
    this.subs.on("workspace", workspace, "deviceRemoving", (_src, args) => this.deviceRemoving(args));
  }

  /** One device was added: read that one (by name), not the whole network. */
  private deviceAdded(args: unknown): void {
    const name = field(args, "name");
    let device: Device | null = null;
    try {
      device = name ? this.host.ipc.network().getDevice(name) : null;
    } catch (e) {
      this.report("getDevice", e);
    }
    if (!device) {
      this.scan();
      return;
    }
    if (this.apply(readDevice(device))) this.listener.changed();
  }

  /** deviceRemoving {name, deviceUuid}: matched by uuid first, by name where PT gives no uuid. */
  private deviceRemoving(args: unknown): void {
    const uuid = field(args, "deviceUuid");
    const name = field(args, "name");
    let gone: MailDevice | null = uuid ? this.get(uuid) : null;
    if (!gone && name)
      this.byKey.forEach((d) => {
        if (!gone && d.name === name && (!uuid || !d.uuid)) gone = d;
      });
    if (gone) this.remove(gone, "the device was deleted");
  }

  /** Compares PT's device list with ours and applies the difference. Never throws. */
  scan(): void {
    let network: Network;
    let count = 0;
    try {
      network = this.host.ipc.network();
      count = network.getDeviceCount();
    } catch (e) {
      this.report("getDeviceCount", e);
      return;
    }
    const seen = new Map<string, boolean>();
    let clean = true;
    let changed = false;
    for (let i = 0; i < count; i++) {
      let device: Device | null = null;
      try {
        device = network.getDeviceAt(i);
      } catch (_e) {
        clean = false;
        continue;
      }
      if (!device) continue;
      const reading = readDevice(device);
      if (reading.kind === "error") clean = false;
      const key = this.apply(reading, seen);
      if (key === null) continue;
      if (key) changed = true;
    }
    this.forgetMissing(seen, clean);
    this.retryListening();
    if (changed) this.listener.changed();
  }

  /**
   * Adds or refreshes what a reading found. Answers the key when anything changed,
   * "" when nothing did, null when the reading found no mail device.
   */
  private apply(reading: Reading, seen?: Map<string, boolean>): string | null {
    if (reading.kind !== "mail") return null;
    const found = reading.found;
    const known = this.match(found);
    if (seen && known) seen.set(known.key, true);
    if (!known) {
      const d: MailDevice = Object.assign({ key: found.uuid || this.nextLocalKey(), listening: false }, found);
      if (seen) seen.set(d.key, true);
      this.add(d);
      return d.key;
    }
    return this.refresh(known, found) ? known.key : "";
  }

  /** The known device a reading is about: by uuid, or for a device without one, by its current name. */
  private match(found: Omit<MailDevice, "key" | "listening">): MailDevice | null {
    if (found.uuid) return this.get(found.uuid);
    let hit: MailDevice | null = null;
    this.byKey.forEach((d) => {
      if (!hit && !d.uuid && d.name === found.name) hit = d;
    });
    return hit;
  }

  private nextLocalKey(): string {
    this.localKeys++;
    return "local:" + this.localKeys;
  }

  /** Forgets devices missing from MISSES_TO_FORGET clean scans in a row. */
  private forgetMissing(seen: Map<string, boolean>, clean: boolean): void {
    for (const d of this.list()) {
      if (seen.has(d.key)) {
        this.misses.delete(d.key);
        continue;
      }
      if (!clean) continue; // a read failed somewhere: this scan proves nothing about absent devices
      const n = (this.misses.get(d.key) || 0) + 1;
      if (n >= MISSES_TO_FORGET) this.remove(d, "the device or its email client is gone");
      else this.misses.set(d.key, n);
    }
  }

  private retryListening(): void {
    this.byKey.forEach((d) => {
      if (!d.listening) d.listening = this.listener.added(d);
    });
  }

  /** Reads one known device again now (its Email settings, name, power); answers it, or null once it is gone. */
  reread(key: string): MailDevice | null {
    const known = this.get(key);
    if (!known) return null;
    const reading = readDevice(known.device);
    if (reading.kind === "none") {
      this.remove(known, "the device or its email client is gone");
      return null;
    }
    if (reading.kind === "mail" && this.refresh(known, reading.found)) this.listener.changed();
    return this.get(key);
  }

  private add(d: MailDevice): void {
    this.byKey.set(d.key, d);
    const group = "device:" + d.key;
    this.subs.on(group, d.device, "nameChanged", (_src, args) => {
      const newName = field(args, "newName");
      const oldName = d.name;
      d.name = newName || safeName(d.device, d.name);
      if (d.name === oldName) return;
      this.listener.renamed(d, oldName);
      this.listener.changed();
    });
    this.subs.on(group, d.device, "powerChanged", (_src, args) => {
      const on = args && typeof args === "object" ? (args as { on?: unknown }).on : undefined;
      d.powered = typeof on === "boolean" ? on : safePower(d.device, d.powered);
      this.listener.powerChanged(d);
      this.listener.changed();
    });
    d.listening = this.listener.added(d);
  }

  /** Copies what may have changed without an event; answers whether anything did. */
  private refresh(known: MailDevice, found: Omit<MailDevice, "key" | "listening">): boolean {
    let changed = false;
    if (known.name !== found.name) {
      const old = known.name;
      known.name = found.name;
      this.listener.renamed(known, old);
      changed = true;
    }
    if (known.powered !== found.powered) {
      known.powered = found.powered;
      this.listener.powerChanged(known);
      changed = true;
    }
    if (!sameObject(known.smtp, found.smtp)) {
      // PT rebuilt the process (a new SmtpClient, not a new wrapper of the same one): move the subscription.
      this.remove(known, "the device's email client was replaced");
      this.add(Object.assign({ key: known.key, listening: false }, found));
      return true;
    }
    const a = known.account;
    const b = found.account;
    if (
      a.displayName !== b.displayName ||
      a.mailId !== b.mailId ||
      a.user !== b.user ||
      a.password !== b.password ||
      a.smtpServer !== b.smtpServer
    ) {
      known.account = b;
      changed = true;
    }
    return changed;
  }

  remove(d: MailDevice, why: string): void {
    if (this.byKey.get(d.key) !== d) return;
    this.subs.off("device:" + d.key);
    this.byKey.delete(d.key);
    this.misses.delete(d.key);
    this.listener.removed(d, why);
    this.listener.changed();
  }

  /**
   * Every device at once (the engine stopped, the file closed): the tables are
   * emptied whole and the listener told once, so that cleanUp at 1,000 devices
   * costs little more than unregistering their handlers (cleanUpRatio, issue 16).
   */
  removeAll(why: string): void {
    const all = this.list();
    if (!all.length) return;
    for (const d of all) this.subs.off("device:" + d.key);
    this.byKey.clear();
    this.misses.clear();
    this.listener.removedAll(why);
    this.listener.changed();
  }

  /** A different topology: forget every device of the old one, then read the new one. */
  reset(why: string): void {
    this.removeAll(why);
    this.listener.fileChanged();
    this.subs.off("workspace");
    this.watchWorkspace();
    this.scan();
  }
}

/** A text field of an event's args, or "" (args may be anything PT sends). */
function field(args: unknown, name: string): string {
  if (!args || typeof args !== "object") return "";
  const value = (args as { [key: string]: unknown })[name];
  return typeof value === "string" ? value : "";
}
