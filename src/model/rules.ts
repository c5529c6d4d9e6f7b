// What PT does with a mail, as one ordered table: the first row whose
// condition holds decides the mail's fate. Rows are in the order the exchange
// meets them (stage). Each names its evidence: "live" (someone ran it on a
// real PT), "pkt" (a real PT saved the state in a .pkt), "inf" (inferred), and
// where it is in the research notes (RULE_SOURCES in rule-words.ts). When a
// real PT disagrees, change one row.
// The conditions, with the causes and fixes they name, are in conditions-*.ts.
// Each row's condition in words and its source are in rule-words.ts, which the
// engine leaves out.
import * as client from "./conditions-client";
import * as delivery from "./conditions-delivery";
import { bounced, delivered, failed, type RuleRow, relayFails } from "./row";

const RELAY = "relayFailure" as const;

// biome-ignore format: a table reads best one row per block
export const RULES: readonly RuleRow[] = [
  { id: "sender-off", stage: "sender", test: client.senderOff, result: () => failed(null),
    evidence: "inf" },
  { id: "server-blank", stage: "resolve", test: client.serverBlank, result: () => failed(13),
    evidence: "inf" },
  { id: "client-no-dns-server", stage: "resolve", test: client.clientNoDnsServer, result: () => failed(8),
    evidence: "inf" },
  { id: "client-dns-unreachable", stage: "resolve", test: client.clientDnsUnreachable, result: () => failed(8, "timeout"),
    evidence: "inf" },
  { id: "client-dns-silent", stage: "resolve", test: client.clientDnsSilent, result: () => failed(8, "timeout"),
    evidence: "inf" },
  { id: "client-no-a-record", stage: "resolve", test: client.clientNoARecord, result: () => failed(9),
    evidence: "inf" },
  { id: "server-unreachable", stage: "connect", test: client.serverUnreachable, result: () => failed(6, "timeout"),
    evidence: "inf" },
  { id: "cold-arp", stage: "connect", gate: "coldArpFirstSendTimeout", test: client.coldArp, result: () => failed(6, "timeout"),
    evidence: "live" },
  { id: "not-a-mail-server", stage: "connect", test: client.notAMailServer, result: () => failed(10),
    evidence: "inf" },
  { id: "smtp-off", stage: "connect", switch: "smtpOffCode", test: client.smtpOff,
    result: (b) => failed(b.smtpOffCode, b.smtpOffCode === 6 ? "timeout" : "step"),
    evidence: "inf" },
  { id: "from-domain-mismatch", stage: "session", gate: "checkFromDomain", test: client.fromDomainMismatch, result: () => failed(12),
    evidence: "inf" },
  { id: "unknown-sender", stage: "session", test: client.unknownSender, result: () => failed(11),
    evidence: "inf" },
  { id: "wrong-password", stage: "session", test: client.wrongPassword, result: () => failed(5),
    evidence: "inf" },
  { id: "local-unknown-recipient", stage: "local", switch: "unknownLocalRecipient", test: delivery.localUnknownRecipient,
    result: (b) => (b.unknownLocalRecipient === "reject4" ? failed(4) : bounced("unknown-recipient")),
    evidence: "live" },
  { id: "local-delivered", stage: "local", test: delivery.localDelivered, result: delivered,
    evidence: "pkt" },
  // From here the recipient's domain is another server's: the outgoing server relays (code 3).
  { id: "recipient-without-domain", stage: "relay", switch: RELAY, test: delivery.recipientWithoutDomain, result: relayFails("step"),
    evidence: "pkt" },
  { id: "mail-server-no-dns", stage: "relay", switch: RELAY, test: delivery.mailServerNoDns, result: relayFails("step"),
    evidence: "pkt" },
  { id: "relay-dns-unreachable", stage: "relay", switch: RELAY, test: delivery.relayDnsUnreachable, result: relayFails("timeout"),
    evidence: "inf" },
  { id: "relay-dns-silent", stage: "relay", switch: RELAY, test: delivery.relayDnsSilent, result: relayFails("timeout"),
    evidence: "inf" },
  { id: "relay-no-a-record", stage: "relay", switch: RELAY, test: delivery.relayNoARecord, result: relayFails("step"),
    evidence: "pkt" },
  { id: "relay-unreachable", stage: "remote", switch: RELAY, test: delivery.relayUnreachable, result: relayFails("timeout"),
    evidence: "inf" },
  { id: "relay-not-a-mail-server", stage: "remote", switch: RELAY, test: delivery.relayNotAMailServer, result: relayFails("step"),
    evidence: "inf" },
  { id: "relay-smtp-off", stage: "remote", switch: RELAY, test: delivery.relaySmtpOff, result: relayFails("timeout"),
    evidence: "inf" },
  { id: "relay-wrong-domain", stage: "remote", switch: RELAY, test: delivery.relayWrongDomain, result: relayFails("step"),
    evidence: "inf" },
  { id: "remote-unknown-recipient", stage: "remote", switch: "unknownRemoteRecipient", test: delivery.remoteUnknownRecipient,
    result: (b) => (b.unknownRemoteRecipient === "reject4" ? failed(4) : bounced("unknown-recipient")),
    evidence: "inf" },
  { id: "relay-delivered", stage: "remote", test: delivery.relayDelivered, result: delivered,
    evidence: "pkt" },
  { id: "session-cut", stage: "cut", test: delivery.sessionCut, result: () => failed(7),
    evidence: "inf" },
];

/** The progress codes: not outcomes, but what mailSent shows on the way (PT_BEHAVIOUR.emitProgressEvents). */
// biome-ignore format: a table
export const PROGRESS = [
  { code: 1, id: "progress-request", when: "every send that starts: the client hands the mail to its outgoing server",
    evidence: "inf" as const, source: "pt-email-and-ux.md A0 (request PDU kind), open question 1" },
  { code: 3, id: "progress-forward", when: "the recipient's domain is not the outgoing server's: it relays",
    evidence: "inf" as const, source: "pt-email-and-ux.md A0, A3 (relay by the domain's A record)" },
];
