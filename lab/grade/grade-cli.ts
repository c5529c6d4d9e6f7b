// `npm run lab -- grade --answer ANSWER [--csv | --json | --html FILE] [--jobs N] FILE_OR_FOLDER...`
// grades a class's labs by what their mail does against an answer (README
// "Grading"). Exit status 0 when every lab was read, whatever the scores; 1
// when any could not be (each named with its reason), when the answer cannot
// be read, or when nothing to grade was found.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { readLabFile } from "../failure";
import { type GradeResult, loadExpectation, reasonOf, type StudentResult } from "./grade-lab";
import { defaultThreads, gradeAll, type Job, type JobCost } from "./pool";
import { csvReport } from "./report-csv";
import { htmlReport } from "./report-html";
import { textTable } from "./report-text";
import type { Expectation } from "./score";
import { walkLabs } from "./walk";

export const GRADE_USAGE =
  "usage: npm run lab -- grade --answer ANSWER.pka|ANSWER.pkt|EXPECT.json [--csv | --json | --html FILE] [--jobs N] FILE_OR_FOLDER...";

export interface GradeOptions {
  /** Draws progress (done of total) while labs are graded: a bar on a terminal's stderr. */
  progress?: (done: number, total: number) => void;
  /** Every job's cost, for the bench. */
  onCost?: (cost: JobCost) => void;
}

interface Args {
  answer: string;
  format: "text" | "csv" | "json";
  html: string;
  threads: number;
  paths: string[];
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { answer: "", format: "text", html: "", threads: defaultThreads(), paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(arg + " needs a value");
      return v;
    };
    try {
      if (arg === "--answer") a.answer = value();
      else if (arg === "--html") a.html = value();
      else if (arg === "--jobs") {
        a.threads = Number(value());
        if (!(a.threads >= 1 && a.threads <= 64 && Math.floor(a.threads) === a.threads))
          return "--jobs takes a whole number from 1 to 64";
      } else if (arg === "--csv" || arg === "--json") {
        if (a.format !== "text") return "--csv and --json cannot be combined";
        a.format = arg === "--csv" ? "csv" : "json";
      } else if (arg.startsWith("--")) return "unknown option " + arg;
      else a.paths.push(arg);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!a.answer) return "--answer is required";
  if (!a.paths.length) return "no file or folder to grade";
  return a;
}

const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

function hashOf(file: string): string {
  return sha1(readLabFile(file));
}

/** "same bytes as b.pkt" on every file of a group of identical files; "same profile as …" on files that share a profile. */
function flagShared(results: GradeResult[], bytes: string[]): void {
  const ok = results.filter((r): r is StudentResult => r.ok);
  const groups = new Map<string, StudentResult[]>();
  ok.forEach((r) => {
    if (r.student.from !== "profile") return;
    const k = r.student.name.toLowerCase() + "\n" + r.student.email.toLowerCase();
    groups.set(k, (groups.get(k) || []).concat([r]));
  });
  for (const group of groups.values()) {
    for (const r of group) {
      const i = results.indexOf(r);
      const others = group.filter((o) => o !== r && bytes[results.indexOf(o)] !== bytes[i]).map((o) => o.file);
      if (others.length) r.flags.push("same profile as " + others.join(", "));
    }
  }
}

/** Rules that named no pair in any lab: a typo in an address, most likely. */
function unusedRules(expectation: Expectation, results: GradeResult[]): string[] {
  if (expectation.kind !== "rules") return [];
  const used = new Set<number>();
  for (const r of results) if (r.ok) for (const i of r.rulesUsed) used.add(i);
  return expectation.rules
    .filter((r) => !used.has(r.index))
    .map(
      (r) =>
        expectation.source +
        ": warning: rule " +
        r.index +
        " (" +
        r.at +
        ', "' +
        r.from +
        '" to "' +
        r.to +
        '") matches no pair in any lab',
    );
}

export async function grade(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  options: GradeOptions = {},
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    err(args + "; " + GRADE_USAGE);
    return 1;
  }
  let expectation: Expectation;
  let answerHash = "";
  try {
    expectation = loadExpectation(args.answer);
    if (!/\.json$/i.test(args.answer)) answerHash = hashOf(args.answer);
  } catch (e) {
    err(args.answer + ": the answer cannot be used: " + reasonOf(e));
    return 1;
  }
  if (expectation.kind === "pairs" && !expectation.pairs.length)
    err(expectation.source + ": warning: no pair to expect (no Email client or no mail account), so nothing is graded");
  const walked = walkLabs(args.paths);
  for (const s of walked.skipped) err(s.path + ": skipped (" + s.why + ")");
  if (!walked.labs.length) {
    err("no .pkt or .pka file to grade in " + args.paths.join(", "));
    return 1;
  }
  // Identical files are graded once and all named; a file that cannot even be read fails here.
  const results: GradeResult[] = new Array(walked.labs.length);
  const bytes: string[] = walked.labs.map(() => "");
  const jobs: Job[] = [];
  const jobOf: number[] = [];
  const firstOf = new Map<string, number>();
  walked.labs.forEach((file, i) => {
    try {
      bytes[i] = hashOf(file);
    } catch (e) {
      results[i] = { file, ok: false, error: reasonOf(e) };
      return;
    }
    if (firstOf.has(bytes[i])) return;
    firstOf.set(bytes[i], i);
    jobOf.push(i);
    jobs.push({ file, sameAsAnswer: bytes[i] === answerHash });
  });
  let finished = 0;
  if (options.progress) options.progress(0, jobs.length);
  const graded = await gradeAll(jobs, expectation, {
    threads: args.threads,
    onDone: (_i, _r, cost) => {
      finished++;
      if (options.progress) options.progress(finished, jobs.length);
      if (options.onCost) options.onCost(cost);
    },
  });
  graded.forEach((r, j) => {
    results[jobOf[j]] = r;
  });
  walked.labs.forEach((file, i) => {
    if (results[i] || !bytes[i]) return;
    const first = results[firstOf.get(bytes[i]) as number];
    results[i] = first.ok ? { ...first, file, flags: first.flags.slice() } : { ...first, file };
  });
  results.forEach((r, i) => {
    const twins = walked.labs.filter((_f, j) => j !== i && bytes[j] && bytes[j] === bytes[i]);
    if (r.ok && twins.length) r.flags.push("same bytes as " + twins.join(", "));
  });
  flagShared(results, bytes);
  for (const w of unusedRules(expectation, results)) err(w);
  if (args.format === "json") for (const r of results) out(JSON.stringify(r));
  else if (args.format === "csv") for (const line of csvReport(results)) out(line);
  else for (const line of textTable(results, expectation)) out(line);
  for (const r of results) if (!r.ok && args.format === "text") err(r.file + ": " + r.error);
  if (args.html) {
    try {
      writeFileSync(args.html, htmlReport(results, expectation, new Date()));
      err("report written to " + args.html);
    } catch (e) {
      err(args.html + ": the report cannot be written: " + reasonOf(e));
      return 1;
    }
  }
  return results.some((r) => !r.ok) ? 1 : 0;
}
