// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { MailEntry } from "../../src/protocol";
import { LogView } from "../../ui/log/log-view";
import { Panel } from "../../ui/panel";
import { PanelStore } from "../../ui/store";
import { clock } from "../../ui/time";
import { changes, fakeEngine, mail, push, spoken } from "../helpers/panel-fixtures";

afterEach(cleanup);

const BOB_FAILED = mail({
  id: 2,
  to: "bob@beta.org",
  device: "PC-Bob",
  deviceKey: "k-bob",
  from: "bob@beta.org",
  state: "failed",
  code: 13,
  subject: "Relay",
  reason: "The relay gave up.",
});

function setup(mails: MailEntry[] = [mail({ id: 1, to: "carol@alpha.edu" }), BOB_FAILED], over = {}) {
  const store = new PanelStore();
  store.apply(changes({ mails, sent: mails.length, ...over }));
  const { call, calls } = fakeEngine();
  const copied: string[] = [];
  const copy = (text: string) => {
    copied.push(text);
    return Promise.resolve();
  };
  render(html`<${LogView} store=${store} call=${call} copy=${copy} />`);
  return { store, calls, copied };
}

const rows = () => Array.from(document.querySelectorAll<HTMLElement>("ul.mails > li"));
const row = (to: string) => rows().filter((li) => li.querySelector(".to")?.textContent === "→ " + to)[0];
const counters = () => screen.getByLabelText("Counters").textContent!.replace(/\s+/g, " ");
const search = (q: string) => fireEvent.input(screen.getByLabelText("Search"), { target: { value: q } });
const shownTo = () => rows().map((li) => li.querySelector(".to")!.textContent!.slice(2));

