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
import { Warnings } from "../../lab/import/warnings";
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

  it("include the classroom, at least one .pka, the small labs, stored outcomes and the three odd labs", () => {
    expect(labs.map((l) => l.file).sort()).toEqual(
      [
        "classroom.pkt",
        "dns-cnames.pkt",
        "meraki-dns.pkt",
        "one-lan.pkt",
        "static-routes.pkt",
        "stored-outcomes.pkt",
        "two-a-records.pkt",
        "two-domains.pka",
        "unnamed-ap.pkt",
      ]
        .concat(["access-point.pkt", "acl-router.pkt", "etherchannel-campus.pkt"])
        .concat(["subnet-dns.pkt", "exit-routes.pkt"])
        .concat(["dhcp-none.pkt", "dhcp-relay.pkt", "dhcp-router.pkt", "dhcp-server.pkt"])
        .concat(["acl-smtp.pkt", "acl-dhcp.pkt"])
        .concat(["empty-module.pkt", "file-module.pka"])
        .concat(["vlan-stick.pkt", "vlan-l3switch.pkt", "campus.pkt"])
        .concat(["wireless-ap.pkt", "wireless-home.pkt"])
        .sort(),
    );
  });

  for (const lab of labs) {
    describe(lab.file, () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, lab.file)));
      const decoded = decodeLab(bytes, nodeZlib);

      it("is what lab/make-fixtures.ts makes today", () => {
        const xml = exportLab(lab.spec, decoded.kind, lab.odd);
        expect(same(fixtureBytes(lab.after ? lab.after(xml) : xml), bytes)).toBe(true);
      });

      it("re-encodes byte for byte, from the decoded file and from its XML alone", () => {
        expect(same(encodeLab(decoded, nodeZlib), bytes)).toBe(true);
        expect(same(encodeLab({ xml: decoded.xml }, nodeZlib), bytes)).toBe(true);
      });

      // An odd lab holds what a spec cannot (test/lab/odd-labs.test.ts says what the importer makes of it).
      if (lab.odd) return;

      it("decodes, imports, exports and encodes back to the same file", () => {
        const imported = importLab(decoded.xml, decoded.kind, lab.file);
        // Said, and nothing else: a router's or switch's features the model does not cover, DHCP clients' leases.
        const said = new Warnings();
        for (const d of lab.spec.devices)
          if (d.unmodeled?.length) said.add(d.name, "not modeled: " + d.unmodeled.join(", "));
        for (const d of lab.spec.devices as { name: string; dhcp?: boolean; ip?: string }[])
          if (d.dhcp && !d.ip)
            said.add(d.name, "takes its address by DHCP and the file holds none: its lease is inferred (sim/dhcp.ts)");
        expect(imported.warnings).toEqual(
          (decoded.kind === "pka" ? [expect.stringMatching(/^activity:/)] : []).concat(said.lines()),
        );
        const back = exportLab(imported.spec, decoded.kind);
        expect(same(encodeLab({ xml: lab.after ? lab.after(back) : back }, nodeZlib), bytes)).toBe(true);
      });

      it("imports to a topology the simulator holds as it holds the original", () => {
        const imported = importLab(decoded.xml, decoded.kind, lab.file);
        expect(digest(imported.spec)).toEqual(digest(lab.spec));
        if (lab.canonical) expect(imported.spec).toEqual({ ...lab.spec, name: lab.file });
      });
    });
  }
});
