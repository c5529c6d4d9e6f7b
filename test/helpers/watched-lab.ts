// The classroom in the simulator with a LabSnapshot watching it, as the engine keeps one: for tests of what
// a read keeps (same-facts.test.ts) and of what is kept beside it (lab-index.test.ts).
import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import { World } from "../../sim/world";
import { LabSnapshot } from "../../src/lab-snapshot";
import { Subscriptions } from "../../src/subscriptions";

export function watchedClassroom() {
  const clock = new VirtualClock();
  const world = new World({ clock });
  world.load(classroom());
  const errors: string[] = [];
  const lab = new LabSnapshot(world.host(), new Subscriptions((w) => errors.push(w)), (w) => errors.push(w));
  lab.watch();
  return { clock, world, lab, errors };
}
