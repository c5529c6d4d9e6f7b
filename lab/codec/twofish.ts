// Twofish with a 128-bit key, encryption only: PT's .pkt/.pka container runs
// it in EAX mode, and EAX needs only the forward cipher
// (research/pt-labs-and-fidelity.md C1). Written from the Twofish paper
// (Schneier et al., 1998, sections 4.2–4.3); checked against its known-answer
// vectors in test/lab/twofish.test.ts.
//
// "Full keying" (paper, section 7.1): the key schedule and the key-dependent
// S-boxes merged with the MDS matrix into four 256-entry tables are computed
// once per key, so a round is eight table loads and a few adds. Blocks are
// four 32-bit words (Int32Array: XOR and `| 0` adds stay 32-bit integers in
// V8), and nothing is allocated per block.
import type { BlockCipher } from "./eax";

/** The four 4-bit tables of q0 and of q1 (paper, section 4.3.5). */
const Q_TABLES: number[][][] = [
  [
    [0x8, 0x1, 0x7, 0xd, 0x6, 0xf, 0x3, 0x2, 0x0, 0xb, 0x5, 0x9, 0xe, 0xc, 0xa, 0x4],
    [0xe, 0xc, 0xb, 0x8, 0x1, 0x2, 0x3, 0x5, 0xf, 0x4, 0xa, 0x6, 0x7, 0x0, 0x9, 0xd],
    [0xb, 0xa, 0x5, 0xe, 0x6, 0xd, 0x9, 0x0, 0xc, 0x8, 0xf, 0x3, 0x2, 0x4, 0x7, 0x1],
    [0xd, 0x7, 0xf, 0x4, 0x1, 0x2, 0x6, 0xe, 0x9, 0xb, 0x3, 0x0, 0x8, 0x5, 0xc, 0xa],
  ],
  [
    [0x2, 0x8, 0xb, 0xd, 0xf, 0x7, 0x6, 0xe, 0x3, 0x1, 0x9, 0x4, 0x0, 0xa, 0xc, 0x5],
    [0x1, 0xe, 0x2, 0xb, 0x4, 0xc, 0x3, 0x7, 0x6, 0xd, 0xa, 0x5, 0xf, 0x9, 0x0, 0x8],
    [0x4, 0xc, 0x7, 0x5, 0x1, 0x6, 0x9, 0xa, 0x0, 0xe, 0xd, 0x8, 0x2, 0xb, 0x3, 0xf],
    [0xb, 0x9, 0x5, 0x1, 0xc, 0x3, 0xd, 0xe, 0x6, 0x4, 0x7, 0xf, 0x2, 0x0, 0x8, 0xa],
  ],
];

const MDS = [
  [0x01, 0xef, 0x5b, 0x5b],
  [0x5b, 0xef, 0xef, 0x01],
  [0xef, 0x5b, 0x01, 0xef],
  [0xef, 0x01, 0xef, 0x5b],
];

const RS = [
  [0x01, 0xa4, 0x55, 0x87, 0x5a, 0x58, 0xdb, 0x9e],
  [0xa4, 0x56, 0x82, 0xf3, 0x1e, 0xc6, 0x68, 0xe5],
  [0x02, 0xa1, 0xfc, 0xc1, 0x47, 0xae, 0x3d, 0x19],
  [0xa4, 0x55, 0x87, 0x5a, 0x58, 0xdb, 0x9e, 0x03],
];

function ror4(x: number): number {
  return ((x >>> 1) | (x << 3)) & 0xf;
}

function buildQ(t: number[][]): Uint8Array {
  const q = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    const a0 = x >>> 4,
      b0 = x & 0xf;
    const a1 = a0 ^ b0,
      b1 = (a0 ^ ror4(b0) ^ (8 * a0)) & 0xf;
    const a2 = t[0][a1],
      b2 = t[1][b1];
    const a3 = a2 ^ b2,
      b3 = (a2 ^ ror4(b2) ^ (8 * a2)) & 0xf;
    q[x] = (t[3][b3] << 4) | t[2][a3];
  }
  return q;
}

const Q0 = buildQ(Q_TABLES[0]);
const Q1 = buildQ(Q_TABLES[1]);

/** Multiplication in GF(2^8) modulo the given polynomial. */
function gfMul(a: number, b: number, poly: number): number {
  let r = 0;
  while (b) {
    if (b & 1) r ^= a;
    a <<= 1;
    if (a & 0x100) a ^= poly;
    b >>>= 1;
  }
  return r;
}

/** c·y for every y, mod x^8+x^6+x^5+x^3+1: c·2^k by doubling, the rest as sums of those (cheap before the JIT). */
function timesTable(c: number): Uint8Array {
  const t = new Uint8Array(256);
  for (let bit = 1, v = c; bit < 256; bit <<= 1, v = v & 0x80 ? ((v << 1) ^ 0x169) & 0xff : v << 1) t[bit] = v;
  for (let y = 3; y < 256; y++) if (y & (y - 1)) t[y] = t[y & (y - 1)] ^ t[y & -y];
  return t;
}

