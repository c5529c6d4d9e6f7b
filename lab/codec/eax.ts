// EAX authenticated encryption (Bellare, Rogaway, Wagner 2004) over any
// 128-bit block cipher, with OMAC1 = CMAC (RFC 4493) as its MAC. PT's
// container uses it with Twofish-128 and no header, as Crypto++ implements it
// (research/pt-labs-and-fidelity.md C1). Tested with the EAX paper's AES-128
// vectors (test/lab/eax.test.ts).
//
// The work runs over little-endian words in place (words.ts): CTR and the MAC
// of the ciphertext share one pass, two block encryptions per 16 bytes and
// nothing allocated per block. CTR's counter is a big-endian 128-bit number
// (EAX paper, section 3), so it is kept as big-endian words and byte-swapped
// into the cipher's word order.
import { blockBuffer, bswap, byteAt, bytesOf, littleEndianWords, setByteAt, wordsOf } from "./words";

export interface BlockCipher {
  /** Enciphers, in place, the block in x[0..3], each word four of its bytes little-endian (words.ts). */
  encryptWords(x: Int32Array): void;
  /** Enciphers two blocks, x[0..3] and x[4..7], in place: for a cipher that runs two faster than one twice. */
  encryptTwo?(x: Int32Array): void;
}

/** The cipher's encryptTwo, or two encryptWords calls. */
function pairOf(cipher: BlockCipher): Required<Pick<BlockCipher, "encryptTwo">> {
  if (cipher.encryptTwo) return cipher as Required<BlockCipher>;
  const one = new Int32Array(4);
  return {
    encryptTwo(x) {
      for (let at = 0; at < 8; at += 4) {
        one.set(x.subarray(at, at + 4));
        cipher.encryptWords(one);
        x.set(one, at);
      }
    },
  };
}

/** A BlockCipher from one that enciphers a 16-byte array into a new one (AES through Node's crypto, in tests). */
export function wordCipher(encryptBlock: (block: Uint8Array) => Uint8Array): BlockCipher {
  return {
    encryptWords(x) {
      x.set(wordsOf(encryptBlock(bytesOf(x, 16))).subarray(0, 4));
    },
  };
}

/** CMAC's masks K1 = 2·E(0) and K2 = 4·E(0) in GF(2^128), x^128 + x^7 + x^2 + x + 1 (RFC 4493 §2.3). */
type Masks = { k1: Int32Array; k2: Int32Array };

function masks(cipher: BlockCipher): Masks {
  const l = new Int32Array(4);
  cipher.encryptWords(l);
  const k1 = double(l);
  return { k1, k2: double(k1) };
}

/** Doubling works on the block as one big-endian number: its words byte-swapped. */
function double(x: Int32Array): Int32Array {
  const b = [bswap(x[0]), bswap(x[1]), bswap(x[2]), bswap(x[3])];
  const carry = b[0] < 0 ? 0x87 : 0;
  const out = new Int32Array(4);
  for (let i = 0; i < 3; i++) out[i] = bswap((b[i] << 1) | (b[i + 1] >>> 31));
  out[3] = bswap((b[3] << 1) ^ carry);
  return out;
}

/**
 * Mixes the message's last block (`rest` bytes, 0..16, at word j of w) into
 * x: padded with 0x80 and masked with K2 when short, masked with K1 when whole.
 */
function lastBlock(x: Int32Array, w: Int32Array, j: number, rest: number, m: Masks) {
  const mask = rest === 16 ? m.k1 : m.k2;
  for (let i = 0; i < 4; i++) {
    const bytes = rest - 4 * i;
    let v = bytes >= 4 ? w[j + i] : bytes > 0 ? w[j + i] & ((1 << (8 * bytes)) - 1) : 0;
    if (bytes >= 0 && bytes < 4) v |= 0x80 << (8 * bytes);
    x[i] ^= v ^ mask[i];
  }
}

