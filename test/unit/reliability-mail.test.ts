// Issue 14, the classes about mail: what a harsher Packet Tracer does to the
// queue and to the matching of mailSent events. Each story failed on the
// engine before the issue and passes now.
import { describe, expect, it } from "vitest";
import type { SimSmtpClient } from "../../sim/device";
import { BODY_KEPT } from "../../src/log";
import { codes, rig } from "../helpers/engine-on-sim";

/** A client that, like PT's, stays busy after a send nobody answers, until cancelSend. */
function swallowFirstSend(smtp: SimSmtpClient): { cancels: number } {
  const real = smtp.sendMail.bind(smtp);
  const realCancel = smtp.cancelSend.bind(smtp);
  const state = { cancels: 0, busy: false, first: true };
  smtp.sendMail = (...a: Parameters<typeof real>) => {
    if (state.busy) return false;
    if (state.first) {
      state.first = false;
      state.busy = true; // accepted, then silence: no mailSent ever comes
      return true;
    }
    return real(...a);
  };
  smtp.cancelSend = () => {
    state.cancels++;
    state.busy = false;
    realCancel();
  };
  return state;
}

describe("reliability: the watchdog and the queue (issue 14, class 2)", () => {
  it("giving up on a mail cancels it in PT, so the rest of a class mail still goes", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { watchdogMs: 10000 } });
    const state = swallowFirstSend(r.world.device("PC-Teacher")!.email!.smtp);
    r.send("PC-Teacher", ["alice@alpha.edu", "carol@alpha.edu", "dave@alpha.edu"]);
    r.clock.advance(30000);
    expect(state.cancels).toBe(1);
    expect(r.mails().map((m) => `${m.to}:${m.state}`)).toEqual([
      "alice@alpha.edu:failed",
      "carol@alpha.edu:delivered",
      "dave@alpha.edu:delivered",
    ]);
    expect(r.byTo("alice@alpha.edu").reason).toMatch(/cancelled it and moved on/);
  });
});

describe("reliability: reading mailSent (issue 14, class 5)", () => {
  it("reads args given as JSON text, and a response type given by its enum name", () => {
    const r = rig();
    const smtp = r.world.device("PC-Erin")!.email!.smtp;
    smtp.emit("mailSent", JSON.stringify({ dest: "a@beta.org", subject: "json", body: "", responseType: 2 }));
    smtp.emit("mailSent", { dest: "b@beta.org", subject: "enum", body: "", responseType: "eSmtpTimeout" });
    smtp.emit("mailSent", {
      dest: "c@beta.org",
      subject: "qualified",
      body: "",
      responseType: "SmtpResponseType.eSmtpResponseSuccess",
    });
    expect(r.mails().map((m) => [m.to, m.state, m.code])).toEqual([
      ["a@beta.org", "bounced", 2], // accepted; no user "a" on MAIL-BETA
      ["b@beta.org", "failed", 6],
      ["c@beta.org", "bounced", 2],
    ]);
  });

  it("an event with no code or no recipient ends no mail: it is kept as it came, and the mail waits for its own", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(150); // in flight
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "Hello carol@alpha.edu", body: "", responseType: null });
    smtp.emit("mailSent", { dest: "", subject: "", body: "", responseType: 5 });
    const sent = () => r.mails().filter((m) => m.origin === "console")[0];
    expect(sent().state).toBe("sending");
    expect(r.mails().filter((m) => m.origin === "unreadable")).toHaveLength(2);
    r.clock.advance(5000);
    expect(codes(sent())).toEqual([1, 2]);
    expect(sent().state).toBe("delivered");
  });
});

describe("reliability: finished mails are remembered (issue 14, classes 6 and 8)", () => {
  it("a repeated terminal code and a progress code after it land on the same row, as late", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "Hello carol@alpha.edu", body: "", responseType: 2 });
    smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "Hello carol@alpha.edu", body: "", responseType: 3 });
    expect(r.mails()).toHaveLength(1);
    const m = r.byTo("carol@alpha.edu");
    expect(m.state).toBe("delivered");
    expect(m.events.filter((e) => e.late).map((e) => e.code)).toEqual([2, 3]);
  });

  it("PT's word after a power-off lands on the abandoned row, and replaces the console's guess", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(150);
    const alice = r.world.device("PC-Alice")!;
    alice.setPower(false);
    expect(r.byTo("carol@alpha.edu")).toMatchObject({ state: "failed", code: null });
    alice.email!.smtp.emit("mailSent", {
      dest: "carol@alpha.edu",
      subject: "Hello carol@alpha.edu",
      body: "",
      responseType: 6,
    });
    expect(r.mails()).toHaveLength(1);
    expect(r.byTo("carol@alpha.edu")).toMatchObject({ state: "failed", code: 6 });
  });

  it("a late code for a mail the watchdog gave up on lands on that mail, not on the next one to the same recipient", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { watchdogMs: 10000 } });
    swallowFirstSend(r.world.device("PC-Alice")!.email!.smtp);
    r.send("PC-Alice", ["carol@alpha.edu"], { subject: "One" });
    r.clock.advance(11000); // given up
    r.send("PC-Alice", ["carol@alpha.edu"], { subject: "Two" });
    r.clock.advance(150); // "Two" in flight
    r.world
      .device("PC-Alice")!
      .email!.smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "One", body: "", responseType: 2 });
    const [one, two] = r.mails();
    expect([one.subject, one.state, one.code]).toEqual(["One", "delivered", 2]);
    expect(one.events[one.events.length - 1]).toMatchObject({ code: 2, late: true });
    expect([two.subject, two.state]).toEqual(["Two", "sending"]);
    r.clock.advance(5000);
    expect(codes(two)).toEqual([1, 2]);
  });
});

