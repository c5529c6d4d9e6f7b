// The delivery log: counters, filters and search, copy, save and clear, and
// the lines in a windowed list. A push reaches it as the store's delta: the shown lines
// follow it (rows.ts), and only lines whose mail or group changed render.
import { html } from "htm/preact";
import { RESPONSE_CODES } from "../../src/protocol";
import type { Call } from "../engine-link";
import { stateWord } from "../status";
import type { PanelStore } from "../store";
import { StoreView } from "../store-view";
import { inProgress } from "../tally";
import { toCsv, toJson } from "./export";
import { isFiltered, type LogFilter, NO_FILTER, warm } from "./filter";
import { GroupItem } from "./group";
import { LogRow } from "./row";
import { LogRows } from "./rows";
import { SettingsForm } from "./settings";
import { Window } from "./window";

export interface LogViewProps {
  store: PanelStore;
  call: Call;
  copy?: (text: string) => Promise<void>;
  /** Refill the compose form with a group's mails that did not arrive. */
  resend?: (group: number) => void;
}

interface LogViewState {
  filter: LogFilter;
  format: "csv" | "json";
  confirming: boolean;
  /** What the last copy, save or clear did. */
  note: string;
  /** Opened mails, and groups whose open state the person flipped. */
  open: { [id: number]: boolean };
  flipped: { [group: number]: boolean };
}

/** How long what Copy, Save or Clear did stays said: long enough to read, gone before it describes an older log. */
export const NOTE_MS = 6000;

const OUTCOMES = (["in-progress", "delivered", "bounced", "failed", "cancelled"] as const).map((s) => [
  s,
  stateWord(s),
]);

export class LogView extends StoreView<LogViewProps, LogViewState> {
  state: LogViewState = { filter: NO_FILTER, format: "csv", confirming: false, note: "", open: {}, flipped: {} };
  rows = new LogRows(this.props.store, NO_FILTER);
  private noteTimer: ReturnType<typeof setTimeout> | undefined;

  componentWillUnmount(): void {
    super.componentWillUnmount();
    clearTimeout(this.noteTimer);
  }

  /** Says what an action did; news goes after NOTE_MS, a failure at the next action (which says "" first). */
  private say(note: string, lasts = true): void {
    if (!note && !this.state.note) return;
    clearTimeout(this.noteTimer);
    this.setState({ note });
    if (note && lasts) this.noteTimer = setTimeout(() => this.setState({ note: "" }), NOTE_MS);
  }

  protected storeChanged(): void {
    this.rows.sync();
    this.forceUpdate();
  }

  private update(patch: Partial<LogFilter>): void {
    const filter = { ...this.state.filter, ...patch };
    this.rows.setFilter(filter);
    this.say("");
    this.setState({ filter, flipped: {} });
  }

  private toggleRow = (id: number) => this.setState((s) => ({ open: { ...s.open, [id]: !s.open[id] } }));
  private toggleGroup = (id: number) => this.setState((s) => ({ flipped: { ...s.flipped, [id]: !s.flipped[id] } }));
  private resend = (group: number) => {
    if (this.props.resend) this.props.resend(group);
  };

  /** Copies or saves the rows shown, oldest first, in the chosen format, and says what went where. */
  private export(save: boolean): void {
    const { call, copy } = this.props;
    const format = this.state.format;
    this.say("");
    const shown = this.rows.shown();
    const n = shown.length;
    const text = format === "csv" ? toCsv(shown) : toJson(shown);
    const what = `${n} ${isFiltered(this.state.filter) ? "shown " : ""}row${n === 1 ? "" : "s"} as ${format.toUpperCase()}`;
    const done = save
      ? call({ type: "saveLog", format, text }).then((r) => {
          if (!r.ok) throw new Error(r.error);
          return `Saved ${what} to ${r.value.path}`;
        })
      : (copy || copyText)(text).then(() => `Copied ${what}.`);
    done.then(
      (note) => this.say(note),
      (e: Error) => this.say((save ? "Save" : "Copy") + " failed: " + e.message, false),
    );
  }

  private clear = () => {
    this.setState({ confirming: false });
    this.props.call({ type: "clearLog" }).then(
      (r) => (r.ok ? this.say("Log cleared.") : this.say("Clear failed: " + r.error, false)),
      (e: Error) => this.say("Clear failed: " + e.message, false),
    );
  };

