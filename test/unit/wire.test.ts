// The wire (src/wire.ts): every field of a mail survives the trip, the answer
// names each device's account once, and a typical mail fits its byte budget.
// And the log (src/log.ts): a row that has ended is kept frozen, yet reads and
// changes as before.
import { describe, expect, it } from "vitest";
import { DeliveryLog } from "../../src/log";
import type { Changes, MailEntry } from "../../src/protocol";
import { Revision } from "../../src/revision";
import { decodeChanges, encodeChanges, replyFromWire } from "../../src/wire";
import { answerAsPt, rig } from "../helpers/engine-on-sim";

const at = 1767225600000;

function typical(over: Partial<MailEntry> = {}): MailEntry {
  return {
    id: 1,
    rev: 8,
    origin: "console",
    group: 1,
    file: 1,
    deviceKey: "{0000001c-5a17-4c0d-9e11-000000036224}",
    device: "PC-Alice",
    from: "alice@alpha.edu",
    to: "carol@alpha.edu",
    subject: "Lab 4 results",
    body: "Hi Carol, your lab 4 results are in the shared folder. See you on Monday.",
    server: "mail.alpha.edu",
    state: "delivered",
    code: 2,
    queuedAt: at,
    updatedAt: at + 400,
    events: [
      { at: at + 100, code: 1 },
      { at: at + 400, code: 2 },
    ],
    verdict: {
      outcome: "delivered",
      expected: [1, 2],
      cause: "MAIL-ALPHA stores the mail in carol's mailbox",
      fix: "",
      rule: "local-delivered",
      evidence: "pkt",
      server: "MAIL-ALPHA",
      mailbox: "carol",
    },
    ...over,
  };
}

/** Every optional field set, on the mail, its events and its verdict. */
const everything = typical({
  id: 7,
  rev: 91,
  origin: "pt-client",
  group: 5,
  file: 3,
  state: "bounced",
  reason: "Accepted (code 2), but it comes back",
  omittedEvents: 4,
  bodyLength: 9000,
  waitingForSimulation: true,
  events: [
    { at: at - 5, code: 1, times: 3 },
    { at: at + 7, code: null, note: "Cancelled by the user" },
    { at: at + 9, code: 6, raw: '{"weird":true}', late: true },
  ],
  verdict: {
    outcome: "bounced",
    expected: [1, 3, 2],
    cause: "no A record for beta.org",
    fix: "add an A record",
    rule: "relay-no-domain",
    evidence: "inf",
    server: "MAIL-ALPHA",
    mailbox: "alice",
    dsn: "domain-not-found",
    disagrees: { pt: 6, model: null },
  },
});

function changesOf(mails: MailEntry[]): Changes {
  return {
    epoch: 2,
    seq: 99,
    mails,
    full: false,
    droppedIds: [3],
    dropped: 1,
    sent: 9,
    file: 3,
    status: { simulationMode: false, version: "test" },
  };
}

