// `npm run lab -- embed`: Mail Console as a lab's File Script Module. Given
// the project's fixtures (a lab PT-shaped with an empty module, an activity
// with a module of its own, the exporter's labs without one), when embedded,
// removed or refused, then the files and the module read back as expected.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../lab/codec/container";
import { decodeLab, encodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { FOREIGN_DATA_STORE, FOREIGN_IMAGE, FOREIGN_SCRIPTS } from "../../lab/fixtures/file-module-labs";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { FILE_MODULE_ID } from "../../src/module-kind";
import { runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "embed-"));
const EMPTY = join(FIXTURE_DIR, "empty-module.pkt");
const ACTIVITY = join(FIXTURE_DIR, "file-module.pka");
const built = {
  engine: readFileSync("dist/module/engine.js"),
  panel: readFileSync("dist/module/panel.html"),
  manifest: JSON.parse(readFileSync("dist/module/module.json", "utf8")),
};

const xmlOf = (path: string) => decodeLab(new Uint8Array(readFileSync(path)), nodeZlib).xml;
/** The text of the root's last SCRIPT_MODULE element (the file module, in every lab here). */
function moduleOf(xml: string): { start: number; end: number; text: string } {
  const start = xml.lastIndexOf("<SCRIPT_MODULE>");
  const end = xml.indexOf("</SCRIPT_MODULE>", start) + "</SCRIPT_MODULE>".length;
  return { start, end, text: xml.slice(start, end) };
}
/** CONTENT of the SCRIPT or INTERFACE with this ID, base64-decoded once. */
function contentOf(moduleText: string, id: string): Buffer {
  const m = new RegExp("<ID>" + id.replace(/\./g, "\\.") + "</ID>\\s*<CONTENT><!\\[CDATA\\[([^\\]]*)\\]\\]>").exec(
    moduleText,
  );
  if (!m) throw new Error("no " + id + " in the module");
  return Buffer.from(m[1], "base64");
}
function embed(args: string[]): { status: number; out: string[]; err: string[] } {
  return runCli(["embed", ...args]);
}
/** Every element path, once, in the order it first appears: the module's shape whatever the number of files. */
function outline(moduleText: string): string[] {
  const paths: string[] = [];
  const stack: string[] = [];
  for (const m of moduleText.matchAll(/<(\/?)([A-Z_]+)[^>]*?(\/?)>/g)) {
    if (m[1]) {
      stack.pop();
      continue;
    }
    const path = stack.concat(m[2]).join("/");
    if (paths.indexOf(path) < 0) paths.push(path);
    if (!m[3]) stack.push(m[2]);
  }
  return paths;
}

