// A mail as the engine keeps it once it has ended, and as it travels to the
// panel: one array of primitives in a fixed order, defaults left out. Issue 16:
// a typical mail was about 660 bytes of keyed JSON for 117 bytes of mail text,
// and 100,000 entries as objects (entry, events, verdict, their arrays and
// strings: about 22 heap items each, test/qjs/heap.test.ts) made every garbage
// collection in Qt's engine mark millions of items, 130-170 ms a pause. As one
// string an ended entry is one heap item.
//
// The sending device (key, name, from, server) goes once per answer in
// `accounts`, each mail naming its index. Times are offsets: queuedAt from the
// answer's `at`, events from queuedAt, updatedAt from the last event. The
// engine's log numbers accounts and times for its whole life (AccountTable,
// DeliveryLog.base), so a frozen row is already its wire text and an answer is
// built by joining texts (issue 16: a pull then costs about what stringifying
// its one change costs). Everything here is data and pure functions, so the
// panel may import it through the protocol.
import type {
  ChangedPush,
  Changes,
  MailEntry,
  MailEvent,
  MailOrigin,
  MailState,
  Refusal,
  Reply,
  RequestType,
  Results,
  Verdict,
} from "./protocol";

const ORIGINS: MailOrigin[] = ["console", "pt-client", "unreadable"];
const STATES: MailState[] = ["queued", "sending", "forwarding", "delivered", "bounced", "failed", "cancelled"];
const OUTCOMES: Verdict["outcome"][] = ["delivered", "bounced", "failed", "unknown"];
const EVIDENCE: Verdict["evidence"][] = ["live", "pkt", "inf"];
const DSNS: NonNullable<Verdict["dsn"]>[] = ["unknown-recipient", "domain-not-found"];

/** The sending device and account of a mail: [deviceKey, device, from, server]. */
export type WireAccount = [string, string, string, string];

/** The rarely set fields of a mail and of its events (by event index). */
export interface WireExtras {
  reason?: string;
  template?: string;
  omittedEvents?: number;
  bodyLength?: number;
  waitingForSimulation?: true;
  events?: { [index: number]: Pick<MailEvent, "note" | "raw" | "late" | "times"> };
}

/** How the mail model words where a delivered mail is kept (src/model/conditions-delivery.ts); sent as 0. */
export function storedIn(server: string, mailbox: string): string {
  return server + " stores the mail in " + mailbox + "'s mailbox";
}

/**
 * [outcome, expected (0: the codes the mail's events have, as when PT did what the model expected), cause (0: storedIn), fix, rule, evidence, server, mailbox, dsn (its index + 1), disagrees]:
 * indexes into the lists above; the last four are 0 when the verdict has none, and left off at the end.
 */
export type WireVerdict = [
  number,
  number[] | 0,
  string | 0,
  string,
  string,
  number,
  (string | 0)?,
  (string | 0)?,
  number?,
  ([number | null, number | null] | 0)?,
];

/**
 * [id, rev, origin, group (0: its own id), file, account (an index into the answer's accounts), to, subject, body, state, code, queuedAt,
 * updatedAt - the last event's at (or queuedAt; usually 0), events (at - queuedAt, code, ...), verdict (0: none), extras (0: none)].
 */
export type WireMail = [
  number,
  number,
  number,
  number,
  number,
  number,
  string,
  string,
  string,
  number,
  number | null,
  number,
  number,
  (number | null)[],
  (WireVerdict | 0)?,
  (WireExtras | 0)?,
];

/** Changes as they travel: mails encoded, their accounts once (by index: a list, or the log's indexes), times from `at`. */
export interface WireChanges extends Omit<Changes, "mails"> {
  mails: WireMail[];
  accounts: { [index: number]: WireAccount };
  at: number;
}

/** Accounts by index, each once: a log's for its whole life, or one answer's. */
export interface AccountTable {
  readonly list: WireAccount[];
  indexOf(a: WireAccount): number;
}

/**
 * A function rather than a class: a bundle of this file alone lists its exports first,
 * and Qt 6 warns of a class named there before its declaration; a function is hoisted.
 */
export function accountTable(): AccountTable {
  const list: WireAccount[] = [];
  const index: { [joined: string]: number } = {};
  return {
    list,
    indexOf: (a) => {
      const key = a.join("\n");
      if (!Object.prototype.hasOwnProperty.call(index, key)) index[key] = list.push(a) - 1;
      return index[key];
    },
  };
}

export type WirePush = Omit<ChangedPush, "mails"> & WireChanges;

