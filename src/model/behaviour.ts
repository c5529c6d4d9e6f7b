// The points where what PT does is disputed or unobserved: one switch each,
// with its default and the evidence for that default. The model reads them;
// the simulator keeps a copy on its World so tests and the playground can flip
// them. When a real PT settles one, change its default here.

export type Evidence = "live" | "pkt" | "inf";

interface Switch<T> {
  default: T;
  /** The other values the switch can take. */
  alternatives: T[];
  evidence: Evidence;
  source: string;
  says: string;
}

function choice<T>(value: T, alternatives: T[], evidence: Evidence, source: string, says: string): Switch<T> {
  return { default: value, alternatives, evidence, source, says };
}

export const PT_BEHAVIOUR = {
  emitProgressEvents: choice(
    true,
    [false],
    "inf",
    "pt-email-and-ux.md A0 (1 and 3 are request PDU kinds), open question 1",
    "mailSent carries 1 (request) and 3 (relay) before the terminal code",
  ),
  coldArpFirstSendTimeout: choice(
    true,
    [false],
    "live",
    "pt-email-and-ux.md A2 (live 9.0.1, S8): the first mail after cabling can time out while ARP resolves",
    "a sender whose ARP cache lacks the next hop times out (6) once; the resend works",
  ),
  smtpOffCode: choice<6 | 7>(
    6,
    [7],
    "inf",
    "pt-labs-and-fidelity.md A4 (SMTP service OFF: none found); pt-email-and-ux.md A4 row 6",
    "SMTP OFF on the outgoing server: a silent port (6, timeout); 7 answers with a reset",
  ),
  checkFromDomain: choice(
    false,
    [true],
    "pkt",
    "pt-labs-and-fidelity.md A2: From domain ≠ server domain was delivered in PT 8.2.2 (Innovatech uni.pkt); A4: 12's real trigger is unknown",
    "a From domain other than the server's Domain Name is refused with 12",
  ),
  unknownLocalRecipient: choice<"acceptThenDsn" | "reject4">(
    "acceptThenDsn",
    ["reject4"],
    "live",
    "pt-labs-and-fidelity.md A1 variant 1 (pkt 8.2.0) and pt-email-and-ux.md A2 (live 9.0.1, S8)",
    'an unknown user in the server\'s own domain: accepted (2), then the "account does not exist" DSN; reject4 answers 4',
  ),
  unknownRemoteRecipient: choice<"acceptThenDsn" | "reject4">(
    "acceptThenDsn",
    ["reject4"],
    "inf",
    "pt-labs-and-fidelity.md A4: by analogy with the local variant-1 DSN, which PT words as a remote rejection; 4 never observed",
    'an unknown user at the other domain\'s server: accepted (2), then the "account does not exist" DSN; reject4 answers 4',
  ),
  relayFailure: choice<"acceptThenDsn" | "reject13">(
    "acceptThenDsn",
    ["reject13"],
    "pkt",
    "pt-labs-and-fidelity.md A1 variant 2 (pkt 8.2.2 ×3: no domain, no DNS server on the mail server), A4, A5.2",
    'a relay that cannot find or reach the recipient\'s domain: accepted (2), then the "Domain name not found" DSN; reject13 answers 13',
  ),
};

export type SwitchName = keyof typeof PT_BEHAVIOUR;

export type PtBehaviour = { [K in SwitchName]: (typeof PT_BEHAVIOUR)[K]["default"] };

/** A fresh copy of the documented defaults. */
export function defaultBehaviour(): PtBehaviour {
  const b: { [key: string]: unknown } = {};
  for (const key of Object.keys(PT_BEHAVIOUR))
    b[key] = (PT_BEHAVIOUR as { [key: string]: Switch<unknown> })[key].default;
  return b as PtBehaviour;
}

/** The defaults with some switches flipped. */
export function behaviourWith(changes: Partial<PtBehaviour>): PtBehaviour {
  return Object.assign(defaultBehaviour(), changes);
}
