// The delivery log: filters, search, counters, export and clear over the rows.
import { html } from "htm/preact";
import type { MailEntry } from "../../src/protocol";
import type { Call } from "../engine-link";
import type { PanelStore } from "../store";
import { StoreView } from "../store-view";
import { toCsv, toJson } from "./export";
import { type Counters, countMails, filterMails, type LogFilter, NO_FILTER, type Outcome } from "./filter";
import { LogRow } from "./row";
import { SettingsForm } from "./settings";

/** Rows rendered at once; more on request, so long logs stay smooth. */
export const PAGE = 30;

export interface LogViewProps {
  store: PanelStore;
  call: Call;
  copy?: (text: string) => Promise<void>;
}

interface LogViewState {
  filter: LogFilter;
  open: { [id: number]: boolean };
  limit: number;
  confirming: boolean;
  note: string;
}

export class LogView extends StoreView<LogViewProps, LogViewState> {
  state: LogViewState = { filter: NO_FILTER, open: {}, limit: PAGE, confirming: false, note: "" };
  /** The filtered rows, kept until the store or the filter changes (typing re-renders often). */
  private cache: { version: number; filter: LogFilter; rows: MailEntry[] } | null = null;
  /** Counters and device names, kept until the store changes. */
  private summary: { version: number; counts: Counters; deviceNames: string[] } | null = null;

  private summarise(): { counts: Counters; deviceNames: string[] } {
    const { store } = this.props;
    if (this.summary && this.summary.version === store.version) return this.summary;
    const deviceNames: string[] = [];
    for (const m of store.mails) if (deviceNames.indexOf(m.device) < 0) deviceNames.push(m.device);
    for (const d of store.devices) if (deviceNames.indexOf(d.name) < 0) deviceNames.push(d.name);
    deviceNames.sort();
    this.summary = { version: store.version, counts: countMails(store.mails), deviceNames };
    return this.summary;
  }

  private rows(): MailEntry[] {
    const { store } = this.props;
    const c = this.cache;
    if (c && c.version === store.version && c.filter === this.state.filter) return c.rows;
    this.cache = {
      version: store.version,
      filter: this.state.filter,
      rows: filterMails(store.mails, this.state.filter),
    };
    return this.cache.rows;
  }

  private update(patch: Partial<LogFilter>): void {
    this.setState((s) => ({ filter: Object.assign({}, s.filter, patch), limit: PAGE }));
  }

  private toggle = (id: number) => this.setState((s) => ({ open: Object.assign({}, s.open, { [id]: !s.open[id] }) }));

  private describe(rows: MailEntry[]): string {
    const f = this.state.filter;
    const filtered = f.device !== "" || f.outcome !== "all" || f.query.trim() !== "";
    return `${rows.length} ${filtered ? "shown " : ""}row${rows.length === 1 ? "" : "s"}`;
  }

  private copy(format: "csv" | "json"): void {
    const rows = this.rows().slice().reverse();
    const what = this.describe(rows);
    (this.props.copy || copyText)(format === "csv" ? toCsv(rows) : toJson(rows)).then(
      () => this.setState({ note: `Copied ${what} as ${format.toUpperCase()}.` }),
      (e: Error) => this.setState({ note: "Copy failed: " + e.message }),
    );
  }

  private save = () => {
    const rows = this.rows().slice().reverse();
    const what = this.describe(rows);
    this.props.call({ type: "saveLog", format: "csv", text: toCsv(rows) }).then(
      (r) => this.setState({ note: r.ok ? `Saved ${what} to ${r.value.path}` : "Save failed: " + r.error }),
      (e: Error) => this.setState({ note: "Save failed: " + e.message }),
    );
  };

  private clear = () => {
    this.setState({ confirming: false });
    this.props.call({ type: "clearLog" }).then(
      (r) => this.setState({ note: r.ok ? "Log cleared." : "Clear failed: " + r.error }),
      (e: Error) => this.setState({ note: "Clear failed: " + e.message }),
    );
  };

  render() {
    const { store } = this.props;
    const { filter, open, limit, confirming, note } = this.state;
    const rows = this.rows();
    const { counts, deviceNames } = this.summarise();

    return html`
      <section class="log" aria-labelledby="log-title">
        <div class="log-head">
          <h2 id="log-title">Delivery log</h2>
          <p class="counters" aria-label="Counters">
            <span>Sent <b>${counts.sent}</b></span> <span class="ok">Delivered <b>${counts.delivered}</b></span>
            <span class="bad">Failed <b>${counts.failed}</b></span> <span>In progress <b>${counts.inProgress}</b></span>
            ${store.dropped ? html` <span class="dropped">${store.dropped} older dropped</span>` : null}
          </p>
        </div>
        <div class="filters">
          <label>Device <select value=${filter.device} onChange=${(e: Event) => this.update({ device: (e.target as HTMLSelectElement).value })}>
            <option value="">All devices</option>
            ${deviceNames.map((n) => html`<option value=${n}>${n}</option>`)}
          </select></label>
          <label>Outcome <select value=${filter.outcome} onChange=${(e: Event) => this.update({ outcome: (e.target as HTMLSelectElement).value as Outcome })}>
            <option value="all">All</option><option value="in-progress">In progress</option><option value="delivered">Delivered</option>
            <option value="failed">Failed</option><option value="cancelled">Cancelled</option>
          </select></label>
          <label class="search">Search <input type="search" value=${filter.query} placeholder="address, subject, body" onInput=${(e: Event) => this.update({ query: (e.target as HTMLInputElement).value })} /></label>
        </div>
        <div class="log-actions">
          <button type="button" onClick=${() => this.copy("csv")} disabled=${!rows.length}>Copy CSV</button>
          <button type="button" onClick=${() => this.copy("json")} disabled=${!rows.length}>Copy JSON</button>
          <button type="button" onClick=${this.save} disabled=${!rows.length}>Save</button>
          ${
            confirming
              ? html`<span class="confirm" role="group" aria-label="Confirm clear">Clear all ${store.mails.length} mails?
                <button type="button" class="danger" onClick=${this.clear}>Yes, clear</button>
                <button type="button" onClick=${() => this.setState({ confirming: false })}>Keep</button></span>`
              : html`<button type="button" onClick=${() => this.setState({ confirming: true })} disabled=${!store.mails.length}>Clear</button>`
          }
          <span class="message" role="status">${note}</span>
        </div>
        ${
          rows.length
            ? html`<ul class="mails">${rows.slice(0, limit).map((m) => html`<${LogRow} key=${m.id} mail=${m} open=${!!open[m.id]} toggle=${this.toggle} />`)}</ul>`
            : html`<p class="empty">${store.mails.length ? "No mail matches the filters." : "No mail yet. Send one, or send from a PC's Email app in Packet Tracer: it shows up here too."}</p>`
        }
        ${rows.length > limit ? html`<button type="button" class="more" onClick=${() => this.setState({ limit: limit + PAGE })}>Show ${Math.min(PAGE, rows.length - limit)} more of ${rows.length - limit}</button>` : null}
        <${SettingsForm} store=${store} call=${this.props.call} />
      </section>`;
  }
}

/** Clipboard in Qt WebEngine may refuse the async API: fall back to a selected textarea. */
function copyText(text: string): Promise<void> {
  const fallback = () => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    document.body.removeChild(area);
    if (!ok) throw new Error("the clipboard is not available here.");
  };
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text).catch(() => fallback());
  return new Promise((resolve) => {
    fallback();
    resolve();
  });
}
