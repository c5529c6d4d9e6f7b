// An opened activity (.pka) in the playground, held against its answer
// network (issue 25): the Lab check of the current network as the engine
// answers it (the panel's labCheck, so it follows every edit in the network
// view), an "Answer" toggle that shows the answer network's grid instead,
// and "Differences": the pairs where the current network does not do what the
// answer does, grouped by cause with the fix, as the Lab check shows them.
// The answer network is read from the file's bytes in a reader worker (lab/,
// as `npm run lab -- grade` reads it); PT's IPC names an ActivityFile's
// getAnsNetworkFile(), which the engine does not read yet (README "Grading a
// class"). Every text from the lab is data, rendered only as Preact text.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { byGroups, expectedOf, pairOf, type Score, scoreLab, scorePercent } from "../src/grading/score";
import type { LabCheck } from "../src/protocol";
import { LAB_READ_MS } from "./lab-file";
import type { AnswerGrid, FromWorker, ToWorker, WorldView } from "./protocol";
import { oneLine } from "./worker-files";

/** How often the Lab check is asked again with no change in view: accounts and passwords change with no PT event. */
const REFRESH_MS = 3000;

/** What the Lab check depends on in the world: not the mail moving (sending, mailbox counts, pushes). */
function labKey(w: WorldView): string {
  const devices = w.devices.map((d) => [
    d.name,
    d.power,
    d.ip,
    d.gateway,
    d.dns,
    d.account,
    d.mail && [d.mail.domain, d.mail.smtp, d.mail.users.map((u) => [u.name, u.password])],
    d.dnsServer,
  ]);
  return JSON.stringify([w.file.name, devices, w.links, w.behaviour]);
}

type Grid = AnswerGrid;

/** The open activity's answer network: its grid, or why it could not be read. */
export type Answer = { name: string; grid: Grid | null; error: string };

let answer: Answer | null = null;
const listeners: ((a: Answer | null) => void)[] = [];

function setAnswer(next: Answer | null): void {
  answer = next;
  for (const l of listeners.slice()) l(next);
}

/**
 * Reads the answer network of an activity just opened (null bytes: not an activity, so none), in a reader
 * worker of its own under the same time limit as the lab itself (lab-file.ts), so a large answer network
 * never holds the page.
 */
export function readAnswer(name: string, bytes: ArrayBuffer | null, ms = LAB_READ_MS): Promise<void> {
  if (!bytes) return Promise.resolve(setAnswer(null));
  return new Promise((resolve) => {
    const reader = new Worker("/playground/worker.js?read-lab");
    const done = (grid: Grid | null, error: string) => {
      clearTimeout(timer);
      reader.terminate();
      setAnswer({ name, grid, error });
      resolve();
    };
    const timer = setTimeout(() => done(null, "reading it took more than " + ms / 1000 + " s, so it was stopped"), ms);
    reader.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === "answer-read") done(e.data.grid, e.data.error);
    };
    reader.onerror = (e) => done(null, "it could not be read (" + (e.message || "the reader stopped") + ")");
    reader.postMessage({ type: "read-answer", name, bytes } satisfies ToWorker, [bytes]);
  });
}

/** Calls the engine as the panel does ($se "mailConsoleRequest"): its answer, as object or JSON text. */
export type AskEngine = (request: { type: "labCheck"; id?: number; from?: number }) => Promise<unknown>;

function labCheckOf(value: unknown): LabCheck {
  let v = value;
  for (let i = 0; i < 2 && typeof v === "string"; i++) v = JSON.parse(v);
  const reply = v as { ok: boolean; value?: LabCheck; error?: string } | null;
  if (!reply?.ok || !reply.value) throw new Error(reply?.error || "the engine gave no Lab check");
  return reply.value;
}

/**
 * The Lab check with all its cells: a large one comes in pages (LabPage, issue 23), asked for one after
 * another as the panel does; null while the lab is still being worked out, or when a page belongs to a
 * check begun afresh meanwhile (the next refresh asks again).
 */
export async function wholeLabCheck(ask: AskEngine): Promise<LabCheck | null> {
  const first = labCheckOf(await ask({ type: "labCheck" }));
  if (first.pending) return null;
  const cells = first.cells.slice();
  for (let p = first.page; p && cells.length < p.total; ) {
    const next = labCheckOf(await ask({ type: "labCheck", id: p.id, from: cells.length }));
    if (next.pending || !next.page || next.page.id !== p.id || next.page.from !== cells.length) return null;
    cells.push(...next.cells);
    p = next.page;
  }
  return { ...first, cells };
}

const MARKS: { [outcome: string]: string } = { delivered: "✓", bounced: "↩", unknown: "?" };
const WORDS: { [outcome: string]: string } = {
  delivered: "delivers",
  bounced: "bounces",
  failed: "fails",
  unknown: "cannot tell",
  missing: "has no such pair",
};
const said = (c: LabCheck["cells"][number]) =>
  WORDS[c.predicted] + (c.code !== null && c.predicted === "failed" ? " with " + c.code : "");

