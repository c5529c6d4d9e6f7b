// Node's zlib behind the SyncZlib/AsyncZlib interfaces. Kept apart so the
// shared codec never imports node:*.
import { deflateSync, inflateSync } from "node:zlib";
import type { AsyncZlib, SyncZlib } from "./zlib";

/** Above this a declared length is not trusted for one allocation: chunks are joined as usual. */
const MAX_CHUNK = 64 * 1024 * 1024;

export const nodeZlib: SyncZlib = {
  inflate(stream, maxBytes) {
    // maxOutputLength stops a stream that inflates past what the frame declared. One chunk one byte
    // larger than that holds the whole output: no list of 16 KB chunks joined by a copy at the end.
    const out = inflateSync(stream, {
      maxOutputLength: Math.max(1, maxBytes),
      chunkSize: Math.max(64, Math.min(maxBytes + 1, MAX_CHUNK)),
    });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
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
