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
  /** The id of the row that decided and its evidence (its source: RULE_SOURCES in rule-words.ts). */
  rule: string;
  evidence: Evidence;
  steps: FateStep[];
}

const ORDER: Stage[] = ["sender", "resolve", "connect", "session", "local", "relay", "remote"];

/**
 * The first row that reads the recipient. The rows before it (up to the login)
 * read only the sender's side: its device, its account and its outgoing server.
 */
const RECIPIENT_ROWS = RULES.findIndex((row) => ORDER.indexOf(row.stage) >= ORDER.indexOf("local"));

/** The mail of one sender, before a recipient is named. */
export type SenderFacts = Pick<MailFacts, "device" | "from" | "password" | "server">;

export function decideFate(snapshot: Snapshot, mail: MailFacts, behaviour: PtBehaviour, topo?: Topology): Fate {
  const c = new MailContext(snapshot, mail, behaviour, null, topo || null);
  return firstRow(c, 0, RECIPIENT_ROWS) || recipientFate(c);
}

/**
 * One sender's mails to each recipient, in order: the fates decideFate gives
 * them one by one. The rows up to the login are asked once for the sender (with
 * no recipient named; they read none): a fate they decide is every
 * recipient's, the same object, and what they worked out serves each
 * recipient's rows (MailContext.forRecipient).
 */
export function decideFates(
  snapshot: Snapshot,
  sender: SenderFacts,
  recipients: string[],
  behaviour: PtBehaviour,
  topo?: Topology,
): Fate[] {
  const mail = { device: sender.device, from: sender.from, to: "", password: sender.password, server: sender.server };
  const c = new MailContext(snapshot, mail, behaviour, null, topo || null);
  const early = firstRow(c, 0, RECIPIENT_ROWS);
  return recipients.map((to) => early || recipientFate(c.forRecipient(to)));
}

function recipientFate(c: MailContext): Fate {
  const fate = firstRow(c, RECIPIENT_ROWS, RULES.length);
  return fate || unknownFate(c, RULES[RULES.length - 1], "no rule row decided this mail");
}

/** The fate the first of the rows [from, to) that holds decides, or null when none does. */
function firstRow(c: MailContext, from: number, to: number): Fate | null {
  for (let i = from; i < to; i++) {
    const row = RULES[i];
    if (row.stage === "cut" || (row.gate && !c.behaviour[row.gate])) continue;
    const check = row.test(c);
    if (check === null) continue;
    if ("unknown" in check) return unknownFate(c, row, check.unknown);
    return decided(c, row, check.cause, check.fix);
  }
  return null;
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
      steps: [{ what: check.cause, wait: result.wait, code, opensSession: null }],
    };
  }
  return null;
}

/**
 * A fate whose steps are worded when first read. Only the simulator plays them (sim/delivery.ts); a mail's
 * verdict and the Lab check read its codes, and wording every step (a DNS answer, a login, a relay) for
 * each cell was a third of what a Lab check allocated (issue 23: every 4 MB or so costs a collection).
 * It keeps its context until then, so a fate is not kept beyond the question it answers.
 */
class Decided implements Fate {
  private worded: FateStep[] | null = null;

  constructor(
    readonly codes: number[],
    readonly outcome: Outcome,
    readonly cause: string,
    readonly fix: string,
    readonly rule: string,
    readonly evidence: Evidence,
    private readonly c: MailContext,
    private readonly stage: Stage,
    /** How the deciding stage's own step ends; null when it has none (the sender's stage, an unknown). */
    private readonly lastWait: Wait | null,
  ) {}

  get steps(): FateStep[] {
    if (this.worded) return this.worded;
    // Not named like the getter: a let or const named like its method is a SyntaxError in Qt 5.15 (README).
    const made = stepsBefore(this.c, this.stage);
    if (this.lastWait) {
      const o = this.outcome;
      made.push({ what: this.cause, wait: this.lastWait, code: o.kind === "failed" ? o.code : 2, opensSession: null });
    }
    this.worded = made;
    return made;
  }
}

function decided(c: MailContext, row: RuleRow, cause: string, fix: string): Fate {
  const result = row.result(c.behaviour);
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
  const ownStep = row.stage !== "sender";
  const codes = codesBefore(c, row.stage);
  if (ownStep && code !== null) codes.push(code);
  return new Decided(codes, outcome, cause, fix, row.id, row.evidence, c, row.stage, ownStep ? result.wait : null);
}

function unknownFate(c: MailContext, row: RuleRow, what: string): Fate {
  const stage = row.stage === "cut" ? "sender" : row.stage;
  const cause = "unknown: " + what;
  const fix = "check this in Packet Tracer: " + what;
  return new Decided(codesBefore(c, stage), { kind: "unknown" }, cause, fix, row.id, row.evidence, c, stage, null);
}

/**
 * The codes of stepsBefore's steps, in order, without wording them: the only steps with a code are the
 * hand-over (1) and the login that relays (3), and only when PT shows progress codes. A test holds the
 * two to each other over every fixture lab's matrix (test/unit/fate-steps.test.ts).
 */
function codesBefore(c: MailContext, stage: Stage): number[] {
  const codes: number[] = [];
  if (stage === "sender" || !c.behaviour.emitProgressEvents) return codes;
  codes.push(1);
  if (ORDER.indexOf(stage) > ORDER.indexOf("local")) codes.push(3);
  return codes;
}

/**
 * The exchanges that succeeded before the deciding stage, with today's pace: one
 * step each, none for an open connection. Those up to the login are the
 * sender's: their words are worked out once for all its recipients.
 */
function stepsBefore(c: MailContext, stage: Stage): FateStep[] {
  const at = ORDER.indexOf(stage);
  const reachedStage = (s: Stage) => at > ORDER.indexOf(s);
  const progress = c.behaviour.emitProgressEvents;
  const steps: FateStep[] = [];
  if (stage === "sender") return steps;
  steps.push({
    what: c.senderWords("handed", () => {
      const to = c.byAddress() ? " for " + c.serverText() : "";
      return c.mail.device + " hands the mail to its SMTP client" + to;
    }),
    wait: "step",
    code: progress ? 1 : null,
    opensSession: null,
  });
  if (!reachedStage("resolve")) return steps;
  const lookup = c.byAddress() ? null : c.clientLookup();
  if (lookup && lookup.kind === "ok")
    steps.push({
      what: c.senderWords("answered", () => lookup.dns.name + " answers " + c.serverText() + " → " + lookup.ip),
      wait: "step",
      code: null,
      opensSession: null,
    });
  if (!reachedStage("connect")) return steps;
  const server = c.outgoing().name;
  steps[steps.length - 1].opensSession = { server, ip: c.outgoingIp() };
  if (!reachedStage("session")) return steps;
  const relaying = reachedStage("local");
  const login = c.senderWords("login", () => server + " accepts " + c.fromUser() + "'s login");
  steps.push({
    what: relaying ? login + " and relays to " + (c.toDomain() || c.mail.to) : login,
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
