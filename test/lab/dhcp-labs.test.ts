// DHCP (issue 20, item 1): the project's DHCP labs (lab/fixtures/dhcp-labs.ts)
// get the leases PT would give when the file opens, from a Server-PT's pool, a
// router's `ip dhcp pool` or through a relay, and a client no pool serves is
// told what is missing. Leases and matrices are written by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { importLab } from "../../lab/import/import-lab";
import { labLeases, leaseText } from "../../lab/leases";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { labMatrix, mailClientsOf } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { HostSpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { defaultBehaviour, deliveryMatrix, indexTopology, type MatrixCell, reachAddress } from "../../src/model";
import { dhcpOfConfig, dhcpOfServerXml } from "../../src/pt/dhcp-config";

function loaded(file: string) {
  const decoded = decodeLab(new Uint8Array(readFileSync(join(FIXTURE_DIR, file))), nodeZlib);
  const lab = importLab(decoded.xml, decoded.kind, file);
  const world = new World({ clock: new VirtualClock() });
  world.load(lab.spec);
  return { lab, world };
}

/** "PC-1 192.168.10.11/255.255.255.0 gw 192.168.10.1 dns 192.168.10.2" for each DHCP client. */
const leases = (world: World) =>
  world.devices
    .filter((d) => d.dhcp)
    .map((d) => `${d.name} ${d.ports[0].ip}/${d.ports[0].mask} gw ${d.gateway || "-"} dns ${d.dnsServer || "-"}`);

const grid = (cells: MatrixCell[]) => cells.map((c) => c.device + " → " + c.to + ": " + c.predicted);

function liveCells(file: string): MatrixCell[] {
  const { lab, world } = loaded(file);
  return deliveryMatrix(readSnapshot(world.host()), mailClientsOf(lab.spec), defaultBehaviour()).cells;
}

// biome-ignore format: expectation tables
const EXPECTED: { file: string; leases: (string | RegExp)[]; grid: string[] }[] = [
  {
    // Lowest free from START_IP .10; PC-3 holds .10 statically.
    file: "dhcp-server.pkt",
    leases: ["PC-1 192.168.10.11/255.255.255.0 gw 192.168.10.1 dns 192.168.10.2", "PC-2 192.168.10.12/255.255.255.0 gw 192.168.10.1 dns 192.168.10.2"],
    grid: ["PC-1", "PC-2", "PC-3"].flatMap((s) => ["p1", "p2", "p3"].map((u) => `${s} → ${u}@dhcp.lab: delivered`)),
  },
  {
    // The network's hosts from .1, past `ip dhcp excluded-address 192.168.20.1 192.168.20.9`.
    file: "dhcp-router.pkt",
    leases: ["PC-R1 192.168.20.10/255.255.255.0 gw 192.168.20.1 dns 192.168.10.2", "PC-R2 192.168.20.11/255.255.255.0 gw 192.168.20.1 dns 192.168.10.2"],
    grid: ["PC-R1", "PC-R2"].flatMap((s) => ["r1", "r2"].map((u) => `${s} → ${u}@r.lab: delivered`)),
  },
  {
    // PC-A from SRV's own LAN's pool; PC-B, relayed by R1 Gi0/1 (192.168.20.1), from pool20.
    file: "dhcp-relay.pkt",
    leases: ["PC-A 192.168.10.100/255.255.255.0 gw 192.168.10.1 dns 192.168.10.2", "PC-B 192.168.20.100/255.255.255.0 gw 192.168.20.1 dns 192.168.10.2"],
    grid: ["PC-A", "PC-B"].flatMap((s) => ["a", "b"].map((u) => `${s} → ${u}@relay.lab: delivered`)),
  },
  {
    // No pool for LAN 20: APIPA, and every mail from PC-X fails at its DNS lookup (8).
    file: "dhcp-none.pkt",
    leases: [/^PC-X 169\.254\.\d+\.\d+\/255\.255\.0\.0 gw - dns 192\.168\.10\.2$/],
    grid: ["PC-S → s@none.lab: delivered", "PC-S → x@none.lab: delivered", "PC-X → s@none.lab: failed", "PC-X → x@none.lab: failed"],
  },
];

describe("DHCP labs", () => {
  for (const lab of EXPECTED) {
    describe(lab.file, () => {
      const { lab: imported, world } = loaded(lab.file);

      it("the simulator gives the leases PT would when the file opens", () => {
        const got = leases(world);
        expect(got).toHaveLength(lab.leases.length);
        lab.leases.forEach((l, i) => {
          if (typeof l === "string") expect(got[i]).toBe(l);
          else expect(got[i]).toMatch(l);
        });
      });

      it("the matrix, cell by cell, from the saved lab and from live PT", () => {
        expect(grid(labMatrix(imported).matrix.cells)).toEqual(lab.grid);
        expect(grid(liveCells(lab.file))).toEqual(lab.grid);
      });
    });
  }

  it("a client no pool serves is told what is missing, naming the pools and the relay", () => {
    const { lab } = loaded("dhcp-none.pkt");
    const cells = labMatrix(lab).matrix.cells.filter((c) => c.device === "PC-X");
    for (const c of cells) {
      expect(c.code).toBe(8);
      expect(c.cause).toBe(
        "PC-X cannot reach its DNS server 192.168.10.2: PC-X asked DHCP for an address and got none: no DHCP pool for " +
          "192.168.20.0/24: DHCP-SRV's pool serves 192.168.30.0/24; " +
          "R1 relays DHCP to 192.168.10.2 (SRV), which has no pool for 192.168.20.0/24",
      );
      expect(c.fix).toBe(
        "add a DHCP pool for 192.168.20.0/24 (Services > DHCP, or `ip dhcp pool`), relay to one (`ip helper-address`), or give PC-X a static address",
      );
    }
  });

  it("a pool that starts at its network's own address leases past it and past its server, as a PT 8.2.2 lab saved", () => {
    // nitish-niraj dhcp.pkt: START_IP 198.168.10.0, the server at .1, leases .2 to .7.
    const world = new World({ clock: new VirtualClock() });
    const pc = (name: string): HostSpec => ({ name, kind: "laptop", dhcp: true });
    world.load({
      name: "pool at .0",
      devices: [
        { name: "SW", kind: "switch" },
        {
          name: "Server0",
          kind: "server",
          ip: "198.168.10.1",
          mask: "255.255.255.0",
          dhcpServer: {
            on: true,
            pools: [
              {
                name: "serverPool",
                network: "198.168.10.0",
                mask: "255.255.255.0",
                start: "198.168.10.0",
                max: 256,
                gateway: "",
                dns: "",
              },
            ],
          },
        },
        pc("Laptop0"),
        pc("Laptop1"),
      ],
      links: [
        ["Server0", "SW"],
        ["Laptop0", "SW"],
        ["Laptop1", "SW"],
      ],
    });
    expect(leases(world)).toEqual([
      "Laptop0 198.168.10.2/255.255.255.0 gw - dns -",
      "Laptop1 198.168.10.3/255.255.255.0 gw - dns -",
    ]);
  });

  it("the CLI can say each client's lease, its server and relay, or why it has none", () => {
    expect(labLeases(loaded("dhcp-relay.pkt").lab.spec).map(leaseText)).toEqual([
      "PC-A 192.168.10.100/255.255.255.0 from SRV (inferred)",
      "PC-B 192.168.20.100/255.255.255.0 from SRV through R1 (inferred)",
    ]);
    expect(labLeases(loaded("dhcp-none.pkt").lab.spec).map(leaseText)).toEqual([
      expect.stringMatching(
        /^PC-X 169\.254\.\d+\.\d+\/255\.255\.0\.0 \(APIPA\): no DHCP pool for 192\.168\.20\.0\/24: /,
      ),
    ]);
  });

  it("live PT: a DHCP client without a lease where a pool serves its LAN is told to ask again", () => {
    const { world } = loaded("dhcp-server.pkt");
    world.device("PC-1")!.ports[0].ip = "169.254.7.7"; // as PT leaves a client whose request went unanswered
    const r = reachAddress(indexTopology(readSnapshot(world.host())), "PC-1", "192.168.10.2");
    expect(r).toEqual({
      kind: "fail",
      cause: "PC-1 has no DHCP lease, though SRV's pool 192.168.10.0/24 serves its LAN",
      fix: "ask again: on PC-1, Desktop > IP Configuration > Static, then DHCP",
    });
  });
});

describe("DHCP as configuration holds it (src/pt/dhcp-config.ts)", () => {
  it("reads IOS pools, exclusions and helper addresses", () => {
    const lines = [
      "ip dhcp excluded-address 10.0.0.1 10.0.0.9",
      "ip dhcp excluded-address 10.0.0.254",
      "!",
      "ip dhcp pool A",
      " network 10.0.0.0 255.255.255.0",
      " default-router 10.0.0.1",
      " dns-server 10.9.9.9",
      "ip dhcp pool NONET",
      " default-router 10.1.0.1",
      "ip dhcp pool B",
      " network 172.16.0.0 255.255.252.0",
      "interface GigabitEthernet0/1",
      " ip address 10.1.0.1 255.255.255.0",
      " ip helper-address 10.0.0.5",
      " ip helper-address 10.0.0.6",
    ];
    expect(dhcpOfConfig(lines)).toEqual({
      server: {
        on: true,
        pools: [
          {
            name: "A",
            network: "10.0.0.0",
            mask: "255.255.255.0",
            start: "10.0.0.1",
            max: 254,
            gateway: "10.0.0.1",
            dns: "10.9.9.9",
          },
          {
            name: "B",
            network: "172.16.0.0",
            mask: "255.255.252.0",
            start: "172.16.0.1",
            max: 1022,
            gateway: "",
            dns: "",
          },
        ],
        excluded: [
          { low: "10.0.0.1", high: "10.0.0.9" },
          { low: "10.0.0.254", high: "10.0.0.254" },
        ],
      },
      helpers: { "GigabitEthernet0/1": ["10.0.0.5", "10.0.0.6"] },
    });
    expect(dhcpOfConfig(["interface Gi0/0", " ip address 1.1.1.1 255.0.0.0"]).server).toBe("none");
  });

  it("reads a Server-PT's pools as PT saves them, 0.0.0.0 as not handed out", () => {
    // The shape of a PT 8.x save (DHCP_SERVERS with leases), values made up here.
    const xml =
      "<ENGINE><DHCP_SERVERS><ASSOCIATED_PORTS><ASSOCIATED_PORT><NAME>FastEthernet0</NAME><DHCP_SERVER>" +
      "<ENABLED>1</ENABLED><POOLS><POOL><NAME>serverPool</NAME><NETWORK>192.168.20.0</NETWORK><MASK>255.255.255.0</MASK>" +
      "<DEFAULT_ROUTER>192.168.20.1</DEFAULT_ROUTER><TFTP_ADDRESS>0.0.0.0</TFTP_ADDRESS><START_IP>192.168.20.2</START_IP>" +
      "<END_IP>192.168.20.255</END_IP><DNS_SERVER>0.0.0.0</DNS_SERVER><MAX_USERS>254</MAX_USERS><DOMAIN_NAME></DOMAIN_NAME>" +
      "<DHCP_POOL_LEASES><DHCP_POOL_LEASE><IP_ADDRESS>192.168.20.2</IP_ADDRESS></DHCP_POOL_LEASE></DHCP_POOL_LEASES>" +
      "</POOL></POOLS><DHCP_RESERVATIONS/></DHCP_SERVER></ASSOCIATED_PORT></ASSOCIATED_PORTS></DHCP_SERVERS></ENGINE>";
    expect(dhcpOfServerXml(xml)).toEqual({
      on: true,
      pools: [
        {
          name: "serverPool",
          network: "192.168.20.0",
          mask: "255.255.255.0",
          start: "192.168.20.2",
          max: 254,
          gateway: "192.168.20.1",
          dns: "",
        },
      ],
      excluded: [],
    });
    expect(dhcpOfServerXml(xml.replace("<ENABLED>1", "<ENABLED>0"))).toMatchObject({ on: false });
    expect(dhcpOfServerXml("<ENGINE></ENGINE>")).toBe("none");
  });
});
