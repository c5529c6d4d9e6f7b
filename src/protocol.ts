// The one protocol between the engine (src/) and the panel (ui/): requests the
// panel sends through $se("mailConsole", request), the answers, and the batches
// the engine pushes through evaluateJavaScriptAsync. Types and data only.
export { RESPONSE_CODES, decodeResponse } from "./codes";
export type { ResponseCode, OutcomeKind } from "./codes";

/** The one engine global the panel calls. */
export const ENGINE_ENTRY = "mailConsole";
/** What the engine evaluates in the panel: `${PANEL_RECEIVER}(batch)`, guarded. */
export const PANEL_RECEIVER = "window.mailConsole.receive";

export type MailState = "queued" | "sending" | "forwarding" | "delivered" | "failed" | "cancelled";

/** console: sent from this panel. pt-client: seen on mailSent with no matching send (PT's own Email app). */
export type MailOrigin = "console" | "pt-client";

export interface MailEvent {
  /** Wall-clock ms. */
  at: number;
  /** The SmtpResponseType, or null for what the console itself observed (refusal, cancel, watchdog). */
  code: number | null;
  note?: string;
  /** The raw args when their shape was not the expected one. */
  raw?: string;
  /** True when the event arrived after the mail was cancelled or timed out by the watchdog. */
  late?: boolean;
}

export interface MailEntry {
  id: number;
  /** The log sequence number of this entry's last change. */
  rev: number;
  origin: MailOrigin;
  deviceKey: string;
  device: string;
  from: string;
  to: string;
  subject: string;
  body: string;
  server: string;
  state: MailState;
  /** The terminal code for delivered/failed, when PT gave one. */
  code: number | null;
  /** Why it failed or was cancelled, when the console knows more than a code. */
  reason?: string;
  queuedAt: number;
  updatedAt: number;
  events: MailEvent[];
  /** PT is in Simulation mode: the mail moves only when the user plays or steps. */
  waitingForSimulation?: boolean;
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

/** One recipient's mail; the panel has already filled in {user} and {address}. */
export interface OutgoingMail {
  to: string;
  subject: string;
  body: string;
}

export interface ComposePreset {
  from?: string;
  password?: string;
  server?: string;
  to?: string;
  subject?: string;
  body?: string;
}

export interface Settings {
  cap: number;
  /** Realtime only: how long a mail may wait for a terminal code. */
  watchdogMs: number;
}

export interface EngineStatus {
  simulationMode: boolean;
  version: string;
}

/** Everything that changed after a sequence number. Applying one twice is harmless. */
export interface Changes {
  epoch: number;
  seq: number;
  /** Entries whose rev is above the asked-for seq (or all of them for a full answer). */
  mails: MailEntry[];
  full: boolean;
  /** Entries the cap dropped after the asked-for seq: remove these rows. */
  droppedIds: number[];
  /** How many entries the cap has dropped since the log was last cleared. */
  dropped: number;
  devices?: DeviceInfo[];
  presets?: { [deviceName: string]: ComposePreset };
  settings?: Settings;
  status: EngineStatus;
}

/** A push: the changes between the previous push (`base`) and `seq`. */
export interface Batch extends Changes {
  base: number;
}

export type Request =
  | { type: "hello"; since?: number; epoch?: number }
  | { type: "since"; seq: number; epoch: number }
  | { type: "send"; device: string; from: string; password: string; server: string; mails: OutgoingMail[] }
  | { type: "cancel"; device: string }
  | { type: "clear" }
  | { type: "save"; format: "csv" | "json"; text: string }
  | { type: "preset"; device: string; preset: ComposePreset }
  | { type: "settings"; settings: Partial<Settings> };

export type Response =
  | ({ ok: true } & Partial<Changes> & { ids?: number[]; cancelled?: number; path?: string; settings?: Settings })
  | { ok: false; error: string; field?: string };
