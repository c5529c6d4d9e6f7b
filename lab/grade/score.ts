// One student's delivery matrix scored by src/grading/score.ts, which the
// panel's Lab check shares: here the model's matrix, its senders' addresses,
// and the model's own grouping of causes (causeKey).
import {
  type Expectation,
  type Expected,
  expectedOf as expectedOfCells,
  type Score,
  scoreLab,
} from "../../src/grading/score";
import { causeKey, type DeliveryMatrix } from "../../src/model";

export type { CauseResult, Expectation, Expected, Graded, PairResult, Score } from "../../src/grading/score";

/** The expected pairs of an answer lab's matrix, one per address pair. */
export function expectedOf(m: DeliveryMatrix): Expected[] {
  return expectedOfCells(m.cells);
}

/** The score of a matrix (src/grading/score.ts scoreLab); `notPredicted`: why it could not be made. */
export function scoreMatrix(expectation: Expectation, m: DeliveryMatrix, notPredicted: string | null = null): Score {
  const lab = { senders: m.senders.map((s) => s.mailId), roster: m.roster, cells: m.cells };
  return scoreLab(expectation, lab, { keyOf: causeKey }, notPredicted);
}
