// The log as text a spreadsheet or a script can read: CSV (RFC 4180 quoting,
// a UTF-8 BOM so Excel reads non-ASCII right, CRLF rows) and JSON.
import type { MailEntry } from "../../src/protocol";
import { decodeResponse } from "../../src/protocol";

const COLUMNS = [
  "id",
  "queued",
  "device",
  "origin",
  "from",
  "to",
  "subject",
  "state",
  "code",
  "code name",
  "reason",
  "events",
  "body",
];

function csvCell(value: string | number): string {
  const text = String(value);
  // Cells that a spreadsheet would run as a formula get a leading quote.
  const safe = /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  return /[",\r\n]/.test(safe) || safe !== text ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

export function toCsv(mails: readonly MailEntry[]): string {
  const rows = [COLUMNS.map(csvCell).join(",")];
  for (const m of mails) {
    rows.push(
      [
        m.id,
        new Date(m.queuedAt).toISOString(),
        m.device,
        m.origin,
        m.from,
        m.to,
        m.subject,
        m.state,
        m.code === null ? "" : m.code,
        m.code === null ? "" : decodeResponse(m.code).name,
        m.reason || "",
        m.events.map((e) => (e.code === null ? "note" : String(e.code))).join(" "),
        m.body,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return "\ufeff" + rows.join("\r\n") + "\r\n";
}

export function toJson(mails: readonly MailEntry[]): string {
  return JSON.stringify(mails, null, 2);
}
