// Desktop > Email, Services > EMAIL and Services > DNS as PT saves them (the
// element names the importer reads, lab/import/services.ts).
import type { HostSpec, StoredMailSpec } from "../../sim/spec";
import { el, type Node } from "./xml-writer";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** PT keeps a mail's date ("Wed Nov 19 2025") and time ("09:55:36") apart [pkt 8.2.2]. */
export function splitDateTime(dateTime: string): { date: string; time: string } {
  const iso = /^\d{4}-\d{2}-\d{2}T/.test(dateTime) ? new Date(dateTime) : null;
  if (iso && !Number.isNaN(iso.getTime())) {
    const two = (n: number) => (n < 10 ? "0" : "") + n;
    return {
      date:
        DAYS[iso.getUTCDay()] + " " + MONTHS[iso.getUTCMonth()] + " " + iso.getUTCDate() + " " + iso.getUTCFullYear(),
      time: two(iso.getUTCHours()) + ":" + two(iso.getUTCMinutes()) + ":" + two(iso.getUTCSeconds()),
    };
  }
  const m = /^(.*) (\d{1,2}:\d{2}:\d{2})$/.exec(dateTime);
  return m ? { date: m[1], time: m[2] } : { date: dateTime, time: "" };
}

/** MAIL_FROMi … MAIL_TIMEi, numbered from 0 for each mailbox. */
function mails(list: StoredMailSpec[]): Node[] {
  const out: Node[] = [];
  list.forEach((m, i) => {
    const { date, time } = splitDateTime(m.dateTime);
    out.push(
      el("MAIL_FROM" + i, m.from),
      el("MAIL_RCPT" + i, m.rcpt),
      el("MAIL_SUBJECT" + i, m.subject),
      el("MAIL_CONTENT" + i, m.content),
      el("MAIL_DATE" + i, date),
      el("MAIL_TIME" + i, time),
    );
  });
  return out;
}

export function emailClient(host: HostSpec): Node {
  const e = host.email;
  if (!e)
    return el("EMAIL_CLIENT", [
      el("ENABLED", "1"),
      el("NAME"),
      el("MAIL_ID"),
      el("POP3_SERVER"),
      el("SMTP_SERVER"),
      el("USER"),
      el("PASSWORD"),
      el("NO_OF_MAILS", "0"),
    ]);
  const inbox = e.inbox || [];
  return el("EMAIL_CLIENT", [
    el("ENABLED", "1"),
    el("NAME", e.name == null ? host.name : e.name),
    el("MAIL_ID", e.mailId),
    el("POP3_SERVER", e.pop3 || e.smtp),
    el("SMTP_SERVER", e.smtp),
    el("USER", e.user),
    el("PASSWORD", e.password),
    el("NO_OF_MAILS", String(inbox.length)),
    ...mails(inbox),
  ]);
}

export function emailServer(host: HostSpec): Node {
  const s = host.mailServer;
  const on = (v: boolean | undefined) => (v === false ? "0" : "1");
  const users = s ? Object.keys(s.users) : [];
  const body: Node[] = [
    el("SMTP_ENABLED", on(s?.smtp)),
    el("SMTP_DOMAIN", s ? s.domain : ""),
    el("POP3_ENABLED", on(s?.pop3)),
    el("FORWARD_MAIL", "0"),
    el("NO_OF_USERS", String(users.length)),
  ];
  users.forEach((u, i) => {
    const box = s?.mailboxes?.[u] || [];
    body.push(
      el("USER" + i, u),
      el("PASSWORD" + i, s ? s.users[u] : ""),
      el("NO_OF_MAILS" + i, String(box.length)),
      ...mails(box),
    );
  });
  return el("EMAIL_SERVER", body);
}

/** `more`: A records written after the spec's (ExportOddities.moreRecords). */
export function dnsServer(host: HostSpec, more: { name: string; address: string }[] = []): Node {
  const d = host.dnsServer;
  const records: Node[] = [];
  const record = (type: string, name: string, valueTag: string, value: string) =>
    records.push(el("RESOURCE-RECORD", [el("TYPE", type), el("NAME", name), el("TTL", "86400"), el(valueTag, value)]));
  if (d) {
    for (const name of Object.keys(d.records)) record("A-REC", name, "IPADDRESS", d.records[name]);
    const cnames = d.cnames || {};
    for (const alias of Object.keys(cnames)) record("CNAME", alias, "HOSTNAME", cnames[alias]);
  }
  for (const r of more) record("A-REC", r.name, "IPADDRESS", r.address);
  // Server-PT ships with DNS off (pt-email-and-ux.md A1); the sim's `on` defaults to true when a dnsServer is given.
  return el("DNS_SERVER", [el("ENABLED", d && d.on !== false ? "1" : "0"), el("NAMESERVER-DATABASE", records)]);
}
