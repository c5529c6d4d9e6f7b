// Values by a positive integer id, for the log's tables. Not a Map: in Qt's
// QJSEngine (5.15 and 6) Map.delete costs time in proportion to the Map's
// size (0.3-0.4 ms at 100,000 entries, measured with build/bench/engine-qjs.js),
// and deleting a string key from an object is slower still in Qt 5.15 (3 ms),
// while deleting an integer key from a plain object costs next to nothing.
// But such an object keeps an array as long as the largest id it ever held
// (about 11 bytes an id in both Qt hosts, never given back): over a day's
// million mails the log's eight tables grew by some 90 MB (issue 23's soak,
// build/bench/soak.mjs). So ids are kept in spans of ID_SPAN ids, each its own
// object keyed from 0, and a span goes as a whole once its last id is deleted.
// No iteration here: the log's order lists (src/recency.ts) do that.

/**
 * Ids per span: a span's object is at most this long, and the spans' index grows by one slot per this many ids.
 * Small, because a span's slots are one block that doubles as it fills, and Qt's collector never moves what
 * lives: once its heap is fragmented, a block of more than a few KB fits nowhere, so Qt collects (freeing
 * next to nothing) and then takes a new 64 KB chunk. At 1,024 ids a span (8 KB at its last doubling, in each
 * of the log's eight tables at once) that was a wasted collection every 1,024 mails in the soak, 10-25 ms in
 * a call (issue 23). At 128 a span is 1 KB, and the index 8 KB a table per 128,000 ids.
 */
export const ID_SPAN = 128;
const SPAN = ID_SPAN;

interface Span<T> {
  values: { [slot: number]: T };
  count: number;
}

export class IdTable<T> {
  private readonly spans: { [span: number]: Span<T> } = {};
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): T | undefined {
    const span = this.spans[Math.floor(id / SPAN)];
    return span ? span.values[id % SPAN] : undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: T): void {
    const n = Math.floor(id / SPAN);
    let span = this.spans[n];
    if (!span) {
      span = { values: {}, count: 0 };
      this.spans[n] = span;
    }
    const slot = id % SPAN;
    if (span.values[slot] === undefined) {
      span.count++;
      this.count++;
    }
    span.values[slot] = value;
  }

  delete(id: number): void {
    const n = Math.floor(id / SPAN);
    const span = this.spans[n];
    const slot = id % SPAN;
    if (!span || span.values[slot] === undefined) return;
    delete span.values[slot];
    span.count--;
    this.count--;
    if (!span.count) delete this.spans[n];
  }
}
