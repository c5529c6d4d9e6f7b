// The class report `npm run lab -- grade --html FILE` writes (issue 25), opened
// as an instructor would: from a file:// URL in Chromium, with every request
// routed so that any request other than the file itself fails the test.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM } from "../../build/chromium.mjs";
import { classLab, pktWithProfile } from "../../lab/fixtures/grade-labs";
import { GRADE_DIR } from "../../lab/fixtures/labs";
import { fixtureBytes } from "../../lab/make-fixtures";
import { runGrade } from "../lab/run-grade";

let browser: Browser;
let url: string;

beforeAll(async () => {
  const report = join(mkdtempSync(join(tmpdir(), "grade-report-")), "grades.html");
  const r = await runGrade(["--answer", join(GRADE_DIR, "answer.pka"), "--html", report, join(GRADE_DIR, "class")]);
  expect(r.status).toBe(0);
  url = pathToFileURL(resolve(report)).href;
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the report; `requests` gathers every request but the file itself, each aborted. */
async function open(viewport = { width: 1000, height: 800 }, at = url) {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  await page.route("**/*", (route) => {
    if (route.request().url() === at) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(at);
  await page.getByRole("table", { name: "Class summary" }).waitFor();
  return { page, requests, errors };
}

const scores = (page: Page) =>
  page.locator("#summary tbody tr").evaluateAll((rows) => rows.map((r) => (r.children[2] as HTMLElement).textContent));

describe("the grade report", () => {
  it("sorts the class summary by score, highest first, then lowest first", async () => {
    const { page, requests, errors } = await open();
    // In file order as written: ann, ben, cy, dee, eve, fay, gus, hal.
    expect(await scores(page)).toEqual(["100%", "100%", "56.2%", "50%", "100%", "75%", "75%", "100%"]);
    const score = page.getByRole("button", { name: "Score" });
    await score.click();
    expect(await scores(page)).toEqual(["100%", "100%", "100%", "100%", "75%", "75%", "56.2%", "50%"]);
    expect(await page.locator("th[data-sort=score]").getAttribute("aria-sort")).toBe("descending");
    await score.click();
    expect(await scores(page)).toEqual(["50%", "56.2%", "75%", "75%", "100%", "100%", "100%", "100%"]);
    const names = await page.locator("#summary tbody tr td:first-child").allInnerTexts();
    expect(names.slice(0, 2)).toEqual(["dee@school.edu", "Cy Nguyen <cy@school.edu>"]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a student's section from the summary, with the grid and the fixes", async () => {
    const { page, requests, errors } = await open();
    const section = page.locator("details", { has: page.getByText("Cy Nguyen <cy@school.edu> — 56.2%") });
    expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.getByRole("link", { name: "Cy Nguyen <cy@school.edu>" }).click();
    expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const grid = section.getByRole("table", { name: "Pairs of Cy Nguyen <cy@school.edu>" });
    await grid.waitFor();
    // 4 senders × 4 accounts: 9 matched, a for the missing account (4), b for the missing client (3).
    const marks = await grid.locator("td").allInnerTexts();
    expect([
      marks.filter((m) => m === "✓").length,
      marks.filter((m) => m === "a").length,
      marks.filter((m) => m === "b").length,
    ]).toEqual([9, 4, 3]);
    await section.getByText("no account carol@beta.org (4 pairs)").waitFor();
    await section.getByText("Fix: add the user carol to the mail server of beta.org").waitFor();
    expect(await grid.locator("td").first().getAttribute("title")).toBe(
      "ann@alpha.edu → ann@alpha.edu: expected delivered, predicted delivered",
    );
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("allows no script but its own and no request at all (its Content-Security-Policy)", async () => {
    const { page, requests } = await open();
    const blocked = await page.evaluate(async () => {
      const img = document.createElement("img");
      const done = new Promise<string>((r) => {
        img.onerror = () => r("blocked");
        img.onload = () => r("loaded");
      });
      img.src = "https://example.com/pixel.png";
      document.body.appendChild(img);
      return done;
    });
    expect(blocked).toBe("blocked");
    // The CSP stops it before it is a request the route could see.
    expect(requests).toEqual([]);
    await page.close();
  });

  it("shows a student's name written as HTML as text, and runs none of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-hostile-"));
    const name = '</script><img src="https://example.com/x.png" onerror="window.INJECTED=1"><b>Mallory</b>';
    writeFileSync(join(dir, "m.pkt"), fixtureBytes(pktWithProfile(classLab("m"), { name, email: "m@x.edu" })));
    const report = join(dir, "grades.html");
    expect((await runGrade(["--answer", join(GRADE_DIR, "reference.pkt"), "--html", report, dir])).status).toBe(0);
    const { page, requests, errors } = await open(undefined, pathToFileURL(report).href);
    await page.getByRole("link", { name: name + " <m@x.edu>" }).waitFor();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("b", { hasText: "Mallory" }).count()).toBe(0);
    expect(await page.evaluate(() => (window as any).INJECTED)).toBeUndefined();
    expect([requests, errors]).toEqual([[], []]);
    await page.close();
  });

  it("takes a screenshot of the grade report for the README", async () => {
    const { page } = await open({ width: 1000, height: 900 });
    await page.getByRole("button", { name: "Score" }).click();
    await page.getByRole("link", { name: "Cy Nguyen <cy@school.edu>" }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    // Into test-results/ on every run; into docs/ (the README's pictures) with npm run docs:screenshots.
    const dir = process.env.UPDATE_DOCS ? "docs" : "test-results";
    mkdirSync(dir, { recursive: true });
    const shot = await page.screenshot({ path: `${dir}/grade-report.png`, fullPage: true });
    expect(shot.length).toBeGreaterThan(10000);
    await page.close();
  });
});
