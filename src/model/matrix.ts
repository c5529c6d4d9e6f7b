// Who can mail whom: every sender (a device with an Email account) against
// every account of every mail server in the snapshot, each pair's fate as
// decideFate gives it, and the causes of the failures grouped by what to fix,
// so one broken fact is read once, not once per pair it breaks.
import type { Evidence, PtBehaviour } from "./behaviour";
import { decideFates, type Fate } from "./fate";
import type { Snapshot } from "./snapshot";
import { indexTopology, type Topology } from "./topology";

/** A device's Email account (Desktop > Email > Configure Mail), as the engine's device registry reads it. */
export interface MailClient {
  device: string;
  mailId: string;
  user: string;
  password: string;
  smtpServer: string;
}

export type Predicted = "delivered" | "bounced" | "failed" | "unknown";

export interface MatrixCell {
  /** The sending device, and its account's address. */
  device: string;
  from: string;
  /** An account of a mail server: user@domain. */
  to: string;
  predicted: Predicted;
  codes: number[];
  /** The code mailSent ends with: 2 for delivered and bounced, the failure's code (null: no mailSent), null when unknown. */
  code: number | null;
  cause: string;
  fix: string;
  rule: string;
  evidence: Evidence;
}

export interface CauseGroup {
  /** The grouping key (causeKey): a cell belongs to the group whose key is its own. */
  key: string;
  cause: string;
  fix: string;
  /** How many cells the fix repairs. */
  pairs: number;
  /** The rule rows that decided those cells, in order of first appearance, joined by ", ". */
  rule: string;
}

export interface DeliveryMatrix {
  /** The devices whose account has an address, in the order given. */
  senders: MailClient[];
  /** Every user@domain of every mail server, in snapshot order. */
  roster: string[];
  /** Sender by sender, each against the roster in order. */
  cells: MatrixCell[];
  /** Most pairs first. */
  causes: CauseGroup[];
}

/**
 * Rows whose fix is made on the sender itself (its Configure Mail, or a resend)
 * while the fix text need not name it: two senders with the same slip are two
 * fixes, so their groups are kept apart by the sender's name.
 */
const FIXED_ON_SENDER = [
  "server-blank",
  "cold-arp",
  "not-a-mail-server",
  "from-domain-mismatch",
  "unknown-sender",
  "wrong-password",
];

/**
 * The accounts every sender is asked against. A server whose domain or
 * accounts could not be read names no address, so it adds none.
 */
export function rosterOf(snapshot: Snapshot): string[] {
  const roster: string[] = [];
  // A Set, not indexOf on the list: a server of 100,000 users made that quadratic (issue 27).
  const seen = new Set<string>();
  for (const d of snapshot.devices) {
    const m = d.mail;
    if (!m || m === "none" || m.domain === null || m.accounts === null) continue;
    for (const account of m.accounts) {
      const colon = account.indexOf(":");
      const user = colon < 0 ? account : account.slice(0, colon);
      const address = user + "@" + m.domain.trim();
      if (!user || seen.has(address)) continue;
      seen.add(address);
      roster.push(address);
    }
  }
  return roster;
}

export function deliveryMatrix(snapshot: Snapshot, clients: MailClient[], behaviour: PtBehaviour): DeliveryMatrix {
  const rows = matrixRows(snapshot, clients, behaviour);
  let more = true;
  while (more) more = rows.next();
  return rows.matrix();
}

/** The matrix a sender's row at a time, so a large one is worked out across several calls (issue 23). */
export interface MatrixRows {
  /** Works out the next part of a row (ROW_PART cells at most); false when there was none left. */
  next(): boolean;
  progress(): { done: number; total: number };
  /** Cells per row: the roster's length. */
  width: number;
  /** The cells worked out since the last take, forgotten here: matrix() then has the rest (the engine keeps them as text). */
  take(): MatrixCell[];
  matrix(): DeliveryMatrix;
}

/**
 * Cells worked out per step: a row of 300 accounts took 25-70 ms in Qt, over PT's 50 ms a call (issue 23).
 * 50, not 100: a tick stops before a step would overrun its budget, but a collection (15-25 ms at 300
 * devices) falls in some step, and that step's own work then comes on top; at 100 such ticks reached 55 ms.
 */
const ROW_PART = 50;

/** `topo`: the snapshot's index to share (the engine judges mails on it too), else one of its own. */
export function matrixRows(
  snapshot: Snapshot,
  clients: MailClient[],
  behaviour: PtBehaviour,
  topo: Topology = indexTopology(snapshot),
): MatrixRows {
  const senders = clients.filter((c) => String(c.mailId).trim() !== "");
  const roster = rosterOf(snapshot);
  const cells: MatrixCell[] = [];
  // Grouped row by row too: 43,000 failing cells took 0.6 s to group at once in Qt 5.15.
  const causes = causeGroups();
  // One index of the snapshot for every cell: its answers (paths, lookups) serve them all.
  let done = 0;
  let col = 0;
  return {
    next() {
      if (done >= senders.length) return false;
      const s = senders[done];
      const sender = { device: s.device, from: s.mailId.trim(), password: s.password, server: s.smtpServer };
      const part = roster.slice(col, col + ROW_PART);
      const fates = decideFates(snapshot, sender, part, behaviour, topo);
      for (let i = 0; i < part.length; i++) {
        const cell = cellOf(s.device, sender.from, part[i], fates[i]);
        cells.push(cell);
        causes.add(cell);
      }
      col += part.length;
      if (col >= roster.length) {
        col = 0;
        done++;
      }
      return true;
    },
    progress: () => ({ done, total: senders.length }),
    width: roster.length,
    take: () => cells.splice(0),
    matrix: () => ({ senders, roster, cells, causes: causes.groups() }),
  };
}

