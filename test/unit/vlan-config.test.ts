// The one parser of VLAN configuration (src/pt/vlan-config.ts), which the lab importer and the IPC reader
// share. Inputs are running-configuration lines as PT saves them (one per line, sub-commands indented).
import { describe, expect, it } from "vitest";
import { vlansOfConfig } from "../../src/pt/vlan-config";

describe("vlansOfConfig", () => {
  it("reads access and trunk ports, native and allowed VLANs, and leaves other ports to IOS's default", () => {
    const c = vlansOfConfig([
      "interface FastEthernet0/1",
      " switchport access vlan 10",
      " switchport mode access",
      "!",
      "interface FastEthernet0/2",
      " switchport trunk native vlan 99",
      " switchport trunk allowed vlan 10,20-22",
      " switchport trunk allowed vlan add 30",
      " switchport trunk allowed vlan remove 21",
      " switchport mode trunk",
      "!",
      "interface FastEthernet0/3",
      " switchport mode dynamic desirable",
      "interface FastEthernet0/4",
      "!",
    ]);
    expect(c.switchports).toEqual({
      "FastEthernet0/1": { mode: "access", access: 10, native: 1, allowed: null },
      "FastEthernet0/2": { mode: "trunk", access: 1, native: 99, allowed: [10, 20, 22, 30] },
      "FastEthernet0/3": { mode: "desirable", access: 1, native: 1, allowed: null },
    });
    expect(c.ipRouting).toBe(false);
    expect(c.interfaces).toEqual([]);
  });

  it("reads `except`, `all` and `none`", () => {
    const allowed = (line: string) =>
      vlansOfConfig(["interface Gi0/1", " switchport trunk allowed vlan " + line]).switchports["Gi0/1"].allowed;
    expect(allowed("none")).toEqual([]);
    expect(allowed("all")).toBeNull();
    const except = allowed("except 2-4094");
    expect(except).toEqual([1]);
  });

  it("reads sub-interfaces with their tag and parent, SVIs, routed ports and `ip routing`", () => {
    const c = vlansOfConfig([
      "ip routing",
      "interface GigabitEthernet0/0.10",
      " encapsulation dot1Q 10",
      " ip address 192.168.10.1 255.255.255.0",
      "interface GigabitEthernet0/0.99",
      " encapsulation dot1Q 99 native",
      " ip address 192.168.99.1 255.255.255.0",
      " shutdown",
      "interface Vlan20",
      " ip address 192.168.20.1 255.255.255.0",
      " ip address 10.9.9.1 255.255.255.0 secondary",
      "interface GigabitEthernet0/1",
      " no switchport",
      " ip address 10.0.0.1 255.255.255.252",
    ]);
    expect(c.ipRouting).toBe(true);
    expect(c.interfaces).toEqual([
      {
        name: "GigabitEthernet0/0.10",
        ip: "192.168.10.1",
        mask: "255.255.255.0",
        shutdown: false,
        vlan: { id: 10, parent: "GigabitEthernet0/0", native: false },
      },
      {
        name: "GigabitEthernet0/0.99",
        ip: "192.168.99.1",
        mask: "255.255.255.0",
        shutdown: true,
        vlan: { id: 99, parent: "GigabitEthernet0/0", native: true },
      },
      {
        name: "Vlan20",
        ip: "192.168.20.1",
        mask: "255.255.255.0",
        shutdown: false,
        vlan: { id: 20, parent: null, native: false },
      },
    ]);
    expect(c.routed).toEqual({ "GigabitEthernet0/1": { ip: "10.0.0.1", mask: "255.255.255.252" } });
  });

  it("a sub-interface without `encapsulation` is no VLAN interface, and `ip routing` must stand alone", () => {
    const c = vlansOfConfig([
      "interface Gi0/0.5",
      " ip address 10.5.5.1 255.255.255.0",
      "no ip routing",
      "ip routing x",
    ]);
    expect(c.interfaces).toEqual([]);
    expect(c.ipRouting).toBe(false);
  });
});
