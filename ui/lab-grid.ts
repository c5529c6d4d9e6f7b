// The Lab check's grid: a row per sender, a column per account, scrolling
// under sticky headers so it fits the panel's 420 px. One tab stop: the arrow
// keys, Home and End move between the headers and cells (the ARIA grid
// pattern), and one click and one keydown handler serve every cell. A class
// of 40 is 1,600 cells, so the grid redraws only when what it shows changes,
// not on every push.
import { html } from "htm/preact";
import type { LabCheck, LabCheckCell, MailEntry } from "../src/protocol";
import { type Marks, markOf } from "./lab-grade";
import { Pure } from "./pure";
import { codeLabel } from "./status";

const WORDS = { delivered: "delivers", bounced: "bounces", failed: "fails", unknown: "unknown" };
const MARKS: { [word: string]: string } = { del: "✓", bou: "↩", fai: "✗", unk: "?", sen: "…", can: "–" };
const DONE = ["delivered", "bounced", "failed", "cancelled"];

/**
 * What PT did with each pair's verification mail, in words: "delivered",
 * "failed with 6, Timed out", "sending", "cancelled"; absent: not sent.
 */
export type Verified = { [pair: string]: string };

export const pairKey = (c: { device: string; to: string }) => c.device + ">" + c.to;

const withCode = (word: string, code: number | null) =>
  word + (/^fail/.test(word) && code !== null ? ` with ${code}, ${codeLabel(code)}` : "");

/** The first word of what was said ("failed with 6, Timed out" → "failed"): a class and a CSV value. */
export const outcomeWord = (words: string) => words.split(/[ ,]/)[0];

/** The prediction in words: "fails with 6, Timed out". */
export const said = (c: LabCheckCell) => withCode(WORDS[c.predicted], c.code);

/** What PT did with a mail in words ("failed, code 6"), or "sending" while it moves. */
export const ptSaid = (m: MailEntry | undefined) =>
  m && DONE.indexOf(m.state) >= 0 ? withCode(m.state, m.code) : "sending";

/** PT delivered, bounced or failed the mail (its words are none of sending, cancelled). */
export const ended = (v: string | undefined) => /^[dbf]/.test(v || "");

/** PT ended the mail, and not as the model said. */
export const differs = (c: LabCheckCell, v: string | undefined) => ended(v) && !(v as string).startsWith(c.predicted);

/** A cell's mark, from its words: ✓, ↩, the failure's code, … */
const mark = (words: string) => (/\d+/.exec(words) || [MARKS[words.slice(0, 3)]])[0];

/** What the marks mean, under the grid. */
export const GRID_LEGEND =
  "✓ delivers · ↩ bounces · a number: fails with that code · ? cannot tell · … sending · – cancelled";

export interface LabGridProps {
  check: LabCheck;
  /** Verified as JSON text, which compares by value: a push that changes no outcome does not redraw 1,600 cells. */
  pt: string;
  /** Selected rows (r0, r1, …) and columns (c0, …). */
  sel: { [rowOrColumn: string]: boolean };
  /** The opened cell's index in check.cells, or -1. */
  open: number;
  /** A header (r or c is -1: the column or row) or a cell was chosen. */
  pick: (r: number, c: number) => void;
  /** Graded against an expectation (lab-grade.ts): each pair's result, the same object while nothing changed. */
  marks: Marks | null;
}

export class LabGrid extends Pure<LabGridProps> {
  /** The one tab stop: row × (columns + 1) + column, the headers being row 0 and column 0 (the corner holds nothing). */
  private at = 0;

  /** What takes the focus, in position order (at - 1): the column headers, then each row's header and cells. */
  private stops() {
    return (this.base as Element).querySelectorAll<HTMLElement>("button,[role=gridcell]");
  }

  /** Moves the tab stop in place, rather than rendering 1,600 cells again. */
  private move(at: number) {
    const stops = this.stops();
    stops[this.at - 1].tabIndex = -1;
    stops[at - 1].tabIndex = 0;
    stops[at - 1].focus();
    this.at = at;
  }

  private click = (e: Event) => {
    const at = ([] as (Element | null)[]).indexOf.call(this.stops(), (e.target as Element).closest("button,td")) + 1;
    const w = this.props.check.roster.length + 1;
    if (!at) return;
    this.move(at);
    this.props.pick(((at / w) | 0) - 1, (at % w) - 1);
  };

  private key = (e: KeyboardEvent) => {
    const w = this.props.check.roster.length + 1;
    let r = (this.at / w) | 0;
    let c = this.at % w;
    const key = e.key;
    if (key === "ArrowUp") r--;
    else if (key === "ArrowDown") r++;
    else if (key === "ArrowLeft") c--;
    else if (key === "ArrowRight") c++;
    else if (key === "Home") c = r ? 0 : 1;
    else if (key === "End") c = w - 1;
    // A header is a button, which Enter and Space click already.
    else if ((key === "Enter" || key === " ") && (e.target as Element).tagName === "TD") r = -1;
    else return;
    e.preventDefault();
    if (r < 0) this.click(e);
    // Not past an edge, nor to the corner, which holds nothing.
    else if (c >= 0 && r <= this.props.check.senders.length && c < w && r + c) this.move(r * w + c);
  };

  render() {
    const { check: k, sel, open, marks } = this.props;
    const pt: Verified = JSON.parse(this.props.pt);
    const w = k.roster.length + 1;
    if (!(this.at > 0 && this.at < (k.senders.length + 1) * w)) this.at = w + 1;
    const at = this.at;
    const cell = (i: number, j: number) => {
      const n = i * (w - 1) + j;
      const c = k.cells[n];
      const v = pt[pairKey(c)];
      const x = differs(c, v);
      const a = (i + 1) * w + j + 1;
      const g = markOf(marks, c);
      return html`<td role="gridcell" tabIndex=${a === at ? 0 : undefined} class=${`cell ${v ? outcomeWord(v) + " v" : c.predicted}${x ? " x" : ""}${sel["r" + i] || sel["c" + j] || n === open ? " sel" : ""}${n === open ? " on" : ""}${g ? " " + g.cls : ""}`} aria-label=${`${c.device} to ${c.to}: ${said(c)}${v ? `; PT: ${v}${x ? " (differs)" : ""}` : ""}${g ? "; " + g.words : ""}`}>${mark(v || said(c))}</td>`;
    };
    const head = (a: number, pressed: boolean, text: string) =>
      html`<button type="button" class="link" tabIndex=${a === at ? 0 : -1} aria-pressed=${pressed}>${text}</button>`;
    return html`<div class="grid"><table role="grid" onClick=${this.click} onKeyDown=${this.key}><thead><tr><td></td>${k.roster.map((to, j) => html`<th scope="col">${head(j + 1, !!sel["c" + j], to)}</th>`)}</tr></thead><tbody>${k.senders.map((s, i) => html`<tr><th scope="row">${head((i + 1) * w, !!sel["r" + i], s.device)}</th>${k.roster.map((_, j) => cell(i, j))}</tr>`)}</tbody></table></div>`;
  }
}
