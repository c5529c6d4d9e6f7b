// What PT does with a mail, as one ordered table: the first row whose
// condition holds decides the mail's fate. Rows are in the order the exchange
// meets them (stage). Each names its evidence: "live" (someone ran it on a
// real PT), "pkt" (a real PT saved the state in a .pkt), "inf" (inferred), and
// where it is in the research notes. When a real PT disagrees, change one row.
// The conditions, with the causes and fixes they name, are in conditions-*.ts.
import * as client from "./conditions-client";
import * as delivery from "./conditions-delivery";
import { bounced, delivered, failed, type RuleRow, relayFails } from "./row";

const A1 = "pt-labs-and-fidelity.md A1";
const A4 = "pt-labs-and-fidelity.md A4";
const UX = "pt-email-and-ux.md A4";
const RELAY = "relayFailure" as const;

// biome-ignore format: a table reads best one row per block
export const RULES: readonly RuleRow[] = [
  { id: "sender-off", stage: "sender", test: client.senderOff, result: () => failed(null),
    when: "the sending device is powered off: sendMail answers false, no mailSent follows",
    evidence: "inf", source: "sim POLICY (a powered-off device runs no processes)" },
  { id: "server-blank", stage: "resolve", test: client.serverBlank, result: () => failed(13),
    when: "the outgoing server is empty",
    evidence: "inf", source: `${UX} row 13 ("an empty or unknown outgoing-server field")` },
  { id: "client-no-dns-server", stage: "resolve", test: client.clientNoDnsServer, result: () => failed(8),
    when: "the outgoing server is a name and the sender has no DNS server",
    evidence: "inf", source: `${UX} row 8 (HTTP analog dns_server_not_found)` },
  { id: "client-dns-unreachable", stage: "resolve", test: client.clientDnsUnreachable, result: () => failed(8, "timeout"),
    when: "the sender cannot reach its DNS server",
    evidence: "inf", source: `${UX} row 8` },
  { id: "client-dns-silent", stage: "resolve", test: client.clientDnsSilent, result: () => failed(8, "timeout"),
    when: "the sender's DNS server does not answer: not a DNS server, or DNS OFF",
    evidence: "inf", source: `${UX} row 8` },
  { id: "client-no-a-record", stage: "resolve", test: client.clientNoARecord, result: () => failed(9),
    when: "the sender's DNS server has no A record for the outgoing server's name",
    evidence: "inf", source: `${UX} row 9 (empty DNS answer, E-ui)` },
  { id: "server-unreachable", stage: "connect", test: client.serverUnreachable, result: () => failed(6, "timeout"),
    when: "no way to the outgoing server and back: a device off, a port or link down, no or wrong gateway, no route",
    evidence: "inf", source: `${A4} (server unreachable)` },
  { id: "cold-arp", stage: "connect", gate: "coldArpFirstSendTimeout", test: client.coldArp, result: () => failed(6, "timeout"),
    when: "the sender's ARP cache lacks the next hop: the first send after cabling or power-on",
    evidence: "live", source: "pt-email-and-ux.md A2 (live 9.0.1, S8)" },
  { id: "not-a-mail-server", stage: "connect", test: client.notAMailServer, result: () => failed(10),
    when: "the outgoing server's address answers, but not as a mail server (a PC, a router)",
    evidence: "inf", source: `${UX} row 10 (HTTP analog protocol_error)` },
  { id: "smtp-off", stage: "connect", switch: "smtpOffCode", test: client.smtpOff,
    result: (b) => failed(b.smtpOffCode, b.smtpOffCode === 6 ? "timeout" : "step"),
    when: "the outgoing server's SMTP service is OFF",
    evidence: "inf", source: `${A4} (SMTP OFF: none found)` },
  { id: "from-domain-mismatch", stage: "session", gate: "checkFromDomain", test: client.fromDomainMismatch, result: () => failed(12),
    when: "the From domain is not the server's Domain Name (12's real trigger is unknown)",
    evidence: "inf", source: "pt-labs-and-fidelity.md A2 (a mismatch was delivered, pkt 8.2.2), A4" },
  { id: "unknown-sender", stage: "session", test: client.unknownSender, result: () => failed(11),
    when: "the server has no account named like the part before @ in From",
    evidence: "inf", source: `${A4} (unknown sender: none found)` },
  { id: "wrong-password", stage: "session", test: client.wrongPassword, result: () => failed(5),
    when: "the password is not the account's (the user is checked first)",
    evidence: "inf", source: `${A4} (wrong password: none found), A5.3 (11 before 5)` },
  { id: "local-unknown-recipient", stage: "local", switch: "unknownLocalRecipient", test: delivery.localUnknownRecipient,
    result: (b) => (b.unknownLocalRecipient === "reject4" ? failed(4) : bounced("unknown-recipient")),
    when: "the recipient is in the server's own domain and has no account there",
    evidence: "live", source: `${A1} variant 1 (pkt 8.2.0); pt-email-and-ux.md A2 (live 9.0.1)` },
  { id: "local-delivered", stage: "local", test: delivery.localDelivered, result: delivered,
    when: "the recipient is in the server's own domain: stored in their mailbox",
    evidence: "pkt", source: `${A1}, A2 (delivered mails in saved mailboxes, pkt 8.2.0, 8.2.2)` },
  // From here the recipient's domain is another server's: the outgoing server relays (code 3).
  { id: "recipient-without-domain", stage: "relay", switch: RELAY, test: delivery.recipientWithoutDomain, result: relayFails("step"),
    when: "relaying, the recipient has no @domain",
    evidence: "pkt", source: `${A1} variant 2 (pkt 8.2.2 ×3)` },
  { id: "mail-server-no-dns", stage: "relay", switch: RELAY, test: delivery.mailServerNoDns, result: relayFails("step"),
    when: "relaying, the outgoing server has no DNS server",
    evidence: "pkt", source: `${A1} variant 2 (pkt 8.2.2 ×3: their mail servers had no DNS server)` },
  { id: "relay-dns-unreachable", stage: "relay", switch: RELAY, test: delivery.relayDnsUnreachable, result: relayFails("timeout"),
    when: "relaying, the outgoing server cannot reach its DNS server",
    evidence: "inf", source: `${A4} (by analogy with variant 2)` },
  { id: "relay-dns-silent", stage: "relay", switch: RELAY, test: delivery.relayDnsSilent, result: relayFails("timeout"),
    when: "relaying, the outgoing server's DNS server does not answer: not a DNS server, or DNS OFF",
    evidence: "inf", source: `${A4} (by analogy with variant 2)` },
  { id: "relay-no-a-record", stage: "relay", switch: RELAY, test: delivery.relayNoARecord, result: relayFails("step"),
    when: "relaying, no A record for the recipient's domain",
    evidence: "inf", source: `${A1} (the same "DNS Error" path, inferred strong), A4` },
  { id: "relay-unreachable", stage: "remote", switch: RELAY, test: delivery.relayUnreachable, result: relayFails("timeout"),
    when: "relaying, no way to the recipient domain's server and back",
    evidence: "inf", source: `${A4} (relay target unreachable: by analogy)` },
  { id: "relay-not-a-mail-server", stage: "remote", switch: RELAY, test: delivery.relayNotAMailServer, result: relayFails("step"),
    when: "relaying, the recipient domain's address is not a mail server",
    evidence: "inf", source: `${A4} (by analogy)` },
  { id: "relay-smtp-off", stage: "remote", switch: RELAY, test: delivery.relaySmtpOff, result: relayFails("timeout"),
    when: "relaying, the recipient domain's server has SMTP OFF",
    evidence: "inf", source: `${A4} (its SMTP OFF: by analogy)` },
  { id: "relay-wrong-domain", stage: "remote", switch: RELAY, test: delivery.relayWrongDomain, result: relayFails("step"),
    when: "relaying, the server at the domain's address serves another domain",
    evidence: "inf", source: `${A4} (wrong domain: by analogy)` },
  { id: "remote-unknown-recipient", stage: "remote", switch: "unknownRemoteRecipient", test: delivery.remoteUnknownRecipient,
    result: (b) => (b.unknownRemoteRecipient === "reject4" ? failed(4) : bounced("unknown-recipient")),
    when: "relaying, the recipient domain's server has no such account",
    evidence: "inf", source: `${A4} (remote unknown user: refined, 4 unobserved)` },
  { id: "relay-delivered", stage: "remote", test: delivery.relayDelivered, result: delivered,
    when: "relayed to the recipient domain's server and stored in their mailbox",
    evidence: "inf", source: "pt-email-and-ux.md A4 (happy path, other domain)" },
  { id: "session-cut", stage: "cut", test: delivery.sessionCut, result: () => failed(7),
    when: "the session is cut: SMTP switched OFF, the server powered off, or its path down during the send",
    evidence: "inf", source: "pt-email-and-ux.md A0 (TCP PEER_RESET, PT 8.1 decompile), A4 row 7" },
];

/** The progress codes: not outcomes, but what mailSent shows on the way (PT_BEHAVIOUR.emitProgressEvents). */
// biome-ignore format: a table
export const PROGRESS = [
  { code: 1, id: "progress-request", when: "every send that starts: the client hands the mail to its outgoing server",
    evidence: "inf" as const, source: "pt-email-and-ux.md A0 (request PDU kind), open question 1" },
  { code: 3, id: "progress-forward", when: "the recipient's domain is not the outgoing server's: it relays",
    evidence: "inf" as const, source: "pt-email-and-ux.md A0, A3 (relay by the domain's A record)" },
];
