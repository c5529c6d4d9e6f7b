// Which condition gives which SmtpResponseType, and how the simulator behaves
// where Packet Tracer's behaviour is not documented. One table, with evidence:
// when a check in real PT disagrees, change the row here.
// Evidence: "documented" = a cited source states it; "live" = someone ran it
// on a real PT (version given); "inferred" = reasoned (see the source).

export type Evidence = "documented" | "live" | "inferred";

export interface Trigger {
  code: number;
  when: string;
  evidence: Evidence;
  source: string;
}

/** The triggers, in the order the delivery path checks them. */
export const TRIGGERS: readonly Trigger[] = [
  { code: 1, when: "the client starts the SMTP exchange with its outgoing server (progress, first event of every send)", evidence: "inferred", source: "enum name; request PDU kind (pt-email-and-ux.md A0)" },
  { code: 8, when: "the outgoing server is a name and the sender has no DNS server, or the DNS server does not answer (unreachable, powered off, DNS service off)", evidence: "inferred", source: "enum name; HTTP analog dns_server_not_found (A4)" },
  { code: 9, when: "the DNS server answers, but has no A record for the outgoing server's name", evidence: "inferred", source: "empty DNS response (A3, E-ui); HTTP analog host_not_found" },
  { code: 6, when: "no TCP answer from the outgoing server in time: no route, wrong gateway, link or power down, SMTP service OFF, or the first send after a link came up (ARP)", evidence: "live", source: "ARP first-send timeout live on PT 9.0.1 (A2); the rest inferred (A4)" },
  { code: 10, when: "the outgoing server address answers but is not a mail server (a PC or laptop)", evidence: "inferred", source: "HTTP analog protocol_error; alt of 'target is not a mail server' (A4)" },
  { code: 7, when: "the session is cut after it started: the server's SMTP is switched OFF, the server is powered off, or a link on the path goes down", evidence: "inferred", source: "TCP PEER_RESET event (PT 8.1 decompile, A0)" },
  { code: 12, when: "the sender's domain (after @ in From) is not the server's Domain Name", evidence: "inferred", source: "enum name; the domain lives on SmtpServer (A4)" },
  { code: 11, when: "the server has no user named like the part before @ in From", evidence: "inferred", source: "enum name (A4)" },
  { code: 5, when: "the password does not match the server's User Setup", evidence: "inferred", source: "password travels in the SMTP PDU; POP3 has no separate auth code (A0, A4)" },
  { code: 3, when: "the recipient's domain is not the server's: the server relays to that domain's server (progress)", evidence: "inferred", source: "enum name; relay by A record of the domain (A3)" },
  { code: 13, when: "relaying, the server cannot find or reach the recipient domain's server: no DNS on the server, no A record for the domain, no route, that server's SMTP OFF, or it serves another domain", evidence: "inferred", source: "DSN 'before DNS was properly set up' (S11); enum name" },
  { code: 4, when: "relaying, the recipient domain's server has no such user", evidence: "inferred", source: "enum name 'Remote…' (A4)" },
  { code: 2, when: "the mail is stored in the recipient's mailbox; also for an unknown LOCAL recipient, which then gets a DSN bounce", evidence: "live", source: "accept-then-DSN live on PT 9.0.1 (A2, S8); GUI 'Send Success.'" },
];

/** Where PT's behaviour is unknown, the simulator's choice. */
export const POLICY = {
  /** cancelSend() during a send: null = the exchange stops with no mailSent [inferred; open question in A4]. Set 7 to emit PeerReset instead. */
  cancelEmits: null as number | null,
  /** An unknown local recipient: accepted (2) with a DSN bounce to the sender [live 9.0.1]. "reject4" answers 4 instead. */
  unknownLocalRecipient: "acceptThenDsn" as "acceptThenDsn" | "reject4",
  /** SMTP service OFF on the outgoing server: 6 [inferred; alt 7]. */
  smtpOffCode: 6,
  /** The first send after a link on the sender comes up times out while ARP resolves [live 9.0.1]. */
  coldArpFirstSendTimeout: true,
  /** A powered-off or deleted sender ends its send with no event [inferred: PT clears the processes]. */
  senderGoneEmits: null as number | null,
  /** Progress events 1 and 3 are emitted before the terminal code [inferred; open question 1]. */
  emitProgressEvents: true,
  /** sendMail while a send is in flight on the same client answers false [inferred]. */
  busyReturnsFalse: true,
};

/** The subject of a bounce, as PT's inbox shows it [documented: S11]. */
export const DSN_SUBJECT = "Delivery Status Notification (Failure)";
