// The panel: a status bar, the compose form and the delivery log.
import { html } from "htm/preact";
import { createRef } from "preact";
import { Compose } from "./compose/compose";
import { resendDraft } from "./compose/resend";
import type { Call } from "./engine-link";
import { LabCheckView } from "./lab-check";
import { LogView } from "./log/log-view";
import type { PanelStore } from "./store";
import { StoreView } from "./store-view";

export interface PanelProps {
  store: PanelStore;
  call: Call;
  copy?: (text: string) => Promise<void>;
}

const CONNECTION_TEXT = {
  connecting: "Connecting…",
  live: "Live",
  pulling: "Live (polling)",
  offline: "Engine not answering",
};

export class Panel extends StoreView<PanelProps> {
  private compose = createRef<Compose>();

  /** Resend to the failed ones: the group's compose, for the mails that did not arrive. */
  private resend = (group: number) => {
    const draft = resendDraft(this.props.store.members(group));
    if (draft && this.compose.current) this.compose.current.refill(draft);
  };

  render() {
    const { store, call, copy } = this.props;
    const c = store.connection;
    const latest = store.announcements[store.announcements.length - 1] || "";
    return html`
      <div class="app">
        <header class="bar">
          <h1>Mail Console</h1>
          <span class=${"chip conn " + c} title=${store.connectionNote} role="status" aria-label=${"Connection: " + CONNECTION_TEXT[c]}>
            ${CONNECTION_TEXT[c]}
          </span>
          ${store.status.simulationMode ? html`<span class="chip sim">Simulation mode</span>` : null}
        </header>
        ${c === "offline" || (c === "connecting" && store.connectionNote) ? html`<p class="banner" role="alert">${store.connectionNote}</p>` : null}
        ${(store.status.unavailable || []).map((u) => html`<p class="banner" role="alert">${u}</p>`)}
        <main class="panes">
          <details class="compose-pane" open>
            <summary><h2>Compose</h2></summary>
            <${Compose} ref=${this.compose} store=${store} call=${call} />
          </details>
          <${LabCheckView} store=${store} call=${call} copy=${copy} />
          <${LogView} store=${store} call=${call} copy=${copy} resend=${this.resend} />
        </main>
        <div class="sr-only" aria-live="polite" aria-atomic="true">${latest}</div>
      </div>`;
  }
}
