// The model's fate of a mail over the classroom's snapshot: codes, outcome,
// cause, fix and the deciding row; unknown where a fact is missing; the
// documented defaults of the switches, pinned as literals.

import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { checkEngineSource } from "../../build/engine-guard.mjs";
import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import { World } from "../../sim/world";
import {
  behaviourWith,
  type DeviceFacts,
  decideFate,
  defaultBehaviour,
  dsnMail,
  type MailFacts,
  PT_BEHAVIOUR,
  RULES,
  type Snapshot,
  sessionFate,
} from "../../src/model";
import { RULE_SOURCES } from "../../src/model/rule-words";

/** Given the classroom as a script would read it. */
function snapshot(): Snapshot {
  const w = new World({ clock: new VirtualClock() });
  w.load(classroom());
  return w.snapshot();
}
const edit = (s: Snapshot, name: string, change: (d: DeviceFacts) => void) =>
  change(s.devices.filter((d) => d.name === name)[0]);
const mail = (device: string, from: string, to: string, password: string, server: string): MailFacts => ({
  device,
  from,
  to,
  password,
  server,
});
const alice = (to: string, server = "mail.alpha.edu") => mail("PC-Alice", "alice@alpha.edu", to, "alice123", server);
const bob = (to: string) => mail("PC-Bob", "bob@beta.org", to, "bob123", "mail.beta.org");

