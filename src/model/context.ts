// One mail over one snapshot: the facts the rule rows test, each worked out
// once, in the order the exchange meets them (the client's DNS lookup, the
// connection to the outgoing server, its accounts, the relay's lookup and
// connection, the remote server's accounts).

import { SMTP } from "./acl";
import { domainOf, isIpAddress, localPartOf, sameSubnet } from "./addresses";
import type { PtBehaviour } from "./behaviour";
import { NameTable } from "./name-table";
import { type Reach, reachAddress } from "./reach";
import { type Lookup, lookup, normalName } from "./resolve";
import type { DeviceFacts, MailFacts, MailServerFacts, Snapshot } from "./snapshot";
import { hostPort, indexTopology, type Topology } from "./topology";

/** What a rule row's condition answers: it does not hold (null), it holds (with why and what to do), or a fact it needs is unknown. */
export type Check = null | { holds: true; cause: string; fix: string } | { unknown: string };

export const holds = (cause: string, fix: string): Check => ({ holds: true, cause, fix });
export const unknownFact = (what: string): Check => ({ unknown: what });

/** An SMTP session in progress, for the check that it still stands (the cut rows). */
export interface OpenSession {
  server: string;
  ip: string;
}

/**
 * What the sender's side worked out: the same for every recipient of one
 * sender, account and outgoing server (MailContext.forRecipient).
 */
interface SenderSide {
  byAddress?: boolean;
  lookup?: Lookup;
  connection?: Reach;
  /** The words of the steps before the login (fate.ts). */
  words: { [key: string]: string };
  /**
   * The outgoing server's lookups by the recipient's domain and its ways by address: a Lab check asks
   * them of every cell, and the memo's keys are strings built per ask (an allocation each in Qt's engine).
   * Without a prototype: a domain is only a name.
   */
  relays?: { [domain: string]: Lookup };
  relayReaches?: { [ip: string]: Reach };
}

export class MailContext {
  readonly topo: Topology;
  private readonly side: SenderSide;
  // The recipient's side. Plain fields rather than a keyed memo of closures:
  // the delivery matrix asks these of every pair, and Qt's engine pays for
  // each closure made (more garbage, more collections).
  private readonly recipientUser: string;
  private readonly recipientDomain: string;
  private local: boolean | null | undefined;
  private relay: Lookup | undefined;
  private relayReach: Reach | undefined;

  constructor(
    snapshot: Snapshot,
    readonly mail: MailFacts,
    readonly behaviour: PtBehaviour,
    readonly session: OpenSession | null = null,
    topo: Topology | null = null,
    side: SenderSide | null = null,
  ) {
    this.topo = topo || indexTopology(snapshot);
    this.side = side || { words: {} };
    this.recipientUser = localPartOf(mail.to);
    this.recipientDomain = domainOf(mail.to);
  }

  /**
   * The same sender, account and outgoing server writing to `to`. What the
   * sender's side worked out stands, so a sender's row of the delivery matrix
   * looks its server up and reaches it once, not once per recipient.
   */
  forRecipient(to: string): MailContext {
    const m = this.mail;
    const mail = { device: m.device, from: m.from, to, password: m.password, server: m.server };
    return new MailContext(this.topo.snapshot, mail, this.behaviour, this.session, this.topo, this.side);
  }

  /** Words about the sender's side, worked out once for all its recipients (the steps before the login, fate.ts). */
  senderWords(key: string, make: () => string): string {
    const words = this.side.words;
    if (!Object.prototype.hasOwnProperty.call(words, key)) words[key] = make();
    return words[key];
  }

  senderDevice(): DeviceFacts | null {
    return this.topo.device(this.mail.device);
  }

  /** The sender, once the sender row has passed (it answers unknown when the device is missing). */
  sender(): DeviceFacts {
    const d = this.senderDevice();
    if (!d) throw new Error("model: no sender before the sender row");
    return d;
  }

  serverText(): string {
    return this.mail.server.trim();
  }

  byAddress(): boolean {
    if (this.side.byAddress === undefined) this.side.byAddress = isIpAddress(this.serverText());
    return this.side.byAddress;
  }

  fromUser(): string {
    return localPartOf(this.mail.from);
  }

  fromDomain(): string {
    return domainOf(this.mail.from);
  }

  toUser(): string {
    return this.recipientUser;
  }

  toDomain(): string {
    return this.recipientDomain;
  }

  /** The sender's DNS lookup of the outgoing server's name. */
  clientLookup(): Lookup {
    if (this.side.lookup === undefined)
      this.side.lookup = lookup(this.topo, this.sender(), this.serverText(), this.askLan());
    return this.side.lookup;
  }

  private askLan(): boolean {
    return this.behaviour.unsetDnsServer === "askLan";
  }

  /** The outgoing server's address: typed, or as the DNS server answered it. */
  outgoingIp(): string {
    if (this.byAddress()) return this.serverText();
    const found = this.clientLookup();
    return found.kind === "ok" ? found.ip : "";
  }

  clientConnection(): Reach {
    if (this.side.connection === undefined)
      this.side.connection = reachAddress(this.topo, this.mail.device, this.outgoingIp(), SMTP);
    return this.side.connection;
  }

