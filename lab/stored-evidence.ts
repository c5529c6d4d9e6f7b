// What PT itself did with mail in a saved lab, held against the delivery
// matrix: a mail in a server's mailbox or a client's inbox was delivered; a
// Delivery Status Notification names a pair that bounced. Every file run
// through the CLI checks the model this way, without PT.
//
// The stored forms are PT's, from saved labs [pkt 8.2.0–9.0.0]
// (research/pt-labs-and-fidelity.md A1, A2): a mailbox belongs to the user it
// follows (EMAIL_SERVER/USERn), an inbox to its client; a DSN comes from
// "Mail Delivery Subsystem", names the failed recipient on the line after
// "failed permanently:" and quotes the original as "From: <sender>". PT stores
// a DSN in the sender's mailbox, and a client that fetches it keeps it in its
// inbox (both seen: zobayerdev Mid_Lab_test.pkt, umer302203 Lb Email
// configuration.pkt).
import type { HostSpec, StoredMailSpec, TopologySpec } from "../sim/spec";
import { type DeliveryMatrix, DSN_FROM, DSN_SUBJECT, type MatrixCell, type Predicted } from "../src/model";
import { isHostSpec } from "./import/devices";

export type StoredKind = "delivered" | "bounced";

/** One pair and kind PT stored: the latest of its mails. */
export interface StoredOutcome {
  from: string;
  to: string;
  stored: StoredKind;
  /** Where PT stored the latest of its mails ("MAIL mailbox ann", "PC-Bob inbox"). */
  where: string;
  /** The mail server whose mailbox holds it, "" for a client's inbox. */
  server: string;
  /** The mail's date in ms, NaN when PT's text does not parse. */
  at: number;
  /** A DSN saying the recipient's account did not exist (variant 1, "550-5.1.1"). */
  noSuchAccount: boolean;
}

export interface StoredCheck {
  /** How many pairs and kinds PT stored; each is in agree, disagree, unknown or notComparable. */
  outcomes: number;
  agree: number;
  disagree: { from: string; to: string; stored: StoredKind; predicted: Predicted; cause: string; where: string }[];
  /** The matrix predicts "unknown": it makes no claim to hold against PT. */
  unknown: { from: string; to: string; stored: StoredKind; cause: string; where: string }[];
  /** Outcomes the lab as it stands cannot be compared with, and why. */
  notComparable: { from: string; to: string; stored: StoredKind; why: string; where: string }[];
}

const FAILED_RECIPIENT = /failed permanently:[ \t]*\n+[ \t]*([^\n]*)/;
// Within one line: with /m, ^ also starts after \r, so a class that let a line break in was quadratic (issue 27).
const ORIGINAL_FROM = /^From: <([^>\r\n\u2028\u2029]*)>/m;

function isDsn(m: StoredMailSpec): boolean {
  return m.from === DSN_FROM && m.subject.indexOf(DSN_SUBJECT) === 0;
}

/** PT's "Mon Oct 31 2022 01:24:56", or an ISO date; NaN when neither. */
function dateOf(m: StoredMailSpec): number {
  return Date.parse(m.dateTime);
}

/** The outcome a mail proves; `owner` is the account it was stored for (mailbox) or the client's address (inbox). */
function outcomeOf(m: StoredMailSpec, owner: string, where: string, server: string): StoredOutcome {
  const at = dateOf(m);
  if (isDsn(m)) {
    const failed = FAILED_RECIPIENT.exec(m.content);
    const original = ORIGINAL_FROM.exec(m.content);
    return {
      // Without the quoted original, the DSN's own mailbox is the sender's (A1).
      from: (original ? original[1] : owner).trim(),
      to: (failed ? failed[1] : m.rcpt).trim(),
      stored: "bounced",
      where,
      server,
      at,
      noSuchAccount: m.content.indexOf("5.1.1 The email account that you tried to reach does not exist") >= 0,
    };
  }
  return { from: m.from.trim(), to: owner, stored: "delivered", where, server, at, noSuchAccount: false };
}

/** An inbox's mail went to the client's account: the recipient it names that is the client's, else its address. */
function inboxOwner(m: StoredMailSpec, email: NonNullable<HostSpec["email"]>): string {
  const named = m.rcpt.split(/[\s,;]+/).filter((a) => a.indexOf("@") > 0);
  const mine = named.filter((a) => same(a, email.mailId) || same(a.split("@")[0], email.user));
  return (mine[0] || (named.length === 1 ? named[0] : email.mailId)).trim();
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Every pair and kind the lab's mailboxes and inboxes prove, the latest mail of each. */
export function storedOutcomes(spec: TopologySpec): StoredOutcome[] {
  const byKey = new Map<string, StoredOutcome>();
  const add = (o: StoredOutcome) => {
    const key = [o.from.toLowerCase(), o.to.toLowerCase(), o.stored].join("\n");
    const had = byKey.get(key);
    if (!had || o.at > had.at) byKey.set(key, o);
  };
  for (const h of spec.devices.filter(isHostSpec) as HostSpec[]) {
    const server = h.mailServer;
    const boxes = server?.mailboxes || {};
    for (const user of Object.keys(boxes))
      for (const m of boxes[user])
        add(outcomeOf(m, user + "@" + (server ? server.domain.trim() : ""), h.name + " mailbox " + user, h.name));
    const email = h.email;
    if (email) for (const m of email.inbox || []) add(outcomeOf(m, inboxOwner(m, email), h.name + " inbox", ""));
  }
  return Array.from(byKey.values());
}

interface ServerState {
  device: string;
  domain: string;
  smtp: boolean;
}

function servers(spec: TopologySpec): ServerState[] {
  return (spec.devices.filter(isHostSpec) as HostSpec[]).flatMap((h) => {
    const m = h.mailServer;
    return m ? [{ device: h.name, domain: m.domain.trim().toLowerCase(), smtp: m.smtp !== false }] : [];
  });
}

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "" : address.slice(at + 1).toLowerCase();
}

