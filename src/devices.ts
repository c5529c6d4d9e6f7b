// Which devices can send mail, kept current while PT runs. PT's events
// (LogicalWorkspace deviceAdded/deviceRemoving, Device nameChanged and
// powerChanged, AppWindow fileOpened/fileNewed/fileClosing) keep it quick; a
// cheap periodic rescan keeps it right when an event's args are not what the
// reference suggests (research/pt-api.md §1.2, §3).

import type { DeviceInfo } from "./protocol";
import type { Device, EmailClient, Host, LogicalWorkspace, Network, SmtpClient } from "./pt";
import type { Subscriptions } from "./subscriptions";

export interface MailDevice {
  key: string;
  name: string;
  model: string;
  powered: boolean;
  device: Device;
  smtp: SmtpClient;
  email: EmailClient;
  account: Pick<DeviceInfo, "displayName" | "mailId" | "user" | "password" | "smtpServer">;
}

export interface RegistryListener {
  added(d: MailDevice): void;
  removed(d: MailDevice, why: string): void;
  renamed(d: MailDevice, oldName: string): void;
  powerChanged(d: MailDevice): void;
  changed(): void;
  /** Another file was opened, or a new one started: a different topology. */
  fileChanged(): void;
}

export const RESCAN_MS = 3000;

export interface RegistryOptions {
  host: Host;
  subs: Subscriptions;
  report: (where: string, e: unknown) => void;
}

const NO_LISTENER: RegistryListener = {
  added: () => undefined,
  removed: () => undefined,
  renamed: () => undefined,
  powerChanged: () => undefined,
  changed: () => undefined,
  fileChanged: () => undefined,
};

