// The Lab check of a large lab comes in pages (issue 23): 300 devices make
// 87,025 cells, 23 MB of JSON that took 1.7 s in one answer in Qt 5.15, and PT
// waits on every call into the engine. Given a class large enough for several
// pages, the pages join to exactly the matrix the model gives in one go, none
// carries more than LAB_PAGE_CELLS cells, a page of a matrix since worked out
// afresh is never joined to another, and asking for pages keeps the matrix.
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../sim/clock";
import { largeLab } from "../../sim/scenarios/large-lab";
import { World } from "../../sim/world";
import { Engine } from "../../src/engine";
import { LAB_PAGE_CELLS } from "../../src/lab-check-work";
import { readSnapshot } from "../../src/lab-reader";
import { SNAPSHOT_MAX_AGE_MS } from "../../src/lab-snapshot";
import { defaultBehaviour, deliveryMatrix } from "../../src/model";
import type { LabCheck, RequestOf } from "../../src/protocol";
import { replyFromWire } from "../../src/wire";
import { answerAsPt, type Rig, rig } from "../helpers/engine-on-sim";

/** 75 PCs with an account each, against the 75 accounts of two mail servers: 5,625 cells, six pages. */
const PCS = 75;

type Ask = (r: Rig, request: RequestOf<"labCheck">) => LabCheck;

/** In this realm (handle(): the simulator's callers and tests): the cells made objects from their kept text. */
const inRealm: Ask = (r, request) => r.ok(request);

/** As $se carries it in PT: the answer's text, the kept cells' text put in as it is (src/wire.ts withList). */
const asPt: Ask = (r, request) => {
  const reply = replyFromWire("labCheck", JSON.parse(answerAsPt(r.engine, request)));
  if (!reply.ok) throw new Error("labCheck refused: " + reply.error);
  return reply.value as LabCheck;
};

/** The first page of a check: asked again while the lab is read and the matrix worked out (pending). */
function firstPage(r: Rig, ask: { id?: number; from?: number } = {}, how: Ask = inRealm): LabCheck {
  for (let i = 0; i < 100; i++) {
    const check = how(r, { type: "labCheck", ...ask });
    if (!check.pending) return check;
    r.clock.advance(300); // the panel asks again shortly (PENDING_MS)
  }
  throw new Error("the Lab check stayed pending");
}

/** Every page after `first`, asked as the panel asks, `gapMs` apart. */
function rest(r: Rig, first: LabCheck, gapMs = 0, how: Ask = inRealm): LabCheck[] {
  const pages = [first];
  let last = first;
  while (last.page && last.page.from + last.cells.length < last.page.total) {
    r.clock.advance(gapMs);
    last = how(r, { type: "labCheck", id: last.page.id, from: last.page.from + last.cells.length });
    pages.push(last);
  }
  return pages;
}

/** The matrix in one go, from the lab as the engine reads it, over the devices the engine knows. */
function oneShot(r: Rig) {
  const clients = (r.everything().devices || []).map((d) => ({
    device: d.name,
    mailId: d.mailId,
    user: d.user,
    password: d.password,
    smtpServer: d.smtpServer,
  }));
  return deliveryMatrix(readSnapshot(r.world.host()), clients, defaultBehaviour());
}

