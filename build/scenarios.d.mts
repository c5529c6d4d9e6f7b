// Types for scenarios.mjs, for the tests that call it.
import type * as PtSim from "../sim/pt-sim";
import type { ScenarioResult } from "../sim/scenarios/catalogue";
export function loadSim(): typeof PtSim;
export function runCatalogue(sim?: typeof PtSim): { results: ScenarioResult[]; missing: number[]; unreached: string[] };
export function scenarioRows(results: ScenarioResult[]): string[][];
