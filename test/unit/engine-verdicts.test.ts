// The log tells what PT did with a mail in the user's own lab: where it went,
// that an accepted mail will bounce and why, what to fix naming devices and
// records, and where PT and the model disagree (issues 11 and 12).
import { describe, expect, it } from "vitest";
import { rig } from "../helpers/engine-on-sim";

describe("engine: verdicts from the mail model", () => {
  it("a mail to a user who does not exist is bounced, not delivered, and says so", () => {
    const r = rig();
    r.send("PC-Alice", ["bobby@beta.org"]);
    r.clock.advance(10000);
    const m = r.byTo("bobby@beta.org");
    expect(m.code).toBe(2); // what PT answered
    expect(m.state).toBe("bounced");
    expect(m.verdict).toMatchObject({
      outcome: "bounced",
      server: "MAIL-ALPHA",
      mailbox: "alice",
      dsn: "unknown-recipient",
    });
    expect(m.reason).toMatch(/^Accepted \(code 2\), but it comes back: /);
    expect(m.verdict!.cause).toMatch(/MAIL-BETA/);
    expect(m.verdict!.disagrees).toBeUndefined();
    // And PT's own bounce is in alice's mailbox, where the row says it is.
    const box = r.world.device("MAIL-ALPHA")!.mail!.server.mailboxes.alice;
    expect(box.map((x) => x.subject)).toEqual(["Delivery Status Notification (Failure)"]);
  });

  it("a delivered mail says whose mailbox on which server it is in", () => {
    const r = rig();
    r.send("PC-Alice", ["bob@beta.org"]);
    r.clock.advance(10000);
    expect(r.byTo("bob@beta.org")).toMatchObject({
      state: "delivered",
      verdict: { outcome: "delivered", server: "MAIL-BETA", mailbox: "bob" },
    });
  });

  it("a failure names the device or record to fix, not a generic text per code", () => {
    const r = rig();
    r.world.device("DNS-SRV")!.dns!.removeARecordFromNameServerDb("mail.beta.org");
    r.send("PC-Bob", ["erin@beta.org"]);
    r.clock.advance(10000);
    const m = r.byTo("erin@beta.org");
    expect(m).toMatchObject({ state: "failed", code: 9 });
    expect(m.verdict!.cause).toMatch(/DNS-SRV/);
    expect(m.verdict!.cause).toMatch(/mail\.beta\.org/);
    expect(m.verdict!.fix).toMatch(/A record/);
  });

  it("a sender whose own link is down is told about its link, not its DNS settings", () => {
    const r = rig();
    r.world.setLinkUp("PC-Bob — SW-Beta", false);
    r.send("PC-Bob", ["erin@beta.org"], { server: "10.2.0.10" });
    r.clock.advance(10000);
    const m = r.byTo("erin@beta.org");
    expect(m.state).toBe("failed");
    expect(m.verdict!.cause).toMatch(/PC-Bob/);
    expect(m.verdict!.cause).not.toMatch(/DNS/);
  });

  it("an outgoing server that is the DNS server is called not a mail server, not a Domain Name problem", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"], { server: "10.1.0.5" }); // DNS-SRV
    r.clock.advance(10000);
    const m = r.byTo("carol@alpha.edu");
    expect(m.state).toBe("failed");
    expect(m.verdict!.cause).toMatch(/DNS-SRV/);
    expect(m.verdict!.cause + m.verdict!.fix).not.toMatch(/Domain Name/);
  });

  it("a router that is off is named as the cause", () => {
    const r = rig();
    r.world.device("R1")!.setPower(false);
    r.send("PC-Alice", ["bob@beta.org"]);
    r.clock.advance(20000);
    const m = r.byTo("bob@beta.org");
    expect(m.verdict!.cause).toMatch(/R1/);
    expect(m.verdict!.cause).toMatch(/off/);
  });

  it("where PT's code is not the model's, the row says both", () => {
    const r = rig();
    r.world.behaviour.relayFailure = "reject13"; // this simulated PT answers 13 where the model expects a bounce
    r.world.device("DNS-SRV")!.dns!.removeARecordFromNameServerDb("beta.org");
    r.send("PC-Alice", ["bob@beta.org"]);
    r.clock.advance(10000);
    const m = r.byTo("bob@beta.org");
    expect(m).toMatchObject({ state: "failed", code: 13 });
    expect(m.verdict!.disagrees).toEqual({ pt: 13, model: 2 });
    const report = r.ok({ type: "fidelityReport" }).text;
    expect(report).toMatch(/PT answered 13; the model expected 2/);
    expect(report).toMatch(/dest: string, subject: string, body: string, responseType: number/);
    expect(report).not.toMatch(/alice123/); // no password
    expect(report).not.toMatch(/Body for/); // no body
  });

  it("Check predicts per recipient before anything is sent, and sends nothing", () => {
    const r = rig();
    const answers = r.ok({
      type: "predict",
      device: r.deviceKey("PC-Alice"),
      from: "alice@alpha.edu",
      password: "alice123",
      server: "mail.alpha.edu",
      to: ["carol@alpha.edu", "karol@alpha.edu", "bob@beta.org"],
    });
    expect(answers.map((a) => [a.to, a.verdict?.outcome, a.verdict?.expected])).toEqual([
      ["carol@alpha.edu", "delivered", [1, 2]],
      ["karol@alpha.edu", "bounced", [1, 2]],
      ["bob@beta.org", "delivered", [1, 3, 2]],
    ]);
    expect(answers[1].verdict!.cause).toMatch(/MAIL-ALPHA/);
    expect(r.world.history).toHaveLength(0);
    expect(r.mails()).toHaveLength(0);
  });

  it("the Lab check answers who can mail whom, and one broken record is one fix for every pair it breaks", () => {
    const r = rig();
    const ok = r.ok({ type: "labCheck" });
    expect(ok.readable).toBe(true);
    expect(ok.senders).toHaveLength(9 - 3); // the six PCs and laptops with an account; servers have none
    expect(ok.roster).toHaveLength(6);
    expect(ok.cells.filter((c) => c.predicted !== "delivered")).toEqual([]);
    r.world.device("DNS-SRV")!.dns!.removeARecordFromNameServerDb("beta.org");
    r.world.app.workspace.logical.emit("linkCreated", {}); // any topology event: the lab is read again
    const broken = r.ok({ type: "labCheck" });
    const bounced = broken.cells.filter((c) => c.predicted === "bounced");
    // Alpha's four senders to beta's two accounts: relayed, then bounced for want of the domain's A record.
    expect(bounced.map((c) => `${c.from}>${c.to}`).sort()).toEqual(
      ["alice", "carol", "dave", "teacher"]
        .flatMap((u) => [`${u}@alpha.edu>bob@beta.org`, `${u}@alpha.edu>erin@beta.org`])
        .sort(),
    );
    expect(broken.causes).toHaveLength(1);
    expect(broken.causes[0]).toMatchObject({ pairs: 8 });
    expect(broken.causes[0].fix).toMatch(/beta\.org/);
  });
});
