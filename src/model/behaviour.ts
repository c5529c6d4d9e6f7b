// The points where what PT does is disputed or unobserved: one switch each,
// with its default and the evidence for that default. The model reads them;
// the simulator keeps a copy on its World so tests and the playground can flip
// them. When a real PT settles one, change its default here.

export type Evidence = "live" | "pkt" | "inf";

interface Switch<T> {
  default: T;
  /** The other values the switch can take. */
  alternatives: T[];
  /** Its source and what it says: SWITCH_WORDS (behaviour-words.ts), which the engine leaves out. */
  evidence: Evidence;
}

function choice<T>(value: T, alternatives: T[], evidence: Evidence): Switch<T> {
  return { default: value, alternatives, evidence };
}

export const PT_BEHAVIOUR = {
  emitProgressEvents: choice(true, [false], "inf"),
  coldArpFirstSendTimeout: choice(true, [false], "live"),
  smtpOffCode: choice<6 | 7>(6, [7], "inf"),
  checkFromDomain: choice(false, [true], "pkt"),
  unknownLocalRecipient: choice<"acceptThenDsn" | "reject4">("acceptThenDsn", ["reject4"], "live"),
  unknownRemoteRecipient: choice<"acceptThenDsn" | "reject4">("acceptThenDsn", ["reject4"], "inf"),
  unsetDnsServer: choice<"askLan" | "none">("askLan", ["none"], "pkt"),
  relayFailure: choice<"acceptThenDsn" | "reject13">("acceptThenDsn", ["reject13"], "pkt"),
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
