// The playground's network view must come up on every load. The worker used
// to post the world before the page listened, and about one load in 12 stayed
// on "Starting the simulated Packet Tracer…": now the page asks for it once
// it listens.

import { deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealContainer, writeFrame } from "../../lab/codec/container";
import { encodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { exportLab } from "../../lab/export/export-lab";
import { oneLan } from "../../sim/scenarios/classroom";
import { openBrowser, openPlayground, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s.close();
});

/** Loads the playground `times` times; answers the loads whose network view never showed a device. */
async function stuckLoads(page: Page, times: number): Promise<number[]> {
  const stuck: number[] = [];
  for (let load = 0; load < times; load++) {
    if (load === 0) await page.goto(s.url);
    else await page.reload();
    try {
      await page.getByRole("article", { name: "PC-Alice" }).waitFor({ timeout: 5000 });
    } catch {
      stuck.push(load);
    }
  }
  return stuck;
}

describe("the playground", () => {
  it("shows the simulated network on each of 25 loads", async () => {
    const page = await s.browser.newPage();
    expect(await stuckLoads(page, 25), "loads that stayed on 'Starting the simulated Packet Tracer…'").toEqual([]);
    await page.close();
  });

  it("shows it even when the page subscribes after the worker has posted the world", async () => {
    // The race, made certain: no animation frames and slow timers, as on a busy or hidden page, so
    // Preact runs the network view's effects long after the worker's first post.
    const page = await s.browser.newPage();
    await page.addInitScript(() => {
      if (window.top !== window) return; // the panel's frame keeps its clocks
      window.requestAnimationFrame = () => 0;
      const later = window.setTimeout;
      window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) =>
        later(fn, Math.max(ms || 0, 1500), ...args)) as typeof window.setTimeout;
    });
    expect(await stuckLoads(page, 3)).toEqual([]);
    await page.close();
  });
});

// A lab is read first in a worker of its own under a time limit (playground/lab-file.ts, issue 27):
// a file that takes longer is stopped with one line, and the worker that plays PT never reads it.
describe("a lab that takes too long to read", () => {
  it("is stopped at the time limit with one line; the page answers meanwhile and the classroom stays", async () => {
    const { page, errors } = await openPlayground(s, undefined, "?step=60&timeout=1200&labReadMs=400");
    const net = page.getByRole("region", { name: "Simulated network" });
    const input = net.getByLabel("Open a lab file…");
    const alert = net.getByRole("alert");
    // 15 million empty elements where the importer skips (a device's workspace): 60 MB of XML in a 60 KB file.
    const xml = exportLab(oneLan(), "pkt");
    const at = xml.indexOf("<DEVICE>") + "<DEVICE>".length;
    const big = Buffer.concat([
      Buffer.from(xml.slice(0, at) + "<WORKSPACE>"),
      Buffer.alloc(15_000_000 * 4, "<a/>"),
      Buffer.from("</WORKSPACE>" + xml.slice(at)),
    ]);
    const slow = sealContainer(writeFrame(big.length, new Uint8Array(deflateSync(big, { level: 9 }))));
    await input.setInputFiles({ name: "slow.pkt", mimeType: "application/octet-stream", buffer: Buffer.from(slow) });
    // While it is being read, the page answers at once.
    const asked = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - asked).toBeLessThan(300);
    await alert
      .getByText("Could not open slow.pkt: reading it took more than 0.4 s, so it was stopped. The open file is kept.")
      .waitFor({ timeout: 20000 });
    // A refusal read in time is the CLI's line (bad-input.test.ts), the same here.
    const prolog = encodeLab({ xml: "<?p?>".repeat(40) + "x" }, nodeZlib);
    await input.setInputFiles({
      name: "prolog.pkt",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(prolog),
    });
    await alert
      .getByText("Could not open prolog.pkt: decoded, but the payload is not XML.", { exact: false })
      .waitFor();
    // Bytes after the compressed data: the CLI warns and reads on; browsers refuse them, said so in one line.
    const good = Buffer.from(exportLab(oneLan(), "pkt"));
    const stream = Buffer.concat([deflateSync(good), Buffer.from("trailing")]);
    const trailing = sealContainer(writeFrame(good.length, new Uint8Array(stream)));
    await input.setInputFiles({
      name: "trailing.pkt",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(trailing),
    });
    await alert
      .getByText(
        "Could not open trailing.pkt: bytes follow the compressed XML, which the browser refuses (npm run lab reads past them).",
        { exact: false },
      )
      .waitFor();
    // The simulated PT never read any of these files: the classroom is open, and it still answers.
    await net.getByRole("article", { name: "PC-Carol" }).waitFor();
    await page.getByLabel("Open file").selectOption("one-lan");
    await net.getByRole("article", { name: "PC-Ann" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
