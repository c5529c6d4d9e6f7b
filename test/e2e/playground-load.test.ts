// The playground's network view must come up on every load. The worker used
// to post the world before the page listened, and about one load in 12 stayed
// on "Starting the simulated Packet Tracer…": now the page asks for it once
// it listens.

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type Session } from "./browser";

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
