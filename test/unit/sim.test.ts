import { describe, expect, it } from "vitest";
import { CATALOGUE, runScenario } from "../../sim/scenarios/catalogue";
import { TRIGGERS, POLICY } from "../../sim/rules";
import { VirtualClock } from "../../sim/clock";
import { World } from "../../sim/world";
import { classroom } from "../../sim/scenarios/classroom";
import { RESPONSE_CODES } from "../../src/codes";

function world() {
  const clock = new VirtualClock();
  const w = new World({ clock, stepMs: 100, timeoutMs: 3000 });
  w.load(classroom());
  return { clock, w };
}

function sendFrom(w: World, device: string, to: string, over: { server?: string; password?: string } = {}) {
  const d = w.device(device)!;
  const u = d.email!.user;
  const codes: number[] = [];
  d.email!.smtp.registerEvent("mailSent", null, (_s, a) => codes.push((a as { responseType: number }).responseType));
  const accepted = d.email!.smtp.sendMail(u.mailId, to, "s", "b", over.password ?? u.password, over.server ?? u.smtpServer);
  return { accepted, codes };
}

describe("simulator: the scenario catalogue", () => {
  const results = CATALOGUE.map((s) => runScenario(s));
  for (const r of results) {
    it(`${r.name}: ${r.expected.map((x) => x.join(",")).join(" then ")}`, () => {
      expect(r.observed).toEqual(r.expected);
      expect(r.problem).toBe("");
    });
  }
  it("observes all 13 SmtpResponseType codes", () => {
    const seen = new Set(results.flatMap((r) => r.observed.flat()));
    expect([...seen].sort((a, b) => a - b)).toEqual(RESPONSE_CODES.map((c) => c.code));
  });
  it("has one trigger row, with evidence and source, for every code", () => {
    expect(TRIGGERS.map((t) => t.code).sort((a, b) => a - b)).toEqual(RESPONSE_CODES.map((c) => c.code));
    for (const t of TRIGGERS) expect(t.source.length).toBeGreaterThan(5);
  });
});

describe("simulator: PT's SmtpClient contract", () => {
  it("answers false to a second sendMail while one is in flight, and to a powered-off device", () => {
    const { clock, w } = world();
    expect(sendFrom(w, "PC-Alice", "carol@alpha.edu").accepted).toBe(true);
    expect(sendFrom(w, "PC-Alice", "dave@alpha.edu").accepted).toBe(POLICY.busyReturnsFalse ? false : true);
    clock.advance(10000);
    expect(sendFrom(w, "PC-Alice", "dave@alpha.edu").accepted).toBe(true);
    w.device("PC-Bob")!.setPower(false);
    expect(sendFrom(w, "PC-Bob", "erin@beta.org").accepted).toBe(false);
  });

  it("needs exact argument counts, as native calls do", () => {
    const { w } = world();
    const smtp = w.device("PC-Alice")!.email!.smtp as unknown as { sendMail(...a: unknown[]): boolean; cancelSend(...a: unknown[]): void };
    expect(() => smtp.sendMail("a@b", "c@d", "s", "b", "p")).toThrow(/Invalid arguments/);
    expect(() => smtp.cancelSend(1)).toThrow(/Invalid arguments/);
    expect(w.device("R1")!.getProcess("EmailClient")).toBeNull();
    expect(w.device("SW-Alpha")!.getProcess("EmailClient")).toBeNull();
  });

  it("cancelSend stops the exchange with no event (POLICY.cancelEmits) and nothing is delivered", () => {
    const { clock, w } = world();
    const s = sendFrom(w, "PC-Alice", "carol@alpha.edu");
    clock.advance(150);
    w.device("PC-Alice")!.email!.smtp.cancelSend();
    clock.advance(10000);
    expect(s.codes).toEqual(POLICY.cancelEmits === null ? [1] : [1, POLICY.cancelEmits]);
    expect(w.device("MAIL-ALPHA")!.mail!.server.mailboxes.carol).toHaveLength(0);
  });

  it("a powered-off sender ends its send silently; a deleted one too", () => {
    const { clock, w } = world();
    const a = sendFrom(w, "PC-Alice", "carol@alpha.edu");
    const b = sendFrom(w, "PC-Bob", "erin@beta.org");
    clock.advance(50);
    w.device("PC-Alice")!.setPower(false);
    w.removeDevice("PC-Bob");
    clock.advance(10000);
    expect(a.codes).toEqual([]);
    expect(b.codes).toEqual([]);
    expect(w.deliveries).toHaveLength(0);
  });
});

