// Grading in the Lab check (issue 25): the instructor loads or pastes an
// expectation file (README "Grading a class"), and the lab as the engine's
// labCheck answer describes it is scored as `npm run lab -- grade` scores a
// student: the same reader, scorer and CSV (src/grading/), run here on the
// answer the panel already has. Each cell is then marked pass or fail; a pair
// no rule names is not graded, an unknown one is counted apart.
import { html } from "htm/preact";
import { Component } from "preact";
import { CSV_COLUMNS, pairRows } from "../src/grading/csv";
import { parseExpectation } from "../src/grading/expectation";
import {
  byGroups,
  type Expectation,
  type PairResult,
  pairOf,
  type Score,
  scoreLab,
  scorePercent,
} from "../src/grading/score";
import type { LabCheck, LabCheckCell } from "../src/protocol";

/** Each graded address pair (pairOf) and how it came out: what the grid marks. */
export type Marks = { [pair: string]: PairResult };

export interface Grade {
  expectation: Expectation;
  score: Score;
  marks: Marks;
}

export function gradeOf(check: LabCheck, expectation: Expectation): Grade {
  const lab = { senders: check.senders.map((s) => s.from), roster: check.roster, cells: check.cells };
  const score = scoreLab(expectation, lab, byGroups(check.causes));
  const marks: Marks = {};
  for (const p of score.pairs) marks[pairOf(p.from, p.to)] = p;
  return { expectation, score, marks };
}

/** A cell's grading class and words: "pass", "fail", "unknown"; none when no rule names its pair. */
export function markOf(marks: Marks | null, c: LabCheckCell): { cls: string; words: string } | null {
  const p = marks ? marks[pairOf(c.from, c.to)] : undefined;
  if (!p) return null;
  const mark = p.match === null ? "unknown" : p.match ? "pass" : "fail";
  return { cls: "g-" + mark, words: `expected ${p.expected}: ${mark}` };
}

/** The CSV of `npm run lab -- grade --csv` for this one lab; the student is named by the file, as the CLI does without a profile. */
export function gradeCsv(check: LabCheck, score: Score): string {
  const file = check.file || "";
  const student = { name: file.replace(/\.pk[at]$/i, ""), email: "" };
  return [CSV_COLUMNS.join(",")].concat(pairRows(file, student, score.pairs)).join("\n") + "\n";
}

export interface GradeViewProps {
  check: LabCheck;
  grade: Grade | null;
  /** A new expectation, or null to stop grading. */
  set: (e: Expectation | null) => void;
  /** Copies the CSV, or says why not (the lab changed since the grid). */
  copy: (csv: string, pairs: number) => void;
}

/** Reads a picked file as text: FileReader, since Blob.text() came after Chromium 69 (PANEL_FLOOR). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("could not read " + file.name));
    reader.readAsText(file);
  });
}

/** The loader (a file or pasted text), the score, what differs and the CSV. A class: preact/hooks would cost the panel 1.5 KB. */
export class GradeView extends Component<GradeViewProps, { text: string; error: string }> {
  state = { text: "", error: "" };

  private load(source: string, json: string) {
    try {
      this.props.set({ kind: "rules", source, rules: parseExpectation(json, source) });
      this.setState({ error: "" });
    } catch (e) {
      this.setState({ error: (e as Error).message.split("\n")[0] });
    }
  }

  private picked = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ""; // the same file can be loaded again after an edit
    if (file)
      readText(file).then(
        (json) => this.load(file.name, json),
        (err: Error) => this.setState({ error: err.message }),
      );
  };

  render() {
    const { check, grade, set, copy } = this.props;
    const { text, error } = this.state;
    const s = grade ? grade.score : null;
    const rules = grade && grade.expectation.kind === "rules" ? grade.expectation.rules : [];
    const idle = s ? rules.filter((r) => s.rulesUsed.indexOf(r.index) < 0) : [];
    return html`<section class="grade" aria-label="Grade against an expectation">
    <h3>Grade against an expectation</h3>
    <p class="hint">Rules by address, as for <code>npm run lab -- grade</code>: later rules win; pairs no rule names are not graded.</p>
    <div class="actions">
      <label class="file-button">Load expectation file…<input type="file" accept=".json,application/json" onChange=${this.picked} /></label>
      ${grade ? html`<button type="button" onClick=${() => set(null)}>Stop grading</button>` : null}
    </div>
    <textarea aria-label="Expectation (JSON)" rows="3" placeholder='{"expect": [{"from": "*", "to": "*@beta.org", "outcome": "delivered"}]}' value=${text}
      onInput=${(e: Event) => this.setState({ text: (e.target as HTMLTextAreaElement).value })}></textarea>
    <div class="actions"><button type="button" disabled=${!text.trim()} onClick=${() => this.load("pasted rules", text)}>Grade with pasted rules</button></div>
    ${error ? html`<p role="alert" class="grade-error">${error}</p>` : null}
    ${
      grade && s
        ? html`<p role="status" class="score"><strong>Score ${scorePercent(s.score)}</strong> against ${grade.expectation.source}: ${s.matched} of ${s.graded} graded pairs match${s.unknown ? `; ${s.unknown} unknown, counted apart` : ""}; ${check.cells.filter((c) => !markOf(grade.marks, c)).length} cells no rule names, not graded.</p>
      ${idle.length ? html`<ul class="pairs" aria-label="Rules that name no pair">${idle.map((r) => html`<li>Rule ${r.index} (${r.at}) names no pair of this lab: ${r.from} → ${r.to}.</li>`)}</ul>` : null}
      ${s.causes.length ? html`<ol class="causes" aria-label="What differs from the expectation">${s.causes.map((g) => html`<li><b>${g.pairs} pair${g.pairs === 1 ? "" : "s"}:</b> ${g.cause}.${g.fix ? html` <strong>Fix:</strong> ${g.fix}.` : null}</li>`)}</ol>` : null}
      <div class="actions"><button type="button" onClick=${() => copy(gradeCsv(check, s), s.pairs.length)}>Copy grades CSV</button></div>`
        : null
    }
  </section>`;
  }
}

/** What the grading marks mean, after the grid's own legend. */
export const GRADE_LEGEND =
  " · graded: a green bar passes, a red frame fails, a grey bar is unknown (counted apart), unmarked: no rule names the pair";
