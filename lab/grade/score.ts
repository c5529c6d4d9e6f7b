// One student's delivery matrix held against what is expected, pair by pair,
// matched by mail address (a renamed device still matches): the score, the
// pairs that differ grouped by what to fix (as the Lab check groups them), and
// the expected addresses the lab lacks as findings, never as a crash.
import { causeKey, type DeliveryMatrix, type MatrixCell, type Predicted } from "../../src/model";
import { type ExpectRule, isExact, patternMatcher } from "./expectation-file";

/** One expected outcome; `why` is the answer's cause for it, or the rule that states it ("rule 2"). */
export interface Expected {
  from: string;
  to: string;
  outcome: Predicted;
  why: string;
}

/** What a class is graded against: an answer lab's pairs, or an expectation file's rules. Plain data (workerData). */
export type Expectation =
  | { kind: "pairs"; source: string; pairs: Expected[] }
  | { kind: "rules"; source: string; rules: ExpectRule[] };

export type Graded = Predicted | "missing";

export interface PairResult {
  from: string;
  to: string;
  expected: Predicted;
  predicted: Graded;
  /** null: unknown on either side, counted apart and never as a failure. */
  match: boolean | null;
  /** Why it differs and what to fix ("" when it matches). */
  cause: string;
  fix: string;
}

export interface CauseResult {
  cause: string;
  fix: string;
  pairs: number;
}

export interface Score {
  score: number | null;
  graded: number;
  matched: number;
  unknown: number;
  pairs: PairResult[];
  causes: CauseResult[];
  /** Rules that named at least one pair of this lab (rules expectations only). */
  rulesUsed: number[];
}

const key = (from: string, to: string) => from.trim().toLowerCase() + "\n" + to.trim().toLowerCase();

/** Several clients may send as one address: their pair is the first cell not delivered when the cells differ. */
function cellsByPair(m: DeliveryMatrix): Map<string, MatrixCell> {
  const byPair = new Map<string, MatrixCell>();
  for (const c of m.cells) {
    const k = key(c.from, c.to),
      had = byPair.get(k);
    if (!had || (had.predicted === "delivered" && c.predicted !== "delivered")) byPair.set(k, c);
  }
  return byPair;
}

