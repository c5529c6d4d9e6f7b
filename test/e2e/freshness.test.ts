// End to end in the playground around the BUILT engine and panel: Check and
// the Lab check follow the lab (issue 22). A change PT announces no event for
// (a deleted DNS record) and another file opened both reach what is on screen
// without "Check again".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, openBrowser, openPlayground, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

describe("results that follow the lab", () => {
  it("the Lab check shows a deleted record's bounces, then another file, by itself", async () => {
    const { page, panel, errors } = await openPlayground(s);
    await panel.getByText("Lab check", { exact: true }).click();
    await panel
      .getByText("36 pairs (6 senders × 6 accounts): 36 deliver, 0 bounce, 0 fail.")
      .waitFor({ timeout: 15000 });
    await panel.getByText(/^Checked classroom\.pkt at /).waitFor();
    await page
      .getByRole("article", { name: "DNS-SRV" })
      .getByRole("button", { name: "Delete record beta.org" })
      .click();
    await panel
      .getByText("36 pairs (6 senders × 6 accounts): 28 deliver, 8 bounce, 0 fail.")
      .waitFor({ timeout: 15000 });
    await page.getByLabel("Open file").selectOption("one-lan");
    await panel.getByText(/^Checked one-lan\.pkt at /).waitFor({ timeout: 15000 });
    await panel.getByText(/^4 pairs \(2 senders × 2 accounts\)/).waitFor();
    expect(await panel.getByText(/classroom\.pkt/).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Check follows a fixed record, goes with the draft it judged, and never outlives the file", async () => {
    const { page, panel, errors } = await openPlayground(s);
    const dns = page.getByRole("article", { name: "DNS-SRV" });
    await dns.getByRole("button", { name: "Delete record beta.org" }).click();
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "bob@beta.org" });
    await panel.getByRole("button", { name: "Check" }).click();
    const check = panel.getByRole("list", { name: "Check" });
    await check.getByText(/^bob@beta\.org: Will bounce/).waitFor({ timeout: 15000 });
    await dns.getByLabel("A record name").fill("beta.org");
    await dns.getByLabel("A record address").fill("10.2.0.10");
    await dns.getByRole("button", { name: "Add A record" }).click();
    await check.getByText(/^bob@beta\.org: Will be delivered/).waitFor({ timeout: 15000 });
    // Another file: the result about the old lab goes (its sender is not in this one).
    await page.getByLabel("Open file").selectOption("one-lan");
    await expect.poll(() => check.count(), { timeout: 15000 }).toBe(0);
    await compose(panel, { device: "PC-Ann — ann@school.lab", to: "ben@school.lab" });
    await panel.getByRole("button", { name: "Check" }).click();
    await check.getByText(/^ben@school\.lab: Will be delivered/).waitFor({ timeout: 15000 });
    await panel.getByLabel("To", { exact: true }).fill("ben@school.lab, ann@school.lab");
    expect(await check.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
