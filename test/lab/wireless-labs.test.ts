// Wireless (issue 20, item 3) in the project's own labs (lab/fixtures/wireless-labs.ts), from the saved file,
// from live PT (the IPC reader over the same lab in the simulator) and in the simulator itself. Each grid is
// written by hand from how PT associates (SSID, security mode and key all equal) and how a home router
// works: one LAN for its Ethernet ports and radios, its DHCP pool, NAT out of its Internet port.
import { describe, expect, it } from "vitest";
import { labMatrix } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { HostSpec, SwitchSpec, TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { grid, imported, liveCells } from "../helpers/fixture-labs";

function loaded(spec: TopologySpec) {
  const clock = new VirtualClock();
  const world = new World({ clock, stepMs: 100, timeoutMs: 3000 });
  world.load(spec);
  return { world, clock };
}

const LEASES = "Laptop-H, PC-H: takes its address by DHCP and the file holds none: its lease is inferred (sim/dhcp.ts)";

// biome-ignore format: expectation tables
const EXPECTED: { file: string; grid: string[]; causes: { [device: string]: RegExp }; warnings: string[] }[] = [
  {
    file: "wireless-ap.pkt",
    // Laptop-A's SSID, WPA2-PSK and key are AP1's: it is on SW1's LAN with MAIL. Laptop-B's key is not.
    grid: ["PC-1 ddd", "Laptop-A ddd", "Laptop-B fff"],
    causes: { "Laptop-B": /^Laptop-B cannot reach its DNS server 192\.168\.5\.10: Laptop-B's key for SSID Office does not match AP1's \(WPA2-PSK\)$/ },
    warnings: [],
  },
  {
    file: "wireless-home.pkt",
    // Laptop-H (5 GHz radio) and PC-H (Ethernet) take HR1's leases and reach MAIL through its NAT: the replies
    // come back to 198.51.100.2 (R-ISP has no route to 192.168.0.0). Laptop-X's SSID is none of HR1's.
    grid: ["PC-OUT dddd", "Laptop-H dddd", "PC-H dddd", "Laptop-X ffff"],
    causes: { "Laptop-X": /: Laptop-X's SSID Office does not match HR1's \(SSID HomeNet, HomeNet-5G\)$/ },
    warnings: [LEASES],
  },
];

describe("wireless: access points, home routers, NAT", () => {
  for (const lab of EXPECTED) {
    describe(lab.file, () => {
      const saved = imported(lab.file);

      it("the saved lab's matrix is the expected one, cell by cell, with the causes", () => {
        const m = labMatrix(saved).matrix;
        expect(grid(m.cells)).toEqual(lab.grid);
        for (const device of Object.keys(lab.causes))
          for (const c of m.cells.filter((x) => x.device === device)) {
            expect(c.cause).toMatch(lab.causes[device]);
            expect(c.code).toBe(8);
          }
        expect(saved.warnings).toEqual(lab.warnings);
      });

      it("live PT (the IPC reader) predicts the same", () => {
        expect(grid(liveCells(saved.spec))).toEqual(lab.grid);
      });
    });
  }

  it("the fixes name the setting to change and where", () => {
    const ap = labMatrix(imported("wireless-ap.pkt")).matrix.cells.find((c) => c.device === "Laptop-B");
    expect(ap?.fix).toBe("set Laptop-B's key to AP1's (Config > Wireless0)");
    const home = labMatrix(imported("wireless-home.pkt")).matrix.cells.find((c) => c.device === "Laptop-X");
    expect(home?.fix).toBe("set Laptop-X's SSID to HomeNet and its key (Config > Wireless0)");
  });

  it("in the simulator (the playground), a mail ends as predicted, and the home router leases from its pool", () => {
    for (const [file, sends] of [
      ["wireless-ap.pkt", { "Laptop-A": 2, "Laptop-B": 8, "PC-1": 2 }],
      ["wireless-home.pkt", { "Laptop-H": 2, "PC-H": 2, "Laptop-X": 8 }],
    ] as [string, { [sender: string]: number }][]) {
      const { world, clock } = loaded(imported(file).spec);
      for (const sender of Object.keys(sends)) {
        const d = world.device(sender);
        if (!d?.email) throw new Error(sender + " has no email client");
        const codes: number[] = [];
        d.email.smtp.registerEvent("mailSent", null, (_s, a) =>
          codes.push((a as { responseType: number }).responseType),
        );
        const u = d.email.user;
        expect(d.email.smtp.sendMail(u.mailId, u.mailId, "s", "b", u.password, u.smtpServer)).toBe(true);
        clock.advance(20000);
        expect([sender, codes.slice(-1)[0]]).toEqual([sender, sends[sender]]);
      }
      // HR1's pool starts at .100: the lab's DHCP clients in device order (sim/dhcp.ts).
      if (file === "wireless-home.pkt")
        expect(["Laptop-H", "PC-H"].map((n) => world.device(n)?.ports[0].ip)).toEqual([
          "192.168.0.100",
          "192.168.0.101",
        ]);
    }
  });

  /** The home lab's spec, changed by `edit` (a copy). */
  type Any = Omit<HostSpec, "kind"> & Omit<SwitchSpec, "kind">;
  const homeLab = (edit: (devices: { [name: string]: Any }) => void): TopologySpec => {
    const spec = JSON.parse(JSON.stringify(imported("wireless-home.pkt").spec)) as TopologySpec;
    const byName: { [name: string]: Any } = {};
    for (const d of spec.devices) byName[d.name] = d as Any;
    edit(byName);
    return spec;
  };

  it("without NAT (HR1 a plain layer-3 switch), MAIL's replies to PC-H are lost: R-ISP has no route back", () => {
    // No access point is left for Laptop-H: PC-H takes the pool's first address, .100.
    const spec = homeLab((d) => {
      delete d.HR1.home;
      delete d.HR1.wireless;
    });
    const cell = liveCells(spec).find((c) => c.device === "PC-H");
    expect(cell?.predicted).toBe("failed");
    expect(cell?.cause).toMatch(
      /replies from MAIL \(203\.0\.113\.10\) to PC-H are lost: R-ISP has no route to 192\.168\.0\.100$/,
    );
  });

  it("an Internet port that takes its address by DHCP (PT saves no lease): ways out are unknown, not failed", () => {
    const spec = homeLab((d) => {
      d.HR1.ports = [{ name: "Internet", routed: { ip: "", mask: "" } }];
      delete d.HR1.staticRoutes;
      d.HR1.unmodeled = ["a DHCP-assigned Internet port"];
    });
    const cells = liveCells(spec);
    expect(grid(cells)).toEqual(["PC-OUT dddd", "Laptop-H uuuu", "PC-H uuuu", "Laptop-X ffff"]);
    expect(cells.find((c) => c.device === "PC-H")?.cause).toMatch(
      /fails on a LAN with HR1: HR1 uses a DHCP-assigned Internet port \(not modeled\)$/,
    );
  });

  it("from outside, a connection into HR1's LAN fails at its NAT, even routed there; a forwarded port is unknown", () => {
    // MAIL moves into HR1's LAN; R-ISP routes 192.168.0.0/24 to HR1, as an ISP would not.
    const inside = (forwarding: boolean) =>
      homeLab((d) => {
        Object.assign(d.MAIL, { ip: "192.168.0.10", gateway: "192.168.0.1", dns: "192.168.0.10" });
        d.MAIL.dnsServer = { on: true, records: { "mail.isp.lab": "192.168.0.10" } };
        Object.assign(d["PC-OUT"], { dns: "192.168.0.10" });
        Object.assign(d["Laptop-X"], { dns: "192.168.0.10" });
        for (const p of d.HR1.dhcpServer?.pools || []) p.dns = "192.168.0.10";
        if (forwarding) d.HR1.unmodeled = ["port forwarding"];
        d["R-ISP"].staticRoutes = [{ network: "192.168.0.0", mask: "255.255.255.0", nextHop: "198.51.100.2" }];
      });
    const spec = inside(false);
    spec.links = spec.links.map((l) => (l[0] === "MAIL" ? (["MAIL", "HR1"] as [string, string]) : l));
    const cells = liveCells(spec);
    expect(grid(cells)).toEqual(["PC-OUT ffff", "Laptop-H dddd", "PC-H dddd", "Laptop-X ffff"]);
    expect(cells.find((c) => c.device === "PC-OUT")?.cause).toBe(
      "PC-OUT cannot reach its DNS server 192.168.0.10: HR1 translates its LAN's addresses (NAT) on Internet: nothing outside opens a connection to its LAN",
    );
    const forwarded = inside(true);
    forwarded.links = spec.links;
    const out = liveCells(forwarded).find((c) => c.device === "PC-OUT");
    expect(out?.predicted).toBe("unknown");
    expect(out?.cause).toMatch(/HR1 uses port forwarding \(not modeled\)$/);
  });
});
