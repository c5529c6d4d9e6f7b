// @vitest-environment happy-dom
// A long log costs what a screenful costs. No timings here: each test pins how
// much work a push does (rows rendered, log entries read), so that a change
// that makes it grow with the log fails.

import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MailEntry } from "../../src/protocol";
import { warm } from "../../ui/log/filter";
import { LogRow } from "../../ui/log/row";
import { Panel } from "../../ui/panel";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail, many, push } from "../helpers/panel-fixtures";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const lines = () => document.querySelectorAll("ul.mails > li").length;

/** The whole panel over a log of n mails, the newest still sending. */
function panel(n: number) {
  const store = new PanelStore();
  const mails = many(n);
  mails[n - 1] = mail({ id: n, to: `s${n}@alpha.edu`, state: "sending", code: null });
  store.apply(changes({ mails, sent: n }));
  render(html`<${Panel} store=${store} call=${fakeEngine().call} />`);
  return store;
}

/** Counts reads of the store's entries by index, from now on. */
function countReads(store: PanelStore): { reads: number } {
  const counter = { reads: 0 };
  store.mails = new Proxy(store.mails, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return counter;
}

/** What one push that finishes the newest mail and adds another costs: entries read, rows rendered. */
async function pushCost(n: number): Promise<{ reads: number; rendered: number }> {
  const store = panel(n);
  await screen.findByText(`→ s${n}@alpha.edu`);
  const renders = vi.spyOn(LogRow.prototype, "render");
  const counter = countReads(store);
  const next: MailEntry = mail({ id: n + 1, rev: n + 1, to: "new@alpha.edu", state: "queued", code: null });
  store.apply(push(n + 1, [mail({ id: n, rev: n + 1, to: `s${n}@alpha.edu` }), next], { sent: n + 1 }));
  await screen.findByText("→ new@alpha.edu");
  const cost = { reads: counter.reads, rendered: renders.mock.calls.length };
  cleanup();
  renders.mockRestore();
  return cost;
}

describe("a long log", () => {
  it("puts a screenful of rows in the page, however many mails it holds", async () => {
    panel(100000);
    await screen.findByText("→ s100000@alpha.edu");
    expect(lines()).toBeGreaterThan(10);
    expect(lines()).toBeLessThan(40);
    expect(screen.getByLabelText("Counters").textContent).toMatch(/Sent 100000/);
  });

  it("renders only the rows a push changed or added, and reads about as few entries at 100,000 as at 100", async () => {
    const small = await pushCost(100);
    const large = await pushCost(100000);
    expect(small.rendered).toBe(2); // the finished mail and the new one
    expect(large.rendered).toBe(2);
    // Binary searches grow with log n; a scan of the log would read 100,000.
    expect(large.reads).toBeLessThan(small.reads * 3);
    expect(large.reads).toBeLessThan(2000);
  });

  it("an empty pull renders nothing", async () => {
    const store = panel(1000);
    await screen.findByText("→ s1000@alpha.edu");
    const renders = vi.spyOn(LogRow.prototype, "render");
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply(push(store.seq, [], { sent: 1000 }));
    expect(listener).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 20)); // let any render that was queued run
    expect(renders).not.toHaveBeenCalled();
  });

  it("knows what is in flight, overall and per device, without reading the log", async () => {
    const store = panel(1000);
    const counter = countReads(store);
    expect(store.inFlight()).toBe(1);
    expect(store.tally.pending.get("k-alice")).toBe(1);
    expect(counter.reads).toBe(0);
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(false),
    );
  });

  it("builds every row's search text once the search box takes focus, before the first keystroke", async () => {
    const store = panel(20000);
    expect(warm(store.mails, 0)).toBe(false);
    screen.getByRole("searchbox").dispatchEvent(new FocusEvent("focus"));
    await waitFor(() => expect(warm(store.mails, 0)).toBe(true), { timeout: 5000 });
  });
});
