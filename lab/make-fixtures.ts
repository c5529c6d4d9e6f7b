// Regenerates test/fixtures/labs/ from lab/fixtures/: each spec exported as
// PT-shaped XML and encoded with our encoder (Node's zlib, level 6).
//   node build/lab-cli.mjs --run lab/make-fixtures.ts [--check]
// --check writes nothing and fails when a file on disk differs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeLab } from "./codec/lab-file";
import { nodeZlib } from "./codec/zlib-node";
import { exportLab } from "./export/export-lab";
import { fixtureLabs } from "./fixtures/labs";

export const FIXTURE_DIR = "test/fixtures/labs";

export function fixtureBytes(xml: string): Uint8Array {
  return encodeLab({ xml }, nodeZlib);
}

export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const check = argv.indexOf("--check") >= 0;
  if (!check) mkdirSync(FIXTURE_DIR, { recursive: true });
  let stale = 0;
  for (const lab of fixtureLabs()) {
    const kind = lab.file.endsWith(".pka") ? "pka" : "pkt";
    const bytes = fixtureBytes(exportLab(lab.spec, kind));
    const path = join(FIXTURE_DIR, lab.file);
    const same = existsSync(path) && Buffer.compare(readFileSync(path), Buffer.from(bytes)) === 0;
    if (check) {
      if (!same) {
        stale++;
        err(path + ": differs from what lab/fixtures/ generates");
      }
      continue;
    }
    if (!same) writeFileSync(path, bytes);
    out(path + ": " + bytes.length + " bytes" + (same ? " (unchanged)" : ""));
  }
  return stale ? 1 : 0;
}
