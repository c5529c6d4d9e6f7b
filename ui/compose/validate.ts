// What the compose form checks before anything is sent. Each problem names
// the field, and the fix when the likely one is clear ("bob at beta.org":
// did you mean bob@beta.org?); advice that would corrupt the address, like
// "remove the space", is never given. Examples come from the lab itself. An
// invalid form makes no call to the engine.
import type { DeviceInfo, MailDraft, MailMessage } from "../../src/protocol";

/** The draft as typed: To may hold several recipients, and the device sends it. */
export interface ComposeForm extends MailDraft {
  device: string;
}

export type ComposeField = keyof ComposeForm;
export type FieldErrors = Partial<Record<ComposeField, string>>;

const NOT_ASCII = "contains a character that is not plain ASCII (perhaps a look-alike letter). Retype it.";

// Limits, as constants so that the build writes them into the messages.
const MAX_RECIPIENTS = 200;
const MAX_ADDRESS = 254;
const MAX_LOCAL_PART = 64;
const MAX_SUBJECT = 255;
const MAX_BODY = 65536;
const MAX_SERVER = 253;

export interface Validated {
  errors: FieldErrors;
  mails: MailMessage[];
}

/** `Alice <alice@alpha.edu>` or `"Alice" <alice@alpha.edu>`, as mail programs copy an address: the address. */
const DISPLAY_NAME = /^[^<>]*<([^<>]*)>$/;

/** Splits To on commas, semicolons and new lines; takes the address out of `Name <address>`; drops blanks and repeats (case-insensitive). */
export function splitRecipients(text: string): string[] {
  const seen: { [k: string]: boolean } = {};
  const out: string[] = [];
  for (const part of text.split(/[,;\n\r]+/)) {
    const named = DISPLAY_NAME.exec(part.trim());
    const a = (named ? named[1] : part).trim();
    if (!a || seen[a.toLowerCase()]) continue;
    seen[a.toLowerCase()] = true;
    out.push(a);
  }
  return out;
}

/** Examples from the lab open now: a real address, its domain, a real mail server. */
export interface Examples {
  address: string;
  domain: string;
  server: string;
}

/** Examples from the devices: another device's address (who one writes to), and a mail server they use. */
export function labExamples(devices: DeviceInfo[], sender = ""): Examples {
  const d = devices.filter((x) => x.mailId && x.key !== sender)[0] || devices.filter((x) => x.mailId)[0];
  const address = d ? d.mailId : "name@domain";
  const domain = address.slice(address.indexOf("@") + 1);
  return { address, domain, server: (d ? d.smtpServer : "") || "mail." + domain };
}

/** Fills {user} and {address} for one recipient (class mail). */
export function personalise(text: string, address: string): string {
  const user = address.slice(0, address.lastIndexOf("@") >= 0 ? address.lastIndexOf("@") : address.length);
  return text.replace(/\{user\}/g, user).replace(/\{address\}/g, address);
}

/** The examples the messages give: validateCompose sets them from the lab before it checks anything. */
let like: Examples = { address: "", domain: "", server: "" };

