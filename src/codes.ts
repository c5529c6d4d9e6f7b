// PT's SmtpResponseType decoded for people. Names and values are the vendor's
// (IpcAPI class_smtp_client.html; the "Receiever" typo is theirs). What each
// code means in practice is inferred (research/pt-email-and-ux.md §A4): when a
// real PT shows otherwise, correct the row here and nowhere else.

export type OutcomeKind = "progress" | "success" | "failure";

export interface ResponseCode {
  code: number;
  name: string;
  /** A few words for a status badge. */
  label: string;
  kind: OutcomeKind;
  /** What happened, in plain language. */
  meaning: string;
  /** What a student should check, for failures. */
  check: string;
}

export const RESPONSE_CODES: readonly ResponseCode[] = [
  {
    code: 1,
    name: "eSmtpRequest",
    label: "Sending",
    kind: "progress",
    meaning: "The PC handed the mail to its outgoing mail server.",
    check: "Nothing yet: the send is still in progress.",
  },
  {
    code: 2,
    name: "eSmtpResponseSuccess",
    label: "Delivered",
    kind: "success",
    meaning: 'The outgoing mail server accepted the mail (PT prints "Send Success.").',
    check:
      'The recipient clicks Receive. If a "Delivery Status Notification (Failure)" mail arrives instead, check the recipient\'s address and user.',
  },
  {
    code: 3,
    name: "eSmtpRequestForward",
    label: "Forwarding",
    kind: "progress",
    meaning: "The recipient is in another domain, so the mail server is relaying the mail to that domain's server.",
    check: "Nothing yet: the relay is in progress.",
  },
  {
    code: 4,
    name: "eSmtpRemoteReceieverDoesNotExist",
    label: "No such recipient",
    kind: "failure",
    meaning: "The recipient's mail server has no user with that name.",
    check:
      "The spelling of the part before @ in To, and that the user exists in User Setup on the recipient's mail server.",
  },
  {
    code: 5,
    name: "eSmtpResponseError",
    label: "Refused",
    kind: "failure",
    meaning: "The mail server refused the mail, most likely because the password is wrong.",
    check: "The Password matches the one in the server's User Setup (case-sensitive), and the user name is right.",
  },
  {
    code: 6,
    name: "eSmtpTimeout",
    label: "Timed out",
    kind: "failure",
    meaning: "The outgoing mail server did not answer in time.",
    check:
      "Ping the server; the PC's gateway and the routes; links and ports are up; SMTP is ON on the server. The first mail after cabling can time out while ARP resolves: send it again.",
  },
  {
    code: 7,
    name: "eSmtpPeerReset",
    label: "Connection reset",
    kind: "failure",
    meaning: "The connection to the mail server was cut during the send.",
    check: "SMTP stays ON and the server stays powered during the send; links stay up. Send again.",
  },
  {
    code: 8,
    name: "eSmtpDnsServerNotFound",
    label: "No DNS server",
    kind: "failure",
    meaning: "The outgoing server is given by name, and the PC could not reach a DNS server to look it up.",
    check:
      "The PC's DNS Server setting; ping the DNS server; DNS service is ON. Or give the outgoing server as an IP address.",
  },
  {
    code: 9,
    name: "eSmtpDnsUnResolvedHostName",
    label: "Name not found",
    kind: "failure",
    meaning: "The DNS server has no A record for the outgoing server's name.",
    check: "An A record whose name matches the Outgoing server exactly, pointing to the mail server's IP.",
  },
  {
    code: 10,
    name: "eSmtpProtocolError",
    label: "Not a mail server",
    kind: "failure",
    meaning: "The outgoing server address answered, but not as a mail server.",
    check: "The Outgoing server points at the mail server, not at a PC, the DNS server or a web server.",
  },
  {
    code: 11,
    name: "eSmtpUserNotFound",
    label: "Unknown sender",
    kind: "failure",
    meaning: "The mail server has no account for the sender.",
    check: "The server's User Setup contains the user named before @ in From.",
  },
  {
    code: 12,
    name: "eSmtpServerDomainError",
    label: "Wrong domain",
    kind: "failure",
    meaning: "The sender's domain (after @) is not the mail server's domain.",
    check: "The server's Domain Name equals the part after @ in From (press Set after typing it).",
  },
  {
    code: 13,
    name: "eSmtpServerNotFound",
    label: "Server not found",
    kind: "failure",
    meaning: "The mail server could not find or reach the recipient domain's mail server.",
    check:
      "An A record for the recipient's domain pointing at its mail server; the mail server's own DNS setting; routes between the sites.",
  },
];

/**
 * The outcome kind alone, for the engine: it needs no prose, and engine.js
 * has a size budget. Derived from the table's names, not a second table:
 * 1 and 3 are requests (progress), 2 is the one success.
 */
export function outcomeKind(code: number | null): OutcomeKind {
  return code === 1 || code === 3 ? "progress" : code === 2 ? "success" : "failure";
}

/** The row for a code, or a stand-in that says the code is unknown. */
export function decodeResponse(code: number | null): ResponseCode {
  // Codes are 1..13 in order, so the row is at code - 1 (a test checks it).
  const row = code !== null ? RESPONSE_CODES[code - 1] : undefined;
  if (row && row.code === code) return row;
  return {
    code: code === null ? 0 : code,
    name: "unknown",
    label: code === null ? "No code" : "Code " + code,
    kind: "failure",
    meaning: "Packet Tracer reported a result this console does not know.",
    check: "Look at the mail in PT's Simulation mode, and report this code to the Mail Console developers.",
  };
}
