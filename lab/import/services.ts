// The mail and DNS parts of a device's ENGINE: Desktop > Email (EMAIL_CLIENT),
// Services > EMAIL (EMAIL_SERVER) and Services > DNS (DNS_SERVER). Element
// names from decoded PT 7.2–9.0 files (research/pt-labs-and-fidelity.md C3).
import type { HostSpec, StoredMailSpec } from "../../sim/spec";
import { count, cutName, LIMITS } from "./limits";
import { child, textAt, type XmlElement } from "./xml";

/** Reports what is not imported as it stands, naming the device ("" for the file). */
export type Warn = (device: string, message: string) => void;

const MAIL_FIELD = /^MAIL_(FROM|RCPT|SUBJECT|CONTENT|DATE|TIME)(\d+)$/;

/**
 * Stored mails are flat indexed siblings (MAIL_FROM0, MAIL_RCPT0, …). In a
 * server they follow their user and the index restarts at 0 for each user
 * [pkt 8.2.2: umer302203 "simple Gmail.pkt", user 1's first mail is MAIL_FROM0],
 * so mails are read in document order: each MAIL_FROM starts a new one.
 */
function readMail(el: XmlElement, mails: StoredMailSpec[]): void {
  const m = MAIL_FIELD.exec(el.name);
  if (!m) return;
  if (m[1] === "FROM") mails.push({ from: "", rcpt: "", subject: "", content: "", dateTime: "" });
  const mail = mails[mails.length - 1];
  if (!mail) return; // a field before any MAIL_FROM: nothing to attach it to
  switch (m[1]) {
    case "FROM":
      mail.from = el.text;
      break;
    case "RCPT":
      mail.rcpt = el.text;
      break;
    case "SUBJECT":
      mail.subject = el.text;
      break;
    case "CONTENT":
      mail.content = el.text;
      break;
    // PT keeps date ("Wed Nov 19 2025") and time ("09:55:36") apart; the spec has one string.
    case "DATE":
      mail.dateTime = el.text + (mail.dateTime ? " " + mail.dateTime : "");
      break;
    case "TIME":
      mail.dateTime = (mail.dateTime ? mail.dateTime + " " : "") + el.text;
      break;
  }
}

function flag(s: string): boolean {
  return s === "1" || s === "true";
}

export function readEmailClient(engine: XmlElement, device: string, warn: Warn): HostSpec["email"] | undefined {
  const el = child(engine, "EMAIL_CLIENT");
  if (!el) return undefined;
  const inbox: StoredMailSpec[] = [];
  for (const c of el.children) readMail(c, inbox);
  const declared = Number(textAt(el, "NO_OF_MAILS") || "0");
  if (declared !== inbox.length)
    warn(device, "the Email client declares " + declared + " stored mails but holds " + inbox.length);
  const cut = (tag: string) => cutName(textAt(el, tag), "its Email client's " + tag, (m) => warn(device, m));
  const mailId = cut("MAIL_ID"),
    user = cut("USER"),
    smtp = cut("SMTP_SERVER");
  if (!mailId && !user && !smtp && !inbox.length) return undefined;
  const email: NonNullable<HostSpec["email"]> = {
    name: cut("NAME"),
    mailId,
    user,
    password: textAt(el, "PASSWORD"),
    smtp,
    pop3: cut("POP3_SERVER"),
  };
  if (inbox.length) email.inbox = inbox;
  return email;
}

