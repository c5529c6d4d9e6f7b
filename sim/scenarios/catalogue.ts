// Named scenarios, one or more per SmtpResponseType: a change to the classroom
// and the sends that follow, with the codes each send must produce. The same
// table drives `npm run scenarios` and the test suite.
import { VirtualClock } from "../clock";
import type { SimDevice } from "../device";
import type { World } from "../world";
import { World as WorldClass } from "../world";
import { classroom } from "./classroom";

export interface ScenarioSend {
  from: string;
  to: string;
  /** Defaults to the device's configured account. */
  server?: string;
  password?: string;
  fromAddress?: string;
  expect: number[];
  /** Something that happens `afterMs` into this send. */
  during?: { afterMs: number; act: (w: World) => void };
}

export interface Scenario {
  name: string;
  codes: number[];
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
const mailOf = (w: World, name: string) => dev(w, name).mail!;
const mailbox = (w: World, server: string, user: string) => mailOf(w, server).server.mailboxes[user] || [];

export const CATALOGUE: Scenario[] = [
  { name: "same domain, delivered", codes: [1, 2], sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 2] }],
    check: (w) => (mailbox(w, "MAIL-ALPHA", "carol").length === 1 ? "" : "carol's mailbox should hold the mail") },
  { name: "other domain, relayed and delivered", codes: [1, 3, 2], sends: [{ from: "PC-Alice", to: "bob@beta.org", expect: [1, 3, 2] }],
    check: (w) => (mailbox(w, "MAIL-BETA", "bob").length === 1 ? "" : "bob's mailbox on MAIL-BETA should hold the mail") },
  { name: "server given by IP: no DNS needed", codes: [1, 2], setup: (w) => dev(w, "DNS-SRV").dns!.setEnable(false), sends: [{ from: "Laptop-Dave", to: "alice@alpha.edu", expect: [1, 2] }] },
  { name: "unknown local recipient: accepted, then a DSN bounce", codes: [1, 2], sends: [{ from: "PC-Alice", to: "zed@alpha.edu", expect: [1, 2] }],
    check: (w) => (mailbox(w, "MAIL-ALPHA", "alice").some((m) => m.subject === "Delivery Status Notification (Failure)") ? "" : "alice should get a DSN") },
  { name: "unknown recipient in the other domain", codes: [4], sends: [{ from: "PC-Alice", to: "bobby@beta.org", expect: [1, 3, 4] }] },
  { name: "wrong password", codes: [5], sends: [{ from: "PC-Alice", to: "carol@alpha.edu", password: "wrong", expect: [1, 5] }] },
  { name: "SMTP service OFF on the outgoing server", codes: [6], setup: (w) => mailOf(w, "MAIL-ALPHA").smtp.setEnable(false),
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 6] }] },
  { name: "outgoing server unreachable (its cable is down)", codes: [6], setup: (w) => w.setLinkUp("MAIL-ALPHA — SW-Alpha", false),
    sends: [{ from: "Laptop-Dave", to: "carol@alpha.edu", expect: [1, 6] }] },
  { name: "wrong gateway on the other site's PC", codes: [6], setup: (w) => { dev(w, "PC-Bob").gateway = "10.2.0.99"; },
    sends: [{ from: "PC-Bob", to: "erin@beta.org", server: "10.1.0.10", fromAddress: "bob@beta.org", expect: [1, 6] }] },
  { name: "first send after cabling times out (ARP), the resend works", codes: [6, 2],
    setup: (w) => { w.setLinkUp("PC-Alice — SW-Alpha", false); w.setLinkUp("PC-Alice — SW-Alpha", true); },
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", server: "10.1.0.10", expect: [1, 6] }, { from: "PC-Alice", to: "carol@alpha.edu", server: "10.1.0.10", expect: [1, 2] }] },
  { name: "SMTP switched OFF during the session", codes: [7],
    sends: [{ from: "Laptop-Dave", to: "carol@alpha.edu", expect: [1, 7], during: { afterMs: 150, act: (w) => mailOf(w, "MAIL-ALPHA").smtp.setEnable(false) } }] },
  { name: "mail server powered off during the session", codes: [7],
    sends: [{ from: "Laptop-Dave", to: "carol@alpha.edu", expect: [1, 7], during: { afterMs: 150, act: (w) => dev(w, "MAIL-ALPHA").setPower(false) } }] },
  { name: "no DNS server on the PC", codes: [8], setup: (w) => { dev(w, "PC-Alice").dnsServer = "0.0.0.0"; },
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 8] }] },
  { name: "DNS service OFF", codes: [8], setup: (w) => dev(w, "DNS-SRV").dns!.setEnable(false),
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 8] }] },
  { name: "no A record for the outgoing server's name", codes: [9], setup: (w) => dev(w, "DNS-SRV").dns!.removeARecordFromNameServerDb("mail.alpha.edu"),
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 9] }] },
  { name: "outgoing server is a PC, not a mail server", codes: [10],
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", server: "10.1.0.22", expect: [1, 10] }] },
  { name: "sender's account missing on the server", codes: [11], setup: (w) => mailOf(w, "MAIL-ALPHA").server.deleteUser("alice"),
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 11] }] },
  { name: "server's domain is not the sender's", codes: [12], setup: (w) => mailOf(w, "MAIL-ALPHA").smtp.setServerDomainName("alpha.lan"),
    sends: [{ from: "PC-Alice", to: "carol@alpha.edu", expect: [1, 12] }] },
  { name: "no A record for the recipient's domain", codes: [13], setup: (w) => dev(w, "DNS-SRV").dns!.removeARecordFromNameServerDb("beta.org"),
    sends: [{ from: "PC-Alice", to: "bob@beta.org", expect: [1, 3, 13] }] },
  { name: "the other domain's SMTP is OFF", codes: [13], setup: (w) => mailOf(w, "MAIL-BETA").smtp.setEnable(false),
    sends: [{ from: "PC-Alice", to: "bob@beta.org", expect: [1, 3, 13] }] },
];

export interface ScenarioResult {
  name: string;
  expected: number[][];
  observed: number[][];
  ok: boolean;
  problem: string;
}

/** Runs one scenario on a fresh classroom with a virtual clock. */
export function runScenario(s: Scenario): ScenarioResult {
  const clock = new VirtualClock();
  const world = new WorldClass({ clock, stepMs: 100, timeoutMs: 3000 });
  world.load(classroom());
  if (s.setup) s.setup(world);
  const observed: number[][] = [];
  let problem = "";
  for (const send of s.sends) {
    const d = dev(world, send.from);
    const codes: number[] = [];
    const onEvent = (_src: unknown, args: unknown) => codes.push((args as { responseType: number }).responseType);
    d.email!.smtp.registerEvent("mailSent", null, onEvent);
    const u = d.email!.user;
    const accepted = d.email!.smtp.sendMail(send.fromAddress || u.mailId, send.to, "Scenario: " + s.name, "Hello from " + send.from,
      send.password === undefined ? u.password : send.password, send.server || u.smtpServer);
    if (!accepted) problem = problem || "sendMail returned false";
    if (send.during) {
      clock.advance(send.during.afterMs);
      send.during.act(world);
    }
    clock.advance(20000);
    d.email!.smtp.unregisterEvent("mailSent", null, onEvent);
    observed.push(codes);
  }
  const expected = s.sends.map((x) => x.expect);
  const same = JSON.stringify(expected) === JSON.stringify(observed);
  if (!problem && s.check) problem = s.check(world);
  return { name: s.name, expected, observed, ok: same && !problem, problem };
}
