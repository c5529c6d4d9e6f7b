// A read that finds the same lab answers the last snapshot itself (issue 23: what was worked out over it
// stays), so sameFacts must see every fact: a change to any one leaf of a real read, or a field gained
// or lost, makes two reads differ.
import { describe, expect, it } from "vitest";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { classroom } from "../../sim/scenarios/classroom";
import type { TopologySpec } from "../../sim/spec";
import { SNAPSHOT_MAX_AGE_MS } from "../../src/lab-snapshot";
import { sameFacts } from "../../src/model/same-facts";
import { imported, liveSnapshot } from "../helpers/fixture-labs";
import { watchedClassroom } from "../helpers/watched-lab";

type Tree = { [key: string]: unknown } | unknown[];

/** Every place in a tree of facts: its parent and key, leaves and branches alike. */
function places(tree: unknown, out: [Tree, string | number][] = []): [Tree, string | number][] {
  if (Array.isArray(tree))
    tree.forEach((v, i) => {
      out.push([tree, i]);
      places(v, out);
    });
  else if (tree !== null && typeof tree === "object")
    for (const [k, v] of Object.entries(tree)) {
      out.push([tree as Tree, k]);
      places(v, out);
    }
  return out;
}

/** A value unlike `v` of each kind the reader writes. */
function other(v: unknown): unknown {
  if (typeof v === "string") return v + "x";
  if (typeof v === "number") return v + 1;
  if (typeof v === "boolean") return !v;
  if (v === null) return "";
  if (Array.isArray(v)) return v.concat([null]);
  return Object.assign({}, v, { extra: null });
}

const specs = (): TopologySpec[] => [classroom()].concat(fixtureLabs().map((l) => imported(l.file).spec));

describe("two reads of a lab are the same exactly when every fact is", () => {
  for (const spec of specs()) {
    it(`${spec.name}: a second read is the same; a change at any one place is not`, () => {
      const first = liveSnapshot(spec);
      const second = liveSnapshot(spec);
      expect(second).not.toBe(first);
      expect(sameFacts(first, second)).toBe(true);
      const all = places(second);
      expect(all.length).toBeGreaterThan(50);
      for (const [parent, key] of all) {
        const p = parent as { [k: string]: unknown };
        const kept = p[key];
        p[key] = other(kept);
        expect(sameFacts(first, second), `${String(key)} changed`).toBe(false);
        expect(sameFacts(second, first), `${String(key)} changed, asked the other way`).toBe(false);
        p[key] = kept;
      }
      // A field gained or lost, even one that says nothing (undefined): the reader never writes one.
      for (const d of second.devices) {
        Object.assign(d, { extra: undefined });
        expect(sameFacts(first, second)).toBe(false);
        Reflect.deleteProperty(d, "extra");
      }
      expect(sameFacts(first, second)).toBe(true);
    });
  }

  it("arrays and objects, null and objects, are never the same", () => {
    expect(sameFacts([], {})).toBe(false);
    expect(sameFacts({}, [])).toBe(false);
    expect(sameFacts(null, {})).toBe(false);
    expect(sameFacts({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(sameFacts({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe("a read that finds the same lab keeps the last snapshot", () => {
  it("the same object after the lab aged out unchanged; a new one after a change PT announces nowhere", () => {
    const t = watchedClassroom();
    const first = t.lab.get();
    t.clock.advance(SNAPSHOT_MAX_AGE_MS);
    expect(t.lab.get()).toBe(first);
    // A mail account added on a server: no event, deep in the facts.
    const server = t.world.devices.find((d) => d.kind === "server")!;
    server.getProcess("EmailServer")!.addUser("newcomer", "pw");
    t.clock.advance(SNAPSHOT_MAX_AGE_MS);
    const second = t.lab.get();
    expect(second).not.toBe(first);
    expect(sameFacts(second, first)).toBe(false);
    t.clock.advance(SNAPSHOT_MAX_AGE_MS);
    expect(t.lab.get()).toBe(second);
    expect(t.errors).toEqual([]);
  });

  it("not after PT said the structure changed, even when it changed back", () => {
    const t = watchedClassroom();
    const first = t.lab.get();
    t.world.addDevice({ name: "PC-Brief", kind: "pc" });
    t.world.removeDevice("PC-Brief");
    const again = t.lab.get();
    expect(again).not.toBe(first);
    expect(sameFacts(again, first)).toBe(true);
  });
});
