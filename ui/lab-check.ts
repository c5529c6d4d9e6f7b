// The Lab check: who can mail whom, from the lab as it is now (the engine's
// labCheck, the mail model over every sender and account). Each fix is shown
// once with the pairs it repairs, then the grid of every pair (ui/lab-grid.ts)
// and, for reading at the panel's 420 px, the failing pairs as a list.
// "Verify by sending" is opt-in: one marked test mail per chosen pair, through
// the same queues as compose, each cell then showing what PT did.
import { html } from "htm/preact";
import type { Expectation } from "../src/grading/score";
import type { LabCheck, LabCheckCell } from "../src/protocol";
import type { Call } from "./engine-link";
import { LabResultView, type LabStamp, labStamp, PENDING_MS, readingNote } from "./lab-freshness";
import { GRADE_LEGEND, type Grade, GradeView, gradeOf, markOf } from "./lab-grade";
import { differs, ended, GRID_LEGEND, LabGrid, outcomeWord, pairKey, ptSaid, said, type Verified } from "./lab-grid";
import { csvCell } from "./log/export";
import { copyText } from "./log/log-view";
import type { PanelStore } from "./store";
import { clock } from "./time";

export interface LabCheckProps {
  store: PanelStore;
  call: Call;
  copy?: (text: string) => Promise<void>;
}

interface LabCheckState {
  check: LabCheck | null;
  note: string;
  /** The group of each pair's latest verification mail: runs add up, a later run on a pair overrides. */
  sent: { [pair: string]: number };
  /** For "Verify selected", with the opened cell: rows (r0: the first sender) and columns (c0: the first account). */
  sel: { [rowOrColumn: string]: boolean };
  open: number;
  /** The lab the check was computed from: stale once PT says the lab changed, or another file opened. */
  stamp: LabStamp | null;
  /** The section is open: only then is the check asked for again. */
  shown: boolean;
  /** What the instructor loaded to grade the lab against (lab-grade.ts), or null. */
  expectation: Expectation | null;
}

const SUBJECT = "Mail Console lab check";

/** One row per pair, for grading: sender device, from, to, predicted, what PT did if verified, code, cause, fix. */
function labCheckCsv(check: LabCheck, pt: Verified): string {
  const rows = ["device,from,to,predicted,actual,code,cause,fix"];
  for (const c of check.cells) {
    const m = pt[pairKey(c)];
    rows.push(
      [c.device, c.from, c.to, c.predicted, outcomeWord(m || ""), c.code === null ? "" : c.code, c.cause, c.fix]
        .map(csvCell)
        .join(","),
    );
  }
  return "\ufeff" + rows.join("\r\n") + "\r\n";
}

/** What a person sees of a check: an answer that says the same needs no "Updated". */
const gridText = (c: LabCheck) => JSON.stringify([c.senders, c.roster, c.cells, c.causes, c.readable, c.file]);

/** "PC-Bob → erin@beta.org: predicted fails, code 6; PT: delivered", PT's part once verified. */
const line = (c: LabCheckCell, pt: Verified) =>
  `${c.device} → ${c.to}: predicted ${said(c)}${pt[pairKey(c)] ? "; PT: " + pt[pairKey(c)] : ""}`;

function pair(c: LabCheckCell) {
  return html`<li>${c.device} → ${c.to}: ${said(c)}</li>`;
}

export class LabCheckView extends LabResultView<LabCheckProps, LabCheckState> {
  state: LabCheckState = {
    check: null,
    note: "",
    sent: {},
    sel: {},
    open: -1,
    stamp: null,
    shown: false,
    expectation: null,
  };
  /** A pending answer's next ask. */
  private again: ReturnType<typeof setTimeout> | undefined;
  /** A check coming in pages (issue 23): its cells so far, and the stamp of the ask its first page answered. */
  private pages: { check: LabCheck; stamp: LabStamp } | null = null;
  /** Numbers the asks: the answer to an ask that a newer one replaced is dropped. */
  private asks = 0;
  /** The note on screen says how far a read or a transfer is: an answer that changes nothing clears it. */
  private progress = false;
  /** The grade of the check on screen, kept while neither changes: the grid redraws only when its marks do. */
  private graded: { check: LabCheck; expectation: Expectation; grade: Grade } | null = null;

