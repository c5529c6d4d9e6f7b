// The one protocol between the engine (src/) and the panel (ui/). Requests are
// imperatives the panel sends through $se(ENGINE_ENTRY, request); each has one
// result type, so the panel's call<T> and the engine's dispatcher are checked
// against the same map. Pushes are past-tense facts the engine evaluates in
// the panel. Types and data only: the panel imports nothing else from src/ but
// src/wire.ts, how answers carrying mails travel (it builds on these types, so
// this file does not re-export it: README, "How it is built").
export type { OutcomeKind, ResponseCode } from "./codes";
export { decodeResponse, RESPONSE_CODES } from "./codes";

/** The engine's top-level function the panel calls through $se. */
export const ENGINE_ENTRY = "mailConsoleRequest";
/** The panel's window function a push calls. */
export const PANEL_RECEIVER = "mailConsolePush";
/** Rows per answer when the panel catches up on a long log (openPanel/changesSince limit): each answer stays well under 50 ms in Qt 5.15. */
export const CATCH_UP_CHUNK = 100;

/**
 * bounced: PT answered 2 (accepted), but the mail will not reach the recipient:
 * the sender's server bounces it with a Delivery Status Notification.
 */
export type MailState = "queued" | "sending" | "forwarding" | "delivered" | "bounced" | "failed" | "cancelled";

/**
 * console: sent from this panel. pt-client: seen on mailSent with no matching
 * send (PT's own Email app). unreadable: a mailSent this console could not read
 * (no recipient or no code), kept as it came and matched to no mail.
 */
export type MailOrigin = "console" | "pt-client" | "unreadable";

/** The sending account, as PT's sendMail takes it. */
export interface MailAccount {
  from: string;
  password: string;
  server: string;
}

/** One recipient's mail; the panel has already filled in {user} and {address}. */
export interface MailMessage {
  to: string;
  subject: string;
  body: string;
}

/** One mail, whole: the six arguments of SmtpClient.sendMail. */
export interface MailDraft extends MailAccount, MailMessage {}

export interface MailEvent {
  /** Wall-clock ms. */
  at: number;
  /** The SmtpResponseType, or null for what the console itself observed (refusal, cancel, watchdog). */
  code: number | null;
  note?: string;
  /** The raw args when their shape was not the expected one. */
  raw?: string;
  /** True when the event arrived after the mail had ended (cancelled, given up, or a repeated code). */
  late?: boolean;
  /** The same progress code came this many times in a row (counted, not repeated). */
  times?: number;
}

/** A mail in the log: the draft less its password, and what happened to it. */
export interface MailEntry extends MailMessage, Pick<MailAccount, "from" | "server"> {
  id: number;
  /** The log sequence number of this entry's last change. */
  rev: number;
  origin: MailOrigin;
  /** The id of the first mail of the same compose: a class send is one group. */
  group: number;
  /** On a group's first mail, when {user} or {address} were filled in: the subject as typed, which the group's line shows. */
  template?: string;
  /** Which file was open in PT when the mail was queued (Changes.file counts File > Open and New). */
  file: number;
  deviceKey: string;
  device: string;
  state: MailState;
  /** The terminal code for delivered/failed, when PT gave one. */
  code: number | null;
  /** Why it failed or was cancelled, when the console knows more than a code. */
  reason?: string;
  queuedAt: number;
  updatedAt: number;
  events: MailEvent[];
  /** Events left out of a long timeline, after the first one. */
  omittedEvents?: number;
  /** The body's length when the log keeps only its first BODY_KEPT (4,096) characters. */
  bodyLength?: number;
  /** What the mail model made of the lab when the mail ended: the lab-specific why (src/verdict.ts). */
  verdict?: Verdict;
  /** PT is in Simulation mode: the mail moves only when the user plays or steps. */
  waitingForSimulation?: boolean;
}

