// Node's zlib behind the SyncZlib/AsyncZlib interfaces. Kept apart so the
// shared codec never imports node:*.
import { deflateSync, inflateSync } from "node:zlib";
import type { AsyncZlib, SyncZlib } from "./zlib";

export const nodeZlib: SyncZlib = {
  inflate(stream, maxBytes) {
    // maxOutputLength stops a stream that inflates past what the frame declared.
    const out = inflateSync(stream, { maxOutputLength: Math.max(1, maxBytes) });
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
