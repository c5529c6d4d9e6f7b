// Files that are not usable labs: each gives one line naming the file and the
// reason (text mode on stderr, --json as {ok:false}), exit status 1, no throw.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, MAX_XML_BYTES, sealContainer, writeFrame } from "../../lab/codec/container";
import { decodeLab, encodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "lab-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD =
  "<PACKETTRACER5>\n <VERSION>9.0.1.0858</VERSION>\n <NETWORK>\n  <DEVICES>\n" +
  '   <DEVICE><ENGINE><TYPE model="PC-PT">Pc</TYPE><NAME>PC0</NAME><SAVE_REF_ID>save-ref-id:1</SAVE_REF_ID></ENGINE></DEVICE>\n' +
  "  </DEVICES>\n  <LINKS/>\n </NETWORK>\n</PACKETTRACER5>\n";

function lab(xml: string): Uint8Array {
  return encodeLab({ xml }, nodeZlib);
}

function withBytes(bytes: Uint8Array): Uint8Array {
  return sealContainer(bytes);
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The one error line for a file, checked in both output modes. */
function failure(path: string): string {
  const text = runCli([path]);
  expect(text.status).toBe(1);
  expect(text.out).toEqual([]);
  expect(text.err).toHaveLength(1);
  expect(text.err[0].startsWith(path + ": ")).toBe(true);
  const json = runCli(["--json", path]);
  expect(json.status).toBe(1);
  expect(json.out).toHaveLength(1);
  const parsed = JSON.parse(json.out[0]);
  expect(parsed).toEqual({ file: path, ok: false, error: text.err[0].slice(path.length + 2) });
  return parsed.error;
}

describe("bad input", () => {
  it("the well-formed control opens", () => {
    expect(runCli([file("good.pkt", lab(GOOD))]).status).toBe(0);
  });

  it("an empty file", () => {
    expect(failure(file("empty.pkt", ""))).toBe("empty file");
  });

  it("a PNG, a ZIP and a random .pts-like blob", () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    expect(failure(file("image.pkt", png))).toMatch(/PNG image/);
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(200, 1)]);
    expect(failure(file("archive.pka", zip))).toMatch(/ZIP archive/);
    const blob = Buffer.alloc(4096);
    for (let i = 0, seed = 12345; i < blob.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      blob[i] = seed & 0xff;
    }
    expect(failure(file("module.pts", blob))).toMatch(/authentication tag does not match/);
  });

  it("a truncated file and a file with one byte flipped", () => {
    const good = lab(GOOD);
    expect(failure(file("truncated.pkt", good.subarray(0, good.length - 40)))).toMatch(/tag does not match/);
    const flipped = good.slice();
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    expect(failure(file("flipped.pkt", flipped))).toMatch(/tag does not match/);
  });

  it("a file above the size limit, refused before it is read", () => {
    const path = file("huge.pkt", "");
    truncateSync(path, MAX_FILE_BYTES + 1); // sparse: no disk used
    expect(failure(path)).toMatch(/above the 67108864-byte limit/);
    expect(() => decodeLab(new Uint8Array(MAX_FILE_BYTES + 1), nodeZlib)).toThrow(/above the/);
  });

  it("a declared XML length above the limit, refused before inflating", () => {
    const stream = new Uint8Array(deflateSync(Buffer.from(GOOD)));
    expect(failure(file("declares-too-much.pkt", withBytes(writeFrame(MAX_XML_BYTES + 1, stream))))).toMatch(
      /declares 268435457 bytes/,
    );
  });

  it("a zlib bomb whose stream inflates past what it declares", () => {
    const bomb = new Uint8Array(deflateSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = Date.now();
    expect(failure(file("bomb.pkt", withBytes(writeFrame(1000, bomb))))).toMatch(/damaged or too large/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a payload that is not zlib, and one that inflates short of what it declares", () => {
    expect(failure(file("not-zlib.pkt", withBytes(new Uint8Array([0, 0, 0, 9, 1, 2, 3, 4, 5, 6]))))).toMatch(
      /not a zlib stream/,
    );
    const stream = new Uint8Array(deflateSync(Buffer.from(GOOD)));
    expect(failure(file("short.pkt", withBytes(writeFrame(GOOD.length + 5, stream))))).toMatch(
      /inflates to \d+ bytes, not the \d+/,
    );
  });

  it("malformed XML", () => {
    expect(failure(file("malformed.pkt", lab("<PACKETTRACER5>\n <NETWORK>\n <DEVICES>\n</PACKETTRACER5>\n")))).toBe(
      "malformed XML at line 4: expected </DEVICES>, found </PACKETTRACER5>",
    );
    expect(failure(file("cut.pkt", lab(GOOD.slice(0, GOOD.indexOf("PC0")))))).toBe(
      "malformed XML at line 5: <NAME> is never closed (truncated?)",
    );
    expect(failure(file("cut-tag.pkt", lab(GOOD.slice(0, GOOD.indexOf("<LINKS") + 4))))).toBe(
      "malformed XML at line 7: the text ends inside <LIN (truncated?)",
    );
  });

  it("XML with missing or unexpected elements", () => {
    expect(failure(file("html.pkt", lab("<html><body/></html>")))).toMatch(/root is <html>, not <PACKETTRACER5>/);
    expect(failure(file("no-network.pkt", lab("<PACKETTRACER5><VERSION>9</VERSION></PACKETTRACER5>")))).toBe(
      "no <NETWORK> element",
    );
    expect(failure(file("stray.pkt", lab(GOOD.replace("<DEVICE>", "<GADGET/><DEVICE>"))))).toBe(
      "unexpected <GADGET> in <DEVICES>, expected <DEVICE>",
    );
    expect(
      failure(file("empty-activity.pka", lab("<PACKETTRACER5_ACTIVITY><VERSION>9</VERSION></PACKETTRACER5_ACTIVITY>"))),
    ).toMatch(/no <PACKETTRACER5> network/);
  });

  it("duplicate device names", () => {
    const twice = GOOD.replace(/( {3}<DEVICE>.*<\/DEVICE>\n)/, "$1$1");
    expect(failure(file("twins.pkt", lab(twice)))).toBe('two devices are named "PC0"');
  });

  it("text that is not UTF-8", () => {
    const latin1 = Buffer.from(GOOD.replace("PC0", "PC\u00e9"), "latin1");
    const stream = new Uint8Array(deflateSync(latin1));
    expect(failure(file("latin1.pkt", withBytes(writeFrame(latin1.length, stream))))).toBe(
      "the XML is not valid UTF-8 text",
    );
  });

  it("several files: the good ones are reported, each bad one on its own line, status 1", () => {
    const good = file("good2.pkt", lab(GOOD)),
      empty = file("empty2.pkt", "");
    const r = runCli(["--json", good, join(dir, "missing.pkt"), empty]);
    expect(r.status).toBe(1);
    expect(r.out.map((l) => JSON.parse(l).ok)).toEqual([true, false, false]);
    expect(JSON.parse(r.out[1]).error).toBe("no such file");
  });
});
