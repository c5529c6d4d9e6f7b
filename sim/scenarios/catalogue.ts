// Named scenarios, at least one per rule row of the model (src/model/rules.ts)
// and per SmtpResponseType: a change to the classroom, switches flipped from
// PT's documented defaults where the default no longer gives a code, and the
// sends that follow, each with its codes, outcome and the row that decides it.
// The same table drives `npm run scenarios` and the test suite.
import { DSN_FROM, DSN_SUBJECT, type PtBehaviour } from "../../src/model";
import { VirtualClock } from "../clock";
import type { SimDevice } from "../device";
import type { World } from "../world";
import { World as WorldClass } from "../world";
import { classroom } from "./classroom";

export type SendOutcome = "delivered" | "bounced" | "failed";

export interface ScenarioSend {
  from: string;
  to: string;
  /** Default to the device's configured account. */
  server?: string;
  password?: string;
  fromAddress?: string;
  expect: number[];
  outcome: SendOutcome;
  /** The rule row that decides this send. */
  rule: string;
  /** Words the model's cause must contain. */
  cause?: string;
  /** false: sendMail answers false. */
  accepted?: boolean;
  /** Something that happens `afterMs` into this send. */
  during?: { afterMs: number; act: (w: World) => void };
}

export interface Scenario {
  name: string;
  /** The rule row this scenario exercises. */
  rule: string;
  /** Switches flipped from the documented defaults (src/model/behaviour.ts). */
  behaviour?: Partial<PtBehaviour>;
  setup?: (w: World) => void;
  sends: ScenarioSend[];
  /** A further check on the world after the sends, answering a problem or "". */
  check?: (w: World) => string;
}

const dev = (w: World, name: string): SimDevice => {
  const d = w.device(name);
  if (!d) throw new Error("no device " + name);
  return d;
};
function need<T>(what: T | null, why: string): T {
  if (!what) throw new Error(why);
  return what;
}
const mailOf = (w: World, name: string) => need(dev(w, name).mail, name + " has no mail service");
const dnsOf = (w: World, name: string) => need(dev(w, name).dns, name + " has no DNS service");
const mailbox = (w: World, server: string, user: string) => mailOf(w, server).server.mailboxes[user] || [];
const holds = (w: World, server: string, user: string) =>
  mailbox(w, server, user).some((m) => m.subject.indexOf("Scenario") === 0)
    ? ""
    : `${user}'s mailbox on ${server} should hold the mail`;
const DSN_TEXT = {
  "unknown-recipient": "The email account that you tried to reach does not exist.",
  "domain-not-found": "DNS Error: Domain name not found",
};
/** PT's bounce (pt-labs-and-fidelity.md A1): in the sender's mailbox on the sender's server, with PT's rcpt quirk. */
const bounceFor =
  (server: string, user: string, kind: keyof typeof DSN_TEXT, rcpt: string) =>
  (w: World): string => {
    const m = mailbox(w, server, user).filter((x) => x.subject === DSN_SUBJECT)[0];
    if (!m) return `${user} should get a DSN on ${server}`;
    if (m.from !== DSN_FROM || m.rcpt !== rcpt)
      return `the DSN should come from ${DSN_FROM} with rcpt ${rcpt}, not ${m.from} / ${m.rcpt}`;
    return m.content.indexOf(DSN_TEXT[kind]) >= 0 ? "" : `the DSN should say "${DSN_TEXT[kind]}"`;
  };
const shut = (router: string, port: number) => (w: World) => {
  dev(w, router).ports[port].up = false;
  w.topologyChanged();
};
const send = (
  from: string,
  to: string,
  expect: number[],
  outcome: SendOutcome,
  rule: string,
  more: Partial<ScenarioSend> = {},
): ScenarioSend => Object.assign({ from, to, expect, outcome, rule }, more);
const alice = (to: string, expect: number[], outcome: SendOutcome, rule: string, more: Partial<ScenarioSend> = {}) =>
  send("PC-Alice", to, expect, outcome, rule, more);