  /** The device that answered at the outgoing server's address (once the connection stands). */
  outgoing(): DeviceFacts {
    const c = this.clientConnection();
    if (c.kind !== "ok") throw new Error("model: no outgoing server before the connection stands");
    return c.at.device;
  }

  outgoingMail(): MailServerFacts {
    return this.outgoing().mail as MailServerFacts;
  }

  /** The address the sender must have in its ARP cache: the server on its own subnet, else its gateway. */
  nextHop(): string {
    const key = "nextHop\n" + this.mail.device + "\n" + this.outgoingIp();
    return this.topo.memo.get(key, () => this.nextHopNow());
  }

  private nextHopNow(): string {
    const sender = this.sender();
    const port = hostPort(sender);
    if (port && port.ip && port.mask && sameSubnet(port.ip, this.outgoingIp(), port.mask)) return this.outgoingIp();
    return (sender.gateway || "").trim();
  }

  /** true for a recipient in the outgoing server's own domain; null when the domain could not be read. */
  isLocal(): boolean | null {
    if (this.local === undefined) {
      const domain = this.outgoingMail().domain;
      this.local = domain === null ? null : normalName(domain) === this.toDomain();
    }
    return this.local;
  }

  /** The outgoing server's DNS lookup of the recipient's domain. */
  relayLookup(): Lookup {
    if (this.relay !== undefined) return this.relay;
    const side = this.side;
    if (!side.relays) side.relays = Object.create(null) as { [domain: string]: Lookup };
    const domain = this.toDomain();
    let found = side.relays[domain];
    if (!found) {
      found = lookup(this.topo, this.outgoing(), domain, this.askLan());
      side.relays[domain] = found;
    }
    this.relay = found;
    return found;
  }

  relayIp(): string {
    const found = this.relayLookup();
    return found.kind === "ok" ? found.ip : "";
  }

  relayConnection(): Reach {
    if (this.relayReach !== undefined) return this.relayReach;
    const side = this.side;
    if (!side.relayReaches) side.relayReaches = Object.create(null) as { [ip: string]: Reach };
    const ip = this.relayIp();
    let found = side.relayReaches[ip];
    if (!found) {
      found = reachAddress(this.topo, this.outgoing().name, ip, SMTP);
      side.relayReaches[ip] = found;
    }
    this.relayReach = found;
    return found;
  }

  remoteMail(): MailServerFacts {
    return this.remote().mail as MailServerFacts;
  }

  remote(): DeviceFacts {
    const c = this.relayConnection();
    if (c.kind !== "ok") throw new Error("model: no remote server before the relay connection stands");
    return c.at.device;
  }

  /** A server's accounts as a lookup (accountsOf), worked out once per snapshot. */
  accountsAt(server: DeviceFacts): Accounts | null {
    const key = "accounts\n" + server.name;
    return this.topo.memo.get(key, () => accountsOf(server.mail as MailServerFacts));
  }

  /** A mail server a fix can point to: the one serving `domain`, else none. */
  serverFor(domain: string): { device: DeviceFacts; ip: string } | null {
    // Indexed once per snapshot: a fix asks for it per failing pair, and a scan of 300 devices took 1 ms in Qt.
    const servers = this.topo.memo.get("mailServers", () => mailServersOf(this.topo.snapshot.devices));
    const key = "#" + normalName(domain);
    return Object.prototype.hasOwnProperty.call(servers, key) ? servers[key] : null;
  }
}

/** Each domain's mail server a fix can point to (the first in the snapshot with an address), by "#" and its normalName. */
function mailServersOf(devices: DeviceFacts[]): { [key: string]: { device: DeviceFacts; ip: string } } {
  const out: { [key: string]: { device: DeviceFacts; ip: string } } = {};
  for (const d of devices) {
    const m = d.mail;
    if (!m || m === "none" || m.domain === null) continue;
    const key = "#" + normalName(m.domain);
    const port = hostPort(d);
    if (!Object.prototype.hasOwnProperty.call(out, key) && port && port.ip) out[key] = { device: d, ip: port.ip };
  }
  return out;
}

/** A DNS server (service ON) that has an A record for `name`, for a fix to point to. */
export function dnsServerFor(c: MailContext, name: string): { device: DeviceFacts; ip: string } | null {
  for (const d of c.topo.snapshot.devices) {
    const s = d.dns;
    if (!s || s === "none" || s.on !== true || !s.aRecords) continue;
    if (!s.aRecords.some((r) => normalName(r.name) === normalName(name))) continue;
    const port = hostPort(d);
    if (port && port.ip) return { device: d, ip: port.ip };
  }
  return null;
}

/** A server's passwords by user name (a NameTable: a class's server has hundreds of users). */
export type Accounts = NameTable<string>;

/** "user:password" strings as a lookup; null when they could not be read. */
export function accountsOf(mail: MailServerFacts): Accounts | null {
  if (mail.accounts === null) return null;
  const out = new NameTable<string>();
  for (const a of mail.accounts) {
    const colon = a.indexOf(":");
    if (colon > 0) out.set(a.slice(0, colon), a.slice(colon + 1));
  }
  return out;
}
