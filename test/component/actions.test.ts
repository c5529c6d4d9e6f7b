// @vitest-environment happy-dom
// Actions that do what they say (issue 22, section 4): every mail in exactly
// one counter, a resend that never discards what is being written, a sent
// message that is no longer a draft, and To as people paste it.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { createRef } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import type { RequestOf } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
import { LogView } from "../../ui/log/log-view";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, many } from "../helpers/panel-fixtures";

afterEach(cleanup);

function setup() {
  const store = new PanelStore();
  store.apply(changes());
  const { call, calls } = fakeEngine();
  const ref = createRef<Compose>();
  render(html`<${Compose} ref=${ref} store=${store} call=${call} />`);
  const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
  const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
  const sends = () => calls.filter((c): c is RequestOf<"sendMail"> => c.type === "sendMail");
  const drafts = () => calls.filter((c): c is RequestOf<"saveDraft"> => c.type === "saveDraft");
  return { ref, field, type, sends, drafts };
}

const status = () => document.querySelector(".actions [role=status]")!.textContent;
const RESEND = { device: "k-alice", to: "a@alpha.edu, b@alpha.edu, c@alpha.edu", subject: "Lab 3", body: "Again" };

describe("the counters", () => {
  it("put every mail in exactly one counter, cancelled ones included, adding up to Sent", () => {
    const store = new PanelStore();
    const mails = many(27).concat(many(10, { state: "cancelled", code: null }, 28));
    store.apply(changes({ mails, sent: 37 }));
    render(
      html`<${LogView} store=${store} call=${fakeEngine().call} copy=${() => Promise.resolve()} resend=${() => undefined} />`,
    );
    const counters = screen.getByLabelText("Counters").textContent!.replace(/\s+/g, " ").trim();
    expect(counters).toBe("Sent 37 Delivered 27 Bounced 0 Failed 0 Cancelled 10 In progress 0");
    const numbers = counters.match(/\d+/g)!.map(Number);
    expect(numbers.slice(1).reduce((a, b) => a + b, 0)).toBe(numbers[0]);
  });
});

describe("resend to the failed ones", () => {
  it("fills an empty form and says what to do, sending nothing", async () => {
    const { ref, field, sends } = setup();
    ref.current!.refill(RESEND);
    await waitFor(() => expect(field("To").value).toBe(RESEND.to));
    expect(field("Subject").value).toBe("Lab 3");
    expect(status()).toBe("Ready to resend to 3: check the message, then press Send.");
    expect(sends()).toEqual([]);
  });

  it("asks before replacing a message being written, and keeps it when told to", async () => {
    const { ref, field, type } = setup();
    type("To", "dave@alpha.edu");
    type("Subject", "Half written");
    ref.current!.refill(RESEND);
    const ask = await screen.findByRole("alert");
    expect(ask.textContent).toMatch(/^Resend to 3 would replace the message you are writing\./);
    expect(field("To").value).toBe("dave@alpha.edu");
    fireEvent.click(within(ask).getByRole("button", { name: "Keep writing" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect([field("To").value, field("Subject").value]).toEqual(["dave@alpha.edu", "Half written"]);
    ref.current!.refill(RESEND);
    fireEvent.click(within(await screen.findByRole("alert")).getByRole("button", { name: "Replace it" }));
    await waitFor(() => expect(field("To").value).toBe(RESEND.to));
    expect(field("Subject").value).toBe("Lab 3");
  });
});

describe("a sent message", () => {
  it("is no longer a draft: the form empties, the engine forgets it, the device and account stay", async () => {
    const { field, type, sends, drafts } = setup();
    type("To", "carol@alpha.edu");
    type("Subject", "Hi");
    type("Body", "Text");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(sends()).toHaveLength(1));
    await waitFor(() => expect(field("To").value).toBe(""));
    expect([field("Subject").value, field("Body").value]).toEqual(["", ""]);
    expect(drafts()[drafts().length - 1].draft).toBeNull();
    expect((screen.getByLabelText("From device") as HTMLSelectElement).value).toBe("k-alice");
    expect(field("From").value).toBe("alice@alpha.edu");
  });
});

describe("a send that went out with a warning", () => {
  it("says the warning beside the send, not an error", async () => {
    const store = new PanelStore();
    store.apply(changes());
    const warning = "Sent; the account was not remembered for next time (Packet Tracer refused to store it).";
    const { call } = fakeEngine({ sendMail: () => ({ ids: [1], warning }) });
    render(html`<${Compose} store=${store} call=${call} />`);
    fireEvent.input(screen.getByLabelText("To", { exact: true }), { target: { value: "carol@alpha.edu" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(status()).toBe(warning));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("To, as people paste it", () => {
  it("refuses an unfilled {user} in To, saying where placeholders go", () => {
    const { type, sends } = setup();
    type("To", "{user}@alpha.edu");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(document.getElementById("e-to")!.textContent).toBe(
      "To: {user} and {address} are filled in from each recipient, so To needs the real addresses, like bob@beta.org. Put {user} in Subject or Body.",
    );
    expect(sends()).toEqual([]);
  });

  it("takes the display-name form mail programs copy: Alice <alice@alpha.edu>", async () => {
    const { type, sends } = setup();
    type("To", 'Carol <carol@alpha.edu>, "Dave D." <dave@alpha.edu>');
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0].mails.map((m) => m.to)).toEqual(["carol@alpha.edu", "dave@alpha.edu"]);
  });
});
