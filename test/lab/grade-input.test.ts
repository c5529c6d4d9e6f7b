// Bad input to `npm run lab -- grade` and to the folder walk (issue 25): an
// empty folder, a folder of pictures, a file over the size limit, a broken
// expectation file, a rule that matches nothing. Nothing here is fatal to the
// labs that can be read; every file that cannot be is named with its reason.
import { copyFileSync, mkdirSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../lab/codec/container";
import { GRADE_DIR } from "../../lab/fixtures/labs";
import { runCli } from "./run-cli";
import { runGrade } from "./run-grade";

let dir: string;
const ANSWER = join(GRADE_DIR, "answer.pka");
const ANN = join(GRADE_DIR, "class/ann-lee.pkt");

/** A file of `bytes` bytes that takes no disk: its size alone must refuse it. */
function sparse(path: string, bytes: number): string {
  writeFileSync(path, "");
  truncateSync(path, bytes);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "grade-input-"));
  mkdirSync(join(dir, "empty"));
  mkdirSync(join(dir, "pictures"));
  // A PNG's and a JPEG's first bytes: files a hand-in folder gathers.
  writeFileSync(join(dir, "pictures/photo.png"), Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
  writeFileSync(join(dir, "pictures/scan.jpg"), Buffer.from("ffd8ffe000104a464946", "hex"));
  mkdirSync(join(dir, "mixed"));
  copyFileSync(ANN, join(dir, "mixed/ann.pkt"));
  sparse(join(dir, "mixed/huge.pkt"), MAX_FILE_BYTES + 1);
  writeFileSync(join(dir, "mixed/renamed-picture.pka"), Buffer.from("89504e470d0a1a0a", "hex"));
});

describe("grade, given bad input", () => {
  it("says an empty folder holds nothing to grade, and exits 1", async () => {
    const r = await runGrade(["--answer", ANSWER, join(dir, "empty")]);
    expect(r.status).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      join(dir, "empty") + ": skipped (empty folder)",
      "no .pkt or .pka file to grade in " + join(dir, "empty"),
    ]);
  });

  it("lists a folder of pictures as skipped, one line each", async () => {
    const r = await runGrade(["--answer", ANSWER, join(dir, "pictures")]);
    expect(r.status).toBe(1);
    expect(r.err.slice(0, 2)).toEqual([
      join(dir, "pictures/photo.png") + ": skipped (not a .pkt or .pka file)",
      join(dir, "pictures/scan.jpg") + ": skipped (not a .pkt or .pka file)",
    ]);
  });

  it("grades the labs it can read and names each it cannot, a file over 64 MB refused by its size", async () => {
    const r = await runGrade(["--answer", ANSWER, "--json", join(dir, "mixed")]);
    expect(r.status).toBe(1);
    const byFile = new Map(r.out.map((l) => JSON.parse(l)).map((x) => [x.file.replace(/^.*[\\/]/, ""), x]));
    expect(byFile.get("ann.pkt")).toMatchObject({ ok: true, score: 1 });
    expect(byFile.get("huge.pkt")).toEqual({
      file: join(dir, "mixed/huge.pkt"),
      ok: false,
      error: "file is " + (MAX_FILE_BYTES + 1) + " bytes, above the " + MAX_FILE_BYTES + "-byte limit",
    });
    expect(byFile.get("renamed-picture.pka")).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it("reads a file of exactly 64 MB and says it is no lab", async () => {
    const path = sparse(join(dir, "exactly-64mb.pkt"), MAX_FILE_BYTES);
    const r = await runGrade(["--answer", ANSWER, path]);
    expect(r.status).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/exactly-64mb\.pkt: \S/)]);
  });

  it("refuses an expectation file with a syntax error in one line: where, and what was expected", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"expect": [\n  {"from": "*@alpha.edu", "to": "*" "outcome": "delivered"}\n]}\n');
    const r = await runGrade(["--answer", bad, ANN]);
    expect(r.status).toBe(1);
    expect(r.err).toEqual([bad + ': the answer cannot be used: bad.json: line 2, column 37: expected "," or "}"']);
  });

  it("warns of a rule that matches nothing, naming it, and grades by the others", async () => {
    const rules = join(dir, "typo.json");
    writeFileSync(
      rules,
      JSON.stringify({
        expect: [
          { from: "*", to: "*@alpha.edu", outcome: "delivered" },
          { from: "*@gamma.net", to: "*", outcome: "bounced" },
        ],
      }),
    );
    const r = await runGrade(["--answer", rules, "--json", ANN]);
    expect(r.status).toBe(0);
    expect(r.err).toEqual([
      'typo.json: warning: rule 2 (line 1, column 66, "*@gamma.net" to "*") matches no pair in any lab',
    ]);
    expect(JSON.parse(r.out[0])).toMatchObject({ score: 1, graded: 8 });
  });

  it("warns of an exact address no lab has (a typo), and still grades it as missing", async () => {
    const rules = join(dir, "typo-address.json");
    writeFileSync(rules, '{"expect": [\n{"from": "*", "to": "carol@beta.ogr", "outcome": "delivered"}\n]}');
    const r = await runGrade(["--answer", rules, "--json", ANN]);
    expect(r.err).toEqual([
      'typo-address.json: warning: rule 1 (line 2, column 1, "*" to "carol@beta.ogr") matches no pair in any lab',
    ]);
    expect(JSON.parse(r.out[0])).toMatchObject({
      score: 0,
      graded: 4,
      causes: [{ cause: "no account carol@beta.ogr", pairs: 4 }],
    });
  });

  it("names an answer that cannot be read, and grades nothing", async () => {
    const r = await runGrade(["--answer", join(dir, "no-answer.pka"), ANN]);
    expect([r.status, r.out, r.err]).toEqual([
      1,
      [],
      [join(dir, "no-answer.pka") + ": the answer cannot be used: no such file"],
    ]);
  });

  it("refuses unknown options and a missing --answer with the usage", async () => {
    for (const args of [[ANN], ["--answer", ANSWER, "--pdf", ANN], ["--answer", ANSWER, "--csv", "--json", ANN]]) {
      const r = await runGrade(args);
      expect(r.status).toBe(1);
      expect(r.err[0]).toMatch(/; usage: npm run lab -- grade --answer/);
    }
  });
});

describe("npm run lab -- FOLDER", () => {
  it("walks the folder instead of needing a shell glob, and lists what is not a lab", () => {
    const r = runCli(["--json", join(GRADE_DIR, "class")]);
    expect(r.status).toBe(0);
    expect(r.out.map((l) => JSON.parse(l).file.replace(/^.*[\\/]/, ""))).toEqual([
      "ann-lee.pkt",
      "ben-okafor.pkt",
      "cy-nguyen.pkt",
      "dee.pkt",
      "eve-copy.pkt",
      "fay.pkt",
      "gus.pka",
      "hal.pka",
    ]);
    expect(r.err).toEqual([join(GRADE_DIR, "class/notes.txt") + ": skipped (not a .pkt or .pka file)"]);
  });

  it("says an empty folder holds no lab, and exits 1", () => {
    const r = runCli([join(dir, "empty")]);
    expect(r.status).toBe(1);
    expect(r.err[r.err.length - 1]).toBe("no .pkt or .pka file in " + join(dir, "empty"));
  });
});
