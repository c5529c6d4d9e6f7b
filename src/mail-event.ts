// Reads the args of SmtpClient's mailSent event. The keys dest, subject, body
// and responseType are inferred from the IpcAPI parameter names, as every
// documented event does (research/pt-api.md §7); no public project has logged
// a real one. If PT hands us another shape, this is the one place to teach.

export interface MailSentArgs {
  dest: string;
  subject: string;
  body: string;
  /** null when no usable code was found. */
  code: number | null;
  /** Set when the shape was not the expected one: a JSON-ish copy of what came. */
  raw?: string;
}

const POSITIONAL = ["dest", "subject", "body", "responseType"];

export function readMailSentArgs(args: unknown): MailSentArgs {
  let source: { [key: string]: unknown } = {};
  let expected = false;
  if (Array.isArray(args)) {
    // A positional form, in the documented parameter order.
    for (let i = 0; i < POSITIONAL.length; i++) source[POSITIONAL[i]] = args[i];
  } else if (args !== null && typeof args === "object") {
    source = args as { [key: string]: unknown };
    expected = "dest" in source && "responseType" in source;
  }
  const code = toCode(source.responseType);
  const result: MailSentArgs = {
    dest: toText(source.dest),
    subject: toText(source.subject),
    body: toText(source.body),
    code,
  };
  if (!expected || code === null) result.raw = describe(args);
  return result;
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

function toCode(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) && Math.floor(n) === n ? n : null;
}

/** A bounded text copy of anything, for the log. Never throws. */
function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value);
    if (text === undefined) text = String(value);
  } catch (_e) {
    try {
      text = String(value);
    } catch (_e2) {
      text = "(unreadable)";
    }
  }
  return text.length > 2000 ? text.slice(0, 2000) + "…" : text;
}
