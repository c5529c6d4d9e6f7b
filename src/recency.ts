// Values in an order the caller keeps (the order they last changed, or were
// added): moving a value to the end and removing one are O(1), and a walk
// starts where it is needed, from either end or after a given value. Qt 5.15
// iterates a Map from its start past every entry ever deleted, so "the oldest"
// of a Map gets slower with every drop; this list does not (issue 16).
// A plain linked list over a Map, since WeakMap crashes Qt's engines past about
// 1,000 entries (research/qt-jsengine.md) and the values themselves go to the
// panel as JSON (no links may hang off them).

import { IdTable } from "./id-table";

interface Node<T> {
  value: T;
  prev: Node<T> | null;
  next: Node<T> | null;
}

export class RecencyList<T> {
  private readonly nodes = new IdTable<Node<T>>();
  private head: Node<T> | null = null;
  private tail: Node<T> | null = null;

  /** The value changed now: it becomes the newest. */
  moveToEnd(id: number, value: T): void {
    let node = this.nodes.get(id);
    if (node) this.unlink(node);
    else {
      node = { value, prev: null, next: null };
      this.nodes.set(id, node);
    }
    node.value = value;
    node.prev = this.tail;
    node.next = null;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }

  remove(id: number): void {
    const node = this.nodes.get(id);
    if (!node) return;
    this.unlink(node);
    this.nodes.delete(id);
  }

  /** Calls fn on the oldest values, oldest first, while fn answers true. */
  oldestWhile(fn: (value: T) => boolean): void {
    for (let n = this.head; n; n = n.next) if (!fn(n.value)) return;
  }

  /** Calls fn on the values after the one with this id (from the oldest if it is gone), while fn answers true. */
  afterWhile(id: number, fn: (value: T) => boolean): void {
    const from = this.nodes.get(id);
    for (let n = from ? from.next : this.head; n; n = n.next) if (!fn(n.value)) return;
  }

  /** Calls fn on the newest values, newest first, while keep() holds. */
  newestWhile(keep: (value: T) => boolean, fn: (value: T) => void): void {
    for (let n = this.tail; n && keep(n.value); n = n.prev) fn(n.value);
  }

  private unlink(node: Node<T>): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
  }
}
