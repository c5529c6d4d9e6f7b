// What the compose form checks before anything is sent. Each problem names
// the field and the fix. An invalid form makes no call to the engine.
import type { DeviceInfo, MailDraft, MailMessage } from "../../src/protocol";

/** The draft as typed: To may hold several recipients, and the device sends it. */
export interface ComposeForm extends MailDraft {
  device: string;
}

export type ComposeField = keyof ComposeForm;
export type FieldErrors = Partial<Record<ComposeField, string>>;

const NOT_ASCII = "contains a character that is not plain ASCII (perhaps a look-alike letter). Retype it.";

const LIMITS = {
  recipients: 200,
  address: 254,
  localPart: 64,
  subject: 255,
  body: 65536,
  server: 253,
};

export interface Validated {
  errors: FieldErrors;
  mails: MailMessage[];
}

/** Splits To on commas, semicolons and new lines; drops blanks and repeats (case-insensitive). */
export function splitRecipients(text: string): string[] {
  const seen: { [k: string]: boolean } = {};
  const out: string[] = [];
  for (const part of text.split(/[,;\n\r]+/)) {
    const a = part.trim();
    if (!a || seen[a.toLowerCase()]) continue;
    seen[a.toLowerCase()] = true;
    out.push(a);
  }
  return out;
}

/** Fills {user} and {address} for one recipient (class mail). */
function personalise(text: string, address: string): string {
  const user = address.slice(0, address.lastIndexOf("@") >= 0 ? address.lastIndexOf("@") : address.length);
  return text.replace(/\{user\}/g, user).replace(/\{address\}/g, address);
}

export function validateCompose(form: ComposeForm, devices: DeviceInfo[]): Validated {
  const errors: FieldErrors = {};
  const device = devices.filter((d) => d.key === form.device)[0];
  if (!form.device) errors.device = "From device: choose the PC or server that sends the mail.";
  else if (!device) errors.device = "From device: that device is no longer in the topology. Choose another one.";
  else if (!device.powered)
    errors.device = `From device: ${device.name} is powered off. Turn it on in Packet Tracer, or choose another device.`;

  const from = addressProblem(form.from);
  if (from) errors.from = "From: " + from;

  const recipients = splitRecipients(form.to);
  if (!recipients.length) errors.to = "To: enter at least one address, like bob@beta.org.";
  else if (recipients.length > LIMITS.recipients)
    errors.to = `To: ${recipients.length} addresses is more than ${LIMITS.recipients} at once. Send to the class in groups.`;
  else {
    for (const r of recipients) {
      const p = addressProblem(r);
      if (p) {
        errors.to = `To: "${clip(r)}" ${p.charAt(0).toLowerCase() + p.slice(1)}`;
        break;
      }
    }
  }

  if (form.subject.length > LIMITS.subject)
    errors.subject = `Subject: ${form.subject.length} characters is too long; keep it under ${LIMITS.subject + 1}.`;
  if (form.body.length > LIMITS.body)
    errors.body = `Body: ${form.body.length.toLocaleString("en")} characters is more than the ${LIMITS.body.toLocaleString("en")} this console sends. Shorten it.`;

  const server = serverProblem(form.server);
  if (server) errors.server = "Outgoing server: " + server;

  const mails = Object.keys(errors).length
    ? []
    : recipients.map((to) => ({ to, subject: personalise(form.subject, to), body: personalise(form.body, to) }));
  return { errors, mails };
}

/** Why an address is not one PT's mail can use, or "" when it is. */
function addressProblem(raw: string): string {
  const a = raw.trim();
  if (!a) return "enter an address, like alice@alpha.edu.";
  if (a.length > LIMITS.address) return `is ${a.length} characters long; an address has at most ${LIMITS.address}.`;
  if (/\s/.test(a)) return "contains a space. Remove it.";
  if (/[^\x21-\x7e]/.test(a)) return NOT_ASCII;
  const at = a.split("@").length - 1;
  if (at === 0) return "needs an @ between the user and the domain, like bob@beta.org.";
  if (at > 1) return "has more than one @. Keep exactly one.";
  const [local, domain] = a.split("@");
  if (!local) return "needs a user name before the @.";
  if (local.length > LIMITS.localPart)
    return `has a user name of ${local.length} characters; at most ${LIMITS.localPart}.`;
  if (/[<>()[\],;:"\\]/.test(local))
    return "has a character PT's mail does not allow before the @ (one of < > ( ) [ ] , ; : \" \\).";
  if (local.charAt(0) === "." || local.charAt(local.length - 1) === "." || local.indexOf("..") >= 0)
    return "has a dot at the start or end of the user name, or two in a row.";
  if (!domain) return "needs a domain after the @, like beta.org.";
  const d = hostProblem(domain);
  return d ? "has a domain that " + d : "";
}

/** Why a server entry is neither an IPv4 address nor a host name, or "". */
function serverProblem(raw: string): string {
  const s = raw.trim();
  if (!s) return "enter the mail server's IP address (like 10.1.0.10) or its name (like mail.alpha.edu).";
  if (/\s/.test(s)) return "contains a space. A server name has none.";
  if (/^[\d.]+$/.test(s)) {
    const parts = s.split(".");
    if (parts.length !== 4 || parts.some((p) => p === ""))
      return `"${clip(s)}" is not an IPv4 address: it needs four numbers separated by dots.`;
    const bad = parts.filter((p) => Number(p) > 255)[0];
    if (bad !== undefined) return `"${clip(s)}" is not an IPv4 address: ${bad} is above 255.`;
    if (parts.some((p) => p.length > 1 && p.charAt(0) === "0"))
      return `"${clip(s)}" has a number with a leading zero; write it without.`;
    if (s === "0.0.0.0" || s === "255.255.255.255") return `${s} is not a server's address.`;
    return "";
  }
  if (s.length > LIMITS.server) return `is ${s.length} characters; a host name has at most ${LIMITS.server}.`;
  const p = hostProblem(s);
  return p ? "a host name that " + p : "";
}

/** Why a domain or host name is malformed, or "". One label ("localhost") is allowed: PT's DNS takes any A record name. */
function hostProblem(name: string): string {
  if (/[^\x21-\x7e]/.test(name)) return NOT_ASCII;
  if (name.charAt(name.length - 1) === ".") return "ends with a dot. Remove it.";
  if (name.charAt(0) === ".") return "starts with a dot. Remove it.";
  if (name.indexOf("..") >= 0) return "has two dots in a row.";
  for (const label of name.split(".")) {
    if (!/^[A-Za-z0-9-]+$/.test(label)) return `has "${clip(label)}", which may hold only letters, digits and hyphens.`;
    if (label.length > 63) return "has a part longer than 63 characters.";
    if (label.charAt(0) === "-" || label.charAt(label.length - 1) === "-")
      return `has "${clip(label)}", which starts or ends with a hyphen.`;
  }
  return "";
}

function clip(text: string): string {
  return text.length > 40 ? text.slice(0, 37) + "…" : text;
}
