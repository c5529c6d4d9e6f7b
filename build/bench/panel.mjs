// The panel's figures in Chromium: the built panel alone with a stand-in engine
// (filter, heap), and the playground from a mailSent to the screen.
import { median, round } from "./stats.mjs";

/**
 * In the page: a stand-in $se holding `rows` mails (a tenth failed, 1 in 7
 * with "needle" in the body). Each answer is built when asked and not kept, so
 * the page's heap holds only what the panel keeps.
 */
function standInEngine(rows) {
  const at = 1767225600000;
  const mailsOf = (n) => {
    const mails = [];
    for (let i = 1; i <= n; i++) {
      mails.push({
        id: i,
        rev: i,
        origin: "console",
        group: i,
        file: 1,
        deviceKey: "k" + (i % 9),
        device: "PC-" + (i % 9),
        from: "teacher@alpha.edu",
        to: `student${i}@alpha.edu`,
        subject: "Lab " + (i % 50),
        body: "Exercise " + i + (i % 7 ? "" : " needle"),
        server: "mail.alpha.edu",
        state: i % 3 ? "delivered" : "failed",
        code: i % 3 ? 2 : 6,
        queuedAt: at + i,
        updatedAt: at + i,
        events: [
          { at: at + i, code: 1 },
          { at: at + 1 + i, code: i % 3 ? 2 : 6 },
        ],
      });
    }
    return mails;
  };
  const status = { simulationMode: false, version: "bench" };
  const changes = (full) => ({
    epoch: 1,
    seq: rows,
    mails: full ? mailsOf(rows) : [],
    full,
    droppedIds: [],
    dropped: 0,
    sent: rows,
    file: 1,
    devices: full ? [] : undefined,
    presets: full ? {} : undefined,
    status,
  });
  const wire = window.MailWire.encodeChanges;
  window.$se = (_name, req) => Promise.resolve({ ok: true, value: wire(changes(req.type === "openPanel")) });
}

/** The built panel alone with `rows` mails (standInEngine), its log shown. */
export async function panelAlone(browser, url, wire, rows) {
  const page = await browser.newPage({ viewport: { width: 420, height: 560 } });
  await page.addInitScript({ content: wire });
  await page.addInitScript(standInEngine, rows);
  await page.goto(url + "module/panel.html");
  await page.getByLabel("Counters").getByText(`Sent ${rows}`).waitFor({ timeout: 60000 });
  return page;
}

/**
 * 10,000 rows searched and filtered: filterMs to the DOM change (a macrotask
 * after Preact's microtask render), filterToLayoutMs on to layout (reading
 * offsetHeight makes Chromium lay the page out then, unless the panel already
 * did), filterToFrameMs on to the end of the next animation frame, which shows
 * it. Each change waits for the previous one's frame.
 */
export async function filterFigures(browser, url, wire) {
  const page = await panelAlone(browser, url, wire, 10000);
  const runs = await page.evaluate(async () => {
    const search = document.querySelector('input[type="search"]');
    const outcome = [...document.querySelectorAll("select")].find(
      (s) => s.previousSibling && /Outcome/.test(s.parentElement.textContent),
    );
    // MessageChannel, since nested setTimeouts are clamped to 4 ms.
    const channel = new MessageChannel();
    const settle = () =>
      new Promise((r) => {
        channel.port1.onmessage = () => r();
        channel.port2.postMessage(0);
      });
    // A task queued in the next animation frame runs once that frame is rendered.
    const afterFrame = () =>
      new Promise((r) =>
        requestAnimationFrame(() => {
          const c = new MessageChannel();
          c.port1.onmessage = () => r();
          c.port2.postMessage(0);
        }),
      );
    const dom = [],
      layout = [],
      frame = [];
    const time = async (change) => {
      const t = performance.now();
      change();
      await settle();
      const toDom = performance.now() - t;
      const height = document.body.offsetHeight;
      const toLayout = height >= 0 ? performance.now() - t : Number.NaN;
      await afterFrame();
      dom.push(toDom);
      layout.push(toLayout);
      frame.push(performance.now() - t);
    };
    const queries = ["needle", "student99", "lab 4", "", "exercise 12", "zzz-nothing", "alpha", "Lab 1"];
    // Round 0 warms up (JIT, the per-row search text cache) and is not counted.
    for (let round = 0; round < 7; round++) {
      if (round === 1) {
        dom.length = 0;
        layout.length = 0;
        frame.length = 0;
      }
      for (const q of queries)
        await time(() => {
          search.value = q;
          search.dispatchEvent(new Event("input", { bubbles: true }));
        });
      for (const v of ["failed", "delivered", "all"])
        await time(() => {
          outcome.value = v;
          outcome.dispatchEvent(new Event("change", { bubbles: true }));
        });
    }
    return { dom, layout, frame };
  });
  await page.close();
  if (process.env.BENCH_DEBUG) console.error("filter runs", runs.dom.map((x) => x.toFixed(1)).join(" "));
  return {
    filterMs: round(median(runs.dom), 2),
    filterToLayoutMs: round(median(runs.layout), 2),
    filterToFrameMs: round(median(runs.frame), 2),
  };
}

