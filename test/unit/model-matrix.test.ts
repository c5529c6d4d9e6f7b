// The delivery matrix: every sender of the classroom against every account,
// as the model predicts it, and the causes of what fails grouped by what to
// fix. Given the classroom (6 senders, 6 accounts), when one fact breaks, then
// the cells it breaks and one cause for them, counted.

import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import type { HostSpec } from "../../sim/spec";
import { World } from "../../sim/world";
import {
  behaviourWith,
  type DeviceFacts,
  decideFate,
  defaultBehaviour,
  deliveryMatrix,
  type MailClient,
  type MailServerFacts,
  type MatrixCell,
  rosterOf,
  type Snapshot,
} from "../../src/model";

/** Given the classroom as a script would read it. */
function snapshot(): Snapshot {
  const w = new World({ clock: new VirtualClock() });
  w.load(classroom());
  return w.snapshot();
}
const device = (s: Snapshot, name: string): DeviceFacts => s.devices.filter((d) => d.name === name)[0];
const mailOf = (s: Snapshot, name: string) => device(s, name).mail as MailServerFacts;

/** The classroom's Email accounts, as the engine's device registry reads them. */
function clients(): MailClient[] {
  return (classroom().devices.filter((d) => "email" in d && d.email) as HostSpec[]).map((h) => ({
    device: h.name,
    mailId: h.email!.mailId,
    user: h.email!.user,
    password: h.email!.password,
    smtpServer: h.email!.smtp,
  }));
}
const matrixOf = (s: Snapshot, b = defaultBehaviour()) => deliveryMatrix(s, clients(), b);
const tally = (cells: MatrixCell[]) => {
  const t: { [k: string]: number } = {};
  for (const c of cells) t[c.predicted] = (t[c.predicted] || 0) + 1;
  return t;
};
const pairs = (cells: MatrixCell[]) => cells.map((c) => c.device + " → " + c.to);
const ALPHA_SENDERS = ["PC-Teacher", "PC-Alice", "PC-Carol", "Laptop-Dave"];

