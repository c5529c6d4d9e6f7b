// What PT stored in a lab (delivered mails, DSNs), held against the delivery
// matrix: agree, disagree, predicted unknown, or not comparable because the lab
// changed after PT stored it. Expectations are written down by hand from the
// fixture's story (lab/fixtures/stored-labs.ts) and from PT's stored forms
// (research/pt-labs-and-fidelity.md A1).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { holdAgainst, type StoredOutcome, storedOutcomes } from "../../lab/stored-evidence";
import { summarize } from "../../lab/summary";
import type { TopologySpec } from "../../sim/spec";
import type { DeliveryMatrix, MatrixCell } from "../../src/model";
import { runCli } from "./run-cli";

const STORED = join(FIXTURE_DIR, "stored-outcomes.pkt");

describe("stored evidence: the stored-outcomes lab", () => {
  it("--json: 9 outcomes; 3 agree, 1 disagrees, 5 cannot be compared, each with why", () => {
    const r = runCli(["--json", STORED]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out[0]).stored).toEqual({
      outcomes: 9,
      // ann → bob delivered, ann → cy@beta.lab bounced (MAIL-A has no DNS server), ann → eve delivered
      agree: 3,
      disagree: [
        {
          from: "bob@alpha.lab",
          to: "ann@alpha.lab",
          stored: "delivered",
          predicted: "failed",
          cause: "the password is not bob's password on MAIL-A",
          where: "PC-Ann inbox",
        },
      ],
      unknown: [],
      notComparable: [
        {
          from: "ann@alpha.lab",
          to: "eve@alpha.lab",
          stored: "bounced",
          why: "a later mail of this pair was delivered (MAIL-A mailbox eve)",
          where: "MAIL-A mailbox ann",
        },
        {
          from: "ann@alpha.lab",
          to: "cy",
          stored: "bounced",
          why: "cy is not an account of a mail server in the lab now",
          where: "MAIL-A mailbox ann",
        },
        {
          from: "cy@beta.lab",
          to: "dee@beta.lab",
          stored: "bounced",
          why: "the DSN says dee@beta.lab did not exist when PT bounced the mail; it is an account now",
          where: "MAIL-B mailbox cy",
        },
        {
          from: "ann@alpha.lab",
          to: "dan@gamma.lab",
          stored: "delivered",
          why: "SMTP on MAIL-C is off now, so the lab changed after PT stored the mail",
          where: "MAIL-C mailbox dan",
        },
        {
          from: "zed@alpha.lab",
          to: "cy@beta.lab",
          stored: "delivered",
          why: "no Email client of the lab sends as zed@alpha.lab now",
          where: "PC-Cy inbox",
        },
      ],
    });
  });

  it("text: the count line names the disagreement, then what is not comparable", () => {
    const r = runCli([STORED]);
    const from = r.out.findIndex((l) => l.startsWith("  PT stored"));
    expect(r.out.slice(from, from + 3)).toEqual([
      "  PT stored 9 outcomes in this file; the matrix agrees with 3; disagrees with 1:",
      "    bob@alpha.lab → ann@alpha.lab was delivered, the matrix says failed (the password is not bob's password on MAIL-A) [PC-Ann inbox]",
      "  not comparable with the lab as it stands: 5",
    ]);
  });

  it("a lab whose matrix could not be predicted compares nothing, and says why for each outcome", () => {
    const spec: TopologySpec = { ...gmailLab(), links: [["Muin", "SW-Gone"]] };
    const lab = { spec, ptVersion: "9.0.1.0858", kind: "pkt" as const, devices: [], storedMails: 3, warnings: [] };
    const stored = summarize("gone.pkt", lab).stored;
    expect([stored.outcomes, stored.agree, stored.notComparable.map((n) => n.why)]).toEqual([
      3,
      0,
      Array(3).fill("the delivery matrix was not predicted (see the warnings)"),
    ]);
  });

  it("a lab without stored mail says so", () => {
    const r = runCli([join(FIXTURE_DIR, "dns-cnames.pkt")]);
    expect(r.out).toContain("  stored outcomes: none (no delivered mail or DSN in mailboxes or inboxes)");
  });
});

/** PT 8.2.0's variant-1 DSN, as saved in a public lab (research A1; `<` decoded). */
const PT_DSN_UNKNOWN = `Delivery to the following recipient failed permanently: 

muin@gmail.com

Technical details of permanent failure:
Server tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the other email provider for further information about the cause of this error. The error that the other server returned was: 550 550-5.1.1 The email account that you tried to reach does not exist. Please try 
550-5.1.1 double-checking the recipient's email address for typos or 
550-5.1.1 unnecessary spaces.
----- Original message ----- 

From: <nayem@gmail.com>
Date: Mon Oct 31 2022 01:24:56
Subject: hello
To: muin@gmail.com
Content-Type: multipart/alternative; 

hello`;

/** PT 8.2.2's variant-2 DSN (research A1), as fetched into a client's inbox. */
const PT_DSN_NO_DOMAIN = `Delivery to the following recipient failed permanently: 

user2

Technical details of permanent failure:
DNS Error: Domain name not found
From: <user1@cisco.com>
Date: Wed Nov 19 2025 09:55:21
Subject: abc
To: user2
Content-Type: multipart/alternative; 

hello`;

const dsnFields = { from: "Mail Delivery Subsystem", subject: "Delivery Status Notification (Failure)" };

