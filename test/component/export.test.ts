// The log as files a spreadsheet or a grading script reads: every time in the
// zone the panel shows, with its offset.

import { afterEach, describe, expect, it } from "vitest";
import { toCsv, toJson } from "../../ui/log/export";
import { isoLocal } from "../../ui/time";
import { mail } from "../helpers/panel-fixtures";

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

/** RFC 4180 as a spreadsheet reads it: the header, then one object per row. */
function parseCsv(text: string): { [column: string]: string }[] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  const [header, ...rows] = out;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe("ISO 8601 times", () => {
  it("carry the offset of the zone the panel shows, east or west, whole or half hours", () => {
    const at = Date.UTC(2026, 0, 1, 12, 0, 0, 5);
    process.env.TZ = "Asia/Kolkata";
    expect(isoLocal(at)).toBe("2026-01-01T17:30:00.005+05:30");
    process.env.TZ = "America/St_Johns";
    expect(isoLocal(at)).toBe("2026-01-01T08:30:00.005-03:30");
    process.env.TZ = "UTC";
    expect(isoLocal(at)).toBe("2026-01-01T12:00:00.005+00:00");
  });
});

describe("CSV export", () => {
  it("has the server, the outcome, a readable reason and every event with its time", () => {
    process.env.TZ = "Europe/Paris";
    const [failed, bounced] = parseCsv(
      toCsv([
        mail({ id: 1, state: "failed", code: 6, server: "10.1.0.10", events: [{ at: Date.UTC(2026, 0, 1), code: 1 }] }),
        mail({ id: 2, group: 1, state: "bounced", code: 2, reason: "" }),
      ]).slice(1),
    );
    expect(failed.server).toBe("10.1.0.10");
    expect(failed.state).toBe("failed");
    expect(failed.reason).toMatch(/^Timed out: The outgoing mail server did not answer in time\./);
    expect(failed.queued).toMatch(/^2026-01-01T01:00:01\.000\+01:00$/);
    expect(failed.events).toBe("2026-01-01T01:00:00.000+01:00 1 eSmtpRequest");
    expect(bounced.state).toBe("bounced");
    expect(bounced.group).toBe("1");
    expect(bounced.reason).toMatch(/Delivery Status Notification/);
    expect(bounced.events.split(" | ")).toHaveLength(2);
  });

  it("quotes commas, quotes and new lines, keeps non-ASCII, and a spreadsheet reads it back", () => {
    const tricky = mail({
      id: 9,
      subject: 'Hi, "class"',
      body: "line 1\nline 2, with comma\r\nçà 中文 📨",
      to: "zoë@alpha.edu",
    });
    const csv = toCsv([tricky]);
    expect(csv.charCodeAt(0)).toBe(0xfeff); // Excel needs the BOM to read UTF-8
    const [rec] = parseCsv(csv.slice(1));
    expect(rec.subject).toBe('Hi, "class"');
    expect(rec.body).toBe("line 1\nline 2, with comma\r\nçà 中文 📨");
    expect(rec.to).toBe("zoë@alpha.edu");
    expect(rec["code name"]).toBe("eSmtpResponseSuccess");
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const [rec] = parseCsv(toCsv([mail({ id: 3, subject: '=HYPERLINK("http://x")' })]).slice(1));
    expect(rec.subject).toBe('\'=HYPERLINK("http://x")');
  });
});

describe("JSON export", () => {
  it("is the entries as the engine keeps them, bounced included", () => {
    const json = JSON.parse(toJson([mail({ id: 4, state: "bounced" })]));
    expect(json[0]).toMatchObject({ id: 4, state: "bounced", server: "mail.alpha.edu" });
  });
});
