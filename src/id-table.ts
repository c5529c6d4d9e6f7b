// Values by a positive integer id, for the log's tables. Not a Map: in Qt's
// QJSEngine (5.15 and 6) Map.delete costs time in proportion to the Map's
// size (0.3-0.4 ms at 100,000 entries, measured with build/bench/engine-qjs.js),
// and deleting a string key from an object is slower still in Qt 5.15 (3 ms),
// while deleting an integer key from a plain object costs next to nothing.
// But such an object keeps an array as long as the largest id it ever held
// (about 11 bytes an id in both Qt hosts, never given back): over a day's
// million mails the log's eight tables grew by some 90 MB (issue 23's soak,
// build/bench/soak.mjs). So ids are kept in a tree of three levels, each node
// an object keyed from 0: a leaf holds ID_SPAN ids, a branch ID_SPAN leaves,
// and the root one branch per ID_SPAN² ids; a node goes as a whole once it
// holds nothing. No iteration here: the log's order lists (src/recency.ts) do that.

/**
 * Ids per leaf, and leaves per branch. Small, because a node's slots are one block that doubles as it fills,
 * and Qt's collector never moves what lives: once its heap is fragmented, a block of more than a few KB fits
 * nowhere, so Qt collects (freeing next to nothing) and then takes a new 64 KB chunk (README, Qt traps). In
 * the soak (issue 23), spans of 1,024 ids cost a wasted collection every 1,024 mails (an 8 KB doubling in the
 * log's eight tables at once); spans of 128 under one flat index, a call of 94 ms (Qt 5.15) and 131 ms (Qt 6)
 * when the index doubled to 32 KB at the 262,144th mail. At 128 a node is at most 1 KB, and the root grows
 * by a slot per 16,384 ids.
 */
export const ID_SPAN = 128;
const SPAN = ID_SPAN;
const BRANCH_IDS = SPAN * SPAN;

/** A leaf's values, or a branch's leaves, and how many it holds. */
interface Node<T> {
  slots: { [slot: number]: T };
  count: number;
}

export class IdTable<T> {
  private readonly root: { [branch: number]: Node<Node<T>> } = {};
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): T | undefined {
    const branch = this.root[Math.floor(id / BRANCH_IDS)];
    const leaf = branch ? branch.slots[Math.floor(id / SPAN) % SPAN] : undefined;
    return leaf ? leaf.slots[id % SPAN] : undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: T): void {
    const b = Math.floor(id / BRANCH_IDS);
    let branch = this.root[b];
    if (!branch) {
      branch = { slots: {}, count: 0 };
      this.root[b] = branch;
    }
    const l = Math.floor(id / SPAN) % SPAN;
    let leaf = branch.slots[l];
    if (!leaf) {
      leaf = { slots: {}, count: 0 };
      branch.slots[l] = leaf;
      branch.count++;
    }
    const slot = id % SPAN;
    if (leaf.slots[slot] === undefined) {
      leaf.count++;
      this.count++;
    }
    leaf.slots[slot] = value;
  }

  delete(id: number): void {
    const b = Math.floor(id / BRANCH_IDS);
    const branch = this.root[b];
    const l = Math.floor(id / SPAN) % SPAN;
    const leaf = branch ? branch.slots[l] : undefined;
    const slot = id % SPAN;
    if (!branch || !leaf || leaf.slots[slot] === undefined) return;
    delete leaf.slots[slot];
    leaf.count--;
    this.count--;
    if (leaf.count) return;
    delete branch.slots[l];
    branch.count--;
    if (!branch.count) delete this.root[b];
  }
}
