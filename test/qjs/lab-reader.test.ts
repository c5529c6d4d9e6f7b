// The lab reader (src/lab-reader.ts) in the Qt QJSEngines PT embeds: Qt 5.15
// (PT 8.x) and Qt 6 (PT 9.x). The reader is bundled here as the engine will
// ship it (ES2016 IIFE, checked by the build guard) with decideFate alongside,
// and runs against the built simulator (dist/sim/pt-sim.js).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { checkEngineSource } from "../../build/engine-guard.mjs";
import { qjsHost } from "../../build/qjs-host.mjs";
import { aclLabs } from "../../lab/fixtures/acl-labs";
import { vlanLabs } from "../../lab/fixtures/vlan-labs";
import { VirtualClock } from "../../sim/clock";
import { classroom } from "../../sim/scenarios/classroom";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { decideFate, defaultBehaviour, type MailFacts } from "../../src/model";

const root = resolve(__dirname, "../..");

/** src/lab-reader.ts with what a script needs beside it, as one ES2016 script defining LabReader. */
async function readerBundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: {
      contents: [
        'export { readSnapshot } from "./src/lab-reader"; export { LabSnapshot, SNAPSHOT_MAX_AGE_MS } from "./src/lab-snapshot";',
        'export { Subscriptions } from "./src/subscriptions";',
        'export { decideFate, defaultBehaviour } from "./src/model";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    globalName: "LabReader",
    target: "es2016",
    platform: "neutral",
    write: false,
    charset: "ascii",
  });
  const code = result.outputFiles[0].text;
  checkEngineSource(code, "lab-reader bundle");
  const file = join(mkdtempSync(join(tmpdir(), "qjs-lab-")), "lab-reader.js");
  writeFileSync(file, code);
  return file;
}

function run(bin: string, bundle: string): { code: number; out: string; result: any } {
  let out = "";
  let code = 0;
  try {
    out = execFileSync(bin, ["dist/sim/pt-sim.js", bundle, specsFile, "test/qjs/scripts/lab-reader.js"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120000,
    });
  } catch (e: any) {
    out = String(e.stdout || "") + String(e.stderr || "");
    code = e.status ?? -1;
  }
  const line = out.split("\n").filter((l) => l.startsWith("RESULT "))[0];
  return { code, out, result: line ? JSON.parse(line.slice(7)) : null };
}

/**
 * Labs whose VLANs, sub-interfaces, SVIs and access lists come from the running configuration: the reader parses
 * it in Qt too.
 */
const VLAN_SPECS = vlanLabs().concat(aclLabs());

/** The same worlds read in Node: what the Qt engines must agree with. */
function expected() {
  const world = new World({ clock: new VirtualClock() });
  world.load(classroom());
  const broken = new World({ clock: new VirtualClock() });
  broken.load(classroom());
  for (const d of broken.devices)
    d.getProcess = (() => {
      throw new Error("IPC Call ERROR");
    }) as typeof d.getProcess;
  const vlans = VLAN_SPECS.map((spec) => {
    const w = new World({ clock: new VirtualClock() });
    w.load(spec);
    return readSnapshot(w.host());
  });
  return { classroom: readSnapshot(world.host()), broken: readSnapshot(broken.host()), vlans };
}

let bundle = "";
let specsFile = "";
beforeAll(async () => {
  bundle = await readerBundle();
  specsFile = join(mkdtempSync(join(tmpdir(), "qjs-specs-")), "specs.js");
  writeFileSync(specsFile, "var VLAN_SPECS = " + JSON.stringify(VLAN_SPECS) + ";\n");
});

for (const flavour of ["qt5", "qt6"]) {
  describe(`the lab reader in ${flavour === "qt5" ? "Qt 5.15 (PT 8.x)" : "Qt 6 (PT 9.x)"} QJSEngine`, () => {
    // The bench figures are printed, not asserted: this machine's load is not PT's (npm run bench keeps targets).
    it("reads the classroom as Node does, survives throwing processes, caches, and says what it costs", () => {
      const r = run(qjsHost(flavour), bundle);
      expect(r.code, r.out.slice(0, 3000)).toBe(0);
      const x = r.result;
      const want = expected();
      expect(x.classroom).toEqual(want.classroom);
      expect(x.vlans).toEqual(want.vlans);
      expect(JSON.stringify(x.vlans)).toContain('"layer3":true');
      expect(JSON.stringify(x.vlans)).toContain('"aclOut":"TO_SERVERS"');
      expect(x.broken).toEqual(want.broken);
      const alice = x.broken.devices.find((d: { name: string }) => d.name === "PC-Alice");
      const mail = x.broken.devices.find((d: { name: string }) => d.name === "MAIL-ALPHA");
      expect([alice.gateway, alice.dnsServer, alice.arp, mail.mail, mail.dns]).toEqual([null, null, null, null, null]);
      expect(x.cache).toMatchObject({ second: 0, linkUp: false, handlersLeft: 0, errors: [] });
      expect(x.cache.first).toBeGreaterThan(0);
      expect(x.cache.afterEvent).toBeGreaterThan(0);
      expect(x.cache.handlers).toBeGreaterThan(12);
      const node = x.predict.mails.map((m: MailFacts) =>
        decideFate(want.classroom, m, defaultBehaviour()).codes.join(","),
      );
      expect(x.predict.fates).toEqual(node);
      console.log(
        `lab reader bench, ${flavour}: classroom (${x.bench.classroom.devices} devices) ${x.bench.classroom.calls} IPC calls, ` +
          `${x.bench.classroom.ms.toFixed(2)} ms per read; ${x.bench.large.devices}-device lab ${x.bench.large.calls} calls, ` +
          `${x.bench.large.ms.toFixed(2)} ms per read; predictMs ${x.predict.ms.toFixed(3)} ms per mail`,
      );
    });
  });
}