function cellOf(device: string, from: string, to: string, fate: Fate): MatrixCell {
  const o = fate.outcome;
  const code = o.kind === "failed" ? o.code : o.kind === "unknown" ? null : 2;
  return {
    device,
    from,
    to,
    predicted: o.kind,
    // A fate decided by the sender's side is every recipient's (decideFates): each cell its own codes.
    codes: fate.codes.slice(),
    code,
    cause: fate.cause,
    fix: fate.fix,
    rule: fate.rule,
    evidence: fate.evidence,
  };
}

/**
 * What keeps a cell from being delivered, as the thing to fix. The model's fix
 * names the device or record to change and not the pair (a path's fix is the
 * blocked hop's, e.g. "add a route on R1 to …"), so the fix text is the key;
 * rows fixed on the sender add its name (FIXED_ON_SENDER). A cell with no fix
 * text is keyed by its cause. An unknown cell waits on the fact after the last
 * ": " of its cause (a fact not read, a device's feature not modeled: unmodeled.ts),
 * whichever path met it.
 */
export function causeKey(cell: MatrixCell): string {
  const key = cell.predicted === "unknown" ? "unknown\n" + tailOf(cell.cause) : cell.fix || cell.cause;
  return FIXED_ON_SENDER.indexOf(cell.rule) >= 0 ? key + "\n" + cell.device : key;
}

/** The cells not delivered, one group per thing to fix, most pairs first (ties: first seen first). */
export function groupCauses(cells: MatrixCell[]): CauseGroup[] {
  const causes = causeGroups();
  for (const cell of cells) causes.add(cell);
  return causes.groups();
}

interface Group {
  key: string;
  /** Its place in the order groups were first met, and its first cell. */
  at: number;
  first: MatrixCell;
  pairs: number;
  rules: string[];
  /** The ": "-parts every cause so far ends in (all of the first's while all are the same). */
  tail: string[];
  /** ": " and the tail joined: a cause ending in it keeps the tail, unsplit (a split costs 40 µs in Qt 5.15). */
  ending: string;
}

/** groupCauses a cell at a time. A Map: a long key in an object costs Qt 5.15 20 times as much. */
function causeGroups(): { add(cell: MatrixCell): void; groups(): CauseGroup[] } {
  const list: Group[] = [];
  const byKey = new Map<string, Group>();
  return {
    add(cell) {
      if (cell.predicted === "delivered") return;
      const key = causeKey(cell);
      const c = cell.cause;
      let g = byKey.get(key);
      if (!g) {
        g = {
          key,
          at: list.length,
          first: cell,
          pairs: 0,
          rules: [],
          tail: c.split(": "),
          ending: ": " + c,
        };
        byKey.set(key, g);
        list.push(g);
      }
      g.pairs++;
      if (g.rules.indexOf(cell.rule) < 0) g.rules.push(cell.rule);
      if (g.tail.length && !(": " + c).endsWith(g.ending)) shorten(g, c.split(": "));
    },
    groups() {
      const order = list.slice();
      order.sort((a, b) => b.pairs - a.pairs || a.at - b.at);
      return order.map(groupOf);
    },
  };
}

/**
 * The cause the pairs share, one more cause in. The model words a blocked way as
 * "who cannot reach what: why" (row.ts reached), so pairs with one fix differ in
 * the lead and share the tail after a ": "; that tail is the broken fact.
 */
function shorten(g: Group, parts: string[]): void {
  const tail = g.tail;
  let n = 0;
  while (n < tail.length && n < parts.length && tail[tail.length - 1 - n] === parts[parts.length - 1 - n]) n++;
  g.tail = tail.slice(tail.length - n);
  g.ending = ": " + g.tail.join(": ");
}

function groupOf(g: Group): CauseGroup {
  const first = g.first;
  let cause = g.tail.length ? g.tail.join(": ") : first.cause + " (and " + (g.pairs - 1) + " like it)";
  if (FIXED_ON_SENDER.indexOf(first.rule) >= 0 && cause.indexOf(first.device) < 0) cause = first.device + ": " + cause;
  const fix = first.predicted === "unknown" ? "check this in Packet Tracer: " + tailOf(cause) : first.fix;
  return { key: g.key, cause, fix, pairs: g.pairs, rule: g.rules.join(", ") };
}

function tailOf(cause: string): string {
  const at = cause.lastIndexOf(": ");
  return at < 0 ? cause : cause.slice(at + 2);
}
