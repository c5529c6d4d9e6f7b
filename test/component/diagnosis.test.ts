// @vitest-environment happy-dom
// What the panel says from the mail model: a row's lab-specific why and the
// disagreement marker, "Check" before sending, the Lab check, the banner for a
// refused privilege, and the fidelity report (issues 12 and 13).

import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { createRef } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import type { LabCheck, MailState, Request, Verdict } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
import { LabCheckView } from "../../ui/lab-check";
import { LogView } from "../../ui/log/log-view";
import { Panel } from "../../ui/panel";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail } from "../helpers/panel-fixtures";

afterEach(cleanup);

const BOUNCE: Verdict = {
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

function logWith(m: ReturnType<typeof mail>) {
  const store = new PanelStore();
  store.apply(changes({ mails: [m], sent: 1 }));
  const { call } = fakeEngine();
  render(html`<${LogView} store=${store} call=${call} copy=${() => Promise.resolve()} resend=${() => undefined} />`);
  const row = screen.getAllByRole("listitem").filter((li) => li.classList.contains("mail"))[0];
  fireEvent.click(within(row).getAllByRole("button")[0]);
  return row;
}

describe("a row explains itself from the lab", () => {
  it("a bounce says it was accepted and comes back, where it lands, why, what to fix, and the rule behind a disclosure", () => {
    const row = logWith(mail({ id: 1, to: "bobby@beta.org", state: "bounced", code: 2, verdict: BOUNCE }));
    expect(row.textContent).toMatch(
      /Accepted \(code 2\), but it comes back: the server took the mail, then returned it/,
    );
    expect(row.textContent).toMatch(/The bounce lands in alice's mailbox on MAIL-ALPHA\./);
    expect(row.textContent).toMatch(/Why: MAIL-BETA \(10\.2\.0\.10\) has no user bobby/);
    expect(row.textContent).toMatch(/Fix: add the user bobby on MAIL-BETA/);
    const why = within(row).getByText("Why we think so").closest("details")!;
    expect(why.open).toBe(false);
    expect(why.textContent).toBe(
      "Why we think soThe model's rule remote-unknown-recipient, inferred from how Packet Tracer's mail works, not yet seen in Packet Tracer.",
    );
    expect(row.textContent).not.toMatch(/\(inferred\)|eSmtp/);
  });

  it("a delivered mail says whose mailbox it is in, and no generic text", () => {
    const v: Verdict = {
      outcome: "delivered",
      expected: [1, 2],
      server: "MAIL-BETA",
      mailbox: "bob",
      cause: "",
      fix: "",
      rule: "relay-delivered",
      evidence: "inf",
    };
    const row = logWith(mail({ id: 2, to: "bob@beta.org", verdict: v }));
    expect(row.textContent).toMatch(/In bob's mailbox on MAIL-BETA\./);
    expect(row.textContent).not.toMatch(/Why:/);
  });

  it("where PT and the model disagree, the row says both codes", () => {
    const v: Verdict = { ...BOUNCE, disagrees: { pt: 13, model: 2 } };
    const row = logWith(mail({ id: 3, state: "failed", code: 13, verdict: v }));
    expect(within(row).getByRole("note").textContent).toMatch(
      /^PT answered 13, Server not found; the model expected 2, Delivered\./,
    );
  });
});

describe("Check, before sending", () => {
  it("predicts per recipient, names the device to fix, folds the rule and its evidence away, and sends nothing", async () => {
    const store = new PanelStore();
    store.apply(changes());
    const { call, calls } = fakeEngine({
      predict: (r) =>
        r.to.map((to) => ({
          to,
          verdict:
            to === "carol@alpha.edu"
              ? {
                  outcome: "delivered",
                  expected: [1, 2],
                  server: "MAIL-ALPHA",
                  mailbox: "carol",
                  cause: "",
                  fix: "",
                  rule: "local-delivered",
                  evidence: "pkt",
                }
              : BOUNCE,
        })),
    });
    render(html`<${Compose} store=${store} call=${call} />`);
    fireEvent.input(screen.getByLabelText("To", { exact: true }), {
      target: { value: "carol@alpha.edu, bobby@beta.org" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    const list = await screen.findByRole("list", { name: "Check" });
    expect(Array.from(list.querySelectorAll("li")).map((li) => li.textContent)).toEqual([
      "carol@alpha.edu: Will be delivered: in carol's mailbox on MAIL-ALPHA.Why we think soThe model's rule local-delivered, seen in labs saved by Packet Tracer.",
      "bobby@beta.org: Will bounce: MAIL-BETA (10.2.0.10) has no user bobby. Fix: add the user bobby on MAIL-BETA, or write to an existing user.Why we think soThe model's rule remote-unknown-recipient, inferred from how Packet Tracer's mail works, not yet seen in Packet Tracer.",
    ]);
    expect(calls.map((c) => c.type)).toEqual(["readDevice", "predict"]);
  });
});

const CHECK: LabCheck = {
  senders: [
    { device: "PC-Alice", from: "alice@alpha.edu" },
    { device: "PC-Bob", from: "bob@beta.org" },
  ],
  roster: ["alice@alpha.edu", "bob@beta.org"],
  cells: [
    {
      device: "PC-Alice",
      from: "alice@alpha.edu",
      to: "alice@alpha.edu",
      predicted: "delivered",
      codes: [1, 2],
      code: 2,
      cause: "",
      fix: "",
      rule: "local-delivered",
      evidence: "pkt",
    },
    {
      device: "PC-Alice",
      from: "alice@alpha.edu",
      to: "bob@beta.org",
      predicted: "bounced",
      codes: [1, 3, 2],
      code: 2,
      cause: "DNS-SRV has no A record for beta.org",
      fix: "add an A record beta.org on DNS-SRV",
      rule: "relay-no-a-record",
      evidence: "inf",
    },
    {
      device: "PC-Bob",
      from: "bob@beta.org",
      to: "alice@alpha.edu",
      predicted: "failed",
      codes: [1, 9],
      code: 9,
      cause: "DNS-SRV has no A record for mail.beta.org",
      fix: "add an A record mail.beta.org on DNS-SRV",
      rule: "client-no-a-record",
      evidence: "inf",
    },
    {
      device: "PC-Bob",
      from: "bob@beta.org",
      to: "bob@beta.org",
      predicted: "failed",
      codes: [1, 9],
      code: 9,
      cause: "DNS-SRV has no A record for mail.beta.org",
      fix: "add an A record mail.beta.org on DNS-SRV",
      rule: "client-no-a-record",
      evidence: "inf",
    },
  ],
  causes: [
    {
      key: "k1",
      cause: "DNS-SRV has no A record for mail.beta.org",
      fix: "add an A record mail.beta.org on DNS-SRV",
      pairs: 2,
      rule: "client-no-a-record",
    },
    {
      key: "k2",
      cause: "DNS-SRV has no A record for beta.org",
      fix: "add an A record beta.org on DNS-SRV",
      pairs: 1,
      rule: "relay-no-a-record",
    },
  ],
  readable: true,
};

describe("the Lab check", () => {
  it("shows each fix once with the pairs it repairs, the pairs that do not deliver, and copies one CSV row per pair", async () => {
    const copied: string[] = [];
    const { call } = fakeEngine({ labCheck: () => CHECK });
    const store = new PanelStore();
    store.apply(changes());
    render(
      html`<${LabCheckView} store=${store} call=${call} copy=${(t: string) => Promise.resolve(void copied.push(t))} />`,
    );
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await screen.findByText(/^4 pairs \(2 senders × 2 accounts\): 1 deliver, 1 bounce, 2 fail\.$/);
    const fixes = screen.getByRole("heading", { name: "What to fix" }).nextElementSibling!;
    expect(Array.from(fixes.querySelectorAll("li")).map((li) => li.textContent)).toEqual([
      "2 pairs: DNS-SRV has no A record for mail.beta.org. Fix: add an A record mail.beta.org on DNS-SRV.",
      "1 pair: DNS-SRV has no A record for beta.org. Fix: add an A record beta.org on DNS-SRV.",
    ]);
    const pairs = screen.getByText("Pairs that do not deliver (3)").nextElementSibling!;
    expect(Array.from(pairs.querySelectorAll("li")).map((li) => li.textContent)).toEqual([
      "PC-Alice → bob@beta.org: bounces",
      "PC-Bob → alice@alpha.edu: fails with 9, Name not found",
      "PC-Bob → bob@beta.org: fails with 9, Name not found",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Copy CSV" }));
    await screen.findByText("Copied 4 pairs as CSV.");
    const lines = copied[0]
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("device,from,to,predicted,actual,code,cause,fix");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(
      "PC-Alice,alice@alpha.edu,bob@beta.org,bounced,,2,DNS-SRV has no A record for beta.org,add an A record beta.org on DNS-SRV",
    );
  });
});

describe("verify by sending", () => {
  it("sends one marked mail from each sender to every account, and marks where PT differs from the prediction", async () => {
    const store = new PanelStore();
    store.apply(changes());
    let nextId = 100;
    const { call, calls } = fakeEngine({
      labCheck: () => CHECK,
      sendMail: (r) => ({ ids: r.mails.map(() => nextId++) }),
    });
    render(html`<${LabCheckView} store=${store} call=${call} />`);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await screen.findByText(/^4 pairs/);
    fireEvent.click(screen.getByRole("button", { name: "Verify all" }));
    await screen.findByText("Verified 0 of 4 pairs by sending; 0 differ from the prediction.");
    const sends = calls.filter((c) => c.type === "sendMail");
    expect(sends.map((c) => (c.type === "sendMail" ? [c.device, c.mails.map((m) => m.to)] : null))).toEqual([
      ["k-alice", ["alice@alpha.edu", "bob@beta.org"]],
      ["k-bob", ["alice@alpha.edu", "bob@beta.org"]],
    ]);
    // PT's answers arrive: three as predicted, one not (PC-Alice → bob@beta.org was predicted to bounce).
    store.apply(
      changes({
        mails: [
          ended(100, 100, "PC-Alice", "alice@alpha.edu", "delivered", 2),
          ended(101, 100, "PC-Alice", "bob@beta.org", "delivered", 2),
          ended(102, 102, "PC-Bob", "alice@alpha.edu", "failed", 9),
          ended(103, 102, "PC-Bob", "bob@beta.org", "failed", 9),
        ],
      }),
    );
    await screen.findByText("Verified 4 of 4 pairs by sending; 1 differ from the prediction.");
    expect(screen.getByRole("list", { name: "Differences" }).textContent).toBe(
      "PC-Alice → bob@beta.org: predicted bounces; PT: delivered",
    );
  });
});

/** The Lab check of CHECK on screen, with the engine's requests and what Copy CSV copied. */
async function shownLabCheck() {
  const store = new PanelStore();
  store.apply(changes());
  let nextId = 100;
  const copied: string[] = [];
  const { call, calls } = fakeEngine({
    labCheck: () => CHECK,
    sendMail: (r) => ({ ids: r.mails.map(() => nextId++) }),
  });
  render(
    html`<${LabCheckView} store=${store} call=${call} copy=${(t: string) => Promise.resolve(void copied.push(t))} />`,
  );
  fireEvent.click(screen.getByRole("button", { name: "Check again" }));
  await screen.findByRole("grid");
  return { store, calls, copied };
}

/** Each sendMail asked for: [device key, recipients]. */
const sendsOf = (calls: Request[]) =>
  calls.flatMap((c) => (c.type === "sendMail" ? [[c.device, c.mails.map((m) => m.to)]] : []));

/** A verification mail as PT ended it, in the group its sendMail answered. */
const ended = (id: number, group: number, device: string, to: string, state: MailState, code: number) =>
  mail({
    id,
    group,
    device,
    deviceKey: device === "PC-Alice" ? "k-alice" : "k-bob",
    from: device === "PC-Alice" ? "alice@alpha.edu" : "bob@beta.org",
    to,
    state,
    code,
    subject: "Mail Console lab check",
  });

const cellNames = () => screen.getAllByRole("gridcell").map((c) => c.getAttribute("aria-label"));

describe("the Lab check's grid", () => {
  it("has a row per sender and a column per account, each cell a mark and its prediction in words", async () => {
    await shownLabCheck();
    const grid = screen.getByRole("grid");
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["alice@alpha.edu", "bob@beta.org"]);
    expect(
      within(grid)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["PC-Alice", "PC-Bob"]);
    expect(cellNames()).toEqual([
      "PC-Alice to alice@alpha.edu: delivers",
      "PC-Alice to bob@beta.org: bounces",
      "PC-Bob to alice@alpha.edu: fails with 9, Name not found",
      "PC-Bob to bob@beta.org: fails with 9, Name not found",
    ]);
    expect(screen.getAllByRole("gridcell").map((c) => c.textContent)).toEqual(["✓", "↩", "9", "9"]);
  });

  it("is one tab stop that the arrow keys, Home and End move between the headers and the cells", async () => {
    await shownLabCheck();
    const cells = screen.getAllByRole("gridcell");
    const grid = screen.getByRole("grid");
    expect(Array.from(grid.querySelectorAll('[tabindex="0"]'))).toEqual([cells[0]]);
    cells[0].focus();
    const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key });
    const focused = () => document.activeElement!.getAttribute("aria-label") || document.activeElement!.textContent;
    press("ArrowRight");
    expect(focused()).toBe("PC-Alice to bob@beta.org: bounces");
    expect(Array.from(grid.querySelectorAll('[tabindex="0"]'))).toEqual([cells[1]]);
    press("ArrowDown");
    press("ArrowRight"); // the last column: stays
    expect(focused()).toBe("PC-Bob to bob@beta.org: fails with 9, Name not found");
    press("Home");
    expect(focused()).toBe("PC-Bob");
    press("ArrowUp");
    press("ArrowUp"); // the corner holds nothing: stays
    expect(focused()).toBe("PC-Alice");
    press("ArrowRight");
    press("ArrowUp");
    expect(focused()).toBe("alice@alpha.edu");
    press("End");
    expect(focused()).toBe("bob@beta.org");
    // Selecting the column draws the grid again: still one tab stop, where the focus is.
    fireEvent.click(document.activeElement!);
    const header = screen.getByRole("button", { name: "bob@beta.org" });
    await waitFor(() => expect(header.getAttribute("aria-pressed")).toBe("true"));
    expect(Array.from(grid.querySelectorAll('[tabindex="0"]'))).toEqual([header]);
  });

  it("Enter opens a cell: below the grid, the pair, the prediction, why and the fix; Space closes it", async () => {
    await shownLabCheck();
    const cell = screen.getByRole("gridcell", { name: "PC-Bob to alice@alpha.edu: fails with 9, Name not found" });
    cell.focus();
    fireEvent.keyDown(cell, { key: "Enter" });
    const opened = (await screen.findByText("Why:")).parentElement!.parentElement!;
    expect(Array.from(opened.querySelectorAll("p")).map((p) => p.textContent)).toEqual([
      "PC-Bob → alice@alpha.edu: predicted fails with 9, Name not found",
      "Why: DNS-SRV has no A record for mail.beta.org",
      "Fix: add an A record mail.beta.org on DNS-SRV",
    ]);
    expect(cell.className).toMatch(/\bon\b/);
    fireEvent.keyDown(cell, { key: " " });
    await waitFor(() => expect(screen.queryByText("Why:")).toBeNull());
  });

  it("Verify selected sends one marked mail per selected pair, one sendMail per sender: a column, a row, a cell", async () => {
    const { store, calls } = await shownLabCheck();
    const verifySelected = screen.getByRole("button", { name: "Verify selected" });
    expect(verifySelected).toHaveProperty("disabled", true);
    // The column bob@beta.org: one mail from each sender.
    fireEvent.click(screen.getByRole("button", { name: "bob@beta.org" }));
    expect(screen.getByRole("button", { name: "bob@beta.org" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(verifySelected);
    await screen.findByText("Verified 0 of 2 pairs by sending; 0 differ from the prediction.");
    expect(sendsOf(calls)).toEqual([
      ["k-alice", ["bob@beta.org"]],
      ["k-bob", ["bob@beta.org"]],
    ]);
    expect(calls.filter((c) => c.type === "sendMail").map((c) => c.type === "sendMail" && c.mails[0].subject)).toEqual([
      "Mail Console lab check",
      "Mail Console lab check",
    ]);
    // While they move, nothing more can be sent; Stop verifying cancels each sender's queue.
    expect(verifySelected).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("button", { name: "Stop verifying" }));
    expect(calls.filter((c) => c.type === "cancelSend").map((c) => c.type === "cancelSend" && c.device)).toEqual([
      "k-alice",
      "k-bob",
    ]);
    store.apply(
      changes({
        mails: [
          ended(100, 100, "PC-Alice", "bob@beta.org", "bounced", 2),
          ended(101, 101, "PC-Bob", "bob@beta.org", "failed", 9),
        ],
      }),
    );
    await screen.findByText("Verified 2 of 2 pairs by sending; 0 differ from the prediction.");
    // Now the row PC-Bob instead: PC-Bob to both accounts, in one sendMail.
    fireEvent.click(screen.getByRole("button", { name: "bob@beta.org" }));
    fireEvent.click(screen.getByRole("button", { name: "PC-Bob" }));
    fireEvent.click(verifySelected);
    await screen.findByText("Verified 1 of 3 pairs by sending; 0 differ from the prediction.");
    expect(sendsOf(calls).slice(2)).toEqual([["k-bob", ["alice@alpha.edu", "bob@beta.org"]]]);
    store.apply(
      changes({
        mails: [
          ended(100, 100, "PC-Alice", "bob@beta.org", "bounced", 2),
          ended(101, 101, "PC-Bob", "bob@beta.org", "failed", 9),
          ended(102, 102, "PC-Bob", "alice@alpha.edu", "failed", 9),
          ended(103, 102, "PC-Bob", "bob@beta.org", "failed", 9),
        ],
      }),
    );
    await screen.findByText("Verified 3 of 3 pairs by sending; 0 differ from the prediction.");
    // And one opened cell alone.
    fireEvent.click(screen.getByRole("button", { name: "PC-Bob" }));
    fireEvent.click(screen.getByRole("gridcell", { name: /^PC-Alice to alice@alpha\.edu/ }));
    expect(screen.getByText("1 selected")).toBeTruthy();
    fireEvent.click(verifySelected);
    await screen.findByText("Verified 3 of 4 pairs by sending; 0 differ from the prediction.");
    expect(sendsOf(calls).slice(3)).toEqual([["k-alice", ["alice@alpha.edu"]]]);
  });

  it("fills each verified cell with what PT did, marks where PT differs, and puts PT's outcome in the CSV", async () => {
    const { store, copied } = await shownLabCheck();
    fireEvent.click(screen.getByRole("button", { name: "Verify all" }));
    await screen.findByText("Verified 0 of 4 pairs by sending; 0 differ from the prediction.");
    expect(cellNames()[0]).toBe("PC-Alice to alice@alpha.edu: delivers; PT: sending");
    store.apply(
      changes({
        mails: [
          ended(100, 100, "PC-Alice", "alice@alpha.edu", "delivered", 2),
          // Predicted to bounce: PT delivered it.
          ended(101, 100, "PC-Alice", "bob@beta.org", "delivered", 2),
          ended(102, 102, "PC-Bob", "alice@alpha.edu", "failed", 9),
        ],
      }),
    );
    await screen.findByText("Verified 3 of 4 pairs by sending; 1 differ from the prediction.");
    expect(cellNames()).toEqual([
      "PC-Alice to alice@alpha.edu: delivers; PT: delivered",
      "PC-Alice to bob@beta.org: bounces; PT: delivered (differs)",
      "PC-Bob to alice@alpha.edu: fails with 9, Name not found; PT: failed with 9, Name not found",
      "PC-Bob to bob@beta.org: fails with 9, Name not found; PT: sending",
    ]);
    const cells = screen.getAllByRole("gridcell");
    expect(cells.map((c) => c.textContent)).toEqual(["✓", "✓", "9", "…"]);
    expect(cells.map((c) => c.classList.contains("x"))).toEqual([false, true, false, false]);
    expect(cells.map((c) => c.classList.contains("v"))).toEqual([true, true, true, true]);
    expect(screen.getByRole("list", { name: "Differences" }).textContent).toBe(
      "PC-Alice → bob@beta.org: predicted bounces; PT: delivered",
    );
    fireEvent.click(cells[1]);
    expect((await screen.findByText("Why:")).parentElement!.previousElementSibling!.textContent).toBe(
      "PC-Alice → bob@beta.org: predicted bounces; PT: delivered",
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy CSV" }));
    await screen.findByText("Copied 4 pairs as CSV.");
    expect(
      copied[0]
        .replace(/^\ufeff/, "")
        .trim()
        .split("\r\n"),
    ).toEqual([
      "device,from,to,predicted,actual,code,cause,fix",
      "PC-Alice,alice@alpha.edu,alice@alpha.edu,delivered,delivered,2,,",
      "PC-Alice,alice@alpha.edu,bob@beta.org,bounced,delivered,2,DNS-SRV has no A record for beta.org,add an A record beta.org on DNS-SRV",
      "PC-Bob,bob@beta.org,alice@alpha.edu,failed,failed,9,DNS-SRV has no A record for mail.beta.org,add an A record mail.beta.org on DNS-SRV",
      "PC-Bob,bob@beta.org,bob@beta.org,failed,sending,9,DNS-SRV has no A record for mail.beta.org,add an A record mail.beta.org on DNS-SRV",
    ]);
  });
});

describe("a verified pair when the lab check is asked again", () => {
  it("keeps the prediction it was verified against on a refresh of its own, and predicts anew on Check again", async () => {
    const store = new PanelStore();
    store.apply(changes());
    let answer = CHECK;
    const { call } = fakeEngine({ labCheck: () => answer, sendMail: (r) => ({ ids: r.mails.map((_, i) => 102 + i) }) });
    const view = createRef<LabCheckView>();
    render(html`<${LabCheckView} ref=${view} store=${store} call=${call} />`);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await screen.findByRole("grid");
    fireEvent.click(screen.getByRole("button", { name: "Verify all" }));
    await screen.findByText(/^Verified 0 of 4 pairs/);
    store.apply(changes({ mails: [ended(102, 102, "PC-Bob", "alice@alpha.edu", "failed", 9)] }));
    await screen.findByText("Verified 1 of 4 pairs by sending; 0 differ from the prediction.");
    // The sends warmed the lab: now the model says this pair delivers.
    answer = {
      ...CHECK,
      cells: CHECK.cells.map((c) =>
        c.device === "PC-Bob" && c.to === "alice@alpha.edu"
          ? { ...c, predicted: "delivered" as const, codes: [1, 3, 2], code: 2, cause: "", fix: "" }
          : c,
      ),
    };
    view.current!.run(true);
    await waitFor(() => expect(screen.getByText(/Updated at|^Verified/)).toBeTruthy());
    expect(cellNames()[2]).toBe(
      "PC-Bob to alice@alpha.edu: fails with 9, Name not found; PT: failed with 9, Name not found",
    );
    expect(screen.getByText(/^Verified 1 of 4/).textContent).toBe(
      "Verified 1 of 4 pairs by sending; 0 differ from the prediction.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await waitFor(() =>
      expect(cellNames()[2]).toBe("PC-Bob to alice@alpha.edu: delivers; PT: failed with 9, Name not found (differs)"),
    );
  });
});

describe("the whole panel", () => {
  it("says what PT refused and which privilege to grant, and copies the fidelity report", async () => {
    const store = new PanelStore();
    const refused =
      'The Extensions menu item is unavailable (denied). Grant the "Change GUI" privilege in Extensions > Scripting > Configure PT Script Modules.';
    store.apply(
      changes({
        status: { simulationMode: false, version: "t", unavailable: [refused] },
        settings: { cap: 5000, watchdogMs: 60000 },
      }),
    );
    const copied: string[] = [];
    const { call } = fakeEngine({ fidelityReport: () => ({ text: "Mail Console fidelity report\n" }) });
    render(html`<${Panel} store=${store} call=${call} copy=${(t: string) => Promise.resolve(void copied.push(t))} />`);
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toContain(refused);
    fireEvent.click(screen.getByRole("button", { name: "Copy fidelity report" }));
    await screen.findByText("Copied the fidelity report.");
    expect(copied).toEqual(["Mail Console fidelity report\n"]);
  });
});
