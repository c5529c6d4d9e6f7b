// One lab's delivery matrix held against what is expected, pair by pair,
// matched by mail address (a renamed device still matches): the score, the
// pairs that differ grouped by what to fix (as the Lab check groups them), and
// the expected addresses the lab lacks as findings, never as a crash.
// Shared by `npm run lab -- grade` (lab/grade/score.ts hands it the model's
// matrix) and the panel's Lab check (ui/lab-grade.ts hands it the engine's
// answer), so both grade alike; pure ES2016, never in engine.js.
import { type ExpectRule, isExact, type Outcome, patternMatcher } from "./expectation";

/** A cell as grading reads it: the model's MatrixCell and the protocol's LabCheckCell are both one. */
export interface GradedCell {
  device: string;
  from: string;
  to: string;
  predicted: Outcome;
  cause: string;
  fix: string;
}

/** A lab as grading reads it: its senders' addresses, its accounts (user@domain), and every sender × account. */
export interface GradedLab<C extends GradedCell = GradedCell> {
  senders: string[];
  roster: string[];
  cells: C[];
}

/** One expected outcome; `why` is the answer's cause for it, or the rule that states it ("rule 2"). */
export interface Expected {
  from: string;
  to: string;
  outcome: Outcome;
  why: string;
}

/** What a lab is graded against: an answer lab's pairs, or an expectation file's rules. Plain data (workerData). */
export type Expectation =
  | { kind: "pairs"; source: string; pairs: Expected[] }
  | { kind: "rules"; source: string; rules: ExpectRule[] };

export type Graded = Outcome | "missing";

