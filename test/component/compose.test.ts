// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { RequestOf } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail } from "../helpers/panel-fixtures";

afterEach(cleanup);

function setup(presets = {}) {
  const store = new PanelStore();
  store.apply(changes({ presets }));
  const { call, calls } = fakeEngine();
  render(html`<${Compose} store=${store} call=${call} />`);
  const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
  const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
  return { store, calls, call, field, type };
}

describe("compose form", () => {
  it("prefills From, Password and Outgoing server from the first device with an account", () => {
    const { field } = setup();
    expect((screen.getByLabelText("From device") as HTMLSelectElement).value).toBe("k-alice");
    expect(field("From").value).toBe("alice@alpha.edu");
    expect(field("Password").value).toBe("alice123");
    expect(field("Outgoing server").value).toBe("mail.alpha.edu");
  });

  it("choosing a device prefills from its settings, overlaid by the saved preset", () => {
    const { field } = setup({ "PC-Bob": { server: "10.2.0.10" } });
    fireEvent.change(screen.getByLabelText("From device"), { target: { value: "k-bob" } });
    expect(field("From").value).toBe("bob@beta.org");
    expect(field("Outgoing server").value).toBe("10.2.0.10");
    expect(field("Password").value).toBe("bob123");
  });

  it("shows a message next to each bad field, naming the field and the fix, and sends nothing", async () => {
    const { type, calls } = setup();
    type("From", "alice.alpha.edu");
    type("To", "bob@@beta.org");
    type("Outgoing server", "999.1.1.1");
    type("Subject", "x".repeat(300));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText(/^From: needs an @/)).toBeTruthy();
    expect(screen.getByText(/^To: "bob@@beta.org" has more than one @/)).toBeTruthy();
    expect(screen.getByText(/^Outgoing server: "999.1.1.1" is not an IPv4 address: 999 is above 255/)).toBeTruthy();
    expect(screen.getByText(/^Subject: 300 characters is too long/)).toBeTruthy();
    expect((screen.getByLabelText("From", { exact: true }) as HTMLElement).getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);
  });

  it("says how many mails a class mail makes, and personalises {user} and {address} per recipient", async () => {
    const { type, calls } = setup();
    type("To", "carol@alpha.edu; bob@beta.org\ndave@alpha.edu, carol@alpha.edu");
    type("Subject", "Hi {user}");
    type("Body", "Your address is {address}.");
    expect(screen.getByText(/3 mails will be sent/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await screen.findByText("Queued 3 mails from PC-Alice.");
    const send = calls.filter((c): c is RequestOf<"sendMail"> => c.type === "sendMail")[0];
    expect(send.mails).toEqual([
      { to: "carol@alpha.edu", subject: "Hi carol", body: "Your address is carol@alpha.edu." },
      { to: "bob@beta.org", subject: "Hi bob", body: "Your address is bob@beta.org." },
      { to: "dave@alpha.edu", subject: "Hi dave", body: "Your address is dave@alpha.edu." },
    ]);
    expect(send).toMatchObject({
      device: "k-alice",
      from: "alice@alpha.edu",
      password: "alice123",
      server: "mail.alpha.edu",
    });
    expect(calls.map((c) => c.type)).toEqual(["sendMail"]); // the account travels with the send: no second request
  });

  it("a device that disappeared is named in the device field", () => {
    const { store, type, calls } = setup();
    type("To", "bob@beta.org");
    store.apply(changes({ devices: store.devices.filter((d) => d.key !== "k-alice") }));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(screen.getByText(/From device: that device is no longer in the topology/)).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it("enables Cancel only while the chosen device has mail queued or in flight", async () => {
    const { store, calls } = setup();
    const cancel = screen.getByRole("button", { name: "Cancel" }) as HTMLButtonElement;
    expect(cancel.disabled).toBe(true);
    store.apply(changes({ full: false, seq: 11, mails: [mail({ id: 500, state: "sending", code: null })] }));
    await waitFor(() => expect(cancel.disabled).toBe(false));
    fireEvent.click(cancel);
    expect(calls[calls.length - 1]).toEqual({ type: "cancelSend", device: "k-alice" });
  });
});