describe("delivery log", () => {
  it("lists mail newest first with time, device, recipient, subject and a status badge", () => {
    setup();
    const [first, second] = rows();
    expect(first.textContent).toContain("bob@beta.org");
    expect(first.querySelector(".badge")!.textContent).toBe("Failed: Server not found");
    expect(second.textContent).toContain("PC-Alice");
    expect(second.querySelector(".badge")!.textContent).toBe("Delivered");
  });

  it("changes a badge in place, and announces the outcome in words", async () => {
    const { store } = setup([mail({ id: 7, rev: 7, state: "sending", code: null, events: [{ at: 1, code: 1 }] })]);
    const before = rows()[0];
    store.apply(push(20, [mail({ id: 7, rev: 20, state: "failed", code: 4, to: "bobby@beta.org" })]));
    await waitFor(() => expect(rows()[0].querySelector(".badge")!.textContent).toBe("Failed: No such recipient"));
    expect(rows()[0]).toBe(before);
    expect(store.announcements).toEqual(["Mail to bobby@beta.org: Failed: No such recipient."]);
  });

  it("opens a failed row to its timeline, read aloud as time, code and name, its meaning and what to check", () => {
    setup();
    fireEvent.click(within(row("bob@beta.org")).getByRole("button"));
    const r = row("bob@beta.org");
    expect(r.textContent).toContain("Server not found (code 13).");
    expect(r.textContent).toContain("Check:");
    expect(r.textContent).toContain("The relay gave up.");
    const items = within(r).getByRole("list", { name: "Timeline" }).querySelectorAll("li");
    expect(spoken(items[0])).toBe(`${clock(1767225600000)}, code 1, Sending`);
    expect(spoken(items[1])).toBe(`${clock(1767225601000)}, code 2, Delivered`);
    // The code in words, as a person reads it; PT's enum names stay in the fidelity report.
    expect(items[0].textContent).toMatch(/1\s+Sending/);
    expect(r.textContent).not.toMatch(/eSmtp/);
  });

  it("says what the engine folded or cut: repeated codes, left-out events, a long body, an unreadable event", () => {
    setup([
      mail({
        id: 1,
        events: [
          { at: 1767225600000, code: 1 },
          { at: 1767225601000, code: 3, times: 4 },
          { at: 1767225602000, code: 2 },
        ],
        omittedEvents: 7,
        body: "b".repeat(10),
        bodyLength: 5000,
      }),
      mail({ id: 2, origin: "unreadable", to: "", state: "failed", code: null }),
    ]);
    fireEvent.click(within(rows()[1]).getByRole("button"));
    const items = within(rows()[1]).getByRole("list", { name: "Timeline" }).querySelectorAll("li");
    expect(Array.from(items).map((li) => spoken(li))).toEqual([
      `${clock(1767225600000)}, code 1, Sending`,
      "… 7 events left out",
      `${clock(1767225601000)}, code 3, Forwarding, 4 times`,
      `${clock(1767225602000)}, code 2, Delivered`,
    ]);
    expect(items[2].textContent).toContain("×4");
    expect(rows()[1].textContent).toContain("First 10 of 5000 characters (the mail went whole).");
    expect(rows()[0].querySelector(".tag")!.textContent).toBe("unreadable");
  });

  it("keeps bounced apart from delivered: its badge, counter, filter, explanation and announcement", async () => {
    const { store } = setup([mail({ id: 1 }), mail({ id: 2, to: "bobby@beta.org", state: "sending", code: null })]);
    store.apply(push(11, [mail({ id: 2, rev: 11, to: "bobby@beta.org", state: "bounced", code: 2 })]));
    await waitFor(() => expect(row("bobby@beta.org").querySelector(".badge")!.textContent).toBe("Bounced"));
    expect(counters()).toMatch(/Delivered 1 .*Bounced 1 .*Failed 0/);
    expect(store.announcements).toEqual(["Mail to bobby@beta.org: Bounced."]);
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "bounced" } });
    await waitFor(() => expect(shownTo()).toEqual(["bobby@beta.org"]));
    fireEvent.click(within(row("bobby@beta.org")).getByRole("button"));
    expect(row("bobby@beta.org").textContent).toMatch(/Bounced\..*Delivery Status Notification/);
  });

  it("filters by device, outcome, code and recipient domain", async () => {
    setup([
      mail({ id: 1, to: "carol@alpha.edu" }),
      mail({ id: 2, to: "bob@beta.org", device: "PC-Bob", state: "failed", code: 6 }),
      mail({ id: 3, to: "dave@alpha.edu", state: "failed", code: 9 }),
      mail({ id: 4, to: "erin@beta.org", state: "sending", code: null }),
    ]);
    const pick = (label: string, value: string) =>
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    pick("Outcome", "failed");
    await waitFor(() => expect(shownTo()).toEqual(["dave@alpha.edu", "bob@beta.org"]));
    pick("Code", "9");
    await waitFor(() => expect(shownTo()).toEqual(["dave@alpha.edu"]));
    pick("Code", "");
    pick("Outcome", "");
    pick("Domain", "beta.org");
    await waitFor(() => expect(shownTo()).toEqual(["erin@beta.org", "bob@beta.org"]));
    pick("Device", "PC-Bob");
    await waitFor(() => expect(shownTo()).toEqual(["bob@beta.org"]));
    const domains = Array.from((screen.getByLabelText("Domain") as HTMLSelectElement).options).map((o) => o.value);
    expect(domains).toEqual(["", "alpha.edu", "beta.org"]);
  });

  it("searches words in status, reason, code number and name, with field prefixes", async () => {
    setup([
      mail({ id: 1, to: "carol@alpha.edu", body: "the lab is at ten" }),
      mail({ id: 2, to: "bob@beta.org", from: "teacher@alpha.edu", device: "PC-Bob", state: "failed", code: 6 }),
      mail({ id: 3, to: "dave@alpha.edu", state: "cancelled", code: null, reason: "Cancelled from the console." }),
      mail({ id: 4, to: "erin@beta.org", subject: "Quiz", state: "failed", code: 13 }),
    ]);
    const expectShown = async (q: string, to: string[]) => {
      search(q);
      await waitFor(() => expect(shownTo(), q).toEqual(to));
    };
    await expectShown("LAB IS", ["carol@alpha.edu"]);
    await expectShown("failed", ["erin@beta.org", "bob@beta.org"]);
    await expectShown("timed out", ["bob@beta.org"]);
    await expectShown("eSmtpServerNotFound", ["erin@beta.org"]);
    await expectShown("code:6", ["bob@beta.org"]);
    await expectShown("code:13", ["erin@beta.org"]);
    await expectShown("code:timeout", ["bob@beta.org"]);
    await expectShown("from the console", ["dave@alpha.edu"]);
    await expectShown("to:beta from:teacher", ["bob@beta.org"]);
    await expectShown("device:pc-bob", ["bob@beta.org"]);
    await expectShown('subject:"quiz"', ["erin@beta.org"]);
    await expectShown("to:carol failed", []);
  });

  it("counts honestly: Sent is the engine's count, dropped rows included", () => {
    setup([mail({ id: 299 }), mail({ id: 300, state: "failed", code: 6 })], { sent: 300, dropped: 298 });
    expect(counters()).toMatch(/^Sent 300 Delivered 1 Bounced 0 Failed 1 Cancelled 0 In progress 0 298 older dropped$/);
  });

  it("marks rows queued before the file open now", () => {
    setup([mail({ id: 1, to: "old@alpha.edu", file: 1 }), mail({ id: 2, to: "new@alpha.edu", file: 2 })], { file: 2 });
    expect(row("old@alpha.edu").textContent).toContain("previous file");
    expect(row("new@alpha.edu").textContent).not.toContain("previous file");
  });

  it("in Simulation mode a waiting row keeps its phase and says which PT buttons move it; a queued one says what it waits for", () => {
    setup([
      mail({ id: 1, to: "bob@beta.org", state: "forwarding", code: null, waitingForSimulation: true }),
      mail({ id: 2, to: "erin@beta.org", state: "queued", code: null }),
    ]);
    const waiting = row("bob@beta.org");
    expect(waiting.querySelector(".badge")!.textContent).toBe("Forwarding");
    expect(waiting.textContent).toContain("Moves when you press Play or Capture/Forward (Simulation mode).");
    expect(row("erin@beta.org").textContent).toContain("Waits for the previous mail from PC-Alice.");
  });

  it("Clear asks first, and only then asks the engine", async () => {
    const { calls } = setup();
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(calls).toHaveLength(0);
    expect(screen.getByRole("group", { name: "Confirm clear" }).textContent).toContain("Clear all 2 mails?");
    fireEvent.click(screen.getByRole("button", { name: "Keep" }));
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, clear" }));
    expect(calls).toEqual([{ type: "clearLog" }]);
  });

  it("copies or saves the rows shown as CSV or JSON, and Save says where the file went", async () => {
    const { copied, calls } = setup();
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "failed" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    await screen.findByText("Copied 1 shown row as CSV.");
    expect(copied[0].split("\r\n")).toHaveLength(3); // header, one row, final newline
    fireEvent.change(screen.getByLabelText("Format"), { target: { value: "json" } });
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    await screen.findByText("Copied 1 shown row as JSON.");
    expect(JSON.parse(copied[1])[0].to).toBe("bob@beta.org");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText(/^Saved 1 shown row as JSON to C:\/Users\/student\/.*mail-console\.json$/);
    expect(calls[0]).toMatchObject({ type: "saveLog", format: "json" });
    expect(JSON.parse((calls[0] as { text: string }).text)).toHaveLength(1);
  });
});

