// The zlib step, injected so one codec runs in Node (node:zlib, sync) and in a
// browser (CompressionStream, async): see zlib-node.ts and zlib-web.ts.

/** Inflated bytes; `trailing`: how many bytes of the input followed the end of the zlib stream. */
export type Inflated = Uint8Array & { trailing?: number };

export interface SyncZlib {
  /** Inflates a zlib stream; throws once the output would pass maxBytes. */
  inflate(stream: Uint8Array, maxBytes: number): Inflated;
  /** A zlib stream (header 78 9C, level 6: what qCompress writes by default). */
  deflate(data: Uint8Array): Uint8Array;
}

export interface AsyncZlib {
  inflate(stream: Uint8Array, maxBytes: number): Promise<Inflated>;
  deflate(data: Uint8Array): Promise<Uint8Array>;
}