/**
 * The mail model's reading of one mail (src/model/): what it expected PT to
 * answer, where the mail goes, why, what to fix, and the rule row behind it.
 */
export interface Verdict {
  /** The model's outcome: delivered to a mailbox, bounced by a DSN, failed, or unknown (a fact it could not read). */
  outcome: "delivered" | "bounced" | "failed" | "unknown";
  /** The mailSent codes the model expected, in order. */
  expected: number[];
  /** For delivered and bounced: the server and the mailbox the mail (or its bounce) lands in. */
  server?: string;
  mailbox?: string;
  /** For bounced: which Delivery Status Notification the sender finds. */
  dsn?: "unknown-recipient" | "domain-not-found";
  cause: string;
  fix: string;
  /** The rule row that decided, and its evidence: live (seen in PT), pkt (seen in saved labs), inf (inferred). */
  rule: string;
  evidence: "live" | "pkt" | "inf";
  /** PT's terminal code differs from the model's: the lab or the model is wrong, and the report says which facts it used. */
  disagrees?: { pt: number | null; model: number | null };
}

/** One sender × account pair of the Lab check: what the model predicts, and why. */
export interface LabCheckCell {
  device: string;
  from: string;
  to: string;
  predicted: "delivered" | "bounced" | "failed" | "unknown";
  codes: number[];
  /** The code mailSent should end with (null: none, or unknown). */
  code: number | null;
  cause: string;
  fix: string;
  rule: string;
  evidence: "live" | "pkt" | "inf";
}

/** The Lab check: every device with an account against every account on every mail server, and the fixes, each once. */
export interface LabCheck {
  senders: { device: string; from: string }[];
  roster: string[];
  /** Sender by sender, each against the roster in order. */
  cells: LabCheckCell[];
  /** Most pairs first: one fix repairs `pairs` cells. */
  causes: { key: string; cause: string; fix: string; pairs: number; rule: string }[];
  /** false: the lab could not be read, and the cells are empty. */
  readable: boolean;
  /** The open file's name (NetworkFile.getSavedFilename(), without its folder); "" when unsaved or unreadable. */
  file?: string;
  /** A large lab is still being read or worked out (cells empty): ask again shortly. */
  pending?: Pending;
  /** Which of the check's cells these are: a large one comes in pages (issue 23). */
  page?: LabPage;
}

/**
 * cells[from…] of the `total` of the check `id`. The rest: labCheck { id, from: from + cells.length }, until
 * `total`. senders, roster and causes come with from 0 only. An answer of another id or from 0 (the lab
 * was read afresh meanwhile), or pending, is a new check: start over, never join two.
 */
export interface LabPage {
  id: number;
  from: number;
  total: number;
}

/** How far a reading of a large lab is, in steps: a "pending" answer is asked for again shortly. */
export interface Pending {
  done: number;
  total: number;
}

export interface DeviceInfo {
  key: string;
  name: string;
  model: string;
  powered: boolean;
  displayName: string;
  mailId: string;
  user: string;
  password: string;
  smtpServer: string;
}

/** What the compose form remembers per device, from its last send. */
export type ComposePreset = Partial<Pick<MailAccount, "from" | "server">>;

/** The message being written, kept by the engine so it survives closing the panel. */
export interface Draft extends MailMessage {
  device: string;
}

export interface Settings {
  /** How many mails the log keeps. */
  cap: number;
  /** Realtime only: how long a mail may wait for a terminal code. */
  watchdogMs: number;
}

export interface EngineStatus {
  simulationMode: boolean;
  version: string;
  /** What could not start in PT, each naming the privilege to grant (absent or empty when all is well). */
  unavailable?: string[];
  /**
   * The revision at which PT last said the lab changed (a topology, device or port event, File > Open or New).
   * A Check or Lab check computed before it is stale. Changes PT announces no event for (DHCP, services,
   * accounts, records) show only when the lab is read again: the panel asks again while a result is on screen.
   */
  lab?: number;
}

