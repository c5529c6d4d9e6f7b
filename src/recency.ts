// Ids in an order the caller keeps (the order they last changed, or were
// added): moving an id to the end and removing one are O(1), and a walk starts
// where it is needed, from either end or after a given id. Qt 5.15 iterates a
// Map from its start past every entry ever deleted, so "the oldest" of a Map
// gets slower with every drop; this list does not (issue 16).
// The links are numbers in two id tables rather than a node object per id:
// with 100,000 rows, node objects were 200,000 more heap items for every
// garbage collection in Qt's engine to mark (issue 16), and WeakMap, the other
// way to hang data off a value, crashes Qt's engines past about 1,000 entries.

import { IdTable } from "./id-table";

/** Ids are positive: 0 is "none". */
const NONE = 0;

export class RecencyList {
  private readonly prev = new IdTable<number>();
  private readonly next = new IdTable<number>();
  private head = NONE;
  private tail = NONE;

  /** The id changed now: it becomes the newest. */
  moveToEnd(id: number): void {
    if (this.prev.has(id)) {
      if (this.tail === id) return;
      this.unlink(id);
    }
    this.prev.set(id, this.tail);
    this.next.set(id, NONE);
    if (this.tail !== NONE) this.next.set(this.tail, id);
    else this.head = id;
    this.tail = id;
  }

  remove(id: number): void {
    if (!this.prev.has(id)) return;
    this.unlink(id);
    this.prev.delete(id);
    this.next.delete(id);
  }

  /** Calls fn on the oldest ids, oldest first, while fn answers true. */
  oldestWhile(fn: (id: number) => boolean): void {
    for (let id = this.head; id !== NONE; id = this.next.get(id) as number) if (!fn(id)) return;
  }

  /** Calls fn on the ids after this one (from the oldest if it is gone), while fn answers true. */
  afterWhile(after: number, fn: (id: number) => boolean): void {
    const from = this.prev.has(after) ? (this.next.get(after) as number) : this.head;
    for (let id = from; id !== NONE; id = this.next.get(id) as number) if (!fn(id)) return;
  }

  /** Calls fn on the newest ids, newest first, while fn answers true. */
  newestWhile(fn: (id: number) => boolean): void {
    for (let id = this.tail; id !== NONE; id = this.prev.get(id) as number) if (!fn(id)) return;
  }

  private unlink(id: number): void {
    const p = this.prev.get(id) as number;
    const n = this.next.get(id) as number;
    if (p !== NONE) this.next.set(p, n);
    else this.head = n;
    if (n !== NONE) this.prev.set(n, p);
    else this.tail = p;
  }
}
