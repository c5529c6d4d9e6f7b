// @vitest-environment happy-dom
// Results that follow the lab (issue 22): the Lab check and Check are current
// or visibly stale, never silently old. The panel talks to the real engine on
// the simulated classroom; the engine's clock is virtual, the panel's timers fake.
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { oneLan } from "../../sim/scenarios/classroom";
import { Compose } from "../../ui/compose/compose";
import type { EngineLink } from "../../ui/engine-link";
import { LabCheckView } from "../../ui/lab-check";
import type { PanelStore } from "../../ui/store";
import { type Rig, rig } from "../helpers/engine-on-sim";
import { both, linkedPanel } from "../helpers/panel-on-sim";

let r: Rig;
let store: PanelStore;
let link: EngineLink;
let asked: string[];

beforeEach(() => {
  vi.useFakeTimers();
  r = rig();
  asked = [];
  ({ store, link } = linkedPanel(r, (type) => asked.push(type)));
});
afterEach(() => {
  cleanup();
  link.stop();
  vi.useRealTimers();
});

const text = () => document.body.textContent || "";
const summaryLine = () => (text().match(/\d+ pairs \([^)]*\): [^.]*\./) || [""])[0];

async function openLabCheck() {
  render(html`<${LabCheckView} store=${store} call=${link.call.bind(link)} />`);
  await both(r, 200);
  const details = document.querySelector("details.lab-check") as HTMLDetailsElement;
  details.open = true;
  fireEvent(details, new Event("toggle"));
  await both(r, 300);
  expect(summaryLine()).toBe("36 pairs (6 senders × 6 accounts): 36 deliver, 0 bounce, 0 fail.");
}

describe("the Lab check follows the lab", () => {
  it("marks itself stale at once when PT announces a change, refuses to copy, then shows the lab as it is", async () => {
    await openLabCheck();
    expect(text()).toMatch(/Checked this lab at \d\d:\d\d:\d\d\./); // the rig's classroom was never saved
    r.world.device("MAIL-BETA")!.setPower(false); // PT announces powerChanged
    await both(r, 100);
    expect(text()).toMatch(/The lab changed since this check: checking again…/);
    const copy = screen.getByRole("button", { name: "Copy CSV" }) as HTMLButtonElement;
    expect(copy.disabled).toBe(true);
    expect(summaryLine()).toBe("36 pairs (6 senders × 6 accounts): 36 deliver, 0 bounce, 0 fail.");
    await both(r, 500);
    expect(text()).not.toMatch(/The lab changed since this check/);
    expect(summaryLine()).not.toBe("36 pairs (6 senders × 6 accounts): 36 deliver, 0 bounce, 0 fail.");
    expect(text()).toMatch(/Updated at \d\d:\d\d:\d\d: the lab changed\./);
    expect(copy.disabled).toBe(false);
  });

  it("catches within seconds what PT announces no event for (a deleted DNS record), and back again", async () => {
    await openLabCheck();
    const before = asked.filter((t) => t === "labCheck").length;
    r.world.device("DNS-SRV")!.dns!.removeARecordFromNameServerDb("beta.org");
    await both(r, 5000);
    expect(asked.filter((t) => t === "labCheck").length).toBeGreaterThan(before);
    expect(summaryLine()).toBe("36 pairs (6 senders × 6 accounts): 28 deliver, 8 bounce, 0 fail.");
    r.world.device("DNS-SRV")!.dns!.addARecordToNameServerDb("beta.org", "10.2.0.10");
    await both(r, 5000);
    expect(summaryLine()).toBe("36 pairs (6 senders × 6 accounts): 36 deliver, 0 bounce, 0 fail.");
  });

  it("describes the file that is open now after File > Open, never the one before", async () => {
    await openLabCheck();
    r.world.openFile(oneLan(), "C:/Users/student/Desktop/one-lan.pkt");
    await both(r, 600);
    expect(text()).toMatch(/Checked one-lan\.pkt at/);
    expect(summaryLine()).toMatch(/^4 pairs \(2 senders × 2 accounts\)/);
  });

  it("asks nothing while it is closed", async () => {
    await openLabCheck();
    const details = document.querySelector("details.lab-check") as HTMLDetailsElement;
    details.open = false;
    fireEvent(details, new Event("toggle"));
    const before = asked.filter((t) => t === "labCheck").length;
    await both(r, 10000);
    expect(asked.filter((t) => t === "labCheck").length).toBe(before);
  });
});

describe("Check follows the lab and the draft", () => {
  async function checked(to: string) {
    render(html`<${Compose} store=${store} call=${link.call.bind(link)} />`);
    await both(r, 300);
    fireEvent.change(screen.getByLabelText("From device"), { target: { value: r.deviceKey("PC-Alice") } });
    await both(r, 300);
    fireEvent.input(screen.getByLabelText("To"), { target: { value: to } });
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    await both(r, 100);
    return () => (screen.queryByRole("list", { name: "Check" }) || { textContent: "" }).textContent;
  }

  it("says the new prediction within seconds once the lab is fixed", async () => {
    const list = await checked("karol@alpha.edu");
    expect(list()).toMatch(/^karol@alpha\.edu: Will bounce/);
    r.world.device("MAIL-ALPHA")!.mail!.server.addUser("karol", "karol123"); // no event in PT
    await both(r, 5000);
    expect(list()).toMatch(/^karol@alpha\.edu: Will be delivered/);
  });

  it("goes when the draft it judged changes", async () => {
    const list = await checked("karol@alpha.edu");
    expect(list()).toMatch(/Will bounce/);
    fireEvent.input(screen.getByLabelText("To"), { target: { value: "karol@alpha.edu, carol@alpha.edu" } });
    await both(r, 50);
    expect(screen.queryByRole("list", { name: "Check" })).toBeNull();
  });
});
