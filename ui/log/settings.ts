// The engine's settings, kept by PT across restarts ($putData): how many mails
// the log keeps, and how long a Realtime send may go unanswered.
import { html } from "htm/preact";
import type { Settings } from "../../src/protocol";
import type { Call } from "../engine-link";
import type { PanelStore } from "../store";
import { StoreView } from "../store-view";

export interface SettingsProps {
  store: PanelStore;
  call: Call;
  copy?: (text: string) => Promise<void>;
}

export class SettingsForm extends StoreView<SettingsProps, { note: string }> {
  state = { note: "" };

  private change(patch: Partial<Settings>): void {
    this.props.call({ type: "saveSettings", settings: patch }).then(
      (r) =>
        this.setState({
          note: r.ok
            ? `Saved: keep ${r.value.cap} mails, give up after ${r.value.watchdogMs / 1000} s.`
            : "Not saved: " + r.error,
        }),
      (e: Error) => this.setState({ note: "Not saved: " + e.message }),
    );
  }

  /** The text a teacher pastes into an issue when PT and the model disagree (no passwords, no bodies). */
  private report = () => {
    const { call, copy } = this.props;
    call({ type: "fidelityReport" })
      .then((r) => {
        if (!r.ok) throw new Error(r.error);
        return copy ? copy(r.value.text) : Promise.reject(new Error("the clipboard is not available here"));
      })
      .then(
        () => this.setState({ note: "Copied the fidelity report." }),
        (e: Error) => this.setState({ note: "Copy failed: " + e.message }),
      );
  };

  render() {
    const s = this.props.store.settings;
    if (!s) return null;
    const number = (e: Event) => Number((e.target as HTMLInputElement).value);
    return html`
      <details class="settings">
        <summary>Settings</summary>
        <label>Keep at most <input type="number" min="10" max="100000" step="10" value=${s.cap} onChange=${(e: Event) => this.change({ cap: number(e) })} /> mails (older finished ones are dropped)</label>
        <label>In Realtime, give up on a mail after <input type="number" min="1" max="600" value=${s.watchdogMs / 1000} onChange=${(e: Event) => this.change({ watchdogMs: number(e) * 1000 })} /> s without an answer</label>
        <button type="button" onClick=${this.report}>Copy fidelity report</button>
        <span class="message" role="status">${this.state.note}</span>
      </details>`;
  }
}
