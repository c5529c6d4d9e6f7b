// The codec and the importer are one source for Node and the browser: no
// node:* import outside the Node adapter and the Node tools, and a browser
// bundle of them builds.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { webZlib } from "../../lab/codec/zlib-web";

/** Node-only files: the zlib adapter and the command-line tools (grading a folder of labs is one, embed's command another). */
const NODE_ONLY = [
  "codec/zlib-node.ts",
  "cli.ts",
  "failure.ts",
  "make-fixtures.ts",
  "bench.ts",
  "embed/embed-cli.ts",
  "fuzz.ts",
];
const nodeOnly = (f: string) => NODE_ONLY.indexOf(f) >= 0 || f.startsWith("grade/");

function sources(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name), base)
      : e.name.endsWith(".ts")
        ? [join(dir, e.name).slice(base.length + 1)]
        : [],
  );
}

describe("one source for Node and the browser", () => {
  it("imports node:* only from the Node adapter and the tools", () => {
    const offenders = sources("lab").filter(
      (f) => !nodeOnly(f) && /from "node:/.test(readFileSync(join("lab", f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("bundles for the browser: decode with Compression Streams, then import", async () => {
    const result = await esbuild.build({
      stdin: {
        contents:
          "export { decodeLabAsync } from './lab/codec/lab-file'; export { webZlib } from './lab/codec/zlib-web'; export { importLab } from './lab/import/import-lab';",
        resolveDir: process.cwd(),
        loader: "ts",
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(/require\("(node:)?(zlib|fs|crypto)"\)/);
  });

  it("stops inflating in the browser once the output passes what was declared", async () => {
    const stream = await webZlib.deflate(new Uint8Array(1024 * 1024));
    await expect(webZlib.inflate(stream, 1000)).rejects.toThrow(/passes 1000 bytes/);
    expect((await webZlib.inflate(stream, 1024 * 1024)).length).toBe(1024 * 1024);
  });
});
