// The index of the lab's snapshot (model/topology.ts), built once and shared by every mail judged on
// it, Check and the Lab check: its paths and lookups are remembered on it, so a burst of mails costs
// the model about 0.07 ms each in Qt 5.15 instead of about 1 ms (node build/bench-matrix.mjs measures
// the same sharing).
import { indexTopology, type Snapshot, type Topology } from "./model";

/** What the index asks of the lab: whether a snapshot is still one it answers or compares a read with. */
export interface HeldSnapshots {
  holds(snapshot: Snapshot): boolean;
}

export class LabIndex {
  private indexed: { snapshot: Snapshot; topo: Topology } | null = null;

  constructor(private readonly lab: HeldSnapshots) {}

  topologyOf(snapshot: Snapshot): Topology {
    if (this.indexed && this.indexed.snapshot === snapshot) return this.indexed.topo;
    const topo = indexTopology(snapshot);
    this.indexed = { snapshot, topo };
    return topo;
  }

  /**
   * Lets go of the index of a snapshot the lab let go, before a read begins (issue 23): after a device
   * was added or removed it held about 50,000 objects at 300 devices, which every collection in the
   * read's slices marked again, 5-6 ms of each in Qt 6 (the soak's slowest calls had two or three).
   */
  forgetStale(): void {
    if (this.indexed && !this.lab.holds(this.indexed.snapshot)) this.indexed = null;
  }
}
