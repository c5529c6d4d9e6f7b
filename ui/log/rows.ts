// The log's lines under the current filter, kept up to date from each apply's
// delta rather than recomputed over every mail. A line is a unit: a group
// (one compose's mails) or a mail on its own, keyed by the group id, which is
// its first mail's id. A unit is shown when at least one of its mails passes.
import type { MailEntry } from "../../src/protocol";
import { type PanelStore, search } from "../store";
import { type LogFilter, matcher } from "./filter";

const findKey = (list: readonly number[], key: number) => search(list.length, (i) => list[i], key);

const unitOf = (m: MailEntry) => m.group || m.id;

export class LogRows {
  /** Units with a passing mail, ascending (the list shows them newest first). */
  private units: number[] = [];
  /** Passing mails, and the unit each belongs to. */
  private passing = new Map<number, number>();
  /** How many passing mails each shown unit has. */
  private hits = new Map<number, number>();
  private test: (m: MailEntry) => boolean = () => true;
  private seen: object | null = null;
  /** Moves on whenever the set of lines or passing mails changes. */
  version = 0;

  constructor(
    private store: PanelStore,
    public filter: LogFilter,
  ) {
    this.setFilter(filter);
  }

  get count(): number {
    return this.units.length;
  }

  /** The key of the i-th line from the top (newest first). */
  keyAt(i: number): number {
    return this.units[this.units.length - 1 - i];
  }

  /** Where a unit's line is from the top, or -1. */
  indexOf(key: number): number {
    const i = findKey(this.units, key);
    return i < 0 ? -1 : this.units.length - 1 - i;
  }

  passes(id: number): boolean {
    return this.passing.has(id);
  }

  /** The passing mails, oldest first (what an export of the shown rows holds). */
  shown(): MailEntry[] {
    return this.store.mails.filter((m) => this.passing.has(m.id));
  }

  setFilter(f: LogFilter): void {
    this.filter = f;
    this.test = matcher(f);
    this.units = [];
    this.passing.clear();
    this.hits.clear();
    for (const m of this.store.mails) if (this.test(m)) this.enter(m);
    this.seen = this.store.delta;
    this.version++;
  }

  /** Follows the store's last change; answers whether the lines changed. */
  sync(): boolean {
    const d = this.store.delta;
    if (d === this.seen) return false;
    if (d.reset) {
      this.setFilter(this.filter);
      return true;
    }
    this.seen = d;
    const before = this.version;
    for (const id of d.removed) this.leave(id);
    for (const m of d.changed) {
      const now = this.test(m);
      if (now !== this.passing.has(m.id)) {
        if (now) this.enter(m);
        else this.leave(m.id);
      }
    }
    return this.version !== before;
  }

  private enter(m: MailEntry): void {
    const u = unitOf(m);
    this.passing.set(m.id, u);
    this.version++;
    const n = this.hits.get(u) || 0;
    this.hits.set(u, n + 1);
    if (n) return;
    const last = this.units.length ? this.units[this.units.length - 1] : -1;
    if (u > last) this.units.push(u);
    else this.units.splice(-findKey(this.units, u) - 1, 0, u);
  }

  private leave(id: number): void {
    const u = this.passing.get(id);
    if (u === undefined) return;
    this.passing.delete(id);
    this.version++;
    const n = (this.hits.get(u) || 1) - 1;
    if (n) {
      this.hits.set(u, n);
      return;
    }
    this.hits.delete(u);
    const i = findKey(this.units, u);
    if (i >= 0) this.units.splice(i, 1);
  }
}
