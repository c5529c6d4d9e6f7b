// What the engine checks in a sendMail request before anything reaches PT.
// The panel validates too, but the engine answers any caller: every refusal
// names the field and the fix.
import type { MailMessage, Refusal, RequestOf } from "./protocol";
import { refuse } from "./requests";

export interface CheckedSend {
  from: string;
  password: string;
  server: string;
  mails: MailMessage[];
  /** The subject as typed ("" when the request has none). */
  template: string;
}

export function checkSend(r: RequestOf<"sendMail">): CheckedSend | Refusal {
  if (!Array.isArray(r.mails) || r.mails.length === 0) return refuse("To: add at least one recipient.", "to");
  for (const field of ["from", "password", "server"] as const) {
    if (typeof r[field] !== "string") return refuse(label(field) + ": must be text.", field);
  }
  const mails: MailMessage[] = [];
  for (const m of r.mails) {
    if (!m || typeof m.to !== "string" || !m.to.trim()) return refuse("To: a recipient address is empty.", "to");
    mails.push({ to: m.to.trim(), subject: text(m.subject), body: text(m.body) });
  }
  const template = typeof r.template === "string" ? r.template : "";
  return { from: r.from.trim(), password: r.password, server: r.server.trim(), mails, template };
}

function label(field: "from" | "password" | "server"): string {
  return field === "from" ? "From" : field === "password" ? "Password" : "Outgoing server";
}

function text(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}
