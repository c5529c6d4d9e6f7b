// Grading a class (issue 25): the project's class in test/fixtures/grade/
// (lab/fixtures/grade-labs.ts) against its answer as a .pka (answer network),
// a .pkt reference and an expectation file. The scores below are worked out
// by hand from what each student changed, not taken from the grader:
// the answer has 4 clients × 4 accounts = 16 pairs, all delivered.
//   ann   the answer as it is                                   16/16
//   ben   every PC and MAIL-B renamed: matched by address       16/16
//   cy    no account carol, no client as carol: 4 pairs to carol
//         and 3 from carol (carol → carol counted once, as "no account") missing   9/16
//   dee   no A record mail.beta.org: carol's and dan's clients cannot
//         resolve their SMTP server, their 8 pairs fail          8/16
//   eve   ann's file byte for byte                              16/16
//   fay   PC-Dan off (and ben's profile): dan's 4 pairs fail    12/16
//   gus   a .pka, ben's password wrong: ben's 4 pairs fail      12/16
//   hal   the answer .pka itself                                16/16 "same as the answer"
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GRADE_DIR } from "../../lab/fixtures/labs";
import { grade } from "../../lab/grade/grade-cli";
import type { GradeResult, StudentResult } from "../../lab/grade/grade-lab";
import { CSV_COLUMNS } from "../../lab/grade/report-csv";
import { progressLine } from "../../lab/grade/report-text";
import { runGrade } from "./run-grade";

const CLASS = join(GRADE_DIR, "class");
const at = (name: string) => join(CLASS, name);

async function gradeJson(answer: string, ...paths: string[]): Promise<Map<string, GradeResult>> {
  const r = await runGrade(["--answer", join(GRADE_DIR, answer), "--json", ...paths]);
  expect(r.status).toBe(0);
  const results = r.out.map((l) => JSON.parse(l) as GradeResult);
  return new Map(results.map((x) => [x.file.replace(/^.*[\\/]/, ""), x]));
}

const ok = (r: GradeResult | undefined): StudentResult => {
  if (!r?.ok) throw new Error("not graded: " + JSON.stringify(r));
  return r;
};

const BY_HAND: { [file: string]: [number, number] } = {
  "ann-lee.pkt": [16, 16],
  "ben-okafor.pkt": [16, 16],
  "cy-nguyen.pkt": [9, 16],
  "dee.pkt": [8, 16],
  "eve-copy.pkt": [16, 16],
  "fay.pkt": [12, 16],
  "gus.pka": [12, 16],
};

