// Names from a lab are data (issue 27, case 6): a mail user called __proto__,
// constructor or toString is an ordinary user all the way to the matrix, and
// many users cost linear time (case 2).
import { describe, expect, it } from "vitest";
import { LabFileError } from "../../lab/codec/container";
import { exportLab } from "../../lab/export/export-lab";
import { reason } from "../../lab/failure";
import { importLab } from "../../lab/import/import-lab";
import { labMatrix, summarize } from "../../lab/summary";
import { oneLan } from "../../sim/scenarios/classroom";
import type { HostSpec } from "../../sim/spec";

function withUsers(users: { [name: string]: string }) {
  const spec = oneLan();
  const srv = spec.devices.filter((d) => d.name === "SRV-MAIL")[0] as HostSpec;
  srv.mailServer = { domain: "school.lab", users };
  return importLab(exportLab(spec, "pkt"), "pkt", "names");
}

describe("names from a lab are data", () => {
  it("keeps users named like Object's own members, into the JSON and the matrix", () => {
    const users: { [name: string]: string } = Object.create(null);
    for (const n of ["ann", "__proto__", "constructor", "toString", "hasOwnProperty"]) users[n] = n + "1";
    const lab = withUsers(users);
    const summary = summarize("names.pkt", lab, labMatrix(lab));
    expect(summary.mailServers[0].users.map((u) => u.name)).toEqual([
      "ann",
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
    ]);
    expect(summary.warnings.filter((w) => /appears twice/.test(w))).toEqual([]);
    const roster = Array.from(new Set(summary.matrix.map((c) => c.to)));
    expect(roster).toEqual([
      "ann@school.lab",
      "__proto__@school.lab",
      "constructor@school.lab",
      "toString@school.lab",
      "hasOwnProperty@school.lab",
    ]);
  });

  it("reads 20,000 users with their passwords (the lookup was quadratic)", () => {
    const users: { [name: string]: string } = Object.create(null);
    for (let i = 0; i < 20000; i++) users["u" + i] = "p" + i;
    const lab = withUsers(users);
    const srv = lab.spec.devices.filter((d) => d.name === "SRV-MAIL")[0] as HostSpec;
    expect(Object.keys(srv.mailServer?.users || {}).length).toBe(20000);
    expect(srv.mailServer?.users.u19999).toBe("p19999");
  });
});

describe("deep and wide labs", () => {
  it("reads a port under 100,000 nested modules without running out of stack", () => {
    const xml = exportLab(oneLan(), "pkt");
    // A host's port: the importer walks hosts' module trees for their addresses.
    const at = xml.indexOf("<PORT>", xml.indexOf(">SRV-MAIL</NAME>"));
    const end = xml.indexOf("</PORT>", at) + "</PORT>".length;
    const deep =
      xml.slice(0, at) + "<MODULE>".repeat(100000) + xml.slice(at, end) + "</MODULE>".repeat(100000) + xml.slice(end);
    const lab = importLab(deep, "pkt", "deep");
    const flat = importLab(xml, "pkt", "flat");
    expect(lab.devices.map((d) => d.name)).toEqual(flat.devices.map((d) => d.name));
    const srv = (l: typeof lab) => l.spec.devices.filter((d) => d.name === "SRV-MAIL")[0] as HostSpec;
    expect(srv(lab).ip).toBe("192.168.1.10");
    expect(lab.spec.links).toEqual(flat.spec.links);
  });
});

describe("one short line per failure", () => {
  it("cuts a refusal to 200 characters and marks this program's own faults as internal errors", () => {
    const long = reason(new LabFileError("device " + "x".repeat(1000000) + " has no <TYPE>"));
    expect(long.length).toBe(200);
    expect(long.startsWith("device xxx")).toBe(true);
    expect(reason(new RangeError("Maximum call stack size exceeded"))).toBe(
      "internal error, please report it with this file (Maximum call stack size exceeded)",
    );
  });
});
