// Values in the order they last changed, so "everything that changed after N"
// walks only what changed: moving a value to the end and removing one are O(1).
// A plain linked list over a Map, since WeakMap crashes Qt's engines past about
// 1,000 entries (research/qt-jsengine.md) and the values themselves go to the
// panel as JSON (no links may hang off them).

interface Node<T> {
  value: T;
  prev: Node<T> | null;
  next: Node<T> | null;
}

export class RecencyList<T> {
  private readonly nodes = new Map<number, Node<T>>();
  private tail: Node<T> | null = null;

  get size(): number {
    return this.nodes.size;
  }

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
    this.tail = node;
  }

  remove(id: number): void {
    const node = this.nodes.get(id);
    if (!node) return;
    this.unlink(node);
    this.nodes.delete(id);
  }

  /** Calls fn on the newest values, newest first, while keep() holds. */
  newestWhile(keep: (value: T) => boolean, fn: (value: T) => void): void {
    for (let n = this.tail; n && keep(n.value); n = n.prev) fn(n.value);
  }

  private unlink(node: Node<T>): void {
    if (node.prev) node.prev.next = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
  }
}
