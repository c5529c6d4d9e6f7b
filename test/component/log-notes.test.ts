// @vitest-environment happy-dom
// What Copy, Save and Clear did is said under the log's buttons, then goes:
// after a few seconds, or at the next action (issue 22: "Log cleared." and
// "Saved…" stayed for good). A failure stays until the next action.
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LogView, NOTE_MS } from "../../ui/log/log-view";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail } from "../helpers/panel-fixtures";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(over: Parameters<typeof fakeEngine>[0] = {}) {
  const store = new PanelStore();
  const mails = [mail({ id: 1, to: "carol@alpha.edu" }), mail({ id: 2, to: "dave@alpha.edu" })];
  store.apply(changes({ mails, sent: 2 }));
  const { call } = fakeEngine(over);
  render(html`<${LogView} store=${store} call=${call} copy=${() => Promise.resolve()} />`);
}

const note = () => document.querySelector(".log-actions [role=status]")!.textContent;
const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

describe("the log's notes", () => {
  it("says where Save put the file, then lets it go after a few seconds", async () => {
    setup();
    click("Save");
    await vi.advanceTimersByTimeAsync(0);
    expect(note()).toMatch(/^Saved 2 rows as CSV to C:\/Users\/student\//);
    await vi.advanceTimersByTimeAsync(NOTE_MS - 100);
    expect(note()).toMatch(/^Saved/);
    await vi.advanceTimersByTimeAsync(200);
    expect(note()).toBe("");
    expect(NOTE_MS).toBeLessThanOrEqual(10000);
  });

  it('lets "Log cleared." go at the next action', async () => {
    setup();
    click("Clear");
    click("Yes, clear");
    await vi.advanceTimersByTimeAsync(0);
    expect(note()).toBe("Log cleared.");
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "failed" } });
    await vi.advanceTimersByTimeAsync(0);
    expect(note()).toBe("");
  });

  it("keeps a failure until the next action", async () => {
    setup({
      saveLog: () => {
        throw new Error("Packet Tracer could not write C:/x.csv.");
      },
    });
    click("Save");
    await vi.advanceTimersByTimeAsync(0);
    expect(note()).toBe("Save failed: Packet Tracer could not write C:/x.csv.");
    await vi.advanceTimersByTimeAsync(NOTE_MS * 3);
    expect(note()).toBe("Save failed: Packet Tracer could not write C:/x.csv.");
    click("Copy");
    await vi.advanceTimersByTimeAsync(0);
    expect(note()).toBe("Copied 2 rows as CSV.");
  });
});
