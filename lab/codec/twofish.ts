// Twofish with a 128-bit key, encryption only: PT's .pkt/.pka container runs
// it in EAX mode, and EAX needs only the forward cipher
// (research/pt-labs-and-fidelity.md C1). Written from the Twofish paper
// (Schneier et al., 1998, sections 4.2–4.3); checked against its known-answer
// vectors in test/lab/twofish.test.ts.

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

/** The MDS column for byte position i, as a 32-bit word (little-endian bytes). */
function mdsColumn(i: number, y: number): number {
  let z = 0;
  for (let row = 0; row < 4; row++) z |= gfMul(MDS[row][i], y, 0x169) << (8 * row);
  return z >>> 0;
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
  return (mdsColumn(0, y0) ^ mdsColumn(1, y1) ^ mdsColumn(2, y2) ^ mdsColumn(3, y3)) >>> 0;
}

function rol(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

function readWord(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/** A Twofish-128 key schedule; `encryptBlock` enciphers one 16-byte block. */
export class Twofish128 {
  private readonly k = new Uint32Array(40);
  /** g() as four key-dependent tables, one per input byte. */
  private readonly s0 = new Uint32Array(256);
  private readonly s1 = new Uint32Array(256);
  private readonly s2 = new Uint32Array(256);
  private readonly s3 = new Uint32Array(256);

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
      s.push(word >>> 0);
    }
    const rho = 0x01010101;
    for (let i = 0; i < 20; i++) {
      const a = h(Math.imul(2 * i, rho) >>> 0, m[0], m[2]);
      const b = rol(h(Math.imul(2 * i + 1, rho) >>> 0, m[1], m[3]), 8);
      this.k[2 * i] = (a + b) >>> 0;
      this.k[2 * i + 1] = rol((a + 2 * b) >>> 0, 9);
    }
    const l0 = s[1],
      l1 = s[0];
    for (let x = 0; x < 256; x++) {
      this.s0[x] = mdsColumn(0, Q1[Q0[Q0[x] ^ byteOf(l1, 0)] ^ byteOf(l0, 0)]);
      this.s1[x] = mdsColumn(1, Q0[Q0[Q1[x] ^ byteOf(l1, 1)] ^ byteOf(l0, 1)]);
      this.s2[x] = mdsColumn(2, Q1[Q1[Q0[x] ^ byteOf(l1, 2)] ^ byteOf(l0, 2)]);
      this.s3[x] = mdsColumn(3, Q0[Q1[Q1[x] ^ byteOf(l1, 3)] ^ byteOf(l0, 3)]);
    }
  }

  private g(x: number): number {
    return (this.s0[x & 0xff] ^ this.s1[(x >>> 8) & 0xff] ^ this.s2[(x >>> 16) & 0xff] ^ this.s3[x >>> 24]) >>> 0;
  }

  encryptBlock(block: Uint8Array): Uint8Array {
    const k = this.k;
    let r0 = readWord(block, 0) ^ k[0],
      r1 = readWord(block, 4) ^ k[1];
    let r2 = readWord(block, 8) ^ k[2],
      r3 = readWord(block, 12) ^ k[3];
    for (let round = 0; round < 16; round++) {
      const t0 = this.g(r0),
        t1 = this.g(rol(r1 >>> 0, 8));
      const f0 = (t0 + t1 + k[2 * round + 8]) >>> 0;
      const f1 = (t0 + 2 * t1 + k[2 * round + 9]) >>> 0;
      const n2 = rol((r2 ^ f0) >>> 0, 31); // ROR 1
      const n3 = (rol(r3 >>> 0, 1) ^ f1) >>> 0;
      r2 = r0;
      r3 = r1;
      r0 = n2;
      r1 = n3;
    }
    // The last round's swap is undone: output is (R2, R3, R0, R1) whitened.
    const out = new Uint8Array(16);
    const words = [r2 ^ k[4], r3 ^ k[5], r0 ^ k[6], r1 ^ k[7]];
    for (let i = 0; i < 4; i++) {
      const w = words[i];
      out[4 * i] = w & 0xff;
      out[4 * i + 1] = (w >>> 8) & 0xff;
      out[4 * i + 2] = (w >>> 16) & 0xff;
      out[4 * i + 3] = (w >>> 24) & 0xff;
    }
    return out;
  }
}
