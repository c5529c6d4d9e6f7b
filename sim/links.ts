// A cable between two devices' ports, as the world keeps it (World.links):
// the ports (ports.ts), the snapshot (snapshot.ts) and reach (reach.ts) read it.
import type { DeviceState } from "./device-state";

export interface SimLink {
  id: string;
  a: { device: DeviceState; port: number };
  b: { device: DeviceState; port: number };
  up: boolean;
}
