// Access lists (issue 20, item 4): the project's ACL lab (lab/fixtures/acl-labs.ts)
// gives every pair the outcome IOS's rules give it (first matching line wins,
// implicit deny at the end, a standard list matches the source only, `established`
// matches answers), from the saved lab, from live PT (the IPC reader over the
// simulator) and in the simulator itself, where a mail ends as predicted. The
// expectations are written by hand from the lists, not taken from the model.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { exportLab } from "../../lab/export/export-lab";
import { campusLabs } from "../../lab/fixtures/campus-labs";
import { importLab } from "../../lab/import/import-lab";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { labMatrix, mailClientsOf } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { RouterSpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { defaultBehaviour, deliveryMatrix, type MatrixCell } from "../../src/model";
import { aclOfConfig } from "../../src/pt/acl-config";
import { SWITCH_ACLS } from "../../src/pt/unmodeled";
import { grid as letters, liveCells } from "../helpers/fixture-labs";

const FILE = "acl-smtp.pkt";

function imported(file = FILE) {
  const decoded = decodeLab(new Uint8Array(readFileSync(join(FIXTURE_DIR, file))), nodeZlib);
  return importLab(decoded.xml, decoded.kind, file);
}

function loaded(file = FILE) {
  const lab = imported(file);
  const clock = new VirtualClock();
  const world = new World({ clock, stepMs: 100, timeoutMs: 3000 });
  world.load(lab.spec);
  return { lab, world, clock };
}

const USERS = ["a1", "a2", "a3", "b1", "b2"];

/** "PC-A2 → a1@acl.lab: failed 6" for every pair. */
const grid = (cells: MatrixCell[]) =>
  cells.map((c) => `${c.device} → ${c.to}: ${c.predicted}${c.predicted === "failed" ? " " + c.code : ""}`);

/** Each sender's outcome for all five recipients (the lists filter by sender, never by recipient). */
const row = (sender: string, outcome: string) => USERS.map((u) => `${sender} → ${u}@acl.lab: ${outcome}`);

// biome-ignore format: an expectation table
const EXPECTED = [
  // DNS: 101 line 1; SMTP: line 3 (.11 is in 192.168.10.0 0.0.0.127); answers: 110 lines 1 (established) and 2.
  ...row("PC-A1", "delivered"),
  // DNS passes (line 1); SMTP meets line 2, `deny tcp host 192.168.10.12 any eq smtp`: the SYN gets no answer (6).
  ...row("PC-A2", "failed 6"),
  // .200 is past 0.0.0.127: no line permits its SMTP, the implicit deny drops it (6).
  ...row("PC-A3", "failed 6"),
  // Gi0/1 filters nothing; TO_SERVERS line 2 `permit any` lets it out to the servers.
  ...row("PC-B1", "delivered"),
  // TO_SERVERS line 1 `deny host 192.168.20.12` matches the source alone: its DNS query already (8).
  ...row("PC-B2", "failed 8"),
];

const CAUSES: { [sender: string]: string } = {
  "PC-A2":
    "PC-A2 cannot reach 10.0.2.10 (mail.acl.lab): R1's access list 101 line 2 (`deny tcp host 192.168.10.12 any eq smtp`) " +
    "drops SMTP from PC-A2 to 10.0.2.10 entering GigabitEthernet0/0",
  "PC-A3":
    "PC-A3 cannot reach 10.0.2.10 (mail.acl.lab): R1's access list 101 drops SMTP from PC-A3 to 10.0.2.10 " +
    "entering GigabitEthernet0/0: no line permits it",
  "PC-B2":
    "PC-B2 cannot reach its DNS server 10.0.2.10: R1's access list TO_SERVERS line 1 (`deny host 192.168.20.12`) " +
    "drops DNS from PC-B2 to 10.0.2.10 leaving GigabitEthernet0/2",
};

describe("ACL lab: acl-smtp.pkt", () => {
  it("the importer reads the lists and where they are applied, and warns of nothing", () => {
    const lab = imported();
    const r1 = lab.spec.devices.find((d) => d.name === "R1") as RouterSpec;
    expect(r1.ports.map((p) => [p.name, p.aclIn || "-", p.aclOut || "-"])).toEqual([
      ["GigabitEthernet0/0", "101", "-"],
      ["GigabitEthernet0/1", "-", "-"],
      ["GigabitEthernet0/2", "110", "TO_SERVERS"],
    ]);
    expect(Object.keys(r1.acls || {})).toEqual(["101", "110", "TO_SERVERS"]);
    expect(r1.acls?.TO_SERVERS.standard).toBe(true);
    expect(r1.acls?.TO_SERVERS.entries.map((e) => e.text)).toEqual(["deny host 192.168.20.12", "permit any"]);
    expect(lab.warnings).toEqual([]);
  });

  it("the saved lab's matrix, cell by cell, with causes naming the list, its line and the interface", () => {
    const cells = labMatrix(imported()).matrix.cells;
    expect(grid(cells)).toEqual(EXPECTED);
    for (const sender of Object.keys(CAUSES))
      for (const c of cells.filter((x) => x.device === sender)) expect(c.cause).toBe(CAUSES[sender]);
    expect(cells.filter((c) => c.device === "PC-A2")[0].fix).toBe(
      "add `permit tcp … eq smtp` before line 2 of R1's access list 101, or remove `ip access-group 101 in` from R1 GigabitEthernet0/0",
    );
  });

  it("live PT (the IPC reader over the same lab) predicts the same", () => {
    const { lab, world } = loaded();
    const cells = deliveryMatrix(readSnapshot(world.host()), mailClientsOf(lab.spec), defaultBehaviour()).cells;
    expect(grid(cells)).toEqual(EXPECTED);
  });

  it("in the simulator (the playground), a mail ends as predicted", () => {
    const { world, clock } = loaded();
    const ended: { [sender: string]: number[] } = {};
    for (const sender of ["PC-A1", "PC-A2", "PC-A3", "PC-B2"]) {
      const d = world.device(sender);
      if (!d?.email) throw new Error(sender + " has no email client");
      const codes: number[] = [];
      ended[sender] = codes;
      d.email.smtp.registerEvent("mailSent", null, (_s, a) => codes.push((a as { responseType: number }).responseType));
      const u = d.email.user;
      expect(d.email.smtp.sendMail(u.mailId, "b1@acl.lab", "s", "b", u.password, u.smtpServer)).toBe(true);
      clock.advance(20000);
    }
    // The first send after loading meets a cold ARP cache in PT (6); the simulator starts warm for a loaded lab.
    expect(ended["PC-A1"].slice(-1)).toEqual([2]);
    expect(ended["PC-A2"].slice(-1)).toEqual([6]);
    expect(ended["PC-A3"].slice(-1)).toEqual([6]);
    expect(ended["PC-B2"].slice(-1)).toEqual([8]);
  });
});

describe("ACL lab: acl-dhcp.pkt", () => {
  const DHCP_GRID = [
    // Standard list 5 permits 192.168.10.0/24 only: a DISCOVER comes from 0.0.0.0, so the implicit deny drops
    // it, PC-D1 keeps APIPA and cannot reach the DNS server it kept (8).
    "PC-D1 → d1@acl.lab: failed 8",
    "PC-D1 → d2@acl.lab: failed 8",
    // List 120's line 1 lets the DISCOVER in (UDP to bootps); R1's pool LAN-B leases past the excluded .1–.9.
    "PC-D2 → d1@acl.lab: delivered",
    "PC-D2 → d2@acl.lab: delivered",
  ];

  it("the simulator leases only the client whose DISCOVER the router's list lets in", () => {
    const { world } = loaded("acl-dhcp.pkt");
    const d1 = world.device("PC-D1");
    const d2 = world.device("PC-D2");
    expect(d1?.ports[0].ip).toMatch(/^169\.254\./);
    expect([d2?.ports[0].ip, d2?.gateway]).toEqual(["192.168.20.10", "192.168.20.1"]);
  });

  it("the matrix, cell by cell, from the saved lab and from live PT, naming the list that drops DHCP", () => {
    const { lab, world } = loaded("acl-dhcp.pkt");
    const cells = labMatrix(lab).matrix.cells;
    expect(grid(cells)).toEqual(DHCP_GRID);
    expect(cells[0].cause).toBe(
      "PC-D1 cannot reach its DNS server 10.0.2.10: PC-D1 asked DHCP for an address and got none: " +
        "R1's access list 5 drops DHCP from PC-D1 to 255.255.255.255 entering GigabitEthernet0/0: no line permits it",
    );
    expect(cells[0].fix).toBe(
      "add `permit host 0.0.0.0` to R1's access list 5, or remove `ip access-group 5 in` from R1 GigabitEthernet0/0",
    );
    const live = deliveryMatrix(readSnapshot(world.host()), mailClientsOf(lab.spec), defaultBehaviour()).cells;
    expect(grid(live)).toEqual(DHCP_GRID);
  });
});

describe("access lists on a multilayer switch's SVIs", () => {
  it("filter like a router's, on both paths: the campus's list moved from R1 to DSW1's Vlan30", () => {
    const spec = campusLabs()[0];
    const r1 = spec.devices.find((d) => d.name === "R1");
    const dsw1 = spec.devices.find((d) => d.name === "DSW1");
    if (r1?.kind !== "router" || dsw1?.kind !== "switch" || !dsw1.svis) throw new Error("the campus");
    delete r1.acls;
    delete r1.ports[0].aclIn;
    dsw1.acls = aclOfConfig(["access-list 130 deny tcp any any eq smtp", "access-list 130 permit ip any any"]).acls;
    dsw1.svis[2].aclIn = "130";
    const lab = importLab(exportLab(spec), "pkt", "svi-acl.pkt");
    expect(lab.warnings.filter((w) => /not modeled/.test(w))).toEqual([]);
    const expected = ["PC-10A ddddd", "PC-10B ddddd", "PC-20A ddddd", "PC-30A fffff", "PC-30B fffff"];
    const cells = labMatrix(lab).matrix.cells;
    expect(letters(cells)).toEqual(expected);
    expect(cells.find((c) => c.device === "PC-30A")?.cause).toMatch(
      /DSW1's access list 130 line 1 \(`deny tcp any any eq smtp`\) drops SMTP from PC-30A to 10\.0\.2\.10 entering Vlan30/,
    );
    expect(letters(liveCells(lab.spec))).toEqual(expected);
  });
});

describe("access lists on a switch's interfaces", () => {
  it("are not modeled: both producers name them, so paths over the switch are unknown", () => {
    const spec = labMatrixSpec();
    const lab = importLab(exportLab(spec), "pkt", "switch-acl.pkt");
    expect(lab.spec.devices.find((d) => d.name === "DSW1")?.unmodeled).toEqual([SWITCH_ACLS]);
    expect(lab.warnings).toContain("DSW1: not modeled: " + SWITCH_ACLS);
    const world = new World({ clock: new VirtualClock() });
    world.load(lab.spec);
    expect(readSnapshot(world.host()).devices.find((d) => d.name === "DSW1")?.unmodeled).toEqual([SWITCH_ACLS]);
    const cells = labMatrix(lab).matrix.cells;
    expect(cells.map((c) => c.predicted)).toEqual(["unknown"]);
    expect(cells[0].cause).toMatch(/crosses DSW1: DSW1 uses ACLs on switch interfaces \(not modeled\)$/);
  });
});

/** PC-1 and its mail server on one switch that applies an access list somewhere. */
function labMatrixSpec() {
  return {
    name: "switch-acl",
    devices: [
      { name: "DSW1", kind: "switch" as const, unmodeled: [SWITCH_ACLS] },
      {
        name: "MAIL",
        kind: "server" as const,
        ip: "10.0.0.10",
        mask: "255.255.255.0",
        dns: "10.0.0.10",
        dnsServer: { on: true, records: { "mail.s.lab": "10.0.0.10" } },
        mailServer: { domain: "s.lab", users: { u: "u1" } },
      },
      {
        name: "PC-1",
        kind: "pc" as const,
        ip: "10.0.0.11",
        mask: "255.255.255.0",
        dns: "10.0.0.10",
        email: { mailId: "u@s.lab", user: "u", password: "u1", smtp: "mail.s.lab" },
      },
    ],
    links: [
      ["MAIL", "DSW1"],
      ["PC-1", "DSW1"],
    ] as [string, string][],
  };
}