describe("embed", () => {
  it("puts engine.js and panel.html in byte for byte, and leaves every byte outside the module as it was", () => {
    const out = join(dir, "empty.pkt");
    const r = embed([EMPTY, "--out", out]);
    expect(r.err).toEqual([]);
    expect(r.status).toBe(0);
    const before = xmlOf(EMPTY),
      after = xmlOf(out);
    const a = moduleOf(before),
      b = moduleOf(after);
    expect(after.slice(0, b.start)).toBe(before.slice(0, a.start));
    expect(after.slice(b.end)).toBe(before.slice(a.end));
    expect(contentOf(b.text, "engine.js").equals(built.engine)).toBe(true);
    expect(contentOf(b.text, "panel.html").equals(built.panel)).toBe(true);
    expect(b.text).toContain("<ID>" + FILE_MODULE_ID + "</ID>");
    expect(b.text).toContain("<VERSION>" + built.manifest.version + "</VERSION>");
    expect(b.text).toContain("<LOADING>ON_STARTUP</LOADING>");
    // The README's five privileges, in PT's names.
    expect([...b.text.matchAll(/<PRIVILEGE>(\w+)<\/PRIVILEGE>/g)].map((m) => m[1])).toEqual([
      "IPC",
      "GET_NETWORK_INFO",
      "CHANGE_NETWORK_INFO",
      "CHANGE_GUI",
      "FILE",
    ]);
  });

  it("writes the module PT saves, element by element (held against the activity PT-shaped in file-module.pka)", () => {
    const out = join(dir, "shape.pkt");
    expect(embed([EMPTY, "--out", out]).status).toBe(0);
    const ours = outline(moduleOf(xmlOf(out)).text);
    const pts = outline(moduleOf(xmlOf(ACTIVITY)).text);
    // Ours holds PRIVILEGE children where the activity's SECURITY_SETTINGS is empty; it has data stores where ours has none.
    const privilege = "SCRIPT_MODULE/PT_APP_META/SECURITY_SETTINGS/PRIVILEGE";
    const dataStore = /^SCRIPT_MODULE\/SCRIPTS\/SCRIPT_DATA_STORES\//;
    expect(ours.filter((p) => p !== privilege)).toEqual(pts.filter((p) => !dataStore.test(p)));
    expect(ours).toContain(privilege);
    // 1 SCRIPT_MODULE, PT_APP_META and its 17, PASSWORD, OPEN_IF_DENIED, SCRIPTS with SCRIPT{ID, CONTENT} and
    // SCRIPT_DATA_STORES/DATA_STORE{ID, CONTENT}, INTERFACES/INTERFACE{ID, CONTENT}, NEW_DEVICE_CUSTOM_INTERFACES.
    expect(pts).toHaveLength(1 + 18 + 2 + 4 + 4 + 4 + 1);
    // With --replace, its data stores come along in PT's shape.
    const replaced = join(dir, "shape.pka");
    expect(embed([ACTIVITY, "--replace", "--out", replaced]).status).toBe(0);
    expect(outline(moduleOf(xmlOf(replaced)).text).filter((p) => p !== privilege)).toEqual(pts);
    // PT's own forms for empty values: <PASSWORD></PASSWORD>, <CONTACT/>.
    expect(moduleOf(xmlOf(out)).text).toMatch(
      /\n {2}<PASSWORD><\/PASSWORD>\n {2}<OPEN_IF_DENIED>false<\/OPEN_IF_DENIED>\n/,
    );
    expect(moduleOf(xmlOf(out)).text).toContain("\n   <CONTACT/>\n");
  });

  it("stores a script as base64 of its text, an image as base64 of its base64 (as the PT-shaped activity does)", () => {
    const theirs = moduleOf(xmlOf(ACTIVITY)).text;
    expect(contentOf(theirs, "Main.js").toString("utf8")).toBe(FOREIGN_SCRIPTS["Main.js"]);
    expect(contentOf(theirs, FOREIGN_IMAGE.id).toString("latin1")).toBe(FOREIGN_IMAGE.png);
    // The panel is text: one base64 layer, not two (script-module.ts TEXT_INTERFACE).
    expect(embed([EMPTY, "--out", join(dir, "html.pkt")]).status).toBe(0);
    const panel = contentOf(moduleOf(xmlOf(join(dir, "html.pkt"))).text, "panel.html").toString("utf8");
    expect(panel.startsWith("<!doctype html>") || panel.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("gives the same bytes when run twice, and again on its own output", () => {
    const one = join(dir, "one.pkt"),
      two = join(dir, "two.pkt"),
      again = join(dir, "again.pkt");
    expect(embed([EMPTY, "--out", one]).status).toBe(0);
    expect(embed([EMPTY, "--out", two]).status).toBe(0);
    const r = embed([one, "--out", again]);
    expect(r.out[0]).toContain("already carried Mail Console " + built.manifest.version);
    expect(readFileSync(one).equals(readFileSync(two))).toBe(true);
    expect(readFileSync(one).equals(readFileSync(again))).toBe(true);
  });

  it("--remove gives back the lab PT-shaped before, byte for byte", () => {
    const withIt = join(dir, "with.pkt"),
      without = join(dir, "without.pkt");
    expect(embed([EMPTY, "--out", withIt]).status).toBe(0);
    const r = embed([withIt, "--remove", "--out", without]);
    expect(r.status).toBe(0);
    expect(readFileSync(without).equals(readFileSync(EMPTY))).toBe(true);
    const none = embed([EMPTY, "--remove", "--out", join(dir, "none.pkt")]);
    expect([none.status, none.err]).toEqual([1, [EMPTY + ": the lab carries no Mail Console: nothing to remove"]]);
  });

  it("adds the module to a lab without one (the exporter's), before the root's end or PT's CODE_TESTING", () => {
    const lab = join(FIXTURE_DIR, "one-lan.pkt");
    const out = join(dir, "added.pkt");
    expect(embed([lab, "--out", out]).status).toBe(0);
    const before = xmlOf(lab),
      after = xmlOf(out);
    const b = moduleOf(after);
    expect(after.slice(0, b.start - 1) + after.slice(b.end + 1)).toBe(before);
    expect(after.slice(b.end)).toBe("\n</PACKETTRACER5>\n");
    const hand =
      "<PACKETTRACER5>\n <VERSION>7.3.1.0362</VERSION>\n <NETWORK/>\n <CODE_TESTING/>\n <CEPS/>\n</PACKETTRACER5>\n";
    const file = join(dir, "hand.pkt");
    writeFileSync(file, encodeLab({ xml: hand }, nodeZlib));
    expect(embed([file, "--out", join(dir, "hand2.pkt")]).status).toBe(0);
    const x = xmlOf(join(dir, "hand2.pkt"));
    expect(x.slice(moduleOf(x).end)).toBe("\n <CODE_TESTING/>\n <CEPS/>\n</PACKETTRACER5>\n");
    expect(x.slice(0, moduleOf(x).start)).toBe("<PACKETTRACER5>\n <VERSION>7.3.1.0362</VERSION>\n <NETWORK/>\n ");
  });

  it("refuses a lab whose activity has a module of its own, writing nothing, and names what it holds", () => {
    const out = join(dir, "refused.pka");
    const r = embed([ACTIVITY, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.err).toEqual([
      ACTIVITY +
        ": the lab has a file module of its own (scripts EventManager.js, Main.js; interfaces logo.png; " +
        "data stores PROFICIENCY_MODEL); --replace puts Mail Console instead",
    ]);
    expect(() => readFileSync(out)).toThrow();
  });

  it("--replace keeps the data stores, says what it dropped, and which of a .pka's modules it used", () => {
    const out = join(dir, "replaced.pka");
    const r = embed([ACTIVITY, "--replace", "--out", out]);
    expect(r.status).toBe(0);
    const text = r.out.join("\n");
    expect(text).toContain("dropped: script EventManager.js, script Main.js, interface logo.png");
    expect(text).toContain("kept its data stores: PROFICIENCY_MODEL");
    expect(text).toContain("the lab's pages show logo.png (file-sm:): they will be missing");
    expect(text).toContain("the activity's own file module");
    expect(text).toContain("the 3 networks (current, initial, answer) keep their own modules unchanged (empty)");
    const m = moduleOf(xmlOf(out)).text;
    expect(contentOf(m, FOREIGN_DATA_STORE.id).toString("utf8")).toBe(FOREIGN_DATA_STORE.text);
    expect(m).not.toContain("<ID>Main.js</ID>");
    // The networks' empty modules are before the activity's: unchanged.
    const before = xmlOf(ACTIVITY);
    expect(xmlOf(out).slice(0, moduleOf(xmlOf(out)).start)).toBe(before.slice(0, moduleOf(before).start));
    // And --remove then keeps them too.
    const back = join(dir, "back.pka");
    expect(embed([out, "--remove", "--out", back]).status).toBe(0);
    expect(contentOf(moduleOf(xmlOf(back)).text, FOREIGN_DATA_STORE.id).toString("utf8")).toBe(FOREIGN_DATA_STORE.text);
  });

  it("never drops a file added beside Mail Console: refused, or with --replace named; --remove refuses", () => {
    const withIt = join(dir, "plus.pkt");
    expect(embed([EMPTY, "--out", withIt]).status).toBe(0);
    const extra = "<SCRIPT>\n    <ID>extra.js</ID>\n    <CONTENT><![CDATA[Ly8gZXh0cmE=]]></CONTENT>\n   </SCRIPT>\n   ";
    const xml = xmlOf(withIt).replace("<SCRIPT_DATA_STORES/>", extra + "<SCRIPT_DATA_STORES/>");
    const plus = join(dir, "plus2.pkt");
    writeFileSync(plus, encodeLab({ xml }, nodeZlib));
    const refused = embed([plus, "--out", join(dir, "plus3.pkt")]);
    expect(refused.err).toEqual([
      plus +
        ": the lab has a file module of its own (Mail Console and script extra.js); --replace puts Mail Console instead",
    ]);
    const replaced = embed([plus, "--replace", "--out", join(dir, "plus3.pkt")]);
    expect(replaced.out).toContain(plus + ": dropped: script extra.js");
    expect(embed([plus, "--remove", "--out", join(dir, "plus4.pkt")]).err).toEqual([
      plus + ": the file module holds more than Mail Console (script extra.js): not removed",
    ]);
  });

  it("refuses a password-locked activity", () => {
    const locked = xmlOf(join(FIXTURE_DIR, "two-domains.pka")).replace(
      'PASS=""',
      'PASS="0A09D121326E9BC6BC11FE767C203988"',
    );
    const file = join(dir, "locked.pka");
    writeFileSync(file, encodeLab({ xml: locked }, nodeZlib));
    const r = embed([file, "--replace", "--out", join(dir, "locked2.pka")]);
    expect(r.status).toBe(1);
    expect(r.err[0]).toMatch(/password-locked \(ACTIVITY PASS is set\)/);
  });

  it("holds the 64 MB limit on the lab read, and refuses bad arguments and a missing build", () => {
    const big = join(dir, "big.pkt");
    writeFileSync(big, "");
    truncateSync(big, MAX_FILE_BYTES + 1);
    expect(embed([big]).err).toEqual([
      big + ": file is " + (MAX_FILE_BYTES + 1) + " bytes, above the 67108864-byte limit",
    ]);
    expect(embed([EMPTY, "--remove", "--replace"]).status).toBe(1);
    expect(embed([EMPTY, "--bogus"]).err[0]).toMatch(/^unknown option --bogus; usage/);
    expect(embed([EMPTY, "--module", dir, "--out", join(dir, "x.pkt")]).err).toEqual([
      EMPTY + ": no built module in " + dir + ": run `npm run build` first",
    ]);
  });

  it("--json reports each lab's file module, and Mail Console's version once embedded", () => {
    const out = join(dir, "json.pkt");
    expect(embed([EMPTY, "--out", out]).status).toBe(0);
    const r = runCli(["--json", EMPTY, ACTIVITY, out]);
    expect(r.out.map((l) => JSON.parse(l).scriptModule)).toEqual([
      { present: false, scripts: [], interfaces: [], mailConsole: null },
      { present: true, scripts: ["EventManager.js", "Main.js"], interfaces: ["logo.png"], mailConsole: null },
      { present: true, scripts: ["engine.js"], interfaces: ["panel.html"], mailConsole: built.manifest.version },
    ]);
  });
});
