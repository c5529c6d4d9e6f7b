// A mail's fate: the rule rows asked in order over one snapshot; the first
// that holds decides. The fate says which codes mailSent shows, where the mail
// ends (a mailbox, a bounce, a failure, or unknown), why, what to fix, and
// the steps of the exchange, which the simulator plays out in time.
import type { Evidence, PtBehaviour } from "./behaviour";
import { MailContext, type OpenSession } from "./context";
import type { DsnKind } from "./dsn";
import type { RuleRow, Stage, Wait } from "./row";
import { RULES } from "./rules";
import type { MailFacts, Snapshot } from "./snapshot";
import type { Topology } from "./topology";

export type Outcome =
  | { kind: "delivered"; server: string; mailbox: string }
  /** Accepted with 2, then a DSN written into the sender's mailbox on the sender's server (pt-labs-and-fidelity.md A1). */
  | { kind: "bounced"; server: string; mailbox: string; dsn: DsnKind }
  /** code null: sendMail answers false and no mailSent follows. */
  | { kind: "failed"; code: number | null }
  | { kind: "unknown" };

export interface FateStep {
  /** What happens, for a timeline. */
  what: string;
  /** How the step ends: one protocol exchange, or silence until the timeout. */
  wait: Wait;
  /** The code mailSent shows when the step ends, if any. */
  code: number | null;
  /** The SMTP session with this server stands from the end of this step (a cut then gives 7). */
  opensSession: OpenSession | null;
}

export interface Fate {
  codes: number[];
  outcome: Outcome;
  cause: string;
  fix: string;
  /** The id of the row that decided, its evidence and source. */
  rule: string;
  evidence: Evidence;
  source: string;
  steps: FateStep[];
}

const ORDER: Stage[] = ["sender", "resolve", "connect", "session", "local", "relay", "remote"];

export function decideFate(snapshot: Snapshot, mail: MailFacts, behaviour: PtBehaviour, topo?: Topology): Fate {
  const c = new MailContext(snapshot, mail, behaviour, null, topo || null);
  for (const row of RULES) {
    if (row.stage === "cut" || (row.gate && !behaviour[row.gate])) continue;
    const check = row.test(c);
    if (check === null) continue;
    if ("unknown" in check) return unknownFate(c, row, check.unknown);
    return decided(c, row, check.cause, check.fix);
  }
  return unknownFate(c, RULES[RULES.length - 1], "no rule row decided this mail");
}

/** Mid-session: whether the session still stands, or the cut row's fate (7). */
export function sessionFate(
  snapshot: Snapshot,
  mail: MailFacts,
  behaviour: PtBehaviour,
  session: OpenSession,
): Fate | null {
  const c = new MailContext(snapshot, mail, behaviour, session);
  for (const row of RULES) {
    if (row.stage !== "cut") continue;
    const check = row.test(c);
    if (check === null) continue;
    if ("unknown" in check) return unknownFate(c, row, check.unknown);
    const result = row.result(behaviour);
    const code = result.outcome === "failed" ? result.code : 2;
    return {
      codes: code === null ? [] : [code],
      outcome: { kind: "failed", code },
      cause: check.cause,
      fix: check.fix,
      rule: row.id,
      evidence: row.evidence,
      source: row.source,
      steps: [{ what: check.cause, wait: result.wait, code, opensSession: null }],
    };
  }
  return null;
}

function decided(c: MailContext, row: RuleRow, cause: string, fix: string): Fate {
  const result = row.result(c.behaviour);
  const steps = stepsBefore(c, row.stage);
  const code = result.outcome === "failed" ? result.code : 2;
  let outcome: Outcome;
  if (result.outcome === "failed") outcome = { kind: "failed", code: result.code };
  else if (result.outcome === "bounced")
    outcome = { kind: "bounced", server: c.outgoing().name, mailbox: c.fromUser(), dsn: result.dsn };
  else
    outcome = {
      kind: "delivered",
      server: row.stage === "remote" ? c.remote().name : c.outgoing().name,
      mailbox: c.toUser(),
    };
  if (row.stage !== "sender") steps.push({ what: cause, wait: result.wait, code, opensSession: null });
  return {
    codes: codesOf(steps),
    outcome,
    cause,
    fix,
    rule: row.id,
    evidence: row.evidence,
    source: row.source,
    steps,
  };
}

function unknownFate(c: MailContext, row: RuleRow, what: string): Fate {
  const steps = stepsBefore(c, row.stage === "cut" ? "sender" : row.stage);
  return {
    codes: codesOf(steps),
    outcome: { kind: "unknown" },
    cause: "unknown: " + what,
    fix: "check this in Packet Tracer: " + what,
    rule: row.id,
    evidence: row.evidence,
    source: row.source,
    steps,
  };
}

function codesOf(steps: FateStep[]): number[] {
  const codes: number[] = [];
  for (const s of steps) if (s.code !== null) codes.push(s.code);
  return codes;
}

/** The exchanges that succeeded before the deciding stage, with today's pace: one step each, none for an open connection. */
function stepsBefore(c: MailContext, stage: Stage): FateStep[] {
  const reachedStage = (s: Stage) => ORDER.indexOf(stage) > ORDER.indexOf(s);
  const progress = c.behaviour.emitProgressEvents;
  const steps: FateStep[] = [];
  if (stage === "sender") return steps;
  const sender = c.mail.device;
  steps.push({
    what: sender + " hands the mail to its SMTP client" + (c.byAddress() ? " for " + c.serverText() : ""),
    wait: "step",
    code: progress ? 1 : null,
    opensSession: null,
  });
  if (!reachedStage("resolve")) return steps;
  const lookup = c.byAddress() ? null : c.clientLookup();
  if (lookup && lookup.kind === "ok")
    steps.push({
      what: lookup.dns.name + " answers " + c.serverText() + " → " + lookup.ip,
      wait: "step",
      code: null,
      opensSession: null,
    });
  if (!reachedStage("connect")) return steps;
  const server = c.outgoing().name;
  steps[steps.length - 1].opensSession = { server, ip: c.outgoingIp() };
  if (!reachedStage("session")) return steps;
  const relaying = reachedStage("local");
  steps.push({
    what:
      server +
      " accepts " +
      c.fromUser() +
      "'s login" +
      (relaying ? " and relays to " + (c.toDomain() || c.mail.to) : ""),
    wait: "step",
    code: relaying && progress ? 3 : null,
    opensSession: null,
  });
  if (!reachedStage("relay")) return steps;
  const relay = c.relayLookup();
  if (relay.kind === "ok")
    steps.push({
      what: relay.dns.name + " answers " + c.toDomain() + " → " + relay.ip,
      wait: "step",
      code: null,
      opensSession: null,
    });
  return steps;
}
