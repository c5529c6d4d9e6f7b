// Runs a TypeScript tool from lab/ in Node 20 (which cannot run .ts): bundles
// it with esbuild into node_modules/.cache and imports it. Each tool exports
//   main(argv, out, err): number | Promise<number>   (the exit status)
//   node build/lab-cli.mjs FILE...                   lab/cli.ts   (npm run lab -- FILE...)
//   node build/lab-cli.mjs --run lab/make-fixtures.ts [args]
//   node build/lab-cli.mjs --run lab/bench.ts [args]

import { mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let args = process.argv.slice(2);
let entry = join(root, "lab/cli.ts");
if (args[0] === "--run") {
  entry = resolve(args[1] || "");
  if (!args[1] || relative(join(root, "lab"), entry).startsWith("..")) {
    process.stderr.write("lab-cli: --run takes a file under lab/\n");
    process.exit(1);
  }
  args = args.slice(2);
}
const cache = join(root, "node_modules/.cache/mail-console-lab");
mkdirSync(cache, { recursive: true });
const outfile = join(cache, relative(join(root, "lab"), entry).replace(/[\\/]/g, "__").replace(/\.ts$/, ".mjs"));
await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "inline",
  logLevel: "warning",
});
const tool = await import(pathToFileURL(outfile).href + "?t=" + Date.now());
const line = (stream) => (text) => stream.write(text + "\n");
process.exitCode = await tool.main(args, line(process.stdout), line(process.stderr));
