// Layout in real headless Chromium (issue 22, section 5): the panel at 200%
// zoom (a 420 × 560 web view at 2× is about 210 CSS px wide) with nothing cut
// and no sideways scrolling, no layout shift while a send or a verification
// runs, a To box that shows whole lines, and Save in the playground handing
// over the file it wrote.

import { readFile } from "node:fs/promises";
import type { Frame, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, openAccount, openBrowser, openPlayground, panelFrame, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

/** Gives PT's web view (the playground's iframe) another size in CSS px. */
const resize = (page: Page, width: number, height: number) =>
  page.evaluate(
    ([w, h]) => {
      const f = document.querySelector("#webview-body iframe") as HTMLIFrameElement;
      f.style.width = w + "px";
      f.style.height = h + "px";
    },
    [width, height],
  );

/** The playground on a 2× screen, its web view `width` × `height` CSS px: PT's panel at 200% zoom. */
async function zoomed(width: number, height: number) {
  const page = await s.browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 2 });
  await page.goto(s.url + "?step=60&timeout=1200");
  const panel = await panelFrame(page);
  await resize(page, width, height);
  return { page, panel };
}

/** How far the panel scrolls sideways: 0 when nothing is wider than its window. */
const sideways = (panel: Frame) =>
  panel.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Scrolls a control into view and answers the parts of it outside the panel's window (none: ""). */
async function cut(what: string, el: Locator): Promise<string> {
  await el.scrollIntoViewIfNeeded();
  const r = await el.evaluate((e) => {
    const b = e.getBoundingClientRect();
    return { left: b.left, right: b.right, top: b.top, bottom: b.bottom, w: innerWidth, h: innerHeight };
  });
  const out: string[] = [];
  if (r.left < 0) out.push(`${-r.left} px cut on the left`);
  if (r.right > r.w + 0.5) out.push(`${Math.round(r.right - r.w)} px cut on the right`);
  // Something taller than the window (an opened mail's detail) is only held to the width.
  if (r.bottom - r.top <= r.h && (r.top < 0 || r.bottom > r.h + 0.5)) out.push("not wholly in view");
  return out.length ? what + ": " + out.join(", ") : "";
}

type Shifts = { value: number; input: boolean; what: string[] }[];
/** The Layout Instability API's entry, which TypeScript's DOM types do not have yet. */
interface LayoutShift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources: { node?: Node }[];
}

/** Starts summing the panel's layout shifts; `all` counts those right after input too. */
const watchShifts = (panel: Frame) =>
  panel.evaluate(() => {
    const w = window as Window & { shifts?: Shifts };
    const kept: Shifts = [];
    w.shifts = kept;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as LayoutShift[])
        kept.push({
          value: e.value,
          input: e.hadRecentInput,
          what: e.sources.map((x) => (x.node ? x.node.nodeName + " " + (x.node.textContent || "").slice(0, 40) : "?")),
        });
    }).observe({ type: "layout-shift" });
  });
const shifts = (panel: Frame, all: boolean) =>
  panel.evaluate(
    (everything) => ((window as Window & { shifts?: Shifts }).shifts || []).filter((x) => everything || !x.input),
    all,
  );
const total = (list: { value: number }[]) => list.reduce((sum, x) => sum + x.value, 0);

