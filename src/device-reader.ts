// Reading one PT device: its name, power and Email settings, through known
// getters only (for…in over a native object crashes PT 9.0.1:
// research/pt-script-modules.md). Every read is guarded, and a read that threw
// is told apart from an answer: "no email client" removes a device from the
// registry, an error does not.
import type { DeviceInfo } from "./protocol";
import type { Device, EmailClient, SmtpClient } from "./pt";

export interface MailDevice {
  key: string;
  name: string;
  model: string;
  powered: boolean;
  /** PT's object uuid, or "" where PT gives none (then the key is the registry's own). */
  uuid: string;
  device: Device;
  smtp: SmtpClient;
  email: EmailClient;
  account: Pick<DeviceInfo, "displayName" | "mailId" | "user" | "password" | "smtpServer">;
  /** The engine's mailSent handler is registered (PT may refuse it once; the rescan tries again). */
  listening: boolean;
}

/** What reading a device found: a mail device (without its key yet), none, or an error. */
export type Reading =
  | { kind: "mail"; found: Omit<MailDevice, "key" | "listening"> }
  | { kind: "none" }
  | { kind: "error" };

export function readDevice(device: Device): Reading {
  let email: EmailClient | null;
  let smtp: SmtpClient | null;
  try {
    email = device.getProcess("EmailClient");
    if (!email || typeof email.getSmtpClient !== "function") return { kind: "none" };
    smtp = email.getSmtpClient();
  } catch (_e) {
    return { kind: "error" };
  }
  if (!smtp) return { kind: "none" };
  try {
    const name = String(device.getName());
    return {
      kind: "mail",
      found: {
        name,
        uuid: uuidOf(device),
        model: String(device.getModel()),
        powered: !!device.getPower(),
        device,
        smtp,
        email,
        account: readAccount(email),
      },
    };
  } catch (_e) {
    return { kind: "error" };
  }
}

/** PT's object uuid, or "" (the simulator and PT both have getObjectUuid; a wrapper may not). */
function uuidOf(object: { getObjectUuid?(): string }): string {
  try {
    return typeof object.getObjectUuid === "function" ? String(object.getObjectUuid() || "") : "";
  } catch (_e) {
    return "";
  }
}

/** The same PT object, even through a new JS wrapper: compared by uuid where PT gives one. */
export function sameObject(a: { getObjectUuid?(): string }, b: { getObjectUuid?(): string }): boolean {
  if (a === b) return true;
  const ua = uuidOf(a);
  return ua !== "" && ua === uuidOf(b);
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

export function safeName(device: Device, fallback: string): string {
  try {
    return String(device.getName());
  } catch (_e) {
    return fallback;
  }
}

export function safePower(device: Device, fallback: boolean): boolean {
  try {
    return !!device.getPower();
  } catch (_e) {
    return fallback;
  }
}
