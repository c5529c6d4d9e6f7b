// Fixes that point the right way: when a mail fails on a name or address the
// lab does not have, and the lab has one a typo away (one or two edits, a
// swapped pair, a swapped number group), the likely fix is the typo, not new
// configuration. "DNS-SRV has no A record for beta.ogr. Fix: add an A record"
// becomes "no mail server serves beta.ogr; did you mean beta.org (MAIL-BETA)?".
// Also a recipient written "user1@" because the mail server's Domain Name is
// blank names that empty field. Only the words change: the outcome, the codes
// and the rule stay the model's.
//
// Asked for every failed mail, against a few hundred names in a large class: the
// candidate lists are kept on the snapshot's memo and a search skips what cannot
// be a typo (issue 23: a call into the engine takes 50 ms at most, and Qt's
// engine is ~40× slower than V8).
import type { Fate, MailFacts, Snapshot } from "./model";
import { ipText, isUnset, networkOf, prefixLength, sameSubnet } from "./model/addresses";
import { Memo } from "./model/topology";

/**
 * The rows editDistance works in, reused by every call. Judging a failed mail allocated 65 KB here in
 * Qt's engine, where every 4 MB allocated costs a collection of 10-15 ms paid by whichever call is
 * running (issue 23): rows made afresh, one-letter strings (charAt), and each read of a string's
 * length, which allocates in Qt (README, Qt traps). Lengths are read once per call for that reason.
 */
const ROWS: number[][] = [[], [], []];

/** Damerau–Levenshtein distance (adjacent swaps count one), capped: anything above `max` answers max + 1. */
export function editDistance(a: string, b: string, max = 2): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  let prev2 = ROWS[0];
  let prev = ROWS[1];
  let row = ROWS[2];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const ai = a.charCodeAt(i - 1);
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = row;
    row = oldest;
  }
  return prev[n];
}

/** "10.1.0.5" and "10.0.1.5": the same numbers, two groups swapped. */
function swappedGroups(a: string, b: string): boolean {
  const x = a.split(".");
  const y = b.split(".");
  if (x.length !== 4 || y.length !== 4 || a === b) return false;
  const diff = [0, 1, 2, 3].filter((i) => x[i] !== y[i]);
  return diff.length === 2 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}

/** Counts of each character (codes above 127 share one, which can only lower the bound); reused, as ROWS. */
const COUNTS: number[] = [];
/** All zeros between calls of common(). */
const USED: number[] = [];
for (let i = 0; i < 128; i++) {
  COUNTS.push(0);
  USED.push(0);
}

/** COUNTS made for `text`. */
function countInto(text: string): number[] {
  const length = text.length;
  for (let i = 0; i < 128; i++) COUNTS[i] = 0;
  for (let i = 0; i < length; i++) COUNTS[Math.min(text.charCodeAt(i), 127)]++;
  return COUNTS;
}

/** The characters `text` (of `length`) has in common with the counted text; `used` is all zeros before and after. */
function common(counts: number[], used: number[], text: string, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = Math.min(text.charCodeAt(i), 127);
    if (used[c] < counts[c]) {
      used[c]++;
      n++;
    }
  }
  for (let i = 0; i < length; i++) used[Math.min(text.charCodeAt(i), 127)] = 0;
  return n;
}

/**
 * A candidate, with its name as compared (trimmed, lower case) and that name's length when a list is
 * searched more than once: a list of 150 names read for their lengths allocated 12 KB a search in Qt.
 */
type Candidate<T> = { name: string; what: T; key?: string; keyLength?: number };

const DOTTED = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * The one candidate a typo away from `typed` (the closest; none when two are equally close or it is too short
 * to tell). A class has hundreds of names and Qt's engine is slow (issue 23: 50 ms a call), so a name is skipped
 * as soon as it cannot change the answer, and the search stops at a tie one edit away.
 */