export class DeviceRegistry {
  private byKey: { [key: string]: MailDevice } = {};
  private keys: string[] = [];
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
    return this.keys.map((k) => this.byKey[k]);
  }

  get(key: string): MailDevice | null {
    return this.byKey[key] || null;
  }

  findByName(name: string): MailDevice | null {
    for (const k of this.keys) if (this.byKey[k].name === name) return this.byKey[k];
    return null;
  }

  /** Listens to the workspace and the file; call once from start. */
  watchTopology(): void {
    const app = this.host.ipc.appWindow();
    this.subs.on("topology", app, "fileOpened", () => this.reset("a file was opened"));
    this.subs.on("topology", app, "fileNewed", () => this.reset("a new file was started"));
    this.subs.on("topology", app, "fileClosing", () => this.removeAll("the file was closed"));
    this.watchWorkspace();
  }

  private watchWorkspace(): void {
    this.subs.off("workspace");
    let workspace: LogicalWorkspace | null;
    try {
      workspace = this.host.ipc.appWindow().getActiveWorkspace().getLogicalWorkspace();
    } catch (e) {
      this.report("getLogicalWorkspace", e);
      return;
    }
    if (!workspace) return;
    this.subs.on("workspace", workspace, "deviceAdded", () => this.scan());
    this.subs.on("workspace", workspace, "deviceRemoving", (_src, args) => {
      const name = args && typeof args === "object" ? (args as { name?: unknown }).name : undefined;
      const d = typeof name === "string" ? this.findByName(name) : null;
      if (d) this.remove(d, "the device was deleted");
    });
    this.subs.on("workspace", workspace, "deviceRemoved", () => this.scan());
  }

  /** Compares PT's device list with ours and applies the difference. Never throws. */
  scan(): void {
    const seen: { [key: string]: boolean } = {};
    let changed = false;
    let network: Network;
    try {
      network = this.host.ipc.network();
    } catch (e) {
      this.report("network", e);
      return;
    }
    let count = 0;
    try {
      count = network.getDeviceCount();
    } catch (e) {
      this.report("getDeviceCount", e);
      return;
    }
    for (let i = 0; i < count; i++) {
      let device: Device | null = null;
      try {
        device = network.getDeviceAt(i);
      } catch (_e) {
        continue;
      }
      if (!device) continue;
      const found = this.inspect(device);
      if (!found) continue;
      seen[found.key] = true;
      const known = this.byKey[found.key];
      if (!known) {
        this.add(found);
        changed = true;
      } else if (this.refresh(known, found)) {
        changed = true;
      }
    }
    for (const key of this.keys.slice()) {
      if (!seen[key]) {
        this.remove(this.byKey[key], "the device or its email client is gone");
      }
    }
    if (changed) this.listener.changed();
  }

  /** Reads one known device again now (its Email settings, name, power); answers it, or null once it is gone. */
  reread(key: string): MailDevice | null {
    const known = this.byKey[key];
    if (!known) return null;
    const found = this.inspect(known.device);
    if (!found) {
      this.remove(known, "the device or its email client is gone");
      return null;
    }
    if (this.refresh(known, found)) this.listener.changed();
    return this.byKey[key] || null;
  }

  /** Reads one device; null when it has no email client. */
  private inspect(device: Device): MailDevice | null {
    try {
      const email = device.getProcess("EmailClient") as EmailClient | null;
      if (!email || typeof email.getSmtpClient !== "function") return null;
      const smtp = email.getSmtpClient();
      if (!smtp) return null;
      const name = String(device.getName());
      const uuid = typeof device.getObjectUuid === "function" ? String(device.getObjectUuid()) : "";
      return {
        key: uuid || "name:" + name,
        name,
        model: String(device.getModel()),
        powered: !!device.getPower(),
        device,
        smtp,
        email,
        account: readAccount(email),
      };
    } catch (_e) {
      return null;
    }
  }

  private add(d: MailDevice): void {
    this.byKey[d.key] = d;
    this.keys.push(d.key);
    const group = "device:" + d.key;
    this.subs.on(group, d.device, "nameChanged", (_src, args) => {
      const newName = args && typeof args === "object" ? (args as { newName?: unknown }).newName : undefined;
      const oldName = d.name;
      d.name = typeof newName === "string" ? newName : safeName(d.device, d.name);
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
    this.listener.added(d);
  }

  /** Copies what may have changed without an event; answers whether anything did. */
  private refresh(known: MailDevice, found: MailDevice): boolean {
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
    if (known.smtp !== found.smtp) {
      // A new SmtpClient object (PT rebuilt the process): move the mailSent subscription.
      this.remove(known, "the device's email client was replaced");
      this.add(found);
      return true;
    }
    const a = known.account,
      b = found.account;
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
    if (!this.byKey[d.key]) return;
    this.subs.off("device:" + d.key);
    delete this.byKey[d.key];
    this.keys.splice(this.keys.indexOf(d.key), 1);
    this.listener.removed(d, why);
    this.listener.changed();
  }

  removeAll(why: string): void {
    for (const key of this.keys.slice()) this.remove(this.byKey[key], why);
  }

  /** A different topology: forget every device of the old one, then read the new one. */
  reset(why: string): void {
    this.removeAll(why);
    this.listener.fileChanged();
    this.watchWorkspace();
    this.scan();
  }
}

function readAccount(email: EmailClient): MailDevice["account"] {
  const account = { displayName: "", mailId: "", user: "", password: "", smtpServer: "" };
  try {
    const u = email.getEmailUser();
    if (!u) return account;
    account.displayName = String(u.getName());
    account.mailId = String(u.getMailId());
    account.user = String(u.getUser());
    account.password = String(u.getPassword());
    account.smtpServer = String(u.getSmtpServer());
  } catch (_e) {
    // An account PT cannot read is an empty one; the compose form says what is missing.
  }
  return account;
}

function safeName(device: Device, fallback: string): string {
  try {
    return String(device.getName());
  } catch (_e) {
    return fallback;
  }
}

function safePower(device: Device, fallback: boolean): boolean {
  try {
    return !!device.getPower();
  } catch (_e) {
    return fallback;
  }
}