describe("model: a mail's fate", () => {
  it("Alice to Bob is relayed and delivered to bob's mailbox on MAIL-BETA", () => {
    const f = decideFate(snapshot(), alice("bob@beta.org"), defaultBehaviour());
    expect(f).toMatchObject({
      codes: [1, 3, 2],
      outcome: { kind: "delivered", server: "MAIL-BETA", mailbox: "bob" },
      rule: "relay-delivered",
      evidence: "pkt",
    });
    expect(f.steps.map((s) => s.wait)).toEqual(["step", "step", "step", "step", "step"]);
    expect(f.steps[1].opensSession).toEqual({ server: "MAIL-ALPHA", ip: "10.1.0.10" });
  });

  it("no A record for the outgoing server's name: 9, naming the DNS server, the name and the record to add", () => {
    const s = snapshot();
    edit(s, "DNS-SRV", (d) => {
      if (d.dns && d.dns !== "none") d.dns.aRecords = d.dns.aRecords!.filter((r) => r.name !== "mail.beta.org");
    });
    expect(decideFate(s, bob("erin@beta.org"), defaultBehaviour())).toMatchObject({
      codes: [1, 9],
      outcome: { kind: "failed", code: 9 },
      rule: "client-no-a-record",
      cause: "DNS-SRV (10.1.0.5) has no A record for mail.beta.org",
      fix: "add an A record mail.beta.org → 10.2.0.10 (MAIL-BETA) on DNS-SRV",
    });
  });

  it("R1 powered off: Bob's DNS server is on the other site, so 8, and the cause names R1", () => {
    const s = snapshot();
    edit(s, "R1", (d) => {
      d.power = false;
    });
    expect(decideFate(s, bob("erin@beta.org"), defaultBehaviour())).toMatchObject({
      codes: [1, 8],
      rule: "client-dns-unreachable",
      cause: "PC-Bob cannot reach its DNS server 10.1.0.5: R1 is powered off",
    });
  });

  it("PC-Bob has no default gateway, or its cable is down: the cause says which", () => {
    const s = snapshot();
    edit(s, "PC-Bob", (d) => {
      d.gateway = "";
    });
    expect(decideFate(s, bob("erin@beta.org"), defaultBehaviour()).cause).toBe(
      "PC-Bob cannot reach its DNS server 10.1.0.5: PC-Bob has no default gateway",
    );
    const t = snapshot();
    (t.links || []).filter((l) => l.a.device === "PC-Bob")[0].up = false;
    expect(decideFate(t, bob("erin@beta.org"), defaultBehaviour()).cause).toBe(
      "PC-Bob cannot reach its DNS server 10.1.0.5: the link PC-Bob — SW-Beta is down",
    );
  });

  it("a recipient domain without an A record is accepted (2), then bounced with 'Domain name not found' into the sender's mailbox", () => {
    const s = snapshot();
    edit(s, "DNS-SRV", (d) => {
      if (d.dns && d.dns !== "none") d.dns.aRecords = d.dns.aRecords!.filter((r) => r.name !== "beta.org");
    });
    expect(decideFate(s, alice("bob@beta.org"), defaultBehaviour())).toMatchObject({
      codes: [1, 3, 2],
      outcome: { kind: "bounced", server: "MAIL-ALPHA", mailbox: "alice", dsn: "domain-not-found" },
      rule: "relay-no-a-record",
    });
    expect(decideFate(s, alice("bob@beta.org"), behaviourWith({ relayFailure: "reject13" }))).toMatchObject({
      codes: [1, 3, 13],
      outcome: { kind: "failed", code: 13 },
    });
  });

  it("a From domain other than the server's is delivered by default, and refused with 12 when the check is on", () => {
    const m = mail("PC-Alice", "alice@alpha.lan", "carol@alpha.edu", "alice123", "mail.alpha.edu");
    expect(decideFate(snapshot(), m, defaultBehaviour()).rule).toBe("local-delivered");
    expect(decideFate(snapshot(), m, behaviourWith({ checkFromDomain: true }))).toMatchObject({
      codes: [1, 12],
      rule: "from-domain-mismatch",
    });
  });

  it("the user is checked before the password: an unknown user with a wrong password gives 11", () => {
    const m = mail("PC-Alice", "nobody@alpha.edu", "carol@alpha.edu", "wrong", "mail.alpha.edu");
    expect(decideFate(snapshot(), m, defaultBehaviour())).toMatchObject({ codes: [1, 11], rule: "unknown-sender" });
  });

  it("SMTP OFF waits for a timeout with 6, and answers at once with 7 when switched", () => {
    const s = snapshot();
    edit(s, "MAIL-ALPHA", (d) => {
      if (d.mail && d.mail !== "none") d.mail.smtpOn = false;
    });
    const six = decideFate(s, alice("carol@alpha.edu"), defaultBehaviour());
    expect([six.codes, six.steps[six.steps.length - 1].wait]).toEqual([[1, 6], "timeout"]);
    const seven = decideFate(s, alice("carol@alpha.edu"), behaviourWith({ smtpOffCode: 7 }));
    expect([seven.codes, seven.steps[seven.steps.length - 1].wait]).toEqual([[1, 7], "step"]);
  });

  it("mid-session, the session stands until the server's SMTP goes OFF, then the cut row gives 7", () => {
    const s = snapshot();
    const session = { server: "MAIL-ALPHA", ip: "10.1.0.10" };
    expect(sessionFate(s, alice("carol@alpha.edu"), defaultBehaviour(), session)).toBeNull();
    edit(s, "MAIL-ALPHA", (d) => {
      if (d.mail && d.mail !== "none") d.mail.smtpOn = false;
    });
    expect(sessionFate(s, alice("carol@alpha.edu"), defaultBehaviour(), session)).toMatchObject({
      codes: [7],
      rule: "session-cut",
    });
  });
});