/** One mail as one array; `account` numbers its device and account, times go from `at`. */
export function encodeMail(m: MailEntry, at: number, account: (a: WireAccount) => number): WireMail {
  const events: (number | null)[] = [];
  let eventExtras: WireExtras["events"] | undefined;
  for (let i = 0; i < m.events.length; i++) {
    const e = m.events[i];
    events.push(e.at - m.queuedAt, e.code);
    if (e.note !== undefined || e.raw !== undefined || e.late !== undefined || e.times !== undefined) {
      if (!eventExtras) eventExtras = {};
      eventExtras[i] = extrasOfEvent(e);
    }
  }
  let x: WireExtras | 0 = 0;
  if (m.reason !== undefined || m.omittedEvents !== undefined || m.bodyLength !== undefined) x = {};
  if (m.waitingForSimulation || eventExtras || m.template !== undefined) x = {};
  if (x) {
    if (m.reason !== undefined) x.reason = m.reason;
    if (m.template !== undefined) x.template = m.template;
    if (m.omittedEvents !== undefined) x.omittedEvents = m.omittedEvents;
    if (m.bodyLength !== undefined) x.bodyLength = m.bodyLength;
    if (m.waitingForSimulation) x.waitingForSimulation = true;
    if (eventExtras) x.events = eventExtras;
  }
  const w: WireMail = [
    m.id,
    m.rev,
    ORIGINS.indexOf(m.origin),
    m.group === m.id ? 0 : m.group,
    m.file,
    account([m.deviceKey, m.device, m.from, m.server]),
    m.to,
    m.subject,
    m.body,
    STATES.indexOf(m.state),
    m.code,
    m.queuedAt - at,
    m.updatedAt - (m.events.length ? m.events[m.events.length - 1].at : m.queuedAt),
    events,
    m.verdict ? encodeVerdict(m.verdict, m.events) : 0,
    x,
  ];
  return trimmed(w, 14);
}

/** Leaves off the trailing 0s (the "none" of every optional slot) after the first `keep` slots. */
function trimmed<T extends unknown[]>(w: T, keep: number): T {
  while (w.length > keep && w[w.length - 1] === 0) w.pop();
  return w;
}

function extrasOfEvent(e: MailEvent): Pick<MailEvent, "note" | "raw" | "late" | "times"> {
  const out: Pick<MailEvent, "note" | "raw" | "late" | "times"> = {};
  if (e.note !== undefined) out.note = e.note;
  if (e.raw !== undefined) out.raw = e.raw;
  if (e.late !== undefined) out.late = e.late;
  if (e.times !== undefined) out.times = e.times;
  return out;
}

/** The codes a mail's events carry, in order: what a verdict usually expected. */
function codesOf(events: MailEvent[]): number[] {
  const codes: number[] = [];
  for (const e of events) if (e.code !== null) codes.push(e.code);
  return codes;
}

function encodeVerdict(v: Verdict, events: MailEvent[]): WireVerdict {
  const w: WireVerdict = [
    OUTCOMES.indexOf(v.outcome),
    v.expected.join() === codesOf(events).join() ? 0 : v.expected,
    v.server !== undefined && v.mailbox !== undefined && v.cause === storedIn(v.server, v.mailbox) ? 0 : v.cause,
    v.fix,
    v.rule,
    EVIDENCE.indexOf(v.evidence),
    v.server === undefined ? 0 : v.server,
    v.mailbox === undefined ? 0 : v.mailbox,
    v.dsn === undefined ? 0 : DSNS.indexOf(v.dsn) + 1,
    v.disagrees ? [v.disagrees.pt, v.disagrees.model] : 0,
  ];
  return trimmed(w, 6);
}

