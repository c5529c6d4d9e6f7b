// The simulator's own choices where Packet Tracer's behaviour is about the
// API and time rather than a mail's fate. What PT does with a mail (which
// condition gives which code, bounces, the disputed switches) is the model's:
// src/model/rules.ts and src/model/behaviour.ts, re-exported here.

import { RULES as MODEL_RULES, type RuleRow } from "../src/model";
import { RULE_SOURCES, RULE_WORDS } from "../src/model/rule-words";

export const POLICY = {
  /** cancelSend() during a send: null = the exchange stops with no mailSent [inferred; open question in pt-email-and-ux.md A4]. Set 7 to emit PeerReset instead. */
  cancelEmits: null as number | null,
  /** A powered-off or deleted sender ends its send with no event [inferred: PT clears the processes]. */
  senderGoneEmits: null as number | null,
  /** sendMail while a send is in flight on the same client answers false [inferred]. */
  busyReturnsFalse: true,
};

export { DSN_FROM, DSN_SUBJECT, PROGRESS, PT_BEHAVIOUR } from "../src/model";

/** The model's rule rows themselves, each given its words (src/model/rule-words.ts: the engine leaves them out). */
export const RULES = MODEL_RULES as (RuleRow & { when: string; source: string })[];
for (const row of RULES) {
  row.when = RULE_WORDS[row.id] || "(no words in src/model/rule-words.ts)";
  row.source = RULE_SOURCES[row.id] || "(no source in src/model/rule-words.ts)";
}
