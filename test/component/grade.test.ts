// @vitest-environment happy-dom
// Grading in the Lab check (issue 25): the instructor pastes or loads an
// expectation file, and the grid marks each pair against it, with the score
// and the CSV `npm run lab -- grade --csv` writes. The panel talks to the real
// engine on the simulated classroom, where all 36 pairs deliver:
//   senders teacher, alice, carol, dave @alpha.edu and bob, erin @beta.org;
//   accounts alice, carol, dave, teacher @alpha.edu and bob, erin @beta.org.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EngineLink } from "../../ui/engine-link";
import { LabCheckView } from "../../ui/lab-check";
import type { PanelStore } from "../../ui/store";
import { type Rig, rig } from "../helpers/engine-on-sim";
import { both, linkedPanel } from "../helpers/panel-on-sim";

let r: Rig;
let store: PanelStore;
let link: EngineLink;
let copied: string[];

beforeEach(() => {
  vi.useFakeTimers();
  r = rig();
  copied = [];
  ({ store, link } = linkedPanel(r));
});
afterEach(() => {
  cleanup();
  link.stop();
  vi.useRealTimers();
});

async function openLabCheck() {
  const copy = (text: string) => {
    copied.push(text);
    return Promise.resolve();
  };
  render(html`<${LabCheckView} store=${store} call=${link.call.bind(link)} copy=${copy} />`);
  await both(r, 200);
  const details = document.querySelector("details.lab-check") as HTMLDetailsElement;
  details.open = true;
  fireEvent(details, new Event("toggle"));
  await both(r, 300);
  await screen.findByRole("grid");
}

async function paste(rules: string) {
  fireEvent.input(screen.getByLabelText("Expectation (JSON)"), { target: { value: rules } });
  await both(r, 50);
  fireEvent.click(screen.getByRole("button", { name: "Grade with pasted rules" }));
  await both(r, 50);
}

const cell = (name: string) => screen.getByRole("gridcell", { name: new RegExp("^" + name) });
const status = () => (document.querySelector(".grade [role=status]") as HTMLElement).textContent;

/*
 * By hand, against the classroom (36 cells, all delivered):
 *   rule 1  6 senders × 4 alpha.edu accounts, delivered        24 pass
 *   rule 2  bob → bob, bob → erin, delivered                     2 pass (erin's own 2: rule 5)
 *   rule 3  4 alpha.edu senders → erin expected bounced          4 fail: they deliver
 *   rule 4  6 senders → staff@alpha.edu, which has no account    6 fail: missing, no cell
 *   rule 5  erin → bob, erin → erin unknown                      2 unknown, counted apart
 *   4 alpha.edu senders → bob: no rule names them                4 cells not graded
 *   score = 26 / (24 + 2 + 4 + 6) = 72.2% (rounded down, as the CLI prints it)
 */
const RULES = `{"expect": [
  {"from": "*", "to": "*@alpha.edu", "outcome": "delivered"},
  {"from": "*@beta.org", "to": "*@beta.org", "outcome": "delivered"},
  {"from": "*@alpha.edu", "to": "erin@beta.org", "outcome": "bounced", "note": "erin takes mail from beta.org only"},
  {"from": "*", "to": "staff@alpha.edu", "outcome": "delivered"},
  {"from": "erin@beta.org", "to": "*@beta.org", "outcome": "unknown"}
]}`;

