// The log as text a spreadsheet or a script can read: CSV (RFC 4180 quoting,
// a UTF-8 BOM so Excel reads non-ASCII right, CRLF rows) and JSON (the entries
// as the engine keeps them). CSV times are ISO 8601 in the zone the panel shows,
// with its offset.
import type { MailEntry } from "../../src/protocol";
import { decodeResponse } from "../../src/protocol";
import { BOUNCE } from "../status";
import { isoLocal } from "../time";

const COLUMNS = [
  "id",
  "group",
  "queued",
  "updated",
  "device",
  "origin",
  "from",
  "to",
  "server",
  "subject",
  "state",
  "code",
  "code name",
  "reason",
  "events",
  "body",
];

export function csvCell(value: string | number): string {
  const text = String(value);
  // Cells that a spreadsheet would run as a formula get a leading quote.
  const safe = /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  return /[",\r\n]/.test(safe) || safe !== text ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

/** Why it failed or bounced, in words: the console's own reason, else what the code means. */
function reasonOf(m: MailEntry): string {
  if (m.reason) return m.reason;
  if (m.state === "bounced") return BOUNCE.meaning;
  const c = decodeResponse(m.code);
  return m.code !== null && c.kind === "failure" ? c.label + ": " + c.meaning : "";
}

/** "2026-01-01T09:00:00.000+01:00 1 eSmtpRequest | …" */
function eventsOf(m: MailEntry): string {
  return m.events
    .map((e) => isoLocal(e.at) + " " + (e.code === null ? e.note || "" : e.code + " " + decodeResponse(e.code).name))
    .join(" | ");
}

export function toCsv(mails: readonly MailEntry[]): string {
  const rows = [COLUMNS.map(csvCell).join(",")];
  for (const m of mails) {
    rows.push(
      [
        m.id,
        m.group || m.id,
        isoLocal(m.queuedAt),
        isoLocal(m.updatedAt),
        m.device,
        m.origin,
        m.from,
        m.to,
        m.server,
        m.subject,
        m.state,
        m.code === null ? "" : m.code,
        m.code === null ? "" : decodeResponse(m.code).name,
        reasonOf(m),
        eventsOf(m),
        m.body,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return "\ufeff" + rows.join("\r\n") + "\r\n";
}

export const toJson = (mails: readonly MailEntry[]) => JSON.stringify(mails, null, 2);
