// A large classroom for what reading a lab costs: two sites behind one router,
// one mail and DNS server per site, and PCs up to the device count asked for
// (40 by default: 1 router, 2 switches, 2 servers, 35 PCs, 39 cables).
import type { DeviceSpec, LinkSpec, TopologySpec } from "../spec";

export function largeLab(deviceCount = 40): TopologySpec {
  const mask = "255.255.255.0";
  const site = (n: number) => ({ gateway: "10." + n + ".0.1", mask, dns: "10.1.0.10" });
  const devices: DeviceSpec[] = [
    {
      name: "R1",
      kind: "router",
      ports: [
        { ip: "10.1.0.1", mask, name: "GigabitEthernet0/0" },
        { ip: "10.2.0.1", mask, name: "GigabitEthernet0/1" },
      ],
    },
    { name: "SW-1", kind: "switch" },
    { name: "SW-2", kind: "switch" },
  ];
  const links: LinkSpec[] = [
    ["R1:0", "SW-1"],
    ["R1:1", "SW-2"],
  ];
  const users: { [n: number]: { [user: string]: string } } = { 1: {}, 2: {} };
  const pcs = Math.max(0, deviceCount - 5);
  for (let i = 0; i < pcs; i++) {
    const n = (i % 2) + 1;
    const user = "user" + i;
    users[n][user] = "pw" + i;
    devices.push({
      name: "PC-" + i,
      kind: "pc",
      ip: "10." + n + ".0." + (20 + i),
      ...site(n),
      email: { mailId: user + "@site" + n + ".lab", user, password: "pw" + i, smtp: "mail.site" + n + ".lab" },
    });
    links.push(["PC-" + i, "SW-" + n]);
  }
  for (const n of [1, 2]) {
    devices.push({
      name: "MAIL-" + n,
      kind: "server",
      ip: "10." + n + ".0.10",
      ...site(n),
      mailServer: { domain: "site" + n + ".lab", users: users[n] },
      dnsServer: {
        on: n === 1,
        records: {
          "mail.site1.lab": "10.1.0.10",
          "site1.lab": "10.1.0.10",
          "mail.site2.lab": "10.2.0.10",
          "site2.lab": "10.2.0.10",
        },
        cnames: { "smtp.site1.lab": "mail.site1.lab" },
      },
    });
    links.push(["MAIL-" + n, "SW-" + n]);
  }
  return { name: "Large lab: " + deviceCount + " devices on two sites", devices, links };
}