describe("200% zoom: the panel in about 210 CSS px", () => {
  for (const [width, height] of [
    [210, 280],
    [200, 280],
  ]) {
    it(`has no sideways scrolling and nothing cut at ${width} × ${height}`, async () => {
      const { page, panel } = await zoomed(width, height);
      expect(await sideways(panel)).toBe(0);
      await openAccount(panel);
      await panel.getByText("Lab check", { exact: true }).click();
      await panel.getByText(/^36 pairs/).waitFor({ timeout: 15000 });
      expect(await sideways(panel)).toBe(0);
      await compose(panel, {
        device: "PC-Alice — alice@alpha.edu",
        to: "carol@alpha.edu, bobby@beta.org",
        subject: "Welcome to Networking 101, {user}!",
      });
      await panel.getByRole("button", { name: "Send" }).click();
      await panel
        .locator(".compose [role=status]")
        .getByText(/^Sent to 2/)
        .waitFor({ timeout: 15000 });
      // A group opened, and its bounced mail opened to its explanation.
      await panel.locator(".mail.group > .summary").click();
      await panel.locator(".members .summary").filter({ hasText: "bobby@beta.org" }).click();
      await panel.getByText(/^Why:/).first().waitFor();
      expect(await sideways(panel)).toBe(0);
      const filter = (n: number) => panel.locator(".filters select").nth(n);
      const controls: [string, Locator][] = [
        ["the connection status", panel.getByRole("status", { name: /^Connection: / })],
        ["From device", panel.getByLabel("From device")],
        ["From", panel.getByLabel("From", { exact: true })],
        ["Outgoing server", panel.getByLabel("Outgoing server")],
        ["Send", panel.getByRole("button", { name: "Send", exact: true })],
        ["the send's status", panel.locator(".compose [role=status]")],
        ["Check again", panel.getByRole("button", { name: "Check again" })],
        ["Verify all", panel.getByRole("button", { name: "Verify all" })],
        ["the Device filter", filter(0)],
        ["the Code filter", filter(2)],
        ["the search box", panel.getByRole("searchbox")],
        ["Save", panel.locator(".log-actions").getByRole("button", { name: "Save" })],
        ["the group's line", panel.locator(".mail.group > .summary")],
        ["the bounced mail's line", panel.locator(".members .mail.open > .summary")],
        ["the bounced mail's detail", panel.locator(".members .detail")],
      ];
      expect(await filter(2).locator("option").nth(1).textContent()).toMatch(/^\d+ /); // the codes
      const problems: string[] = [];
      for (const [what, el] of controls) {
        const p = await cut(what, el);
        if (p) problems.push(p);
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe("no layout shift during a send", () => {
  for (const [width, height] of [
    [420, 560],
    [360, 500],
    [210, 280],
  ]) {
    it(`moves nothing while one mail goes, its status changing in place, at ${width} × ${height}`, async () => {
      const { page, panel } = await openPlayground(s);
      await resize(page, width, height);
      await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "bob@beta.org", subject: "Hi" });
      await panel.locator(".compose .actions").scrollIntoViewIfNeeded();
      await watchShifts(panel);
      await panel.getByRole("button", { name: "Send" }).click();
      const status = panel.locator(".compose [role=status]");
      await status.getByText("Mail to bob@beta.org: Delivered.").waitFor({ timeout: 15000 });
      await panel.waitForTimeout(300);
      // Every shift, even those right after the click (which CLS forgives).
      expect(await shifts(panel, true)).toEqual([]);
      await page.close();
    });

    it(`keeps cumulative layout shift at 0 while a class send goes, at ${width} × ${height}`, async () => {
      const { page, panel } = await openPlayground(s);
      await resize(page, width, height);
      await compose(panel, {
        device: "PC-Alice — alice@alpha.edu",
        to: "carol@alpha.edu, bob@beta.org, bobby@beta.org",
        subject: "Lab 4 for {user}",
      });
      await panel.locator(".compose .actions").scrollIntoViewIfNeeded();
      await watchShifts(panel);
      await panel.getByRole("button", { name: "Send" }).click();
      const status = panel.locator(".compose [role=status]");
      await status.getByText(/^Sending to 3: /).waitFor({ timeout: 15000 });
      await status.getByText("Sent to 3: 2 delivered, 1 bounced.").waitFor({ timeout: 20000 });
      await panel.waitForTimeout(300);
      const late = await shifts(panel, false);
      expect(total(late), JSON.stringify(late)).toBe(0);
      await page.close();
    });
  }

  it('keeps "Stop verifying" and "0 selected" from moving anything while the Lab check verifies', async () => {
    const { page, panel } = await openPlayground(s);
    await panel.getByText("Lab check", { exact: true }).click();
    await panel.getByText(/^36 pairs/).waitFor({ timeout: 15000 });
    const selected = panel.getByText("0 selected", { exact: true });
    await selected.scrollIntoViewIfNeeded();
    const before = await selected.boundingBox();
    await watchShifts(panel);
    await panel.getByRole("button", { name: "Verify all" }).click();
    await panel.getByRole("button", { name: "Stop verifying" }).waitFor();
    expect(await selected.boundingBox()).toEqual(before);
    await panel.waitForTimeout(1500);
    const late = await shifts(panel, false);
    expect(total(late), JSON.stringify(late)).toBe(0);
    await panel.getByRole("button", { name: "Stop verifying" }).click();
    await page.close();
  });
});

describe("the To box", () => {
  /** The To box's height in lines, and whether its scrolled text starts on a line's edge. */
  const lines = (panel: Frame) =>
    panel.evaluate(() => {
      const t = document.getElementById("f-to") as HTMLTextAreaElement;
      const line = Number.parseFloat(getComputedStyle(t).lineHeight);
      return {
        lines: t.clientHeight / line,
        scrolled: t.scrollTop / line,
        all: t.scrollHeight <= t.clientHeight,
      };
    });

  it("shows whole lines at 360 px: it grows with its list up to four lines, then scrolls by whole lines", async () => {
    const { page, panel } = await openPlayground(s);
    await resize(page, 360, 500);
    const to = panel.getByLabel("To", { exact: true });
    await to.fill("carol@alpha.edu");
    expect(await lines(panel)).toEqual({ lines: 1, scrolled: 0, all: true });
    await to.fill("carol@alpha.edu, dave@alpha.edu, erin@beta.org, bob@beta.org, alice@alpha.edu");
    const some = await lines(panel);
    expect(some.lines).toBeGreaterThan(1);
    expect(some).toEqual({ lines: Math.round(some.lines), scrolled: 0, all: true });
    const many = Array.from({ length: 20 }, (_, i) => `student${i + 1}@alpha.edu`).join(", ");
    await to.fill(many);
    await to.press("End");
    const long = await lines(panel);
    expect(long.lines).toBe(4);
    expect(long.all).toBe(false);
    expect(long.scrolled).toBeGreaterThan(0);
    expect(Number.isInteger(long.scrolled)).toBe(true);
    await page.close();
  });
});

describe("Save in the playground", () => {
  it("downloads the file the engine wrote, named as in the PT user folder", async () => {
    const { page, panel } = await openPlayground(s);
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "carol@alpha.edu", subject: "Saved?" });
    await panel.getByRole("button", { name: "Send" }).click();
    await panel.locator(".compose [role=status]").getByText("Mail to carol@alpha.edu: Delivered.").waitFor();
    const download = page.waitForEvent("download", { timeout: 10000 });
    await panel.locator(".log-actions").getByRole("button", { name: "Save" }).click();
    const file = await download;
    const note = await panel
      .locator(".log-actions [role=status]")
      .getByText(/^Saved 1 row as CSV to /)
      .textContent();
    expect(note!.endsWith("/" + file.suggestedFilename())).toBe(true);
    expect(file.suggestedFilename()).toMatch(/^mail-console-\d{8}-\d{6}\.csv$/);
    const text = await readFile((await file.path())!, "utf8");
    const rows = text.replace(/^\ufeff/, "").split("\r\n");
    expect(rows[0]).toMatch(/^id,group,queued,updated,device,origin,from,to,server,subject,state,/);
    expect(rows[1]).toContain(",PC-Alice,console,alice@alpha.edu,carol@alpha.edu,mail.alpha.edu,Saved?,delivered,");
    await page.close();
  });
});
