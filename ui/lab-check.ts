// The Lab check: who can mail whom, from the lab as it is now (the engine's
// labCheck, the mail model over every sender and account). Each fix is shown
// once with the pairs it repairs, then the failing pairs; a list rather than a
// grid, so it reads at the panel's 420 px and with the keyboard.
import { html } from "htm/preact";
import { Component } from "preact";
import type { LabCheck, LabCheckCell } from "../src/protocol";
import type { Call } from "./engine-link";
import { csvCell } from "./log/export";
import { copyText } from "./log/log-view";

export interface LabCheckProps {
  call: Call;
  copy?: (text: string) => Promise<void>;
}

interface LabCheckState {
  check: LabCheck | null;
  note: string;
}

const WORDS = { delivered: "delivers", bounced: "bounces", failed: "fails", unknown: "unknown" };

/** One row per pair, for grading: sender device, from, to, predicted, code, cause, fix. */
export function labCheckCsv(check: LabCheck): string {
  const rows = [["device", "from", "to", "predicted", "code", "cause", "fix"].join(",")];
  for (const c of check.cells) {
    rows.push(
      [c.device, c.from, c.to, c.predicted, c.code === null ? "" : c.code, c.cause, c.fix].map(csvCell).join(","),
    );
  }
  return "\ufeff" + rows.join("\r\n") + "\r\n";
}

function pair(c: LabCheckCell) {
  return html`<li>${c.device} → ${c.to}: ${WORDS[c.predicted]}${c.code !== null && c.predicted === "failed" ? ` (code ${c.code})` : ""}</li>`;
}

export class LabCheckView extends Component<LabCheckProps, LabCheckState> {
  state: LabCheckState = { check: null, note: "" };

  private run = () => {
    this.setState({ note: "Reading the lab…" });
    this.props.call({ type: "labCheck" }).then(
      (r) => this.setState(r.ok ? { check: r.value, note: "" } : { note: r.error }),
      (e: Error) => this.setState({ note: "Lab check failed: " + e.message }),
    );
  };

  private copyCsv = () => {
    const { check } = this.state;
    if (!check) return;
    (this.props.copy || copyText)(labCheckCsv(check)).then(
      () => this.setState({ note: `Copied ${check.cells.length} pairs as CSV.` }),
      (e: Error) => this.setState({ note: "Copy failed: " + e.message }),
    );
  };

  render() {
    const { check, note } = this.state;
    const count = (p: string) => (check ? check.cells.filter((c) => c.predicted === p).length : 0);
    const bad = check ? check.cells.filter((c) => c.predicted !== "delivered") : [];
    return html`
      <details class="lab-check" onToggle=${(e: Event) => (e.target as HTMLDetailsElement).open && !check && this.run()}>
        <summary><h2>Lab check</h2></summary>
        <p class="hint">Who can mail whom in this lab, predicted from its settings. Nothing is sent.</p>
        <div class="actions">
          <button type="button" onClick=${this.run}>Check again</button>
          <button type="button" onClick=${this.copyCsv} disabled=${!check || !check.cells.length}>Copy CSV</button>
          <span class="message" role="status">${note}</span>
        </div>
        ${
          check && !check.readable
            ? html`<p role="alert">The lab could not be read (see the banner above for a missing privilege).</p>`
            : check
              ? html`
          <p>${check.cells.length} pairs (${check.senders.length} senders × ${check.roster.length} accounts): ${count("delivered")} deliver, ${count("bounced")} bounce, ${count("failed")} fail${count("unknown") ? `, ${count("unknown")} unknown` : ""}.</p>
          ${check.causes.length ? html`<h3>What to fix</h3><ol class="causes">${check.causes.map((g) => html`<li><b>${g.pairs} pair${g.pairs === 1 ? "" : "s"}:</b> ${g.cause}. <strong>Fix:</strong> ${g.fix}.</li>`)}</ol>` : null}
          ${bad.length ? html`<h3>Pairs that do not deliver</h3><ul class="pairs">${bad.map(pair)}</ul>` : null}`
              : null
        }
      </details>`;
  }
}