export interface PairResult {
  from: string;
  to: string;
  expected: Outcome;
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

/** The key of a pair of addresses: case and spaces around do not matter. */
export const pairOf = (from: string, to: string) => from.trim().toLowerCase() + "\n" + to.trim().toLowerCase();

/** Several clients may send as one address: their pair is the first cell not delivered when the cells differ. */
function cellsByPair<C extends GradedCell>(cells: C[]): Map<string, C> {
  const byPair = new Map<string, C>();
  for (const c of cells) {
    const k = pairOf(c.from, c.to),
      had = byPair.get(k);
    if (!had || (had.predicted === "delivered" && c.predicted !== "delivered")) byPair.set(k, c);
  }
  return byPair;
}

/** The expected pairs of an answer lab's cells, one per address pair. */
export function expectedOf(cells: GradedCell[]): Expected[] {
  return Array.from(cellsByPair(cells).values()).map((c) => ({
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
export function expectedByRules(rules: ExpectRule[], lab: GradedLab): { pairs: Expected[]; used: number[] } {
  const senderList = lab.senders.map((s) => s.trim());
  const froms = unique(senderList.concat(rules.map((r) => r.from).filter(isExact)));
  const tos = unique(lab.roster.concat(rules.map((r) => r.to).filter(isExact)));
  const fromHits = rules.map((r) => froms.map(patternMatcher(r.from)));
  const toHits = rules.map((r) => tos.map(patternMatcher(r.to)));
  const pairs: Expected[] = [];
  // A rule is used when it names a pair the lab has: one that names only addresses no lab has is a typo, most likely.
  const used = new Set<number>();
  const senders = new Set(senderList.map((s) => s.toLowerCase()));
  const accounts = new Set(lab.roster.map((a) => a.toLowerCase()));
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

function missing(from: string, to: string, lab: GradedLab): { cause: string; fix: string; key: string } | null {
  const at = to.lastIndexOf("@");
  if (!lab.roster.some((a) => a.toLowerCase() === to.toLowerCase()))
    return {
      cause: "no account " + to,
      fix: "add the user " + to.slice(0, at) + " to the mail server of " + to.slice(at + 1),
      key: "no account\n" + to.toLowerCase(),
    };
  if (!lab.senders.some((s) => s.trim().toLowerCase() === from.toLowerCase()))
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
 * and fails. `grouping` groups the failing cells as the Lab check groups its
 * causes. `notPredicted`: why the lab's matrix could not be made (then every
 * pair the lab has is unknown).
 */
export function scoreLab<C extends GradedCell>(
  expectation: Expectation,
  lab: GradedLab<C>,
  grouping: Grouping<C>,
  notPredicted: string | null = null,
): Score {
  const byRules = expectation.kind === "rules" ? expectedByRules(expectation.rules, lab) : null;
  const expected = byRules ? byRules.pairs : (expectation as { pairs: Expected[] }).pairs;
  const cells = cellsByPair(lab.cells);
  const groups = new Map<string, CauseResult>();
  const counted = (k: string, cause: string, fix: string) => {
    const g = groups.get(k) || { cause, fix, pairs: 0 };
    g.pairs++;
    groups.set(k, g);
  };
  const result = (e: Expected, predicted: Graded, match: boolean | null, cause: string, fix: string): PairResult => ({
    from: e.from,
    to: e.to,
    expected: e.outcome,
    predicted,
    match,
    cause,
    fix,
  });
  const pairs = expected.map((e): PairResult => {
    const cell = cells.get(pairOf(e.from, e.to));
    if (!cell && notPredicted) return result(e, "unknown", null, notPredicted, "");
    if (!cell) {
      const gone = missing(e.from, e.to, lab) || { cause: "not in the lab", fix: "", key: "missing" };
      counted(gone.key, gone.cause, gone.fix);
      return result(e, "missing", false, gone.cause, gone.fix);
    }
    if (e.outcome === "unknown" || cell.predicted === "unknown")
      return result(e, cell.predicted, null, cell.predicted === "unknown" ? cell.cause : e.why, "");
    if (cell.predicted === e.outcome) return result(e, cell.predicted, true, "", "");
    if (cell.predicted !== "delivered") {
      const key = grouping.keyOf(cell),
        words = grouping.words && grouping.words.get(key);
      counted(key, words ? words.cause : cell.cause, words ? words.fix : cell.fix);
      return result(e, cell.predicted, false, cell.cause, cell.fix);
    }
    // Delivered where the answer stops the mail: the answer's reason is what the lab lacks.
    const cause = "delivered, where the answer's mail is " + e.outcome + (e.why ? " (" + e.why + ")" : "");
    const fix = "make the lab stop this mail as the answer does";
    counted("delivered\n" + e.outcome + "\n" + e.why, cause, fix);
    return result(e, "delivered", false, cause, fix);
  });
  const graded = pairs.filter((p) => p.match !== null).length;
  const matched = pairs.filter((p) => p.match === true).length;
  // Most pairs first, ties in first-seen order: by index, since Chromium 69's sort is not stable.
  const causes = Array.from(groups.values())
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.pairs - a.c.pairs || a.i - b.i)
    .map((x) => x.c);
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

/**
 * How failing cells are grouped: the model's causeKey, and the words of each group, where the
 * Lab check's own are known (none: the first cell's cause and fix).
 */
export interface Grouping<C extends GradedCell> {
  keyOf: (cell: C) => string;
  words?: Map<string, { cause: string; fix: string }>;
}

/** A score as the reports print it: 56.2% (rounded down, so 99.96% is not 100%), "—" when nothing was graded. */
export function scorePercent(score: number | null): string {
  return score === null ? "—" : Math.floor(score * 1000) / 10 + "%";
}

/**
 * The Lab check's grouping of the failing cells of a lab the engine checked, from the groups it sent:
 * their words, and each cell's key (the model's causeKey): its fix, or its cause when it has none,
 * with the sender's name for the rules fixed on the sender, whose groups the engine keeps apart by it.
 */
export function byGroups(groups: { key: string; cause: string; fix: string }[]): Grouping<GradedCell> {
  const words = new Map<string, { cause: string; fix: string }>();
  for (const g of groups) words.set(g.key, { cause: g.cause, fix: g.fix });
  const keyOf = (c: GradedCell) => {
    const key = c.fix || c.cause;
    return words.has(key + "\n" + c.device) ? key + "\n" + c.device : key;
  };
  return { keyOf, words };
}