  private grade(): Grade | null {
    const { check, expectation } = this.state;
    if (!check || !expectation) return null;
    const g = this.graded;
    if (!g || g.check !== check || g.expectation !== expectation)
      this.graded = { check, expectation, grade: gradeOf(check, expectation) };
    return (this.graded as { grade: Grade }).grade;
  }

  protected shown(): boolean {
    return this.state.shown && !!this.state.check;
  }

  /** Opt-in: one marked test mail per pair, one sendMail per sender device, through the same queues as compose. */
  private verify(cells: LabCheckCell[]) {
    const { store, call } = this.props;
    const to: { [device: string]: string[] } = {};
    for (const c of cells) to[c.device] = (to[c.device] || []).concat(c.to);
    const sent: { [pair: string]: number } = {};
    let note = "";
    const sends = store.devices
      .filter((d) => to[d.name])
      .map((d) =>
        call({
          type: "sendMail",
          device: d.key,
          from: d.mailId,
          password: d.password,
          server: d.smtpServer,
          mails: to[d.name].map((t) => ({
            to: t,
            subject: SUBJECT,
            body: "Sent by the Lab check to verify its prediction.",
          })),
        }).then(
          (r) => {
            if (!r.ok) note = r.error;
            else {
              for (const t of to[d.name]) sent[d.name + ">" + t] = r.value.ids[0];
              if (r.value.warning) note = r.value.warning;
            }
          },
          (e: Error) => {
            note = e.message;
          },
        ),
      );
    Promise.all(sends).then(() => this.setState((s) => ({ sent: { ...s.sent, ...sent }, note })));
  }

  private stopVerifying = () => {
    const { store, call } = this.props;
    for (const d of store.devices)
      if (this.state.check?.senders.some((s) => s.device === d.name))
        call({ type: "cancelSend", device: d.key }).catch(() => undefined);
  };

  /** What PT did with each pair sent, in words, from the groups of the verification mails. */
  private verified(): Verified {
    const { sent } = this.state;
    const out: Verified = {};
    const groups: { [group: number]: boolean } = {};
    for (const k in sent) {
      out[k] = "sending";
      groups[sent[k]] = true;
    }
    for (const g in groups)
      for (const m of this.props.store.members(+g)) if (sent[pairKey(m)] === +g) out[pairKey(m)] = ptSaid(m);
    return out;
  }

  /** A header toggles its row (c < 0) or column (r < 0); a cell opens, or closes when open. */
  private pick = (r: number, c: number) =>
    this.setState((s) => {
      const k = c < 0 ? "r" + r : "c" + c;
      const n = r * (s.check as LabCheck).roster.length + c;
      return r < 0 || c < 0 ? { sel: { ...s.sel, [k]: !s.sel[k] } } : { open: s.open === n ? -1 : n };
    });

  /** Asks for the check; quietly (no "Reading…") when it is asked again on its own. */
  run(quiet = false): void {
    // A check still coming in pages goes on: asked again on its own, it would start over every few seconds.
    if (quiet && this.pages) return;
    this.pages = null;
    if (!quiet) this.setState({ note: "Reading the lab…" });
    this.ask(quiet);
  }

  /** One labCheck: the check, or the next page of the one coming in; only the whole check is shown. */
  private ask(quiet: boolean): void {
    clearTimeout(this.again);
    const stamp = labStamp(this.props.store);
    const n = ++this.asks;
    const got = this.pages;
    const p = got?.check.page;
    this.props
      .call(got && p ? { type: "labCheck", id: p.id, from: got.check.cells.length } : { type: "labCheck" })
      .then(
        (r) => {
          if (n !== this.asks) return false;
          this.pages = null;
          if (!r.ok) return this.setState({ note: r.error });
          const { pending, page, cells } = r.value;
          // A large lab, still being read: "Reading the lab… 40%", and asked again shortly.
          if (pending) return this.later(readingNote(pending), quiet);
          const first = !page?.from;
          // A page joins only the check it continues; the engine answers anything else from the first page.
          const on = !first && got && p && p.id === page.id && page.from === got.check.cells.length ? got : null;
          if (!first && !on) return this.later("", quiet);
          const check = on ? on.check : { ...r.value, cells: cells.slice() };
          if (on) check.cells.push(...cells);
          const whole = on ? on.stamp : stamp;
          if (!page || page.from + cells.length >= page.total) return this.take(check, whole, quiet);
          this.pages = { check, stamp: whole };
          this.progress = true;
          this.setState({ note: `Receiving the check… ${Math.floor((100 * check.cells.length) / page.total)}%` });
          this.ask(quiet);
          return false;
        },
        (e: Error) => {
          if (n !== this.asks) return false;
          this.pages = null;
          this.setState({ note: "Lab check failed: " + e.message });
        },
      )
      .then((ended) => ended === false || this.follow());
  }

