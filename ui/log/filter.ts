// Which log rows a person asked to see: by device, by outcome, and a search
// over addresses, subject and body. It runs on every keystroke over up to
// thousands of rows, so each row's search text is built once per revision.
import type { MailEntry } from "../../src/protocol";

export type Outcome = "all" | "in-progress" | "delivered" | "failed" | "cancelled";

export interface LogFilter {
  device: string;
  outcome: Outcome;
  query: string;
}

export const NO_FILTER: LogFilter = { device: "", outcome: "all", query: "" };

const haystacks = new WeakMap<MailEntry, string>();

function haystack(m: MailEntry): string {
  let h = haystacks.get(m);
  if (h === undefined) {
    h = (m.from + "\n" + m.to + "\n" + m.subject + "\n" + m.body + "\n" + m.device).toLowerCase();
    haystacks.set(m, h);
  }
  return h;
}

function outcomeOf(m: MailEntry): Outcome {
  if (m.state === "delivered" || m.state === "failed" || m.state === "cancelled") return m.state;
  return "in-progress";
}

/** The rows that pass, newest first (the input is oldest first, as the engine keeps it). */
export function filterMails(mails: readonly MailEntry[], f: LogFilter): MailEntry[] {
  const q = f.query.trim().toLowerCase();
  const out: MailEntry[] = [];
  for (let i = mails.length - 1; i >= 0; i--) {
    const m = mails[i];
    if (f.device && m.device !== f.device) continue;
    if (f.outcome !== "all" && outcomeOf(m) !== f.outcome) continue;
    if (q && haystack(m).indexOf(q) < 0) continue;
    out.push(m);
  }
  return out;
}

export interface Counters {
  sent: number;
  delivered: number;
  failed: number;
  inProgress: number;
}

export function countMails(mails: readonly MailEntry[]): Counters {
  const c: Counters = { sent: mails.length, delivered: 0, failed: 0, inProgress: 0 };
  for (const m of mails) {
    const o = outcomeOf(m);
    if (o === "delivered") c.delivered++;
    else if (o === "failed") c.failed++;
    else if (o === "in-progress") c.inProgress++;
  }
  return c;
}
