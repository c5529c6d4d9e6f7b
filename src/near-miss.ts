// Fixes that point the right way: when a mail fails on a name or address the
// lab does not have, and the lab has one a typo away (one or two edits, a
// swapped pair, a swapped number group), the likely fix is the typo, not new
// configuration. "DNS-SRV has no A record for beta.ogr. Fix: add an A record"
// becomes "no mail server serves beta.ogr; did you mean beta.org (MAIL-BETA)?".
// Also a recipient written "user1@" because the mail server's Domain Name is
// blank names that empty field. Only the words change: the outcome, the codes
// and the rule stay the model's.
import type { Fate, MailFacts, Snapshot } from "./model";
import { ipText, isUnset, networkOf, prefixLength, sameSubnet } from "./model/addresses";

/** Damerau–Levenshtein distance (adjacent swaps count one), capped: anything above `max` answers max + 1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = [];
  for (let j = 0; j <= b.length; j++) prev.push(j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1))
        d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** "10.1.0.5" and "10.0.1.5": the same numbers, two groups swapped. */
function swappedGroups(a: string, b: string): boolean {
  const x = a.split(".");
  const y = b.split(".");
  if (x.length !== 4 || y.length !== 4 || a === b) return false;
  const diff = [0, 1, 2, 3].filter((i) => x[i] !== y[i]);
  return diff.length === 2 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}

/** The one candidate a typo away from `typed` (the closest; none when two are equally close or it is too short to tell). */
export function closest<T>(typed: string, candidates: { name: string; what: T }[]): { name: string; what: T } | null {
  const t = typed.trim().toLowerCase();
  // Two edits in a name of four letters is another name, not a typo.
  const max = t.length < 5 ? 1 : 2;
  let found: { name: string; what: T } | null = null;
  let best = max + 1;
  let tie = false;
  for (const c of candidates) {
    const n = c.name.trim().toLowerCase();
    if (!n || n === t) continue;
    const d = swappedGroups(t, n) ? 1 : editDistance(t, n, max);
    if (d < best) {
      best = d;
      found = c;
      tie = false;
    } else if (d === best && found && found.name.toLowerCase() !== n) tie = true;
  }
  return found && !tie ? found : null;
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

/** The accounts of the server that serves `domain`, and its device name. */
function accountsOf(s: Snapshot, domain: string): { server: string; users: string[] } | null {
  for (const d of s.devices) {
    const m = d.mail;
    if (m && m !== "none" && m.domain && m.domain.toLowerCase() === domain.toLowerCase())
      return {
        server: d.name,
        users: (m.accounts || []).map((a) => a.slice(0, a.indexOf(":") < 0 ? a.length : a.indexOf(":"))),
      };
  }
  return null;
}

/** Every address a device's port has, with the device. */
function addresses(s: Snapshot): { name: string; what: string }[] {
  const out: { name: string; what: string }[] = [];
  for (const d of s.devices) for (const p of d.ports || []) if (p.ip) out.push({ name: p.ip, what: d.name });
  return out;
}

/** The words of a fate, with the typo or the empty setting named where the lab shows one. */
export function nearMiss(snapshot: Snapshot, mail: MailFacts, fate: Fate): { cause: string; fix: string } | null {
  const to = mail.to.trim();
  switch (fate.rule) {
    case "relay-no-a-record":
    case "relay-wrong-domain":
    case "relay-not-a-mail-server": {
      const domain = domainOf(to);
      if (domains(snapshot).some((d) => d.name.toLowerCase() === domain.toLowerCase())) return null;
      const near = closest(domain, domains(snapshot));
      if (!near) return null;
      return {
        cause: `no mail server serves ${domain}; did you mean ${near.name} (${near.what})?`,
        fix: `write the recipient as ${userOf(to)}@${near.name}`,
      };
    }
    case "local-unknown-recipient":
    case "remote-unknown-recipient": {
      const server = accountsOf(snapshot, domainOf(to));
      const near =
        server &&
        closest(
          userOf(to),
          server.users.map((u) => ({ name: u, what: u })),
        );
      if (!server || !near) return null;
      const address = near.name + "@" + domainOf(to);
      return {
        cause: `${server.server} has no account ${userOf(to)}; did you mean ${address}?`,
        fix: `write the recipient as ${address}, or add the user ${userOf(to)} on ${server.server}`,
      };
    }
    case "unknown-sender": {
      const server = accountsOf(snapshot, domainOf(mail.from));
      const near =
        server &&
        closest(
          userOf(mail.from),
          server.users.map((u) => ({ name: u, what: u })),
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
      if (addresses(snapshot).some((a) => a.name === ip)) return noRouter(snapshot, mail.device, ip);
      // A mail server a typo away first: that is what the field is for.
      const all = addresses(snapshot);
      const servers = all.filter((a) =>
        snapshot.devices.some((d) => d.name === a.what && !!d.mail && d.mail !== "none"),
      );
      const near = closest(ip, servers) || closest(ip, all);
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
