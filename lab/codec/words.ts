// Bytes as 32-bit words for the cipher code (twofish.ts, eax.ts, container.ts).
// A word holds four bytes little-endian, as Twofish reads them: byte 4i+j is
// bits 8j..8j+7 of word i. On a little-endian machine (every browser and
// x86/ARM Node) an Int32Array over the bytes is exactly that; elsewhere the
// words are swapped in place before and after (littleEndianWords).

export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The word with its four bytes in reverse order. */
export function bswap(x: number): number {
  return (x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24);
}

/** Byte i of the little-endian words w. */
export function byteAt(w: Int32Array, i: number): number {
  return (w[i >> 2] >>> ((i & 3) << 3)) & 0xff;
}

export function setByteAt(w: Int32Array, i: number, value: number): void {
  const shift = (i & 3) << 3;
  w[i >> 2] = (w[i >> 2] & ~(0xff << shift)) | ((value & 0xff) << shift);
}

/** Zeroed bytes rounded up to whole 16-byte blocks, and the same memory as words. */
export function blockBuffer(length: number): { bytes: Uint8Array; words: Int32Array } {
  const buffer = new ArrayBuffer((length + 15) & ~15);
  return { bytes: new Uint8Array(buffer), words: new Int32Array(buffer) };
}

/** Turns the first `count` native words into little-endian words, or back (its own inverse). */
export function littleEndianWords(w: Int32Array, count: number): void {
  if (LITTLE_ENDIAN) return;
  for (let i = 0; i < count; i++) w[i] = bswap(w[i]);
}

/** A copy of `bytes` as little-endian words, in whole blocks. */
export function wordsOf(bytes: Uint8Array): Int32Array {
  const { bytes: copy, words } = blockBuffer(bytes.length);
  copy.set(bytes);
  littleEndianWords(words, words.length);
  return words;
}

/** The first `length` bytes of little-endian words, as a new array. */
export function bytesOf(w: Int32Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = byteAt(w, i);
  return out;
}
