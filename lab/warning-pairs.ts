// Which pairs of the delivery matrix an import warning affects (issue 20,
// item 5: "the CLI's warnings say which pairs each warning affects"). A
// feature the model does not cover makes a pair "unknown" with a cause that
// names the device it stands on after its last ": " (src/model/unmodeled.ts:
// "… crosses DSW1: DSW1 uses VLANs (not modeled)", "… meets R1: R1's
// configuration could not be read"); a warning names its devices before the
// first ": " (lab/import/warnings.ts). The two meet here.
import type { MatrixCell } from "../src/model";

/** The device an unknown cell's cause stands on (after its last ": "), or null. */
function deviceOf(cause: string): string | null {
  const tail = cause.slice(cause.lastIndexOf(": ") + 2);
  for (const mark of [" uses ", "'s configuration could not be read"]) {
    const at = tail.indexOf(mark);
    if (at > 0) return tail.slice(0, at);
  }
  return null;
}

export interface WarningPairs {
  warning: string;
  /** "from → to", in matrix order; empty when the warning changes no pair. */
  pairs: string[];
}

/**
 * Each warning with the pairs it affects, for the text and the JSON output. The unknown cells are indexed by
 * their device once, so a lab with many warned devices and a large matrix costs one pass (issue 27).
 */
export function warningPairs(warnings: string[], cells: MatrixCell[]): WarningPairs[] {
  const byDevice = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const d = c.predicted === "unknown" ? deviceOf(c.cause) : null;
    if (d === null) return;
    const list = byDevice.get(d);
    if (list) list.push(i);
    else byDevice.set(d, [i]);
  });
  return warnings.map((warning) => {
    const colon = warning.indexOf(": ");
    const devices = colon < 0 ? [] : warning.slice(0, colon).split(", ");
    const hit = new Set<number>();
    for (const d of devices) for (const i of byDevice.get(d) || []) hit.add(i);
    const pairs = Array.from(hit)
      .sort((a, b) => a - b)
      .map((i) => cells[i].from + " → " + cells[i].to);
    return { warning, pairs };
  });
}

/** " (makes 3 pairs unknown: a@x → b@x, …)" after a warning line, or "" when it changes none; at most `shown` pairs named. */
export function pairsSuffix(pairs: string[], shown = 3): string {
  if (!pairs.length) return "";
  const named = pairs.slice(0, shown).join(", ") + (pairs.length > shown ? ", …" : "");
  return " (makes " + pairs.length + (pairs.length === 1 ? " pair" : " pairs") + " unknown: " + named + ")";
}
