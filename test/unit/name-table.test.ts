// NameTable (src/model/name-table.ts) answers as a Map would, for any names a lab gives, and spreads a
// class's names over its Maps: a table whose keys all fell in one Map would compare each key in turn.
import { describe, expect, it } from "vitest";
import { NameTable } from "../../src/model/name-table";

/** A small deterministic generator, so that a failure names the same sequence again. */
function numbers(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const ODD_NAMES = ["", "__proto__", "constructor", "toString", "hasOwnProperty", "0", "1e3", "é", "PC 1", "a\nb"];

const classNames = (): string[] => {
  const out: string[] = [];
  for (let i = 0; i < 300; i++) out.push(`PC-${i}`);
  return out;
};

describe("a table by name", () => {
  it("answers as a Map for any sequence of sets and asks", () => {
    const next = numbers(7);
    const pool = ODD_NAMES.concat(
      classNames(),
      classNames().map((n) => `reach\n${n}\n10.1.0.10`),
    );
    const table = new NameTable<number>();
    const map = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const key = pool[Math.floor(next() * pool.length)];
      if (next() < 0.5) {
        table.set(key, i);
        map.set(key, i);
      }
      expect(table.get(key)).toBe(map.get(key));
      expect(table.has(key)).toBe(map.has(key));
    }
    for (const key of pool) expect([key, table.get(key)]).toEqual([key, map.get(key)]);
  });

  it("keeps what is falsy, and knows it has it", () => {
    const table = new NameTable<unknown>();
    const values: unknown[] = [undefined, null, 0, "", false, Number.NaN];
    values.forEach((v, i) => {
      table.set(`k${i}`, v);
    });
    values.forEach((v, i) => {
      expect(table.has(`k${i}`)).toBe(true);
      expect(Object.is(table.get(`k${i}`), v)).toBe(true);
    });
    expect(table.has("k9")).toBe(false);
    table.set("k0", 1); // set again: the name's value replaced
    expect(table.get("k0")).toBe(1);
  });

  for (const [what, keys] of [
    ["device names", classNames()],
    ["ports by device", classNames().map((n) => `${n}#FastEthernet0`)],
    ["addresses", classNames().map((_n, i) => `10.${1 + (i % 2)}.${1 + Math.floor(i / 200)}.${10 + (i % 200)}`)],
    ["memo questions", classNames().map((n) => `reach\n${n}\n10.2.0.10`)],
  ] as const) {
    it(`spreads a class's ${what} over its Maps`, () => {
      const table = new NameTable<number>();
      keys.forEach((k, i) => {
        table.set(k, i);
      });
      const maps = (Reflect.get(table, "maps") as (Map<string, number> | undefined)[]).filter((m) => m);
      const largest = Math.max(...maps.map((m) => (m as Map<string, number>).size));
      // 300 names over 64 Maps: about 5 each; a hash that read too few characters put 100 or more in one.
      expect(largest).toBeLessThanOrEqual(30);
      expect(maps.length).toBeGreaterThanOrEqual(16);
    });
  }
});