export function closest<T>(typed: string, candidates: Candidate<T>[]): { name: string; what: T } | null {
  const t = typed.trim().toLowerCase();
  const length = t.length;
  // Two edits in a name of four letters is another name, not a typo.
  const max = length < 5 ? 1 : 2;
  let found: Candidate<T> | null = null;
  let best = max + 1;
  let tie = false;
  const counts = countInto(t);
  // Only an address can have its groups swapped: the split per candidate is spared for names.
  const dotted = DOTTED.test(t);
  for (const c of candidates) {
    // What could still change the answer: a name as close as the one found, or closer than a tie.
    const cap = !found ? max : tie ? best - 1 : best;
    if (cap < 1) break;
    const n = c.key === undefined ? c.name.trim().toLowerCase() : c.key;
    const nLength = c.keyLength === undefined ? n.length : c.keyLength;
    // Each edit changes the length by one at most; swapped groups keep it.
    if (!nLength || n === t || Math.abs(length - nLength) > cap) continue;
    // Every edit changes the characters in common by one at most (a swap by none).
    if (Math.max(length, nLength) - common(counts, USED, n, nLength) > cap) continue;
    const d = dotted && swappedGroups(t, n) ? 1 : editDistance(t, n, cap);
    if (d < best) {
      best = d;
      found = c;
      tie = false;
    } else if (d === best && found && found.name.toLowerCase() !== n) tie = true;
  }
  return found && !tie ? { name: found.name, what: found.what } : null;
}

/**
 * A list of names to search, kept on the memo with each name as compared. Only lists are kept: answers
 * would grow the memo by one a distinct typo while a snapshot lives.
 */
function candidates(memo: Memo, list: string, make: () => { name: string; what: string }[]): Candidate<string>[] {
  return memo.get("near\n" + list, () =>
    make().map((c) => {
      const key = c.name.trim().toLowerCase();
      return { name: c.name, what: c.what, key, keyLength: key.length };
    }),
  );
}

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);
const userOf = (address: string) => address.slice(0, Math.max(0, address.lastIndexOf("@")));

/** Each mail server's domain, with the device that serves it. */
function domains(s: Snapshot): { name: string; what: string }[] {
  const out: { name: string; what: string }[] = [];
  for (const d of s.devices)
    if (d.mail && d.mail !== "none" && d.mail.domain) out.push({ name: d.mail.domain, what: d.name });
  return out;
}

type Accounts = { server: string; users: string[] };

/** Each domain's accounts and the device that serves it (the first, as a lab may serve one twice). */
function accountsOf(s: Snapshot): { [domain: string]: Accounts } {
  const out: { [domain: string]: Accounts } = {};
  for (const d of s.devices) {
    const m = d.mail;
    const key = m && m !== "none" && m.domain ? "#" + m.domain.toLowerCase() : "";
    if (m && m !== "none" && key && !Object.prototype.hasOwnProperty.call(out, key))
      out[key] = {
        server: d.name,
        users: (m.accounts || []).map((a) => a.slice(0, a.indexOf(":") < 0 ? a.length : a.indexOf(":"))),
      };
  }
  return out;
}

/** Every address a device's port has, with the device. */
function addresses(s: Snapshot): { name: string; what: string }[] {
  const out: { name: string; what: string }[] = [];
  for (const d of s.devices) for (const p of d.ports || []) if (p.ip) out.push({ name: p.ip, what: d.name });
  return out;
}

/** The accounts of the server that serves `domain`, and its device name. */
function accountsIn(memo: Memo, s: Snapshot, domain: string): Accounts | null {
  const all = memo.get("near\naccounts", () => accountsOf(s));
  const key = "#" + domain.toLowerCase();
  return Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
}

function usersOf(server: { users: string[] }): { name: string; what: string }[] {
  return server.users.map((u) => ({ name: u, what: u }));
}

/** The addresses of the devices that run a mail server. */
function serverAddresses(s: Snapshot, all: { name: string; what: string }[]): { name: string; what: string }[] {
  const servers: { [name: string]: boolean } = {};
  for (const d of s.devices) if (d.mail && d.mail !== "none") servers["#" + d.name] = true;
  return all.filter((a) => servers["#" + a.what] === true);
}

