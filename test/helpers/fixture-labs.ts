// The project's fixture labs (test/fixtures/labs/, made by lab/make-fixtures.ts) as tests read them: the saved
// file imported, the same lab read live (the IPC reader over it in the simulator), and a matrix as one letter
// per cell, so a test states a whole expected grid by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { type ImportedLab, importLab } from "../../lab/import/import-lab";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { mailClientsOf } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { defaultBehaviour, deliveryMatrix, type MatrixCell, type Snapshot } from "../../src/model";

/** A fixture lab decoded and imported, as `npm run lab` reads it. */
export function imported(file: string): ImportedLab {
  const decoded = decodeLab(new Uint8Array(readFileSync(join(FIXTURE_DIR, file))), nodeZlib);
  return importLab(decoded.xml, decoded.kind, file);
}

/** What live PT's lab reader reads of this topology, loaded into the simulator. */
export function liveSnapshot(spec: TopologySpec): Snapshot {
  const world = new World({ clock: new VirtualClock() });
  world.load(spec);
  return readSnapshot(world.host());
}

/** The matrix the model decides from live PT's snapshot of the topology. */
export function liveCells(spec: TopologySpec): MatrixCell[] {
  return deliveryMatrix(liveSnapshot(spec), mailClientsOf(spec), defaultBehaviour()).cells;
}

/** One row per sender ("PC-A ddf"), one letter per cell: d delivered, b bounced, f failed, u unknown. */
export function grid(cells: MatrixCell[]): string[] {
  const rows: string[] = [];
  for (const c of cells) {
    const row = rows.find((r) => r.startsWith(c.device + " ")) || c.device + " ";
    if (!rows.includes(row)) rows.push(row);
    rows[rows.indexOf(row)] = row + c.predicted[0];
  }
  return rows;
}