  /** Asked again shortly, from the start; `note` says why. */
  private later(note: string, quiet: boolean): false {
    this.progress = !!note;
    if (note) this.setState({ note });
    this.again = setTimeout(() => this.run(quiet), PENDING_MS);
    return false;
  }

  componentWillUnmount(): void {
    super.componentWillUnmount();
    clearTimeout(this.again);
    this.asks++;
  }

  /**
   * A new answer: the same grid keeps its selection; another file's forgets what was verified. Asked
   * again on its own, a pair already sent for verifying keeps the prediction it was verified against:
   * the sends themselves change the lab (warm ARP caches), and PT's outcome is held against what was
   * predicted when it was sent. "Check again" predicts every pair anew.
   */
  private take(fresh: LabCheck, stamp: LabStamp, quiet: boolean) {
    const progress = this.progress;
    this.progress = false;
    this.setState((s) => {
      const before = s.check;
      const shape =
        !!before && JSON.stringify([before.senders, before.roster]) === JSON.stringify([fresh.senders, fresh.roster]);
      const check =
        quiet && before && shape
          ? { ...fresh, cells: fresh.cells.map((c, i) => (pairKey(c) in s.sent ? before.cells[i] : c)) }
          : fresh;
      const same = !!before && gridText(before) === gridText(check);
      const note = quiet ? (same ? (progress ? "" : s.note) : `Updated at ${clock(stamp.at)}: the lab changed.`) : "";
      return {
        check,
        stamp,
        note,
        sel: shape ? s.sel : {},
        open: shape ? s.open : -1,
        // The file counter may reach the panel after a first check of a new file: the same file's name and
        // grid then keep what was verified (an e2e test lost its "Verified 6 of 6" to that race under load).
        sent:
          s.stamp && (s.stamp.file === stamp.file || (shape && !!before && before.file === fresh.file)) ? s.sent : {},
      };
    });
  }

  private copyCsv = () => {
    const { check } = this.state;
    if (!check) return;
    if (this.stale()) return this.setState({ note: "The lab changed since this grid: copy once it is checked again." });
    (this.props.copy || copyText)(labCheckCsv(check, this.verified())).then(
      () => this.setState({ note: `Copied ${check.cells.length} pairs as CSV.` }),
      (e: Error) => this.setState({ note: "Copy failed: " + e.message }),
    );
  };

  private copyGrades = (csv: string, pairs: number) => {
    if (this.stale()) return this.setState({ note: "The lab changed since this grid: copy once it is checked again." });
    (this.props.copy || copyText)(csv).then(
      () => this.setState({ note: `Copied ${pairs} graded pairs as CSV.` }),
      (e: Error) => this.setState({ note: "Copy failed: " + e.message }),
    );
  };

  /** Opening the section checks the lab when there is no check yet, or it is stale. */
  private toggled = (e: Event) => {
    const shown = (e.target as HTMLDetailsElement).open;
    this.setState({ shown }, () => {
      if (shown && (!this.state.check || this.stale())) this.run(!!this.state.check);
      else this.follow();
    });
  };

