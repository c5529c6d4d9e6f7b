// Who can reach whom in the simulated world: the model's answer
// (src/model/reach.ts) over the world's snapshot, with the device that answers.
import { indexTopology, reachAddress } from "../src/model";
import type { DeviceState } from "./device-state";
import type { SimLink } from "./links";
import { snapshotOf } from "./snapshot";

export type Reach = { ok: true; device: DeviceState } | { ok: false; why: string };

export function reachFrom(world: { devices: DeviceState[]; links: SimLink[] }, from: DeviceState, ip: string): Reach {
  const r = reachAddress(indexTopology(snapshotOf(world)), from.name, ip);
  if (r.kind === "unknown") return { ok: false, why: "unknown: " + r.what };
  if (r.kind === "fail") return { ok: false, why: r.cause };
  const device = world.devices.filter((d) => d.name === r.at.device.name)[0];
  return device ? { ok: true, device } : { ok: false, why: r.at.device.name + " is gone" };
}
