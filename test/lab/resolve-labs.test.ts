// The two labs of lab/fixtures/resolve-labs.ts, cell by cell, against outcomes
// written down by hand: what saved labs show PT does with a device that has no
// DNS server set (docs/evidence/unset-dns.md), and what IOS does with a static
// route out of an interface.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { resolveLabs } from "../../lab/fixtures/resolve-labs";
import { importLab } from "../../lab/import/import-lab";
import { parseRunningConfig } from "../../lab/import/ios";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { VirtualClock } from "../../sim/clock";
import type { RouterSpec, TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { behaviourWith, defaultBehaviour, deliveryMatrix, type PtBehaviour } from "../../src/model";
import { runCli } from "./run-cli";

interface Cell {
  device: string;
  to: string;
  predicted: string;
  codes: number[];
  cause: string;
}

/** Each sender's row: one letter per account (d delivered, b bounced, f failed, u unknown). */
function grid(cells: Cell[], senders: string[], accounts: string[]): string[] {
  const letter: { [p: string]: string } = { delivered: "d", bounced: "b", failed: "f", unknown: "u" };
  return senders.map(
    (s) =>
      s +
      " " +
      accounts.map((a) => letter[cells.filter((c) => c.device === s && c.to === a)[0].predicted] || "?").join(""),
  );
}

const cellOf = (cells: Cell[], device: string, to: string): Cell =>
  cells.filter((c) => c.device === device && c.to === to)[0];

function fileMatrix(file: string): Cell[] {
  const r = runCli(["--json", join(FIXTURE_DIR, file)]);
  expect(r.status).toBe(0);
  return JSON.parse(r.out[0]).matrix;
}

/** The spec's matrix through the simulator's snapshot, under `behaviour`. */
function specMatrix(spec: TopologySpec, behaviour: PtBehaviour = defaultBehaviour()): Cell[] {
  const w = new World({ clock: new VirtualClock() });
  w.load(spec);
  const clients = spec.devices.flatMap((d) =>
    "email" in d && d.email
      ? [
          {
            device: d.name,
            mailId: d.email.mailId,
            user: d.email.user,
            password: d.email.password,
            smtpServer: d.email.smtp,
          },
        ]
      : [],
  );
  const m = deliveryMatrix(w.snapshot(), clients, behaviour);
  return m.cells.map((c) => ({ device: c.device, to: c.to, predicted: c.predicted, codes: c.codes, cause: c.cause }));
}

describe("subnet-dns.pkt: mail servers and clients with no DNS server set", () => {
  const senders = ["PC-Ann", "PC-Bob", "PC-Bea", "PC-Cy"];
  const accounts = ["ann@alpha.lab", "bob@beta.lab", "bea@beta.lab", "cy@gamma.lab"];
  const cells = fileMatrix("subnet-dns.pkt");

  it("each resolves through the DNS servers on its own subnet, and only those", () => {
    expect(grid(cells, senders, accounts)).toEqual([
      // PC-Ann finds alpha.lab on DNS-A; MAIL-A relays by DNS-A, which knows beta.lab, not gamma.lab.
      "PC-Ann dddb",
      // DNS-B, on MAIL-B's subnet, knows no alpha.lab: bounced, though DNS-A on another subnet has it.
      "PC-Bob bddb",
      // PC-Bea's server name is on no DNS server of its subnet.
      "PC-Bea ffff",
      // MAIL-C's own DNS service and DNS-C disagree on alpha.lab; they agree on beta.lab.
      "PC-Cy uddd",
    ]);
  });

  it("with the codes PT gives: relays accepted (2) and bounced, the client's lookup failing with 9", () => {
    expect(cellOf(cells, "PC-Ann", "ann@alpha.lab").codes).toEqual([1, 2]);
    expect(cellOf(cells, "PC-Ann", "bob@beta.lab").codes).toEqual([1, 3, 2]);
    expect(cellOf(cells, "PC-Bob", "ann@alpha.lab").codes).toEqual([1, 3, 2]);
    expect(cellOf(cells, "PC-Bea", "bob@beta.lab").codes).toEqual([1, 9]);
    expect(cellOf(cells, "PC-Cy", "bob@beta.lab").codes).toEqual([1, 3, 2]);
  });

  it("naming the DNS server on the subnet that lacks the record, and the disagreement it cannot settle", () => {
    expect(cellOf(cells, "PC-Bob", "ann@alpha.lab").cause).toBe(
      "DNS-B (10.2.0.53, on MAIL-B's subnet) has no A record for alpha.lab",
    );
    expect(cellOf(cells, "PC-Bea", "bea@beta.lab").cause).toContain(
      "DNS-B (10.2.0.53, on PC-Bea's subnet) has no A record for mail.beta.lab",
    );
    expect(cellOf(cells, "PC-Cy", "ann@alpha.lab").cause).toContain("MAIL-C: 10.1.0.10, DNS-C: 10.1.0.99");
  });

  it("with unsetDnsServer=none, a device with no DNS server set resolves nothing", () => {
    const none = specMatrix(resolveLabs()[0], behaviourWith({ unsetDnsServer: "none" }));
    expect(grid(none, senders, accounts)).toEqual(["PC-Ann ffff", "PC-Bob bddb", "PC-Bea ffff", "PC-Cy bbbd"]);
    expect(cellOf(none, "PC-Ann", "ann@alpha.lab").codes).toEqual([1, 8]);
    expect(cellOf(none, "PC-Cy", "bob@beta.lab").cause).toBe("MAIL-C has no DNS server to look up beta.lab");
  });

  it("with no DNS server on the subnet, whether PT asks one elsewhere is unknown; with none holding the name, it fails", () => {
    const spec = resolveLabs()[0];
    spec.devices = spec.devices.filter((d) => d.name !== "DNS-B");
    spec.links = spec.links.filter((l) => l[0] !== "DNS-B");
    const cells = specMatrix(spec);
    // MAIL-B: DNS-A has alpha.lab, MAIL-C has gamma.lab; nobody has mail.beta.lab, PC-Bea's server.
    expect(grid(cells, ["PC-Bob", "PC-Bea"], accounts)).toEqual(["PC-Bob uddu", "PC-Bea ffff"]);
    expect(cellOf(cells, "PC-Bob", "ann@alpha.lab").cause).toContain(
      "whether MAIL-B, with no DNS server set or on its subnet, asks DNS-A",
    );
    expect(cellOf(cells, "PC-Bea", "bob@beta.lab").codes).toEqual([1, 8]);
  });

  it("a DNS server set wins over the subnet's: MAIL-B pointed at DNS-A relays to alpha.lab", () => {
    const spec = resolveLabs()[0];
    const mailB = spec.devices.filter((d) => d.name === "MAIL-B")[0] as { dns?: string };
    mailB.dns = "10.1.0.53";
    expect(cellOf(specMatrix(spec), "PC-Bob", "ann@alpha.lab").predicted).toBe("delivered");
  });
});

describe("exit-routes.pkt: static routes out of an interface", () => {
  const senders = ["PC-Ann", "PC-Bob", "PC-Cy", "PC-Dee"];
  const accounts = ["ann@exit.lab", "bob@exit.lab", "cy@exit.lab", "dee@exit.lab"];

  it("reach the far end of a serial link and of a router-to-router cable; R2 has no way back to 192.168.40.0/24", () => {
    const cells = fileMatrix("exit-routes.pkt");
    expect(grid(cells, senders, accounts)).toEqual(["PC-Ann dddd", "PC-Bob dddd", "PC-Cy dddd", "PC-Dee ffff"]);
    expect(cellOf(cells, "PC-Ann", "bob@exit.lab").codes).toEqual([1, 2]);
    expect(cellOf(cells, "PC-Dee", "ann@exit.lab").codes).toEqual([1, 6]);
    expect(cellOf(cells, "PC-Dee", "ann@exit.lab").cause).toContain("R2 has no route to 192.168.40.11");
  });

  const variant = (router: string, change: (r: RouterSpec) => void): Cell[] => {
    const spec = resolveLabs()[1];
    change(spec.devices.filter((d) => d.name === router)[0] as RouterSpec);
    return specMatrix(spec);
  };

  it("an interface and a next hop together route by the next hop", () => {
    const cells = variant("R1", (r) => {
      r.staticRoutes = [{ network: "192.168.0.0", mask: "255.255.0.0", nextHop: "Serial0/0/0 10.0.0.2" }];
    });
    expect(grid(cells, ["PC-Ann"], accounts)).toEqual(["PC-Ann dddd"]);
  });

  it("a route out of a shut interface fails at that interface; Null0 discards", () => {
    const shut = variant("R1", (r) => {
      r.ports[1].up = false;
    });
    expect(cellOf(shut, "PC-Ann", "ann@exit.lab").cause).toBe(
      "PC-Ann cannot reach 192.168.20.10: R1 Serial0/0/0 is shut down",
    );
    const discard = variant("R1", (r) => {
      r.staticRoutes = [
        { network: "192.168.20.0", mask: "255.255.255.0", nextHop: "Null0" },
        { network: "0.0.0.0", mask: "0.0.0.0", nextHop: "Serial0/0/0" },
      ];
    });
    expect(cellOf(discard, "PC-Ann", "ann@exit.lab").cause).toContain("R1 has no route to 192.168.20.10");
  });

  it("a route out of a LAN with no router on it finds nothing there", () => {
    const cells = variant("R2", (r) => {
      r.staticRoutes = [
        { network: "192.168.10.0", mask: "255.255.255.0", nextHop: "Serial0/0/0" },
        { network: "192.168.30.0", mask: "255.255.255.0", nextHop: "GigabitEthernet0/0" },
      ];
    });
    expect(grid(cells, ["PC-Cy"], accounts)).toEqual(["PC-Cy ffff"]);
    expect(cellOf(cells, "PC-Cy", "cy@exit.lab").cause).toContain("nothing answers at 192.168.30.11");
  });
});

describe("ip route with an exit interface, as the importer reads it", () => {
  it("keeps an interface alone, takes the next hop of an interface and next hop, and puts floating routes last", () => {
    const c = parseRunningConfig([
      "ip route 0.0.0.0 0.0.0.0 64.100.200.1 200",
      "ip route 192.168.0.0 255.255.255.192 Serial2/0 ",
      "ip route 64.100.200.0 255.255.255.252 Serial0/1/0 10.0.0.2",
      "ip route 0.0.0.0 0.0.0.0 64.100.150.2",
    ]);
    expect(c.staticRoutes).toEqual([
      { network: "192.168.0.0", mask: "255.255.255.192", nextHop: "Serial2/0" },
      { network: "64.100.200.0", mask: "255.255.255.252", nextHop: "10.0.0.2" },
      { network: "0.0.0.0", mask: "0.0.0.0", nextHop: "64.100.150.2" },
      { network: "0.0.0.0", mask: "0.0.0.0", nextHop: "64.100.200.1" },
    ]);
  });
});

it("the fixture files decode", () => {
  for (const file of ["subnet-dns.pkt", "exit-routes.pkt"]) {
    const decoded = decodeLab(new Uint8Array(readFileSync(join(FIXTURE_DIR, file))), nodeZlib);
    expect(importLab(decoded.xml, decoded.kind, file).warnings).toEqual([]);
  }
});