/** CMAC's chain x continued over bytes [0, length) of w, the last block masked. */
function absorb(cipher: BlockCipher, m: Masks, x: Int32Array, w: Int32Array, length: number) {
  const blocks = Math.max(1, (length + 15) >>> 4);
  for (let j = 0; j < 4 * (blocks - 1); j += 4) {
    x[0] ^= w[j];
    x[1] ^= w[j + 1];
    x[2] ^= w[j + 2];
    x[3] ^= w[j + 3];
    cipher.encryptWords(x);
  }
  lastBlock(x, w, 4 * (blocks - 1), length - 16 * (blocks - 1), m);
  cipher.encryptWords(x);
}

/** CMAC (RFC 4493): the MAC EAX calls OMAC1. */
export function cmac(cipher: BlockCipher, data: Uint8Array): Uint8Array {
  const x = new Int32Array(4);
  absorb(cipher, masks(cipher), x, wordsOf(data), data.length);
  return bytesOf(x, 16);
}

/** OMAC^t(data) = CMAC(15 zero bytes ‖ t ‖ data), the tweak block's encryption starting the chain. */
function omacWords(cipher: BlockCipher, m: Masks, t: number, w: Int32Array, length: number): Int32Array {
  const x = new Int32Array(4);
  x[3] = t << 24;
  if (length > 0) {
    cipher.encryptWords(x);
    absorb(cipher, m, x, w, length);
  } else {
    // The tweak block is the last block, and whole.
    for (let i = 0; i < 4; i++) x[i] ^= m.k1[i];
    cipher.encryptWords(x);
  }
  return x;
}

/**
 * CTR from the counter n over bytes [0, length) of w, in place, together with
 * OMAC^2 of the ciphertext (read before CTR when decrypting, after when
 * encrypting). Bytes of w past `length` are left as they are. Pipelined: one
 * encryptTwo makes the MAC step of block i and the CTR pad of block i + 1.
 * `plainXor` (64 words, a 256-byte pattern repeated) is XORed into the plaintext
 * side in the same pass: the container's next layer rides along.
 */
function ctrAndMac(
  cipher: BlockCipher,
  m: Masks,
  n: Int32Array,
  w: Int32Array,
  length: number,
  decrypting: boolean,
  plainXor: Int32Array,
): Int32Array {
  if (length === 0) return omacWords(cipher, m, 2, w, 0);
  if (plainXor.length !== 64) throw new Error("EAX: plainXor must be 64 words");
  const two = pairOf(cipher);
  // x[0..3]: the MAC chain, x[4..7]: the pad for the next block.
  const x = new Int32Array(8);
  x[3] = 2 << 24;
  let c0 = bswap(n[0]),
    c1 = bswap(n[1]),
    c2 = bswap(n[2]),
    c3 = bswap(n[3]);
  const last = 4 * ((length - 1) >>> 4);
  for (let j = 0; ; j += 4) {
    x[4] = bswap(c0);
    x[5] = bswap(c1);
    x[6] = bswap(c2);
    x[7] = bswap(c3);
    two.encryptTwo(x);
    if (j === last) break;
    c3 = (c3 + 1) | 0;
    if (c3 === 0) {
      c2 = (c2 + 1) | 0;
      if (c2 === 0) {
        c1 = (c1 + 1) | 0;
        if (c1 === 0) c0 = (c0 + 1) | 0;
      }
    }
    const v0 = w[j],
      v1 = w[j + 1],
      v2 = w[j + 2],
      v3 = w[j + 3];
    const q = j & 63;
    const o0 = v0 ^ x[4] ^ plainXor[q],
      o1 = v1 ^ x[5] ^ plainXor[q + 1],
      o2 = v2 ^ x[6] ^ plainXor[q + 2],
      o3 = v3 ^ x[7] ^ plainXor[q + 3];
    w[j] = o0;
    w[j + 1] = o1;
    w[j + 2] = o2;
    w[j + 3] = o3;
    if (decrypting) {
      x[0] ^= v0;
      x[1] ^= v1;
      x[2] ^= v2;
      x[3] ^= v3;
    } else {
      x[0] ^= o0;
      x[1] ^= o1;
      x[2] ^= o2;
      x[3] ^= o3;
    }
  }
  const rest = length - 4 * last;
  if (decrypting) lastBlock(x, w, last, rest, m);
  for (let i = 0; i < 4; i++) {
    const bytes = rest - 4 * i;
    const pad = x[4 + i] ^ plainXor[(last + i) & 63];
    if (bytes >= 4) w[last + i] ^= pad;
    else if (bytes > 0) w[last + i] ^= pad & ((1 << (8 * bytes)) - 1);
  }
  if (!decrypting) lastBlock(x, w, last, rest, m);
  cipher.encryptWords(x);
  return x;
}

