// Which log rows a person asked to see: by device, outcome, code and recipient
// domain, and a search. The search takes words (all must match) and field
// prefixes (to:, from:, device:, code:, subject:); a bare word looks at the
// addresses, subject, body, device, server, status, reason, code number and
// code name. Each row's search text is built once per revision, and can be
// built ahead of the first keystroke (warm), so that one is not the slow one.
import type { MailEntry } from "../../src/protocol";
import { decodeResponse } from "../../src/protocol";
import { statusText } from "../status";
import { domainOf } from "../tally";

/** "" is any. */
export type Outcome = "" | "in-progress" | "delivered" | "bounced" | "failed" | "cancelled";

/** Each field "" when it does not filter. */
export interface LogFilter {
  device: string;
  outcome: Outcome;
  /** A code number. */
  code: string;
  domain: string;
  query: string;
}

export const NO_FILTER: LogFilter = { device: "", outcome: "", code: "", domain: "", query: "" };

export const isFiltered = (f: LogFilter) => !!Object.values(f).join("").trim();

const haystacks = new WeakMap<MailEntry, string>();

const codeText = (m: MailEntry) => {
  if (m.code === null) return "";
  const c = decodeResponse(m.code);
  return ("code " + c.code + " " + c.name + " " + c.label).toLowerCase();
};

function haystack(m: MailEntry): string {
  let h = haystacks.get(m);
  if (h === undefined) {
    h = [m.from, m.to, m.subject, m.body, m.device, m.server, statusText(m), m.reason || "", codeText(m)]
      .join("\n")
      .toLowerCase();
    haystacks.set(m, h);
  }
  return h;
}

/** Builds the search text of up to `budget` rows that lack it; answers whether all have it now. */
export function warm(mails: readonly MailEntry[], budget: number): boolean {
  for (let i = mails.length - 1; i >= 0; i--) {
    if (haystacks.has(mails[i])) continue;
    if (budget-- <= 0) return false;
    haystack(mails[i]);
  }
  return true;
}

const FIELDS = ["to", "from", "device", "subject", "code"];

function outcomeOf(m: MailEntry): Outcome {
  const s = m.state;
  return s === "queued" || s === "sending" || s === "forwarding" ? "in-progress" : s;
}

type Test = (m: MailEntry) => boolean;

/** One word of the search: `to:bob`, `code:4`, `"lab 4"`, or a bare word. */
function term(token: string): Test {
  const p = /^([a-z]+):(.+)$/i.exec(token);
  const field = p && FIELDS.indexOf(p[1].toLowerCase()) >= 0 ? (p[1].toLowerCase() as "to" | "code") : "";
  const value = (field ? (p as RegExpExecArray)[2] : token).replace(/^"|"$/g, "").toLowerCase();
  if (field === "code")
    return /^\d+$/.test(value) ? (m) => m.code === Number(value) : (m) => codeText(m).indexOf(value) >= 0;
  if (field) return (m) => m[field as "to"].toLowerCase().indexOf(value) >= 0;
  return (m) => haystack(m).indexOf(value) >= 0;
}

/** The test a row must pass, compiled once per filter. */
export function matcher(f: LogFilter): Test {
  const tests: Test[] = [];
  if (f.device) tests.push((m) => m.device === f.device);
  if (f.outcome) tests.push((m) => outcomeOf(m) === f.outcome);
  if (f.code) tests.push((m) => m.code === Number(f.code));
  if (f.domain) tests.push((m) => domainOf(m.to) === f.domain);
  for (const token of f.query.match(/([a-z]+:)?("[^"]*"|\S+)/gi) || []) tests.push(term(token));
  return (m) => {
    for (const t of tests) if (!t(m)) return false;
    return true;
  };
}