export function validateCompose(form: ComposeForm, devices: DeviceInfo[]): Validated {
  const errors: FieldErrors = {};
  like = labExamples(devices, form.device);
  const device = devices.filter((d) => d.key === form.device)[0];
  if (!form.device) errors.device = "From device: choose the device that sends the mail.";
  else if (!device) errors.device = "From device: that device is no longer in the topology.";
  else if (!device.powered)
    errors.device = `From device: ${device.name} is powered off. Turn it on, or choose another device.`;

  const from = addressProblem(form.from);
  if (from) errors.from = "From: " + from;

  const recipients = splitRecipients(form.to);
  if (!recipients.length) errors.to = `To: enter at least one address, like ${like.address}.`;
  else if (recipients.length > MAX_RECIPIENTS)
    errors.to = `To: ${recipients.length} addresses is more than ${MAX_RECIPIENTS} at once. Send to the class in groups.`;
  else if (recipients.some((r) => /\{(user|address)\}/.test(r)))
    errors.to = `To: {user} and {address} are filled in from each recipient, so To needs the real addresses, like ${like.address}. Put {user} in Subject or Body.`;
  else {
    for (const r of recipients) {
      const p = addressProblem(r);
      if (p) {
        errors.to = `To: "${clip(r)}" ${p.charAt(0).toLowerCase() + p.slice(1)}`;
        break;
      }
    }
  }

  if (form.subject.length > MAX_SUBJECT)
    errors.subject = `Subject: ${form.subject.length} characters is too long; keep it under 256.`;
  if (form.body.length > MAX_BODY)
    errors.body = `Body: ${form.body.length.toLocaleString("en")} characters is more than the 65,536 this console sends.`;

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
  if (!a) return `enter an address, like ${like.address}.`;
  if (a.length > MAX_ADDRESS) return `is ${a.length} characters long; an address has at most ${MAX_ADDRESS}.`;
  if (/\s/.test(a)) return "contains a space, which an address cannot have." + guess(spaceless(a));
  if (/[^\x21-\x7e]/.test(a)) return NOT_ASCII;
  const at = a.split("@").length - 1;
  if (at === 0) return `needs an @ between the user and the domain, like ${like.address}.`;
  if (at > 1) {
    const one = a.replace(/@+/g, "@");
    return one.split("@").length === 2
      ? "has more than one @." + guess(one)
      : "has more than one @; an address has exactly one.";
  }
  const [local, domain] = a.split("@");
  if (!local) return "needs a user name before the @.";
  if (local.length > MAX_LOCAL_PART) return `has a user name of ${local.length} characters; at most ${MAX_LOCAL_PART}.`;
  if (/[<>()[\],;:"\\]/.test(local))
    return "has a character PT's mail does not allow before the @ (one of < > ( ) [ ] , ; : \" \\).";
  if (local.charAt(0) === "." || local.charAt(local.length - 1) === "." || local.indexOf("..") >= 0)
    return "has a dot at the start or end of the user name, or two in a row.";
  if (!domain) return `needs a domain after the @, like ${like.domain}.`;
  const d = hostProblem(domain);
  return d ? "has a domain that " + d : "";
}

/** What an address with spaces most likely meant: "bob at beta.org", or "bob@beta org" (a dot typed as a space). */
function spaceless(a: string): string {
  const said = /^(\S+)\s+at\s+(\S+)$/i.exec(a);
  if (said) return said[1] + "@" + said[2];
  const i = a.indexOf("@");
  return i > 0 && !/\s/.test(a.slice(0, i))
    ? a.slice(0, i + 1) +
        a
          .slice(i + 1)
          .trim()
          .split(/\s+/)
          .join(".")
    : "";
}

/** " Did you mean …?" when the guess is itself a good address. */
function guess(address: string): string {
  return address && !addressProblem(address) ? ` Did you mean ${address}?` : "";
}

/** Why a server entry is neither an IPv4 address nor a host name, or "". */
function serverProblem(raw: string): string {
  const s = raw.trim();
  if (!s) return `enter the mail server's name or IP address, like ${like.server}.`;
  if (/\s/.test(s)) {
    const dotted = s.split(/\s+/).join(".");
    return "contains a space; a server name has none." + (serverProblem(dotted) ? "" : ` Did you mean ${dotted}?`);
  }
  if (/^[\d.]+$/.test(s)) {
    const parts = s.split(".");
    if (parts.length !== 4 || parts.some((p) => p === ""))
      return `"${clip(s)}" is not an IPv4 address: it needs four numbers separated by dots.`;
    const bad = parts.filter((p) => Number(p) > 255)[0];
    if (bad !== undefined) return `"${clip(s)}" is not an IPv4 address: ${bad} is above 255.`;
    if (parts.some((p) => p.length > 1 && p.charAt(0) === "0"))
      return `"${clip(s)}" has a number with a leading zero. Did you mean ${parts.map(Number).join(".")}?`;
    if (s === "0.0.0.0" || s === "255.255.255.255") return `${s} is not a server's address.`;
    return "";
  }
  if (s.length > MAX_SERVER) return `is ${s.length} characters; a host name has at most ${MAX_SERVER}.`;
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