/** N = OMAC^0(nonce) and OMAC^1(header) XORed into N's copy: the parts of the tag that do not depend on the text. */
function start(cipher: BlockCipher, nonce: Uint8Array, header: Uint8Array) {
  const m = masks(cipher);
  const n = omacWords(cipher, m, 0, wordsOf(nonce), nonce.length);
  const h = omacWords(cipher, m, 1, wordsOf(header), header.length);
  const nh = new Int32Array(4);
  for (let i = 0; i < 4; i++) nh[i] = n[i] ^ h[i];
  return { m, n, nh };
}

/** Nothing XORed into the plaintext. */
const NO_XOR = new Int32Array(64);

/**
 * Encrypts bytes [0, length) of the little-endian words w in place and writes
 * the 16-byte tag after them; w must hold length + 16 bytes. The plaintext is
 * first XORed with `plainXor` (see ctrAndMac).
 */
export function eaxSealWords(
  cipher: BlockCipher,
  nonce: Uint8Array,
  header: Uint8Array,
  w: Int32Array,
  length: number,
  plainXor: Int32Array = NO_XOR,
): void {
  const { m, n, nh } = start(cipher, nonce, header);
  const c = ctrAndMac(cipher, m, n, w, length, false, plainXor);
  for (let i = 0; i < 16; i++) setByteAt(w, length + i, byteAt(nh, i) ^ byteAt(c, i));
}

/**
 * Decrypts in place the `sealed` bytes of w, ciphertext then its 16-byte
 * tag: true when the tag matches, the plaintext (XORed with `plainXor`, see
 * ctrAndMac) then in bytes [0, sealed - 16). On false, those bytes are garbage.
 */
export function eaxOpenWords(
  cipher: BlockCipher,
  nonce: Uint8Array,
  header: Uint8Array,
  w: Int32Array,
  sealed: number,
  plainXor: Int32Array = NO_XOR,
): boolean {
  if (sealed < 16) return false;
  const length = sealed - 16;
  const { m, n, nh } = start(cipher, nonce, header);
  const c = ctrAndMac(cipher, m, n, w, length, true, plainXor);
  let diff = 0;
  for (let i = 0; i < 16; i++) diff |= byteAt(nh, i) ^ byteAt(c, i) ^ byteAt(w, length + i);
  return diff === 0;
}

/** Ciphertext followed by the 16-byte tag. */
export function eaxEncrypt(
  cipher: BlockCipher,
  nonce: Uint8Array,
  header: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const { bytes, words } = blockBuffer(plaintext.length + 16);
  bytes.set(plaintext);
  littleEndianWords(words, words.length);
  eaxSealWords(cipher, nonce, header, words, plaintext.length);
  littleEndianWords(words, words.length);
  return bytes.subarray(0, plaintext.length + 16);
}

/** The plaintext, or null when the tag (the last 16 bytes) does not match. */
export function eaxDecrypt(
  cipher: BlockCipher,
  nonce: Uint8Array,
  header: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  const { bytes, words } = blockBuffer(sealed.length);
  bytes.set(sealed);
  littleEndianWords(words, words.length);
  if (!eaxOpenWords(cipher, nonce, header, words, sealed.length)) return null;
  littleEndianWords(words, words.length);
  return bytes.subarray(0, sealed.length - 16);
}
