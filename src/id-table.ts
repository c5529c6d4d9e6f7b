// Values by a positive integer id, for the log's tables. Not a Map: in Qt's
// QJSEngine (5.15 and 6) Map.delete costs time in proportion to the Map's
// size (0.3-0.4 ms at 100,000 entries, measured with build/bench/engine-qjs.js),
// and deleting a string key from an object is slower still in Qt 5.15 (3 ms),
// while deleting an integer key from a plain object costs next to nothing.
// No iteration here: the log's order lists (src/recency.ts) do that.

export class IdTable<T> {
  private readonly values: { [id: number]: T } = {};
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): T | undefined {
    return this.values[id];
  }

  has(id: number): boolean {
    return this.values[id] !== undefined;
  }

  set(id: number, value: T): void {
    if (this.values[id] === undefined) this.count++;
    this.values[id] = value;
  }

  delete(id: number): void {
    if (this.values[id] === undefined) return;
    delete this.values[id];
    this.count--;
  }
}
