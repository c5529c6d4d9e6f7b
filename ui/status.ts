// A mail's state in words, the same wherever it is said: the badge, the
// screen-reader announcement, the search and the export.
import { html } from "htm/preact";
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

/**
 * A code in words, as a person reads it: "13 Server not found". PT's enum names
 * (eSmtpServerNotFound) stay in the fidelity report. A bounced mail's 2 is the
 * server accepting it, not delivery: the bounce comes after.
 */
export const codeLabel = (code: number, bounced = false) =>
  code === 2 && bounced ? "Accepted (the bounce comes after)" : decodeResponse(code).label;

/** Evidence in words, behind "Why we think so": a person reads the lab's why first. */
const EVIDENCE = {
  live: "seen in Packet Tracer itself",
  pkt: "seen in labs saved by Packet Tracer",
  inf: "inferred from how Packet Tracer's mail works, not yet seen in Packet Tracer",
};

/** The rule behind a prediction and how sure it is, folded away. */
export const whyWeThinkSo = (rule: string, evidence: keyof typeof EVIDENCE) =>
  html`<details class="why-we-think"><summary>Why we think so</summary><p>The model's rule ${rule}, ${EVIDENCE[evidence]}.</p></details>`;
