// @vitest-environment happy-dom
// Words a student understands (issue 22, section 3): a collapsed row says its
// short why, a bounce says it was accepted and why that is not delivery, codes
// are read in words, the Lab check's marks have a legend and no empty "Fix:".
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { LabCheck, Verdict } from "../../src/protocol";
import { LabCheckView } from "../../ui/lab-check";
import { LogView } from "../../ui/log/log-view";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail } from "../helpers/panel-fixtures";

afterEach(cleanup);

const NO_USER: Verdict = {
  outcome: "bounced",
  expected: [1, 3, 2],
  server: "MAIL-ALPHA",
  mailbox: "alice",
  dsn: "unknown-recipient",
  cause: "MAIL-BETA (10.2.0.10) has no user bobby",
  fix: "add the user bobby on MAIL-BETA, or write to an existing user",
  rule: "remote-unknown-recipient",
  evidence: "inf",
};

function rowsOf(mails: ReturnType<typeof mail>[]) {
  const store = new PanelStore();
  store.apply(changes({ mails, sent: mails.length }));
  render(
    html`<${LogView} store=${store} call=${fakeEngine().call} copy=${() => Promise.resolve()} resend=${() => undefined} />`,
  );
  return screen.getAllByRole("listitem").filter((li) => li.classList.contains("mail"));
}

describe("a row in words", () => {
  it("says its short why while collapsed: the lab's reason, or what a bounce is", () => {
    const [withVerdict, without, delivered] = rowsOf([
      mail({ id: 1, to: "bobby@beta.org", state: "bounced", code: 2, verdict: NO_USER }),
      mail({ id: 2, to: "x@beta.org", state: "bounced", code: 2 }),
      mail({ id: 3, to: "carol@alpha.edu" }),
    ]).sort((a, b) => (a.textContent || "").localeCompare(b.textContent || ""));
    expect(withVerdict.querySelector(".why")!.textContent).toBe("MAIL-BETA (10.2.0.10) has no user bobby");
    expect(without.querySelector(".why")!.textContent).toBe("accepted, then returned to the sender");
    expect(delivered.querySelector(".why")).toBeNull();
  });

  it("reads a bounced mail's code 2 as accepted, the bounce coming after, never as delivered", () => {
    const [row] = rowsOf([mail({ id: 1, to: "bobby@beta.org", state: "bounced", code: 2, verdict: NO_USER })]);
    fireEvent.click(within(row).getAllByRole("button")[0]);
    const items = within(row).getByRole("list", { name: "Timeline" }).querySelectorAll("li");
    expect(items[items.length - 1].textContent).toMatch(/2\s+Accepted \(the bounce comes after\)/);
    expect(row.textContent).not.toMatch(/Delivered/);
  });
});

const CHECK: LabCheck = {
  senders: [{ device: "PC-Bob", from: "bob@beta.org" }],
  roster: ["a-very-long-account-name@alpha.edu", "bob@beta.org"],
  cells: [
    {
      device: "PC-Bob",
      from: "bob@beta.org",
      to: "a-very-long-account-name@alpha.edu",
      predicted: "failed",
      codes: [1, 6],
      code: 6,
      cause: "PC-Bob cannot reach 10.2.0.10",
      fix: "",
      rule: "server-unreachable",
      evidence: "inf",
    },
    {
      device: "PC-Bob",
      from: "bob@beta.org",
      to: "bob@beta.org",
      predicted: "delivered",
      codes: [1, 2],
      code: 2,
      cause: "",
      fix: "",
      rule: "local-delivered",
      evidence: "pkt",
    },
  ],
  causes: [{ key: "k", cause: "PC-Bob cannot reach 10.2.0.10", fix: "", pairs: 1, rule: "server-unreachable" }],
  readable: true,
};

describe("the Lab check in words", () => {
  it("has a legend for its marks, names a failure's code in words, shows account names in full, and no empty Fix", async () => {
    const store = new PanelStore();
    store.apply(changes());
    const { call } = fakeEngine({ labCheck: () => CHECK });
    render(html`<${LabCheckView} store=${store} call=${call} />`);
    const details = document.querySelector("details.lab-check") as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    await screen.findByText(/^1 pair:/);
    expect(screen.getByText(/^✓ delivers · ↩ bounces · a number: fails with that code/)).toBeTruthy();
    const header = screen.getByRole("button", { name: "a-very-long-account-name@alpha.edu" });
    expect(header.textContent).toBe("a-very-long-account-name@alpha.edu");
    const cell = screen.getAllByRole("gridcell")[0];
    expect(cell.textContent).toBe("6");
    expect(cell.getAttribute("aria-label")).toBe(
      "PC-Bob to a-very-long-account-name@alpha.edu: fails with 6, Timed out",
    );
    fireEvent.click(cell);
    const detail = document.querySelector(".lab-check .detail")!;
    expect(detail.textContent).toBe(
      "PC-Bob → a-very-long-account-name@alpha.edu: predicted fails with 6, Timed outWhy: PC-Bob cannot reach 10.2.0.10",
    );
    expect(document.querySelector(".lab-check")!.textContent).not.toMatch(/Fix:\s*(\.|$)/);
  });
});
