// The DHCP leases a saved lab's clients get when the file opens, for the CLI:
// PT saves no lease in a client's port (it asks again on load), so they are
// the simulator's (sim/dhcp.ts: lowest free address of the pool that serves
// the client's LAN, clients in file order: inferred), or APIPA when no pool
// does, with the model's reason (src/model/dhcp.ts).
import { VirtualClock } from "../sim/clock";
import { snapshotOf } from "../sim/snapshot";
import type { TopologySpec } from "../sim/spec";
import { World } from "../sim/world";
import { dhcpOffer } from "../src/model/dhcp";
import { reachAddress } from "../src/model/reach";
import type { Snapshot } from "../src/model/snapshot";
import { indexTopology } from "../src/model/topology";

export interface LabLease {
  device: string;
  ip: string;
  mask: string;
  gateway: string;
  dns: string;
  /** The server that leased it (and the router that relayed), or null for APIPA. */
  server: string | null;
  relay: string | null;
  /** Why no pool serves the client, when none does. */
  why: string | null;
}

/** A lab's topology loaded in the simulator, and its snapshot: the matrix loads it once, the leases reuse it. */
export interface LoadedLab {
  world: World;
  snapshot: Snapshot;
}

/** Loads a lab's topology, or null when the simulator cannot. */
export function load(spec: TopologySpec): LoadedLab | null {
  const world = new World({ clock: new VirtualClock() });
  try {
    world.load(spec);
  } catch (_e) {
    return null;
  }
  return { world, snapshot: snapshotOf(world) };
}

/** One entry per DHCP client of the lab, in file order; [] when the simulator cannot load the lab. */
export function labLeases(spec: TopologySpec, loaded?: LoadedLab): LabLease[] {
  const lab = loaded || load(spec);
  if (!lab) return [];
  const world = lab.world;
  const topo = indexTopology(lab.snapshot);
  return world.devices
    .filter((d) => d.isHost && d.dhcp)
    .map((d) => {
      const facts = topo.device(d.name);
      const offer = facts ? dhcpOffer(topo, facts, reachAddress) : null;
      const given = offer?.kind === "offer";
      return {
        device: d.name,
        ip: d.ports[0]?.ip || "",
        mask: d.ports[0]?.mask || "",
        gateway: d.gateway,
        dns: d.dnsServer,
        server: offer?.kind === "offer" ? offer.server.name : null,
        relay: offer?.kind === "offer" && offer.relay ? offer.relay.name : null,
        why: given || !offer ? null : offer.kind === "none" ? offer.cause : "unknown: " + offer.what,
      };
    });
}

/** "PC-1 192.168.10.11/255.255.255.0 from SRV (inferred)", "PC-X 169.254.0.7/255.255.0.0 (APIPA): no DHCP pool for …". */
export function leaseText(l: LabLease): string {
  const at = l.device + " " + l.ip + "/" + l.mask;
  if (l.server) return at + " from " + l.server + (l.relay ? " through " + l.relay : "") + " (inferred)";
  if (!/^169\.254\./.test(l.ip)) return at + " (as the file holds it)";
  return at + " (APIPA)" + (l.why ? ": " + l.why : "");
}
