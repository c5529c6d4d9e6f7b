// The simulator as one script (dist/sim/pt-sim.js, global PtSim) for hosts that
// evaluate scripts rather than import modules: the QJSEngine tests, `npm run
// scenarios` and `build/code-table.mjs`.

export { RESPONSE_CODES } from "../src/codes";
export { decideFate, defaultBehaviour } from "../src/model";
// The tests in Qt read the engine's answers and pushes as the panel does.
export { decodeChanges, replyFromWire } from "../src/wire";
export { hostClock, VirtualClock } from "./clock";
export { handlerCalls, liveRegistrations } from "./events";
export { installPtGlobals } from "./pt-globals";
export { POLICY, PROGRESS, PT_BEHAVIOUR, RULES } from "./rules";
export { CATALOGUE, runScenario } from "./scenarios/catalogue";
export { classroom, oneLan } from "./scenarios/classroom";
export { largeLab } from "./scenarios/large-lab";
export { snapshotOf } from "./snapshot";
export { World } from "./world";
