// A DevTools Protocol client over --remote-debugging-pipe, small enough to
// speak to every Chromium the panel must run in: headless Chromium 69, 77 and
// 80 (build/webview-floor.mjs), whose protocol playwright-core no longer
// speaks, and today's Debian chromium. Messages are JSON separated by NUL on
// file descriptors 3 (to the browser) and 4 (from it).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
  sessionId?: string;
}

export interface PageSession {
  /** The browser's own version string, e.g. HeadlessChrome/69.0.3494.0. */
  product: string;
  send(method: string, params?: object): Promise<any>;
  /** Evaluates an expression in the page; a thrown error or a rejected promise rejects. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Polls an expression until it is truthy; rejects after `ms` naming what it waited for. */
  waitFor<T = unknown>(expression: string, ms?: number): Promise<T>;
  /** Uncaught exceptions and console errors the page has reported so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPage(executable: string, url: string, initScript = ""): Promise<PageSession> {
  const profile = mkdtempSync(join(tmpdir(), "cdp-pipe-"));
  const browser: ChildProcess = spawn(
    executable,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--allow-file-access-from-files",
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      "--window-size=420,560",
      "about:blank",
    ],
    // Its own process group: closing ends the renderers and helpers too, not only the browser process.
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"], detached: true },
  );
  const toBrowser = browser.stdio[3] as Writable;
  const fromBrowser = browser.stdio[4] as Readable;
  const waiting = new Map<number, { resolve(v: any): void; reject(e: Error): void; method: string }>();
  const listeners: ((m: Message) => void)[] = [];
  let nextId = 0;
  let buffer = "";
  // The pipes break when the browser exits; what was waiting is rejected below.
  fromBrowser.on("error", () => {});
  toBrowser.on("error", () => {});
  fromBrowser.setEncoding("utf8");
  fromBrowser.on("data", (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\0"); end >= 0; end = buffer.indexOf("\0")) {
      const m: Message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const w = m.id !== undefined ? waiting.get(m.id) : undefined;
      if (w && m.id !== undefined) {
        waiting.delete(m.id);
        if (m.error) w.reject(new Error(`${w.method}: ${m.error.message}`));
        else w.resolve(m.result);
      } else for (const l of listeners) l(m);
    }
  });
  const exited = new Promise<void>((resolve) => browser.once("exit", () => resolve()));
  exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error(`${w.method}: the browser exited`));
  });
  const raw = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<any>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject, method });
      toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + "\0");
    });

  const close = async () => {
    try {
      if (browser.pid) process.kill(-browser.pid, "SIGKILL");
    } catch (_e) {
      browser.kill("SIGKILL"); // the group is gone already: the browser alone, if still there
    }
    await exited;
    // A helper process may still be closing files in the profile for a moment: a temporary folder left behind is no failure.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (_e) {
      // left in the temporary folder
    }
  };
  try {
    return await attach(raw, listeners, url, initScript, close);
  } catch (e) {
    await close(); // a browser that never became a page is not left running
    throw e;
  }
}

/** Attaches to the browser's first page, loads `url` after `initScript`, and answers the page's session. */
async function attach(
  raw: (method: string, params?: object, sessionId?: string) => Promise<any>,
  listeners: ((m: Message) => void)[],
  url: string,
  initScript: string,
  close: () => Promise<void>,
): Promise<PageSession> {
  const version = await raw("Browser.getVersion");
  // The first page may come a moment after the browser answers: wait for it (5 s at most).
  let target: { targetId: string } | undefined;
  for (let i = 0; i < 100 && !target; i++) {
    const targets = await raw("Target.getTargets");
    target = targets.targetInfos.find((t: { type: string }) => t.type === "page");
    if (!target) await new Promise((r) => setTimeout(r, 50));
  }
  if (!target) throw new Error(`${version.product}: no page target after 5 s`);
  const { sessionId } = await raw("Target.attachToTarget", { targetId: target.targetId, flatten: true });
  const send = (method: string, params: object = {}) => raw(method, params, sessionId);
  const errors: string[] = [];
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === "Runtime.exceptionThrown") {
      const d = m.params.exceptionDetails;
      errors.push(d.exception?.description || d.text);
    } else if (m.method === "Runtime.consoleAPICalled" && m.params.type === "error")
      errors.push(
        m.params.args.map((a: { value?: unknown; description?: string }) => a.value ?? a.description).join(" "),
      );
  });
  await send("Runtime.enable");
  await send("Page.enable");
  if (initScript) await send("Page.addScriptToEvaluateOnNewDocument", { source: initScript });
  const loaded = new Promise<void>((resolve) =>
    listeners.push((m) => {
      if (m.sessionId === sessionId && m.method === "Page.loadEventFired") resolve();
    }),
  );
  await send("Page.navigate", { url });
  await loaded;

  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
    return r.result.value as T;
  };
  return {
    product: version.product,
    send,
    evaluate,
    errors,
    async waitFor<T>(expression: string, ms = 20000): Promise<T> {
      const until = Date.now() + ms;
      for (;;) {
        const v = await evaluate<T>(expression);
        if (v) return v;
        if (Date.now() > until) throw new Error(`${version.product}: waited ${ms} ms for ${expression}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close,
  };
}