  /**
   * Builds every row's search text in slices before the first keystroke, so that one is not slow.
   * A message between slices, not setTimeout, which waits at least 4 ms once nested: 100,000 rows
   * are ready in about 200 ms, sooner than a person types after clicking the box.
   */
  private warmUp = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (!warm(this.props.store.mails, 4000)) channel.port2.postMessage(0);
      else channel.port1.close();
    };
    channel.port2.postMessage(0);
  };

  private line = (i: number) => {
    const { store } = this.props;
    const key = this.rows.keyAt(i);
    const g = store.tally.groups.get(key);
    const old = !!g && g.file < store.file;
    if (g && g.size > 1) {
      const filtered = isFiltered(this.state.filter);
      return html`<${GroupItem} key=${key} store=${store} g=${g} rev=${g.rev} open=${filtered !== !!this.state.flipped[key]}
        rows=${this.rows} shown=${filtered ? this.rows.version : 0} opened=${this.state.open} old=${old}
        toggle=${this.toggleGroup} toggleRow=${this.toggleRow} resend=${this.resend} />`;
    }
    const m = store.members(key)[0];
    return html`<${LogRow} key=${key} mail=${m} open=${!!this.state.open[m.id]} old=${m.file < store.file} toggle=${this.toggleRow} />`;
  };

  render() {
    const { store, call } = this.props;
    const { filter, format, confirming, note } = this.state;
    const rows = this.rows;
    const n = store.tally.n;
    const pick = (field: keyof LogFilter) => (e: Event) =>
      this.update({ [field]: (e.target as HTMLInputElement).value });
    const names = (map: Map<string, number>, more: string[] = []) => {
      const out = more.slice();
      map.forEach((_n, k) => {
        if (out.indexOf(k) < 0) out.push(k);
      });
      return out.sort().map((k) => [k, k]);
    };
    const choice = (label: string, field: keyof LogFilter, options: string[][]) => html`
      <label>${label} <select value=${filter[field]} onChange=${pick(field)}>
        <option value="">Any</option>${options.map(([v, t]) => html`<option value=${v}>${t}</option>`)}
      </select></label>`;
    return html`
      <section class="log" aria-labelledby="log-title">
        <div class="log-head">
          <h2 id="log-title">Delivery log</h2>
          <p class="counters" aria-label="Counters">
            <span>Sent <b>${store.sent}</b></span> <span class="ok">Delivered <b>${n.delivered}</b></span> <span class="bad">Bounced <b>${n.bounced}</b></span> <span class="bad">Failed <b>${n.failed}</b></span> <span>Cancelled <b>${n.cancelled}</b></span> <span>In progress <b>${inProgress(n)}</b></span>${store.dropped ? html` <span>${store.dropped} older dropped</span>` : null}
          </p>
        </div>
        <div class="filters">
          ${choice(
            "Device",
            "device",
            names(
              store.tally.devices,
              store.devices.map((d) => d.name),
            ),
          )}
          ${choice("Outcome", "outcome", OUTCOMES)}
          ${choice(
            "Code",
            "code",
            RESPONSE_CODES.map((c) => [c.code + "", c.code + " " + c.label]),
          )}
          ${choice("Domain", "domain", names(store.tally.domains))}
          <label class="search">Search <input type="search" value=${filter.query} placeholder="to: from: device: code: subject:"
            onFocus=${this.warmUp} onInput=${pick("query")} /></label>
        </div>
        <div class="log-actions">
          <label>Format <select value=${format} onChange=${(e: Event) => {
            this.say("");
            this.setState({ format: (e.target as HTMLSelectElement).value as "csv" });
          }}>
            <option value="csv">CSV</option><option value="json">JSON</option></select></label>
          <button type="button" onClick=${() => this.export(false)} disabled=${!rows.count}>Copy</button>
          <button type="button" onClick=${() => this.export(true)} disabled=${!rows.count}>Save</button>
          ${
            confirming
              ? html`<span class="confirm" role="group" aria-label="Confirm clear">Clear all ${store.mails.length} mails?
                <button type="button" class="danger" onClick=${this.clear}>Yes, clear</button>
                <button type="button" onClick=${() => this.setState({ confirming: false })}>Keep</button></span>`
              : html`<button type="button" onClick=${() => {
                  this.say("");
                  this.setState({ confirming: true });
                }} disabled=${!store.mails.length}>Clear</button>`
          }
          <span class="message" role="status">${note}</span>
        </div>
        ${
          rows.count
            ? html`<${Window} count=${rows.count} keyAt=${(i: number) => rows.keyAt(i)} indexOf=${(k: number) => rows.indexOf(k)}
                line=${this.line} />`
            : html`<p class="empty">${store.mails.length ? "No mail matches the filters." : "No mail yet. Mail sent from a PC's own Email app shows up here too."}</p>`
        }
        <${SettingsForm} store=${store} call=${call} copy=${this.props.copy || copyText} />
      </section>`;
  }
}

/** Clipboard in Qt WebEngine may refuse the async API: fall back to copying a selected textarea. */
export function copyText(text: string): Promise<void> {
  return (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject()).catch(() => {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("the clipboard is not available here.");
  });
}