describe("grading the lab in the Lab check", () => {
  it("marks each cell pass or fail against pasted rules, scores them, and counts unknown and unnamed pairs apart", async () => {
    await openLabCheck();
    await paste(RULES);
    expect(status()).toBe(
      "Score 72.2% against pasted rules: 26 of 36 graded pairs match; 2 unknown, counted apart; 4 cells no rule names, not graded.",
    );
    const grid = screen.getByRole("grid");
    const marked = (cls: string) => grid.querySelectorAll("td.g-" + cls).length;
    expect([marked("pass"), marked("fail"), marked("unknown")]).toEqual([26, 4, 2]);
    expect(cell("PC-Alice to erin@beta.org").getAttribute("aria-label")).toBe(
      "PC-Alice to erin@beta.org: delivers; expected bounced: fail",
    );
    expect(cell("PC-Erin to bob@beta.org").getAttribute("aria-label")).toBe(
      "PC-Erin to bob@beta.org: delivers; expected unknown: unknown",
    );
    expect(cell("PC-Alice to bob@beta.org").getAttribute("aria-label")).toBe("PC-Alice to bob@beta.org: delivers");
    expect(cell("PC-Alice to bob@beta.org").className).not.toMatch(/g-/);
    const causes = within(screen.getByRole("list", { name: "What differs from the expectation" }));
    expect(causes.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "6 pairs: no account staff@alpha.edu. Fix: add the user staff to the mail server of alpha.edu.",
      "4 pairs: delivered, where the answer's mail is bounced (rule 3). Fix: make the lab stop this mail as the answer does.",
    ]);
    // An opened cell says how it was graded.
    fireEvent.click(cell("PC-Alice to erin@beta.org"));
    expect(document.querySelector(".lab-check .detail")!.textContent).toContain("Graded: expected bounced: fail.");
  });

  it("copies the CSV of `npm run lab -- grade --csv`: its columns, one row per expected pair", async () => {
    await openLabCheck();
    await paste(RULES);
    fireEvent.click(screen.getByRole("button", { name: "Copy grades CSV" }));
    await both(r, 50);
    const lines = copied[0].split("\n");
    expect(lines[0]).toBe("file,student_name,student_email,from,to,expected,predicted,match,cause,fix");
    expect(lines.length).toBe(1 + 38 + 1); // header, 36 graded + 2 unknown, and the final newline
    expect(lines[lines.length - 1]).toBe("");
    // The rig's classroom was never saved: no file, so no name from it; PT's profile is not read.
    expect(lines).toContain(
      ',,,alice@alpha.edu,erin@beta.org,bounced,delivered,no,"delivered, where the answer\'s mail is bounced (rule 3)",make the lab stop this mail as the answer does',
    );
    expect(lines).toContain(
      ",,,teacher@alpha.edu,staff@alpha.edu,delivered,missing,no,no account staff@alpha.edu,add the user staff to the mail server of alpha.edu",
    );
    expect(lines).toContain(",,,erin@beta.org,bob@beta.org,unknown,delivered,unknown,rule 5,");
    expect(lines).toContain(",,,bob@beta.org,erin@beta.org,delivered,delivered,yes,,");
    expect(screen.getByText("Copied 38 graded pairs as CSV.")).toBeTruthy();
  });

  it("groups the engine's failures by cause and fix as the Lab check's own list shows them", async () => {
    r.world.device("PC-Bob")!.setPower(false);
    await openLabCheck();
    const labCauses = within(screen.getByRole("heading", { name: "What to fix" }).nextElementSibling as HTMLElement)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    // PC-Bob off: its 6 pairs fail, one fix (the engine's own words).
    expect(labCauses.length).toBe(1);
    expect(labCauses[0]).toMatch(/^6 pairs: .*PC-Bob.*Fix: .*PC-Bob/);
    await paste(`{"expect": [{"from": "bob@beta.org", "to": "*", "outcome": "delivered"}]}`);
    expect(status()).toBe(
      "Score 0% against pasted rules: 0 of 6 graded pairs match; 30 cells no rule names, not graded.",
    );
    const causes = within(screen.getByRole("list", { name: "What differs from the expectation" }));
    expect(causes.getAllByRole("listitem").map((li) => li.textContent)).toEqual(labCauses);
  });

  it("says in one line where a pasted file is wrong, and grades nothing", async () => {
    await openLabCheck();
    await paste(`{"expect": [
  {"from": "*", "to": "*", "outcome": "delivered"}
  {"from": "*", "to": "*", "outcome": "bounced"}
]}`);
    expect(screen.getByRole("alert").textContent).toBe('pasted rules: line 3, column 3: expected "," or "]"');
    expect(document.querySelectorAll("td[class*=g-]").length).toBe(0);
    expect(screen.queryByRole("button", { name: "Copy grades CSV" })).toBeNull();
  });

  it("loads an expectation file, names a rule that names no pair, and stops grading on request", async () => {
    await openLabCheck();
    const input = screen.getByLabelText("Load expectation file…") as HTMLInputElement;
    const file = new File(
      [
        `{"expect": [{"from": "*", "to": "*@beta.org", "outcome": "delivered"}, {"from": "*", "to": "*@gamma.net", "outcome": "bounced"}]}`,
      ],
      "lab7.json",
      { type: "application/json" },
    );
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    fireEvent.change(input);
    await vi.waitFor(() => expect(document.querySelector(".grade [role=status]")).toBeTruthy());
    // 6 senders × bob and erin deliver; *@gamma.net names no account and is spelled with a * (not required).
    expect(status()).toBe(
      "Score 100% against lab7.json: 12 of 12 graded pairs match; 24 cells no rule names, not graded.",
    );
    expect(screen.getByRole("list", { name: "Rules that name no pair" }).textContent).toBe(
      "Rule 2 (line 1, column 72) names no pair of this lab: * → *@gamma.net.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Stop grading" }));
    await both(r, 50);
    expect(document.querySelectorAll("td[class*=g-]").length).toBe(0);
    expect(document.querySelector(".grade [role=status]")).toBeNull();
  });
});
