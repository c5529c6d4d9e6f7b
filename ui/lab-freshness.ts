// Results computed from the lab (Check, the Lab check) are current or visibly
// stale, never silently old. The engine says when PT announced a change
// (EngineStatus.lab: topology, device and port events, File > Open and New);
// what PT announces nothing for (DHCP, services, accounts, records) shows only
// when the lab is read again, so a result on screen is asked for again every
// few seconds too.
import type { PanelStore } from "./store";
import { StoreView } from "./store-view";

/** Which lab a result was computed from: the engine's lab revision and the open file, and when. */
export interface LabStamp {
  lab: number;
  file: number;
  at: number;
}

export const labStamp = (store: PanelStore): LabStamp => ({
  lab: store.status.lab || 0,
  file: store.file,
  at: Date.now(),
});

/** Whether PT has said nothing about the lab since the stamp. */
export const isCurrent = (stamp: LabStamp, store: PanelStore) =>
  stamp.lab === (store.status.lab || 0) && stamp.file === store.file;

/** A large lab is read over several calls (issue 23): its answer is pending, and asked for again this soon. */
export const PENDING_MS = 300;

/** "Reading the lab… 40%" for a pending answer. */
export const readingNote = (p: { done: number; total: number }) =>
  `Reading the lab… ${p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0}%`;

/** How often a result on screen is asked for again when PT said nothing. */
export const REFRESH_MS = 4000;
/** Events come in bursts (a device and its links): one recomputation after them. */
const SETTLE_MS = 300;

/**
 * Asks again while a result is on screen: soon after PT says the lab changed, and
 * every REFRESH_MS for what PT announces no event for. `active` says whether a
 * result is on screen now; `run` asks, quietly.
 */
export class Refresher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;

  constructor(
    private readonly run: () => void,
    private readonly active: () => boolean,
  ) {}

  /** Called on every store change and after every answer: schedules the next ask, sooner when stale. */
  follow(stale: boolean): void {
    if (!this.active()) {
      this.stop();
      return;
    }
    const due = Date.now() + (stale ? SETTLE_MS : REFRESH_MS);
    // Pushes come often while mail moves: an ask already due sooner stands.
    if (this.timer !== undefined && this.due <= due) return;
    this.stop();
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.active() && !document.hidden) this.run();
      else this.follow(false);
    }, due - Date.now());
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * A view of a result computed from the lab (Check, the Lab check): stale once PT
 * says the lab changed since its stamp, and asked for again while on screen.
 */
export abstract class LabResultView<
  P extends { store: PanelStore },
  S extends { stamp: LabStamp | null },
> extends StoreView<P, S> {
  private refresher = new Refresher(
    () => this.run(true),
    () => this.shown(),
  );

  /** Asks for the result; quietly when it is asked again on its own. */
  abstract run(quiet?: boolean): unknown;
  /** Whether a result is on screen now. */
  protected abstract shown(): boolean;

  protected storeChanged(): void {
    this.forceUpdate();
    this.follow();
  }

  componentWillUnmount(): void {
    super.componentWillUnmount();
    this.refresher.stop();
  }

  /** After an answer or a change: the next ask, sooner when stale. */
  protected follow(): void {
    this.refresher.follow(this.stale());
  }

  protected stale(): boolean {
    const stamp = this.state.stamp;
    return !!stamp && !isCurrent(stamp, this.props.store);
  }
}
