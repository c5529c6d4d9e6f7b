// The panel's side of the protocol. Requests go through PT's $se (a Promise;
// its value may be the object or its JSON text: pt-script-modules.md §1.3).
// Pushes arrive through window.mailConsolePush (ui/main.ts). Pushes are a fast path
// only: the panel pulls "changes since seq" when a push is late while mail is
// moving, after any gap, and every few seconds anyway, because pushes have
// been reported lost in PT 9 on macOS (pt-script-modules.md A.7).
import type { Changes, Push, Reply, RequestOf, RequestType } from "../src/protocol";
import { CATCH_UP_CHUNK, ENGINE_ENTRY } from "../src/protocol";
import { replyFromWire, type WireReply } from "../src/wire";
import type { PanelStore } from "./store";

/** How the panel's views reach the engine: one typed request, its typed reply. */
export type Call = <T extends RequestType>(request: RequestOf<T>) => Promise<Reply<T>>;

type SeFunction = (name: string, ...args: unknown[]) => unknown;

/** A request with no answer after this long failed. */
const REQUEST_TIMEOUT_MS = 4000;
/** Pull when mail is in flight and no push came for this long. */
const QUIET_MS = 1000;
/** Pull at least this often in any case. */
const IDLE_PULL_MS = 3000;
const TICK_MS = 100;
/** PT injects $se as the page loads; still none after this long means this is not a PT web view. */
const NO_SE_MS = 3000;
export const NO_SE_NOTE =
  "This panel runs inside Packet Tracer (Extensions > Mail Console): opened anywhere else it has no engine to talk to ($se is missing).";

export class EngineLink {
  private lastPushAt = 0;
  private lastPullAt = 0;
  private pullInFlight = false;
  private opened = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private failures = 0;
  private retryAt = 0;
  private startedAt = 0;

  constructor(
    private store: PanelStore,
    private se: () => SeFunction | undefined,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One request to the engine; rejects with a readable Error when it cannot answer. */
  call<T extends RequestType>(request: RequestOf<T>): Promise<Reply<T>> {
    const se = this.se();
    if (typeof se !== "function") return Promise.reject(new Error("Packet Tracer is not ready yet (no $se)."));
    const ms = REQUEST_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The engine did not answer within ${ms / 1000} s.`)), ms);
    });
    // A throw inside $se becomes a rejection too.
    const answer = new Promise((resolve) => resolve(se(ENGINE_ENTRY, request))).then((v) =>
      replyFromWire(request.type, decode(v)),
    );
    return Promise.race([answer, late])
      .catch((e) => Promise.reject(e instanceof Error ? e : new Error(String(e))))
      .finally(() => clearTimeout(timer)) as Promise<Reply<T>>;
  }

  /** A push from the engine. */
  receive(push: Push): void {
    this.lastPushAt = Date.now();
    if (!this.opened) return; // the openPanel answer will hold it
    if (!this.store.follows(push)) {
      this.pull(); // a push was lost: fetch everything since our seq
      return;
    }
    this.store.apply(push);
    if (this.store.connection !== "live") this.store.setConnection("live");
  }

  /** Asks for every change since our seq. */
  pull(): Promise<void> {
    if (this.pullInFlight) return Promise.resolve();
    this.pullInFlight = true;
    this.lastPullAt = Date.now();
    const { seq, epoch } = this.store;
    const limit = CATCH_UP_CHUNK;
    return this.call<"openPanel" | "changesSince">(
      this.opened ? { type: "changesSince", seq, epoch, limit } : { type: "openPanel", since: seq, epoch, limit },
    )
      .then((r) => {
        if (!r.ok) throw new Error(r.error);
        this.store.apply(r.value);
        return this.rest(r.value).then(() => r.value);
      })
      .then(
        (changes: Changes) => {
          this.pullInFlight = false;
          const fresh = changes.seq > seq;
          const wasOpening = !this.opened;
          this.opened = true;
          this.failures = 0;
          // Changes a pull found that no push brought mean pushes are not arriving.
          if (wasOpening || !fresh) this.store.setConnection(this.store.connection === "pulling" ? "pulling" : "live");
          else if (Date.now() - this.lastPushAt > QUIET_MS)
            this.store.setConnection("pulling", "Updates arrive by polling (Packet Tracer is not pushing them).");
        },
        (e: Error) => {
          this.pullInFlight = false;
          if (typeof this.se() !== "function") {
            // PT has not injected $se yet (the page is still loading): try again soon, quietly at first.
            this.retryAt = Date.now() + 50;
            if (Date.now() - this.startedAt >= NO_SE_MS) this.store.setConnection("connecting", NO_SE_NOTE);
            return;
          }
          this.failures++;
          this.retryAt = Date.now() + Math.min(5000, 250 * Math.pow(2, this.failures - 1));
          this.store.setConnection(this.opened ? "offline" : "connecting", e.message + " Retrying…");
        },
      );
  }

  /**
   * A long answer comes in chunks (more): the rest, chunk by chunk, after the
   * last id held. Pushes wait meanwhile (the link is not open yet on a first
   * catch-up); what changed during it comes with the next pull.
   */
  private rest(changes: Changes): Promise<void> {
    if (!changes.more || !changes.mails.length) return Promise.resolve();
    const after = changes.mails[changes.mails.length - 1].id;
    return this.call({
      type: "changesSince",
      seq: changes.seq,
      epoch: changes.epoch,
      limit: CATCH_UP_CHUNK,
      after,
    }).then((r) => {
      if (!r.ok) throw new Error(r.error);
      this.store.apply(r.value);
      return this.rest(r.value);
    });
  }

  private tick(): void {
    const now = Date.now();
    if (this.pullInFlight || now < this.retryAt) return;
    if (!this.opened || this.store.connection === "offline") {
      this.pull();
      return;
    }
    const quiet = now - Math.max(this.lastPushAt, this.lastPullAt);
    if ((this.store.inFlight() > 0 && quiet >= QUIET_MS) || now - this.lastPullAt >= IDLE_PULL_MS) this.pull();
  }
}

/** $se may answer the object, or its JSON text (once or twice encoded). */
function decode(value: unknown): WireReply {
  let v = value;
  for (let i = 0; i < 2 && typeof v === "string"; i++) v = JSON.parse(v);
  if (!v || typeof v !== "object" || typeof (v as { ok?: unknown }).ok !== "boolean") {
    throw new Error("The engine answered something unreadable.");
  }
  return v as WireReply;
}
