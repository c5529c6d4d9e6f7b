// What each of PT_BEHAVIOUR's switches says, and where its evidence is, for the
// playground and the README. Kept apart from the switches so the engine, which
// never shows them, does not carry them (its gzip budget).
import type { SwitchName } from "./behaviour";

export const SWITCH_WORDS: { [K in SwitchName]: { source: string; says: string } } = {
  emitProgressEvents: {
    source: "pt-email-and-ux.md A0 (1 and 3 are request PDU kinds), open question 1",
    says: "mailSent carries 1 (request) and 3 (relay) before the terminal code",
  },
  coldArpFirstSendTimeout: {
    source: "pt-email-and-ux.md A2 (live 9.0.1, S8): the first mail after cabling can time out while ARP resolves",
    says: "a sender whose ARP cache lacks the next hop times out (6) once; the resend works",
  },
  smtpOffCode: {
    source: "pt-labs-and-fidelity.md A4 (SMTP service OFF: none found); pt-email-and-ux.md A4 row 6",
    says: "SMTP OFF on the outgoing server: a silent port (6, timeout); 7 answers with a reset",
  },
  checkFromDomain: {
    source:
      "pt-labs-and-fidelity.md A2: From domain ≠ server domain was delivered in PT 8.2.2 (Innovatech uni.pkt); A4: 12's real trigger is unknown",
    says: "a From domain other than the server's Domain Name is refused with 12",
  },
  unknownLocalRecipient: {
    source: "pt-labs-and-fidelity.md A1 variant 1 (pkt 8.2.0) and pt-email-and-ux.md A2 (live 9.0.1, S8)",
    says: 'an unknown user in the server\'s own domain: accepted (2), then the "account does not exist" DSN; reject4 answers 4',
  },
  unknownRemoteRecipient: {
    source:
      "pt-labs-and-fidelity.md A4: by analogy with the local variant-1 DSN, which PT words as a remote rejection; 4 never observed",
    says: 'an unknown user at the other domain\'s server: accepted (2), then the "account does not exist" DSN; reject4 answers 4',
  },
  unsetDnsServer: {
    source: "docs/evidence/unset-dns.md (pkt 8.2.1 ×9, 7.0: 46 of 47 outcomes)",
    says: "no DNS server set: ask those on the subnet; none: fail",
  },
  relayFailure: {
    source:
      "pt-labs-and-fidelity.md A1 variant 2 (pkt 8.2.2 ×3: no domain, no DNS server on the mail server), A4, A5.2",
    says: 'a relay that cannot find or reach the recipient\'s domain: accepted (2), then the "Domain name not found" DSN; reject13 answers 13',
  },
};
