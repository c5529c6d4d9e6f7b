// PT's bounce: an ordinary mail from "Mail Delivery Subsystem", written into
// the original sender's mailbox on the sender's server, in one of two
// Gmail-style templates. Texts are PT's own, byte for byte, from saved labs
// (pt-labs-and-fidelity.md A1: variant 1 pkt 8.2.0, variant 2 pkt 8.2.2 ×3).

export type DsnKind = "unknown-recipient" | "domain-not-found";

export const DSN_FROM = "Mail Delivery Subsystem";
export const DSN_SUBJECT = "Delivery Status Notification (Failure)";

export interface DsnMail {
  from: string;
  /** PT's quirk (A1): the failed recipient for variant 1, the original sender for variant 2. */
  rcpt: string;
  subject: string;
  content: string;
}

export interface OriginalMail {
  from: string;
  to: string;
  subject: string;
  body: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** PT's mail date, "Mon Oct 31 2022 01:24:56" (A1, A2), in UTC so the model stays pure. */
export function ptDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => (n < 10 ? "0" : "") + n;
  return (
    DAYS[d.getUTCDay()] +
    " " +
    MONTHS[d.getUTCMonth()] +
    " " +
    two(d.getUTCDate()) +
    " " +
    d.getUTCFullYear() +
    " " +
    two(d.getUTCHours()) +
    ":" +
    two(d.getUTCMinutes()) +
    ":" +
    two(d.getUTCSeconds())
  );
}

export function dsnMail(kind: DsnKind, original: OriginalMail, sentAtMs: number): DsnMail {
  const head =
    "Delivery to the following recipient failed permanently: \n\n" +
    original.to +
    "\n\nTechnical details of permanent failure:\n";
  const quoted =
    "From: <" +
    original.from +
    ">\nDate: " +
    ptDate(sentAtMs) +
    "\nSubject: " +
    original.subject +
    "\nTo: " +
    original.to +
    "\nContent-Type: multipart/alternative; \n\n" +
    original.body;
  if (kind === "unknown-recipient") {
    return {
      from: DSN_FROM,
      rcpt: original.to,
      subject: DSN_SUBJECT,
      content:
        head +
        "Server tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the other email provider for further information about the cause of this error. The error that the other server returned was: 550 550-5.1.1 The email account that you tried to reach does not exist. Please try \n" +
        "550-5.1.1 double-checking the recipient's email address for typos or \n" +
        "550-5.1.1 unnecessary spaces.\n" +
        "----- Original message ----- \n\n" +
        quoted,
    };
  }
  return {
    from: DSN_FROM,
    rcpt: original.from,
    subject: DSN_SUBJECT,
    content: head + "DNS Error: Domain name not found\n" + quoted,
  };
}
