// What the engine tells a student about one mail, from the mail model and a
// snapshot of the lab read at the moment the mail ended: where the mail went
// ("in karol's mailbox on MAIL-ALPHA"), that PT's 2 will come back as a
// bounce, or why it failed, naming devices and records; and, when PT's code
// is not the model's, that they disagree (that is how the model is corrected).
import { decideFate, type Fate, type MailFacts, type PtBehaviour, type Snapshot, type Topology } from "./model";
import { Memo } from "./model/topology";
import { nearMiss } from "./near-miss";
import type { MailEntry, MailState, Verdict } from "./protocol";

export interface Judged {
  verdict: Verdict;
  /** The state the log shows: PT's, except that an accepted mail the model bounces is "bounced". */
  state: MailState;
}

/** Judges a mail PT ended with `code` (null: ended by the console). Never throws: null when it cannot. */
export function judge(
  snapshot: Snapshot | null,
  entry: MailEntry,
  code: number | null,
  password: string,
  behaviour: PtBehaviour,
  state: MailState,
  topo?: Topology,
): Judged | null {
  if (!snapshot || code === null) return null;
  let fate: Fate;
  const mail = { device: entry.device, from: entry.from, to: entry.to, password, server: entry.server };
  try {
    fate = decideFate(snapshot, mail, behaviour, topo);
  } catch (_e) {
    return null; // a snapshot the model cannot read is as good as none: the generic text stays
  }
  const expected = terminalOf(fate);
  const verdict = explain(snapshot, mail, fate, topo);
  const o = fate.outcome;
  if (o.kind !== "unknown" && expected !== code) verdict.disagrees = { pt: code, model: expected };
  const bounced = code === 2 && o.kind === "bounced";
  return { verdict, state: bounced ? "bounced" : state };
}

/** A mail's verdict in the lab's words: a typo the lab shows is named as the likely fix (near-miss.ts). */
export function explain(snapshot: Snapshot, mail: MailFacts, fate: Fate, topo?: Topology): Verdict {
  const verdict = verdictOf(fate);
  // The snapshot's index keeps the names a typo is searched among, for the next mail judged against it.
  const near = nearMiss(snapshot, mail, fate, topo ? topo.memo : new Memo());
  if (near) {
    verdict.cause = near.cause;
    verdict.fix = near.fix;
  }
  return verdict;
}

/** What a row or "Check" says of a fate: the outcome, where the mail lands, why, and the rule behind it. */
export function verdictOf(fate: Fate): Verdict {
  const verdict: Verdict = {
    outcome: fate.outcome.kind,
    expected: fate.codes,
    cause: fate.cause,
    fix: fate.fix,
    rule: fate.rule,
    evidence: fate.evidence,
  };
  const o = fate.outcome;
  if (o.kind === "delivered" || o.kind === "bounced") {
    verdict.server = o.server;
    verdict.mailbox = o.mailbox;
  }
  if (o.kind === "bounced") verdict.dsn = o.dsn;
  return verdict;
}

/** The code the model expects mailSent to end with (null: sendMail refused, no code). */
function terminalOf(fate: Fate): number | null {
  const o = fate.outcome;
  if (o.kind === "failed") return o.code;
  if (o.kind === "delivered" || o.kind === "bounced") return 2;
  return null;
}
