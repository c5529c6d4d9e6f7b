// @vitest-environment happy-dom
// A large lab is read over several calls (issue 23): Check and the Lab check
// first answer "pending" with how far the read is. The panel says so, as
// "Reading the lab… 40%", and asks again shortly until the answer comes.

import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { LabCheck, Verdict } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
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