  render() {
    const { check, note, sel, open, stamp } = this.state;
    const stale = this.stale();
    const cells = check ? check.cells : [];
    const pt = this.verified();
    const sent = cells.filter((c) => pairKey(c) in pt);
    const verified = sent.filter((c) => ended(pt[pairKey(c)]));
    const running = sent.some((c) => pt[pairKey(c)] === "sending");
    const differ = sent.filter((c) => differs(c, pt[pairKey(c)]));
    const w = check ? check.roster.length : 1;
    const chosen = cells.filter((_, n) => sel["r" + ((n / w) | 0)] || sel["c" + (n % w)] || n === open);
    const count = (p: string) => cells.filter((c) => c.predicted === p).length;
    const bad = cells.filter((c) => c.predicted !== "delivered");
    const at = cells[open];
    const grade = this.grade();
    const graded = grade && at ? markOf(grade.marks, at) : null;
    return html`
      <details class="lab-check" onToggle=${this.toggled}>
        <summary><h2>Lab check</h2></summary>
        <p class="hint">Who can mail whom in this lab, predicted from its settings. Nothing is sent unless you verify.</p>
        <div class="actions">
          <button type="button" onClick=${() => this.run()}>Check again</button>
          <button type="button" onClick=${this.copyCsv} disabled=${!cells.length || stale}>Copy CSV</button>
          <span class="message" role="status">${note}</span>
        </div>
        ${check && stamp ? html`<p class=${"hint" + (stale ? " stale" : "")}>${stale ? "The lab changed since this check: checking again… " : ""}Checked ${check.file ? check.file : "this lab"} at ${clock(stamp.at)}.</p>` : null}
        ${
          check && !check.readable
            ? html`<p role="alert">The lab could not be read (see the banner above for a missing privilege).</p>`
            : check
              ? html`
          <p>${cells.length} pairs (${check.senders.length} senders × ${check.roster.length} accounts): ${count("delivered")} deliver, ${count("bounced")} bounce, ${count("failed")} fail${count("unknown") ? `, ${count("unknown")} unknown` : ""}.</p>
          ${check.causes.length ? html`<h3>What to fix</h3><ol class="causes">${check.causes.map((g) => html`<li><b>${g.pairs} pair${g.pairs === 1 ? "" : "s"}:</b> ${g.cause}.${g.fix ? html` <strong>Fix:</strong> ${g.fix}.` : null}</li>`)}</ol>` : null}
          ${
            cells.length
              ? html`<p class="hint">Open a cell; select a row or column by its header.</p>
          <${LabGrid} check=${check} pt=${JSON.stringify(pt)} sel=${sel} open=${open} pick=${this.pick} marks=${grade ? grade.marks : null} />
          <p class="hint legend">${GRID_LEGEND}${grade ? GRADE_LEGEND : ""}</p>
          ${at ? html`<div class="detail" aria-live="polite"><p>${line(at, pt)}</p>${graded ? html`<p><strong>Graded:</strong> ${graded.words}.</p>` : null}${at.cause ? html`<p><strong>Why:</strong> ${at.cause}</p>` : null}${at.fix ? html`<p><strong>Fix:</strong> ${at.fix}</p>` : null}</div>` : null}
          <div class="actions">
            <button type="button" onClick=${() => this.verify(chosen)} disabled=${!chosen.length || running}>Verify selected</button>
            <button type="button" onClick=${() => this.verify(cells)} disabled=${running}>Verify all</button>
            <button type="button" class=${running ? "" : "reserved"} aria-hidden=${running ? undefined : "true"} disabled=${!running} onClick=${this.stopVerifying}>Stop verifying</button>
            <span class="message">${chosen.length} selected</span>
          </div>`
              : null
          }${
            cells.length
              ? html`<p role="status" class="verified">${sent.length ? `Verified ${verified.length} of ${sent.length} pairs by sending; ${differ.length} differ from the prediction.` : ""}</p>
          ${differ.length ? html`<ul class="pairs" aria-label="Differences">${differ.map((c) => html`<li>${line(c, pt)}</li>`)}</ul>` : null}`
              : null
          }
          ${cells.length ? html`<${GradeView} check=${check} grade=${grade} set=${(expectation: Expectation | null) => this.setState({ expectation })} copy=${this.copyGrades} />` : null}
          ${bad.length ? html`<details><summary>Pairs that do not deliver (${bad.length})</summary><ul class="pairs">${bad.map(pair)}</ul></details>` : null}`
              : null
        }
      </details>`;
  }
}
