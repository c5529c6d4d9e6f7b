// The zlib step through the Compression Streams API ("deflate" is the zlib
// format, RFC 1950), available in Chromium and in Node 18+.
import { LabFileError } from "./container";
import type { AsyncZlib } from "./zlib";

interface ByteTransform {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<BufferSource>;
}

/**
 * Browsers refuse bytes after the end of a zlib stream (Chromium "Junk found after end of compressed data",
 * Firefox "Unexpected input after the end of stream", Safari "Extra bytes past the end") and drop what they
 * had inflated with it, so such a file is refused here in words of its own. Node's zlib reads on and the CLI
 * warns, as PT's qUncompress (zlib's uncompress) ignores them too [inferred: zlib's documented behaviour].
 */
function junk(e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  if (/junk|after the end|past the end/i.test(msg))
    throw new LabFileError("bytes follow the compressed XML, which the browser refuses (npm run lab reads past them)");
  throw e;
}

async function run(transform: ByteTransform, input: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  // Errors surface on the reading side; this promise only must not go unhandled.
  const written = writer
    .write(input as Uint8Array<ArrayBuffer>)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(junk);
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error("inflated data passes " + maxBytes + " bytes");
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const webZlib: AsyncZlib = {
  inflate: (stream, maxBytes) => run(new DecompressionStream("deflate"), stream, maxBytes),
  deflate: (data) => run(new CompressionStream("deflate"), data, Number.MAX_SAFE_INTEGER),
};
