// End to end in real headless Chromium: File > Open of a Packet Tracer lab in
// the playground (the file input and drag-and-drop), its errors, and the PT
// behaviour switches, with the BUILT engine.js and panel.html running on it.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeLab, encodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { PT_BEHAVIOUR } from "../../src/model/behaviour";
import { compose, openBrowser, openPlayground, type Session } from "./browser";

// Relative to the repository, where vitest runs (as lab/make-fixtures.ts FIXTURE_DIR).
const TWO_DOMAINS = "test/fixtures/labs/two-domains.pka";

let s: Session;
let tmp: string;
beforeAll(async () => {
  s = await openBrowser();
  tmp = mkdtempSync(join(tmpdir(), "mail-console-labs-"));
});
afterAll(async () => {
  await s.close();
  rmSync(tmp, { recursive: true, force: true });
});

const row = (panel: Frame, to: string) => panel.locator("li.mail:not(.group)", { hasText: "→ " + to });
const world = (page: Page) => page.evaluate(() => (window as any).playground.world);
/** The panel's From device list, as option texts. */
const fromDevices = (panel: Frame) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll("#f-device option[value]:not([value=''])"), (o) => o.textContent),
  );
/** Waits until the panel's From device list offers `device` (the engine re-read the topology). */
const offered = (panel: Frame, device: string) =>
  panel.waitForFunction(
    (d) => Array.from(document.querySelectorAll("#f-device option"), (o) => o.textContent).indexOf(d) >= 0,
    device,
  );
/** Opens the network view's PT behaviour section (collapsed at first). */
async function behaviourSection(page: Page) {
  const section = page.getByRole("region", { name: "PT behaviour" });
  if (!(await section.locator("details").evaluate((d) => (d as HTMLDetailsElement).open)))
    await section.locator("summary").click();
  return section;
}

