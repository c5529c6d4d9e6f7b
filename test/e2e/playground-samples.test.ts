// End to end in real headless Chromium: the playground's "Sample labs" menu (issue 20: "the playground
// offers them") lists the project's own fixture labs and opens one as File > Open does, from the
// playground's own server and nothing else; the panel's Lab check then describes that lab.

import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { openBrowser, panelFrame, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

/** The playground opened with every request of its context (page, panel frame, workers) recorded first. */
async function openRecorded(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await s.browser.newPage({ viewport: { width: 1280, height: 860 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.context().on("request", (r: Request) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(s.url + "?step=60&timeout=1200");
  return { page, requests, errors };
}

/** Opens the toolbar's Sample labs menu and answers its list. */
async function sampleMenu(page: Page) {
  const net = page.getByRole("region", { name: "Simulated network" });
  await net.getByText("Sample labs", { exact: true }).click();
  const list = net.getByRole("list", { name: "Sample labs" });
  await list.waitFor();
  return list;
}

describe("the playground's Sample labs", () => {
  it("lists every fixture lab fixtureLabs() names, with its description, and keeps the classroom open", async () => {
    const { page, requests, errors } = await openRecorded();
    await panelFrame(page);
    const list = await sampleMenu(page);
    const buttons = await list.getByRole("button").allTextContents();
    expect(buttons).toEqual(fixtureLabs().map((lab) => lab.file));
    // Written by hand from lab/fixtures/vlan-labs.ts and dhcp-labs.ts: the part of the name after "file: ".
    const item = (file: string) => list.getByRole("listitem").filter({ has: page.getByRole("button", { name: file }) });
    expect(await item("vlan-stick.pkt").textContent()).toContain(
      "router-on-a-stick, a trunk DTP makes and one that does not carry a VLAN",
    );
    expect(await item("dhcp-relay.pkt").textContent()).toContain("ip helper-address to a Server-PT's pool");
    // Listing opens nothing: the classroom is the default and stays.
    await page.getByRole("article", { name: "PC-Carol" }).waitFor();
    expect(await page.getByLabel("Open file").inputValue()).toBe("classroom");
    // Escape closes the menu.
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden" });
    expect(requests.filter((u) => !u.startsWith(s.url))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens vlan-stick.pkt as a picked file opens, and the Lab check grids its pairs", async () => {
    const { page, requests, errors } = await openRecorded();
    const panel = await panelFrame(page);
    const list = await sampleMenu(page);
    await list.getByRole("button", { name: "vlan-stick.pkt" }).click();
    await list.waitFor({ state: "hidden" });
    // The same summary as a lab opened by the button or dropped: the importer found nothing it leaves out.
    const summary = page.getByLabel("Opened lab");
    await summary.getByText("Opened vlan-stick.pkt", { exact: false }).waitFor();
    expect(await summary.textContent()).toContain("No import warnings.");
    for (const name of ["R1", "MAIL", "PC-A", "PC-D", "PC-F"])
      await page.getByRole("article", { name, exact: true }).waitFor();
    expect(await page.getByRole("article", { name: "PC-Carol" }).count()).toBe(0);
    expect(await page.getByLabel("Open file").inputValue()).toBe("lab");

    await panel.waitForFunction(() =>
      Array.from(document.querySelectorAll("#f-device option"), (o) => o.textContent).some((t) =>
        /^PC-D\b/.test(t || ""),
      ),
    );
    await panel.getByText("Lab check", { exact: true }).click();
    // By hand from lab/fixtures/vlan-labs.ts: 5 PCs × MAIL's 5 accounts. PC-A (VLAN 10) reaches MAIL
    // (VLAN 20) through R1's sub-interfaces Gi0/0.10 and .20 over SW1's trunk; PC-C sits in MAIL's VLAN 20
    // over the trunk SW2's auto port negotiates; PC-D's VLAN 30 has no sub-interface, so its gateway
    // 192.168.30.1 answers nowhere; PC-E's port is in VLAN 10 with an address of VLAN 20; SW1 lets only
    // VLANs 20 and 30 to SW2, so PC-F's VLAN 10 never reaches R1.
    await panel
      .getByText("25 pairs (5 senders × 5 accounts): 10 deliver, 0 bounce, 15 fail.")
      .waitFor({ timeout: 15000 });
    await panel.getByText(/Checked .*vlan-stick\.pkt/).waitFor();
    const grid = panel.getByRole("grid");
    for (const to of ["a@stick.lab", "d@stick.lab", "f@stick.lab"]) {
      await grid.getByRole("gridcell", { name: `PC-A to ${to}: delivers`, exact: true }).waitFor();
      await grid.getByRole("gridcell", { name: `PC-C to ${to}: delivers`, exact: true }).waitFor();
      for (const from of ["PC-D", "PC-E", "PC-F"])
        await grid
          .getByRole("gridcell", { name: new RegExp(`^${from} to ${to.replace(".", "\\.")}: fails`) })
          .waitFor();
    }
    // PC-D's cause, as the CLI's matrix says it (test/lab/vlan-labs.test.ts).
    await grid.getByRole("gridcell", { name: /^PC-D to a@stick\.lab: fails/ }).click();
    await panel
      .getByText("PC-D's default gateway 192.168.30.1 does not answer on its LAN", { exact: false })
      .first()
      .waitFor();

    // Every request stayed on the playground's server: the lab came from /playground/labs/.
    expect(requests.filter((u) => !u.startsWith(s.url))).toEqual([]);
    expect(requests).toContain(s.url + "playground/labs/vlan-stick.pkt");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says so where a failed open is said when a sample is gone from the server, and keeps the open file", async () => {
    const { page, errors } = await openRecorded();
    await panelFrame(page);
    await page.route("**/playground/labs/dhcp-none.pkt", (route) => route.fulfill({ status: 404, body: "not found" }));
    const list = await sampleMenu(page);
    await list.getByRole("button", { name: "dhcp-none.pkt" }).click();
    await page
      .getByRole("alert")
      .getByText("Could not open dhcp-none.pkt: the playground's server answered 404 for it. The open file is kept.")
      .waitFor();
    await page.getByRole("article", { name: "PC-Carol" }).waitFor();
    expect(await page.getByLabel("Open file").inputValue()).toBe("classroom");
    // A 404 is logged by the browser as a console error: the one expected here.
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await page.close();
  });
});