describe("simulator: Simulation mode and time", () => {
  it("holds traffic until stepped, then runs one step per forward", () => {
    const { clock, w } = world();
    w.simulation.setSimulationMode(true);
    const s = sendFrom(w, "PC-Alice", "carol@alpha.edu");
    clock.advance(60 * 60 * 1000);
    expect(s.codes).toEqual([]);
    expect(w.forward()).toBe(true);
    expect(s.codes).toEqual([1]);
    let steps = 1;
    while (w.forward()) steps++;
    expect(s.codes).toEqual([1, 2]);
    expect(steps).toBeGreaterThanOrEqual(3);
  });

  it("Play steps on its own until paused; leaving Simulation mode resumes in real time", () => {
    const { clock, w } = world();
    w.simulation.setSimulationMode(true);
    const s = sendFrom(w, "PC-Alice", "bob@beta.org");
    w.play(400);
    clock.advance(800);
    w.pause();
    const partial = s.codes.slice();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial).not.toContain(2);
    w.simulation.setSimulationMode(false);
    clock.advance(10000);
    expect(s.codes).toEqual([1, 3, 2]);
  });

  it("emits simulationModeChanged, and topology events with the reference's argument names", () => {
    const { w } = world();
    const seen: string[] = [];
    w.simulation.registerEvent("simulationModeChanged", null, () => seen.push("mode"));
    w.app.workspace.logical.registerEvent("deviceAdded", null, (_s, a) => seen.push("added " + (a as { name: string }).name));
    w.app.workspace.logical.registerEvent("deviceRemoving", null, (_s, a) => seen.push("removing " + (a as { name: string }).name));
    w.device("PC-Carol")!.registerEvent("nameChanged", null, (_s, a) => seen.push("renamed " + JSON.stringify(a)));
    w.device("PC-Erin")!.registerEvent("powerChanged", null, (_s, a) => seen.push("power " + JSON.stringify(a)));
    w.simulation.setSimulationMode(true);
    w.addDevice({ name: "PC-X", kind: "pc", ip: "10.1.0.99" });
    w.device("PC-Carol")!.setName("PC-Caro");
    w.device("PC-Erin")!.setPower(false);
    w.removeDevice("PC-X");
    expect(seen).toEqual(["mode", "added PC-X", 'renamed {"newName":"PC-Caro","oldName":"PC-Carol"}', 'power {"on":false}', "removing PC-X"]);
  });
});

describe("the code table", () => {
  it("the engine's outcomeKind agrees with the table's kind for every code", async () => {
    const { outcomeKind } = await import("../../src/codes");
    for (const row of RESPONSE_CODES) expect(outcomeKind(row.code)).toBe(row.kind);
    expect(outcomeKind(null)).toBe("failure");
    expect(outcomeKind(99)).toBe("failure");
  });
});

describe("decodeResponse", () => {
  it("finds every row by its code, and answers unknown codes with a stand-in", async () => {
    const { decodeResponse } = await import("../../src/codes");
    for (const row of RESPONSE_CODES) expect(decodeResponse(row.code)).toBe(row);
    expect(decodeResponse(0).name).toBe("unknown");
    expect(decodeResponse(42).label).toBe("Code 42");
    expect(decodeResponse(null).label).toBe("No code");
  });
});