describe("model: unknown facts give unknown, at the step that needs them", () => {
  it("the sender's power could not be read: unknown before anything is sent", () => {
    const s = snapshot();
    edit(s, "PC-Alice", (d) => {
      d.power = null;
    });
    expect(decideFate(s, alice("carol@alpha.edu"), defaultBehaviour())).toMatchObject({
      codes: [],
      outcome: { kind: "unknown" },
      rule: "sender-off",
    });
  });

  it("a sender that is not in the snapshot", () => {
    expect(
      decideFate(snapshot(), mail("PC-Ghost", "g@alpha.edu", "carol@alpha.edu", "x", "10.1.0.10"), defaultBehaviour()),
    ).toMatchObject({ outcome: { kind: "unknown" }, cause: "unknown: PC-Ghost is not in the snapshot" });
  });

  it("the DNS records could not be read: unknown at the A-record row, after the 1", () => {
    const s = snapshot();
    edit(s, "DNS-SRV", (d) => {
      if (d.dns && d.dns !== "none") d.dns.aRecords = null;
    });
    expect(decideFate(s, alice("carol@alpha.edu"), defaultBehaviour())).toMatchObject({
      codes: [1],
      outcome: { kind: "unknown" },
      rule: "client-no-a-record",
    });
  });

  it("the accounts could not be read: unknown at the account row; SMTP state unknown: at the SMTP row", () => {
    const s = snapshot();
    edit(s, "MAIL-ALPHA", (d) => {
      if (d.mail && d.mail !== "none") d.mail.accounts = null;
    });
    expect(decideFate(s, alice("carol@alpha.edu"), defaultBehaviour())).toMatchObject({
      outcome: { kind: "unknown" },
      rule: "unknown-sender",
    });
    edit(s, "MAIL-ALPHA", (d) => {
      if (d.mail && d.mail !== "none") d.mail.smtpOn = null;
    });
    expect(decideFate(s, alice("carol@alpha.edu"), defaultBehaviour())).toMatchObject({
      outcome: { kind: "unknown" },
      rule: "smtp-off",
    });
  });

  it("an unreadable ARP table is unknown only while the cold-ARP switch is on", () => {
    const s = snapshot();
    edit(s, "PC-Alice", (d) => {
      d.arp = null;
    });
    expect(decideFate(s, alice("carol@alpha.edu"), defaultBehaviour())).toMatchObject({
      outcome: { kind: "unknown" },
      rule: "cold-arp",
    });
    expect(decideFate(s, alice("carol@alpha.edu"), behaviourWith({ coldArpFirstSendTimeout: false })).rule).toBe(
      "local-delivered",
    );
  });
});

describe("model: the documented defaults", () => {
  it("pins every switch's default and its evidence", () => {
    expect(defaultBehaviour()).toEqual({
      emitProgressEvents: true,
      coldArpFirstSendTimeout: true,
      smtpOffCode: 6,
      checkFromDomain: false,
      unknownLocalRecipient: "acceptThenDsn",
      unknownRemoteRecipient: "acceptThenDsn",
      unsetDnsServer: "askLan",
      relayFailure: "acceptThenDsn",
    });
    const evidence: { [k: string]: string } = {};
    for (const k of Object.keys(PT_BEHAVIOUR)) evidence[k] = PT_BEHAVIOUR[k as keyof typeof PT_BEHAVIOUR].evidence;
    expect(evidence).toEqual({
      emitProgressEvents: "inf",
      coldArpFirstSendTimeout: "live",
      smtpOffCode: "inf",
      checkFromDomain: "pkt",
      unknownLocalRecipient: "live",
      unknownRemoteRecipient: "inf",
      unsetDnsServer: "pkt",
      relayFailure: "pkt",
    });
  });

  it("pins each row's result under the defaults", () => {
    const results: { [id: string]: string } = {};
    for (const row of RULES) {
      const r = row.result(defaultBehaviour());
      results[row.id] =
        r.outcome === "failed" ? "failed " + r.code : r.outcome === "bounced" ? "bounced " + r.dsn : "delivered";
    }
    expect(results).toEqual({
      "sender-off": "failed null",
      "server-blank": "failed 13",
      "client-no-dns-server": "failed 8",
      "client-dns-unreachable": "failed 8",
      "client-dns-silent": "failed 8",
      "client-no-a-record": "failed 9",
      "server-unreachable": "failed 6",
      "cold-arp": "failed 6",
      "not-a-mail-server": "failed 10",
      "smtp-off": "failed 6",
      "from-domain-mismatch": "failed 12",
      "unknown-sender": "failed 11",
      "wrong-password": "failed 5",
      "local-unknown-recipient": "bounced unknown-recipient",
      "local-delivered": "delivered",
      "recipient-without-domain": "bounced domain-not-found",
      "mail-server-no-dns": "bounced domain-not-found",
      "relay-dns-unreachable": "bounced domain-not-found",
      "relay-dns-silent": "bounced domain-not-found",
      "relay-no-a-record": "bounced domain-not-found",
      "relay-unreachable": "bounced domain-not-found",
      "relay-not-a-mail-server": "bounced domain-not-found",
      "relay-smtp-off": "bounced domain-not-found",
      "relay-wrong-domain": "bounced domain-not-found",
      "remote-unknown-recipient": "bounced unknown-recipient",
      "relay-delivered": "delivered",
      "session-cut": "failed 7",
    });
  });

  it("every row has a unique id, a known evidence level, a cited source, and names real switches", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of RULES) {
      expect(["live", "pkt", "inf"]).toContain(row.evidence);
      expect(RULE_SOURCES[row.id]).toMatch(/pt-labs-and-fidelity\.md|pt-email-and-ux\.md|unset-dns\.md|sim POLICY/);
      for (const s of [row.gate, row.switch]) if (s) expect(Object.keys(PT_BEHAVIOUR)).toContain(s);
    }
  });
});

