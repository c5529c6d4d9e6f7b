// Real headless Chromium (Debian's /usr/bin/chromium, never a downloaded one)
// driven by playwright-core, on the playground served from dist/.
import { type Browser, chromium, type Frame, type Page } from "playwright-core";
import { CHROMIUM } from "../../build/chromium.mjs";
import { startServer } from "../../build/serve.mjs";
import { wireScript } from "../../build/wire-script.mjs";

export interface Session {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Session> {
  const server = await startServer(0);
  const browser = await chromium.launch(CHROMIUM);
  return {
    browser,
    url: server.url,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the playground and answers the page and the panel's frame once the panel is connected. */
export async function openPlayground(
  s: Session,
  viewport = { width: 1280, height: 860 },
  pace = "?step=60&timeout=1200",
): Promise<{ page: Page; panel: Frame; errors: string[] }> {
  const page = await s.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(s.url + pace);
  const panel = await panelFrame(page);
  return { page, panel, errors };
}

export async function panelFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#webview-body iframe");
  const frame = (await handle.contentFrame())!;
  // Connected, as a person sees it: the chip says Live and the device list is filled.
  await frame.getByRole("status", { name: /^Connection: Live/ }).waitFor();
  await frame.waitForFunction(() => document.querySelectorAll("#f-device option[value]:not([value=''])").length > 0);
  return frame;
}

/** Fills the compose form as a person would, by label. */
export async function compose(
  panel: Frame,
  fields: { device?: string; to: string; subject?: string; body?: string; password?: string; server?: string },
) {
  if (fields.device) await panel.getByLabel("From device").selectOption({ label: fields.device });
  await panel.getByLabel("To", { exact: true }).fill(fields.to);
  if (fields.subject !== undefined) await panel.getByLabel("Subject").fill(fields.subject);
  if (fields.body !== undefined) await panel.getByLabel("Body").fill(fields.body);
  if (fields.password !== undefined || fields.server !== undefined) await openAccount(panel);
  if (fields.password !== undefined) await panel.getByLabel("Password", { exact: true }).fill(fields.password);
  if (fields.server !== undefined) await panel.getByLabel("Outgoing server").fill(fields.server);
}

/** Opens the compose form's Account group (From, Password, Outgoing server), which starts collapsed. */
export async function openAccount(panel: Frame) {
  const summary = panel.locator("details.account > summary");
  if (!(await panel.locator("details.account").evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
}

/**
 * The built panel.html alone, in front of a stand-in engine that holds `count` delivered mails
 * (ids 1..count, to s<id>@alpha.edu): for the log's behaviour at sizes the playground cannot reach
 * quickly. window.standIn.push(mails) delivers a push as the engine would.
 */
export async function openPanelAlone(s: Session, count: number, viewport = { width: 420, height: 560 }) {
  const page = await s.browser.newPage({ viewport });
  await page.addInitScript({ content: await wireScript() });
  await page.addInitScript((n: number) => {
    const at = 1767225600000;
    const entry = (id: number, over: object = {}) => ({
      id,
      rev: id,
      origin: "console",
      group: id,
      file: 1,
      deviceKey: "k" + (id % 9),
      device: "PC-" + (id % 9),
      from: "teacher@alpha.edu",
      to: `s${id}@alpha.edu`,
      subject: "Lab " + (id % 50),
      body: "Exercise " + id,
      server: "mail.alpha.edu",
      state: "delivered",
      code: 2,
      queuedAt: at + id,
      updatedAt: at + id,
      events: [
        { at: at + id, code: 1 },
        { at: at + id + 1, code: 2 },
      ],
      ...over,
    });
    const mails: object[] = [];
    for (let i = 1; i <= n; i++) mails.push(entry(i));
    const status = { simulationMode: false, version: "stand-in" };
    let seq = n;
    const base = { epoch: 1, full: false, droppedIds: [], dropped: 0, file: 1, status };
    const w = window as any;
    const wire = w.MailWire.encodeChanges;
    w.$se = (_name: string, req: { type: string }) =>
      Promise.resolve({
        ok: true,
        value: wire(
          req.type === "openPanel"
            ? {
                ...base,
                seq,
                sent: n,
                mails,
                full: true,
                devices: [],
                presets: {},
                settings: { cap: 100000, watchdogMs: 60000 },
              }
            : { ...base, seq, sent: n, mails: [] },
        ),
      });
    w.standIn = {
      entry,
      push(changed: object[]) {
        seq++;
        w.mailConsolePush(wire({ type: "changed", base: seq - 1, ...base, seq, sent: n, mails: changed }));
      },
    };
  }, count);
  await page.goto(s.url + "module/panel.html");
  await page.getByRole("status", { name: /^Connection: Live/ }).waitFor();
  return page;
}