describe("the whole panel", () => {
  it("shows the connection and Simulation mode, and announces results in an aria-live region", async () => {
    const store = new PanelStore();
    store.apply(
      changes({
        mails: [mail({ id: 1, state: "sending", code: null })],
        status: { simulationMode: true, version: "t" },
      }),
    );
    store.setConnection("live");
    render(html`<${Panel} store=${store} call=${fakeEngine().call} />`);
    expect(screen.getByRole("status", { name: "Connection: Live" })).toBeTruthy();
    expect(screen.getByText("Simulation mode")).toBeTruthy();
    store.apply(push(30, [mail({ id: 1, rev: 30, state: "failed", code: 6 })]));
    await waitFor(() =>
      expect(document.querySelector("[aria-live=polite]")!.textContent).toBe(
        "Mail to carol@alpha.edu: Failed: Timed out.",
      ),
    );
  });
});

describe("settings", () => {
  it("shows the engine's settings and sends a change, then says what was saved", async () => {
    const store = new PanelStore();
    store.apply(changes({ settings: { cap: 5000, watchdogMs: 60000 } }));
    const { call, calls } = fakeEngine();
    render(html`<${LogView} store=${store} call=${call} copy=${() => Promise.resolve()} />`);
    const cap = screen.getByLabelText(/Keep at most/) as HTMLInputElement;
    expect(cap.value).toBe("5000");
    expect((screen.getByLabelText(/give up on a mail after/) as HTMLInputElement).value).toBe("60");
    fireEvent.change(cap, { target: { value: "200" } });
    expect(calls).toEqual([{ type: "saveSettings", settings: { cap: 200 } }]);
    await screen.findByText("Saved: keep 200 mails, give up after 60 s.");
  });
});