describe("model: PT's bounce, as the saved labs hold it (pt-labs-and-fidelity.md A1)", () => {
  it("variant 1, unknown recipient: rcpt is the failed recipient, the text is PT's", () => {
    const dsn = dsnMail(
      "unknown-recipient",
      { from: "nayem@gmail.com", to: "muin@gmail.com", subject: "hello", body: "hello" },
      Date.UTC(2022, 9, 31, 1, 24, 56),
    );
    expect(dsn).toEqual({
      from: "Mail Delivery Subsystem",
      rcpt: "muin@gmail.com",
      subject: "Delivery Status Notification (Failure)",
      content:
        "Delivery to the following recipient failed permanently: \n\nmuin@gmail.com\n\nTechnical details of permanent failure:\n" +
        "Server tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the other email provider for further information about the cause of this error. The error that the other server returned was: 550 550-5.1.1 The email account that you tried to reach does not exist. Please try \n" +
        "550-5.1.1 double-checking the recipient's email address for typos or \n550-5.1.1 unnecessary spaces.\n----- Original message ----- \n\n" +
        "From: <nayem@gmail.com>\nDate: Mon Oct 31 2022 01:24:56\nSubject: hello\nTo: muin@gmail.com\nContent-Type: multipart/alternative; \n\nhello",
    });
  });

  it("variant 2, domain not found: rcpt is the sender (PT's own inconsistency)", () => {
    const dsn = dsnMail(
      "domain-not-found",
      { from: "user1@cisco.com", to: "user2", subject: "abc", body: "<original body>" },
      Date.UTC(2025, 10, 19, 9, 55, 21),
    );
    expect(dsn).toEqual({
      from: "Mail Delivery Subsystem",
      rcpt: "user1@cisco.com",
      subject: "Delivery Status Notification (Failure)",
      content:
        "Delivery to the following recipient failed permanently: \n\nuser2\n\nTechnical details of permanent failure:\nDNS Error: Domain name not found\n" +
        "From: <user1@cisco.com>\nDate: Wed Nov 19 2025 09:55:21\nSubject: abc\nTo: user2\nContent-Type: multipart/alternative; \n\n<original body>",
    });
  });
});

describe("model: ships inside the engine", () => {
  it("bundles as ES2016 with nothing Qt 5.15 lacks", async () => {
    const out = await esbuild.build({
      entryPoints: ["src/model/index.ts"],
      bundle: true,
      format: "iife",
      globalName: "Model",
      target: "es2016",
      write: false,
      charset: "ascii",
    });
    expect(() => checkEngineSource(out.outputFiles[0].text, "model")).not.toThrow();
  });
});
