// @vitest-environment happy-dom
// A large lab is read over several calls (issue 23): Check and the Lab check
// first answer "pending" with how far the read is. The panel says so, as
// "Reading the lab… 40%", and asks again shortly until the answer comes. A
// large Lab check then comes in pages: "Receiving the check… 40%", and the
// grid only once every page of one check is in.

import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { LabCheck, LabCheckCell, Request, Verdict } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
import type { Call } from "../../ui/engine-link";
import { LabCheckView } from "../../ui/lab-check";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine } from "../helpers/panel-fixtures";

afterEach(cleanup);

const PENDING: LabCheck = {
  senders: [],
  roster: [],
  cells: [],
  causes: [],
  readable: true,
  pending: { done: 2, total: 5 },
};
const DONE: LabCheck = {
  senders: [{ device: "PC-Alice", from: "alice@alpha.edu" }],
  roster: ["bob@beta.org"],
  cells: [
    {
      device: "PC-Alice",
      from: "alice@alpha.edu",
      to: "bob@beta.org",
      predicted: "delivered",
      codes: [1, 3, 2],
      code: 2,
      cause: "",
      fix: "",
      rule: "relay-delivered",
      evidence: "pkt",
    },
  ],
  causes: [],
  readable: true,
};

describe("a large lab still being read", () => {
  it("the Lab check says how far the read is, asks again shortly, then shows the grid", async () => {
    const answers = [PENDING, { ...PENDING, pending: { done: 4, total: 5 } }, DONE];
    const { call, calls } = fakeEngine({ labCheck: () => answers.shift() || DONE });
    const store = new PanelStore();
    store.apply(changes());
    render(html`<${LabCheckView} store=${store} call=${call} copy=${() => Promise.resolve()} />`);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await screen.findByText("Reading the lab… 40%");
    await screen.findByText("Reading the lab… 80%", {}, { timeout: 2000 });
    await screen.findByText(
      /^1 pairs \(1 senders × 1 accounts\): 1 deliver, 0 bounce, 0 fail\.$/,
      {},
      { timeout: 2000 },
    );
    expect(calls.filter((c) => c.type === "labCheck")).toHaveLength(3);
  });

  it("Check says how far the read is, then what the lab will do with the mail", async () => {
    const delivered: Verdict = {
      outcome: "delivered",
      expected: [1, 2],
      server: "MAIL-ALPHA",
      mailbox: "carol",
      cause: "",
      fix: "",
      rule: "local-delivered",
      evidence: "pkt",
    };
    let asked = 0;
    const { call } = fakeEngine({
      predict: (r) =>
        r.to.map((to) =>
          asked++ === 0 ? { to, verdict: null, pending: { done: 1, total: 4 } } : { to, verdict: delivered },
        ),
    });
    const store = new PanelStore();
    store.apply(changes());
    render(html`<${Compose} store=${store} call=${call} />`);
    fireEvent.input(screen.getByLabelText("To", { exact: true }), { target: { value: "carol@alpha.edu" } });
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    const list = await screen.findByRole("list", { name: "Check" });
    expect(list.textContent).toBe("Reading the lab… 25%");
    await screen.findByText(
      /carol@alpha.edu: Will be delivered: in carol's mailbox on MAIL-ALPHA\./,
      {},
      { timeout: 2000 },
    );
  });
});

/** PC-Alice's cell to `to`: delivered, or failed with code 8 (no gateway). */
function cell(to: string, predicted: "delivered" | "failed"): LabCheckCell {
  const failed = predicted === "failed";
  return {
    device: "PC-Alice",
    from: "alice@alpha.edu",
    to,
    predicted,
    codes: failed ? [8] : [1, 3, 2],
    code: failed ? 8 : 2,
    cause: failed ? "PC-Alice has no default gateway" : "",
    fix: failed ? "set PC-Alice's gateway" : "",
    rule: failed ? "client-no-gateway" : "relay-delivered",
    evidence: "pkt",
  };
}

const ROSTER = ["a@beta.org", "b@beta.org", "c@beta.org", "d@beta.org", "e@beta.org"];

