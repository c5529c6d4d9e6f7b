// "Resend to the failed ones": the compose that made a group, again, for the
// mails that did not arrive. Each mail holds its own personalised text, so
// the {user}/{address} template is recovered from the first mail and kept
// only if it gives back every mail of the group exactly.
import type { Draft, MailEntry } from "../../src/protocol";
import { personalise } from "./validate";

const missed = (m: MailEntry) => m.state === "failed" || m.state === "bounced" || m.state === "cancelled";

export function resendDraft(members: MailEntry[]): Draft | null {
  const again = members.filter(missed);
  if (!again.length) return null;
  const first = members[0];
  const user = first.to.slice(0, first.to.lastIndexOf("@"));
  const template = (text: (m: MailEntry) => string) => {
    let t = text(first).split(first.to).join("{address}");
    if (user) t = t.split(user).join("{user}");
    return members.every((m) => personalise(t, m.to) === text(m)) ? t : text(again[0]);
  };
  return {
    device: first.deviceKey,
    to: again.map((m) => m.to).join(", "),
    subject: template((m) => m.subject),
    body: template((m) => m.body),
  };
}
