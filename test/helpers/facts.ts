// Hand-built snapshot facts for the model's unit tests: a port, a device with nothing but what is given, and a
// cable, each with PT's defaults for what a test does not name (src/model/snapshot.ts says what each means).
import type { DeviceFacts, LinkFacts, PortFacts } from "../../src/model";

export const port = (name: string, ip: string, mask = "255.255.255.0", more: Partial<PortFacts> = {}): PortFacts =>
  Object.assign({ name, ip, mask, up: true, dhcp: false }, more);

export const device = (
  name: string,
  kind: DeviceFacts["kind"],
  ports: PortFacts[],
  more: Partial<DeviceFacts> = {},
): DeviceFacts =>
  Object.assign(
    {
      name,
      kind,
      power: true,
      ports,
      gateway: "",
      dnsServer: "",
      arp: "",
      mail: "none",
      dns: "none",
      routing: "none",
    } as DeviceFacts,
    more,
  );

export const cable = (a: string, ap: string, b: string, bp: string, up: boolean | null = true): LinkFacts => ({
  a: { device: a, port: ap },
  b: { device: b, port: bp },
  up,
});
