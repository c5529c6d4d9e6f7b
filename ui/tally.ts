// Running totals over the mails the panel holds, kept as entries arrive,
// change and leave, so that no push recounts every mail: the counters, what
// each device still has moving (Cancel), each compose's group, and the
// devices and recipient domains the log's filters offer.
import type { MailEntry, MailState } from "../src/protocol";
import { statusText } from "./status";

export type StateCounts = { [S in MailState]: number };

export const inProgress = (n: StateCounts) => n.queued + n.sending + n.forwarding;

/** The mails of one compose (a class send is one group), or one mail on its own. */
export interface Group {
  id: number;
  size: number;
  n: StateCounts;
  /** Moves on at every change, so a view of the group knows to render again. */
  rev: number;
  device: string;
  subject: string;
  at: number;
  file: number;
}

/** What was counted for a mail, so it can be taken back out exactly. */
interface Counted {
  rev: number;
  state: MailState;
  key: string;
  device: string;
  domain: string;
  group: number;
  mine: boolean;
}

const zero = (): StateCounts => ({
  queued: 0,
  sending: 0,
  forwarding: 0,
  delivered: 0,
  bounced: 0,
  failed: 0,
  cancelled: 0,
});

export const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

export class Tally {
  /** Mails kept, by state. */
  n = zero();
  groups = new Map<number, Group>();
  /** Console mails queued or moving, per device key: what Cancel would act on. */
  pending = new Map<string, number>();
  /** Mails per device name and per recipient domain. */
  devices = new Map<string, number>();
  domains = new Map<string, number>();
  // Not the entries themselves: a caller in the engine's realm may hand over objects the engine later changes.
  private counted = new Map<number, Counted>();

  rev(id: number): number {
    const c = this.counted.get(id);
    return c ? c.rev : -1;
  }

  /** Counts a mail in (again); answers its previous state, if it was counted before. */
  put(m: MailEntry): MailState | undefined {
    const old = this.counted.get(m.id);
    if (old) this.count(old, -1);
    const c: Counted = {
      rev: m.rev,
      state: m.state,
      key: m.deviceKey,
      device: m.device,
      domain: domainOf(m.to),
      group: m.group || m.id,
      mine: m.origin === "console",
    };
    this.counted.set(m.id, c);
    this.count(c, 1, m);
    return old ? old.state : undefined;
  }

  drop(id: number): void {
    const old = this.counted.get(id);
    if (!old) return;
    this.counted.delete(id);
    this.count(old, -1);
  }

  private count(c: Counted, k: 1 | -1, m?: MailEntry): void {
    this.n[c.state] += k;
    if (c.mine && (c.state === "queued" || c.state === "sending" || c.state === "forwarding"))
      bump(this.pending, c.key, k);
    bump(this.devices, c.device, k);
    bump(this.domains, c.domain, k);
    let g = this.groups.get(c.group);
    if (!g) {
      if (!m) return;
      g = {
        id: c.group,
        size: 0,
        n: zero(),
        rev: 0,
        device: "",
        subject: m.template || m.subject,
        at: m.queuedAt,
        file: m.file,
      };
      this.groups.set(c.group, g);
    }
    if (m) g.device = m.device;
    if (m?.template) g.subject = m.template;
    g.size += k;
    g.n[c.state] += k;
    g.rev++;
    if (!g.size) this.groups.delete(c.group);
  }
}

function bump<K>(map: Map<K, number>, key: K, k: number): void {
  const v = (map.get(key) || 0) + k;
  if (v) map.set(key, v);
  else map.delete(key);
}

/** "27 delivered, 2 bounced, 1 failed" */
function outcomeText(n: StateCounts): string {
  const parts: string[] = [];
  for (const s of ["delivered", "bounced", "failed", "cancelled"] as const) if (n[s]) parts.push(n[s] + " " + s);
  if (inProgress(n)) parts.push(inProgress(n) + " in progress");
  return parts.join(", ");
}

/** "sent to 30: 27 delivered, 2 bounced, 1 failed" */
export function groupText(g: Group): string {
  return (inProgress(g.n) ? "sending to " : "sent to ") + g.size + ": " + outcomeText(g.n);
}

/** What became of a send, as the compose form and the announcement say it: "Sent to 3: …." or "Mail to bob@beta.org: Delivered." */
export const sentence = (g: Group, one?: MailEntry) =>
  g.size > 1 || !one ? "S" + groupText(g).slice(1) + "." : `Mail to ${one.to}: ${statusText(one)}.`;