/** The mail an encoded array stands for, with the accounts and `at` of its answer. */
export function decodeMail(w: WireMail, at: number, accounts: { [index: number]: WireAccount }): MailEntry {
  const a = accounts[w[5]];
  if (!a) throw new Error("wire: mail " + w[0] + " names no account");
  const queuedAt = at + w[11];
  const events: MailEvent[] = [];
  const x = w[15] || {};
  const ex = x.events || {};
  for (let i = 0; i * 2 < w[13].length; i++) {
    const e: MailEvent = { at: queuedAt + (w[13][2 * i] as number), code: w[13][2 * i + 1] };
    const more = ex[i];
    if (more) {
      if (more.note !== undefined) e.note = more.note;
      if (more.raw !== undefined) e.raw = more.raw;
      if (more.late !== undefined) e.late = more.late;
      if (more.times !== undefined) e.times = more.times;
    }
    events.push(e);
  }
  const m: MailEntry = {
    id: w[0],
    rev: w[1],
    origin: ORIGINS[w[2]],
    group: w[3] === 0 ? w[0] : w[3],
    file: w[4],
    deviceKey: a[0],
    device: a[1],
    from: a[2],
    to: w[6],
    subject: w[7],
    body: w[8],
    server: a[3],
    state: STATES[w[9]],
    code: w[10],
    queuedAt,
    updatedAt: (events.length ? events[events.length - 1].at : queuedAt) + w[12],
    events,
  };
  if (x.reason !== undefined) m.reason = x.reason;
  if (x.template !== undefined) m.template = x.template;
  if (x.omittedEvents !== undefined) m.omittedEvents = x.omittedEvents;
  if (x.bodyLength !== undefined) m.bodyLength = x.bodyLength;
  if (x.waitingForSimulation) m.waitingForSimulation = true;
  if (w[14]) m.verdict = decodeVerdict(w[14], events);
  return m;
}

function decodeVerdict(w: WireVerdict, events: MailEvent[]): Verdict {
  const v: Verdict = {
    outcome: OUTCOMES[w[0]],
    expected: w[1] === 0 ? codesOf(events) : w[1],
    cause: w[2] === 0 ? storedIn(w[6] || "", w[7] || "") : w[2],
    fix: w[3],
    rule: w[4],
    evidence: EVIDENCE[w[5]],
  };
  if (w[6]) v.server = w[6];
  if (w[7]) v.mailbox = w[7];
  if (w[8]) v.dsn = DSNS[w[8] - 1];
  if (w[9]) v.disagrees = { pt: w[9][0], model: w[9][1] };
  return v;
}

/** Changes for the wire in one go (stand-in engines in tests do this; the engine joins its log's texts). */
export function encodeChanges<C extends Changes>(c: C): Omit<C, "mails"> & WireChanges {
  const at = c.mails.length ? c.mails[0].queuedAt : 0;
  const table = accountTable();
  const mails = c.mails.map((m) => encodeMail(m, at, (a) => table.indexOf(a)));
  return Object.assign({}, c, { mails, accounts: table.list, at });
}

/** The Changes a wire answer stands for. */
export function decodeChanges<W extends WireChanges>(w: W): Omit<W, "mails" | "accounts" | "at"> & Changes {
  const out = Object.assign({}, w, { mails: w.mails.map((m) => decodeMail(m, w.at, w.accounts)) });
  delete (out as Partial<WireChanges>).accounts;
  delete (out as Partial<WireChanges>).at;
  return out;
}

/**
 * The JSON text of a value whose `key` list was [], with the elements' texts put in. The first
 * "key":[] is the one: JSON escapes every quote inside a string, so no text from the network can
 * hold it, and callers put the list before any object that has a list of that name.
 */
export function withList(json: string, key: string, texts: string[]): string {
  const name = JSON.stringify(key) + ":[";
  const at = json.indexOf(name + "]");
  if (at < 0) throw new Error("wire: no " + key + " to fill in");
  return json.slice(0, at) + name + texts.join(",") + json.slice(at + name.length);
}

/** The JSON text of Changes whose `mails` was [] (a push's type and base, epoch, seq come first), with the rows' texts put in. */
export function withRows(json: string, texts: string[]): string {
  return withList(json, "mails", texts);
}

/** The requests whose answer is Changes, and so travels encoded. */
export function carriesChanges(type: unknown): type is "openPanel" | "changesSince" {
  return type === "openPanel" || type === "changesSince";
}

/** Each result as it travels: Changes as WireChanges, every other result as it is. */
export type WireResults = { [T in RequestType]: T extends "openPanel" | "changesSince" ? WireChanges : Results[T] };

/** A reply as mailConsoleRequest sends it. */
export type WireReply = { ok: true; value: WireResults[RequestType] } | Refusal;

/** The reply a wire answer stands for. */
export function replyFromWire(type: RequestType, wire: WireReply): Reply<RequestType> {
  if (!wire.ok) return wire;
  const value = wire.value;
  return carriesChangesOf(type, value) ? { ok: true, value: decodeChanges(value) } : { ok: true, value };
}

/** The answer to a request whose result is Changes is WireChanges (WireResults says so). */
function carriesChangesOf(type: RequestType, _value: WireResults[RequestType]): _value is WireChanges {
  return carriesChanges(type);
}