function gmailLab(): TopologySpec {
  return {
    name: "gmail",
    devices: [
      {
        name: "G-mail",
        kind: "server",
        mailServer: {
          domain: "gmail.com",
          users: { nayem: "1", muin: "1" },
          mailboxes: {
            nayem: [
              { ...dsnFields, rcpt: "muin@gmail.com", content: PT_DSN_UNKNOWN, dateTime: "Mon Oct 31 2022 01:24:56" },
            ],
          },
        },
      },
      {
        name: "Muin",
        kind: "pc",
        email: {
          mailId: "muin@gmail.com",
          user: "muin",
          password: "1",
          smtp: "gmail.com",
          inbox: [
            {
              from: "nayem@gmail.com",
              rcpt: "muin@gmail.com",
              subject: "hello",
              content: "hello boss",
              dateTime: "Mon Oct 31 2022 01:28:42",
            },
            { ...dsnFields, rcpt: "user1@cisco.com", content: PT_DSN_NO_DOMAIN, dateTime: "Wed Nov 19 2025 09:55:21" },
          ],
        },
      },
    ],
    links: [],
  };
}

describe("stored evidence: PT's own stored forms", () => {
  it("reads a DSN's sender from its quoted original and its failed recipient from the line after 'failed permanently'", () => {
    const outcomes = storedOutcomes(gmailLab());
    expect(outcomes.map((o) => [o.from, o.to, o.stored, o.where, o.noSuchAccount])).toEqual([
      ["nayem@gmail.com", "muin@gmail.com", "bounced", "G-mail mailbox nayem", true],
      ["nayem@gmail.com", "muin@gmail.com", "delivered", "Muin inbox", false],
      ["user1@cisco.com", "user2", "bounced", "Muin inbox", false],
    ]);
    expect(outcomes[1].at - outcomes[0].at).toBe(226_000); // 01:28:42 − 01:24:56
  });
});

const cell = (
  device: string,
  from: string,
  to: string,
  predicted: MatrixCell["predicted"],
  cause = "",
): MatrixCell => ({
  device,
  from,
  to,
  predicted,
  codes: [],
  code: null,
  cause,
  fix: "",
  rule: "",
  evidence: "inf",
});

const outcome = (from: string, to: string, stored: "delivered" | "bounced", at: number): StoredOutcome => ({
  from,
  to,
  stored,
  where: "X inbox",
  server: "",
  at,
  noSuchAccount: false,
});

function matrixOf(cells: MatrixCell[]): DeliveryMatrix {
  const senders = cells
    .filter((c, i) => cells.findIndex((d) => d.device === c.device) === i)
    .map((c) => ({ device: c.device, mailId: c.from, user: "", password: "", smtpServer: "" }));
  const roster = cells.map((c) => c.to).filter((t, i, all) => all.indexOf(t) === i);
  return { senders, roster, cells, causes: [] };
}

const NO_SERVERS: TopologySpec = { name: "none", devices: [], links: [] };

describe("stored evidence: holding outcomes against cells", () => {
  it("a pair predicted unknown is counted apart with the model's cause, neither agreeing nor disagreeing", () => {
    const m = matrixOf([cell("PC1", "a@x.lab", "b@x.lab", "unknown", "the path uses EtherChannel, not modeled")]);
    const check = holdAgainst([outcome("a@x.lab", "b@x.lab", "delivered", 1)], m, NO_SERVERS);
    expect(check).toEqual({
      outcomes: 1,
      agree: 0,
      disagree: [],
      unknown: [
        {
          from: "a@x.lab",
          to: "b@x.lab",
          stored: "delivered",
          cause: "the path uses EtherChannel, not modeled",
          where: "X inbox",
        },
      ],
      notComparable: [],
    });
  });

  it("two clients sending as one address: one predicted as PT stored agrees; none, and it disagrees naming the device", () => {
    const m = matrixOf([
      cell("PC1", "a@x.lab", "b@x.lab", "failed", "PC1 is powered off"),
      cell("PC2", "a@x.lab", "b@x.lab", "delivered"),
    ]);
    expect(holdAgainst([outcome("a@x.lab", "b@x.lab", "delivered", 1)], m, NO_SERVERS).agree).toBe(1);
    const bounced = holdAgainst([outcome("a@x.lab", "b@x.lab", "bounced", 1)], m, NO_SERVERS);
    expect(bounced.disagree).toEqual([
      {
        from: "a@x.lab",
        to: "b@x.lab",
        stored: "bounced",
        predicted: "failed",
        cause: "PC1: PC1 is powered off",
        where: "X inbox",
      },
    ]);
  });

  it("both kinds for one pair: the later is compared; with no order, neither is", () => {
    const m = matrixOf([cell("PC1", "a@x.lab", "b@x.lab", "delivered")]);
    const ordered = holdAgainst(
      [outcome("a@x.lab", "b@x.lab", "bounced", 1), outcome("A@X.lab", "b@x.lab", "delivered", 2)],
      m,
      NO_SERVERS,
    );
    expect([ordered.agree, ordered.notComparable.map((n) => n.why)]).toEqual([
      1,
      ["a later mail of this pair was delivered (X inbox)"],
    ]);
    const unordered = holdAgainst(
      [outcome("a@x.lab", "b@x.lab", "bounced", Number.NaN), outcome("a@x.lab", "b@x.lab", "delivered", 2)],
      m,
      NO_SERVERS,
    );
    expect([unordered.agree, unordered.notComparable.map((n) => n.why)]).toEqual([
      0,
      [
        "PT also stored this pair delivered, and the dates do not say which came last",
        "PT also stored this pair bounced, and the dates do not say which came last",
      ],
    ]);
  });
});
