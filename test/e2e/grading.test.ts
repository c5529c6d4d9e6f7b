// End to end in real headless Chromium (issue 25, "In the playground and the
// panel"): an activity opened in the playground held against its answer
// network, and the panel's Lab check graded against an expectation file, with
// the BUILT engine.js and panel.html on the project's own class
// (test/fixtures/grade/, lab/fixtures/grade-labs.ts):
//   gus.pka   current network: ben's Email password is wrong; answer network:
//             4 senders × 4 accounts, all delivered. By hand: ben's 4 pairs fail
//             with 5 (the password is not the account's), 12 of 16 as the answer.
//   cy-nguyen.pkt  no account carol, no client as carol; against expect.json
//             (which requires carol both ways) 9 of 16 (test/lab/grade.test.ts).
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRADE_DIR } from "../../lab/fixtures/grade-labs";
import { runGrade } from "../lab/run-grade";
import { openBrowser, openPlayground, type Session } from "./browser";

const at = (file: string) => GRADE_DIR + "/" + file;

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

async function openLab(page: Page, file: string) {
  await page.getByRole("region", { name: "Simulated network" }).getByLabel("Open a lab file…").setInputFiles(at(file));
  await page
    .getByLabel("Opened lab")
    .getByText("Opened " + file.replace(/^.*\//, ""), { exact: false })
    .waitFor();
}

/** The items of the panel's Lab check "What to fix" list. */
const labCheckCauses = (panel: Frame) => panel.locator("details.lab-check > ol.causes > li").allTextContents();

describe("an activity against its answer network, in the playground", () => {
  it("shows the current network's Lab check, the answer's grid, and the differences with cause and fix", async () => {
    const { page, panel, errors } = await openPlayground(s);
    await openLab(page, "class/gus.pka");
    const activity = page.getByRole("region", { name: "Activity check" });
    await activity
      .getByText("The current network does what the answer does for 12 of 16 pairs (75%).")
      .waitFor({ timeout: 15000 });
    const current = activity.getByRole("grid", { name: "Current network" });
    expect(await current.locator("td[role=gridcell]").count()).toBe(16);
    const framed = () => activity.locator("td.x").count();
    expect(await framed()).toBe(4);
    await current
      .getByRole("gridcell", { name: "PC-Ben to carol@beta.org: fails with 5 (differs from the answer)" })
      .waitFor();
    await current.getByRole("gridcell", { name: "PC-Ann to ben@alpha.edu: delivers", exact: true }).waitFor();

    // Differences: ben's 4 pairs, one cause with its fix, worded as the panel's own Lab check words it.
    const diff = activity.getByLabel("Differences");
    const causes = await diff.locator("ol.causes > li").allTextContents();
    expect(causes.length).toBe(1);
    expect(causes[0]).toMatch(/^4 pairs: .+\. Fix: .+\.$/);
    expect(await diff.locator("ul.pairs > li").allTextContents()).toEqual([
      "ben@alpha.edu → ann@alpha.edu: the answer delivers, here it fails",
      "ben@alpha.edu → ben@alpha.edu: the answer delivers, here it fails",
      "ben@alpha.edu → carol@beta.org: the answer delivers, here it fails",
      "ben@alpha.edu → dan@beta.org: the answer delivers, here it fails",
    ]);
    await panel.getByText("Lab check", { exact: true }).click();
    await panel
      .getByText("16 pairs (4 senders × 4 accounts): 12 deliver, 0 bounce, 4 fail.")
      .waitFor({ timeout: 15000 });
    expect(await labCheckCauses(panel)).toEqual(causes);

    // The Answer toggle: the answer network's grid, every pair delivered; ben's row framed as differing.
    await activity.getByRole("button", { name: "Answer" }).click();
    const answer = activity.getByRole("grid", { name: "Answer network" });
    expect(await answer.locator("td.delivered").count()).toBe(16);
    await answer
      .getByRole("gridcell", { name: "PC-Ben to carol@beta.org: delivers (differs from the answer)" })
      .waitFor();
    expect(await activity.getByRole("button", { name: "Answer" }).getAttribute("aria-pressed")).toBe("true");

    // The student's fix, made in the network view: ben's password as the server has it (ben1).
    await page.getByRole("article", { name: "PC-Ben", exact: true }).getByLabel("Password").fill("ben1");
    await page.getByRole("article", { name: "PC-Ben", exact: true }).getByLabel("Password").press("Tab");
    await activity
      .getByText("The current network does what the answer does for 16 of 16 pairs (100%).")
      .waitFor({ timeout: 15000 });
    await diff.getByText("No differences: every pair does what it does in the answer.").waitFor();
    expect(await framed()).toBe(0);

    // A .pkt is no activity: the section goes.
    await openLab(page, "reference.pkt");
    expect(await activity.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("grading in the panel's Lab check", () => {
  it("loads expect.json, marks each cell, scores as the CLI, and copies the CLI's CSV", async () => {
    const { page, panel, errors } = await openPlayground(s);
    await openLab(page, "class/cy-nguyen.pkt");
    await panel.getByText("Lab check", { exact: true }).click();
    await panel.getByText("9 pairs (3 senders × 3 accounts): 9 deliver, 0 bounce, 0 fail.").waitFor({ timeout: 15000 });
    await panel.getByLabel("Load expectation file…").setInputFiles(at("expect.json"));
    const grade = panel.getByRole("region", { name: "Grade against an expectation" });
    await grade
      .getByText("Score 56.2% against expect.json: 9 of 16 graded pairs match; 0 cells no rule names, not graded.")
      .waitFor();
    expect(await panel.locator("td.g-pass").count()).toBe(9);
    expect(
      await grade
        .getByRole("list", { name: "What differs from the expectation" })
        .getByRole("listitem")
        .allTextContents(),
    ).toEqual([
      "4 pairs: no account carol@beta.org. Fix: add the user carol to the mail server of beta.org.",
      "3 pairs: no Email client sends as carol@beta.org. Fix: set up a device's Email (Desktop > Email > Configure Mail) as carol@beta.org.",
    ]);

    // The CSV: the CLI's, but for who the student is (the panel reads no profile: the file name names them).
    await panel.evaluate(() => {
      const w = window as Window & { copied?: string };
      Object.defineProperty(navigator, "clipboard", {
        value: {
          writeText: (t: string) => {
            w.copied = t;
            return Promise.resolve();
          },
        },
      });
    });
    await grade.getByRole("button", { name: "Copy grades CSV" }).click();
    await panel.getByText("Copied 16 graded pairs as CSV.").waitFor();
    const copied = (await panel.evaluate(() => (window as Window & { copied?: string }).copied || "")).split("\n");
    const cli = await runGrade(["--answer", at("expect.json"), "--csv", at("class/cy-nguyen.pkt")]);
    expect(cli.status).toBe(0);
    const asPanel = cli.out.map((line, i) =>
      i === 0
        ? line
        : line.replace(at("class/cy-nguyen.pkt") + ",Cy Nguyen,cy@school.edu,", "cy-nguyen.pkt,cy-nguyen,,"),
    );
    expect(copied).toEqual(asPanel.concat([""]));
    expect(copied[0]).toBe("file,student_name,student_email,from,to,expected,predicted,match,cause,fix");
    expect(errors).toEqual([]);
    await page.close();
  });
});
