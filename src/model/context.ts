// One mail over one snapshot: the facts the rule rows test, each worked out
// once, in the order the exchange meets them (the client's DNS lookup, the
// connection to the outgoing server, its accounts, the relay's lookup and
// connection, the remote server's accounts).
import { domainOf, isIpAddress, localPartOf, sameSubnet } from "./addresses";
import type { PtBehaviour } from "./behaviour";
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

export class MailContext {
  readonly topo: Topology;
  private memo: { [key: string]: unknown } = {};

  constructor(
    snapshot: Snapshot,
    readonly mail: MailFacts,
    readonly behaviour: PtBehaviour,
    readonly session: OpenSession | null = null,
    topo: Topology | null = null,
  ) {
    this.topo = topo || indexTopology(snapshot);
  }

  private once<T>(key: string, make: () => T): T {
    if (!Object.prototype.hasOwnProperty.call(this.memo, key)) this.memo[key] = make();
    return this.memo[key] as T;
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
    return this.once("byAddress", () => isIpAddress(this.serverText()));
  }

  fromUser(): string {
    return localPartOf(this.mail.from);
  }

  fromDomain(): string {
    return domainOf(this.mail.from);
  }

  toUser(): string {
    return localPartOf(this.mail.to);
  }

  toDomain(): string {
    return domainOf(this.mail.to);
  }

  /** The sender's DNS lookup of the outgoing server's name. */
  clientLookup(): Lookup {
    return this.once("clientLookup", () => lookup(this.topo, this.sender(), this.serverText()));
  }

  /** The outgoing server's address: typed, or as the DNS server answered it. */
  outgoingIp(): string {
    if (this.byAddress()) return this.serverText();
    const found = this.clientLookup();
    return found.kind === "ok" ? found.ip : "";
  }

  clientConnection(): Reach {
    return this.once("clientConnection", () => reachAddress(this.topo, this.mail.device, this.outgoingIp()));
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
    if (!Object.prototype.hasOwnProperty.call(this.topo.memo, key)) this.topo.memo[key] = this.nextHopNow();
    return this.topo.memo[key] as string;
  }

  private nextHopNow(): string {
    const sender = this.sender();
    const port = hostPort(sender);
    if (port && port.ip && port.mask && sameSubnet(port.ip, this.outgoingIp(), port.mask)) return this.outgoingIp();
    return (sender.gateway || "").trim();
  }

  /** true for a recipient in the outgoing server's own domain; null when the domain could not be read. */
  isLocal(): boolean | null {
    const domain = this.outgoingMail().domain;
    return domain === null ? null : normalName(domain) === this.toDomain();
  }

  /** The outgoing server's DNS lookup of the recipient's domain. */
  relayLookup(): Lookup {
    return this.once("relayLookup", () => lookup(this.topo, this.outgoing(), this.toDomain()));
  }

  relayIp(): string {
    const found = this.relayLookup();
    return found.kind === "ok" ? found.ip : "";
  }

  relayConnection(): Reach {
    return this.once("relayConnection", () => reachAddress(this.topo, this.outgoing().name, this.relayIp()));
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
  accountsAt(server: DeviceFacts): { [user: string]: string } | null {
    const key = "accounts\n" + server.name;
    if (!Object.prototype.hasOwnProperty.call(this.topo.memo, key))
      this.topo.memo[key] = accountsOf(server.mail as MailServerFacts);
    return this.topo.memo[key] as { [user: string]: string } | null;
  }

  /** A mail server a fix can point to: the one serving `domain`, else none. */
  serverFor(domain: string): { device: DeviceFacts; ip: string } | null {
    for (const d of this.topo.snapshot.devices) {
      const m = d.mail;
      if (!m || m === "none" || m.domain === null || normalName(m.domain) !== normalName(domain)) continue;
      const port = hostPort(d);
      if (port && port.ip) return { device: d, ip: port.ip };
    }
    return null;
  }
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

/** "user:password" strings as a lookup; null when they could not be read. */
export function accountsOf(mail: MailServerFacts): { [user: string]: string } | null {
  if (mail.accounts === null) return null;
  const out: { [user: string]: string } = {};
  for (const a of mail.accounts) {
    const colon = a.indexOf(":");
    if (colon > 0) out[a.slice(0, colon)] = a.slice(colon + 1);
  }
  return out;
}

export function hasAccount(accounts: { [user: string]: string }, user: string): boolean {
  return Object.prototype.hasOwnProperty.call(accounts, user);
}
