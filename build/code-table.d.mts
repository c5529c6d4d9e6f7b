// Types for code-table.mjs, for the tests that call it.

import type { ResponseCode } from "../src/codes";
import type { PROGRESS, PT_BEHAVIOUR, RuleRow } from "../src/model";
export function renderCodeTable(model: {
  RULES: readonly RuleRow[];
  PROGRESS: typeof PROGRESS;
  PT_BEHAVIOUR: typeof PT_BEHAVIOUR;
  RESPONSE_CODES: readonly ResponseCode[];
}): string[];
export function readmeTableSpan(text: string): { lines: string[]; start: number; end: number };
export function readmeTable(text: string): string[];
