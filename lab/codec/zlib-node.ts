// Node's zlib behind the SyncZlib/AsyncZlib interfaces. Kept apart so the
// shared codec never imports node:*.
import { deflateSync, inflateSync } from "node:zlib";
import type { AsyncZlib, Inflated, SyncZlib } from "./zlib";

/** inflateSync(…, { info: true }) answers the output and the engine that made it (Node's zlib docs). */
function withInfo(x: unknown): x is { buffer: Buffer; engine: { bytesWritten: number } } {
  if (typeof x !== "object" || x === null || !("buffer" in x) || !("engine" in x)) return false;
  const engine: unknown = x.engine;
  return Buffer.isBuffer(x.buffer) && typeof engine === "object" && engine !== null && "bytesWritten" in engine;
}

/** Above this a declared length is not trusted for one allocation: chunks are joined as usual. */
const MAX_CHUNK = 64 * 1024 * 1024;

export const nodeZlib: SyncZlib = {
  inflate(stream, maxBytes) {
    // maxOutputLength stops a stream that inflates past what the frame declared. One chunk one byte
    // larger than that holds the whole output: no list of 16 KB chunks joined by a copy at the end.
    // info: the engine's bytesWritten is the input it consumed, so bytes after the stream's end are counted.
    // Node's types know no `info` overload: the answer is checked for the shape Node documents.
    const answer: unknown = inflateSync(stream, {
      maxOutputLength: Math.max(1, maxBytes),
      chunkSize: Math.max(64, Math.min(maxBytes + 1, MAX_CHUNK)),
      info: true,
    });
    if (!withInfo(answer)) throw new Error("zlib: inflateSync gave no info");
    const { buffer: out, engine } = answer;
    const bytes: Inflated = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    bytes.trailing = stream.length - engine.bytesWritten;
    return bytes;
  },
  deflate(data) {
    const out = deflateSync(data, { level: 6 });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
};

export const nodeZlibAsync: AsyncZlib = {
  inflate: async (stream, maxBytes) => nodeZlib.inflate(stream, maxBytes),
  deflate: async (data) => nodeZlib.deflate(data),
};