describe("grading the class folder", () => {
  for (const answer of ["answer.pka", "reference.pkt", "expect.json"]) {
    it("against " + answer + " gives the scores worked out by hand", async () => {
      const results = await gradeJson(answer, CLASS);
      expect(Array.from(results.keys()).sort()).toEqual(Object.keys(BY_HAND).concat(["hal.pka"]).sort());
      for (const file of Object.keys(BY_HAND)) {
        const r = ok(results.get(file));
        const [matched, graded] = BY_HAND[file];
        expect([file, r.matched, r.graded, r.unknown, r.score]).toEqual([file, matched, graded, 0, matched / graded]);
      }
    });
  }

  it("grades the answer activity itself on its answer network, 100%, flagged", async () => {
    const hal = ok((await gradeJson("answer.pka", at("hal.pka"))).get("hal.pka"));
    expect([hal.score, hal.graded, hal.flags]).toEqual([1, 16, ["same as the answer"]]);
    // Against the .pkt reference the same file is a student's handout: its current network has no account.
    const asHandout = ok((await gradeJson("reference.pkt", at("hal.pka"))).get("hal.pka"));
    expect([asHandout.score, asHandout.flags]).toEqual([0, []]);
  });

  it("names what a student lacks as findings, grouped with their fixes, most pairs first", async () => {
    const cy = ok((await gradeJson("answer.pka", at("cy-nguyen.pkt"))).get("cy-nguyen.pkt"));
    expect(cy.causes).toEqual([
      { cause: "no account carol@beta.org", fix: "add the user carol to the mail server of beta.org", pairs: 4 },
      {
        cause: "no Email client sends as carol@beta.org",
        fix: "set up a device's Email (Desktop > Email > Configure Mail) as carol@beta.org",
        pairs: 3,
      },
    ]);
    const pair = cy.pairs.find((p) => p.from === "ann@alpha.edu" && p.to === "carol@beta.org");
    expect(pair).toMatchObject({ expected: "delivered", predicted: "missing", match: false });
    const dee = ok((await gradeJson("answer.pka", at("dee.pkt"))).get("dee.pkt"));
    expect(dee.causes.map((c) => c.pairs)).toEqual([8]);
    expect(dee.causes[0].fix).toMatch(/mail\.beta\.org/);
  });

  it("says who each student is from the saved profile, else the file name, and flags shared profiles and bytes", async () => {
    const all = await gradeJson("answer.pka", CLASS);
    const student = (f: string) => ok(all.get(f)).student;
    expect(student("ann-lee.pkt")).toEqual({
      name: "Ann Lee",
      email: "ann.lee@school.edu",
      from: "profile",
      locked: false,
    });
    // PT's default name "Guest" with an email filled in: the email names the student.
    expect(student("dee.pkt")).toMatchObject({ name: "dee@school.edu", email: "dee@school.edu", from: "profile" });
    expect(student("gus.pka")).toEqual({ name: "gus", email: "", from: "file name", locked: false });
    expect(student("hal.pka")).toMatchObject({ name: "Instructor", locked: true });
    expect(ok(all.get("ann-lee.pkt")).flags).toEqual(["same bytes as " + at("eve-copy.pkt")]);
    expect(ok(all.get("eve-copy.pkt")).flags).toEqual(["same bytes as " + at("ann-lee.pkt")]);
    expect(ok(all.get("ben-okafor.pkt")).flags).toEqual(["same profile as " + at("fay.pkt")]);
    expect(ok(all.get("fay.pkt")).flags).toEqual(["same profile as " + at("ben-okafor.pkt")]);
  });

  it("grades identical files once, and reports progress as each lab is done", async () => {
    const progress: string[] = [];
    let graded = 0;
    const status = await grade(
      ["--answer", join(GRADE_DIR, "answer.pka"), "--json", CLASS],
      () => {},
      () => {},
      { progress: (done, total) => progress.push(done + "/" + total), onCost: () => graded++ },
    );
    expect(status).toBe(0);
    // 8 labs, eve's the same bytes as ann's: 7 graded.
    expect(graded).toBe(7);
    expect(progress).toEqual(["0/7", "1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7"]);
    expect(progressLine(3, 12, 12)).toBe("[███░░░░░░░░░] 3/12 labs");
  });

  it("writes one CSV row per student × pair, with the columns a learning platform takes", async () => {
    const r = await runGrade(["--answer", join(GRADE_DIR, "answer.pka"), "--csv", at("fay.pkt"), at("gus.pka")]);
    expect(r.out[0]).toBe(CSV_COLUMNS.join(","));
    expect(CSV_COLUMNS).toEqual(
      "file,student_name,student_email,from,to,expected,predicted,match,cause,fix".split(","),
    );
    expect(r.out.length).toBe(1 + 16 + 16);
    const row = r.out.find((l) =>
      l.startsWith(at("fay.pkt") + ",Ben Okafor,ben.okafor@school.edu,dan@beta.org,ann@alpha.edu,"),
    );
    expect(row).toMatch(/,delivered,failed,no,.*switch PC-Dan on/);
  });

  it("prints one line per student on a terminal and lists what it skipped", async () => {
    const r = await runGrade(["--answer", join(GRADE_DIR, "answer.pka"), CLASS]);
    expect(r.status).toBe(0);
    expect(r.out[0]).toBe("graded 8 of 8 labs against answer.pka (its answer network)");
    expect(r.out.filter((l) => l.indexOf(CLASS) >= 0).length).toBe(8);
    expect(r.out.find((l) => l.indexOf("cy-nguyen") >= 0)).toMatch(/56\.2%\s+9\/16\s+0\s+Cy Nguyen <cy@school\.edu>/);
    expect(r.err).toEqual([at("notes.txt") + ": skipped (not a .pkt or .pka file)"]);
  });

  it("gives the same grades through the built CLI on two worker threads as in one thread", async () => {
    const args = ["grade", "--answer", join(GRADE_DIR, "answer.pka"), "--json", CLASS];
    const run = (jobs: string) =>
      spawnSync(process.execPath, ["build/lab-cli.mjs", ...args, "--jobs", jobs], { encoding: "utf8", timeout: 60000 });
    const two = run("2"),
      one = run("1");
    expect([two.status, one.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
    const inProcess = await runGrade(args.slice(1));
    expect(two.stdout.trim().split("\n")).toEqual(inProcess.out);
  });
});
