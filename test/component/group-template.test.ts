// @vitest-environment happy-dom
// A class send's line in the log shows the subject as it was typed, not the
// first recipient's filled-in one (issue 22: the line said "Welcome to
// Networking 101, carol!"). The panel sends the subject as typed with the
// mails, the engine keeps it on the group's first mail, the wire carries it
// (in a push, and as an ended row's frozen text), and the group's line reads it.
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EngineLink } from "../../ui/engine-link";
import { Panel } from "../../ui/panel";
import type { PanelStore } from "../../ui/store";
import { type Rig, rig } from "../helpers/engine-on-sim";
import { both, linkedPanel } from "../helpers/panel-on-sim";

let r: Rig;
let store: PanelStore;
let link: EngineLink;

beforeEach(() => {
  vi.useFakeTimers();
  r = rig();
  ({ store, link } = linkedPanel(r));
});
afterEach(() => {
  cleanup();
  link.stop();
  vi.useRealTimers();
});

async function sendToClass(to: string, subject: string) {
  render(html`<${Panel} store=${store} call=${link.call.bind(link)} />`);
  await both(r, 300);
  fireEvent.change(screen.getByLabelText("From device"), { target: { value: r.deviceKey("PC-Alice") } });
  await both(r, 300);
  fireEvent.input(screen.getByLabelText("To"), { target: { value: to } });
  fireEvent.input(screen.getByLabelText("Subject"), { target: { value: subject } });
  fireEvent.click(screen.getByRole("button", { name: "Send" }));
  await both(r, 10000);
}

const groupLine = () => document.querySelector(".mail.group > .summary .subject")!.textContent;

describe("a class send's line in the log", () => {
  it("shows the subject as typed, with {user}, while each mail keeps its own", async () => {
    await sendToClass("carol@alpha.edu, dave@alpha.edu", "Welcome to Networking 101, {user}!");
    expect(document.querySelector(".mail.group .sum")!.textContent).toBe("sent to 2: 2 delivered");
    expect(groupLine()).toBe("Welcome to Networking 101, {user}!");
    fireEvent.click(document.querySelector(".mail.group > .summary")!);
    await both(r, 50);
    const members = Array.from(document.querySelectorAll(".members .subject")).map((s) => s.textContent);
    expect(members).toEqual(["Welcome to Networking 101, carol!", "Welcome to Networking 101, dave!"]);
  });

  it("still shows it to a panel opened after the mails ended (the log's frozen rows)", async () => {
    await sendToClass("carol@alpha.edu, dave@alpha.edu", "Lab 4 for {address}");
    const later = r.openPanel();
    const first = later.mails[0];
    expect(later.mails.map((m) => m.subject)).toEqual(["Lab 4 for carol@alpha.edu", "Lab 4 for dave@alpha.edu"]);
    expect(later.tally.groups.get(first.id)!.subject).toBe("Lab 4 for {address}");
  });

  it("shows the subject itself when nothing was filled in, and carries no template then", async () => {
    await sendToClass("carol@alpha.edu, dave@alpha.edu", "Lab 4 results");
    expect(groupLine()).toBe("Lab 4 results");
    expect(r.mails().filter((m) => m.template !== undefined)).toEqual([]);
  });
});
