// The delivery matrix in the Qt QJSEngines PT embeds: src/model/matrix.ts
// bundled as the engine ships it (iife, ES2016), run in Qt 5.15 (PT 8.x) and
// Qt 6 (PT 9.x) on a snapshot built in Node, must give the very matrix Node
// gives. Timing is build/bench-matrix.mjs's, not a test's.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { matrixScript } from "../../build/bench-matrix.mjs";
import { checkEngineSource } from "../../build/engine-guard.mjs";
import { qjsHost } from "../../build/qjs-host.mjs";
import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import type { HostSpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { type DeliveryMatrix, defaultBehaviour, deliveryMatrix, type MailClient, type Snapshot } from "../../src/model";

/**
 * The classroom with one of each outcome: no A record for beta.org (the alpha
 * senders' relays to beta.org bounce), PC-Bob without a gateway (failed, 8),
 * PC-Erin's gateway unreadable (unknown), Laptop-Dave's password wrong (failed, 5).
 */
function given(): { snapshot: Snapshot; clients: MailClient[] } {
  const w = new World({ clock: new VirtualClock() });
  w.load(classroom());
  const snapshot = w.snapshot();
  const device = (name: string) => snapshot.devices.filter((d) => d.name === name)[0];
  const dns = device("DNS-SRV").dns as { aRecords: { name: string }[] };
  dns.aRecords = dns.aRecords.filter((r) => r.name !== "beta.org");
  device("PC-Bob").gateway = "";
  device("PC-Erin").gateway = null;
  const clients = (classroom().devices.filter((d) => "email" in d && d.email) as HostSpec[]).map((h) => ({
    device: h.name,
    mailId: h.email!.mailId,
    user: h.email!.user,
    password: h.name === "Laptop-Dave" ? "not-dave123" : h.email!.password,
    smtpServer: h.email!.smtp,
  }));
  return { snapshot, clients };
}

describe("the delivery matrix in Qt's QJSEngine", () => {
  const dir = mkdtempSync(join(tmpdir(), "qjs-matrix-"));
  const { snapshot, clients } = given();
  const behaviour = defaultBehaviour();
  const inNode: DeliveryMatrix = deliveryMatrix(snapshot, clients, behaviour);
  let bundle = "";

  beforeAll(async () => {
    bundle = await matrixScript();
    writeFileSync(join(dir, "matrix.js"), bundle);
    writeFileSync(
      join(dir, "run.js"),
      "__host.result(MailMatrix.deliveryMatrix(" +
        [snapshot, clients, behaviour].map((x) => JSON.stringify(x)).join(", ") +
        "));\n",
    );
  });

  it("the bundle is ES2016 with none of Qt 5.15's traps (the engine's guard)", () => {
    expect(() => checkEngineSource(bundle, "MailMatrix bundle")).not.toThrow();
  });

  it("in Node: 6 × 6 cells, one of each outcome, four causes", () => {
    const count = (p: string) => inNode.cells.filter((c) => c.predicted === p).length;
    expect([count("delivered"), count("bounced"), count("failed"), count("unknown")]).toEqual([12, 6, 12, 6]);
    expect(inNode.causes.map((g) => [g.pairs, g.rule])).toEqual([
      // Ties in the order first met, sender by sender: PC-Teacher → bob@beta.org is the first cell not delivered.
      [6, "relay-no-a-record"],
      [6, "wrong-password"],
      [6, "client-dns-unreachable"],
      [6, "client-dns-unreachable"],
    ]);
  });

  for (const flavour of ["qt5", "qt6"]) {
    it(`${flavour === "qt5" ? "Qt 5.15 (PT 8.x)" : "Qt 6 (PT 9.x)"} computes the same matrix as Node`, () => {
      const out = execFileSync(qjsHost(flavour), [join(dir, "matrix.js"), join(dir, "run.js")], {
        encoding: "utf8",
        timeout: 60000,
      });
      expect(out).toMatch(flavour === "qt5" ? /QT_VERSION 5\.15/ : /QT_VERSION 6\./);
      const line = out.split("\n").filter((l) => l.startsWith("RESULT "))[0];
      expect(line, out.slice(0, 2000)).toBeTruthy();
      expect(JSON.parse(line.slice(7))).toEqual(inNode);
    });
  }
});