/** Column i of the MDS matrix times y, as a 32-bit word (little-endian bytes), for every y: key-independent. */
const MDS_COLUMNS: Int32Array[] = (() => {
  const tables = [0x01, 0x5b, 0xef].map(timesTable);
  const times = (c: number) => tables[c === 0x01 ? 0 : c === 0x5b ? 1 : 2];
  return [0, 1, 2, 3].map((i) => {
    const [t0, t1, t2, t3] = MDS.map((row) => times(row[i]));
    const column = new Int32Array(256);
    for (let y = 0; y < 256; y++) column[y] = t0[y] | (t1[y] << 8) | (t2[y] << 16) | (t3[y] << 24);
    return column;
  });
})();

function mdsColumn(i: number, y: number): number {
  return MDS_COLUMNS[i][y];
}

function byteOf(word: number, i: number): number {
  return (word >>> (8 * i)) & 0xff;
}

/** h(X, L) for k = 2 (128-bit keys), through the MDS (paper, section 4.3.2). */
function h(x: number, l0: number, l1: number): number {
  const y0 = Q1[Q0[Q0[byteOf(x, 0)] ^ byteOf(l1, 0)] ^ byteOf(l0, 0)];
  const y1 = Q0[Q0[Q1[byteOf(x, 1)] ^ byteOf(l1, 1)] ^ byteOf(l0, 1)];
  const y2 = Q1[Q1[Q0[byteOf(x, 2)] ^ byteOf(l1, 2)] ^ byteOf(l0, 2)];
  const y3 = Q0[Q1[Q1[byteOf(x, 3)] ^ byteOf(l1, 3)] ^ byteOf(l0, 3)];
  return mdsColumn(0, y0) ^ mdsColumn(1, y1) ^ mdsColumn(2, y2) ^ mdsColumn(3, y3);
}