export function readMailServer(engine: XmlElement, device: string, warn: Warn): HostSpec["mailServer"] | undefined {
  const el = child(engine, "EMAIL_SERVER");
  if (!el) return undefined;
  // Names from a lab are data: __proto__ or constructor is an ordinary user (issue 27), so no prototype.
  const users: { [user: string]: string } = Object.create(null);
  const mailboxes: { [user: string]: StoredMailSpec[] } = Object.create(null);
  const orphans: StoredMailSpec[] = [];
  let current: StoredMailSpec[] | null = orphans;
  let userCount = 0;
  const cutUser = (name: string) => cutName(name, "a mail user's name", (m) => warn(device, m));
  // PASSWORDn by name once: looking each up among all children was quadratic in the users (issue 27).
  const passwords = new Map<string, string>();
  for (const c of el.children)
    if (/^PASSWORD\d+$/.test(c.name) && !passwords.has(c.name)) passwords.set(c.name, c.text);
  for (const c of el.children) {
    if (/^USER\d+$/.test(c.name)) {
      // Past the limit, users and their mails are not read (nor kept): a warning below says how many.
      if (++userCount > LIMITS.usersPerServer) {
        current = null;
        continue;
      }
      const user = cutUser(c.text);
      if (Object.prototype.hasOwnProperty.call(users, user)) {
        warn(device, "mail user " + user + " appears twice; the first is kept");
        current = [];
        continue;
      }
      const password = passwords.get("PASSWORD" + c.name.slice(4)) || "";
      users[user] = password;
      current = mailboxes[user] = [];
    } else if (current) {
      readMail(c, current);
    }
  }
  if (userCount > LIMITS.usersPerServer)
    warn(
      device,
      "the mail server has " +
        count(userCount) +
        (el.cut ? " or more" : "") +
        " users; the first " +
        count(LIMITS.usersPerServer) +
        " are read",
    );
  if (orphans.length) warn(device, orphans.length + " stored mails before any mail user are ignored");
  const declared = Number(textAt(el, "NO_OF_USERS") || "0");
  if (declared !== userCount) warn(device, "the mail server declares " + declared + " users but lists " + userCount);
  if (flag(textAt(el, "FORWARD_MAIL")))
    warn(device, "FORWARD_MAIL is set; its effect in PT is unknown and it is ignored");
  const domain = cutName(textAt(el, "SMTP_DOMAIN"), "its mail domain", (m) => warn(device, m));
  const smtp = flag(textAt(el, "SMTP_ENABLED")),
    pop3 = flag(textAt(el, "POP3_ENABLED"));
  // Server-PT's defaults (SMTP and POP3 on, no domain, no users) are the simulator's: nothing to say.
  if (!domain && !userCount && smtp && pop3) return undefined;
  const server: NonNullable<HostSpec["mailServer"]> = { domain, smtp, pop3, users };
  const stored = Object.keys(mailboxes).filter((u) => mailboxes[u].length);
  if (stored.length) {
    const held: { [user: string]: StoredMailSpec[] } = Object.create(null);
    for (const u of stored) held[u] = mailboxes[u];
    server.mailboxes = held;
  }
  return server;
}

/** A DNS record as the file holds it, duplicates included (the CLI reports these; the spec keeps one per name). */
export interface HeldDnsRecord {
  type: "A" | "CNAME";
  name: string;
  address?: string;
  host?: string;
}

export function readDnsServer(
  engine: XmlElement,
  device: string,
  warn: Warn,
  held: HeldDnsRecord[] = [],
): HostSpec["dnsServer"] | undefined {
  const el = child(engine, "DNS_SERVER");
  if (!el) return undefined;
  const on = flag(textAt(el, "ENABLED"));
  // Names are data: a record named __proto__ is a record (issue 27).
  const records: { [name: string]: string } = Object.create(null);
  const cnames: { [alias: string]: string } = Object.create(null);
  let count = 0;
  for (const rr of child(el, "NAMESERVER-DATABASE")?.children || []) {
    if (rr.name !== "RESOURCE-RECORD") continue;
    const type = textAt(rr, "TYPE"),
      name = cutName(textAt(rr, "NAME"), "a DNS record's name", (m) => warn(device, m));
    const table = type === "A-REC" ? records : type === "CNAME" ? cnames : null;
    if (!table) {
      warn(device, "DNS " + (type || "untyped") + " record " + name + " is not modeled");
      continue;
    }
    const value = cutName(textAt(rr, type === "CNAME" ? "HOSTNAME" : "IPADDRESS"), "a DNS record's value", (m) =>
      warn(device, m),
    );
    held.push(type === "CNAME" ? { type: "CNAME", name, host: value } : { type: "A", name, address: value });
    if (Object.prototype.hasOwnProperty.call(table, name)) {
      // The model answers with the first record, in file order: which one PT answers with is not
      // known [inf: no saved lab or PT documentation says]. The JSON lists them all (`held`).
      const kind = type === "CNAME" ? "CNAME" : "A";
      warn(
        device,
        "two DNS " +
          kind +
          " records for " +
          name +
          " (" +
          table[name] +
          ", " +
          value +
          "): the model uses the first, " +
          table[name] +
          "; which one PT answers with is not known (inferred)",
      );
      continue;
    }
    table[name] = value;
    count++;
  }
  if (!on && !count) return undefined;
  const dns: NonNullable<HostSpec["dnsServer"]> = { on, records };
  if (Object.keys(cnames).length) dns.cnames = cnames;
  return dns;
}

/** Server-PT services that do not touch mail, by their element and switch (cisco-pktmd src/hosts.js lists the same). */
const OTHER_SERVICES: [string, string, string][] = [
  ["HTTP_SERVER", "ENABLED", "HTTP"],
  ["HTTPS_SERVER", "HTTPSENABLED", "HTTPS"],
  ["FTP_SERVER", "ENABLED", "FTP"],
  ["TFTP_SERVER", "ENABLED", "TFTP"],
  ["NTP_SERVER", "ENABLED", "NTP"],
  ["SYSLOG_SERVER", "ENABLED", "SYSLOG"],
  ["ACS_SERVER", "ENABLED", "AAA"],
];

/** Names the services that are on but not simulated (DHCP is: lab/import/dhcp.ts, sim/dhcp.ts). */
export function otherServices(engine: XmlElement): string[] {
  return OTHER_SERVICES.filter(([tag, sw]) => flag(textAt(child(engine, tag), sw))).map((s) => s[2]);
}
