// The panel at 100,000 rows (issue 16, target 5), in Chromium at the panel's
// size with a stand-in engine (panel.mjs): a push's cost beside the same push
// at 1,000 rows; scrolling while 20 pushes a second arrive; the CPU an idle
// panel takes beside an empty one; and the first search keystroke beside warm
// ones. Pushes are built with src/wire.ts in the page, as the engine sends them.

import { panelAlone } from "./panel.mjs";
import { median, p95, round } from "./stats.mjs";

/** In the page: pushes of new mails after the stand-in's `rows`, and a settle after Preact's render. */
function pageTools(rows) {
  let seq = rows;
  const at = 1767225600000;
  const mail = (id) => ({
    id,
    rev: id,
    origin: "console",
    group: id,
    file: 1,
    deviceKey: "k1",
    device: "PC-1",
    from: "teacher@alpha.edu",
    to: `late${id}@alpha.edu`,
    subject: "Pushed " + id,
    body: "A mail that arrived while the panel was open.",
    server: "mail.alpha.edu",
    state: "delivered",
    code: 2,
    queuedAt: at + id,
    updatedAt: at + id + 1,
    events: [
      { at: at + id, code: 1 },
      { at: at + id + 1, code: 2 },
    ],
  });
  const status = { simulationMode: false, version: "bench" };
  // The stand-in's pulls follow the pushes, as the engine's would.
  const openPanel = window.$se;
  window.$se = (name, req) =>
    req.type === "changesSince"
      ? Promise.resolve({
          ok: true,
          value: window.MailWire.encodeChanges({
            epoch: 1,
            seq,
            mails: [],
            full: false,
            droppedIds: [],
            dropped: 0,
            sent: seq,
            file: 1,
            status,
          }),
        })
      : openPanel(name, req);
  const channel = new MessageChannel();
  const ready = [];
  window.bench = {
    /** Encodes the next `n` pushes now (the engine's work, not the panel's), for push() to deliver. */
    prepare(n) {
      for (let i = 1; i <= n; i++) {
        const s = seq + ready.length + 1;
        const changes = { type: "changed", base: s - 1, epoch: 1, seq: s, mails: [mail(s)], full: false };
        Object.assign(changes, { droppedIds: [], dropped: 0, sent: s, file: 1, status });
        ready.push(JSON.stringify(window.MailWire.encodeChanges(changes)));
      }
    },
    /** The next push, as PT's evaluateJavaScriptAsync would deliver it: a literal the page parses. */
    push() {
      if (!ready.length) window.bench.prepare(1);
      seq++;
      window.mailConsolePush(JSON.parse(ready.shift()));
    },
    // A macrotask after Preact's (microtask) render; MessageChannel, since nested setTimeouts are clamped.
    settle: () =>
      new Promise((r) => {
        channel.port1.onmessage = () => r();
        channel.port2.postMessage(0);
      }),
  };
}

async function open(browser, url, wire, rows) {
  const page = await panelAlone(browser, url, wire, rows);
  await page.evaluate(pageTools, rows);
  return page;
}

/**
 * What a push of one new mail costs the panel: its main thread's busy time
 * (CDP Performance TaskDuration) over 200 pushes, each awaited to the DOM;
 * and the median time from the push to the DOM, which adds Chromium's
 * scheduling of the render to that cost.
 */
async function pushCost(browser, url, wire, rows) {
  const page = await open(browser, url, wire, rows);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const busy = async () =>
    (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const N = 200;
  await page.evaluate((n) => window.bench.prepare(n), N);
  const before = await busy();
  const toDom = await page.evaluate(async (n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      window.bench.push();
      await window.bench.settle();
      times.push(performance.now() - t);
    }
    return times;
  }, N);
  const taskMs = (((await busy()) - before) * 1000) / N;
  await page.close();
  return { taskMs, domMs: median(toDom) };
}

/** Scrolls the page down for 3 s, 40 px a frame, with a push every 50 ms: the frames' intervals. */
async function scrollFrames(browser, url, wire, rows) {
  const page = await open(browser, url, wire, rows);
  const gaps = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const gaps = [];
        const pusher = setInterval(() => window.bench.push(), 50);
        let last = 0;
        const start = performance.now();
        const frame = (t) => {
          if (last) gaps.push(t - last);
          last = t;
          window.scrollBy(0, 40);
          if (t - start < 3000) requestAnimationFrame(frame);
          else {
            clearInterval(pusher);
            resolve(gaps);
          }
        };
        requestAnimationFrame(frame);
      }),
  );
  await page.close();
  return gaps;
}

/** The main thread's busy time (CDP Performance TaskDuration) over 5 s of an idle panel. */
async function idleTaskMs(browser, url, wire, rows) {
  const page = await open(browser, url, wire, rows);
  await page.waitForTimeout(1000); // the first pulls and renders settle
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const busy = async () =>
    (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const before = await busy();
  await page.waitForTimeout(5000);
  const ms = ((await busy()) - before) * 1000;
  await page.close();
  return ms;
}

/**
 * The first search keystroke at `rows` rows against the median of the warm ones
 * after it. As a person types: the box is focused (the panel builds the rows'
 * search text in slices from then on), and the first key comes 300 ms later.
 * With `cold`, no focus and no wait: every row's search text is built by that key.
 */
async function keystrokes(browser, url, wire, rows, cold) {
  const page = await open(browser, url, wire, rows);
  const times = await page.evaluate(async (cold) => {
    const search = document.querySelector('input[type="search"]');
    if (!cold) {
      search.focus();
      await new Promise((r) => setTimeout(r, 300));
    }
    const times = [];
    for (const q of ["n", "ne", "nee", "need", "needl", "needle", "", "student9", "student99", ""]) {
      const t = performance.now();
      search.value = q;
      search.dispatchEvent(new Event("input", { bubbles: true }));
      await window.bench.settle();
      document.body.offsetHeight; // to layout
      times.push(performance.now() - t);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return times;
  }, cold);
  await page.close();
  return { first: times[0], warm: median(times.slice(1)) };
}

export async function panelScaleFigures(browser, url, wire) {
  const big = 100000;
  const push = await pushCost(browser, url, wire, big);
  const pushFloor = await pushCost(browser, url, wire, 1000);
  const gaps = await scrollFrames(browser, url, wire, big);
  const idle = [],
    empty = [];
  for (let i = 0; i < 3; i++) {
    idle.push(await idleTaskMs(browser, url, wire, big));
    empty.push(await idleTaskMs(browser, url, wire, 0));
  }
  // A first keystroke happens once per page: three pages, the median of each figure.
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await keystrokes(browser, url, wire, big, false));
  const keys = { first: median(runs.map((k) => k.first)), warm: median(runs.map((k) => k.warm)) };
  const cold = await keystrokes(browser, url, wire, big, true);
  return {
    panelPushMs: round(push.taskMs, 2),
    panelPushMsAt1000: round(pushFloor.taskMs, 2),
    panelPushToDomMs: round(push.domMs, 2),
    scrollFps: round(1000 / median(gaps)),
    scrollFrameP95Ms: round(p95(gaps)),
    idleTaskMs: round(median(idle)),
    idleTaskMsEmpty: round(median(empty)),
    idleCpuRatio: round(median(idle) / Math.max(median(empty), 1), 2),
    firstKeystrokeMs: round(keys.first, 2),
    warmKeystrokeMs: round(keys.warm, 2),
    firstKeystrokeRatio: round(keys.first / Math.max(keys.warm, 0.1), 2),
    firstKeystrokeColdMs: round(cold.first, 2),
  };
}
