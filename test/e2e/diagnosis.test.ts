// End to end: what the panel says from the lab, in the playground around the
// BUILT engine and panel: "Check" before sending, a bounce shown as a bounce
// with where it lands, and the Lab check before and after one record breaks.
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, openBrowser, openPlayground, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

const row = (panel: Frame, to: string) => panel.locator("li.mail:not(.group)", { hasText: "→ " + to });

describe("diagnosis from the lab", () => {
  it("Check predicts a bounce before sending, and the sent mail is shown bounced, with where the bounce lands", async () => {
    const { page, panel } = await openPlayground(s);
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "karol@alpha.edu", subject: "Typo" });
    await panel.getByRole("button", { name: "Check" }).click();
    await panel
      .getByRole("list", { name: "Check" })
      .getByText(/^karol@alpha\.edu: Will bounce: .*MAIL-ALPHA/)
      .waitFor();
    await panel.getByRole("button", { name: "Send" }).click();
    const r = row(panel, "karol@alpha.edu");
    await r.getByText("Bounced").first().waitFor({ timeout: 15000 });
    await r.getByRole("button").first().click();
    await r.getByText("The bounce lands in alice's mailbox on MAIL-ALPHA.").waitFor();
    await page.close();
  });

  it("the Lab check shows every pair delivering, then one fix for the pairs a missing record breaks", async () => {
    const { page, panel } = await openPlayground(s);
    await panel.getByText("Lab check", { exact: true }).click();
    await panel
      .getByText("36 pairs (6 senders × 6 accounts): 36 deliver, 0 bounce, 0 fail.")
      .waitFor({ timeout: 15000 });
    await page
      .getByRole("article", { name: "DNS-SRV" })
      .getByRole("button", { name: "Delete record beta.org" })
      .click();
    await panel.getByRole("button", { name: "Check again" }).click();
    await panel
      .getByText("36 pairs (6 senders × 6 accounts): 28 deliver, 8 bounce, 0 fail.")
      .waitFor({ timeout: 15000 });
    await panel.getByText(/^8 pairs: .*beta\.org/).waitFor();
    await page.close();
  });

  it("Verify by sending sends the class its test mails and finds PT agreeing with every prediction", async () => {
    const { page, panel } = await openPlayground(s);
    await panel.getByText("Lab check", { exact: true }).click();
    await panel.getByText(/^36 pairs/).waitFor({ timeout: 15000 });
    await panel.getByRole("button", { name: "Verify all" }).click();
    await panel
      .getByText("Verified 36 of 36 pairs by sending; 0 differ from the prediction.")
      .waitFor({ timeout: 45000 });
    await page.close();
  });

  it("Verify selected sends one column's test mails, and fills that column's cells with what PT did", async () => {
    const { page, panel } = await openPlayground(s);
    await panel.getByText("Lab check", { exact: true }).click();
    await panel.getByText(/^36 pairs/).waitFor({ timeout: 15000 });
    await panel.getByRole("grid").getByRole("button", { name: "erin@beta.org" }).click();
    await panel.getByText("6 selected").waitFor();
    await panel.getByRole("button", { name: "Verify selected" }).click();
    await panel
      .getByText("Verified 6 of 6 pairs by sending; 0 differ from the prediction.")
      .waitFor({ timeout: 45000 });
    const verified = panel.getByRole("gridcell", { name: /; PT: / });
    expect(await verified.count()).toBe(6);
    const names = await verified.evaluateAll((cells) => cells.map((c) => c.getAttribute("aria-label")));
    expect(names.sort()).toEqual(
      ["Laptop-Dave", "PC-Alice", "PC-Bob", "PC-Carol", "PC-Erin", "PC-Teacher"].map(
        (d) => d + " to erin@beta.org: delivers; PT: delivered",
      ),
    );
    expect(await panel.locator("td.cell.v").count()).toBe(6);
    await page.close();
  });
});