function rol(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

function readWord(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}

/** A Twofish-128 key, fully keyed; encryptWords enciphers one block in place. */
export class Twofish128 implements BlockCipher {
  private readonly k = new Int32Array(40);
  /** g() as four key-dependent tables, one per input byte: S-box then MDS column. */
  private readonly s0 = new Int32Array(256);
  private readonly s1 = new Int32Array(256);
  private readonly s2 = new Int32Array(256);
  private readonly s3 = new Int32Array(256);

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new Error("Twofish128: the key must be 16 bytes");
    const m = [readWord(key, 0), readWord(key, 4), readWord(key, 8), readWord(key, 12)];
    // S = (S1, S0): the RS code of each 8 key bytes, in reverse order (section 4.3).
    const s: number[] = [];
    for (let i = 0; i < 2; i++) {
      let word = 0;
      for (let row = 0; row < 4; row++) {
        let v = 0;
        for (let j = 0; j < 8; j++) v ^= gfMul(RS[row][j], key[8 * i + j], 0x14d);
        word |= v << (8 * row);
      }
      s.push(word);
    }
    const rho = 0x01010101;
    for (let i = 0; i < 20; i++) {
      const a = h(Math.imul(2 * i, rho), m[0], m[2]);
      const b = rol(h(Math.imul(2 * i + 1, rho), m[1], m[3]), 8);
      this.k[2 * i] = (a + b) | 0;
      this.k[2 * i + 1] = rol((a + 2 * b) | 0, 9);
    }
    // h(x, S) through the MDS for every byte x, one table per byte position (section 7.1).
    const [m0, m1, m2, m3] = MDS_COLUMNS;
    const a0 = byteOf(s[0], 0),
      a1 = byteOf(s[0], 1),
      a2 = byteOf(s[0], 2),
      a3 = byteOf(s[0], 3);
    const b0 = byteOf(s[1], 0),
      b1 = byteOf(s[1], 1),
      b2 = byteOf(s[1], 2),
      b3 = byteOf(s[1], 3);
    for (let x = 0; x < 256; x++) {
      this.s0[x] = m0[Q1[Q0[Q0[x] ^ a0] ^ b0]];
      this.s1[x] = m1[Q0[Q0[Q1[x] ^ a1] ^ b1]];
      this.s2[x] = m2[Q1[Q1[Q0[x] ^ a2] ^ b2]];
      this.s3[x] = m3[Q0[Q1[Q1[x] ^ a3] ^ b3]];
    }
  }

  /**
   * Enciphers the block in x[0..3] in place; x[i] holds block bytes 4i..4i+3
   * little-endian, the order Twofish reads them (paper, section 4.1).
   */
  encryptWords(x: Int32Array): void {
    const k = this.k,
      s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      s3 = this.s3;
    let a = x[0] ^ k[0],
      b = x[1] ^ k[1],
      c = x[2] ^ k[2],
      d = x[3] ^ k[3];
    // Two rounds per turn, so the halves never swap: F(a, b) mixes into (c, d), then F(c, d) into (a, b).
    for (let r = 8; r < 40; r += 4) {
      let t0 = s0[a & 0xff] ^ s1[(a >>> 8) & 0xff] ^ s2[(a >>> 16) & 0xff] ^ s3[a >>> 24];
      // g(ROL(b, 8)): the same tables, fed b's bytes rotated by one.
      let t1 = s0[b >>> 24] ^ s1[b & 0xff] ^ s2[(b >>> 8) & 0xff] ^ s3[(b >>> 16) & 0xff];
      c ^= (t0 + t1 + k[r]) | 0;
      c = (c >>> 1) | (c << 31);
      d = ((d << 1) | (d >>> 31)) ^ ((t0 + (t1 << 1) + k[r + 1]) | 0);
      t0 = s0[c & 0xff] ^ s1[(c >>> 8) & 0xff] ^ s2[(c >>> 16) & 0xff] ^ s3[c >>> 24];
      t1 = s0[d >>> 24] ^ s1[d & 0xff] ^ s2[(d >>> 8) & 0xff] ^ s3[(d >>> 16) & 0xff];
      a ^= (t0 + t1 + k[r + 2]) | 0;
      a = (a >>> 1) | (a << 31);
      b = ((b << 1) | (b >>> 31)) ^ ((t0 + (t1 << 1) + k[r + 3]) | 0);
    }
    // The last round's swap is undone: the output is (R2, R3, R0, R1), whitened.
    x[0] = c ^ k[4];
    x[1] = d ^ k[5];
    x[2] = a ^ k[6];
    x[3] = b ^ k[7];
  }

  /**
   * Enciphers two blocks at once, x[0..3] and x[4..7], their rounds
   * interleaved: each round waits on its table loads, and the other block's
   * round fills the wait (EAX has a CTR block and a MAC block to do per 16
   * bytes, eax.ts).
   */
  encryptTwo(x: Int32Array): void {
    const k = this.k,
      s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      s3 = this.s3;
    let a = x[0] ^ k[0],
      b = x[1] ^ k[1],
      c = x[2] ^ k[2],
      d = x[3] ^ k[3];
    let e = x[4] ^ k[0],
      f = x[5] ^ k[1],
      g = x[6] ^ k[2],
      h = x[7] ^ k[3];
    for (let r = 8; r < 40; r += 4) {
      let t0 = s0[a & 0xff] ^ s1[(a >>> 8) & 0xff] ^ s2[(a >>> 16) & 0xff] ^ s3[a >>> 24];
      let t1 = s0[b >>> 24] ^ s1[b & 0xff] ^ s2[(b >>> 8) & 0xff] ^ s3[(b >>> 16) & 0xff];
      let u0 = s0[e & 0xff] ^ s1[(e >>> 8) & 0xff] ^ s2[(e >>> 16) & 0xff] ^ s3[e >>> 24];
      let u1 = s0[f >>> 24] ^ s1[f & 0xff] ^ s2[(f >>> 8) & 0xff] ^ s3[(f >>> 16) & 0xff];
      c ^= (t0 + t1 + k[r]) | 0;
      c = (c >>> 1) | (c << 31);
      d = ((d << 1) | (d >>> 31)) ^ ((t0 + (t1 << 1) + k[r + 1]) | 0);
      g ^= (u0 + u1 + k[r]) | 0;
      g = (g >>> 1) | (g << 31);
      h = ((h << 1) | (h >>> 31)) ^ ((u0 + (u1 << 1) + k[r + 1]) | 0);
      t0 = s0[c & 0xff] ^ s1[(c >>> 8) & 0xff] ^ s2[(c >>> 16) & 0xff] ^ s3[c >>> 24];
      t1 = s0[d >>> 24] ^ s1[d & 0xff] ^ s2[(d >>> 8) & 0xff] ^ s3[(d >>> 16) & 0xff];
      u0 = s0[g & 0xff] ^ s1[(g >>> 8) & 0xff] ^ s2[(g >>> 16) & 0xff] ^ s3[g >>> 24];
      u1 = s0[h >>> 24] ^ s1[h & 0xff] ^ s2[(h >>> 8) & 0xff] ^ s3[(h >>> 16) & 0xff];
      a ^= (t0 + t1 + k[r + 2]) | 0;
      a = (a >>> 1) | (a << 31);
      b = ((b << 1) | (b >>> 31)) ^ ((t0 + (t1 << 1) + k[r + 3]) | 0);
      e ^= (u0 + u1 + k[r + 2]) | 0;
      e = (e >>> 1) | (e << 31);
      f = ((f << 1) | (f >>> 31)) ^ ((u0 + (u1 << 1) + k[r + 3]) | 0);
    }
    x[0] = c ^ k[4];
    x[1] = d ^ k[5];
    x[2] = a ^ k[6];
    x[3] = b ^ k[7];
    x[4] = g ^ k[4];
    x[5] = h ^ k[5];
    x[6] = e ^ k[6];
    x[7] = f ^ k[7];
  }

  /** One 16-byte block, as a new 16-byte block (for tests and one-off use). */
  encryptBlock(block: Uint8Array): Uint8Array {
    const x = new Int32Array(4);
    for (let i = 0; i < 4; i++) x[i] = readWord(block, 4 * i);
    this.encryptWords(x);
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i++) out[i] = byteOf(x[i >> 2], i & 3);
    return out;
  }
}
