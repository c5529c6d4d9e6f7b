// End to end in real headless Chromium: the playground around the BUILT
// engine.js (in a worker) and panel.html (in an iframe), driven by label and role.

import { mkdirSync } from "node:fs";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE } from "../hostile";
import { compose, openBrowser, openPlayground, panelFrame, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

// A mail's own row (a class send's group line holds its rows when open).
const row = (panel: Frame, to: string) => panel.locator("li.mail:not(.group)", { hasText: "→ " + to });
/** Opens the log's class-send lines, so their mails' rows show (the list renders the rows near the viewport: look at it). */
const openGroups = async (panel: Frame) => {
  await panel.evaluate(() => document.querySelector(".log")!.scrollIntoView());
  const group = panel.locator('li.group > button[aria-expanded="false"]').first();
  await group.waitFor();
  await group.click();
};
const act = (page: Page, action: unknown) => page.evaluate((a) => (window as any).playground.act(a), action);

describe("the panel in the playground", () => {
  it("sends to two recipients and shows both delivered, the relayed one via forwarding", async () => {
    const { page, panel, errors } = await openPlayground(s);
    await compose(panel, {
      device: "PC-Alice — alice@alpha.edu",
      to: "carol@alpha.edu; bob@beta.org",
      subject: "Hello {user}",
    });
    await expect(panel.getByText("2 mails will be sent", { exact: false }).isVisible()).resolves.toBe(true);
    await panel.getByRole("button", { name: "Send" }).click();
    await openGroups(panel);
    await row(panel, "carol@alpha.edu").getByText("Delivered").waitFor();
    await row(panel, "bob@beta.org").getByText("Delivered").waitFor({ timeout: 15000 });
    await expect(row(panel, "bob@beta.org").locator(".subject").textContent()).resolves.toBe("Hello bob");
    await row(panel, "bob@beta.org").getByRole("button").click();
    const timeline = await row(panel, "bob@beta.org").getByRole("list", { name: "Timeline" }).textContent();
    expect(timeline).toMatch(/1\s*Sending[\s\S]*3\s*Forwarding[\s\S]*2\s*Delivered/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a failure with the lab's own why and fix, naming the server", async () => {
    // An unknown recipient is accepted by PT (code 2) and bounces later, so the failure here is a wrong password.
    const { page, panel } = await openPlayground(s);
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "carol@alpha.edu", password: "wrong" });
    await panel.getByRole("button", { name: "Send" }).click();
    const r = row(panel, "carol@alpha.edu");
    await r.getByText("Failed: Refused").waitFor({ timeout: 15000 });
    await r.getByRole("button").click();
    await r.getByText(/^Why: the password is not alice's password on MAIL-ALPHA/).waitFor();
    await r.getByText(/^Fix: type alice's password as set in MAIL-ALPHA's User Setup/).waitFor();
    await page.close();
  });

  it("turning SMTP off on the mail server makes the next send fail with its code", async () => {
    const { page, panel } = await openPlayground(s);
    await page.getByRole("article", { name: "MAIL-ALPHA" }).getByLabel("SMTP on MAIL-ALPHA").uncheck();
    await compose(panel, { device: "PC-Carol — carol@alpha.edu", to: "alice@alpha.edu", subject: "SMTP is off" });
    await panel.getByRole("button", { name: "Send" }).click();
    const r = row(panel, "alice@alpha.edu");
    await r.getByText("Failed: Timed out").waitFor({ timeout: 15000 });
    await r.getByRole("button").click();
    await r
      .getByRole("list", { name: "Timeline" })
      .getByText(/6\s+Timed out/)
      .first()
      .waitFor();
    await page.close();
  });

  it("editing DNS in the network view changes the outcome: no A record, then the record added back", async () => {
    const { page, panel } = await openPlayground(s);
    const dns = page.getByRole("article", { name: "DNS-SRV" });
    await dns.getByRole("button", { name: "Delete record mail.alpha.edu" }).click();
    await compose(panel, { device: "PC-Carol — carol@alpha.edu", to: "alice@alpha.edu", subject: "Before the record" });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "alice@alpha.edu").getByText("Failed: Name not found").waitFor({ timeout: 15000 });
    await dns.getByLabel("A record name").fill("mail.alpha.edu");
    await dns.getByLabel("A record address").fill("10.1.0.10");
    await dns.getByRole("button", { name: "Add A record" }).click();
    await compose(panel, { to: "dave@alpha.edu", subject: "After the record" });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "dave@alpha.edu").getByText("Delivered").waitFor({ timeout: 15000 });
    await page.close();
  });

  it("in Simulation mode a mail waits for simulated time, and Step moves it on", async () => {
    const { page, panel } = await openPlayground(s);
    await page.getByLabel("Simulation mode").check();
    await panel.getByText("Simulation mode", { exact: true }).waitFor();
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "bob@beta.org", subject: "Step by step" });
    await panel.getByRole("button", { name: "Send" }).click();
    const r = row(panel, "bob@beta.org");
    const waiting = r.getByText("Moves when you press Play or Capture/Forward (Simulation mode).");
    await waiting.waitFor();
    await page.waitForTimeout(2500); // far past the simulated network's real-time pace: still waiting
    expect(await waiting.isVisible()).toBe(true);
    const stepsRun = () => page.evaluate(() => (window as any).playground.world.stepsRun as number);
    for (let i = 0; i < 20 && !(await r.getByText("Delivered").isVisible()); i++) {
      const before = await stepsRun();
      await page.getByRole("button", { name: /^Step/ }).click();
      // The step ran in the worker and the page heard of it.
      await page.waitForFunction((n) => (window as any).playground.world.stepsRun > n, before);
    }
    await r.getByText("Delivered").waitFor();
    await page.close();
  });

  it("cancels a slow send, and Cancel is enabled only while there is something to cancel", async () => {
    const { page, panel } = await openPlayground(s);
    const cancel = panel.getByRole("button", { name: "Cancel" });
    expect(await cancel.isDisabled()).toBe(true);
    await page.getByRole("article", { name: "MAIL-BETA" }).getByLabel("SMTP on MAIL-BETA").uncheck(); // each send now waits for a timeout
    await compose(panel, { device: "PC-Bob — bob@beta.org", to: "erin@beta.org, alice@alpha.edu", subject: "Slow" });
    await panel.getByRole("button", { name: "Send" }).click();
    await openGroups(panel);
    await row(panel, "erin@beta.org").getByText("Sending").waitFor();
    await cancel.click();
    await row(panel, "erin@beta.org").getByText("Cancelled").waitFor();
    await row(panel, "alice@alpha.edu").getByText("Cancelled").waitFor();
    await panel.waitForFunction(() =>
      Array.from(document.querySelectorAll("button")).some((b) => b.textContent === "Cancel" && b.disabled),
    );
    await page.close();
  });

  it("keeps the log across closing and reopening the panel, including mail sent meanwhile", async () => {
    const { page, panel } = await openPlayground(s);
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "carol@alpha.edu", subject: "Before close" });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "carol@alpha.edu").getByText("Delivered").waitFor();
    await page.getByRole("button", { name: "Close panel" }).click();
    await act(page, { type: "pt-send", device: "PC-Bob", to: "erin@beta.org", subject: "While closed", body: "hi" });
    // In the simulated world, the mail reaches erin's mailbox while no panel is open.
    await page.waitForFunction(() => {
      const w = (window as any).playground.world;
      const beta = w?.devices.find((d: any) => d.name === "MAIL-BETA");
      const erin = beta?.mail.users.find((u: any) => u.name === "erin");
      return !!erin && erin.mails === 1;
    });
    expect(await page.locator("#webview-body iframe").count()).toBe(0);
    await page.getByRole("button", { name: "Extensions ▸ Mail Console" }).click();
    const again = await panelFrame(page);
    await row(again, "carol@alpha.edu").getByText("Delivered").waitFor();
    await row(again, "erin@beta.org").getByText("Delivered").waitFor({ timeout: 10000 });
    await expect(row(again, "erin@beta.org").getByText("PT Email").isVisible()).resolves.toBe(true);
    expect(await again.locator("li.mail").count()).toBe(2);
    await page.close();
  });

  it("stays live by pulling when pushes never arrive (as reported on macOS)", async () => {
    const { page, panel } = await openPlayground(s);
    await page.getByLabel("Drop pushes (as on macOS)").check();
    await compose(panel, {
      device: "PC-Alice — alice@alpha.edu",
      to: "carol@alpha.edu, dave@alpha.edu",
      subject: "No pushes",
    });
    await panel.getByRole("button", { name: "Send" }).click();
    await openGroups(panel);
    await row(panel, "carol@alpha.edu").getByText("Delivered").waitFor({ timeout: 15000 });
    await row(panel, "dave@alpha.edu").getByText("Delivered").waitFor({ timeout: 15000 });
    const pushes = await page.evaluate(() => (window as any).playground.world.pushes);
    expect(pushes).toBeGreaterThan(0); // the engine did push; the page dropped every one
    await panel.getByText("Live (polling)").waitFor();
    await page.close();
  });

  it("shows hostile text verbatim and runs none of it", async () => {
    const { page, panel, errors } = await openPlayground(s);
    await panel.evaluate(() => ((window as any).INJECTED = undefined));
    for (let i = 0; i < HOSTILE.length; i++) {
      await act(page, {
        type: "emit",
        device: "PC-Carol",
        args: { dest: `h${i}@alpha.edu`, subject: HOSTILE[i], body: HOSTILE[i], responseType: 2 },
      });
    }
    await panel.getByLabel("Counters").getByText(`Sent ${HOSTILE.length}`).waitFor({ timeout: 20000 });
    for (let i = 0; i < HOSTILE.length; i++) {
      // The log is windowed: bring each row to the top by searching for it.
      await panel.getByLabel("Search").fill(`to:h${i}@`);
      const r = row(panel, `h${i}@alpha.edu`);
      await r.getByRole("button").click();
      const body = await r.getByLabel("Body").evaluate((el) => el.textContent);
      // The log keeps the first 4,096 characters of a body (src/log.ts BODY_KEPT).
      expect(body === HOSTILE[i].slice(0, 4096), `hostile text ${i} shown verbatim`).toBe(true);
      await r.getByRole("button").first().click();
    }
    expect(await panel.evaluate(() => (window as any).INJECTED)).toBeUndefined();
    expect(await page.evaluate(() => (window as any).INJECTED)).toBeUndefined();
    expect(await panel.locator("img").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("takes a screenshot of a mixed log for the README", async () => {
    const { page, panel } = await openPlayground(s, { width: 900, height: 700 }, "?step=250&timeout=4000");
    await page.getByRole("article", { name: "MAIL-BETA" }).getByLabel("SMTP on MAIL-BETA").uncheck();
    await compose(panel, {
      device: "PC-Alice — alice@alpha.edu",
      to: "carol@alpha.edu, bob@beta.org, zoe@alpha.edu",
      subject: "Lab 4: {user}, reply when it arrives",
      body: "Hi {user}, please reply to confirm.",
    });
    await panel.getByRole("button", { name: "Send" }).click();
    await act(page, {
      type: "pt-send",
      device: "PC-Teacher",
      to: "dave@alpha.edu",
      subject: "Quiz at 10",
      body: "Bring a pen.",
    });
    // The class send is one line (opened); a wrong password fails; PC-Bob's server is off, so its mail waits.
    // MAIL-BETA's SMTP is off: bob's mail is delivered or bounced, as the engine judges the relay.
    await panel.getByRole("button", { name: / sent to 3: / }).waitFor({ timeout: 20000 });
    await row(panel, "dave@alpha.edu").getByText("Delivered").waitFor({ timeout: 20000 });
    await compose(panel, {
      device: "PC-Carol — carol@alpha.edu",
      to: "alice@alpha.edu",
      subject: "Lab 4 done",
      password: "carol",
    });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "alice@alpha.edu").getByText("Failed: Refused").waitFor({ timeout: 20000 });
    await compose(panel, { device: "PC-Bob — bob@beta.org", to: "erin@beta.org", subject: "Waiting on SMTP" });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "erin@beta.org").getByText("Sending").waitFor();
    await openGroups(panel);
    await panel.evaluate(() => {
      document.querySelector("details.compose-pane")!.removeAttribute("open");
      window.scrollTo(0, 0);
    });
    // Into test-results/ on every run; into docs/ (the README's pictures) with npm run docs:screenshots.
    const dir = process.env.UPDATE_DOCS ? "docs" : "test-results";
    mkdirSync(dir, { recursive: true });
    const shot = await page.locator("#webview").screenshot({ path: `${dir}/panel.png` });
    expect(shot.length).toBeGreaterThan(10000);
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${dir}/playground.png` });
    await page.close();
  });
  it("takes a screenshot of the Lab check with one broken record, for the README", async () => {
    const { page, panel } = await openPlayground(s, { width: 900, height: 700 });
    await page
      .getByRole("article", { name: "DNS-SRV" })
      .getByRole("button", { name: "Delete record beta.org" })
      .click();
    await panel.evaluate(() => document.querySelector("details.compose-pane")!.removeAttribute("open"));
    await panel.getByText("Lab check", { exact: true }).click();
    await panel
      .getByText("36 pairs (6 senders × 6 accounts): 28 deliver, 8 bounce, 0 fail.")
      .waitFor({ timeout: 15000 });
    // A bounced pair opened: its cause and fix below the grid.
    await panel.getByRole("gridcell", { name: /^PC-Alice to bob@beta\.org: bounces/ }).click();
    await panel.getByText(/^Fix:/).first().waitFor();
    await panel.getByRole("grid").scrollIntoViewIfNeeded();
    const dir = process.env.UPDATE_DOCS ? "docs" : "test-results";
    mkdirSync(dir, { recursive: true });
    const shot = await page.locator("#webview").screenshot({ path: `${dir}/lab-check.png` });
    expect(shot.length).toBeGreaterThan(10000);
    await page.close();
  });
});

describe("keyboard only", () => {
  it("composes, sends, and opens a row's details without a mouse", async () => {
    const { page, panel } = await openPlayground(s);
    const focused = () =>
      panel.evaluate(
        () =>
          (document.activeElement as HTMLElement).getAttribute("aria-label") ||
          (document.activeElement as HTMLElement).id ||
          (document.activeElement as HTMLElement).textContent,
      );
    await panel.locator("#f-device").focus();
    await page.keyboard.press("Tab"); // To: the message comes before the account
    expect(await focused()).toBe("f-to");
    await page.keyboard.type("carol@alpha.edu");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Keyboard only");
    await page.keyboard.press("Enter"); // submits the form from the Subject field
    await row(panel, "carol@alpha.edu").getByText("Delivered").waitFor({ timeout: 15000 });
    // Tab on to the row's summary button and open it with the keyboard.
    for (let i = 0; i < 30 && !(await panel.evaluate(() => document.activeElement?.classList.contains("summary"))); i++)
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await row(panel, "carol@alpha.edu").getByRole("list", { name: "Timeline" }).waitFor();
    expect(await panel.evaluate(() => document.activeElement?.getAttribute("aria-expanded"))).toBe("true");
    await page.close();
  });
});
