// The engine's side of the panel: opening the web view, and pushing changes
// to it. Pushes go through evaluateJavaScriptAsync, fire-and-forget, so they
// are only a fast path: the panel also pulls "changes since seq"
// (research/pt-script-modules.md §1.4, A.7: pushes reported lost on macOS).
import { panelUrlFor } from "./module-kind";
import { PANEL_RECEIVER } from "./protocol";
import type { Host, WebView } from "./pt";
import type { Subscriptions } from "./subscriptions";

/** At most one push per this many ms, whatever the event rate. */
export const PUSH_INTERVAL_MS = 50;

export interface PanelSpec {
  title: string;
  url: string;
  width: number;
  height: number;
}

/** What changed after the last push: its seq and epoch, and the push as JSON text once `head` is put first. */
export interface PushSource {
  seq: number;
  epoch: number;
  json: (head: { type: "changed"; base: number }) => string;
}

export interface PanelBridgeOptions {
  host: Host;
  subs: Subscriptions;
  spec: PanelSpec;
  changesSince: (seq: number, epoch: number) => PushSource;
  report: (where: string, e: unknown) => void;
  /** At most one push per this many ms; 0 pushes after every event PT delivers (the bench's baseline). */
  pushIntervalMs?: number;
}

export class PanelBridge {
  private view: WebView | null = null;
  private viewId = "";
  private ready = false;
  private pushedSeq = 0;
  private pushedEpoch = 0;
  private lastPushAt = -Infinity;
  private timer: unknown = null;
  private pushFailed = false;
  private readonly host: Host;
  private readonly subs: Subscriptions;
  private readonly spec: PanelSpec;
  private readonly changesSince: (seq: number, epoch: number) => PushSource;
  private readonly report: (where: string, e: unknown) => void;
  private readonly pushIntervalMs: number;

  constructor(options: PanelBridgeOptions) {
    this.host = options.host;
    this.subs = options.subs;
    this.spec = options.spec;
    this.changesSince = options.changesSince;
    this.report = options.report;
    this.pushIntervalMs = options.pushIntervalMs === undefined ? PUSH_INTERVAL_MS : options.pushIntervalMs;
  }

  /** Opens the panel, or brings it to the front when it is open. */
  open(): void {
    if (this.view && this.isOpen()) {
      try {
        this.view.show();
        this.view.raise();
      } catch (e) {
        this.report("raise", e);
      }
      return;
    }
    this.forget();
    const s = this.spec;
    const url = panelUrlFor(s.url, !!this.host.fileModule);
    const view = this.host.webViewManager.createWebView(s.title, url, s.width, s.height);
    if (!view) throw new Error("Packet Tracer did not create the panel window");
    this.view = view;
    this.viewId = String(view.getWebViewId());
    this.pushFailed = false;
    this.subs.on("webview", view, "closed", () => this.forget());
  }

  private isOpen(): boolean {
    try {
      // PT answers null once the view is closed; undefined (or any falsy answer) means the same.
      return !!this.viewId && !!this.host.webViewManager.getWebView(this.viewId);
    } catch (_e) {
      return false;
    }
  }

  /** The panel has loaded and holds everything up to seq: pushes may start. */
  panelOpened(seq: number, epoch: number): void {
    this.ready = true;
    this.pushedSeq = seq;
    this.pushedEpoch = epoch;
  }

  /** Something changed: push soon, coalescing what happens in the meantime. */
  changed(): void {
    // Never flush here: a change is announced while its writer is still mid-way; the timer runs after it.
    if (!this.ready || !this.view || this.timer !== null) return;
    const wait = Math.max(0, this.lastPushAt + this.pushIntervalMs - this.host.now());
    try {
      this.timer = this.host.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
    } catch (e) {
      // Never fail the change that announced itself: the panel's pull brings it, and the next change tries again.
      this.report("setTimeout (push)", e);
    }
  }

  private flush(): void {
    if (!this.ready || !this.view) return;
    const changes = this.changesSince(this.pushedSeq, this.pushedEpoch);
    if (changes.seq === this.pushedSeq && changes.epoch === this.pushedEpoch) return;
    const push = changes.json({ type: "changed", base: this.pushedSeq });
    this.pushedSeq = changes.seq;
    this.pushedEpoch = changes.epoch;
    this.lastPushAt = this.host.now();
    try {
      this.view.evaluateJavaScriptAsync(pushScript(push));
    } catch (e) {
      // A lost push is recovered by the panel's pull. Said once per window, not once per push:
      // where pushes never work (reported on macOS) the Debug window would fill up.
      if (!this.pushFailed) this.report("evaluateJavaScriptAsync (the panel pulls instead)", e);
      this.pushFailed = true;
    }
  }

  /** The window is gone: stop pushing until a new one says hello. */
  forget(): void {
    this.subs.off("webview");
    this.view = null;
    this.viewId = "";
    this.ready = false;
    if (this.timer !== null) {
      this.host.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  close(): void {
    const id = this.viewId;
    this.forget();
    if (!id) return;
    try {
      this.host.webViewManager.closeWebView(id);
    } catch (e) {
      this.report("closeWebView", e);
    }
  }
}

/**
 * The script a push evaluates in the panel. Text from the network reaches it
 * only through JSON.stringify; U+2028/2029 are escaped too, since engines
 * before ES2019 end a string literal at them.
 */
function pushScript(push: string): string {
  const json = push.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  const receiver = "window[" + JSON.stringify(PANEL_RECEIVER) + "]";
  return receiver + "&&" + receiver + "(" + json + ")";
}