/**
 * Why an outcome cannot be held against the lab as it stands, or "". Each
 * reason is an edit made after PT stored the mail, or a pair the matrix does
 * not ask (only current clients × current accounts).
 */
function notComparable(o: StoredOutcome, all: StoredOutcome[], m: DeliveryMatrix, state: ServerState[]): string {
  if (!m.senders.some((s) => same(s.mailId, o.from)))
    return "no Email client of the lab sends as " + (o.from || "(no address)") + " now";
  if (!m.roster.some((a) => same(a, o.to)))
    return (o.to || "(no recipient)") + " is not an account of a mail server in the lab now";
  const other = all.find((x) => x !== o && same(x.from, o.from) && same(x.to, o.to));
  if (other) {
    if (!(o.at < other.at) && !(o.at > other.at))
      return "PT also stored this pair " + other.stored + ", and the dates do not say which came last";
    if (o.at < other.at) return "a later mail of this pair was " + other.stored + " (" + other.where + ")";
  }
  if (o.noSuchAccount) return "the DSN says " + o.to + " did not exist when PT bounced the mail; it is an account now";
  // The server that stored the mail, and for a delivery the one holding the account, had SMTP on then.
  const involved = state.filter(
    (s) => s.device === o.server || (o.stored === "delivered" && s.domain === domainOf(o.to)),
  );
  const off = involved.filter((s) => !s.smtp).map((s) => s.device);
  if (off.length) return "SMTP on " + off.join(" and ") + " is off now, so the lab changed after PT stored the mail";
  return "";
}

/**
 * Holds each stored outcome against the matrix's cells for its pair. Several
 * clients may send as one address: the outcome agrees when one of them is
 * predicted as PT stored it (that one may have sent it), is "unknown" when
 * none agrees and one is unknown, and disagrees otherwise.
 */
export function holdAgainst(outcomes: StoredOutcome[], m: DeliveryMatrix, spec: TopologySpec): StoredCheck {
  const state = servers(spec);
  const check: StoredCheck = { outcomes: outcomes.length, agree: 0, disagree: [], unknown: [], notComparable: [] };
  for (const o of outcomes) {
    const base = { from: o.from, to: o.to, stored: o.stored };
    const why = notComparable(o, outcomes, m, state);
    if (why) {
      check.notComparable.push({ ...base, why, where: o.where });
      continue;
    }
    const cells = m.cells.filter((c) => same(c.from, o.from) && same(c.to, o.to));
    const unknown = cells.filter((c) => c.predicted === "unknown");
    if (cells.some((c) => c.predicted === o.stored)) check.agree++;
    else if (unknown.length) check.unknown.push({ ...base, cause: unknown[0].cause, where: o.where });
    else {
      const c = cells[0] as MatrixCell;
      check.disagree.push({ ...base, predicted: c.predicted, cause: byDevice(c, cells), where: o.where });
    }
  }
  return check;
}

function byDevice(c: MatrixCell, cells: MatrixCell[]): string {
  return cells.length > 1 ? c.device + ": " + c.cause : c.cause;
}

/** `error`: why the matrix was not predicted (labMatrix); then nothing compares, and each outcome says so. */
export function checkStored(spec: TopologySpec, m: DeliveryMatrix, error: string | null = null): StoredCheck {
  const outcomes = storedOutcomes(spec);
  if (!error) return holdAgainst(outcomes, m, spec);
  const why = "the delivery matrix was not predicted (see the warnings)";
  const notComparable = outcomes.map((o) => ({ from: o.from, to: o.to, stored: o.stored, why, where: o.where }));
  return { outcomes: outcomes.length, agree: 0, disagree: [], unknown: [], notComparable };
}

const plural = (n: number, one: string, many: string) => n + " " + (n === 1 ? one : many);

/** "PT stored 12 outcomes in this file; the matrix agrees with 11; disagrees with 1: …", then one line each. */
export function describeStored(check: StoredCheck): string[] {
  if (!check.outcomes) return ["  stored outcomes: none (no delivered mail or DSN in mailboxes or inboxes)"];
  const out = [
    "  PT stored " +
      plural(check.outcomes, "outcome", "outcomes") +
      " in this file; the matrix agrees with " +
      check.agree +
      "; disagrees with " +
      check.disagree.length +
      (check.disagree.length ? ":" : ""),
  ];
  const pair = (o: { from: string; to: string; stored: StoredKind }) => o.from + " → " + o.to + " was " + o.stored;
  for (const d of check.disagree)
    out.push("    " + pair(d) + ", the matrix says " + d.predicted + " (" + d.cause + ") [" + d.where + "]");
  if (check.unknown.length) out.push("  predicted unknown, so not held against PT: " + check.unknown.length);
  for (const u of check.unknown) out.push("    " + pair(u) + " (" + u.cause + ") [" + u.where + "]");
  if (check.notComparable.length) out.push("  not comparable with the lab as it stands: " + check.notComparable.length);
  for (const n of check.notComparable) out.push("    " + pair(n) + ": " + n.why + " [" + n.where + "]");
  return out;
}
