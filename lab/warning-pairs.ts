// Which pairs of the delivery matrix an import warning affects (issue 20,
// item 5: "the CLI's warnings say which pairs each warning affects"). A
// feature the model does not cover makes a pair "unknown" with a cause that
// names the device it stands on after its last ": " (src/model/unmodeled.ts:
// "… crosses DSW1: DSW1 uses VLANs (not modeled)", "… meets R1: R1's
// configuration could not be read"); a warning names its devices before the
// first ": " (lab/import/warnings.ts). The two meet here.
import type { MatrixCell } from "../src/model";

/** The cells a device's uncovered features made unknown. */
export function pairsAffectedBy(device: string, cells: MatrixCell[]): MatrixCell[] {
  const marks = [": " + device + " uses ", ": " + device + "'s configuration could not be read"];
  return cells.filter((c) => c.predicted === "unknown" && marks.some((m) => c.cause.indexOf(m) >= 0));
}

export interface WarningPairs {
  warning: string;
  /** "from → to", in matrix order; empty when the warning changes no pair. */
  pairs: string[];
}

/** Each warning with the pairs it affects, for the text and the JSON output. */
export function warningPairs(warnings: string[], cells: MatrixCell[]): WarningPairs[] {
  return warnings.map((warning) => {
    const colon = warning.indexOf(": ");
    const devices = colon < 0 ? [] : warning.slice(0, colon).split(", ");
    const hit: MatrixCell[] = [];
    for (const d of devices) for (const c of pairsAffectedBy(d, cells)) if (hit.indexOf(c) < 0) hit.push(c);
    hit.sort((a, b) => cells.indexOf(a) - cells.indexOf(b));
    return { warning, pairs: hit.map((c) => c.from + " → " + c.to) };
  });
}

/** " (makes 3 pairs unknown: a@x → b@x, …)" after a warning line, or "" when it changes none; at most `shown` pairs named. */
export function pairsSuffix(pairs: string[], shown = 3): string {
  if (!pairs.length) return "";
  const named = pairs.slice(0, shown).join(", ") + (pairs.length > shown ? ", …" : "");
  return " (makes " + pairs.length + (pairs.length === 1 ? " pair" : " pairs") + " unknown: " + named + ")";
}