describe("the Lab check of a large lab, in pages", () => {
  it.each([
    ["as PT answers $se (JSON text)", asPt],
    ["as handle() answers in this realm", inRealm],
  ])("joins to exactly the matrix worked out in one go, no page over LAB_PAGE_CELLS cells, %s", (_how, how) => {
    const r = rig(largeLab(PCS + 5));
    const pages = rest(r, firstPage(r, {}, how), 0, how);
    const whole = oneShot(r);
    expect(whole.cells).toHaveLength(PCS * PCS);
    expect(pages).toHaveLength(Math.ceil((PCS * PCS) / LAB_PAGE_CELLS));
    const id = pages[0].page!.id;
    pages.forEach((p, n) => {
      expect(p.page).toEqual({ id, from: n * LAB_PAGE_CELLS, total: PCS * PCS });
      expect(p.cells.length).toBe(n < pages.length - 1 ? LAB_PAGE_CELLS : PCS * PCS - n * LAB_PAGE_CELLS);
      expect(p.pending).toBeUndefined();
    });
    const joined = ([] as LabCheck["cells"]).concat(...pages.map((p) => p.cells));
    expect(joined).toEqual(JSON.parse(JSON.stringify(whole.cells)));
    // The header once, with the first page: the id says every later page is of the same matrix.
    expect(pages[0].senders).toEqual(whole.senders.map((s) => ({ device: s.device, from: s.mailId })));
    expect(pages[0].roster).toEqual(whole.roster);
    expect(pages[0].causes).toEqual(whole.causes);
    for (const p of pages.slice(1)) expect([p.senders, p.roster, p.causes]).toEqual([[], [], []]);
  });

  it("keeps the matrix while its pages are asked for, longer than a snapshot is trusted", () => {
    const r = rig(largeLab(PCS + 5));
    const first = firstPage(r);
    const gap = SNAPSHOT_MAX_AGE_MS - 1000;
    const pages = rest(r, first, gap);
    expect(pages.length * gap).toBeGreaterThan(2 * SNAPSHOT_MAX_AGE_MS);
    expect(pages.map((p) => p.page!.id)).toEqual(pages.map(() => first.page!.id));
    expect(([] as LabCheck["cells"]).concat(...pages.map((p) => p.cells))).toHaveLength(PCS * PCS);
  });

  it("a page asked of a matrix worked out afresh meanwhile: the first page of the new one, never a mix", () => {
    const r = rig(largeLab(PCS + 5));
    const first = firstPage(r);
    const old = first.page!.id;
    // The panel went quiet: the matrix is dropped once a snapshot is no longer trusted.
    r.clock.advance(SNAPSHOT_MAX_AGE_MS + 1);
    const again = firstPage(r, { id: old, from: LAB_PAGE_CELLS });
    expect(again.page!.id).not.toBe(old);
    expect(again.page!.from).toBe(0);
    expect(again.senders).toHaveLength(PCS);
    // Its pages done, the next check is another matrix too; a page of the old one still answers its first page.
    const pages = rest(r, again);
    const next = firstPage(r);
    expect(next.page!.id).not.toBe(again.page!.id);
    const stale = r.ok({ type: "labCheck", id: again.page!.id, from: pages[1].page!.from });
    expect(stale.page).toEqual({ id: next.page!.id, from: 0, total: PCS * PCS });
    expect(stale.cells).toEqual(next.cells);
    // A cursor no panel sends (past the end, negative): no cells, never a throw; the panel starts over.
    for (const from of [-5000, 10 ** 9]) {
      const odd = r.ok({ type: "labCheck", id: next.page!.id, from });
      expect(odd.cells).toEqual([]);
      expect(odd.page!.from).not.toBe(0);
    }
  });

  it("is answered when working it out takes longer than a snapshot is trusted (PT's clock moves meanwhile)", () => {
    // Each slice of the work costs a second of PT's clock: 300 devices take far more than SNAPSHOT_MAX_AGE_MS.
    const clock = new VirtualClock();
    const world = new World({ clock });
    world.load(largeLab(300));
    const host = world.host();
    let spent = 0;
    const engine = new Engine({
      ...host,
      now: () => host.now() + spent,
      setTimeout: (fn, ms) =>
        host.setTimeout(() => {
          spent += 1000;
          fn();
        }, ms),
    });
    engine.start();
    let check: LabCheck | null = null;
    for (let i = 0; i < 40 && !check?.page; i++) {
      const reply = engine.request({ type: "labCheck" });
      if (!reply.ok) throw new Error(reply.error);
      check = reply.value;
      clock.advance(300);
    }
    expect(spent).toBeGreaterThan(2 * SNAPSHOT_MAX_AGE_MS);
    expect(check?.pending).toBeUndefined();
    expect(check?.page).toEqual({ id: check!.page!.id, from: 0, total: 295 * 295 });
  });

  it("a small lab is one page, as the whole check always was", () => {
    const r = rig();
    const check = firstPage(r);
    expect(check.cells.length).toBeGreaterThan(0);
    expect(check.cells.length).toBeLessThan(LAB_PAGE_CELLS);
    expect(check.page).toEqual({ id: check.page!.id, from: 0, total: check.cells.length });
    expect(check.senders.length * check.roster.length).toBe(check.cells.length);
  });
});
