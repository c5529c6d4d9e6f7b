// The BUILT panel in every Chromium a Packet Tracer web view may be: headless
// Chromium 69 (PT 7.x, Qt WebEngine 5.12), 77 and 80 (PT 8.x: Qt 5.14, 5.15.0),
// and today's Debian chromium (PT 9.x runs Chrome 130). Each talks to the BUILT
// engine on the simulated classroom (./pt-in-node.ts) through $se and pushes,
// as in PT, over the DevTools pipe (./cdp-pipe.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CHROMIUM } from "../../build/chromium.mjs";
import { OLD_CHROMIUMS, oldChromiumPath } from "../../build/webview-floor.mjs";
import { NO_SE_NOTE } from "../../ui/engine-link";
import { openPage, type PageSession } from "./cdp-pipe";
import { type PtInNode, ptInNode, SE_BRIDGE } from "./pt-in-node";

const PANEL = pathToFileURL(join(__dirname, "../../dist/module/panel.html")).href;
const BROWSERS = [
  ...OLD_CHROMIUMS.map((b) => ({
    label: `Chromium ${b.chromium} (${b.qt})`,
    path: oldChromiumPath(b.chromium),
    major: b.chromium,
  })),
  { label: "today's Debian chromium", path: CHROMIUM.executablePath, major: 0 },
];

/** Page-side helpers, evaluated in the panel: find by visible text or label, type as a person does. */
const q = {
  text: "document.body.innerText",
  rows: (to: string) =>
    `Array.prototype.filter.call(document.querySelectorAll("li.mail:not(.group)"), function (li) { return li.textContent.indexOf("→ ${to}") >= 0; })`,
  rowText: (to: string) =>
    `(${q.rows(to)}.map(function (li) { return li.querySelector(".badge").textContent; }).join("|"))`,
  button: (name: string) =>
    `Array.prototype.filter.call(document.querySelectorAll("button"), function (b) { return b.textContent.trim() === ${JSON.stringify(name)}; })[0]`,
  type: (selector: string, value: string) =>
    `(function (el) { el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event("input", { bubbles: true })); return true; })(document.querySelector(${JSON.stringify(selector)}))`,
};

let pt: PtInNode | null = null;
let page: PageSession | null = null;
afterEach(async () => {
  if (pt) await pt.stop();
  if (page) await page.close();
  pt = null;
  page = null;
});

/** Sends from PC-Alice straight to the engine, as a class send would (not through the panel). */
function sendFromAlice(p: PtInNode, to: string[], password = "alice123") {
  const devices = p.request({ type: "changesSince", seq: 0, epoch: 0 }).devices || [];
  const device = devices.filter((d) => d.name === "PC-Alice")[0].key;
  p.request({
    type: "sendMail",
    device,
    from: "alice@alpha.edu",
    password,
    server: "mail.alpha.edu",
    mails: to.map((t) => ({ to: t, subject: "Floor test", body: "to " + t })),
  });
  return device;
}