describe("model: the delivery matrix", () => {
  it("the classroom: 6 senders × 6 accounts, all 36 pairs delivered, nothing to fix", () => {
    const m = matrixOf(snapshot());
    expect(m.senders.map((s) => s.device)).toEqual([...ALPHA_SENDERS, "PC-Bob", "PC-Erin"]);
    expect(m.roster).toEqual([
      "alice@alpha.edu",
      "carol@alpha.edu",
      "dave@alpha.edu",
      "teacher@alpha.edu",
      "bob@beta.org",
      "erin@beta.org",
    ]);
    expect(m.cells).toHaveLength(36);
    expect(tally(m.cells)).toEqual({ delivered: 36 });
    expect(m.causes).toEqual([]);
    const at = (from: string, to: string) => m.cells.filter((c) => c.device === from && c.to === to)[0];
    expect(at("PC-Alice", "carol@alpha.edu")).toEqual({
      device: "PC-Alice",
      from: "alice@alpha.edu",
      to: "carol@alpha.edu",
      predicted: "delivered",
      codes: [1, 2],
      code: 2,
      cause: "MAIL-ALPHA stores the mail in carol's mailbox",
      fix: "",
      rule: "local-delivered",
      evidence: "pkt",
    });
    expect(at("PC-Bob", "teacher@alpha.edu")).toMatchObject({ codes: [1, 3, 2], rule: "relay-delivered" });
  });

  it("no A record for beta.org: the 8 relayed pairs to beta.org bounce, one cause, counted once", () => {
    const s = snapshot();
    const dns = device(s, "DNS-SRV").dns as { aRecords: { name: string }[] };
    dns.aRecords = dns.aRecords.filter((r) => r.name !== "beta.org");
    const m = matrixOf(s);
    const broken = m.cells.filter((c) => c.predicted !== "delivered");
    expect(tally(m.cells)).toEqual({ delivered: 28, bounced: 8 });
    expect(pairs(broken)).toEqual(ALPHA_SENDERS.flatMap((d) => [d + " → bob@beta.org", d + " → erin@beta.org"]));
    expect(broken[0]).toMatchObject({ codes: [1, 3, 2], code: 2, rule: "relay-no-a-record" });
    expect(m.causes).toEqual([
      {
        key: "add an A record beta.org → 10.2.0.10 (MAIL-BETA) on DNS-SRV",
        cause: "DNS-SRV (10.1.0.5) has no A record for beta.org",
        fix: "add an A record beta.org → 10.2.0.10 (MAIL-BETA) on DNS-SRV",
        pairs: 8,
        rule: "relay-no-a-record",
      },
    ]);
    // The same pairs fail with 13 when a relay failure is refused outright.
    const refused = matrixOf(s, behaviourWith({ relayFailure: "reject13" }));
    expect(tally(refused.cells)).toEqual({ delivered: 28, failed: 8 });
    expect(refused.causes.map((g) => g.pairs)).toEqual([8]);
    expect(refused.cells.filter((c) => c.predicted === "failed").map((c) => c.code)).toEqual(Array(8).fill(13));
  });

  it("PC-Bob has no default gateway: his whole row fails with 8, one row-wide cause", () => {
    const s = snapshot();
    device(s, "PC-Bob").gateway = "";
    const m = matrixOf(s);
    const broken = m.cells.filter((c) => c.predicted !== "delivered");
    expect(tally(m.cells)).toEqual({ delivered: 30, failed: 6 });
    expect(broken.every((c) => c.device === "PC-Bob" && c.code === 8)).toBe(true);
    expect(m.causes).toEqual([
      {
        key: "set PC-Bob's default gateway to 10.2.0.1 (R1 GigabitEthernet0/1)",
        cause: "PC-Bob cannot reach its DNS server 10.1.0.5: PC-Bob has no default gateway",
        fix: "set PC-Bob's default gateway to 10.2.0.1 (R1 GigabitEthernet0/1)",
        pairs: 6,
        rule: "client-dns-unreachable",
      },
    ]);
  });

  it("R1 off: 20 pairs over two rows, one fix, worded as the fact all their causes end in", () => {
    const s = snapshot();
    device(s, "R1").power = false;
    const m = matrixOf(s);
    expect(tally(m.cells)).toEqual({ delivered: 16, bounced: 8, failed: 12 });
    // Per pair the causes differ ("PC-Bob cannot reach its DNS server 10.1.0.5: R1 is powered off",
    // "MAIL-ALPHA cannot reach beta.org's server 10.2.0.10: R1 is powered off"); the fix does not.
    expect(m.causes).toEqual([
      {
        key: "switch R1 on",
        cause: "R1 is powered off",
        fix: "switch R1 on",
        pairs: 20,
        rule: "relay-unreachable, client-dns-unreachable",
      },
    ]);
  });

  it("MAIL-BETA has no gateway: every relay to or from beta.org bounces (16), one cause", () => {
    const s = snapshot();
    device(s, "MAIL-BETA").gateway = "";
    const m = matrixOf(s);
    expect(tally(m.cells)).toEqual({ delivered: 20, bounced: 16 });
    expect(m.causes.map((g) => [g.pairs, g.cause, g.fix])).toEqual([
      [16, "MAIL-BETA has no default gateway", "set MAIL-BETA's default gateway to 10.2.0.1 (R1 GigabitEthernet0/1)"],
    ]);
  });

  it("a slip in one sender's own settings is one cause per sender, named, most pairs first", () => {
    const s = snapshot();
    const dns = device(s, "DNS-SRV").dns as { aRecords: { name: string }[] };
    dns.aRecords = dns.aRecords.filter((r) => r.name !== "beta.org");
    const c = clients();
    c[0].smtpServer = ""; // PC-Teacher
    c[1].password = "wrong"; // PC-Alice
    c[2].smtpServer = ""; // PC-Carol: the same fix text as PC-Teacher's, a second fix all the same
    c[4].password = "wrong"; // PC-Bob
    const m = deliveryMatrix(s, c, defaultBehaviour());
    expect(tally(m.cells)).toEqual({ delivered: 10, bounced: 2, failed: 24 });
    expect(m.causes.map((g) => [g.pairs, g.cause, g.rule])).toEqual([
      [6, "PC-Teacher: no outgoing mail server is set", "server-blank"],
      [6, "PC-Alice: the password is not alice's password on MAIL-ALPHA", "wrong-password"],
      [6, "PC-Carol: no outgoing mail server is set", "server-blank"],
      [6, "PC-Bob: the password is not bob's password on MAIL-BETA", "wrong-password"],
      [2, "DNS-SRV (10.1.0.5) has no A record for beta.org", "relay-no-a-record"],
    ]);
    expect(m.causes[1].fix).toBe("type alice's password as set in MAIL-ALPHA's User Setup (case-sensitive)");
    expect(m.causes[1].key).toBe("type alice's password as set in MAIL-ALPHA's User Setup (case-sensitive)\nPC-Alice");
  });

  it("facts that could not be read give unknown cells, grouped by what to check", () => {
    const s = snapshot();
    device(s, "PC-Erin").gateway = null;
    mailOf(s, "MAIL-BETA").smtpOn = null;
    const m = matrixOf(s);
    expect(tally(m.cells)).toEqual({ delivered: 16, unknown: 20 });
    const unknown = m.cells.filter((c) => c.predicted === "unknown");
    expect(unknown.every((c) => c.code === null)).toBe(true);
    expect(m.causes.map((g) => [g.pairs, g.cause, g.fix])).toEqual([
      [
        14,
        "unknown: whether MAIL-BETA's SMTP service is on could not be read",
        "check this in Packet Tracer: whether MAIL-BETA's SMTP service is on could not be read",
      ],
      [
        6,
        "unknown: PC-Erin's default gateway could not be read",
        "check this in Packet Tracer: PC-Erin's default gateway could not be read",
      ],
    ]);
  });

  it("a device with no address in its account sends nothing; a server whose accounts are unreadable adds none", () => {
    const s = snapshot();
    mailOf(s, "MAIL-BETA").accounts = null;
    expect(rosterOf(s)).toEqual(["alice@alpha.edu", "carol@alpha.edu", "dave@alpha.edu", "teacher@alpha.edu"]);
    const c = clients();
    c[0].mailId = " ";
    const m = deliveryMatrix(s, c, defaultBehaviour());
    expect(m.senders).toHaveLength(5);
    expect(m.cells).toHaveLength(20);
  });

  it("gives every pair the fate decideFate gives it alone, in labs broken on either side", () => {
    // The matrix decides the rows up to the login once per sender (decideFates): this
    // catches a sender-side row that starts reading the recipient.
    const variants: [string, (s: Snapshot, c: MailClient[]) => void][] = [
      ["as built", () => undefined],
      [
        "no A record for beta.org",
        (s) => {
          const dns = device(s, "DNS-SRV").dns as { aRecords: { name: string }[] };
          dns.aRecords = dns.aRecords.filter((r) => r.name !== "beta.org");
        },
      ],
      [
        "R1 off",
        (s) => {
          device(s, "R1").power = false;
        },
      ],
      [
        "slips in senders' settings",
        (_s, c) => {
          c[0].smtpServer = "";
          c[1].password = "wrong";
          c[3].smtpServer = "10.1.0.99";
          c[4].mailId = "bob@alpha.edu";
        },
      ],
      [
        "unreadable facts",
        (s) => {
          device(s, "PC-Erin").gateway = null;
          mailOf(s, "MAIL-BETA").smtpOn = null;
        },
      ],
    ];
    let compared = 0;
    for (const [name, breakIt] of variants) {
      const s = snapshot();
      const c = clients();
      breakIt(s, c);
      const m = deliveryMatrix(s, c, defaultBehaviour());
      for (const cell of m.cells) {
        const sender = c.filter((x) => x.device === cell.device)[0];
        const mail = {
          device: sender.device,
          from: cell.from,
          to: cell.to,
          password: sender.password,
          server: sender.smtpServer,
        };
        const alone = decideFate(s, mail, defaultBehaviour());
        const got = [cell.predicted, cell.codes, cell.cause, cell.fix, cell.rule, cell.evidence];
        expect(got, name + ": " + cell.device + " → " + cell.to).toEqual([
          alone.outcome.kind,
          alone.codes,
          alone.cause,
          alone.fix,
          alone.rule,
          alone.evidence,
        ]);
        compared++;
      }
    }
    expect(compared).toBe(variants.length * 36);
  });
});
