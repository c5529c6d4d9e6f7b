// Fixes that point the right way (issue 22, section 2): a typo the lab shows
// is named as the fix, with the exact words a student reads, through the
// engine's Check on the simulated classroom.
import { describe, expect, it } from "vitest";
import { oneLan } from "../../sim/scenarios/classroom";
import type { Fate, Snapshot } from "../../src/model";
import { Memo } from "../../src/model/topology";
import { closest, editDistance, nearMiss } from "../../src/near-miss";
import { rig } from "../helpers/engine-on-sim";

describe("what is a typo away", () => {
  it("counts a swap of two neighbours as one edit, and stops counting past the cap", () => {
    expect(editDistance("beta.org", "beta.ogr")).toBe(1);
    expect(editDistance("bob", "bobby")).toBe(2);
    expect(editDistance("alpha.edu", "beta.org")).toBe(3);
  });

  it("skips only names no typo away: the same answer as trying every name", () => {
    // closest() skips a name by the letters it shares before the edit distance; the skip must never change the answer.
    let seed = 23;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = () => Array.from({ length: 3 + random(5) }, () => "abcdé1"[random(6)]).join("");
    const reference = (typed: string, names: string[]) => {
      const max = typed.length < 5 ? 1 : 2;
      const scored = names.filter((n) => n !== typed).map((n) => ({ n, d: editDistance(typed, n, max) }));
      const best = Math.min(max + 1, ...scored.map((s) => s.d));
      const at = [...new Set(scored.filter((s) => s.d === best && best <= max).map((s) => s.n))];
      return at.length === 1 ? at[0] : null;
    };
    let found = 0;
    for (let i = 0; i < 400; i++) {
      const names = Array.from({ length: 1 + random(12) }, word);
      const typed = word();
      const got = closest(
        typed,
        names.map((name) => ({ name, what: name })),
      );
      expect(got ? got.name : null).toBe(reference(typed, names));
      if (got) found++;
    }
    expect(found).toBeGreaterThan(20); // the cases include typos, not only strangers
  });

  it("takes the one closest name, none on a tie, and one edit at most in a short name", () => {
    const names = (...n: string[]) => n.map((name) => ({ name, what: name }));
    expect(closest("carl", names("carol", "karl"))).toBeNull(); // carl → carol and karl are both one edit
    expect(closest("bobb", names("bob", "erin"))!.name).toBe("bob");
    expect(closest("ann", names("ben"))).toBeNull(); // two edits in a short name is another name
    expect(closest("10.0.1.5", names("10.1.0.5", "10.9.9.9"))!.name).toBe("10.1.0.5"); // two groups swapped
  });
});

describe("Check names the typo, not new configuration", () => {
  const r = rig();
  const alice = r.deviceKey("PC-Alice");
  const check = (to: string, over: { from?: string; server?: string } = {}) => {
    const [p] = r.ok({
      type: "predict",
      device: alice,
      from: over.from || "alice@alpha.edu",
      password: "alice123",
      server: over.server || "10.1.0.10",
      to: [to],
    });
    return p.verdict && [p.verdict.outcome, p.verdict.cause, p.verdict.fix];
  };

  it.each([
    [
      "a mistyped domain",
      "bob@beta.ogr",
      {},
      "bounced",
      "no mail server serves beta.ogr; did you mean beta.org (MAIL-BETA)?",
      "write the recipient as bob@beta.org",
    ],
    [
      "a mistyped user on the own server",
      "karol@alpha.edu",
      {},
      "bounced",
      "MAIL-ALPHA has no account karol; did you mean carol@alpha.edu?",
      "write the recipient as carol@alpha.edu, or add the user karol on MAIL-ALPHA",
    ],
    [
      "a mistyped user on the other server",
      "bobby@beta.org",
      {},
      "bounced",
      "MAIL-BETA has no account bobby; did you mean bob@beta.org?",
      "write the recipient as bob@beta.org, or add the user bobby on MAIL-BETA",
    ],
    [
      "an outgoing server address no device has",
      "bob@beta.org",
      { server: "10.1.0.19" },
      "failed",
      "10.1.0.19: no device has this address; MAIL-ALPHA has 10.1.0.10",
      "set the outgoing server to 10.1.0.10",
    ],
    [
      "a mistyped From user",
      "bob@beta.org",
      { from: "alicee@alpha.edu" },
      "failed",
      "MAIL-ALPHA has no account alicee; did you mean alice?",
      "set From to alice@alpha.edu",
    ],
  ])("%s", (_what, to, over, outcome, cause, fix) => {
    expect(check(to, over)).toEqual([outcome, cause, fix]);
  });

  it("leaves the model's words when nothing in the lab is a typo away", () => {
    const v = check("zed@gamma.net");
    expect(v?.[1]).not.toMatch(/did you mean/);
  });
});