async function untilEnded(p: PtInNode, count: number) {
  for (let i = 0; i < 1200; i++) {
    const mails = p.request({ type: "changesSince", seq: 0, epoch: 0 }).mails;
    const ended = mails.filter((m) => ["delivered", "bounced", "failed", "cancelled"].indexOf(m.state) >= 0);
    if (ended.length >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the engine did not end ${count} mails`);
}

for (const browser of BROWSERS) {
  describe(`the built panel in ${browser.label}`, () => {
    it("is the browser it says it is", () => {
      expect(existsSync(browser.path), `${browser.path}: run node build/webview-floor.mjs`).toBe(true);
    });

    it("draws the log in every state, Check, the Lab check grid, sends, and follows a push", async () => {
      pt = ptInNode();
      // Before the panel opens: one mail in each ending state, each a send of its own (a class send is one group row).
      const alice = sendFromAlice(pt, ["carol@alpha.edu"]);
      sendFromAlice(pt, ["karol@alpha.edu"]);
      await untilEnded(pt, 2);
      sendFromAlice(pt, ["dave@alpha.edu"], "wrong-password");
      await untilEnded(pt, 3);
      sendFromAlice(pt, ["erin@beta.org"]);
      sendFromAlice(pt, ["bob@beta.org"]);
      pt.request({ type: "cancelSend", device: alice });
      await untilEnded(pt, 5);

      page = await openPage(browser.path, PANEL, SE_BRIDGE);
      if (browser.major) expect(page.product).toMatch(new RegExp(`/${browser.major}\\.`));
      pt.serve(page);
      // The log lies below the fold at 420 × 560, and its list renders the rows near the viewport: look at it.
      await page.waitFor(`!!document.querySelector(".log")`);
      await page.evaluate(`document.querySelector(".log").scrollIntoView()`);
      await page.waitFor(`document.querySelectorAll("li.mail:not(.group)").length >= 5`);
      expect(await page.evaluate(q.rowText("carol@alpha.edu"))).toBe("Delivered");
      expect(await page.evaluate(q.rowText("karol@alpha.edu"))).toBe("Bounced");
      expect(await page.evaluate(q.rowText("dave@alpha.edu"))).toMatch(/^Failed: /);
      expect(await page.evaluate(q.rowText("erin@beta.org"))).toBe("Cancelled");
      expect(await page.evaluate(q.rowText("bob@beta.org"))).toBe("Cancelled");

      // Check, before sending: the model's prediction per recipient.
      await page.waitFor(`document.querySelectorAll("#f-device option[value]:not([value=''])").length > 0`);
      await page.evaluate(q.type("#f-to", "karol@alpha.edu, carol@alpha.edu"));
      await page.evaluate(`${q.button("Check")}.click()`);
      const checked = await page.waitFor<string>(
        `(function (ul) { return ul && ul.children.length === 2 && ul.innerText; })(document.querySelector("ul.checked"))`,
      );
      expect(checked).toMatch(/karol@alpha\.edu: Will bounce: .*MAIL-ALPHA/);
      expect(checked).toMatch(/carol@alpha\.edu: Will be delivered/);

      // Send from the panel itself.
      await page.evaluate(q.type("#f-to", "karol@alpha.edu"));
      await page.evaluate(`${q.button("Send")}.click()`);
      await page.waitFor(
        `document.querySelector(".actions [role=status]").textContent === "Mail to karol@alpha.edu: Bounced."`,
      );

      // The Lab check: a grid of every sender against every account.
      await page.evaluate(
        `Array.prototype.filter.call(document.querySelectorAll("summary"), function (s) { return s.textContent === "Lab check"; })[0].click()`,
      );
      const summary = await page.waitFor<string>(
        `(document.body.innerText.match(/\\d+ pairs \\(\\d+ senders × \\d+ accounts\\)[^\\n]*/) || [])[0]`,
      );
      expect(summary).toMatch(/^36 pairs \(6 senders × 6 accounts\): 36 deliver/);
      expect(await page.evaluate(`document.querySelectorAll("table[role=grid] td[role=gridcell]").length`)).toBe(36);
      // Graded against pasted rules (issue 25, src/grading/): every pair delivers, one was expected to bounce.
      const rules = `{"expect": [{"from": "*", "to": "*", "outcome": "delivered"},
        {"from": "alice@alpha.edu", "to": "bob@beta.org", "outcome": "bounced"}]}`;
      await page.evaluate(q.type("textarea[aria-label='Expectation (JSON)']", rules));
      await page.evaluate(`${q.button("Grade with pasted rules")}.click()`);
      const score = await page.waitFor<string>(
        `(function (p) { return p && p.textContent; })(document.querySelector(".grade [role=status]"))`,
      );
      expect(score).toMatch(/^Score 97\.2% against pasted rules: 35 of 36 graded pairs match/);
      expect(
        await page.evaluate(
          `[document.querySelectorAll("td.g-pass").length, document.querySelectorAll("td.g-fail").length]`,
        ),
      ).toEqual([35, 1]);

      // A push, and only a push, moves a row: the page's pulls are held meanwhile.
      pt.holdPulls = true;
      const pushesBefore = pt.pushes;
      sendFromAlice(pt, ["frank@alpha.edu"]);
      await page.waitFor(`${q.rows("frank@alpha.edu")}.length === 1`);
      await page.waitFor(`${q.rowText("frank@alpha.edu")} === "Bounced"`);
      expect(pt.pushes).toBeGreaterThan(pushesBefore);
      pt.holdPulls = false;

      expect(page.errors).toEqual([]);
    });

    it("says in one line why it cannot work when opened outside Packet Tracer (no $se)", async () => {
      page = await openPage(browser.path, PANEL);
      const alert = await page.waitFor<string>(
        `(function (p) { return p && p.textContent; })(document.querySelector("p.banner[role=alert]"))`,
        15000,
      );
      expect(alert).toBe(NO_SE_NOTE);
      expect(await page.evaluate(`document.querySelector("h1").textContent`)).toBe("Mail Console");
      expect(page.errors).toEqual([]);
    });
  });
}
