// PT 5+ saved-file container, the layers around the qCompress payload
// (research/pt-labs-and-fidelity.md C1; aacanadaa/packet-tracer-pkt-format
// FORMAT.md §3–§6, reversed from PT 9.0.1.0858):
//   file = reverse+XOR( EAX_Twofish( XOR(m - i)( qCompress(xml) ) ) ‖ tag )
// .pkt and .pka share it; only the XML root differs. Pure code: runs in Node
// and in a browser.
//
// Decoding makes one buffer of the file's size in two passes over words: the
// file read backwards (layer A), then EAX in place with layer B XORed in as it
// decrypts. Encoding is the same backwards. The XOR layers repeat every 256
// bytes, so each is a 64-word table.
import { eaxOpenWords, eaxSealWords } from "./eax";
import { Twofish128 } from "./twofish";
import { blockBuffer, byteAt, littleEndianWords, setByteAt } from "./words";

/** Refuse files larger than this before any work (the largest public .pka seen is ~20 MB, C1). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Refuse a declared XML length above this before inflating (zlib-bomb guard). */
export const MAX_XML_BYTES = 256 * 1024 * 1024;

/** A file that is not a readable lab; the message is one line, without the file name. */
export class LabFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabFileError";
  }
}

// `Util::decryptPTSave` = `Util::decrypt<Twofish>(data, 0x89, 0x10)`: key and nonce are one byte repeated 16 times.
const KEY_BYTE = 0x89;
const NONCE_BYTE = 0x10;
const TAG_BYTES = 16;
/** qCompress: 4-byte big-endian length, then a zlib stream (2-byte header at least). */
const FRAME_MIN = 4 + 2;

let cipher: Twofish128 | null = null;
function ptCipher(): Twofish128 {
  if (!cipher) cipher = new Twofish128(new Uint8Array(16).fill(KEY_BYTE));
  return cipher;
}
const NONCE = new Uint8Array(16).fill(NONCE_BYTE);
const NO_HEADER = new Uint8Array(0);

/** Names a few common non-PT files, for a clearer error than "tag mismatch". */
function sniff(file: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => file[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "a PNG image";
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return "a ZIP archive";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "a PDF document";
  if (starts(0x3c) || starts(0xef, 0xbb, 0xbf, 0x3c)) return "plain text or XML (already decoded?)";
  return null;
}

/** Layer A's XOR bytes (n * (1 - i)) mod 256, or layer B's (m - i) mod 256, as 64 little-endian words. */
function pattern(byte: (i: number) => number): Int32Array {
  const p = new Int32Array(64);
  for (let i = 0; i < 256; i++) p[i >> 2] |= (byte(i) & 0xff) << ((i & 3) << 3);
  return p;
}

/** Layer A's (n * (1 - i)) mod 256, for a file of n bytes. */
const layerA = (n: number) => (i: number) => Math.imul(n, 1 - i);

/**
 * Layer A out of the file into words: C[i] = F[n-1-i] XOR (n * (1 - i)) mod
 * 256. Four bytes of F read big-endian are C's next little-endian word.
 */
function unreverse(file: Uint8Array, w: Int32Array): void {
  const n = file.length,
    p = pattern(layerA(n)),
    whole = n >>> 2;
  const f = new DataView(file.buffer, file.byteOffset, n);
  for (let j = 0; j < whole; j++) w[j] = f.getInt32(n - 4 - 4 * j) ^ p[j & 63];
  for (let i = 4 * whole; i < n; i++) setByteAt(w, i, file[n - 1 - i] ^ layerA(n)(i));
}

/** Layer A from words into a new file: F[n-1-i] = C[i] XOR (n * (1 - i)) mod 256. */
function reverse(w: Int32Array, n: number): Uint8Array {
  const file = new Uint8Array(n),
    p = pattern(layerA(n)),
    whole = n >>> 2;
  const f = new DataView(file.buffer);
  for (let j = 0; j < whole; j++) f.setInt32(n - 4 - 4 * j, w[j] ^ p[j & 63]);
  for (let i = 4 * whole; i < n; i++) file[n - 1 - i] = byteAt(w, i) ^ (layerA(n)(i) & 0xff);
  return file;
}

/** Layer B (Util::deobfuscateBytes): P[i] XOR (m - i) mod 256, XORed in by EAX as it goes. */
const layerB = (m: number) => pattern((i) => m - i);

/** Layers A, EAX and B: from the file's bytes to the qCompress frame (a view into one new buffer). */
export function openContainer(file: Uint8Array): Uint8Array {
  const n = file.length;
  if (n === 0) throw new LabFileError("empty file");
  if (n > MAX_FILE_BYTES)
    throw new LabFileError("file is " + n + " bytes, above the " + MAX_FILE_BYTES + "-byte limit");
  if (n < TAG_BYTES + FRAME_MIN) throw new LabFileError("too short to be a Packet Tracer file (" + n + " bytes)");
  const { bytes, words } = blockBuffer(n);
  unreverse(file, words);
  const m = n - TAG_BYTES;
  if (!eaxOpenWords(ptCipher(), NONCE, NO_HEADER, words, n, layerB(m))) {
    const what = sniff(file);
    throw new LabFileError(
      what
        ? "not a Packet Tracer file: it looks like " + what
        : "not a Packet Tracer 5+ file, or damaged: the authentication tag does not match",
    );
  }
  littleEndianWords(words, (m + 3) >>> 2);
  return bytes.subarray(0, m);
}

/** The reverse of openContainer. */
export function sealContainer(frame: Uint8Array): Uint8Array {
  const m = frame.length,
    n = m + TAG_BYTES;
  if (n > MAX_FILE_BYTES)
    throw new LabFileError("the encoded file would be " + n + " bytes, above the " + MAX_FILE_BYTES + "-byte limit");
  const { bytes, words } = blockBuffer(n);
  bytes.set(frame);
  littleEndianWords(words, (m + 3) >>> 2);
  eaxSealWords(ptCipher(), NONCE, NO_HEADER, words, m, layerB(m));
  return reverse(words, n);
}

/** The qCompress frame's parts, checked against the limits before anything is inflated. */
export function readFrame(frame: Uint8Array): { declaredLength: number; stream: Uint8Array } {
  if (frame.length < FRAME_MIN) throw new LabFileError("the compressed payload is truncated");
  const declaredLength = ((frame[0] << 24) | (frame[1] << 16) | (frame[2] << 8) | frame[3]) >>> 0;
  // Said as such: Node's own words for it were "Cannot create a Buffer larger than 1 bytes" (issue 27).
  if (declaredLength === 0) throw new LabFileError("declares 0 bytes of XML: there is no lab in it");
  if (declaredLength > MAX_XML_BYTES) {
    throw new LabFileError("declares " + declaredLength + " bytes of XML, above the " + MAX_XML_BYTES + "-byte limit");
  }
  // A zlib header: deflate method (CM = 8) and a valid check value (RFC 1950 §2.2).
  const cmf = frame[4],
    flg = frame[5];
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0) throw new LabFileError("the payload is not a zlib stream");
  return { declaredLength, stream: frame.subarray(4) };
}

export function writeFrame(declaredLength: number, stream: Uint8Array): Uint8Array {
  const frame = new Uint8Array(4 + stream.length);
  frame[0] = declaredLength >>> 24;
  frame[1] = (declaredLength >>> 16) & 0xff;
  frame[2] = (declaredLength >>> 8) & 0xff;
  frame[3] = declaredLength & 0xff;
  frame.set(stream, 4);
  return frame;
}
