// Each rule row's condition in words and the source of its evidence (rules.ts),
// for the README's code table
// (build/code-table.mjs) and `npm run scenarios`. Kept apart from the rows so
// the engine, which never shows them, does not carry them (its gzip budget).
// The simulator joins them to the rows (sim/rules.ts).

export const RULE_WORDS: { [id: string]: string } = {
  "sender-off": "the sending device is powered off: sendMail answers false, no mailSent follows",
  "server-blank": "the outgoing server is empty",
  "client-no-dns-server": "the outgoing server is a name and the sender has no DNS server, set or on its subnet",
  "client-dns-unreachable": "the sender cannot reach its DNS server",
  "client-dns-silent": "the sender's DNS server does not answer: not a DNS server, or DNS OFF",
  "client-no-a-record": "the sender's DNS server has no A record for the outgoing server's name",
  "server-unreachable":
    "no way to the outgoing server and back: a device off, a port or link down, no or wrong gateway, no route",
  "cold-arp": "the sender's ARP cache lacks the next hop: the first send after cabling or power-on",
  "not-a-mail-server": "the outgoing server's address answers, but not as a mail server (a PC, a router)",
  "smtp-off": "the outgoing server's SMTP service is OFF",
  "from-domain-mismatch": "the From domain is not the server's Domain Name (12's real trigger is unknown)",
  "unknown-sender": "the server has no account named like the part before @ in From",
  "wrong-password": "the password is not the account's (the user is checked first)",
  "local-unknown-recipient": "the recipient is in the server's own domain and has no account there",
  "local-delivered": "the recipient is in the server's own domain: stored in their mailbox",
  "recipient-without-domain": "relaying, the recipient has no @domain",
  "mail-server-no-dns": "relaying, the outgoing server has no DNS server, set or on its subnet",
  "relay-dns-unreachable": "relaying, the outgoing server cannot reach its DNS server",
  "relay-dns-silent": "relaying, the outgoing server's DNS server does not answer: not a DNS server, or DNS OFF",
  "relay-no-a-record": "relaying, no A record for the recipient's domain",
  "relay-unreachable": "relaying, no way to the recipient domain's server and back",
  "relay-not-a-mail-server": "relaying, the recipient domain's address is not a mail server",
  "relay-smtp-off": "relaying, the recipient domain's server has SMTP OFF",
  "relay-wrong-domain": "relaying, the server at the domain's address serves another domain",
  "remote-unknown-recipient": "relaying, the recipient domain's server has no such account",
  "relay-delivered": "relayed to the recipient domain's server and stored in their mailbox",
  "session-cut": "the session is cut: SMTP switched OFF, the server powered off, or its path down during the send",
};

const A1 = "pt-labs-and-fidelity.md A1";
const A4 = "pt-labs-and-fidelity.md A4";
const UX = "pt-email-and-ux.md A4";
const LAN = "docs/evidence/unset-dns.md";

/** Where each row's evidence is, in the research notes. */
export const RULE_SOURCES: { [id: string]: string } = {
  "sender-off": "sim POLICY (a powered-off device runs no processes)",
  "server-blank": `${UX} row 13 ("an empty or unknown outgoing-server field")`,
  "client-no-dns-server": `${UX} row 8 (HTTP analog dns_server_not_found); ${LAN}`,
  "client-dns-unreachable": `${UX} row 8`,
  "client-dns-silent": `${UX} row 8`,
  "client-no-a-record": `${UX} row 9 (empty DNS answer, E-ui)`,
  "server-unreachable": `${A4} (server unreachable)`,
  "cold-arp": "pt-email-and-ux.md A2 (live 9.0.1, S8)",
  "not-a-mail-server": `${UX} row 10 (HTTP analog protocol_error)`,
  "smtp-off": `${A4} (SMTP OFF: none found)`,
  "from-domain-mismatch": "pt-labs-and-fidelity.md A2 (a mismatch was delivered, pkt 8.2.2), A4",
  "unknown-sender": `${A4} (unknown sender: none found)`,
  "wrong-password": `${A4} (wrong password: none found), A5.3 (11 before 5)`,
  "local-unknown-recipient": `${A1} variant 1 (pkt 8.2.0); pt-email-and-ux.md A2 (live 9.0.1)`,
  "local-delivered": `${A1}, A2 (delivered mails in saved mailboxes, pkt 8.2.0, 8.2.2)`,
  "recipient-without-domain": `${A1} variant 2 (pkt 8.2.2 ×3)`,
  "mail-server-no-dns": `${A1} variant 2 (pkt 8.2.2 ×2, no DNS server in the lab); ${LAN}`,
  "relay-dns-unreachable": `${A4} (by analogy with variant 2)`,
  "relay-dns-silent": `${A4} (by analogy with variant 2)`,
  "relay-no-a-record": `${LAN} (pkt 8.2.1 ×3)`,
  "relay-unreachable": `${A4} (relay target unreachable: by analogy)`,
  "relay-not-a-mail-server": `${A4} (by analogy)`,
  "relay-smtp-off": `${A4} (its SMTP OFF: by analogy)`,
  "relay-wrong-domain": `${A4} (wrong domain: by analogy)`,
  "remote-unknown-recipient": `${A4} (remote unknown user: refined, 4 unobserved)`,
  "relay-delivered": `${LAN} (pkt 8.2.1 ×9, 7.0)`,
  "session-cut": "pt-email-and-ux.md A0 (TCP PEER_RESET, PT 8.1 decompile), A4 row 7",
};
