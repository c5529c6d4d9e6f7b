// The delivery log: filters, search, counters, export and clear over the rows.
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import type { Request, Response } from "../../src/protocol";
import type { PanelStore } from "../store";
import { useStore } from "../hooks";
import { countMails, filterMails, type LogFilter, type Outcome } from "./filter";
import { toCsv, toJson } from "./export";
import { LogRow } from "./row";

/** Rows rendered at once; more on request, so long logs stay smooth. */
export const PAGE = 30;

export interface LogViewProps {
  store: PanelStore;
  call: (r: Request) => Promise<Response>;
  copy?: (text: string) => Promise<void>;
}

export function LogView({ store, call, copy = copyText }: LogViewProps) {
  const version = useStore(store);
  const [filter, setFilter] = useState<LogFilter>({ device: "", outcome: "all", query: "" });
  const [open, setOpen] = useState<{ [id: number]: boolean }>({});
  const [limit, setLimit] = useState(PAGE);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");

  const rows = useMemo(() => filterMails(store.mails, filter), [version, filter]);
  const counts = useMemo(() => countMails(store.mails), [version]);
  const deviceNames = useMemo(() => {
    const names: string[] = [];
    for (const m of store.mails) if (names.indexOf(m.device) < 0) names.push(m.device);
    for (const d of store.devices) if (names.indexOf(d.name) < 0) names.push(d.name);
    return names.sort();
  }, [version]);

  const update = (patch: Partial<LogFilter>) => {
    setFilter(Object.assign({}, filter, patch));
    setLimit(PAGE);
  };
  const toggle = (id: number) => setOpen(Object.assign({}, open, { [id]: !open[id] }));
  const filtered = filter.device !== "" || filter.outcome !== "all" || filter.query.trim() !== "";
  const what = `${rows.length} ${filtered ? "shown " : ""}row${rows.length === 1 ? "" : "s"}`;

  const doCopy = (format: "csv" | "json") => {
    const text = format === "csv" ? toCsv(rows.slice().reverse()) : toJson(rows.slice().reverse());
    copy(text).then(() => setNote(`Copied ${what} as ${format.toUpperCase()}.`), (e: Error) => setNote("Copy failed: " + e.message));
  };
  const save = () => {
    call({ type: "save", format: "csv", text: toCsv(rows.slice().reverse()) }).then(
      (r) => setNote(r.ok ? `Saved ${what} to ${r.path}` : "Save failed: " + r.error),
      (e: Error) => setNote("Save failed: " + e.message),
    );
  };
  const clear = () => {
    setConfirming(false);
    call({ type: "clear" }).then(
      (r) => setNote(r.ok ? "Log cleared." : "Clear failed: " + r.error),
      (e: Error) => setNote("Clear failed: " + e.message),
    );
  };

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
        <label>Device <select value=${filter.device} onChange=${(e: Event) => update({ device: (e.target as HTMLSelectElement).value })}>
          <option value="">All devices</option>
          ${deviceNames.map((n) => html`<option value=${n}>${n}</option>`)}
        </select></label>
        <label>Outcome <select value=${filter.outcome} onChange=${(e: Event) => update({ outcome: (e.target as HTMLSelectElement).value as Outcome })}>
          <option value="all">All</option><option value="in-progress">In progress</option><option value="delivered">Delivered</option>
          <option value="failed">Failed</option><option value="cancelled">Cancelled</option>
        </select></label>
        <label class="search">Search <input type="search" value=${filter.query} placeholder="address, subject, body" onInput=${(e: Event) => update({ query: (e.target as HTMLInputElement).value })} /></label>
      </div>
      <div class="log-actions">
        <button type="button" onClick=${() => doCopy("csv")} disabled=${!rows.length}>Copy CSV</button>
        <button type="button" onClick=${() => doCopy("json")} disabled=${!rows.length}>Copy JSON</button>
        <button type="button" onClick=${save} disabled=${!rows.length}>Save</button>
        ${confirming
          ? html`<span class="confirm" role="group" aria-label="Confirm clear">Clear all ${store.mails.length} mails?
              <button type="button" class="danger" onClick=${clear}>Yes, clear</button>
              <button type="button" onClick=${() => setConfirming(false)}>Keep</button></span>`
          : html`<button type="button" onClick=${() => setConfirming(true)} disabled=${!store.mails.length}>Clear</button>`}
        <span class="message" role="status">${note}</span>
      </div>
      ${rows.length
        ? html`<ul class="mails">${rows.slice(0, limit).map((m) => html`<${LogRow} key=${m.id} mail=${m} open=${!!open[m.id]} toggle=${toggle} />`)}</ul>`
        : html`<p class="empty">${store.mails.length ? "No mail matches the filters." : "No mail yet. Send one, or send from a PC's Email app in Packet Tracer: it shows up here too."}</p>`}
      ${rows.length > limit ? html`<button type="button" class="more" onClick=${() => setLimit(limit + PAGE)}>Show ${Math.min(PAGE, rows.length - limit)} more of ${rows.length - limit}</button>` : null}
    </section>`;
}

/** Clipboard in Qt WebEngine may refuse the async API: fall back to a selected textarea. */
export function copyText(text: string): Promise<void> {
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
  if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text).catch(() => fallback());
  return new Promise((resolve) => {
    fallback();
    resolve();
  });
}