/** The words of a fate, with the typo or the empty setting named where the lab shows one. */
export function nearMiss(
  snapshot: Snapshot,
  mail: MailFacts,
  fate: Fate,
  memo: Memo = new Memo(),
): { cause: string; fix: string } | null {
  const to = mail.to.trim();
  switch (fate.rule) {
    case "relay-no-a-record":
    case "relay-wrong-domain":
    case "relay-not-a-mail-server": {
      const domain = domainOf(to);
      const all = candidates(memo, "domains", () => domains(snapshot));
      if (all.some((d) => d.name.toLowerCase() === domain.toLowerCase())) return null;
      const near = closest(domain, all);
      if (!near) return null;
      return {
        cause: `no mail server serves ${domain}; did you mean ${near.name} (${near.what})?`,
        fix: `write the recipient as ${userOf(to)}@${near.name}`,
      };
    }
    case "local-unknown-recipient":
    case "remote-unknown-recipient": {
      const server = accountsIn(memo, snapshot, domainOf(to));
      const near =
        server &&
        closest(
          userOf(to),
          candidates(memo, "users\n" + server.server, () => usersOf(server)),
        );
      if (!server || !near) return null;
      const address = near.name + "@" + domainOf(to);
      return {
        cause: `${server.server} has no account ${userOf(to)}; did you mean ${address}?`,
        fix: `write the recipient as ${address}, or add the user ${userOf(to)} on ${server.server}`,
      };
    }
    case "unknown-sender": {
      const server = accountsIn(memo, snapshot, domainOf(mail.from));
      const near =
        server &&
        closest(
          userOf(mail.from),
          candidates(memo, "users\n" + server.server, () => usersOf(server)),
        );
      if (!server || !near) return null;
      return {
        cause: `${server.server} has no account ${userOf(mail.from)}; did you mean ${near.name}?`,
        fix: `set From to ${near.name}@${domainOf(mail.from)}`,
      };
    }
    case "server-unreachable": {
      const ip = mail.server.trim();
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return null;
      const all = candidates(memo, "addresses", () => addresses(snapshot));
      if (all.some((a) => a.name === ip)) return noRouter(snapshot, mail.device, ip);
      // A mail server a typo away first: that is what the field is for.
      const near =
        closest(
          ip,
          candidates(memo, "servers", () => serverAddresses(snapshot, all)),
        ) || closest(ip, all);
      if (!near) return null;
      return {
        cause: `${ip}: no device has this address; ${near.what} has ${near.name}`,
        fix: `set the outgoing server to ${near.name}`,
      };
    }
    case "recipient-without-domain": {
      if (to.charAt(to.length - 1) !== "@") return null;
      // The outgoing server if it is one of them, else the only one.
      const blank = snapshot.devices.filter((d) => d.mail && d.mail !== "none" && d.mail.domain === "");
      const at = blank.filter((d) => (d.ports || []).some((p) => p.ip === mail.server.trim()));
      const server = at[0] || (blank.length === 1 ? blank[0] : null);
      if (!server) return null;
      return {
        cause: `${server.name}'s Domain Name is empty, so the Email client wrote the recipient as ${to}`,
        fix: `set the Domain Name of ${server.name}'s Email service (Services > EMAIL)`,
      };
    }
    default:
      return null;
  }
}

/**
 * Sender and server on two networks in a lab with no router: a gateway would
 * lead nowhere, so the fix is an address or a mask. Said only when every
 * device's kind is known and none routes (an unknown kind might).
 */
function noRouter(snapshot: Snapshot, sender: string, ip: string): { cause: string; fix: string } | null {
  if (snapshot.devices.some((d) => d.kind === null || d.kind === "router")) return null;
  const from = snapshot.devices.filter((d) => d.name === sender)[0];
  const port = from && (from.ports || []).filter((p) => !isUnset(p.ip) && !!p.mask)[0];
  if (!from || !port || !port.ip || !port.mask || sameSubnet(port.ip, ip, port.mask)) return null;
  const to = snapshot.devices.filter((d) => (d.ports || []).some((p) => p.ip === ip))[0];
  const theirs = (to.ports || []).filter((p) => p.ip === ip)[0];
  const mask = theirs.mask || port.mask;
  const network = networkOf(ip, mask);
  if (network === null) return null;
  return {
    cause: `${from.name} (${port.ip}/${prefixLength(port.mask)}) and ${to.name} (${ip}) are on different networks, and the lab has no router to join them`,
    fix: `give ${from.name} an address in ${ipText(network)}/${prefixLength(mask)}, or correct the masks, so both are on one network`,
  };
}
