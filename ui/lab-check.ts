// The Lab check: who can mail whom, from the lab as it is now (the engine's
// labCheck, the mail model over every sender and account). Each fix is shown
// once with the pairs it repairs, then the failing pairs; a list rather than a
// grid, so it reads at the panel's 420 px and with the keyboard.
import { html } from "htm/preact";
import type { LabCheck, LabCheckCell, MailEntry } from "../src/protocol";
import type { Call } from "./engine-link";
import { csvCell } from "./log/export";
import { copyText } from "./log/log-view";
import type { PanelStore } from "./store";
import { StoreView } from "./store-view";

export interface LabCheckProps {
  store: PanelStore;
  call: Call;
  copy?: (text: string) => Promise<void>;
}

interface LabCheckState {
  check: LabCheck | null;
  note: string;
  /** "Verify by sending": the groups of the test mails sent, one per sender. */
  groups: number[];
}

const SUBJECT = "Mail Console lab check";
const DONE = ["delivered", "bounced", "failed", "cancelled"];

const WORDS = { delivered: "delivers", bounced: "bounces", failed: "fails", unknown: "unknown" };

/** One row per pair, for grading: sender device, from, to, predicted, code, cause, fix. */
function labCheckCsv(check: LabCheck): string {
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

/** What PT did with a verification mail, as the model words it (or "sending" while it moves). */
function actualOf(m: MailEntry | undefined): string {
  if (!m) return "";
  if (DONE.indexOf(m.state) < 0) return "sending";
  return m.state === "delivered" ? "delivered" : m.state === "bounced" ? "bounced" : "failed";
}

export class LabCheckView extends StoreView<LabCheckProps, LabCheckState> {
  state: LabCheckState = { check: null, note: "", groups: [] };

  /** Opt-in: one marked test mail from every sender to every account, through the same queues as compose. */
  private verify = () => {
    const { check } = this.state;
    const { store, call } = this.props;
    if (!check) return;
    const sends = check.senders.map((s) => {
      const d = store.devices.filter((x) => x.name === s.device)[0];
      if (!d) return Promise.resolve(0);
      const mails = check.roster.map((to) => ({
        to,
        subject: SUBJECT,
        body: "Sent by the Lab check to verify its prediction.",
      }));
      return call({
        type: "sendMail",
        device: d.key,
        from: d.mailId,
        password: d.password,
        server: d.smtpServer,
        mails,
      }).then(
        (r) => (r.ok ? r.value.ids[0] : 0),
        () => 0,
      );
    });
    Promise.all(sends).then((groups) => this.setState({ groups: groups.filter((g) => g > 0), note: "" }));
  };

  private stopVerifying = () => {
    const { store, call } = this.props;
    const keys = store.devices.filter((d) => !!this.state.check?.senders.some((s) => s.device === d.name));
    for (const d of keys) call({ type: "cancelSend", device: d.key }).catch(() => undefined);
  };

  /** Each cell's actual outcome from the verification mails, once sent. */
  private actuals(): { [pair: string]: string } {
    const out: { [pair: string]: string } = {};
    for (const g of this.state.groups)
      for (const m of this.props.store.members(g)) out[m.device + ">" + m.to] = actualOf(m);
    return out;
  }

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
    const { check, note, groups } = this.state;
    const actual = groups.length ? this.actuals() : {};
    const cells = check ? check.cells : [];
    const verified = cells.filter((c) => actual[c.device + ">" + c.to] && actual[c.device + ">" + c.to] !== "sending");
    const differ = verified.filter((c) => actual[c.device + ">" + c.to] !== c.predicted);
    const count = (p: string) => (check ? check.cells.filter((c) => c.predicted === p).length : 0);
    const bad = check ? check.cells.filter((c) => c.predicted !== "delivered") : [];
    return html`
      <details class="lab-check" onToggle=${(e: Event) => (e.target as HTMLDetailsElement).open && !check && this.run()}>
        <summary><h2>Lab check</h2></summary>
        <p class="hint">Who can mail whom in this lab, predicted from its settings. Nothing is sent.</p>
        <div class="actions">
          <button type="button" onClick=${this.run}>Check again</button>
          <button type="button" onClick=${this.copyCsv} disabled=${!check?.cells.length}>Copy CSV</button>
          <button type="button" onClick=${this.verify} disabled=${!check?.cells.length || groups.length > 0}>Verify by sending</button>
          ${groups.length && verified.length < cells.length ? html`<button type="button" onClick=${this.stopVerifying}>Stop verifying</button>` : null}
          <span class="message" role="status">${note}</span>
        </div>
        ${
          check && !check.readable
            ? html`<p role="alert">The lab could not be read (see the banner above for a missing privilege).</p>`
            : check
              ? html`
          <p>${check.cells.length} pairs (${check.senders.length} senders × ${check.roster.length} accounts): ${count("delivered")} deliver, ${count("bounced")} bounce, ${count("failed")} fail${count("unknown") ? `, ${count("unknown")} unknown` : ""}.</p>
          ${check.causes.length ? html`<h3>What to fix</h3><ol class="causes">${check.causes.map((g) => html`<li><b>${g.pairs} pair${g.pairs === 1 ? "" : "s"}:</b> ${g.cause}. <strong>Fix:</strong> ${g.fix}.</li>`)}</ol>` : null}
          ${bad.length ? html`<h3>Pairs that do not deliver</h3><ul class="pairs">${bad.map(pair)}</ul>` : null}
          ${
            groups.length
              ? html`<p role="status">Verified ${verified.length} of ${cells.length} pairs by sending; ${differ.length} differ from the prediction.</p>
          ${differ.length ? html`<ul class="pairs" aria-label="Differences">${differ.map((c) => html`<li>${c.device} → ${c.to}: predicted ${WORDS[c.predicted]}, PT: ${actual[c.device + ">" + c.to]}</li>`)}</ul>` : null}`
              : null
          }`
              : null
        }
      </details>`;
  }
}
