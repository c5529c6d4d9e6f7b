// Regenerates test/fixtures/labs/ from lab/fixtures/: each spec exported as
// PT-shaped XML and encoded with our encoder (Node's zlib, level 6); and the
// class to grade, test/fixtures/grade/ (lab/fixtures/grade-labs.ts).
//   node build/lab-cli.mjs --run lab/make-fixtures.ts [--check]
// --check writes nothing and fails when a file on disk differs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { encodeLab } from "./codec/lab-file";
import { nodeZlib } from "./codec/zlib-node";
import { exportLab } from "./export/export-lab";
import { fixtureLabs, GRADE_DIR, gradeFixtures } from "./fixtures/labs";

export const FIXTURE_DIR = "test/fixtures/labs";

export function fixtureBytes(xml: string): Uint8Array {
  return encodeLab({ xml }, nodeZlib);
}

export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const check = argv.indexOf("--check") >= 0;
  if (!check) mkdirSync(FIXTURE_DIR, { recursive: true });
  let stale = 0;
  const files = fixtureLabs().map((lab) => {
    const kind = lab.file.endsWith(".pka") ? "pka" : "pkt";
    const xml = exportLab(lab.spec, kind, lab.odd);
    return { path: join(FIXTURE_DIR, lab.file), bytes: fixtureBytes(lab.after ? lab.after(xml) : xml) };
  });
  for (const f of gradeFixtures())
    files.push({ path: join(GRADE_DIR, f.file), bytes: f.xml ? fixtureBytes(f.xml) : Buffer.from(f.text || "") });
  for (const { path, bytes } of files) {
    if (!check) mkdirSync(dirname(path), { recursive: true });
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
