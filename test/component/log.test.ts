// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import { toCsv } from "../../ui/log/export";
import { LogView, PAGE } from "../../ui/log/log-view";
import { Panel } from "../../ui/panel";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail } from "../helpers/panel-fixtures";

afterEach(cleanup);

function setup(
  mails = [
    mail({ id: 1, to: "carol@alpha.edu" }),
    mail({
      id: 2,
      to: "bob@beta.org",
      device: "PC-Bob",
      deviceKey: "k-bob",
      state: "failed",
      code: 13,
      subject: "Relay",
    }),
  ],
) {
  const store = new PanelStore();
  store.apply(changes({ mails }));
  const { call, calls } = fakeEngine({ saveLog: () => ({ path: "C:/Users/student/mail-console.csv" }) });
  const copied: string[] = [];
  const copy = (text: string) => {
    copied.push(text);
    return Promise.resolve();
  };
  render(html`<${LogView} store=${store} call=${call} copy=${copy} />`);
  return { store, calls, copied };
}

const rows = () => screen.queryAllByRole("listitem").filter((li) => li.classList.contains("mail"));

describe("delivery log", () => {
  it("lists mail newest first with time, device, recipient, subject and a status badge", () => {
    setup();
    const [first, second] = rows();
    expect(first.textContent).toContain("bob@beta.org");
    expect(first.textContent).toContain("Failed: Server not found");
    expect(second.textContent).toContain("PC-Alice");
    expect(second.textContent).toContain("Delivered");
  });

  it("changes a badge in place: the same row element, a new status", async () => {
    const { store } = setup([mail({ id: 7, state: "sending", code: null, events: [{ at: 1, code: 1 }] })]);
    const before = rows()[0];
    expect(before.textContent).toContain("Sending");
    store.apply(changes({ full: false, seq: 20, mails: [mail({ id: 7, rev: 20, state: "delivered", code: 2 })] }));
    await waitFor(() => expect(rows()[0].textContent).toContain("Delivered"));
    expect(rows()[0]).toBe(before);
    expect(store.announcements).toEqual(["Mail to carol@alpha.edu delivered."]);
  });

  it("expands a failed row to its timeline, its meaning and what to check", () => {
    setup();
    fireEvent.click(within(rows()[0]).getByRole("button"));
    const row = rows()[0];
    expect(row.textContent).toContain("Server not found (code 13).");
    expect(row.textContent).toContain("Check:");
    expect(within(row).getByRole("list", { name: "Timeline" }).textContent).toMatch(/1\s*eSmtpRequest/);
  });

  it("filters by device and by outcome, and searches addresses, subject and body", async () => {
    setup([
      mail({ id: 1, to: "carol@alpha.edu", body: "the lab is at ten" }),
      mail({ id: 2, to: "bob@beta.org", device: "PC-Bob", state: "failed", code: 6 }),
      mail({ id: 3, to: "dave@alpha.edu", state: "sending", code: null }),
    ]);
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "failed" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].textContent).toContain("bob@beta.org");
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "all" } });
    fireEvent.change(screen.getByLabelText("Device"), { target: { value: "PC-Alice" } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.input(screen.getByLabelText("Search"), { target: { value: "LAB IS" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].textContent).toContain("carol@alpha.edu");
    expect(screen.getByLabelText("Counters").textContent).toMatch(/Sent 3.*Delivered 1.*Failed 1.*In progress 1/);
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

  it("copies the filtered rows as CSV or JSON, and Save shows where the file went", async () => {
    const { copied, calls } = setup();
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "failed" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Copy CSV" }));
    await screen.findByText("Copied 1 shown row as CSV.");
    expect(copied[0].split("\r\n")).toHaveLength(3); // header, one row, final newline
    fireEvent.click(screen.getByRole("button", { name: "Copy JSON" }));
    await screen.findByText("Copied 1 shown row as JSON.");
    expect(JSON.parse(copied[1])[0].to).toBe("bob@beta.org");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText(/Saved 1 shown row to C:\/Users\/student\/mail-console.csv/);
    expect(calls[0]).toMatchObject({ type: "saveLog", format: "csv" });
  });

  it("renders a long log in pages so it stays smooth", async () => {
    const many = Array.from({ length: 1000 }, (_, i) => mail({ id: i + 1, to: `u${i}@alpha.edu` }));
    setup(many);
    expect(rows()).toHaveLength(PAGE);
    fireEvent.click(screen.getByRole("button", { name: new RegExp(`Show ${PAGE} more of ${1000 - PAGE}`) }));
    await waitFor(() => expect(rows()).toHaveLength(2 * PAGE));
  });
});

describe("CSV export", () => {
  it("quotes commas, quotes and new lines, keeps non-ASCII, and a spreadsheet reads it back", () => {
    const tricky = mail({
      id: 9,
      subject: 'Hi, "class"',
      body: "line 1\nline 2, with comma\r\nçà 中文 📨",
      to: "zoë@alpha.edu",
    });
    const csv = toCsv([tricky]);
    expect(csv.charCodeAt(0)).toBe(0xfeff); // Excel needs the BOM to read UTF-8
    const parsed = parseCsv(csv.slice(1));
    expect(parsed[0][0]).toBe("id");
    const header = parsed[0];
    const rec = parsed[1];
    expect(rec[header.indexOf("subject")]).toBe('Hi, "class"');
    expect(rec[header.indexOf("body")]).toBe("line 1\nline 2, with comma\r\nçà 中文 📨");
    expect(rec[header.indexOf("to")]).toBe("zoë@alpha.edu");
    expect(rec[header.indexOf("code name")]).toBe("eSmtpResponseSuccess");
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = toCsv([mail({ id: 3, subject: '=HYPERLINK("http://x")' })]);
    expect(parseCsv(csv.slice(1))[1]).toContain('\'=HYPERLINK("http://x")');
  });
});

describe("the whole panel", () => {
  it("shows the connection and Simulation mode, and announces terminal results in an aria-live region", async () => {
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
    expect(screen.getByText("⏸ Simulation mode")).toBeTruthy();
    store.apply(changes({ full: false, seq: 30, mails: [mail({ id: 1, rev: 30, state: "failed", code: 6 })] }));
    await waitFor(() =>
      expect(document.querySelector("[aria-live=polite]")!.textContent).toBe(
        "Mail to carol@alpha.edu failed (code 6).",
      ),
    );
  });
});

/** RFC 4180 as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [],
    cell = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return out;
}

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
