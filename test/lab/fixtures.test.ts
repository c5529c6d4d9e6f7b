// The project's lab files (test/fixtures/labs/, made by lab/make-fixtures.ts
// from lab/fixtures/): current, byte-exact, and round-tripping their topology.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLab, encodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { exportLab } from "../../lab/export/export-lab";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { importLab } from "../../lab/import/import-lab";
import { FIXTURE_DIR, fixtureBytes } from "../../lab/make-fixtures";
import { VirtualClock } from "../../sim/clock";
import type { TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";

/** What the simulator holds once a spec is loaded: compares topologies through the sim's own defaults. */
function digest(spec: TopologySpec): unknown {
  const world = new World({ clock: new VirtualClock() });
  world.load(spec);
  return {
    devices: world.devices.map((d) => ({
      name: d.name,
      kind: d.kind,
      power: d.power,
      gateway: d.gateway,
      dnsServer: d.dnsServer,
      dhcp: d.dhcp,
      ports: d.ports.map((p) => ({ ip: p.ip, mask: p.mask, up: p.up })),
      staticRoutes: d.staticRoutes,
      routedNetworks: d.routedNetworks,
      email: d.email && { ...d.email.user, inbox: d.email.inbox },
      mail: d.mail && {
        domain: d.mail.smtp.domain,
        smtp: d.mail.smtp.enabled,
        pop3: d.mail.pop3.enabled,
        users: d.mail.server.users,
        boxes: d.mail.server.mailboxes,
      },
      dns: d.dns && { on: d.dns.enabled, records: d.dns.records, cnames: d.dns.cnames },
    })),
    links: world.links.map((l) =>
      [l.a, l.b].map((e) => e.device.name + (e.device.kind === "switch" ? "" : ":" + e.port)).concat(String(l.up)),
    ),
  };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe("fixture labs", () => {
  const labs = fixtureLabs();

  it("include the classroom, at least one .pka, and the four small labs", () => {
    expect(labs.map((l) => l.file).sort()).toEqual([
      "classroom.pkt",
      "dns-cnames.pkt",
      "one-lan.pkt",
      "static-routes.pkt",
      "two-domains.pka",
    ]);
  });

  for (const lab of labs) {
    describe(lab.file, () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, lab.file)));
      const decoded = decodeLab(bytes, nodeZlib);

      it("is what lab/make-fixtures.ts makes today", () => {
        expect(same(fixtureBytes(exportLab(lab.spec, decoded.kind)), bytes)).toBe(true);
      });

      it("re-encodes byte for byte, from the decoded file and from its XML alone", () => {
        expect(same(encodeLab(decoded, nodeZlib), bytes)).toBe(true);
        expect(same(encodeLab({ xml: decoded.xml }, nodeZlib), bytes)).toBe(true);
      });

      it("decodes, imports, exports and encodes back to the same file", () => {
        const imported = importLab(decoded.xml, decoded.kind, lab.file);
        expect(imported.warnings).toEqual(decoded.kind === "pka" ? [expect.stringMatching(/^activity:/)] : []);
        expect(same(encodeLab({ xml: exportLab(imported.spec, decoded.kind) }, nodeZlib), bytes)).toBe(true);
      });

      it("imports to a topology the simulator holds as it holds the original", () => {
        const imported = importLab(decoded.xml, decoded.kind, lab.file);
        expect(digest(imported.spec)).toEqual(digest(lab.spec));
        if (lab.canonical) expect(imported.spec).toEqual({ ...lab.spec, name: lab.file });
      });
    });
  }
});