describe("reliability: clear (issue 14, class 9)", () => {
  it("keeps the rows of mails still moving, and they finish in the new log", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(5000);
    r.send("PC-Alice", ["dave@alpha.edu", "bob@beta.org"]);
    r.clock.advance(150);
    r.ok({ type: "clearLog" });
    expect(r.mails().map((m) => `${m.to}:${m.state}`)).toEqual(["dave@alpha.edu:sending", "bob@beta.org:queued"]);
    expect(r.everything().sent).toBe(2);
    r.clock.advance(20000);
    expect(r.mails().map((m) => `${m.to}:${m.state}`)).toEqual(["dave@alpha.edu:delivered", "bob@beta.org:delivered"]);
  });
});

describe("reliability: costs that stay bounded (issue 14, classes 12 and 13)", () => {
  it("100,000 repeated progress codes are one event with a count", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(150);
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    for (let i = 0; i < 100000; i++)
      smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "Hello carol@alpha.edu", body: "", responseType: 1 });
    const m = r.byTo("carol@alpha.edu");
    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({ code: 1, times: 100001 });
  });

  it("a timeline keeps its first event and its latest ones, and counts what it left out", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(150);
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    for (let i = 0; i < 100; i++) {
      smtp.emit("mailSent", {
        dest: "carol@alpha.edu",
        subject: "Hello carol@alpha.edu",
        body: "",
        responseType: i % 2 ? 1 : 3,
      });
    }
    const m = r.byTo("carol@alpha.edu");
    expect(m.events).toHaveLength(40);
    expect(m.omittedEvents).toBe(61);
    expect(m.events[0].code).toBe(1);
  });

  it("open rows of PT's own Email app are bounded: the oldest that never finished is ended, saying why", () => {
    const r = rig();
    const smtp = r.world.device("PC-Bob")!.email!.smtp;
    for (let i = 0; i < 30; i++)
      smtp.emit("mailSent", { dest: `u${i}@beta.org`, subject: "s", body: "", responseType: 1 });
    const open = r.mails().filter((m) => m.state === "sending");
    expect(open.map((m) => m.to)).toEqual(Array.from({ length: 20 }, (_, i) => `u${i + 10}@beta.org`));
    expect(r.byTo("u0@beta.org")).toMatchObject({ state: "failed", reason: expect.stringMatching(/No result seen/) });
  });

  it("a client that answers inside sendMail does not grow the stack: 2,000 mails go one after another", () => {
    const r = rig();
    const smtp = r.world.device("PC-Teacher")!.email!.smtp;
    smtp.sendMail = (_from, to, subject) => {
      smtp.emit("mailSent", { dest: to, subject, body: "", responseType: 2 }); // PT answering at once
      return true;
    };
    const to = Array.from({ length: 2000 }, (_, i) => `s${i}@alpha.edu`);
    expect(r.send("PC-Teacher", to).ok).toBe(true);
    const mails = r.mails();
    expect(mails).toHaveLength(2000);
    expect(mails.every((m) => m.code === 2 && m.state === "bounced")).toBe(true); // no such users on MAIL-ALPHA
  });

  it("the log keeps a bounded prefix of a body, and the mail is still sent whole", () => {
    const r = rig();
    const body = "x".repeat(1024 * 1024);
    r.ok({
      type: "sendMail",
      device: r.deviceKey("PC-Alice"),
      from: "alice@alpha.edu",
      password: "alice123",
      server: "mail.alpha.edu",
      mails: [{ to: "carol@alpha.edu", subject: "Big", body }],
    });
    r.clock.advance(5000);
    const m = r.byTo("carol@alpha.edu");
    expect(m.body).toHaveLength(BODY_KEPT);
    expect(m.bodyLength).toBe(body.length);
    expect(r.world.device("MAIL-ALPHA")!.mail!.server.mailboxes.carol[0].content).toHaveLength(body.length);
  });
});