describe("the wire", () => {
  it("gives back every field of every mail, through JSON as $se carries it", () => {
    const c = changesOf([typical(), everything, typical({ id: 9, group: 9, verdict: undefined, state: "sending" })]);
    for (const m of c.mails) if (m.verdict === undefined) delete m.verdict;
    const back = decodeChanges(JSON.parse(JSON.stringify(encodeChanges(c))));
    expect(back).toEqual(c);
  });

  it("names each device's account once per answer", () => {
    const mails = [1, 2, 3].map((id) => typical({ id, group: 1 }));
    mails.push(typical({ id: 4, group: 4, device: "PC-Alice2" }));
    const w = encodeChanges(changesOf(mails));
    expect(w.accounts).toHaveLength(2);
    expect(w.mails.map((m) => m[5])).toEqual([0, 0, 0, 1]);
  });

  it("carries a typical delivered mail in at most 250 bytes (it was 659 as keyed JSON)", () => {
    const w = encodeChanges(changesOf([typical()]));
    expect(JSON.stringify(typical()).length).toBeGreaterThan(600);
    expect(JSON.stringify(w.mails[0]).length).toBeLessThanOrEqual(250);
  });

  it("the engine's answer through $se decodes to exactly what it answers in-process, rows live and ended", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu", "bob@beta.org", "nobody@alpha.edu"]);
    r.clock.advance(300); // one ended, the others still moving
    const smtp = r.world.device("PC-Carol")!.email!.smtp;
    smtp.emit("mailSent", { dest: "u@alpha.edu", subject: 'He said "hi" \u2028', body: "</script>", responseType: 6 });
    const asks = [
      { type: "openPanel" as const },
      { type: "changesSince" as const, seq: 0, epoch: 0, limit: 2 },
      { type: "changesSince" as const, seq: 3, epoch: 1 },
    ];
    for (const ask of asks) {
      const wire = JSON.parse(answerAsPt(r.engine, ask));
      expect(Array.isArray(wire.value.mails[0])).toBe(true);
      expect(replyFromWire(ask.type, wire)).toEqual(JSON.parse(JSON.stringify(r.request(ask))));
    }
    r.clock.advance(20000);
    const all = { type: "changesSince" as const, seq: 0, epoch: 0 };
    expect(r.request(all).ok && (r.request(all) as { value: { mails: unknown[] } }).value.mails).toHaveLength(4);
    expect(replyFromWire("changesSince", JSON.parse(answerAsPt(r.engine, all)))).toEqual(
      JSON.parse(JSON.stringify(r.request(all))),
    );
  });

  it("leaves answers without Changes, and refusals, as handle() gives them", () => {
    const r = rig();
    expect(JSON.parse(answerAsPt(r.engine, { type: "cancelSend", device: "nope" }))).toEqual(
      r.request({ type: "cancelSend", device: "nope" }),
    );
    expect(JSON.parse(answerAsPt(r.engine, { type: "nope" }))).toMatchObject({ ok: false });
  });
});

describe("the log keeps ended rows frozen", () => {
  function logOf() {
    let now = at;
    const log = new DeliveryLog({ cap: 1000, now: () => now++, revision: new Revision() });
    return log;
  }
  const draft = (i: number) => ({
    origin: "console" as const,
    deviceKey: "k",
    device: "PC-Alice",
    from: "alice@alpha.edu",
    to: `s${i}@alpha.edu`,
    subject: "Lab",
    body: "Exercise " + i,
    server: "mail.alpha.edu",
    state: "sending" as const,
  });

  it("answers ended rows as they were, and a late change through an old reference is kept", () => {
    const log = logOf();
    const held = [];
    for (let i = 0; i < 200; i++) {
      const e = log.add(draft(i));
      log.record(e, { code: 1 });
      log.record(e, { code: 2 });
      log.setState(e, "delivered", 2);
      held.push(e);
    }
    // Ended rows are kept as text; a row still moving is the object its lane holds.
    const moving = log.add(draft(200));
    const frozen: { get(id: number): unknown } = Reflect.get(log, "entries"); // private: how rows are kept
    expect(typeof frozen.get(1)).toBe("string");
    expect(typeof frozen.get(200)).toBe("string");
    expect(frozen.get(201)).toBe(moving);
    log.setState(moving, "cancelled", null);
    held.push(moving);
    const all = log.mailsOf(log.changesSince(0, 0).ids);
    expect(all).toEqual(held.map((e) => JSON.parse(JSON.stringify(e))));
    // A late event on the first row, through the reference its lane kept.
    const seq = log.changesSince(0, 0).seq;
    log.record(held[0], { code: 6, late: true });
    const changed = log.mailsOf(log.changesSince(seq, log.epoch).ids);
    expect(changed.map((m) => m.id)).toEqual([1]);
    expect(changed[0].events.map((e) => [e.code, !!e.late])).toEqual([
      [1, false],
      [2, false],
      [6, true],
    ]);
  });

  it("drops frozen rows at the cap like any other, and tells a reader behind which ones", () => {
    const log = logOf();
    log.setCap(50);
    const seq0 = log.changesSince(0, 0).seq;
    for (let i = 0; i < 120; i++) {
      const e = log.add(draft(i));
      log.setState(e, "failed", 6);
    }
    const c = log.changesSince(seq0, log.epoch);
    expect(c.ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 71));
    expect(c.droppedIds).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
  });
});
