// The simulator as one script (dist/sim/pt-sim.js, global PtSim) for hosts that
// evaluate scripts rather than import modules: the QJSEngine tests and `npm run scenarios`.
export { World } from "./world";
export { VirtualClock, hostClock } from "./clock";
export { classroom, oneLan } from "./scenarios/classroom";
export { CATALOGUE, runScenario } from "./scenarios/catalogue";
export { TRIGGERS, POLICY } from "./rules";
export { installPtGlobals } from "./pt-globals";
export { liveRegistrations } from "./events";
