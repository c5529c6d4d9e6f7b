// EAX authenticated encryption (Bellare, Rogaway, Wagner 2004) over any
// 128-bit block cipher, with OMAC1 = CMAC (RFC 4493) as its MAC. PT's
// container uses it with Twofish-128 and no header, as Crypto++ implements it
// (research/pt-labs-and-fidelity.md C1). Tested with the EAX paper's AES-128
// vectors (test/lab/eax.test.ts).

export interface BlockCipher {
  /** Enciphers one 16-byte block, returning a new 16-byte block. */
  encryptBlock(block: Uint8Array): Uint8Array;
}

/** Doubling in GF(2^128) with the CMAC polynomial x^128 + x^7 + x^2 + x + 1. */
function double(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 15; i++) out[i] = ((b[i] << 1) | (b[i + 1] >>> 7)) & 0xff;
  out[15] = (b[15] << 1) & 0xff;
  if (b[0] & 0x80) out[15] ^= 0x87;
  return out;
}

/** CMAC (RFC 4493): the MAC EAX calls OMAC1. */
export function cmac(cipher: BlockCipher, data: Uint8Array): Uint8Array {
  const k1 = double(cipher.encryptBlock(new Uint8Array(16)));
  const k2 = double(k1);
  // All blocks but the last are chained plainly; the last is padded (if short) and masked.
  const blocks = Math.max(1, Math.ceil(data.length / 16));
  let x: Uint8Array = new Uint8Array(16);
  for (let b = 0; b < blocks - 1; b++) {
    for (let i = 0; i < 16; i++) x[i] ^= data[b * 16 + i];
    x = cipher.encryptBlock(x);
  }
  const at = (blocks - 1) * 16,
    rest = data.length - at;
  const mask = rest === 16 ? k1 : k2;
  for (let i = 0; i < 16; i++) x[i] ^= (i < rest ? data[at + i] : i === rest ? 0x80 : 0) ^ mask[i];
  return cipher.encryptBlock(x);
}

/** OMAC^t(data) = CMAC(15 zero bytes ‖ t ‖ data): the three EAX tweaks 0, 1, 2. */
export function omac(cipher: BlockCipher, tweak: number, data: Uint8Array): Uint8Array {
  const message = new Uint8Array(16 + data.length);
  message[15] = tweak;
  message.set(data, 16);
  return cmac(cipher, message);
}

/** CTR mode with a big-endian 128-bit counter starting at `start`. */
function ctr(cipher: BlockCipher, start: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  const counter = start.slice();
  for (let at = 0; at < data.length; at += 16) {
    const pad = cipher.encryptBlock(counter);
    const end = Math.min(16, data.length - at);
    for (let i = 0; i < end; i++) out[at + i] = data[at + i] ^ pad[i];
    for (let i = 15; i >= 0; i--) {
      counter[i] = (counter[i] + 1) & 0xff;
      if (counter[i] !== 0) break; // no carry
    }
  }
  return out;
}

function tag(cipher: BlockCipher, n: Uint8Array, header: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const h = omac(cipher, 1, header),
    c = omac(cipher, 2, ciphertext);
  const t = new Uint8Array(16);
  for (let i = 0; i < 16; i++) t[i] = n[i] ^ h[i] ^ c[i];
  return t;
}

/** Ciphertext followed by the 16-byte tag. */
export function eaxEncrypt(
  cipher: BlockCipher,
  nonce: Uint8Array,
  header: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const n = omac(cipher, 0, nonce);
  const c = ctr(cipher, n, plaintext);
  const out = new Uint8Array(c.length + 16);
  out.set(c, 0);
  out.set(tag(cipher, n, header, c), c.length);
  return out;
}

/** The plaintext, or null when the tag (the last 16 bytes) does not match. */
export function eaxDecrypt(
  cipher: BlockCipher,
  nonce: Uint8Array,
  header: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  if (sealed.length < 16) return null;
  const c = sealed.subarray(0, sealed.length - 16);
  const n = omac(cipher, 0, nonce);
  const expected = tag(cipher, n, header, c);
  let diff = 0;
  for (let i = 0; i < 16; i++) diff |= expected[i] ^ sealed[c.length + i];
  return diff === 0 ? ctr(cipher, n, c) : null;
}