/** The relay failures' default (PT_BEHAVIOUR.relayFailure): relayed (3), accepted (2), then bounced. */
const relayBounce = (rule: string, more: Partial<ScenarioSend> = {}) =>
  alice("bob@beta.org", [1, 3, 2], "bounced", rule, more);
const variant2 = bounceFor("MAIL-ALPHA", "alice", "domain-not-found", "alice@alpha.edu");
const bob = { server: "10.1.0.10", fromAddress: "bob@beta.org" };
const dave = "Laptop-Dave";

// biome-ignore format: a table reads best one scenario per block
export const CATALOGUE: Scenario[] = [
  { name: "same domain, delivered", rule: "local-delivered",
    sends: [alice("carol@alpha.edu", [1, 2], "delivered", "local-delivered")], check: (w) => holds(w, "MAIL-ALPHA", "carol") },
  { name: "other domain, relayed and delivered", rule: "relay-delivered",
    sends: [alice("bob@beta.org", [1, 3, 2], "delivered", "relay-delivered")], check: (w) => holds(w, "MAIL-BETA", "bob") },
  { name: "server given by IP: no DNS needed", rule: "local-delivered", setup: (w) => dnsOf(w, "DNS-SRV").setEnable(false),
    sends: [send(dave, "alice@alpha.edu", [1, 2], "delivered", "local-delivered")] },
  { name: "progress events off: only the terminal code", rule: "local-delivered", behaviour: { emitProgressEvents: false },
    sends: [alice("carol@alpha.edu", [2], "delivered", "local-delivered")] },
  { name: "sender powered off: sendMail answers false", rule: "sender-off", setup: (w) => dev(w, "PC-Bob").setPower(false),
    sends: [send("PC-Bob", "erin@beta.org", [], "failed", "sender-off", { accepted: false })] },
  { name: "no outgoing server set", rule: "server-blank",
    sends: [alice("carol@alpha.edu", [1, 13], "failed", "server-blank", { server: "" })] },
  // A device with no DNS server set asks those on its subnet (PT_BEHAVIOUR.unsetDnsServer, pkt): DNS-SRV is on alpha's, none on beta's.
  { name: "no DNS server set on the PC: the one on its subnet answers", rule: "local-delivered", setup: (w) => { dev(w, "PC-Alice").dnsServer = "0.0.0.0"; },
    sends: [alice("carol@alpha.edu", [1, 2], "delivered", "local-delivered")] },
  { name: "no DNS server set on the PC, none on its subnet, none ON elsewhere", rule: "client-no-dns-server",
    setup: (w) => { dev(w, "PC-Bob").dnsServer = ""; dnsOf(w, "DNS-SRV").setEnable(false); },
    sends: [send("PC-Bob", "erin@beta.org", [1, 8], "failed", "client-no-dns-server", { cause: "no DNS server to look up mail.beta.org, set or on its subnet" })] },
  { name: "no DNS server set on the PC, and none on its subnet asked", rule: "client-no-dns-server", behaviour: { unsetDnsServer: "none" },
    setup: (w) => { dev(w, "PC-Alice").dnsServer = ""; }, sends: [alice("carol@alpha.edu", [1, 8], "failed", "client-no-dns-server")] },
  { name: "DNS server powered off", rule: "client-dns-unreachable", setup: (w) => dev(w, "DNS-SRV").setPower(false),
    sends: [alice("carol@alpha.edu", [1, 8], "failed", "client-dns-unreachable", { cause: "DNS-SRV is powered off" })] },
  { name: "DNS service OFF", rule: "client-dns-silent", setup: (w) => dnsOf(w, "DNS-SRV").setEnable(false),
    sends: [alice("carol@alpha.edu", [1, 8], "failed", "client-dns-silent")] },
  { name: "no A record for the outgoing server's name", rule: "client-no-a-record",
    setup: (w) => dnsOf(w, "DNS-SRV").removeARecordFromNameServerDb("mail.alpha.edu"),
    sends: [alice("carol@alpha.edu", [1, 9], "failed", "client-no-a-record", { cause: "DNS-SRV (10.1.0.5) has no A record for mail.alpha.edu" })] },
  { name: "outgoing server unreachable (its cable is down)", rule: "server-unreachable", setup: (w) => w.setLinkUp("MAIL-ALPHA — SW-Alpha", false),
    sends: [send(dave, "carol@alpha.edu", [1, 6], "failed", "server-unreachable", { cause: "the link MAIL-ALPHA — SW-Alpha is down" })] },
  { name: "wrong gateway on the other site's PC", rule: "server-unreachable", setup: (w) => { dev(w, "PC-Bob").gateway = "10.2.0.99"; },
    sends: [send("PC-Bob", "erin@beta.org", [1, 6], "failed", "server-unreachable", Object.assign({ cause: "PC-Bob's default gateway 10.2.0.99 does not answer" }, bob))] },
  { name: "the router's port to the other site is shut down", rule: "server-unreachable", setup: shut("R1", 1),
    sends: [send("PC-Bob", "alice@alpha.edu", [1, 6], "failed", "server-unreachable", Object.assign({ cause: "R1 GigabitEthernet0/1 is shut down" }, bob))] },
  { name: "first send after cabling times out (ARP), the resend works", rule: "cold-arp",
    setup: (w) => { w.setLinkUp("PC-Alice — SW-Alpha", false); w.setLinkUp("PC-Alice — SW-Alpha", true); },
    sends: [alice("carol@alpha.edu", [1, 6], "failed", "cold-arp", { server: "10.1.0.10" }),
      alice("carol@alpha.edu", [1, 2], "delivered", "local-delivered", { server: "10.1.0.10" })] },
  { name: "outgoing server is a PC, not a mail server", rule: "not-a-mail-server",
    sends: [alice("carol@alpha.edu", [1, 10], "failed", "not-a-mail-server", { server: "10.1.0.22" })] },
  { name: "SMTP service OFF on the outgoing server", rule: "smtp-off", setup: (w) => mailOf(w, "MAIL-ALPHA").smtp.setEnable(false),
    sends: [alice("carol@alpha.edu", [1, 6], "failed", "smtp-off")] },
  { name: "SMTP service OFF, answered with a reset", rule: "smtp-off", behaviour: { smtpOffCode: 7 },
    setup: (w) => mailOf(w, "MAIL-ALPHA").smtp.setEnable(false), sends: [alice("carol@alpha.edu", [1, 7], "failed", "smtp-off")] },
  { name: "From domain is not the server's: delivered, as PT 8.2.2 did", rule: "local-delivered",
    sends: [alice("carol@alpha.edu", [1, 2], "delivered", "local-delivered", { fromAddress: "alice@alpha.lan" })],
    check: (w) => holds(w, "MAIL-ALPHA", "carol") },
  { name: "From domain is not the server's, with the check on", rule: "from-domain-mismatch", behaviour: { checkFromDomain: true },
    sends: [alice("carol@alpha.edu", [1, 12], "failed", "from-domain-mismatch", { fromAddress: "alice@alpha.lan" })] },
  { name: "sender's account missing on the server", rule: "unknown-sender", setup: (w) => mailOf(w, "MAIL-ALPHA").server.deleteUser("alice"),
    sends: [alice("carol@alpha.edu", [1, 11], "failed", "unknown-sender")] },
  { name: "wrong password", rule: "wrong-password",
    sends: [alice("carol@alpha.edu", [1, 5], "failed", "wrong-password", { password: "wrong" })] },
  { name: "unknown local recipient: accepted, then a DSN bounce", rule: "local-unknown-recipient",
    sends: [alice("zed@alpha.edu", [1, 2], "bounced", "local-unknown-recipient")],
    check: bounceFor("MAIL-ALPHA", "alice", "unknown-recipient", "zed@alpha.edu") },
  { name: "unknown local recipient, rejected", rule: "local-unknown-recipient", behaviour: { unknownLocalRecipient: "reject4" },
    sends: [alice("zed@alpha.edu", [1, 4], "failed", "local-unknown-recipient")] },
  { name: "recipient without a domain: accepted, then bounced", rule: "recipient-without-domain",
    sends: [relayBounce("recipient-without-domain", { to: "bob" })], check: variant2 },
  { name: "the mail server has no DNS server set: the one on its subnet answers", rule: "relay-delivered",
    setup: (w) => { dev(w, "MAIL-ALPHA").dnsServer = ""; }, sends: [alice("bob@beta.org", [1, 3, 2], "delivered", "relay-delivered")],
    check: (w) => holds(w, "MAIL-BETA", "bob") },
  { name: "the mail server has no DNS server, none on its subnet, none ON elsewhere: accepted, then bounced", rule: "mail-server-no-dns",
    setup: (w) => { dev(w, "MAIL-BETA").dnsServer = ""; dnsOf(w, "DNS-SRV").setEnable(false); },
    sends: [send("PC-Bob", "alice@alpha.edu", [1, 3, 2], "bounced", "mail-server-no-dns", { server: "10.2.0.10" })],
    check: bounceFor("MAIL-BETA", "bob", "domain-not-found", "bob@beta.org") },
  { name: "the mail server's DNS server does not exist", rule: "relay-dns-unreachable",
    setup: (w) => { dev(w, "MAIL-ALPHA").dnsServer = "10.2.0.99"; }, sends: [relayBounce("relay-dns-unreachable")] },
  { name: "DNS OFF while relaying from a server given by IP", rule: "relay-dns-silent", setup: (w) => dnsOf(w, "DNS-SRV").setEnable(false),
    sends: [relayBounce("relay-dns-silent", { from: dave })] },
  { name: "no A record for the recipient's domain: accepted, then bounced", rule: "relay-no-a-record",
    setup: (w) => dnsOf(w, "DNS-SRV").removeARecordFromNameServerDb("beta.org"),
    sends: [relayBounce("relay-no-a-record", { cause: "DNS-SRV (10.1.0.5) has no A record for beta.org" })], check: variant2 },
  { name: "no A record for the recipient's domain, rejected", rule: "relay-no-a-record", behaviour: { relayFailure: "reject13" },
    setup: (w) => dnsOf(w, "DNS-SRV").removeARecordFromNameServerDb("beta.org"),
    sends: [alice("bob@beta.org", [1, 3, 13], "failed", "relay-no-a-record")] },
  { name: "the other site's router port is shut down: relayed, then bounced", rule: "relay-unreachable", setup: shut("R1", 1),
    sends: [relayBounce("relay-unreachable", { cause: "R1 GigabitEthernet0/1 is shut down" })] },
  { name: "the recipient domain's A record points at a PC", rule: "relay-not-a-mail-server",
    setup: (w) => { dnsOf(w, "DNS-SRV").addARecordToNameServerDb("beta.org", "10.2.0.21"); }, sends: [relayBounce("relay-not-a-mail-server")] },
  { name: "the other domain's SMTP is OFF: relayed, then bounced", rule: "relay-smtp-off",
    setup: (w) => mailOf(w, "MAIL-BETA").smtp.setEnable(false), sends: [relayBounce("relay-smtp-off")], check: variant2 },
  { name: "the other domain's server serves another domain", rule: "relay-wrong-domain",
    setup: (w) => mailOf(w, "MAIL-BETA").smtp.setServerDomainName("beta.net"), sends: [relayBounce("relay-wrong-domain")] },
  { name: "unknown recipient in the other domain: accepted, then a DSN bounce", rule: "remote-unknown-recipient",
    sends: [relayBounce("remote-unknown-recipient", { to: "bobby@beta.org" })],
    check: bounceFor("MAIL-ALPHA", "alice", "unknown-recipient", "bobby@beta.org") },
  { name: "unknown recipient in the other domain, rejected", rule: "remote-unknown-recipient", behaviour: { unknownRemoteRecipient: "reject4" },
    sends: [alice("bobby@beta.org", [1, 3, 4], "failed", "remote-unknown-recipient")] },
  { name: "SMTP switched OFF during the session", rule: "session-cut",
    sends: [send(dave, "carol@alpha.edu", [1, 7], "failed", "session-cut",
      { during: { afterMs: 150, act: (w) => mailOf(w, "MAIL-ALPHA").smtp.setEnable(false) } })] },
  { name: "mail server powered off during the session", rule: "session-cut",
    sends: [send(dave, "carol@alpha.edu", [1, 7], "failed", "session-cut",
      { during: { afterMs: 150, act: (w) => dev(w, "MAIL-ALPHA").setPower(false) } })] },
];

