// The shape of a rule row, and the small helpers rows are written with.
import type { Evidence, PtBehaviour, SwitchName } from "./behaviour";
import { type Check, holds, type MailContext, unknownFact } from "./context";
import type { DsnKind } from "./dsn";
import type { Reach } from "./reach";
import type { Lookup } from "./resolve";
import type { MailServerFacts } from "./snapshot";

/** Where in the exchange a row's check sits; `cut` rows are asked only while a session is open. */
export type Stage = "sender" | "resolve" | "connect" | "session" | "local" | "relay" | "remote" | "cut";

/** How the deciding exchange ends: an answer (one protocol step) or silence (a timeout). */
export type Wait = "step" | "timeout";

export type RowResult =
  | { outcome: "failed"; code: number | null; wait: Wait }
  | { outcome: "bounced"; dsn: DsnKind; wait: Wait }
  | { outcome: "delivered"; wait: Wait };

export interface RuleRow {
  /** Its condition in words: RULE_WORDS[id] (rule-words.ts). */
  id: string;
  stage: Stage;
  /** The condition: does not hold (null), holds (with cause and fix), or needs a fact the snapshot lacks. */
  test(c: MailContext): Check;
  result(b: PtBehaviour): RowResult;
  /** The row applies only while this switch is on. */
  gate?: SwitchName;
  /** The switch the result depends on. */
  switch?: SwitchName;
  /** Where the evidence is, in the research notes: RULE_SOURCES[id] (rule-words.ts). */
  evidence: Evidence;
}

export const failed = (code: number | null, wait: Wait = "step"): RowResult => ({ outcome: "failed", code, wait });
export const bounced = (dsn: DsnKind, wait: Wait = "step"): RowResult => ({ outcome: "bounced", dsn, wait });
export const delivered = (): RowResult => ({ outcome: "delivered", wait: "step" });

/** A relay that cannot find or reach the recipient's server: accepted then bounced, or 13 (PT_BEHAVIOUR.relayFailure). */
export const relayFails =
  (wait: Wait) =>
  (b: PtBehaviour): RowResult =>
    b.relayFailure === "reject13" ? failed(13, wait) : bounced("domain-not-found", wait);

/** A failed reach as a holding condition, with `lead` naming who could not reach what. */
export function reached(r: Reach, lead: string): Check {
  if (r.kind === "unknown") return unknownFact(r.what);
  return r.kind === "fail" ? holds(lead + ": " + r.cause, r.fix) : null;
}

/**
 * A DNS lookup that did not end the way a row asks about: a missing fact is reported by the row whose
 * stage needs it (`missing`), any other end is another row's. Rows test the end they word first and
 * word it in a function of their own: a closure made on every ask, holding or not, is an allocation per
 * mail and per Lab check cell in Qt's engine (issue 23).
 */
export function lookupMissing(l: Lookup, missing: "setting" | "reach" | "service" | "records"): Check {
  return l.kind === "unknown" && l.at === missing ? unknownFact(l.what) : null;
}

/** A device's mail service: its facts, null when it has none, or the unknown. */
export function mailService(device: {
  name: string;
  mail: MailServerFacts | "none" | null;
}): MailServerFacts | null | { unknown: string } {
  if (device.mail === null) return { unknown: device.name + "'s mail service could not be read" };
  return device.mail === "none" ? null : device.mail;
}

export function isService(m: MailServerFacts | null | { unknown: string }): m is MailServerFacts {
  return m !== null && !("unknown" in m);
}

/** "10.2.0.10 (MAIL-BETA)", or a description when no such server is in the snapshot. */
export function serverText(found: { device: { name: string }; ip: string } | null, otherwise: string): string {
  return found ? found.ip + " (" + found.device.name + ")" : otherwise;
}

/** With no DNS server set, a device asks those on its subnet (resolve.ts): the words say so. */
export const onSubnet = (l: { lan?: boolean }): string => (l.lan ? ", set or on its subnet" : "");
export const asked = (l: { lan?: boolean }, who: string): string => (l.lan ? `, on ${who}'s subnet` : "");
