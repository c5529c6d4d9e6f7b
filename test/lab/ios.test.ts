// The IOS running-config subset.
import { describe, expect, it } from "vitest";
import { parseRunningConfig } from "../../lab/import/ios";

const R1 = `!
version 15.1
hostname R1
!
interface GigabitEthernet0/0
 ip address 192.168.1.1 255.255.255.0
 ip access-group 10 in
 duplex auto
!
interface GigabitEthernet0/1
 ip address 10.0.0.1 255.255.255.252
 shutdown
!
interface GigabitEthernet0/2.10
 encapsulation dot1Q 10
 ip address 172.16.10.1 255.255.255.0
!
interface Serial0/0/0
 no ip address
 clock rate 2000000
!
router ospf 1
 network 192.168.1.0 0.0.0.255 area 0
 network 10.0.0.0 0.0.0.3 area 0
!
router rip
 version 2
 network 172.16.0.0
 network 10.0.0.0
!
router eigrp 100
 network 192.168.5.0 0.0.0.255
 network 192.168.6.0
!
ip classless
ip route 0.0.0.0 0.0.0.0 10.0.0.2
ip route 172.20.0.0 255.255.0.0 Serial0/0/0 5
ip route 10.9.0.0 255.255.0.0
!
access-list 10 permit any
ip nat inside source static 1.1.1.1 2.2.2.2
!
end`;

describe("parseRunningConfig", () => {
  const c = parseRunningConfig(R1.split("\n"));

  it("reads interface addresses and shutdown, leaving sub-interfaces out", () => {
    expect(c.interfaces).toEqual([
      { name: "GigabitEthernet0/0", ip: "192.168.1.1", mask: "255.255.255.0", shutdown: false },
      { name: "GigabitEthernet0/1", ip: "10.0.0.1", mask: "255.255.255.252", shutdown: true },
      { name: "Serial0/0/0", ip: "", mask: "", shutdown: false },
    ]);
  });

  it("reads static routes to an address or an interface, skipping incomplete ones", () => {
    expect(c.staticRoutes).toEqual([
      { network: "0.0.0.0", mask: "0.0.0.0", nextHop: "10.0.0.2" },
      { network: "172.20.0.0", mask: "255.255.0.0", nextHop: "Serial0/0/0" },
    ]);
  });

  it("turns network statements into prefixes: OSPF by wildcard, RIP by class, EIGRP by either", () => {
    expect(c.routedNetworks).toEqual([
      "192.168.1.0/24",
      "10.0.0.0/30",
      "172.16.0.0/16",
      "10.0.0.0/8",
      "192.168.5.0/24",
      "192.168.6.0/24",
    ]);
  });

  it("names what it does not model, once each", () => {
    // VLANs and the applied, defined access list 10 are modeled (c.vlans, c.acl).
    expect(c.unmodeled).toEqual(["NAT"]);
    expect(c.acl.ports).toEqual({ "GigabitEthernet0/0": { in: "10" } });
  });

  it("knows the end of an interface block by its indentation", () => {
    const cfg = parseRunningConfig([
      "interface Gi0/0",
      " ip address 1.1.1.1 255.0.0.0",
      "shutdown",
      "interface Gi0/1",
      " shutdown",
      " no shutdown",
    ]);
    expect(cfg.interfaces.map((i) => i.shutdown)).toEqual([false, false]);
  });
});