/** Page `from` (two cells a page) of check `id` over ROSTER; the header with the first page only. */
function pageOf(id: number, from: number, cells: LabCheckCell[]): LabCheck {
  const header = {
    senders: [{ device: "PC-Alice", from: "alice@alpha.edu" }],
    roster: ROSTER,
    causes: cells.some((c) => c.predicted === "failed")
      ? [{ key: "k", cause: "PC-Alice has no default gateway", fix: "set PC-Alice's gateway", pairs: 1, rule: "r" }]
      : [],
  };
  const none = { senders: [], roster: [], causes: [] };
  const page = { id, from, total: cells.length };
  return { ...(from ? none : header), cells: cells.slice(from, from + 2), readable: true, page };
}

/** Holds each labCheck answer until the test lets it through, so that every note on the way can be seen. */
function gated(call: Call) {
  const held: (() => void)[] = [];
  const through = ((r) =>
    r.type === "labCheck" ? new Promise((resolve) => held.push(() => resolve(call(r)))) : call(r)) as Call;
  const next = async () => {
    await waitFor(() => expect(held).toHaveLength(1));
    (held.shift() as () => void)();
  };
  return { call: through, next };
}

const asked = (calls: Request[]) =>
  calls.filter((c) => c.type === "labCheck").map((c) => JSON.stringify(c).replace(/"type":"labCheck",?/, ""));

describe("a large Lab check, in pages", () => {
  it("says how much of the check has come, and shows the grid and its CSV once every page is in", async () => {
    const cells = ROSTER.map((to, i) => cell(to, i === 3 ? "failed" : "delivered"));
    const { call, calls } = fakeEngine({ labCheck: (r) => pageOf(7, r.from || 0, cells) });
    const gate = gated(call);
    const copied: string[] = [];
    const store = new PanelStore();
    store.apply(changes());
    const copy = (t: string) => Promise.resolve(void copied.push(t));
    render(html`<${LabCheckView} store=${store} call=${gate.call} copy=${copy} />`);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await gate.next();
    await screen.findByText("Receiving the check… 40%");
    expect(screen.queryByText(/pairs \(/)).toBeNull(); // no grid of part of a check
    await gate.next();
    await screen.findByText("Receiving the check… 80%");
    await gate.next();
    await screen.findByText(/^5 pairs \(1 senders × 5 accounts\): 4 deliver, 0 bounce, 1 fail\.$/);
    expect(screen.queryByText(/Receiving the check/)).toBeNull();
    expect(asked(calls)).toEqual(["{}", '{"id":7,"from":2}', '{"id":7,"from":4}']);
    fireEvent.click(screen.getByRole("button", { name: "Copy CSV" }));
    await screen.findByText("Copied 5 pairs as CSV.");
    const rows = copied[0].trim().split("\r\n").slice(1);
    expect(rows.map((r) => r.split(",")[2])).toEqual(ROSTER);
    expect(rows[3]).toMatch(/^PC-Alice,alice@alpha.edu,d@beta.org,failed,,8,/);
  });

  it("a page of a check since worked out afresh, or a read under way, starts over: two checks are never joined", async () => {
    const old = ROSTER.map((to) => cell(to, "delivered"));
    const fresh = ROSTER.map((to) => cell(to, "failed"));
    const answers: ((r: { from?: number }) => LabCheck)[] = [
      () => pageOf(7, 0, old),
      () => ({
        ...pageOf(7, 0, old),
        senders: [],
        roster: [],
        cells: [],
        page: undefined,
        pending: { done: 1, total: 2 },
      }),
      () => pageOf(8, 0, fresh),
      () => pageOf(9, 0, fresh), // asked for 8's next page: the engine read the lab afresh meanwhile
      () => pageOf(10, 2, old), // a page of another check than the one coming in: never joined
      () => pageOf(9, 0, fresh),
      (r) => pageOf(9, r.from || 0, fresh),
      (r) => pageOf(9, r.from || 0, fresh),
    ];
    const { call, calls } = fakeEngine({ labCheck: (r) => (answers.shift() as (r: object) => LabCheck)(r) });
    const store = new PanelStore();
    store.apply(changes());
    render(html`<${LabCheckView} store=${store} call=${call} />`);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await screen.findByText(
      /^5 pairs \(1 senders × 5 accounts\): 0 deliver, 0 bounce, 5 fail\.$/,
      {},
      { timeout: 2000 },
    );
    expect(asked(calls)).toEqual([
      "{}",
      '{"id":7,"from":2}',
      "{}",
      '{"id":8,"from":2}',
      '{"id":9,"from":2}',
      "{}",
      '{"id":9,"from":2}',
      '{"id":9,"from":4}',
    ]);
  });
});