/** Everything that changed after a sequence number. Applying one twice is harmless. */
export interface Changes {
  epoch: number;
  seq: number;
  /** Entries whose rev is above the asked-for seq (or all of them for a full answer). */
  mails: MailEntry[];
  full: boolean;
  /** A chunk of a longer answer: ask again with `after` = the last mail's id and the same seq. */
  more?: boolean;
  /** Entries the cap dropped after the asked-for seq: remove these rows. */
  droppedIds: number[];
  /** How many entries the cap has dropped since the log was last cleared. */
  dropped: number;
  /** How many mails the log has recorded since it was last cleared, dropped ones included. */
  sent: number;
  /** Counts File > Open and File > New since the engine started; MailEntry.file is one of these. */
  file: number;
  devices?: DeviceInfo[];
  presets?: { [deviceName: string]: ComposePreset };
  settings?: Settings;
  /** The draft, when it changed (null: none). */
  draft?: Draft | null;
  status: EngineStatus;
}

/** Each request's fields, by its type. */
export interface Requests {
  /** The panel has loaded: answer everything after `since`, and start pushing. `limit` chunks a long answer. */
  openPanel: { since?: number; epoch?: number; limit?: number };
  /** `after`: continue a chunked answer after this mail id (Changes.more). */
  changesSince: { seq: number; epoch: number; limit?: number; after?: number };
  /** One mail per message, queued on the device; the account becomes the device's preset. */
  /** template: the subject as typed, before the panel filled in {user} and {address}. */
  sendMail: MailAccount & { device: string; mails: MailMessage[]; template?: string };
  /** Cancels the device's mail in flight (SmtpClient.cancelSend) and its queued mails. */
  cancelSend: { device: string };
  /** Reads one device's Email settings now, rather than at the next rescan. */
  readDevice: { device: string };
  /** Keeps the message being written (null forgets it). */
  saveDraft: { draft: Draft | null };
  /** "Check": what the mail model predicts for each recipient, from the lab as it is now. Sends nothing. */
  predict: MailAccount & { device: string; to: string[] };
  /** The text a teacher pastes into an issue: PT's version, mailSent's shapes, predictions PT contradicted. */
  fidelityReport: object;
  /** The Lab check: who can mail whom, from the lab as it is now. Sends nothing. With id and from: its next page (LabPage). */
  labCheck: { id?: number; from?: number };
  clearLog: object;
  /** Writes text into the PT user folder. */
  saveLog: { format: "csv" | "json"; text: string };
  saveSettings: { settings: Partial<Settings> };
}

/** Each request's answer, by its type. */
export interface Results {
  openPanel: Changes;
  changesSince: Changes;
  /** warning: sent, but something beside the send did not happen (the account not remembered). */
  sendMail: { ids: number[]; warning?: string };
  cancelSend: { cancelled: number };
  readDevice: DeviceInfo;
  saveDraft: object;
  /** Per recipient; verdict null where the lab could not be read. */
  predict: { to: string; verdict: Verdict | null; pending?: Pending }[];
  fidelityReport: { text: string };
  labCheck: LabCheck;
  clearLog: { epoch: number };
  saveLog: { path: string };
  saveSettings: Settings;
}

export type RequestType = keyof Requests;
export type RequestOf<T extends RequestType> = { type: T } & Requests[T];
export type Request = { [T in RequestType]: RequestOf<T> }[RequestType];

/** The request field a refusal is about, so the panel can show it next to that field. */
export type ErrorField = "device" | "from" | "password" | "server" | "to" | "format" | "text" | "settings";
export type Refusal = { ok: false; error: string; field?: ErrorField };
export type Reply<T extends RequestType> = { ok: true; value: Results[T] } | Refusal;

/** A push: the changes between the previous push (`base`) and `seq`. */
export interface ChangedPush extends Changes {
  type: "changed";
  base: number;
}

export type Push = ChangedPush;
