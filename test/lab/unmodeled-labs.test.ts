// Paths over what the model does not cover are "unknown", from a saved lab and
// from live PT alike (issue 20, item 5). The labs are the project's own
// (lab/fixtures/unmodeled-labs.ts); each expected matrix is written by hand:
// a pair is unknown exactly when its path crosses the feature (or fails on a
// LAN where the feature could answer), and keeps its verdict otherwise.
import { describe, expect, it } from "vitest";
import { labMatrix } from "../../lab/summary";
import { pairsSuffix, warningPairs } from "../../lab/warning-pairs";
import { grid, imported, liveCells } from "../helpers/fixture-labs";

// biome-ignore format: expectation tables
const EXPECTED: { file: string; devices: { [name: string]: string[] }; grid: string[]; causes: { [device: string]: RegExp } }[] = [
  {
    file: "etherchannel-campus.pkt",
    devices: { DSW1: ["EtherChannel"] },
    // PC-A1's gateway could be behind DSW1's bundle: unknown, not "does not answer". PC-B's way to MAIL stays
    // on SW-M: delivered. PC-M is cabled to DSW1: its way crosses it.
    grid: ["PC-A1 uuu", "PC-B ddd", "PC-M uuu"],
    causes: {
      "PC-A1": /^unknown: the path from PC-A1 to 192\.168\.20\.10 \(MAIL\) fails on a LAN with DSW1: DSW1 uses EtherChannel \(not modeled\)$/,
      "PC-M": /^unknown: the path from PC-M to 192\.168\.20\.10 \(MAIL\) crosses DSW1: DSW1 uses EtherChannel \(not modeled\)$/,
    },
  },
  {
    file: "acl-router.pkt",
    devices: { R1: ["`time-range` in ACL 101"] },
    // PC-1 shares MAIL's LAN (R1 is on it, not on the way); PC-2's way crosses R1; PC-3's gateway
    // answers nowhere, and an ACL answers nothing: a failure that stands (no DNS: 8).
    grid: ["PC-1 ddd", "PC-2 uuu", "PC-3 fff"],
    causes: { "PC-2": /^unknown: the path from PC-2 to 192\.168\.1\.10 \(MAIL\) crosses R1: R1 uses `time-range` in ACL 101 \(not modeled\)$/ },
  },
  {
    file: "access-point.pkt",
    devices: { AP1: ["wireless clients"], "Laptop-W": ["wireless"] },
    // PC-1's way passes AP1's LAN but not its wireless side: delivered. PC-2's DNS server is on no
    // cable, maybe a wireless client of AP1; Laptop-W has no cable at all.
    grid: ["PC-1 ddd", "PC-2 uuu", "Laptop-W uuu"],
    causes: {
      "PC-2": /fails on a LAN with AP1: AP1 uses wireless clients \(not modeled\)$/,
      "Laptop-W": /^unknown: the path from Laptop-W to 192\.168\.3\.10 \(MAIL\) starts at Laptop-W: Laptop-W uses wireless \(not modeled\)$/,
    },
  },
];

describe("paths over what the model does not cover", () => {
  for (const lab of EXPECTED) {
    describe(lab.file, () => {
      const saved = imported(lab.file);

      it("the importer names each device's features", () => {
        for (const name of Object.keys(lab.devices))
          expect(saved.spec.devices.find((d) => d.name === name)?.unmodeled, name).toEqual(lab.devices[name]);
      });

      it("the saved lab's matrix is the expected one, cell by cell, with causes naming device and feature", () => {
        const cells = labMatrix(saved).matrix.cells;
        expect(grid(cells)).toEqual(lab.grid);
        for (const device of Object.keys(lab.causes))
          for (const c of cells.filter((x) => x.device === device)) expect(c.cause).toMatch(lab.causes[device]);
        expect(cells.filter((c) => c.predicted === "failed").map((c) => c.code)).toEqual(
          cells.filter((c) => c.predicted === "failed").map(() => 8),
        );
      });

      it("live PT (the IPC reader) predicts the same", () => {
        expect(grid(liveCells(imported(lab.file).spec))).toEqual(lab.grid);
      });
    });
  }

  it("pairs over one device's feature are one cause to check, whichever path met it", () => {
    const m = labMatrix(imported("etherchannel-campus.pkt")).matrix;
    expect(m.causes.map((g) => [g.pairs, g.cause, g.fix])).toEqual([
      [6, "DSW1 uses EtherChannel (not modeled)", "check this in Packet Tracer: DSW1 uses EtherChannel (not modeled)"],
    ]);
  });

  it("each warning says which pairs it makes unknown", () => {
    const lab = imported("etherchannel-campus.pkt");
    const pairs = warningPairs(lab.warnings, labMatrix(lab).matrix.cells);
    expect(pairs).toEqual([
      {
        warning: "DSW1: not modeled: EtherChannel",
        // PC-A1's and PC-M's rows; PC-B's way stays clear of DSW1.
        pairs: ["a1", "m"].flatMap((u) => ["a1", "b", "m"].map((to) => u + "@campus.lab → " + to + "@campus.lab")),
      },
    ]);
    expect(pairsSuffix(pairs[0].pairs)).toBe(
      " (makes 6 pairs unknown: a1@campus.lab → a1@campus.lab, a1@campus.lab → b@campus.lab, a1@campus.lab → m@campus.lab, …)",
    );
    const ap = imported("access-point.pkt");
    expect(warningPairs(ap.warnings, labMatrix(ap).matrix.cells).map((w) => w.pairs.length)).toEqual([3, 3]);
  });
});
