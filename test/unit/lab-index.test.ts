// The lab's index lives exactly as long as the lab holds its snapshot (issue 23): kept while a read may
// still find the same lab and answer that snapshot (its memo then lives on), let go as soon as PT says
// what exists changed, before the next read's collections would mark it.
import { describe, expect, it } from "vitest";
import { LabIndex } from "../../src/lab-index";
import { SNAPSHOT_MAX_AGE_MS } from "../../src/lab-snapshot";
import { watchedClassroom } from "../helpers/watched-lab";

function watched() {
  const t = watchedClassroom();
  return Object.assign(t, { index: new LabIndex(t.lab) });
}

describe("the lab's index", () => {
  it("is one per snapshot, shared by every ask", () => {
    const t = watched();
    const first = t.lab.get();
    const topo = t.index.topologyOf(first);
    expect(t.index.topologyOf(first)).toBe(topo);
    t.clock.advance(SNAPSHOT_MAX_AGE_MS); // aged out, read again, the same lab: the same snapshot and index
    t.index.forgetStale();
    expect(t.index.topologyOf(t.lab.get())).toBe(topo);
    expect(t.errors).toEqual([]);
  });

  it("is kept after a change of facts until a read answers another snapshot", () => {
    const t = watched();
    const first = t.lab.get();
    const topo = t.index.topologyOf(first);
    const pc = t.world.devices.find((d) => d.kind === "pc")!;
    pc.setPower(false); // a device event: stale, and the next read compares with the last
    expect(t.lab.holds(first)).toBe(true);
    t.index.forgetStale();
    expect(t.index.topologyOf(first)).toBe(topo); // kept: the same index answers
    const second = t.lab.get();
    expect(second).not.toBe(first);
    expect(t.lab.holds(first)).toBe(false);
    expect(t.lab.holds(second)).toBe(true);
    t.index.forgetStale();
    expect(t.index.topologyOf(first)).not.toBe(topo); // let go: asked again, a new one is made
    expect(t.errors).toEqual([]);
  });

  it("goes as soon as PT says what exists changed, before any read", () => {
    const t = watched();
    const first = t.lab.get();
    const topo = t.index.topologyOf(first);
    t.world.addDevice({ name: "PC-New", kind: "pc" });
    expect(t.lab.holds(first)).toBe(false);
    t.index.forgetStale();
    expect(t.lab.busy()).toBe(false); // nothing read yet
    expect(t.index.topologyOf(first)).not.toBe(topo);
    expect(t.errors).toEqual([]);
  });
});
