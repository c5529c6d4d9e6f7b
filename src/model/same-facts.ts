// Whether two reads of the lab found the same facts. A snapshot that is the same as the last one is kept
// (src/lab-reader.ts), and with it the topology and every answer worked out over it (topology.ts memo): a
// class's lab is read again every few seconds while mail flows, and working out each sender's LAN afresh
// after each read cost Qt's engine about 50 MB of allocation per read at 300 devices (issue 23).

/**
 * Deep equality of facts as src/lab-reader.ts makes them: plain objects and arrays of strings, numbers,
 * booleans and null. A field that is absent and one that is undefined differ: the reader writes neither
 * twice the same way. Facts are a few levels deep, so the recursion is shallow.
 */
export function sameFacts(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) return sameItems(a as unknown[], b as unknown[]);
  const x = a as { [key: string]: unknown };
  const y = b as { [key: string]: unknown };
  let fields = 0;
  // for…in on the reader's own plain objects (never on PT's native ones): Object.keys would allocate an array.
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(y, key) || !sameFacts(x[key], y[key])) return false;
    fields++;
  }
  for (const _key in y) fields--;
  return fields === 0;
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (!sameFacts(a[i], b[i])) return false;
  return true;
}
