// Grading one student's file: decode, import its current network, predict its
// delivery matrix, score it against the expectation, and say who saved it.
// Runs in a worker thread (pool.ts) or in the calling thread alike.
import { readFileSync } from "node:fs";
import { LabFileError } from "../codec/container";
import { decodeLab } from "../codec/lab-file";
import { nodeZlib } from "../codec/zlib-node";
import { readLabFile, reason } from "../failure";
import { type ActivityNetwork, type ImportedLab, importLab } from "../import/import-lab";
import { labMatrix } from "../summary";
import { ExpectationError, parseExpectation } from "./expectation-file";
import { type Expectation, expectedOf, type Score, scoreMatrix } from "./score";

export interface Student {
  name: string;
  email: string;
  /** Where name and email come from: the lab's user profile, or the file name when the profile is PT's default. */
  from: "profile" | "file name";
  /** The activity locked the profile (USER_PROFILE_LOCKED). */
  locked: boolean;
}

/** A student's lab graded: its score (score.ts), who, and what else was found. */
export interface StudentResult extends Score {
  file: string;
  ok: true;
  student: Student;
  /** "same as the answer", "same bytes as b.pkt", "same profile as c.pkt". */
  flags: string[];
  /** What the lab holds that the grade does not cover (from the importer), and a matrix not predicted. */
  warnings: string[];
}

export interface GradeFailure {
  file: string;
  ok: false;
  error: string;
}

export type GradeResult = StudentResult | GradeFailure;

/** PT's own profile before anyone fills it in (seen in saved labs: every one of 453 profiles). */
const DEFAULT_PROFILE_NAME = "Guest";

export function reasonOf(e: unknown): string {
  return reason(e, [LabFileError, ExpectationError]);
}

const baseName = (file: string) => file.replace(/^.*[\\/]/, "");

/** `stage` is called after each step that holds memory (npm run bench samples the heap there). */
export function openLab(file: string, which: ActivityNetwork = "current", stage?: () => void): ImportedLab {
  const decoded = decodeLab(readLabFile(file), nodeZlib);
  if (stage) stage();
  return importLab(decoded.xml, decoded.kind, baseName(file), which);
}

export function studentOf(lab: ImportedLab, file: string): Student {
  const p = lab.profile;
  const name = p && p.name.trim() !== DEFAULT_PROFILE_NAME ? p.name.trim() : "";
  const email = p ? p.email.trim() : "";
  if (name || email) return { name: name || email, email, from: "profile", locked: !!p?.locked };
  return { name: baseName(file).replace(/\.pk[at]$/i, ""), email: "", from: "file name", locked: !!p?.locked };
}

/** The expectation an ANSWER names: a .pka's answer network, a .pkt's own matrix, or an expectation file. */
export function loadExpectation(file: string): Expectation {
  if (/\.json$/i.test(file)) {
    const text = readFileSync(file, "utf8");
    return { kind: "rules", source: baseName(file), rules: parseExpectation(text, baseName(file)) };
  }
  const kind = /\.pka$/i.test(file) ? "pka" : "pkt";
  const lab = openLab(file, kind === "pka" ? "answer" : "current");
  const predicted = labMatrix(lab);
  if (predicted.error) throw new LabFileError("the answer's " + predicted.error);
  const source = baseName(file) + (lab.kind === "pka" ? " (its answer network)" : "");
  return { kind: "pairs", source, pairs: expectedOf(predicted.matrix) };
}

/** `sameAsAnswer`: the file is the answer's bytes, so an activity is graded on its answer network. */
export function gradeLab(
  file: string,
  expectation: Expectation,
  sameAsAnswer = false,
  stage?: () => void,
): StudentResult {
  const lab = openLab(file, sameAsAnswer ? "answer" : "current", stage);
  if (stage) stage();
  const predicted = labMatrix(lab);
  if (stage) stage();
  const s = scoreMatrix(expectation, predicted.matrix, predicted.error);
  if (stage) stage();
  // The importer's note about an activity's other networks says nothing about the grade.
  const warnings = lab.warnings.filter((w) => !/^activity:/.test(w));
  return {
    file,
    ok: true,
    // Who saved it is in the current network's profile; the answer network's is the author's.
    student: studentOf(sameAsAnswer ? openLab(file, "current") : lab, file),
    score: s.score,
    graded: s.graded,
    matched: s.matched,
    unknown: s.unknown,
    pairs: s.pairs,
    causes: s.causes,
    flags: sameAsAnswer ? ["same as the answer"] : [],
    warnings: predicted.error ? warnings.concat([predicted.error]) : warnings,
    rulesUsed: s.rulesUsed,
  };
}

export function gradeOrFail(
  file: string,
  expectation: Expectation,
  sameAsAnswer = false,
  stage?: () => void,
): GradeResult {
  try {
    return gradeLab(file, expectation, sameAsAnswer, stage);
  } catch (e) {
    return { file, ok: false, error: reasonOf(e) };
  }
}
