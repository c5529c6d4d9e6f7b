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

  render() {
    const s = this.props.store.settings;
    if (!s) return null;
    const number = (e: Event) => Number((e.target as HTMLInputElement).value);
    return html`
      <details class="settings">
        <summary>Settings</summary>
        <label>Keep at most <input type="number" min="10" max="100000" step="10" value=${s.cap} onChange=${(e: Event) => this.change({ cap: number(e) })} /> mails (older finished ones are dropped)</label>
        <label>In Realtime, give up on a mail after <input type="number" min="1" max="600" value=${s.watchdogMs / 1000} onChange=${(e: Event) => this.change({ watchdogMs: number(e) * 1000 })} /> s without an answer</label>
        <span class="message" role="status">${this.state.note}</span>
      </details>`;
  }
}
