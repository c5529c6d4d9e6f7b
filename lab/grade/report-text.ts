// The class as a terminal table, one line per student, and the progress bar
// drawn on stderr while a folder is graded.
import { scorePercent } from "../../src/grading/score";
import type { GradeResult } from "./grade-lab";
import type { Expectation } from "./score";

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function padStart(text: string, width: number): string {
  return text.length >= width ? text : " ".repeat(width - text.length) + text;
}

export function who(r: { student: { name: string; email: string } }): string {
  const s = r.student;
  return s.email && s.email !== s.name ? s.name + " <" + s.email + ">" : s.name;
}

export function textTable(results: GradeResult[], expectation: Expectation): string[] {
  const ok = results.filter((r) => r.ok);
  const what = expectation.kind === "rules" ? "the rules of " : "";
  const out = ["graded " + ok.length + " of " + results.length + " labs against " + what + expectation.source];
  if (!ok.length) return out;
  const width = Math.min(40, Math.max(7, ...ok.map((r) => (r.ok ? who(r).length : 0))));
  out.push("  " + ["score ", "matched", "unknown", pad("student", width), "file"].join("  "));
  for (const r of results) {
    if (!r.ok) continue;
    const top = r.causes[0];
    const notes = r.flags.concat(top ? ["first fix: " + (top.fix || top.cause)] : []);
    out.push(
      "  " +
        [
          padStart(scorePercent(r.score), 6),
          padStart(r.matched + "/" + r.graded, 7),
          padStart(String(r.unknown), 7),
          pad(who(r), width),
          r.file + (notes.length ? "  (" + notes.join("; ") + ")" : ""),
        ].join("  "),
    );
  }
  return out;
}

/** "[██████░░░░] 12/40": one line redrawn in place (\r), cleared when done. */
export function progressLine(done: number, total: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : width;
  return "[" + "█".repeat(filled) + "░".repeat(width - filled) + "] " + done + "/" + total + " labs";
}
