import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../sim/scenarios/catalogue";
import { codes, rig } from "../helpers/engine-on-sim";

describe("engine: sending through the simulator", () => {
  it("given the classroom, when Alice sends to Carol, the log shows 1 then 2 and the mail is delivered", () => {
    const r = rig();
    const res = r.send("PC-Alice", ["carol@alpha.edu"]);
    expect(res.ok).toBe(true);
    expect(r.byTo("carol@alpha.edu").state).toBe("sending");
    r.clock.advance(5000);
    const m = r.byTo("carol@alpha.edu");
    expect(m.state).toBe("delivered");
    expect(codes(m)).toEqual([1, 2]);
    expect(m.origin).toBe("console");
    expect(r.world.device("MAIL-ALPHA")!.mail!.server.mailboxes.carol).toHaveLength(1);
  });

  it("shows forwarding while a mail is relayed to the other domain", () => {
    const r = rig();
    r.send("PC-Alice", ["bob@beta.org"]);
    const states: string[] = [];
    for (let t = 0; t < 20; t++) {
      r.clock.advance(50);
      const s = r.byTo("bob@beta.org").state;
      if (states[states.length - 1] !== s) states.push(s);
    }
    r.clock.advance(5000);
    expect(states).toContain("forwarding");
    expect(r.byTo("bob@beta.org").state).toBe("delivered");
    expect(codes(r.byTo("bob@beta.org"))).toEqual([1, 3, 2]);
  });

  // Every catalogue scenario that is one send, through the engine: the log's codes are the simulator's.
  for (const s of CATALOGUE.filter(
    (x) => x.sends.length === 1 && !x.sends[0].during && x.sends[0].accepted !== false,
  )) {
    it(`scenario "${s.name}": the log records ${s.sends[0].expect.join(",")}`, () => {
      const r = rig();
      Object.assign(r.world.behaviour, s.behaviour || {});
      if (s.setup) s.setup(r.world);
      const send = s.sends[0];
      const res = r.send(send.from, [send.to], {
        server: send.server,
        password: send.password,
        from: send.fromAddress,
      });
      expect(res.ok).toBe(true);
      r.clock.advance(20000);
      const m = r.byTo(send.to);
      expect(codes(m)).toEqual(send.expect);
      const last = send.expect[send.expect.length - 1];
      // PT's code, and the state the model gives it: an accepted mail that bounces is "bounced".
      expect(m.state).toBe(send.outcome);
      expect(m.code).toBe(last);
    });
  }

  it("one compose to three recipients queues three mails and sends them one at a time", () => {
    const r = rig();
    const res = r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu", "bob@beta.org"]);
    expect(res).toEqual({ ok: true, value: { ids: r.mails().map((m) => m.id) } });
    expect(r.mails().map((m) => m.to)).toEqual(["carol@alpha.edu", "dave@alpha.edu", "bob@beta.org"]);
    expect(r.mails().map((m) => m.state)).toEqual(["sending", "queued", "queued"]);
    expect(r.world.deliveries).toHaveLength(1);
    r.clock.advance(30000);
    expect(r.mails().map((m) => m.state)).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("a sendMail that keeps answering false: the mails wait for the busy client, then fail one by one after the watchdog's time", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { watchdogMs: 10000 } });
    const alice = r.world.device("PC-Alice")!;
    alice.email!.smtp.sendMail = () => false;
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    expect(r.mails().map((m) => m.state)).toEqual(["queued", "queued"]);
    expect(r.byTo("carol@alpha.edu").events.map((e) => e.note)).toEqual([
      "Waiting: Packet Tracer's email client is busy (sendMail answered false).",
    ]);
    r.clock.advance(11000);
    expect(r.byTo("carol@alpha.edu")).toMatchObject({
      state: "failed",
      reason: expect.stringMatching(/refused to start the send for 10 s/),
    });
    expect(r.byTo("dave@alpha.edu").state).toBe("queued");
    r.clock.advance(11000);
    expect(r.byTo("dave@alpha.edu")).toMatchObject({
      state: "failed",
      reason: expect.stringMatching(/sendMail returned false/),
    });
  });

  it("a client busy for a moment (PT's own Email app sending) delays the next mail instead of failing it", () => {
    const r = rig();
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    const real = smtp.sendMail.bind(smtp);
    let refusals = 2;
    smtp.sendMail = (...a: Parameters<typeof real>) => (refusals-- > 0 ? false : real(...a));
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(20000);
    expect(r.mails().map((m) => `${m.to}:${m.state}`)).toEqual([
      "carol@alpha.edu:delivered",
      "dave@alpha.edu:delivered",
    ]);
    expect(r.byTo("carol@alpha.edu").events[0].note).toMatch(/busy/);
  });

  it("refuses a send from an unknown device with a message naming the field", () => {
    const r = rig();
    const res = r.request({
      type: "sendMail",
      device: "nope",
      from: "a@b.c",
      password: "",
      server: "1.2.3.4",
      mails: [{ to: "x@y.z", subject: "", body: "" }],
    });
    expect(res).toEqual({
      ok: false,
      field: "device",
      error: "From device: that device is no longer in the topology. Choose another one.",
    });
    expect(r.mails()).toHaveLength(0);
  });
});
