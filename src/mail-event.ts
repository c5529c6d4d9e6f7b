// Reads the args of SmtpClient's mailSent event. The keys dest, subject, body
// and responseType are inferred from the IpcAPI parameter names, as every
// documented event does (research/pt-api.md §7); no public project has logged
// a real one. If PT hands us another shape, this is the one place to teach.
// Accepted today: an object with those keys, the same as JSON text, the four
// values in the documented order, and a response type given as a number, a
// numeric string or its enum name ("eSmtpResponseSuccess", with or without
// "SmtpResponseType.").
import { RESPONSE_CODES } from "./codes";

export interface MailSentArgs {
  dest: string;
  subject: string;
  body: string;
  /** null when no usable code was found. */
  code: number | null;
  /** Set when the shape was not the expected one: a bounded JSON-ish copy of what came. */
  raw?: string;
}

const POSITIONAL = ["dest", "subject", "body", "responseType"];

export function readMailSentArgs(args: unknown): MailSentArgs {
  let value = args;
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      value = JSON.parse(value);
    } catch (_e) {
      // Not JSON after all: described as it came.
    }
  }
  let source: { [key: string]: unknown } = {};
  let expected = false;
  if (Array.isArray(value)) {
    for (let i = 0; i < POSITIONAL.length; i++) source[POSITIONAL[i]] = value[i];
  } else if (value !== null && typeof value === "object") {
    source = value as { [key: string]: unknown };
    // The documented shape, as it came (JSON text is read too, but kept raw so its shape is seen).
    expected = value === args && "dest" in source && "responseType" in source;
  }
  const code = toCode(source.responseType);
  const result: MailSentArgs = {
    dest: toText(source.dest),
    subject: toText(source.subject),
    body: toText(source.body),
    code,
  };
  if (!expected || code === null || !result.dest) result.raw = describe(args);
  return result;
}

/** Whether an event can be matched to a mail at all: it names a recipient and a code. */
export function isReadable(event: MailSentArgs): boolean {
  return event.code !== null && event.dest.trim() !== "";
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

function toCode(value: unknown): number | null {
  if (typeof value === "string") {
    const name = value.trim().replace(/^SmtpResponseType(::|\.)/, "");
    for (const row of RESPONSE_CODES) if (row.name === name) return row.code;
  }
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) && Math.floor(n) === n ? n : null;
}

const RAW_LIMIT = 2000;
const RAW_DEPTH = 4;

/**
 * A bounded text copy of anything, for the log. Never throws, and never hands
 * a deep structure to JSON.stringify, which throws in Qt 6 and crashes Qt 5.15
 * at depth (research/qt-jsengine.md).
 */
function describe(value: unknown): string {
  let text: string;
  try {
    text = shallowJson(value, RAW_DEPTH);
  } catch (_e) {
    text = "(unreadable)";
  }
  return text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) + "…" : text;
}

function shallowJson(value: unknown, depth: number): string {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") {
    const t = JSON.stringify(value);
    return t === undefined ? String(value) : t;
  }
  if (depth <= 0) return Array.isArray(value) ? "[…]" : "{…}";
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 20; i++) parts.push(shallowJson(value[i], depth - 1));
    return "[" + parts.join(",") + (value.length > 20 ? ",…" : "") + "]";
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length && i < 20; i++) {
    parts.push(JSON.stringify(keys[i]) + ":" + shallowJson((value as { [k: string]: unknown })[keys[i]], depth - 1));
  }
  return "{" + parts.join(",") + (keys.length > 20 ? ",…" : "") + "}";
}

/** The shape of mailSent args, for the fidelity report: key names and value types, never values. */
export function argShape(args: unknown): string {
  if (args === null || typeof args !== "object") return typeof args;
  if (Array.isArray(args)) return "[" + args.map((v) => (v === null ? "null" : typeof v)).join(", ") + "]";
  const keys = Object.keys(args);
  const parts: string[] = [];
  for (let i = 0; i < keys.length && i < 12; i++) {
    const v = (args as { [k: string]: unknown })[keys[i]];
    parts.push(keys[i] + ": " + (v === null ? "null" : typeof v));
  }
  return "{ " + parts.join(", ") + " }";
}
