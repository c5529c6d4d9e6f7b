// The class's grades as CSV: each student's rows as src/grading/csv.ts writes
// them (the panel's Lab check copies the same), and a lab that could not be
// read as one row naming why.
import { CSV_COLUMNS, csvRow, pairRows } from "../../src/grading/csv";
import type { GradeResult } from "./grade-lab";

export { CSV_COLUMNS, csvCell } from "../../src/grading/csv";

export function csvReport(results: GradeResult[]): string[] {
  const rows = [CSV_COLUMNS.join(",")];
  for (const r of results)
    if (!r.ok) rows.push(csvRow([r.file, "", "", "", "", "", "", "", "not graded: " + r.error, ""]));
    else for (const line of pairRows(r.file, r.student, r.pairs)) rows.push(line);
  return rows;
}
