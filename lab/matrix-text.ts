// The delivery matrix of a lab as lines for a terminal: a grid of senders by
// accounts (one character a cell, so 30 × 30 fits), then the causes, each
// once with its letter, the pairs it breaks and its fix.
import { causeKey, type DeliveryMatrix, type MatrixCell } from "../src/model";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const WIDTH = 100;

/** The letter a cause is drawn with in the grid; past 52 causes, "#". */
export function causeLetter(index: number): string {
  return index < LETTERS.length ? LETTERS.charAt(index) : "#";
}

export function describeMatrix(m: DeliveryMatrix): string[] {
  const size = m.senders.length + " senders × " + m.roster.length + " accounts";
  if (!m.cells.length) return ["  delivery matrix (" + size + "): no pairs"];
  const count = (p: MatrixCell["predicted"]) => m.cells.filter((c) => c.predicted === p).length;
  const tally = (["delivered", "bounced", "failed", "unknown"] as const)
    .filter((p) => p === "delivered" || count(p) > 0)
    .map((p) => count(p) + " " + p);
  const out = ["  delivery matrix (" + size + "): " + tally.join(", ")];
  for (const line of wrap(
    m.roster.map((a, i) => i + 1 + " " + a),
    "    accounts: ",
  ))
    out.push(line);
  const pad = Math.max.apply(
    null,
    m.senders.map((s) => s.device.length),
  );
  const indent = "    " + " ".repeat(pad + 2);
  if (m.roster.length >= 10) out.push(indent + columnTens(m.roster.length));
  out.push(indent + columnUnits(m.roster.length));
  const letterOf: { [key: string]: string } = {};
  m.causes.forEach((g, i) => {
    letterOf[g.key] = causeLetter(i);
  });
  const mark = (c: MatrixCell) => (c.predicted === "delivered" ? "." : letterOf[causeKey(c)]);
  m.senders.forEach((s, row) => {
    const cells = m.cells.slice(row * m.roster.length, (row + 1) * m.roster.length);
    out.push("    " + s.device + " ".repeat(pad + 2 - s.device.length) + cells.map(mark).join(""));
  });
  if (!m.causes.length) {
    out.push("  why not delivered: nothing, every pair delivers");
    return out;
  }
  out.push("    (. delivered; a letter: the cause of that letter below)");
  out.push("  why not delivered (" + m.causes.length + (m.causes.length === 1 ? " cause):" : " causes):"));
  m.causes.forEach((g, i) => {
    const cells = m.cells.filter((c) => c.predicted !== "delivered" && causeKey(c) === g.key);
    const pairs = g.pairs + (g.pairs === 1 ? " pair" : " pairs");
    out.push("    " + causeLetter(i) + "  " + pairs + " (" + outcomes(cells) + "): " + g.cause);
    if (g.fix) out.push("       fix: " + g.fix);
  });
  return out;
}

/** "12 failed 8, 8 bounced": how the pairs of one cause end, with the code a failure shows. */
function outcomes(cells: MatrixCell[]): string {
  const seen: string[] = [];
  const counts: { [label: string]: number } = {};
  for (const c of cells) {
    const label = c.predicted === "failed" ? "failed " + (c.code === null ? "(no mailSent)" : c.code) : c.predicted;
    if (!counts[label]) {
      counts[label] = 0;
      seen.push(label);
    }
    counts[label]++;
  }
  return seen.map((l) => counts[l] + " " + l).join(", ");
}

function columnTens(n: number): string {
  let line = "";
  for (let col = 1; col <= n; col++) line += col % 10 === 0 ? String(col / 10).slice(-1) : " ";
  return line.trimEnd();
}

function columnUnits(n: number): string {
  let line = "";
  for (let col = 1; col <= n; col++) line += String(col % 10);
  return line;
}

function wrap(items: string[], lead: string): string[] {
  const lines: string[] = [];
  let line = lead;
  for (const item of items) {
    const next = line === lead ? line + item : line + ", " + item;
    if (next.length > WIDTH && line !== lead) {
      lines.push(line + ",");
      line = " ".repeat(lead.length) + item;
    } else line = next;
  }
  lines.push(line);
  return lines;
}
