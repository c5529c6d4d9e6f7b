// A mail's state in words, the same wherever it is said: the badge, the
// screen-reader announcement, the search and the export.
import type { MailEntry, MailState } from "../src/protocol";
import { decodeResponse } from "../src/protocol";

/** A state as a word: "in-progress" → "In progress", "bounced" → "Bounced". */
export const stateWord = (s: MailState | "in-progress") => s.charAt(0).toUpperCase() + s.slice(1).replace("-", " ");

/** A bounce explained, as a failure code is (codes.ts). */
export const BOUNCE = {
  meaning: 'Accepted, then returned: a "Delivery Status Notification (Failure)" comes back to the sender.',
  check: "The recipient's address, its user in the server's User Setup, and an A record for its domain.",
};

/** "Failed: No such recipient", "Delivered", … */
export function statusText(m: MailEntry): string {
  const word = stateWord(m.state);
  return m.state === "failed" && m.code !== null ? word + ": " + decodeResponse(m.code).label : word;
}

/** A code's PT name read as words: eSmtpRequestForward → "request forward". */
export function codeWords(code: number): string {
  return decodeResponse(code)
    .name.replace(/^eSmtp/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}