/** The current network against the answer's pairs: the grader's own score (src/grading/). */
function differences(current: LabCheck, grid: Grid): Score {
  const expectation = { kind: "pairs" as const, source: "the answer network", pairs: expectedOf(grid.cells) };
  const lab = { senders: current.senders.map((s) => s.from), roster: current.roster, cells: current.cells };
  return scoreLab(expectation, lab, byGroups(current.causes));
}

function GridTable({ grid, label, differ }: { grid: Grid; label: string; differ: { [pair: string]: boolean } }) {
  const w = grid.roster.length;
  return html`<div class="activity-grid"><table role="grid" aria-label=${label}>
    <thead><tr><td></td>${grid.roster.map((to) => html`<th scope="col">${to}</th>`)}</tr></thead>
    <tbody>${grid.senders.map(
      (s, i) =>
        html`<tr><th scope="row">${s.device}</th>${grid.roster.map((to, j) => {
          const c = grid.cells[i * w + j];
          const x = differ[pairOf(c.from, to)];
          return html`<td role="gridcell" class=${"cell " + c.predicted + (x ? " x" : "")} aria-label=${`${c.device} to ${to}: ${said(c)}${x ? " (differs from the answer)" : ""}`}>${MARKS[c.predicted] || String(c.code === null ? "✗" : c.code)}</td>`;
        })}</tr>`,
    )}</tbody></table></div>`;
}

/** Under the lab summary, for an opened activity: its Lab check, the answer's grid, and the differences. */
export function ActivityView({ name, world, ask }: { name: string; world: WorldView; ask: AskEngine }) {
  const [a, setA] = useState(answer);
  const [current, setCurrent] = useState<LabCheck | null>(null);
  const [error, setError] = useState("");
  const [showAnswer, setShowAnswer] = useState(false);
  const [showDiff, setShowDiff] = useState(true);
  useEffect(() => {
    listeners.push(setA);
    setA(answer);
    return () => listeners.splice(listeners.indexOf(setA), 1);
  }, []);
  // Asked at once when what it depends on changes in the network view, and every few seconds.
  const key = labKey(world);
  useEffect(() => {
    let live = true;
    const run = () =>
      wholeLabCheck(ask).then(
        (check) => {
          if (!live || !check) return;
          setCurrent(check);
          setError("");
        },
        (e) => live && setError(oneLine(e)),
      );
    run();
    const timer = setInterval(run, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key]);
  if (!a || a.name !== name) return null;
  const d = current && a.grid ? differences(current, a.grid) : null;
  const differ: { [pair: string]: boolean } = {};
  const failing = d ? d.pairs.filter((p) => p.match === false) : [];
  for (const p of failing) differ[pairOf(p.from, p.to)] = true;
  const grid = showAnswer ? a.grid : current;
  return html`<section class="activity" aria-label="Activity check">
    <h2>Lab check against the answer network</h2>
    ${a.error ? html`<p role="alert" class="lab-error">The answer network could not be read: ${a.error}.</p>` : null}
    ${error ? html`<p role="alert" class="lab-error">The Lab check failed: ${error}.</p>` : null}
    ${
      d
        ? html`<p role="status">The current network does what the answer does for ${d.matched} of ${d.graded} pairs (${scorePercent(d.score)})${d.unknown ? `; ${d.unknown} cannot be told` : ""}.</p>`
        : null
    }
    <div class="controls">
      <button type="button" aria-pressed=${showAnswer} disabled=${!a.grid} onClick=${() => setShowAnswer(!showAnswer)}>Answer</button>
      <button type="button" aria-pressed=${showDiff} onClick=${() => setShowDiff(!showDiff)}>Differences${d ? ` (${failing.length})` : ""}</button>
    </div>
    ${grid ? html`<p class="muted">${showAnswer ? "The answer network" : "The current network, as the panel's Lab check sees it"}: ${grid.senders.length} senders × ${grid.roster.length} accounts; a framed cell differs from the other network.</p><${GridTable} grid=${grid} label=${showAnswer ? "Answer network" : "Current network"} differ=${differ} />` : null}
    ${
      showDiff && d
        ? html`<div class="differences" aria-label="Differences">${
            d.causes.length
              ? html`<ol class="causes">${d.causes.map((g) => html`<li><b>${g.pairs} pair${g.pairs === 1 ? "" : "s"}:</b> ${g.cause}.${g.fix ? html` <strong>Fix:</strong> ${g.fix}.` : null}</li>`)}</ol>
            <ul class="pairs">${failing.map((p) => html`<li>${p.from} → ${p.to}: the answer ${WORDS[p.expected]}, here it ${WORDS[p.predicted]}</li>`)}</ul>`
              : html`<p>No differences: every pair does what it does in the answer.</p>`
          }</div>`
        : null
    }
  </section>`;
}
