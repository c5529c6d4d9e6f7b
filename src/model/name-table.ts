// Values by name (a device's, a port's, an address, a memo's question) that
// give Qt's engine no new shape per key. An object used as a table makes an
// InternalClass for every key it has not met in that order, and Qt keeps those
// in an allocator of their own: when that one runs dry while the main heap is
// half free, Qt collects rather than grows it, and each collection marks the
// whole heap to free a few dead shapes (README, Qt traps). A read of a
// 300-device lab and the index over it made thousands of such shapes; in the
// soak they set off runs of up to 14 collections that freed next to nothing,
// 60-97 ms in one tick. A Map makes no shape, but Qt looks a key up by comparing
// it with every key in turn (ESTable), so the keys are spread over small Maps
// by a hash of a few of their characters.

/** Maps a table spreads its keys over: a 10,000-answer memo then compares about 80 keys a lookup. */
const BUCKETS = 64;

/**
 * Which Map holds `key`: its length and a few characters, where a class's names differ (a number at the end,
 * a device's name near the start of a port's or a question's key). Every character read is a call into Qt.
 */
function bucketOf(key: string): number {
  // Its length by a method: reading a string's .length allocates a heap item each time in Qt (README, Qt traps).
  // Each read inline, as a closure costs an allocation per call; NaN past either end is 0.
  const n = key.lastIndexOf("");
  const h =
    n * 131 +
    (key.charCodeAt(n - 1) | 0) * 31 +
    (key.charCodeAt(n - 2) | 0) * 37 +
    (key.charCodeAt(n >> 1) | 0) * 17 +
    (key.charCodeAt(2) | 0) * 3 +
    (key.charCodeAt(3) | 0) * 7 +
    (key.charCodeAt(4) | 0) * 11 +
    (key.charCodeAt(5) | 0) * 13 +
    (key.charCodeAt(6) | 0) * 19;
  return h & (BUCKETS - 1);
}

export class NameTable<V> {
  private readonly maps: (Map<string, V> | undefined)[] = [];

  get(key: string): V | undefined {
    const m = this.maps[bucketOf(key)];
    return m === undefined ? undefined : m.get(key);
  }

  has(key: string): boolean {
    const m = this.maps[bucketOf(key)];
    return m !== undefined && m.has(key);
  }

  set(key: string, value: V): void {
    const b = bucketOf(key);
    let m = this.maps[b];
    if (m === undefined) {
      m = new Map<string, V>();
      this.maps[b] = m;
    }
    m.set(key, value);
  }
}