/**
 * The panel's JS heap with 10,000 rows against the same panel empty (the
 * floor), after a full collection each (CDP Runtime.getHeapUsage), 3 times.
 */
export async function panelHeap(browser, url, wire) {
  const used = async (rows) => {
    const page = await panelAlone(browser, url, wire, rows);
    try {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    } finally {
      await page.close();
    }
  };
  const empty = [],
    full = [];
  for (let i = 0; i < 3; i++) {
    empty.push(await used(0));
    full.push(await used(10000));
  }
  return {
    panelHeapEmptyBytes: median(empty),
    panelHeapBytesPerRow: round((median(full) - median(empty)) / 10000),
  };
}

/**
 * From a mailSent in the worker to its row in the panel's DOM (dom), on to
 * layout (layout) and to the end of the next animation frame (frame), for 50
 * probes `gapMs` apart; a probe whose row has not shown after 3 s is lost.
 */
export async function eventToScreen(browser, url, gapMs) {
  const page = await browser.newPage();
  await page.goto(url);
  const panel = await (await page.waitForSelector("#webview-body iframe")).contentFrame();
  await panel.getByRole("status", { name: "Connection: Live" }).waitFor({ timeout: 60000 });
  const dom = [],
    layout = [],
    frame = [];
  let lost = 0;
  for (let i = 0; i < 50; i++) {
    const probe = await page.evaluate(
      (n) =>
        new Promise((resolve) => {
          const doc = document.querySelector("#webview-body iframe").contentDocument;
          const dest = `probe${n}@alpha.edu`;
          const t = performance.now();
          const obs = new MutationObserver(() => {
            if (doc.body.textContent.includes(dest)) {
              const toDom = performance.now() - t;
              obs.disconnect();
              clearTimeout(timer);
              const height = doc.body.offsetHeight;
              const toLayout = height >= 0 ? performance.now() - t : Number.NaN;
              // A task queued in the next animation frame runs once that frame is rendered.
              requestAnimationFrame(() => {
                const c = new MessageChannel();
                c.port1.onmessage = () => resolve({ dom: toDom, layout: toLayout, frame: performance.now() - t });
                c.port2.postMessage(0);
              });
            }
          });
          const timer = setTimeout(() => {
            obs.disconnect();
            resolve(null);
          }, 3000);
          obs.observe(doc.body, { childList: true, subtree: true, characterData: true });
          window.playground.act({
            type: "emit",
            device: "PC-Alice",
            args: { dest, subject: "probe", body: "", responseType: 2 },
          });
        }),
      i,
    );
    if (probe) {
      dom.push(probe.dom);
      layout.push(probe.layout);
      frame.push(probe.frame);
    } else lost++;
    await page.waitForTimeout(gapMs);
  }
  await page.close();
  return { dom, layout, frame, lost };
}
