// Leases are state: the simulator gives them where PT would, when a lab is
// loaded and whenever the topology changes, so the CLI, the playground and the
// snapshot see the addresses a real PT shows. Which server answers is the
// model's (src/model/dhcp.ts dhcpOffer); the address is this file's choice:
// clients in the lab's device order, each the lowest free address of its pool
// from the pool's start, skipping excluded and used ones, and the network's own
// and broadcast addresses (PT's order is inferred; a PT 8.2.2 lab whose pool
// starts at the network address .0 saved leases .2–.7 beside its server at .1
// [pkt: nitish-niraj dhcp.pkt]). A
// client no server answers gets an APIPA address, 169.254.x.y/16, as PT saves
// it [pkt 8.0.0: Jeremy's IT Lab Day 39; 7.3.1: a DHCP port with 169.254.*].
import { ipText, isAutoConfigured, parseIp } from "../src/model/addresses";
import { dhcpOffer } from "../src/model/dhcp";
import { reachAddress } from "../src/model/reach";
import { indexTopology } from "../src/model/topology";
import type { DeviceState } from "./device-state";
import type { SimLink } from "./links";
import type { SimPortTable } from "./ports";
import { snapshotOf } from "./snapshot";

/** What leasing reads of the world, and the port objects it announces new addresses on. */
interface LeaseWorld {
  devices: DeviceState[];
  links: SimLink[];
  ports: SimPortTable;
}

const unset = (ip: string) => (!ip || ip === "0.0.0.0" ? "" : ip);

/** Gives each DHCP client without an address its lease (or APIPA); `announce` emits ipChanged as PT does. */
export function giveLeases(world: LeaseWorld, announce: boolean): void {
  const waiting = world.devices.filter(
    (d) => d.isHost && d.dhcp && d.power && d.ports[0] && (!d.ports[0].ip || isAutoConfigured(d.ports[0].ip)),
  );
  if (!waiting.length) return;
  const topo = indexTopology(snapshotOf(world));
  const used: { [ip: number]: boolean } = {};
  for (const d of world.devices)
    for (const p of d.ports) if (parseIp(p.ip) !== null) used[parseIp(p.ip) as number] = true;
  for (const d of waiting) {
    const facts = topo.device(d.name);
    const offer = facts ? dhcpOffer(topo, facts, reachAddress) : null;
    const port = d.ports[0];
    const old = { oldIp: port.ip, oldMask: port.mask };
    if (offer && offer.kind === "offer") {
      const server = offer.server.dhcpServer;
      const excluded = server && server !== "none" ? server.excluded : [];
      const start = parseIp(offer.pool.start);
      const size = 4294967296 - (parseIp(offer.pool.mask) || 0);
      const free = (a: number) =>
        !used[a] && a % size !== 0 && a % size !== size - 1 && !excluded.some((x) => inRange(a, x.low, x.high));
      let ip: number | null = null;
      for (let i = 0; start !== null && i < offer.pool.max && ip === null; i++) if (free(start + i)) ip = start + i;
      if (ip !== null) {
        used[ip] = true;
        port.ip = ipText(ip);
        port.mask = offer.pool.mask;
        d.gateway = unset(offer.pool.gateway);
        d.dnsServer = unset(offer.pool.dns);
      }
    }
    if (!port.ip) {
      port.ip = apipa(world.devices.indexOf(d));
      port.mask = "255.255.0.0";
    }
    if (announce && port.ip !== old.oldIp)
      world.ports.port(d, 0).emit("ipChanged", { newIp: port.ip, newMask: port.mask, ...old });
  }
}

function inRange(ip: number, low: string, high: string): boolean {
  const a = parseIp(low),
    b = parseIp(high || low);
  return a !== null && b !== null && ip >= a && ip <= b;
}

/** A deterministic link-local address per device (PT picks one at random). */
function apipa(index: number): string {
  const n = index + 1;
  return "169.254." + (Math.floor(n / 254) % 256) + "." + ((n % 254) + 1);
}