describe("a recipient written user1@", () => {
  it("names the mail server whose Domain Name is empty", () => {
    const snapshot: Snapshot = {
      devices: [
        {
          name: "Server0",
          kind: "server",
          power: true,
          ports: [{ name: "FastEthernet0", ip: "192.168.1.10", mask: "255.255.255.0", up: true, dhcp: false }],
          gateway: "",
          dnsServer: "",
          arp: "",
          mail: { smtpOn: true, pop3On: true, domain: "", accounts: ["user1:x"] },
          dns: "none",
          routing: "none",
        },
      ],
      links: [],
    };
    const fate: Fate = {
      codes: [1, 3, 2],
      outcome: { kind: "bounced", server: "Server0", mailbox: "user0", dsn: "domain-not-found" },
      cause: 'the recipient "user1@" has no domain',
      fix: "write the recipient as user@domain",
      rule: "recipient-without-domain",
      evidence: "pkt",
      steps: [],
    };
    const mail = { device: "PC0", from: "user0@", to: "user1@", password: "x", server: "192.168.1.10" };
    expect(nearMiss(snapshot, mail, fate)).toEqual({
      cause: "Server0's Domain Name is empty, so the Email client wrote the recipient as user1@",
      fix: "set the Domain Name of Server0's Email service (Services > EMAIL)",
    });
  });
});

describe("two networks and no router", () => {
  it("says the fix is an address or a mask, not a gateway that would lead nowhere", () => {
    const spec = oneLan();
    for (const d of spec.devices)
      if (d.name === "PC-Ann" && "ip" in d) Object.assign(d, { ip: "192.168.2.11", gateway: "" });
    const r = rig(spec);
    const [p] = r.ok({
      type: "predict",
      device: r.deviceKey("PC-Ann"),
      from: "ann@school.lab",
      password: "ann123",
      server: "192.168.1.10",
      to: ["ben@school.lab"],
    });
    expect([p.verdict?.outcome, p.verdict?.rule, p.verdict?.cause, p.verdict?.fix]).toEqual([
      "failed",
      "server-unreachable",
      "PC-Ann (192.168.2.11/24) and SRV-MAIL (192.168.1.10) are on different networks, and the lab has no router to join them",
      "give PC-Ann an address in 192.168.1.0/24, or correct the masks, so both are on one network",
    ]);
  });
});

describe("a snapshot's memo of typos", () => {
  // Two servers, each with its own users; one memo, as the engine keeps one per snapshot (issue 23).
  const server = (name: string, domain: string, users: string[]) => ({
    name,
    kind: "server" as const,
    power: true,
    ports: [
      {
        name: "FastEthernet0",
        ip: name === "MAIL-A" ? "10.0.0.1" : "10.0.0.2",
        mask: "255.0.0.0",
        up: true,
        dhcp: false,
      },
    ],
    gateway: "",
    dnsServer: "",
    arp: "",
    mail: { smtpOn: true, pop3On: true, domain, accounts: users.map((u) => u + ":x") },
    dns: "none" as const,
    routing: "none" as const,
  });
  const snapshot: Snapshot = {
    devices: [server("MAIL-A", "a.lab", ["carol", "dave"]), server("MAIL-B", "b.lab", ["karl", "erin"])],
    links: [],
  };
  const unknown = (to: string) => {
    const fate: Fate = {
      codes: [1, 3, 2],
      outcome: { kind: "bounced", server: "MAIL-A", mailbox: "", dsn: "unknown-recipient" },
      cause: "",
      fix: "",
      rule: "remote-unknown-recipient",
      evidence: "pkt",
      steps: [],
    };
    return { device: "PC0", from: "x@a.lab", to, password: "x", server: "10.0.0.1", fate };
  };

  it("answers the same typo on each server from that server's accounts", () => {
    const memo = new Memo();
    const ask = (to: string) => {
      const m = unknown(to);
      return nearMiss(snapshot, m, m.fate, memo);
    };
    expect(ask("carl@a.lab")!.cause).toBe("MAIL-A has no account carl; did you mean carol@a.lab?");
    expect(ask("carl@b.lab")!.cause).toBe("MAIL-B has no account carl; did you mean karl@b.lab?");
    // Asked again, from the memo: the same words.
    expect(ask("carl@a.lab")!.cause).toBe("MAIL-A has no account carl; did you mean carol@a.lab?");
    expect(ask("zed@a.lab")).toBeNull();
    expect(Object.keys(memo).length).toBeGreaterThan(0);
  });
});
