// End to end in real headless Chromium, for what only a real layout shows:
// the result of Send in view at PT's small panel sizes, a failed recipient
// shown in full at 360 px, the draft kept across closing the panel, and a
// windowed log of 100,000 mails that scrolls to any row.

import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, openBrowser, openPanelAlone, openPlayground, panelFrame, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

/** Gives PT's web view (the playground's iframe) another size. */
const resize = (page: Page, width: number, height: number) =>
  page.evaluate(
    ([w, h]) => {
      const f = document.querySelector("#webview-body iframe") as HTMLIFrameElement;
      f.style.width = w + "px";
      f.style.height = h + "px";
    },
    [width, height],
  );

/** Whether an element lies wholly inside the panel's viewport, as it is scrolled now. */
const inView = (panel: Frame, selector: string) =>
  panel.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
  }, selector);

describe("compose at Packet Tracer's panel sizes", () => {
  for (const [width, height] of [
    [420, 560],
    [360, 500],
  ]) {
    it(`shows the result of Send without scrolling at ${width} × ${height}`, async () => {
      const { page, panel } = await openPlayground(s);
      await resize(page, width, height);
      await compose(panel, {
        device: "PC-Alice — alice@alpha.edu",
        to: "carol@alpha.edu, dave@alpha.edu",
        subject: "Hi",
      });
      await panel.evaluate(() => window.scrollTo(0, 0));
      await panel.getByRole("button", { name: "Send" }).click();
      const status = panel.locator(".actions [role=status]");
      await status.getByText("Sent to 2: 2 delivered.").waitFor({ timeout: 15000 });
      expect(await panel.evaluate(() => window.scrollY)).toBe(0);
      expect(await inView(panel, ".actions [role=status]")).toBe(true);
      expect(await inView(panel, "button.primary")).toBe(true);
      await page.close();
    });
  }

  it("keeps the draft across closing and reopening the panel", async () => {
    const { page, panel } = await openPlayground(s);
    const saved = () => page.evaluate(() => (window as any).playground.world.draftsSaved as number);
    const before = await saved();
    await compose(panel, {
      device: "PC-Bob — bob@beta.org",
      to: "erin@beta.org",
      subject: "Half written",
      body: "To be continued",
    });
    // The engine has the draft once typing paused (the playground counts saveDraft requests).
    await page.waitForFunction((n) => (window as any).playground.world.draftsSaved > n, before);
    await page.getByRole("button", { name: "Close panel" }).click();
    await page.getByRole("button", { name: "Extensions ▸ Mail Console" }).click();
    const again = await panelFrame(page);
    await again.getByLabel("Body").and(again.locator("textarea")).waitFor();
    await again.waitForFunction(() => (document.getElementById("f-body") as HTMLTextAreaElement).value !== "");
    expect(await again.getByLabel("From device").inputValue()).toMatch(/./);
    expect(await again.locator("#f-device option:checked").textContent()).toBe("PC-Bob — bob@beta.org");
    expect(await again.getByLabel("To", { exact: true }).inputValue()).toBe("erin@beta.org");
    expect(await again.getByLabel("Subject").inputValue()).toBe("Half written");
    expect(await again.getByLabel("Body").inputValue()).toBe("To be continued");
    await page.close();
  });
});

describe("the log at 360 px", () => {
  it("shows a failed row's recipient in full", async () => {
    const page = await openPanelAlone(s, 3, { width: 360, height: 500 });
    const to = "a.very.long.student.name.for.lab4@classroom-alpha.example.edu";
    await page.evaluate((address) => {
      const w = window as any;
      w.standIn.push([w.standIn.entry(4, { rev: 4, to: address, state: "failed", code: 9 })]);
    }, to);
    const who = page.locator("li.mail", { hasText: to }).locator(".who");
    await who.waitFor();
    expect(await who.locator(".to").textContent()).toBe("→ " + to);
    // Nothing cut off: the line wraps inside the row rather than running past it.
    expect(await who.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const box = (await who.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await page.close();
  });
});

describe("a log of 100,000 mails", () => {
  it("keeps a screenful in the page, scrolls to the oldest row, and takes pushes while scrolled", async () => {
    const page = await openPanelAlone(s, 100000);
    await page.getByText("→ s100000@alpha.edu").waitFor();
    const lines = () => page.locator("ul.mails > li").count();
    // Two frames: the scroll event and its render, or the layout in which the list holds its rows.
    const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await lines()).toBeLessThan(40);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByText("→ s1@alpha.edu", { exact: true }).waitFor();
    expect(await lines()).toBeLessThan(40);
    // Halfway down, a push for a row far above changes nothing here; the middle rows are still shown.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    await frames();
    const middle = await page.locator("ul.mails > li .to").first().textContent();
    const id = Number(/s(\d+)@/.exec(middle!)![1]);
    expect(id).toBeGreaterThan(30000);
    expect(id).toBeLessThan(70000);
    await page.evaluate(() => {
      const w = window as any;
      for (let i = 0; i < 20; i++) w.standIn.push([w.standIn.entry(100001 + i, { rev: 100001 + i })]);
    });
    await frames();
    await frames();
    expect(await page.locator("ul.mails > li .to").first().textContent()).toBe(middle);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByText("→ s100020@alpha.edu", { exact: true }).waitFor();
    await page.close();
  });
});
