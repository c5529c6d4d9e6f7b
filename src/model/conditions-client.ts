// The conditions of the rule rows up to the outgoing server's login: the
// sender, its DNS lookup of the server's name, the connection, the account.
// Each answers null (does not hold), the cause and fix (holds), or the fact it
// lacks (unknown). The table that orders them is rules.ts.
import { arpHas } from "./addresses";
import { type Check, dnsServerFor, holds, type MailContext, unknownFact } from "./context";
import { asked, isService, lookupMissing, mailService, onSubnet, reached, serverText } from "./row";

/** A DNS server address no device has: point the setting at one that knows the name; else the way's own fix. */
export function dnsFix(c: MailContext, who: string, name: string, dnsIp: string, wayFix: string): string {
  if (c.topo.owners(dnsIp).length) return wayFix;
  const to = serverText(dnsServerFor(c, name), "a DNS server's address");
  return `no device has the address ${dnsIp}: set ${who}'s DNS server to ${to}`;
}

export function senderOff(c: MailContext): Check {
  const d = c.senderDevice();
  if (!d) return unknownFact(`${c.mail.device} is not in the snapshot`);
  if (d.power === null) return unknownFact(`${d.name}'s power could not be read`);
  return d.power ? null : holds(`${d.name} is powered off`, `switch ${d.name} on`);
}

export function serverBlank(c: MailContext): Check {
  if (c.serverText()) return null;
  return holds(
    "no outgoing mail server is set",
    "set the Outgoing Mail Server (Configure Mail) to the mail server's name or address",
  );
}

// The lookup rows test the end they word before wording it (lookupMissing in row.ts: no closure per ask).

export function clientNoDnsServer(c: MailContext): Check {
  if (c.byAddress()) return null;
  const l = c.clientLookup();
  if (l.kind !== "no-server") return lookupMissing(l, "setting");
  const who = c.mail.device;
  const to = serverText(dnsServerFor(c, c.serverText()), "a DNS server");
  return holds(
    `${who} has no DNS server to look up ${c.serverText()}${onSubnet(l)}`,
    `set ${who}'s DNS server (IP Configuration) to ${to}, or give the outgoing server as an address`,
  );
}

export function clientDnsUnreachable(c: MailContext): Check {
  if (c.byAddress()) return null;
  const l = c.clientLookup();
  if (l.kind !== "unreachable") return lookupMissing(l, "reach");
  const who = c.mail.device;
  return holds(
    `${who} cannot reach its DNS server ${l.dnsIp}: ${l.cause}`,
    dnsFix(c, who, c.serverText(), l.dnsIp, l.fix),
  );
}

export function clientDnsSilent(c: MailContext): Check {
  if (c.byAddress()) return null;
  const l = c.clientLookup();
  return l.kind === "silent" ? holds(l.why, l.fix) : lookupMissing(l, "service");
}

export function clientNoARecord(c: MailContext): Check {
  if (c.byAddress()) return null;
  const l = c.clientLookup();
  if (l.kind !== "no-record") return lookupMissing(l, "records");
  const to = serverText(c.serverFor(c.fromDomain()), "the mail server's address");
  return holds(
    `${l.dns.name} (${l.dnsIp}${asked(l, c.mail.device)}) has no A record for ${c.serverText()}`,
    `add an A record ${c.serverText()} → ${to} on ${l.dns.name}`,
  );
}

export function serverUnreachable(c: MailContext): Check {
  const named = c.byAddress() ? "" : ` (${c.serverText()})`;
  return reached(c.clientConnection(), `${c.mail.device} cannot reach ${c.outgoingIp()}${named}`);
}

export function coldArp(c: MailContext): Check {
  const arp = c.sender().arp;
  if (arp === null) return unknownFact(`${c.mail.device}'s ARP table could not be read`);
  const hop = c.nextHop();
  if (arpHas(arp, hop)) return null;
  return holds(
    `${c.mail.device} has no ARP entry for ${hop} yet: the first send times out while ARP resolves`,
    "send again: ARP has resolved by now",
  );
}

export function notAMailServer(c: MailContext): Check {
  const m = mailService(c.outgoing());
  if (m !== null) return isService(m) ? null : m;
  const to = serverText(c.serverFor(c.fromDomain()), "the mail server's address");
  return holds(`${c.outgoingIp()} is ${c.outgoing().name}, not a mail server`, `set the Outgoing Mail Server to ${to}`);
}

export function smtpOff(c: MailContext): Check {
  const on = c.outgoingMail().smtpOn;
  const name = c.outgoing().name;
  if (on === null) return unknownFact(`whether ${name}'s SMTP service is on could not be read`);
  return on ? null : holds(`${name}'s SMTP service is OFF`, `switch SMTP ON on ${name} (Services > EMAIL)`);
}

export function fromDomainMismatch(c: MailContext): Check {
  const domain = c.outgoingMail().domain;
  const name = c.outgoing().name;
  if (domain === null) return unknownFact(`${name}'s Domain Name could not be read`);
  if (domain.toLowerCase() === c.fromDomain()) return null;
  return holds(
    `the From domain ${c.fromDomain() || "(none)"} is not ${name}'s Domain Name ${domain}`,
    `make the part after @ in From ${domain}, or set ${name}'s Domain Name (and press Set)`,
  );
}

export function unknownSender(c: MailContext): Check {
  const accounts = c.accountsAt(c.outgoing());
  const name = c.outgoing().name;
  const user = c.fromUser();
  if (!accounts) return unknownFact(`${name}'s accounts could not be read`);
  if (accounts.has(user)) return null;
  return holds(
    `${name} has no account ${user}`,
    `add the user ${user} on ${name} (Services > EMAIL > User Setup), or fix the From address`,
  );
}

export function wrongPassword(c: MailContext): Check {
  const accounts = c.accountsAt(c.outgoing());
  const name = c.outgoing().name;
  const user = c.fromUser();
  if (accounts && accounts.get(user) === c.mail.password) return null;
  return holds(
    `the password is not ${user}'s password on ${name}`,
    `type ${user}'s password as set in ${name}'s User Setup (case-sensitive)`,
  );
}
