// The three labs issue 20 found refused or misread, as the project's own
// fixtures (lab/fixtures/odd-labs.ts): an access point saved without a name, a
// Meraki server answering DNS, two A records for one name. Each opens, says
// what is odd in a warning, and the JSON reports what the file holds.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportLab } from "../../lab/export/export-lab";
import { oddLabs } from "../../lab/fixtures/odd-labs";
import { importLab } from "../../lab/import/import-lab";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { labMatrix } from "../../lab/summary";
import { runCli } from "./run-cli";

const json = (file: string) => {
  const r = runCli(["--json", join(FIXTURE_DIR, file)]);
  expect(r.status).toBe(0);
  return JSON.parse(r.out[0]);
};

/** Who mails whom, as "from → to: predicted". */
const verdicts = (lab: { matrix: { from: string; to: string; predicted: string }[] }) =>
  lab.matrix.map((c) => c.from + " → " + c.to + ": " + c.predicted);

const ALL_DELIVERED = [
  "ana@odd.lab → ana@odd.lab: delivered",
  "ana@odd.lab → leo@odd.lab: delivered",
  "leo@odd.lab → ana@odd.lab: delivered",
  "leo@odd.lab → leo@odd.lab: delivered",
];

describe("odd labs: one odd device is a warning, never a refused file", () => {
  it("an access point saved with an empty <NAME> is named by its place, kept as a switch, and carries Leo's mail", () => {
    const lab = json("unnamed-ap.pkt");
    expect(lab.ok).toBe(true);
    expect(lab.devices[2]).toEqual({ name: "(unnamed #3)", model: "AccessPoint-PT", power: true });
    expect(lab.warnings).toEqual([
      "(unnamed #3): device #3 (AccessPoint-PT) has an empty <NAME>; named by its place in the file",
      "(unnamed #3): an access point: kept as a layer-2 switch; wireless is not modeled",
    ]);
    // PC-Leo's only cable goes to the access point. Were its links dropped, Leo's mail would fail (no
    // link); kept, the path crosses it: delivered, or unknown naming it (wireless is not modeled).
    expect(verdicts(lab).slice(0, 2)).toEqual(ALL_DELIVERED.slice(0, 2));
    for (const c of lab.matrix.slice(2)) {
      expect(c.from).toBe("leo@odd.lab");
      expect(c.predicted === "delivered" || (c.predicted === "unknown" && c.cause.indexOf("(unnamed #3)") >= 0)).toBe(
        true,
      );
    }
  });

  it("a device without <NAME>, <TYPE> or <ENGINE> opens the file with a warning", () => {
    const xml = exportLab(oddLabs()[0].spec);
    const cases: [string, string, string][] = [
      [
        xml.replace('<NAME translate="true">PC-Ana</NAME>', ""),
        "(unnamed #5)",
        "device #5 (PC-PT) has no <NAME>; named by its place in the file",
      ],
      [xml.replace(/<TYPE model="PC-PT"[^>]*>Pc<\/TYPE>/, ""), "PC-Ana", "device #5 has no <TYPE>: not imported"],
    ];
    for (const [odd, name, warning] of cases) {
      const lab = importLab(odd, "pkt");
      expect(lab.devices.map((d) => d.name)).toContain(name);
      expect(lab.warnings.some((w) => w.indexOf(warning) >= 0)).toBe(true);
    }
    const noEngine = importLab(xml.replace(/<DEVICE>\s*<ENGINE>[\s\S]*?<\/ENGINE>/, "<DEVICE>"), "pkt");
    expect(noEngine.warnings).toContain("(unnamed #1): device #1 has no <ENGINE>: not imported");
    expect(noEngine.spec.devices.map((d) => d.name)).not.toContain("SW1");
  });

  it("a Meraki server is imported as a server: its DNS records answer the clients", () => {
    const lab = json("meraki-dns.pkt");
    expect(lab.devices[1]).toEqual({ name: "MERAKI", model: "Meraki-Server", power: true });
    expect(lab.dnsServers).toEqual([
      { device: "MERAKI", enabled: true, records: [{ type: "A", name: "mail.odd.lab", address: "192.168.5.10" }] },
    ]);
    expect(lab.warnings).toEqual(["MERAKI: a Meraki-Server: modeled as a Server-PT (inferred)"]);
    expect(verdicts(lab)).toEqual(ALL_DELIVERED);
  });

  it("two A records for one name: the JSON lists both, the warning says the model uses the first", () => {
    const lab = json("two-a-records.pkt");
    expect(lab.dnsServers).toEqual([
      {
        device: "DNS",
        enabled: true,
        records: [
          { type: "A", name: "mail.odd.lab", address: "192.168.5.10" },
          { type: "A", name: "mail.odd.lab", address: "192.168.5.99" },
        ],
      },
    ]);
    expect(lab.warnings).toEqual([
      "DNS: two DNS A records for mail.odd.lab (192.168.5.10, 192.168.5.99): the model uses the first, 192.168.5.10; which one PT answers with is not known (inferred)",
    ]);
    expect(verdicts(lab)).toEqual(ALL_DELIVERED);
  });

  it("two A records for one name: with the records the other way round, the first (nobody's) address is used", () => {
    const { spec } = oddLabs()[2];
    const dns = spec.devices.find((d) => d.name === "DNS");
    const swapped = {
      ...spec,
      devices: spec.devices.map((d) =>
        d === dns ? { ...d, dnsServer: { on: true, records: { "mail.odd.lab": "192.168.5.99" } } } : d,
      ),
    };
    const lab = importLab(
      exportLab(swapped, "pkt", { moreRecords: { DNS: [{ name: "mail.odd.lab", address: "192.168.5.10" }] } }),
      "pkt",
    );
    const cells = labMatrix(lab).matrix.cells;
    expect(cells.map((c) => c.predicted)).toEqual(["failed", "failed", "failed", "failed"]);
  });
});