describe("opening a lab file in the playground", () => {
  it("opens two-domains.pka through the file input, and the panel sends between its PCs", async () => {
    const { page, panel, errors } = await openPlayground(s);
    const net = page.getByRole("region", { name: "Simulated network" });
    await net.getByLabel("Open a lab file…").setInputFiles(TWO_DOMAINS);
    // The network view shows the lab's devices, and the classroom's are gone.
    for (const name of ["PC-Alice", "PC-Bob", "MAIL-A", "MAIL-B", "DNS", "R1"])
      await net.getByRole("article", { name, exact: true }).waitFor();
    expect(await net.getByRole("article", { name: "PC-Carol" }).count()).toBe(0);
    const summary = net.getByLabel("Opened lab");
    await summary.getByText("Opened two-domains.pka", { exact: false }).waitFor();
    expect(await summary.textContent()).toContain("Packet Tracer 9.0.1.0858 activity (.pka), 3 stored mails");
    // The importer's warning, in a collapsed list.
    await summary.getByText("1 import warning", { exact: false }).click();
    await summary
      .getByRole("list", { name: "Import warnings" })
      .getByText("activity: only its current network is imported", { exact: false })
      .waitFor();
    expect(await page.getByLabel("Open file").inputValue()).toBe("lab");
    // The engine re-read everything on fileOpened: the panel offers the lab's devices, none of the classroom's.
    await offered(panel, "PC-Bob — bob@beta.org");
    const devices = await fromDevices(panel);
    expect(devices).toEqual(expect.arrayContaining(["PC-Alice — alice@alpha.edu", "PC-Bob — bob@beta.org", "MAIL-B"]));
    expect(devices.filter((d) => /Carol|MAIL-ALPHA|DNS-SRV/.test(d || ""))).toEqual([]);
    const bobMails = async () =>
      (await world(page)).devices.find((d: any) => d.name === "MAIL-B").mail.users.find((u: any) => u.name === "bob")
        .mails;
    expect(await bobMails()).toBe(2); // the lab's stored mails
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "bob@beta.org", subject: "Across the lab" });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "bob@beta.org").getByText("Delivered").waitFor({ timeout: 15000 });
    await row(panel, "bob@beta.org").getByRole("button").click();
    const timeline = await row(panel, "bob@beta.org").getByRole("list", { name: "Timeline" }).textContent();
    expect(timeline).toMatch(/3\s*Forwarding[\s\S]*2\s*Delivered/);
    // The network view is published every 300 ms: wait for the mail to be in bob's mailbox there.
    await page.waitForFunction(() => {
      const w = (window as any).playground.world;
      const b = w?.devices.find((d: any) => d.name === "MAIL-B");
      return !!b && b.mail.users.find((u: any) => u.name === "bob").mails === 3;
    });
    expect(await bobMails()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs the Lab check on an opened lab: the CLI's matrix, and PT agreeing when it is verified", async () => {
    const { page, panel, errors } = await openPlayground(s);
    await page
      .getByRole("region", { name: "Simulated network" })
      .getByLabel("Open a lab file…")
      .setInputFiles(TWO_DOMAINS);
    await offered(panel, "PC-Bob — bob@beta.org");
    await panel.getByText("Lab check", { exact: true }).click();
    // As `npm run lab -- test/fixtures/labs/two-domains.pka` prints it: 2 senders × 3 accounts, all delivered.
    await panel.getByText("6 pairs (2 senders × 3 accounts): 6 deliver, 0 bounce, 0 fail.").waitFor({ timeout: 15000 });
    const grid = panel.getByRole("grid");
    expect(await grid.locator("td[role=gridcell]").count()).toBe(6);
    await grid.getByRole("gridcell", { name: "PC-Bob to carl@alpha.edu: delivers" }).waitFor();
    await panel.getByRole("button", { name: "Verify all" }).click();
    await panel
      .getByText("Verified 6 of 6 pairs by sending; 0 differ from the prediction.")
      .waitFor({ timeout: 45000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the importer's error for a file that is not a lab, and keeps the classroom", async () => {
    const { page, panel, errors } = await openPlayground(s);
    const net = page.getByRole("region", { name: "Simulated network" });
    const input = net.getByLabel("Open a lab file…");
    const alert = net.getByRole("alert");
    const png = join(tmp, "diagram.png");
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)]));
    await input.setInputFiles(png);
    await alert.getByText("Could not open diagram.png: not a Packet Tracer file: it looks like a PNG image").waitFor();
    const good = readFileSync(TWO_DOMAINS);
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1] ^= 0x01;
    const bad: [string, Buffer, string][] = [
      ["empty.pkt", Buffer.alloc(0), "empty file"],
      ["short.pka", good.subarray(0, good.length >> 1), "the authentication tag does not match"],
      ["flipped.pka", flipped, "the authentication tag does not match"],
      ["notes.pkt", Buffer.from("<PACKETTRACER5>hello</PACKETTRACER5>"), "plain text or XML (already decoded?)"],
    ];
    for (const [name, buffer, message] of bad) {
      await input.setInputFiles({ name, mimeType: "application/octet-stream", buffer });
      await alert.getByText("Could not open " + name + ": ", { exact: false }).waitFor();
      expect(await alert.textContent()).toContain(message);
    }
    // The classroom is still open, in the network view, the worker and the panel.
    await net.getByRole("article", { name: "PC-Carol" }).waitFor();
    expect((await world(page)).file).toMatchObject({ key: "classroom" });
    expect(await fromDevices(panel)).toContain("PC-Carol — carol@alpha.edu");
    expect(await page.getByLabel("Open file").inputValue()).toBe("classroom");
    // A good file afterwards opens, and the error goes.
    await input.setInputFiles(TWO_DOMAINS);
    await net.getByRole("article", { name: "MAIL-B" }).waitFor();
    expect(await alert.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a lab dropped on the page, and shows its warnings with device names as text", async () => {
    const { page, errors } = await openPlayground(s);
    // A lab whose DNS server holds a record type the importer does not model, named with markup.
    const hostile = '<img src=x onerror="window.INJECTED=1">';
    const lab = decodeLab(new Uint8Array(readFileSync(TWO_DOMAINS)), nodeZlib);
    const record = `<RESOURCE-RECORD><TYPE>MX-REC</TYPE><NAME>${hostile.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</NAME></RESOURCE-RECORD>`;
    const xml = lab.xml.replace("<NAMESERVER-DATABASE>", "<NAMESERVER-DATABASE>" + record);
    expect(xml).not.toBe(lab.xml);
    const bytes = Array.from(encodeLab({ xml }, nodeZlib));
    const drop = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "dropped <lab>.pka"));
      return dt;
    }, bytes);
    await page.dispatchEvent("#network", "dragenter", { dataTransfer: drop });
    expect(await page.evaluate(() => document.body.classList.contains("dropping"))).toBe(true);
    await page.dispatchEvent("#network", "drop", { dataTransfer: drop });
    const summary = page.getByLabel("Opened lab");
    await summary.getByText("Opened dropped <lab>.pka", { exact: false }).waitFor();
    expect(await page.evaluate(() => document.body.classList.contains("dropping"))).toBe(false);
    await summary.getByText("2 import warnings", { exact: false }).click();
    const warnings = await summary
      .getByRole("list", { name: "Import warnings" })
      .getByRole("listitem")
      .allTextContents();
    expect(warnings).toContain("DNS: DNS MX-REC record " + hostile + " is not modeled");
    expect(await page.evaluate(() => (window as any).INJECTED)).toBeUndefined();
    expect(await page.locator("#network img").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("PT behaviour switches in the playground", () => {
  it("relayFailure reject13: a send the default bounces fails with code 13; switches are kept per file", async () => {
    const { page, panel, errors } = await openPlayground(s);
    // No A record for the recipient's domain (sim/scenarios/catalogue.ts "relay-no-a-record").
    await page
      .getByRole("article", { name: "DNS-SRV" })
      .getByRole("button", { name: "Delete record beta.org" })
      .click();
    await compose(panel, { device: "PC-Alice — alice@alpha.edu", to: "erin@beta.org", subject: "Default switch" });
    await panel.getByRole("button", { name: "Send" }).click();
    await row(panel, "erin@beta.org").getByText("Bounced").waitFor({ timeout: 15000 });

    const section = await behaviourSection(page);
    await section.getByText("PT behaviour: the defaults").waitFor();
    // Each switch shows its default and the evidence for it.
    const relay = section.getByRole("listitem").filter({ has: page.getByLabel("relayFailure") });
    expect(await relay.textContent()).toMatch(/default acceptThenDsn[\s\S]*pkt[\s\S]*pt-labs-and-fidelity\.md A1/);
    expect(await section.getByRole("listitem").count()).toBe(Object.keys(PT_BEHAVIOUR).length);
    await section.getByLabel("relayFailure").selectOption({ label: "reject13" });
    await section.getByText("PT behaviour: 1 changed from the defaults").waitFor();
    expect((await world(page)).behaviour.relayFailure).toBe("reject13");

    await compose(panel, { to: "bob@beta.org", subject: "Switch flipped" });
    await panel.getByRole("button", { name: "Send" }).click();
    const r = row(panel, "bob@beta.org");
    await r.getByText("Failed: Server not found").waitFor({ timeout: 15000 });
    await r.getByRole("button").click();
    const timeline = await r.getByRole("list", { name: "Timeline" }).textContent();
    expect(timeline).toMatch(/13\s*Server not found/);
    // The engine's model keeps its defaults, so it notes that PT answered otherwise.
    await r.getByText("PT answered 13, Server not found; the model expected 2, Delivered.", { exact: false }).waitFor();

    // Kept with the classroom file: another file starts on the defaults, the classroom gets its own back.
    await page.getByLabel("Open file").selectOption("one-lan");
    await section.getByText("PT behaviour: the defaults").waitFor();
    expect((await world(page)).behaviour.relayFailure).toBe("acceptThenDsn");
    await section.getByLabel("emitProgressEvents").uncheck();
    await page.getByLabel("Open file").selectOption("classroom");
    // One-lan also shows "1 changed" (emitProgressEvents): wait for the classroom's own switch to come back.
    await expect.poll(async () => (await world(page)).behaviour.relayFailure, { timeout: 15000 }).toBe("reject13");
    await section.getByText("PT behaviour: 1 changed from the defaults").waitFor();
    expect((await world(page)).behaviour).toMatchObject({ relayFailure: "reject13", emitProgressEvents: true });
    expect(await section.getByLabel("relayFailure").inputValue()).toBe("1");
    // An imported lab stores none: the defaults.
    await page.getByLabel("Open a lab file…").setInputFiles(TWO_DOMAINS);
    await page.getByRole("article", { name: "MAIL-B" }).waitFor();
    await section.getByText("PT behaviour: the defaults").waitFor();
    expect((await world(page)).behaviour.relayFailure).toBe("acceptThenDsn");
    expect(errors).toEqual([]);
    await page.close();
  });
});