/** The expected pairs of an answer lab's matrix, one per address pair. */
export function expectedOf(m: DeliveryMatrix): Expected[] {
  return Array.from(cellsByPair(m).values()).map((c) => ({
    from: c.from,
    to: c.to,
    outcome: c.predicted,
    why: c.predicted === "delivered" ? "" : c.cause,
  }));
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const k = a.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The pairs rules name among the lab's senders and accounts, and the addresses the rules spell out exactly. */
export function expectedByRules(rules: ExpectRule[], m: DeliveryMatrix): { pairs: Expected[]; used: number[] } {
  const froms = unique(m.senders.map((s) => s.mailId.trim()).concat(rules.map((r) => r.from).filter(isExact)));
  const tos = unique(m.roster.concat(rules.map((r) => r.to).filter(isExact)));
  const fromHits = rules.map((r) => froms.map(patternMatcher(r.from)));
  const toHits = rules.map((r) => tos.map(patternMatcher(r.to)));
  const pairs: Expected[] = [];
  // A rule is used when it names a pair the lab has: one that names only addresses no lab has is a typo, most likely.
  const used = new Set<number>();
  const senders = new Set(m.senders.map((s) => s.mailId.trim().toLowerCase()));
  const accounts = new Set(m.roster.map((a) => a.toLowerCase()));
  froms.forEach((from, f) => {
    tos.forEach((to, t) => {
      if (senders.has(from.toLowerCase()) && accounts.has(to.toLowerCase()))
        for (let r = 0; r < rules.length; r++) if (fromHits[r][f] && toHits[r][t]) used.add(rules[r].index);
      for (let r = rules.length - 1; r >= 0; r--) {
        if (!fromHits[r][f] || !toHits[r][t]) continue;
        pairs.push({ from, to, outcome: rules[r].outcome, why: "rule " + rules[r].index });
        return;
      }
    });
  });
  return { pairs, used: Array.from(used).sort((a, b) => a - b) };
}

function missing(from: string, to: string, m: DeliveryMatrix): { cause: string; fix: string; key: string } | null {
  const at = to.lastIndexOf("@");
  if (!m.roster.some((a) => a.toLowerCase() === to.toLowerCase()))
    return {
      cause: "no account " + to,
      fix: "add the user " + to.slice(0, at) + " to the mail server of " + to.slice(at + 1),
      key: "no account\n" + to.toLowerCase(),
    };
  if (!m.senders.some((s) => s.mailId.trim().toLowerCase() === from.toLowerCase()))
    return {
      cause: "no Email client sends as " + from,
      fix: "set up a device's Email (Desktop > Email > Configure Mail) as " + from,
      key: "no sender\n" + from.toLowerCase(),
    };
  return null;
}

/**
 * The score: expected pairs whose predicted outcome matches ÷ expected pairs
 * graded. A pair "unknown" on either side (the model does not cover what the
 * lab uses) is counted apart; a pair whose address the lab lacks is graded
 * and fails. `notPredicted`: why the student's matrix could not be made (then
 * every pair the lab has is unknown).
 */
export function scoreMatrix(expectation: Expectation, m: DeliveryMatrix, notPredicted: string | null = null): Score {
  const byRules = expectation.kind === "rules" ? expectedByRules(expectation.rules, m) : null;
  const expected = byRules ? byRules.pairs : (expectation as { pairs: Expected[] }).pairs;
  const cells = cellsByPair(m);
  const groups = new Map<string, CauseResult>();
  const counted = (k: string, cause: string, fix: string) => {
    const g = groups.get(k) || { cause, fix, pairs: 0 };
    g.pairs++;
    groups.set(k, g);
  };
  const pairs = expected.map((e): PairResult => {
    const base = { from: e.from, to: e.to, expected: e.outcome };
    const cell = cells.get(key(e.from, e.to));
    if (!cell && notPredicted) return { ...base, predicted: "unknown", match: null, cause: notPredicted, fix: "" };
    if (!cell) {
      const gone = missing(e.from, e.to, m) || { cause: "not in the lab", fix: "", key: "missing" };
      counted(gone.key, gone.cause, gone.fix);
      return { ...base, predicted: "missing", match: false, cause: gone.cause, fix: gone.fix };
    }
    if (e.outcome === "unknown" || cell.predicted === "unknown")
      return {
        ...base,
        predicted: cell.predicted,
        match: null,
        cause: cell.predicted === "unknown" ? cell.cause : e.why,
        fix: "",
      };
    if (cell.predicted === e.outcome) return { ...base, predicted: cell.predicted, match: true, cause: "", fix: "" };
    if (cell.predicted !== "delivered") {
      counted(causeKey(cell), cell.cause, cell.fix);
      return { ...base, predicted: cell.predicted, match: false, cause: cell.cause, fix: cell.fix };
    }
    // Delivered where the answer stops the mail: the answer's reason is what the lab lacks.
    const cause = "delivered, where the answer's mail is " + e.outcome + (e.why ? " (" + e.why + ")" : "");
    const fix = "make the lab stop this mail as the answer does";
    counted("delivered\n" + e.outcome + "\n" + e.why, cause, fix);
    return { ...base, predicted: "delivered", match: false, cause, fix };
  });
  const graded = pairs.filter((p) => p.match !== null).length;
  const matched = pairs.filter((p) => p.match === true).length;
  const causes = Array.from(groups.values());
  // Most pairs first; ties keep first-seen order (Array.prototype.sort is stable).
  causes.sort((a, b) => b.pairs - a.pairs);
  return {
    score: graded ? matched / graded : null,
    graded,
    matched,
    unknown: pairs.length - graded,
    pairs,
    causes,
    rulesUsed: byRules ? byRules.used : [],
  };
}
