// Who can reach whom: a simple routed model. Switches join ports into L2
// segments; a host reaches its own subnet directly and other subnets through
// its gateway; routers forward between the subnets of their ports and to each
// other (as if a routing protocol had converged). Powered-off devices and down
// links carry nothing.
import { sameSubnet } from "./addresses";
import type { SimDevice } from "./device";

export interface SimLink {
  id: string;
  a: { device: SimDevice; port: number };
  b: { device: SimDevice; port: number };
  up: boolean;
}

interface Endpoint {
  device: SimDevice;
  port: number;
}

export type Reach = { ok: true; device: SimDevice } | { ok: false; why: string };

/** The endpoints (host ports, router ports) one L2 segment joins. */
export function segment(links: SimLink[], start: Endpoint): Endpoint[] {
  const result: Endpoint[] = [];
  const seen: { [key: string]: boolean } = {};
  const queue: Endpoint[] = [start];
  while (queue.length) {
    const at = queue.shift()!;
    const key = at.device.uuid + "#" + at.port;
    if (seen[key]) continue;
    seen[key] = true;
    if (!at.device.power) continue;
    if (at.device.kind === "switch") {
      // A switch forwards between all its ports.
      for (const l of links) {
        if (!l.up) continue;
        if (l.a.device === at.device) queue.push(l.b);
        if (l.b.device === at.device) queue.push(l.a);
      }
      continue;
    }
    result.push(at);
    for (const l of links) {
      if (!l.up) continue;
      if (l.a.device === at.device && l.a.port === at.port) queue.push(l.b);
      if (l.b.device === at.device && l.b.port === at.port) queue.push(l.a);
    }
  }
  return result;
}

function owns(e: Endpoint, ip: string): boolean {
  const p = e.device.ports[e.port];
  return !!p && p.ip === ip;
}

/** Whether `from` can open a connection to `ip`, and which device answers. */
export function reachFrom(links: SimLink[], from: SimDevice, ip: string): Reach {
  if (!from.power) return { ok: false, why: from.name + " is off" };
  const src = from.ports[0];
  if (!src || !src.ip) return { ok: false, why: from.name + " has no IP address" };
  const local = segment(links, { device: from, port: 0 });
  if (sameSubnet(src.ip, ip, src.mask)) {
    const target = local.filter((e) => owns(e, ip))[0];
    return target ? { ok: true, device: target.device } : { ok: false, why: "nothing answers at " + ip };
  }
  const gateway = local.filter((e) => e.device.kind === "router" && owns(e, from.gateway))[0];
  if (!gateway) return { ok: false, why: from.name + "'s gateway " + (from.gateway || "(none)") + " does not answer" };
  const target = route(links, gateway.device, ip);
  if (!target) return { ok: false, why: "no route to " + ip };
  // The reply must find its way back: the target needs a working gateway too.
  const back = segment(links, { device: target, port: 0 });
  if (target.isHost && !back.some((e) => e.device.kind === "router" && owns(e, target.gateway))) {
    return { ok: false, why: target.name + "'s gateway " + (target.gateway || "(none)") + " does not answer, so replies are lost" };
  }
  return { ok: true, device: target };
}

/** From a router, the device owning ip on one of the subnets the routers can reach. */
function route(links: SimLink[], first: SimDevice, ip: string): SimDevice | null {
  const visited: SimDevice[] = [];
  const queue = [first];
  while (queue.length) {
    const router = queue.shift()!;
    if (visited.indexOf(router) >= 0 || !router.power) continue;
    visited.push(router);
    for (let i = 0; i < router.ports.length; i++) {
      const p = router.ports[i];
      if (!p.ip) continue;
      const seg = segment(links, { device: router, port: i });
      if (sameSubnet(p.ip, ip, p.mask)) {
        const hit = seg.filter((e) => owns(e, ip))[0];
        if (hit) return hit.device;
      }
      for (const e of seg) if (e.device.kind === "router" && e.device !== router) queue.push(e.device);
    }
  }
  return null;
}
