// The conditions of the rule rows after the login: the recipient in the
// server's own domain, the relay to another domain (its DNS lookup, the
// connection, the remote server and account), and a session cut mid-way.

import { storedIn } from "../wire";
import { dnsFix } from "./conditions-client";
import { type Accounts, type Check, dnsServerFor, holds, type MailContext, unknownFact } from "./context";
import { asked, isService, lookupMissing, mailService, onSubnet, reached, serverText } from "./row";

function hasNoAccount(c: MailContext, name: string, accounts: Accounts | null): Check {
  if (!accounts) return unknownFact(`${name}'s accounts could not be read`);
  if (accounts.has(c.toUser())) return null;
  return holds(
    `${name} (${c.toDomain()}) has no account ${c.toUser()}`,
    `add the user ${c.toUser()} on ${name}, or fix the recipient's address`,
  );
}

export function localUnknownRecipient(c: MailContext): Check {
  const local = c.isLocal();
  const name = c.outgoing().name;
  if (local === null) return unknownFact(`${name}'s Domain Name could not be read`);
  return local ? hasNoAccount(c, name, c.accountsAt(c.outgoing())) : null;
}

export function localDelivered(c: MailContext): Check {
  return c.isLocal() ? holds(storedIn(c.outgoing().name, c.toUser()), "") : null;
}

export function recipientWithoutDomain(c: MailContext): Check {
  if (c.toDomain()) return null;
  return holds(
    `the recipient "${c.mail.to}" has no domain, so ${c.outgoing().name} cannot look one up`,
    "write the recipient as user@domain",
  );
}

// The lookup rows test the end they word before wording it (lookupMissing in row.ts: no closure per ask).

export function mailServerNoDns(c: MailContext): Check {
  const l = c.relayLookup();
  if (l.kind !== "no-server") return lookupMissing(l, "setting");
  const name = c.outgoing().name;
  const to = serverText(dnsServerFor(c, c.toDomain()), `a DNS server with an A record for ${c.toDomain()}`);
  return holds(
    `${name} has no DNS server to look up ${c.toDomain()}${onSubnet(l)}`,
    `set ${name}'s DNS server (IP Configuration) to ${to}`,
  );
}

export function relayDnsUnreachable(c: MailContext): Check {
  const l = c.relayLookup();
  if (l.kind !== "unreachable") return lookupMissing(l, "reach");
  const name = c.outgoing().name;
  return holds(
    `${name} cannot reach its DNS server ${l.dnsIp}: ${l.cause}`,
    dnsFix(c, name, c.toDomain(), l.dnsIp, l.fix),
  );
}

export function relayDnsSilent(c: MailContext): Check {
  const l = c.relayLookup();
  return l.kind === "silent" ? holds(l.why, l.fix) : lookupMissing(l, "service");
}

export function relayNoARecord(c: MailContext): Check {
  const l = c.relayLookup();
  if (l.kind !== "no-record") return lookupMissing(l, "records");
  const to = serverText(c.serverFor(c.toDomain()), "its mail server's address");
  return holds(
    `${l.dns.name} (${l.dnsIp}${asked(l, c.outgoing().name)}) has no A record for ${c.toDomain()}`,
    `add an A record ${c.toDomain()} → ${to} on ${l.dns.name}`,
  );
}

export function relayUnreachable(c: MailContext): Check {
  const r = c.relayConnection();
  // Every relayed mail asks this row: the lead is worded only for a way that fails.
  if (r.kind === "ok") return null;
  return reached(r, `${c.outgoing().name} cannot reach ${c.toDomain()}'s server ${c.relayIp()}`);
}

export function relayNotAMailServer(c: MailContext): Check {
  const m = mailService(c.remote());
  if (m !== null) return isService(m) ? null : m;
  return holds(
    `${c.toDomain()}'s A record points at ${c.relayIp()}, ${c.remote().name}, not a mail server`,
    `point the A record ${c.toDomain()} at ${serverText(c.serverFor(c.toDomain()), "its mail server")}`,
  );
}

export function relaySmtpOff(c: MailContext): Check {
  const on = c.remoteMail().smtpOn;
  const name = c.remote().name;
  if (on === null) return unknownFact(`whether ${name}'s SMTP service is on could not be read`);
  return on ? null : holds(`${name}'s SMTP service is OFF`, `switch SMTP ON on ${name} (Services > EMAIL)`);
}

export function relayWrongDomain(c: MailContext): Check {
  const domain = c.remoteMail().domain;
  const name = c.remote().name;
  if (domain === null) return unknownFact(`${name}'s Domain Name could not be read`);
  if (domain.toLowerCase() === c.toDomain()) return null;
  return holds(
    `${name} (${c.relayIp()}) serves ${domain || "no domain"}, not ${c.toDomain()}`,
    `set ${name}'s Domain Name to ${c.toDomain()}, or point ${c.toDomain()}'s A record at the server that serves it`,
  );
}

export function remoteUnknownRecipient(c: MailContext): Check {
  return hasNoAccount(c, c.remote().name, c.accountsAt(c.remote()));
}

export function relayDelivered(c: MailContext): Check {
  return holds(storedIn(c.remote().name, c.toUser()), "");
}

/** Asked only mid-session: the server that answered still answers, with SMTP ON. */
export function sessionCut(c: MailContext): Check {
  const s = c.session;
  if (!s) return null;
  const lead = `the session with ${s.server} was cut`;
  const r = c.clientConnection();
  if (r.kind !== "ok") return reached(r, lead);
  if (r.at.device.name !== s.server) return holds(`${lead}: ${s.ip} is now ${r.at.device.name}`, "send again");
  const m = mailService(r.at.device);
  if (m === null) return holds(`${lead}: ${s.server} has no mail service now`, "send again");
  if (!isService(m)) return m;
  if (m.smtpOn === null) return unknownFact(`whether ${s.server}'s SMTP service is on could not be read`);
  if (m.smtpOn) return null;
  return holds(
    `${lead}: its SMTP service was switched OFF`,
    `leave SMTP ON on ${s.server} until the send ends, then send again`,
  );
}
