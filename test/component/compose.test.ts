// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeviceInfo, RequestOf } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
import { PanelStore } from "../../ui/store";
import { changes, DEVICES, fakeEngine, mail } from "../helpers/panel-fixtures";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(over: Parameters<typeof changes>[0] = {}, answers: Parameters<typeof fakeEngine>[0] = {}) {
  const store = new PanelStore();
  store.apply(changes(over));
  const { call, calls } = fakeEngine(answers);
  render(html`<${Compose} store=${store} call=${call} />`);
  const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
  const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
  const sends = () => calls.filter((c): c is RequestOf<"sendMail"> => c.type === "sendMail");
  return { store, calls, call, field, type, sends };
}

const status = () => document.querySelector(".actions [role=status]")!.textContent;

describe("compose form", () => {
  it("starts from the first device's own Email settings, in a collapsed Account group after the message", () => {
    const { field } = setup();
    expect((screen.getByLabelText("From device") as HTMLSelectElement).value).toBe("k-alice");
    expect(field("From").value).toBe("alice@alpha.edu");
    expect(field("Password").value).toBe("alice123");
    expect(field("Outgoing server").value).toBe("mail.alpha.edu");
    const account = field("From").closest("details")!;
    expect(account.open).toBe(false);
    expect(account.querySelector("summary")!.textContent).toMatch(/^Account\s+alice@alpha\.edu via mail\.alpha\.edu/);
    // Document order is tab order: the message before the account.
    const order = Array.from(document.querySelectorAll("form [name]")).map((el) => el.getAttribute("name"));
    expect(order).toEqual(["device", "to", "subject", "body", "from", "password", "server"]);
    expect(screen.queryByText(/Email settings/)).toBeNull(); // nothing differs
  });

  it("reads a chosen device fresh, and follows what PT says now rather than the list's older copy", async () => {
    const changed: DeviceInfo = { ...DEVICES[1], smtpServer: "10.2.0.10", mailId: "robert@beta.org" };
    const { field, calls } = setup({}, { readDevice: (r) => (r.device === "k-bob" ? changed : DEVICES[0]) });
    fireEvent.change(screen.getByLabelText("From device"), { target: { value: "k-bob" } });
    expect(calls).toContainEqual({ type: "readDevice", device: "k-bob" });
    await waitFor(() => expect(field("Outgoing server").value).toBe("10.2.0.10"));
    expect(field("From").value).toBe("robert@beta.org");
    expect(screen.queryByText(/Email settings/)).toBeNull();
  });

  it("shows a saved preset as differing from the PC, with a reset to the PC's settings next to the field", async () => {
    const { field } = setup({ presets: { "PC-Bob": { server: "10.2.0.10" } } });
    fireEvent.change(screen.getByLabelText("From device"), { target: { value: "k-bob" } });
    await waitFor(() => expect(field("Outgoing server").value).toBe("10.2.0.10"));
    expect(field("From").value).toBe("bob@beta.org");
    const note = document.getElementById(field("Outgoing server").getAttribute("aria-describedby")!)!;
    expect(note.textContent).toMatch(/PC-Bob's Email settings say mail\.beta\.org\./);
    expect(field("From").closest("details")!.querySelector("summary")!.textContent).toMatch(
      /not PC-Bob's own settings/,
    );
    fireEvent.click(screen.getByRole("button", { name: "Use the PC's settings for Outgoing server" }));
    await waitFor(() => expect(field("Outgoing server").value).toBe("mail.beta.org"));
    expect(screen.queryByRole("button", { name: /Use the PC's settings/ })).toBeNull();
  });

  it("a typed password that is not the PC's says so without showing either", async () => {
    const { type, field } = setup();
    type("Password", "wrong");
    const note = await screen.findByText(/PC-Alice's Email settings have another password\./);
    expect(note.textContent).not.toContain("alice123");
    expect(field("Password").getAttribute("aria-describedby")).toBe(note.id);
  });

  it("shows a message next to each bad field, naming the field and the fix, and sends nothing", async () => {
    const { type, calls, field } = setup();
    type("From", "alice.alpha.edu");
    type("To", "bob@@beta.org");
    type("Outgoing server", "999.1.1.1");
    type("Subject", "x".repeat(300));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText(/^From: needs an @/)).toBeTruthy();
    expect(screen.getByText('To: "bob@@beta.org" has more than one @. Did you mean bob@beta.org?')).toBeTruthy();
    expect(screen.getByText(/^Outgoing server: "999.1.1.1" is not an IPv4 address: 999 is above 255/)).toBeTruthy();
    expect(screen.getByText(/^Subject: 300 characters is too long/)).toBeTruthy();
    expect(field("From").getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(field("From").closest("details")!.open).toBe(true)); // an account error opens the group
    expect(document.activeElement).toBe(field("To")); // the first bad field in tab order
    expect(calls.filter((c) => c.type === "sendMail")).toEqual([]);
  });

  it("takes its examples from the lab open now, not from a classroom it assumes", () => {
    const lab = [
      { ...DEVICES[0], key: "k-x", name: "PC-X", mailId: "x@gamma.net", smtpServer: "smtp.gamma.net" },
      { ...DEVICES[0], key: "k-y", name: "PC-Y", mailId: "yan@delta.io", smtpServer: "10.9.9.9" },
    ];
    const { field, type } = setup({ devices: lab });
    expect(field("To").getAttribute("placeholder")).toBe("yan@delta.io");
    type("Outgoing server", "");
    expect(field("Outgoing server").getAttribute("placeholder")).toBe("10.9.9.9");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(screen.getByText("To: enter at least one address, like yan@delta.io.")).toBeTruthy();
    expect(
      screen.getByText("Outgoing server: enter the mail server's name or IP address, like 10.9.9.9."),
    ).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/alpha\.edu|beta\.org/);
  });

  it("says how many mails a class mail makes, personalises each, and the message becomes the group's result", async () => {
    const { type, sends, store } = setup();
    type("To", "carol@alpha.edu; bob@beta.org\ndave@alpha.edu, carol@alpha.edu");
    type("Subject", "Hi {user}");
    type("Body", "Your address is {address}.");
    expect(screen.getByText(/3 mails will be sent/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0].mails).toEqual([
      { to: "carol@alpha.edu", subject: "Hi carol", body: "Your address is carol@alpha.edu." },
      { to: "bob@beta.org", subject: "Hi bob", body: "Your address is bob@beta.org." },
      { to: "dave@alpha.edu", subject: "Hi dave", body: "Your address is dave@alpha.edu." },
    ]);
    expect(sends()[0]).toMatchObject({ device: "k-alice", from: "alice@alpha.edu", password: "alice123" });
    const group = (id: number, state: "sending" | "delivered" | "bounced" | "failed", seq: number) =>
      mail({ id, rev: seq, group: 1, state, code: state === "failed" ? 6 : state === "sending" ? null : 2 });
    store.apply(changes({ full: false, seq: 11, mails: [1, 2, 3].map((id) => group(id, "sending", 11)) }));
    await waitFor(() => expect(status()).toBe("Sending to 3: 3 in progress."));
    store.apply(changes({ full: false, seq: 12, mails: [group(1, "delivered", 12), group(2, "bounced", 12)] }));
    await waitFor(() => expect(status()).toBe("Sending to 3: 1 delivered, 1 bounced, 1 in progress."));
    store.apply(changes({ full: false, seq: 13, mails: [group(3, "failed", 13)] }));
    await waitFor(() => expect(status()).toBe("Sent to 3: 1 delivered, 1 bounced, 1 failed."));
  });

  it("Ctrl+Enter in Body sends", async () => {
    const { type, sends, field } = setup();
    type("To", "carol@alpha.edu");
    fireEvent.keyDown(field("Body"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(sends()).toHaveLength(1));
    fireEvent.keyDown(field("Body"), { key: "Enter" }); // a plain Enter is a new line
    expect(sends()).toHaveLength(1);
  });

  it("a device that disappeared is named in the device field", () => {
    const { store, type, calls } = setup();
    type("To", "bob@beta.org");
    store.apply(changes({ devices: store.devices.filter((d) => d.key !== "k-alice") }));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(screen.getByText(/From device: that device is no longer in the topology/)).toBeTruthy();
    expect(calls.filter((c) => c.type === "sendMail")).toEqual([]);
  });

  it("another file opened: the form takes its first device and its account, and keeps the message", async () => {
    const next: DeviceInfo = {
      ...DEVICES[1],
      key: "k-zed",
      name: "PC-Zed",
      mailId: "zed@gamma.net",
      smtpServer: "10.9.0.1",
    };
    const { store, type, field } = setup({}, { readDevice: (r) => (r.device === "k-zed" ? next : DEVICES[0]) });
    type("To", "bob@beta.org");
    type("Subject", "Lab 3");
    store.apply(changes({ devices: [next], file: store.file + 1 }));
    await waitFor(() => expect((screen.getByLabelText("From device") as HTMLSelectElement).value).toBe("k-zed"));
    await waitFor(() => expect(field("From").value).toBe("zed@gamma.net"));
    expect(field("Outgoing server").value).toBe("10.9.0.1");
    expect([field("To").value, field("Subject").value]).toEqual(["bob@beta.org", "Lab 3"]);
  });

  it("enables Cancel only while the chosen device has mail queued or in flight", async () => {
    const { store, calls } = setup();
    const cancel = screen.getByRole("button", { name: "Cancel" }) as HTMLButtonElement;
    expect(cancel.disabled).toBe(true);
    store.apply(changes({ full: false, seq: 11, mails: [mail({ id: 500, rev: 11, state: "sending", code: null })] }));
    await waitFor(() => expect(cancel.disabled).toBe(false));
    fireEvent.click(cancel);
    expect(calls[calls.length - 1]).toEqual({ type: "cancelSend", device: "k-alice" });
    store.apply(changes({ full: false, seq: 12, mails: [mail({ id: 500, rev: 12, state: "cancelled", code: null })] }));
    await waitFor(() => expect(cancel.disabled).toBe(true));
  });
});

describe("the draft", () => {
  it("comes back from the engine when the panel opens, device included", async () => {
    const { field, calls } = setup({
      draft: { device: "k-bob", to: "erin@beta.org", subject: "Half", body: "written" },
    });
    expect((screen.getByLabelText("From device") as HTMLSelectElement).value).toBe("k-bob");
    expect(field("To").value).toBe("erin@beta.org");
    expect(field("Subject").value).toBe("Half");
    expect(field("Body").value).toBe("written");
    expect(field("From").value).toBe("bob@beta.org");
    expect(calls).toContainEqual({ type: "readDevice", device: "k-bob" });
  });

  it("is saved once typing pauses, and forgotten after a successful send", async () => {
    vi.useFakeTimers();
    const { type, calls } = setup();
    const drafts = () => calls.filter((c): c is RequestOf<"saveDraft"> => c.type === "saveDraft");
    type("To", "c");
    type("To", "carol@alpha.edu");
    type("Subject", "Lab 4");
    vi.advanceTimersByTime(100);
    expect(drafts()).toEqual([]); // still typing
    vi.advanceTimersByTime(400);
    expect(drafts()).toEqual([
      { type: "saveDraft", draft: { device: "k-alice", to: "carol@alpha.edu", subject: "Lab 4", body: "" } },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await vi.waitFor(() => expect(drafts()).toHaveLength(2));
    expect(drafts()[1]).toEqual({ type: "saveDraft", draft: null });
  });
});
