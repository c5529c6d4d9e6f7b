// @vitest-environment happy-dom
// A class send is one group in the log: one line that sums it up, opening to
// its mails, and a way to send again to the ones that did not arrive.

import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { MailEntry, MailState } from "../../src/protocol";
import { Panel } from "../../ui/panel";
import { PanelStore } from "../../ui/store";
import { changes, fakeEngine, mail, push } from "../helpers/panel-fixtures";

afterEach(cleanup);

/** Lab 4 sent to three students by PC-Alice: ids 10..12, group 10, with {user} filled in. */
function classSend(states: MailState[], rev = 10): MailEntry[] {
  return ["carol", "bob", "dave"].map((user, i) =>
    mail({
      id: 10 + i,
      rev,
      group: 10,
      to: `${user}@${user === "bob" ? "beta.org" : "alpha.edu"}`,
      subject: `Lab 4 for ${user}`,
      body: `Hi ${user}, your address is ${user}@${user === "bob" ? "beta.org" : "alpha.edu"}.`,
      state: states[i],
      code: states[i] === "failed" ? 6 : states[i] === "delivered" || states[i] === "bounced" ? 2 : null,
    }),
  );
}

function setup(mails: MailEntry[]) {
  const store = new PanelStore();
  store.apply(changes({ mails: [mail({ id: 1, to: "erin@beta.org" }), ...mails], sent: 4 }));
  const { call, calls } = fakeEngine();
  render(html`<${Panel} store=${store} call=${call} />`);
  return { store, calls };
}

const lines = () => Array.from(document.querySelectorAll("ul.mails > li"));
const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;

describe("a class send in the log", () => {
  it("is one line that sums it up, and opens to its mails", async () => {
    setup(classSend(["delivered", "bounced", "failed"]));
    expect(lines()).toHaveLength(2); // the group and erin's mail
    const group = screen.getByRole("button", { name: /sent to 3: 1 delivered, 1 bounced, 1 failed/ });
    expect(group.getAttribute("aria-expanded")).toBe("false");
    expect(group.textContent).toContain("Lab 4 for carol");
    expect(screen.queryByText("→ bob@beta.org")).toBeNull();
    fireEvent.click(group);
    await waitFor(() => expect(group.getAttribute("aria-expanded")).toBe("true"));
    const members = within(lines()[0].querySelector(".members") as HTMLElement);
    expect(members.getByText("→ bob@beta.org").closest("li")!.querySelector(".badge")!.textContent).toBe("Bounced");
    expect(members.getByText("→ dave@alpha.edu").closest("li")!.textContent).toContain("Failed: Timed out");
  });

  it("is announced once, when its last mail ends", async () => {
    const { store } = setup(classSend(["sending", "queued", "queued"]));
    expect(screen.getByRole("button", { name: /sending to 3: 3 in progress/ })).toBeTruthy();
    store.apply(push(11, classSend(["delivered", "sending", "queued"], 11).slice(0, 2)));
    store.apply(push(12, classSend(["delivered", "bounced", "sending"], 12).slice(1)));
    expect(store.announcements).toEqual([]);
    store.apply(push(13, classSend(["delivered", "bounced", "failed"], 13).slice(2)));
    expect(store.announcements).toEqual(["Sent to 3: 1 delivered, 1 bounced, 1 failed."]);
    await screen.findByRole("button", { name: /sent to 3: 1 delivered, 1 bounced, 1 failed/ });
  });

  it("shows its matching mails when the log is filtered", async () => {
    setup(classSend(["delivered", "bounced", "failed"]));
    fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "failed" } });
    await waitFor(() => expect(screen.getByText("→ dave@alpha.edu")).toBeTruthy());
    expect(screen.queryByText("→ carol@alpha.edu")).toBeNull();
    expect(screen.queryByText("→ erin@beta.org")).toBeNull();
  });

  it("Resend to the failed ones fills the compose form with them, and with the message as it was written", async () => {
    const { calls } = setup(classSend(["delivered", "bounced", "failed"]));
    fireEvent.click(screen.getByRole("button", { name: /sent to 3/ }));
    fireEvent.click(await screen.findByRole("button", { name: "Resend to the failed ones" }));
    await waitFor(() => expect(field("To").value).toBe("bob@beta.org, dave@alpha.edu"));
    expect(field("Subject").value).toBe("Lab 4 for {user}");
    expect(field("Body").value).toBe("Hi {user}, your address is {address}.");
    expect((screen.getByLabelText("From device") as HTMLSelectElement).value).toBe("k-alice");
    expect(document.activeElement).toBe(field("To"));
    expect(calls.filter((c) => c.type === "sendMail")).toEqual([]); // refilled, not sent
  });

  it("offers no resend while mails are still moving, nor when all arrived", async () => {
    const { store } = setup(classSend(["delivered", "failed", "sending"]));
    fireEvent.click(screen.getByRole("button", { name: /sending to 3/ }));
    await screen.findByText("→ dave@alpha.edu");
    expect(screen.queryByRole("button", { name: "Resend to the failed ones" })).toBeNull();
    store.apply(push(11, classSend(["delivered", "delivered", "delivered"], 11)));
    await screen.findByRole("button", { name: /sent to 3: 3 delivered/ });
    expect(screen.queryByRole("button", { name: "Resend to the failed ones" })).toBeNull();
  });
});
