// The expectation file's reader lives in src/grading/ (README "Grading a
// class"), where the panel's Lab check reads the same rules the CLI does.
export {
  ExpectationError,
  type ExpectRule,
  isExact,
  parseExpectation,
  patternMatcher,
} from "../../src/grading/expectation";
