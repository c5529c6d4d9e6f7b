// The grades as CSV, one row per student × pair, with the student's name and
// email, so the file uploads to a learning platform as it is. A lab that
// could not be read is one row naming why.
import type { GradeResult } from "./grade-lab";

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

export function csvReport(results: GradeResult[]): string[] {
  const rows = [CSV_COLUMNS.join(",")];
  const row = (cells: string[]) => rows.push(cells.map(csvCell).join(","));
  for (const r of results) {
    if (!r.ok) {
      row([r.file, "", "", "", "", "", "", "", "not graded: " + r.error, ""]);
      continue;
    }
    for (const p of r.pairs)
      row([
        r.file,
        r.student.name,
        r.student.email,
        p.from,
        p.to,
        p.expected,
        p.predicted,
        p.match === null ? "unknown" : p.match ? "yes" : "no",
        p.cause,
        p.fix,
      ]);
  }
  return rows;
}