export interface SendRecord {
  codes: number[];
  outcome: string;
  rule: string;
  accepted: boolean;
}

export interface ScenarioResult {
  name: string;
  rule: string;
  /** The switches flipped, as "name=value" (empty: the documented defaults). */
  switches: string;
  expected: SendRecord[];
  observed: SendRecord[];
  ok: boolean;
  problem: string;
}

/** Runs one scenario on a fresh classroom with a virtual clock. */
export function runScenario(s: Scenario): ScenarioResult {
  const clock = new VirtualClock();
  const world = new WorldClass({ clock, stepMs: 100, timeoutMs: 3000 });
  world.load(classroom());
  const flips = s.behaviour || {};
  Object.assign(world.behaviour, flips);
  if (s.setup) s.setup(world);
  const observed: SendRecord[] = [];
  let problem = "";
  for (const send of s.sends) {
    const email = need(dev(world, send.from).email, send.from + " has no email client");
    const codes: number[] = [];
    const onEvent = (_src: unknown, args: unknown) => codes.push((args as { responseType: number }).responseType);
    email.smtp.registerEvent("mailSent", null, onEvent);
    const u = email.user;
    const before = world.history.length;
    const from = send.fromAddress || u.mailId;
    const password = send.password === undefined ? u.password : send.password;
    const server = send.server === undefined ? u.smtpServer : send.server;
    const accepted = email.smtp.sendMail(
      from,
      send.to,
      "Scenario: " + s.name,
      "Hello from " + send.from,
      password,
      server,
    );
    if (send.during) {
      clock.advance(send.during.afterMs);
      send.during.act(world);
    }
    clock.advance(20000);
    email.smtp.unregisterEvent("mailSent", null, onEvent);
    const delivery = world.history.length > before ? world.history[world.history.length - 1] : null;
    const outcome = delivery?.outcome ? delivery.outcome : "none";
    observed.push({ codes, outcome, rule: delivery ? delivery.rule : "", accepted });
    const cause = delivery?.fate ? delivery.fate.cause : "";
    if (send.cause && cause.indexOf(send.cause) < 0)
      problem = problem || `the cause should say "${send.cause}", not "${cause}"`;
  }
  const expected = s.sends.map((x) => ({
    codes: x.expect,
    outcome: x.outcome,
    rule: x.rule,
    accepted: x.accepted !== false,
  }));
  const same = JSON.stringify(expected) === JSON.stringify(observed);
  if (!problem && s.check) problem = s.check(world);
  const switches = Object.keys(flips)
    .map((k) => k + "=" + String((flips as { [k: string]: unknown })[k]))
    .join(", ");
  return { name: s.name, rule: s.rule, switches, expected, observed, ok: same && !problem, problem };
}
