// The grades as CSV, one row per student × pair, with the student's name and
// email, so the file uploads to a learning platform as it is: what
// `npm run lab -- grade --csv` prints and the panel's Lab check copies.
import type { PairResult } from "./score";

export const CSV_COLUMNS = [
  "file",
  "student_name",
  "student_email",
  "from",
  "to",
  "expected",
  "predicted",
  "match",
  "cause",
  "fix",
];

/** Quoted when needed; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

export function csvRow(cells: string[]): string {
  return cells.map(csvCell).join(",");
}

/** A match in words: "yes", "no", or "unknown" (counted apart, never a failure). */
export const matchWord = (match: boolean | null) => (match === null ? "unknown" : match ? "yes" : "no");

/** One student's rows, without the header (CSV_COLUMNS). */
export function pairRows(file: string, student: { name: string; email: string }, pairs: PairResult[]): string[] {
  return pairs.map((p) =>
    csvRow([
      file,
      student.name,
      student.email,
      p.from,
      p.to,
      p.expected,
      p.predicted,
      matchWord(p.match),
      p.cause,
      p.fix,
    ]),
  );
}
