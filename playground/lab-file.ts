// File > Open of a Packet Tracer lab (.pkt / .pka) in the playground: a file
// input in the network view's toolbar and drag-and-drop onto the page. The
// bytes go to the worker, which decodes and imports them with lab/ and opens
// the topology; the importer's error or warnings come back to show here.
// First a reader worker of its own reads the file under a time limit and is
// ended if it takes longer: a hostile file then costs that much, never the
// simulation (the worker that plays PT reads only what read in time).
// Every text from the file (its name, device names, warnings) is data: it is
// rendered only as Preact text.

import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { MAX_FILE_BYTES } from "../lab/codec/container";
import type { FileView, FromWorker, ToWorker } from "./protocol";

/** How long a lab may take to decode and import before its reader is ended (?labReadMs= for tests). */
export const LAB_READ_MS = Number(new URLSearchParams(location.search).get("labReadMs")) || 20_000;

/**
 * Reads a lab in a worker of its own (worker.ts ?read-lab) and ends that worker when done or when the time is
 * up: answers the importer's one-line error, the time limit's, or null when the lab reads.
 */
export function readWithin(name: string, bytes: ArrayBuffer, ms = LAB_READ_MS): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new Worker("/playground/worker.js?read-lab");
    const done = (error: string | null) => {
      clearTimeout(timer);
      reader.terminate();
      resolve(error);
    };
    const timer = setTimeout(() => done("reading it took more than " + ms / 1000 + " s, so it was stopped"), ms);
    reader.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === "lab-opened") done(e.data.error);
    };
    reader.onerror = (e) => done("it could not be read (" + (e.message || "the reader stopped") + ")");
    reader.postMessage({ type: "open-lab", id: 0, name, bytes } satisfies ToWorker, [bytes]);
  });
}

/** Sends a lab's bytes to the worker; resolves with the importer's one-line error, or null once it is open. */
export type OpenLab = (name: string, bytes: ArrayBuffer) => Promise<string | null>;

interface LabState {
  /** The file being opened, or "". */
  opening: string;
  /** The last open that failed: its file name and the importer's message. */
  failed: { name: string; error: string } | null;
}

let state: LabState = { opening: "", failed: null };
const listeners: ((s: LabState) => void)[] = [];

function setState(next: LabState): void {
  state = next;
  for (const l of listeners.slice()) l(next);
}

function useLabState(): LabState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.push(setS);
    setS(state);
    return () => listeners.splice(listeners.indexOf(setS), 1);
  }, []);
  return s;
}

/** Forgets the last failed open (another file was opened meanwhile). */
export function clearLabError(): void {
  if (state.failed) setState({ opening: state.opening, failed: null });
}

/** Reads a file the person picked or dropped and opens it as a lab; a failure keeps the open file. */
export async function openLabFile(file: File, open: OpenLab): Promise<void> {
  const name = file.name || "the dropped file";
  setState({ opening: name, failed: null });
  let error: string | null;
  try {
    // The codec refuses these too, but only after the whole file was read and copied.
    if (file.size > MAX_FILE_BYTES)
      error = "file is " + file.size + " bytes, above the " + MAX_FILE_BYTES + "-byte limit";
    else {
      const bytes = await file.arrayBuffer();
      error = await readWithin(name, bytes.slice(0));
      if (error === null) error = await open(name, bytes);
    }
  } catch (e) {
    error = (e instanceof Error ? e.message : String(e)).split("\n")[0] || "the file could not be read";
  }
  setState({ opening: "", failed: error === null ? null : { name, error } });
}

/** The toolbar's "Open a lab file…" button: a file input inside its label. */
export function LabFileButton({ open }: { open: OpenLab }) {
  const s = useLabState();
  return html`<label class=${"file-button" + (s.opening ? " busy" : "")} title="PT: File > Open (a .pkt or .pka lab; or drop one on the page)">
    Open a lab file…
    <input type="file" accept=".pkt,.pka" onChange=${(e: Event) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = ""; // the same file can be picked again
      if (file) void openLabFile(file, open);
    }} /></label>`;
}

/** Under the toolbar: the open in progress, the last failure, and the open lab's summary and import warnings. */
export function LabStatus({ file }: { file: FileView }) {
  const s = useLabState();
  return html`<div class="lab-status">
    <p role="status" class="muted">${s.opening ? "Opening " + s.opening + "…" : ""}</p>
    ${
      s.failed
        ? html`<p role="alert" class="lab-error">
        <span>Could not open ${s.failed.name}: ${s.failed.error}. The open file is kept.</span>
        <button type="button" class="x" aria-label="Dismiss the error" onClick=${clearLabError}>×</button></p>`
        : null
    }
    ${file.key === "lab" ? html`<${LabSummary} file=${file} />` : null}
  </div>`;
}

function LabSummary({ file }: { file: FileView }) {
  const what = file.kind === "pka" ? "activity" : "network";
  const mails = file.storedMails === 1 ? "1 stored mail" : file.storedMails + " stored mails";
  return html`<div class="lab-summary" aria-label="Opened lab">
    <p>Opened <strong>${file.name}</strong>: ${`a Packet Tracer ${file.ptVersion || "(version unknown)"} ${what} (.${file.kind}), ${mails}. Mail Console runs on it as it would in PT.`}</p>
    ${fileModuleLine(file)}
    ${
      file.warnings.length
        ? html`<details class="warnings">
        <summary>${file.warnings.length} import warning${file.warnings.length === 1 ? "" : "s"}: what the playground leaves out</summary>
        <ul aria-label="Import warnings">${file.warnings.map((w) => html`<li>${w}</li>`)}</ul></details>`
        : html`<p class="muted">No import warnings.</p>`
    }
  </div>`;
}

/** What the lab's File Script Module holds (lab/embed): Mail Console and its version, another module, or nothing. */
function fileModuleLine(file: FileView) {
  const m = file.fileModule;
  if (!m) return null;
  const text = m.mailConsole
    ? `It carries Mail Console ${m.mailConsole} as its File Script Module: in PT it starts when the lab opens (here the playground's engine runs).`
    : m.scripts.length
      ? `It has a File Script Module of its own (${m.scripts.join(", ")}), not Mail Console.`
      : "It carries no File Script Module.";
  return html`<p aria-label="File Script Module">${text}</p>`;
}

/** A file dragged over the page shows a drop target; dropped, it is opened as a lab (the first, if several). */
export function installDrop(open: OpenLab): void {
  const body = document.body;
  let depth = 0;
  const hasFiles = (e: DragEvent) =>
    !!e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0;
  const done = () => {
    depth = 0;
    body.classList.remove("dropping");
  };
  document.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    body.classList.add("dropping");
  });
  document.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault(); // without it the browser would open the file itself
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
  });
  document.addEventListener("dragleave", () => {
    if (--depth <= 0) done();
  });
  document.addEventListener("drop", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    done();
    const file = e.dataTransfer?.files[0];
    if (file) void openLabFile(file, open);
  });
  // No mouse moves during a drag: one means it ended somewhere the events above did not see.
  document.addEventListener("mousemove", () => {
    if (depth) done();
  });
}
