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
import { exportLab } from "../../lab/export/export-lab";
import { LIMITS } from "../../lab/import/limits";
import { oneLan } from "../../sim/scenarios/classroom";
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

/** The classroom's lab with `inside` written at the start of the mail server's <EMAIL_SERVER>, or instead of what `at` finds. */
function classroom(edit: (xml: string) => string): string {
  return edit(exportLab(oneLan(), "pkt"));
}
const inMailServer = (what: string) => (xml: string) => xml.replace("<EMAIL_SERVER>", "<EMAIL_SERVER>" + what);

/** Reads a file through the CLI's --json within `ms`, and answers its one line. */
function timed(
  path: string,
  ms: number,
): { ok: boolean; error?: string; warnings?: string[]; devices?: { name: string }[]; mailServers?: unknown[] } {
  const started = Date.now();
  const r = runCli(["--json", path]);
  expect(Date.now() - started).toBeLessThan(ms);
  expect(r.out).toHaveLength(1);
  return JSON.parse(r.out[0]);
}

// Each case issue 27 found by mutating labs, made again here by code: it ends within a few seconds with one line.
describe("the hostile labs of issue 27", () => {
  it("case 1: processing instructions before text, read in linear time", () => {
    expect(timed(file("prolog.pkt", lab("<?p?>".repeat(40) + "x")), 2000).error).toBe(
      "decoded, but the payload is not XML",
    );
  });

  it("case 2: a mail server with more users than the limit: the first are read, with a warning", () => {
    let users = "";
    // The classroom's server has two users of its own, after these.
    for (let i = 0; i < LIMITS.usersPerServer; i++) users += `<USER${i}>u${i}</USER${i}><PASSWORD${i}>p</PASSWORD${i}>`;
    const r = timed(file("users.pkt", lab(classroom(inMailServer(users)))), 10000);
    expect(r.warnings).toContain("SRV-MAIL: the mail server has 100,002 users; the first 100,000 are read");
  });

  it("case 3: two million empty elements inside <EMAIL_SERVER> are skipped unbuilt, and its users are read", () => {
    const r = timed(file("empty.pkt", lab(classroom(inMailServer("<a/>".repeat(2_000_000))))), 10000);
    expect(r.ok).toBe(true);
    expect((r.warnings || []).filter((w) => /EMAIL_SERVER/.test(w))).toEqual([]);
    const plain = timed(file("plain.pkt", lab(classroom((x) => x))), 10000);
    expect(r.mailServers).toEqual(plain.mailServers);
  });

  it("elements a reader reads, past the limit of one element's children, are cut with a warning", () => {
    const users = Array.from(
      { length: 300_000 },
      (_, i) => `<USER${i + 9}>u${i}</USER${i + 9}><PASSWORD${i + 9}>p</PASSWORD${i + 9}>`,
    );
    const r = timed(file("many.pkt", lab(classroom(inMailServer(users.join(""))))), 10000);
    expect(r.ok).toBe(true);
    expect(r.warnings).toContain("SRV-MAIL: <EMAIL_SERVER> holds more than 500,000 elements; the rest are not read");
  });

  it("case 4: a device name of 5 MB is cut, and the JSON line stays small", () => {
    const r = timed(
      file("long-name.pkt", lab(classroom((x) => x.replace(">SRV-MAIL<", ">" + "x".repeat(5e6) + "<")))),
      10000,
    );
    expect(r.ok).toBe(true);
    expect(r.devices?.map((d) => d.name.length)).toEqual([3, 1000, 6, 6]);
    expect(r.warnings?.[0]).toBe("device #2's name is longer than 1,000 characters; the first 1,000 are kept");
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
  });

  it("case 5: a 1 MB element name in a malformed file gives a short line", () => {
    const name = "N".repeat(1_000_000);
    const error = timed(file("long-tag.pkt", lab(classroom(inMailServer("<" + name + ">")))), 5000).error;
    expect(error?.length).toBe(200);
    expect(error).toMatch(/^malformed XML at line \d+: expected <\/NNNN/);
  });

  it("elements nested past the depth limit are refused in one line, not a stack overflow", () => {
    const deep = "<M>".repeat(LIMITS.depth) + "</M>".repeat(LIMITS.depth);
    expect(timed(file("deep.pkt", lab(classroom(inMailServer(deep)))), 5000).error).toMatch(
      /^the XML nests elements more than 200,000 deep \(line \d+\)$/,
    );
  });

  it("more devices than the limit are refused; more links than the limit are cut with a warning", () => {
    const device = (i: number) =>
      `<DEVICE><ENGINE><TYPE model="PC-PT">Pc</TYPE><NAME>PC${i}</NAME><SAVE_REF_ID>r${i}</SAVE_REF_ID></ENGINE></DEVICE>`;
    const many = Array.from({ length: LIMITS.devices + 1 }, (_, i) => device(i)).join("");
    expect(timed(file("devices.pkt", lab(GOOD.replace("<DEVICES>", "<DEVICES>" + many))), 5000).error).toBe(
      "the lab has more than 10,000 devices, the most that is read",
    );
    const link =
      "<LINK><TYPE>eCopper</TYPE><CABLE><FROM>r0</FROM><PORT>a</PORT><TO>r1</TO><PORT>b</PORT></CABLE></LINK>";
    const two = device(0) + device(1);
    const links = GOOD.replace(/<DEVICE>.*<\/DEVICE>/, two).replace(
      "<LINKS/>",
      "<LINKS>" + link.repeat(LIMITS.links + 1) + "</LINKS>",
    );
    expect(timed(file("links.pkt", lab(links)), 5000).warnings).toContain(
      "the lab has 10,001 links; the first 10,000 are read",
    );
  });

  it("a router of 100,000 interfaces cabled 10,000 times: each cable's port found by name, not by a scan", () => {
    let lines = "";
    for (let i = 0; i < 100_000; i++)
      lines += `<LINE>interface Gi0/${i}</LINE><LINE> ip address 10.${i >> 8}.${i & 255}.1 255.255.255.0</LINE>`;
    const dev = (type: string, name: string, rest = "") =>
      `<DEVICE><ENGINE><TYPE model="m">${type}</TYPE><NAME>${name}</NAME><SAVE_REF_ID>${name}</SAVE_REF_ID>${rest}</ENGINE></DEVICE>`;
    let links = "";
    for (let i = 0; i < LIMITS.links; i++)
      links += `<LINK><TYPE>eCopper</TYPE><CABLE><FROM>R</FROM><PORT>Gi0/${i}</PORT><TO>S</TO><PORT>Fa0/${i}</PORT></CABLE></LINK>`;
    const xml = GOOD.replace(
      /<DEVICE>.*<\/DEVICE>/,
      dev("Router", "R", "<RUNNINGCONFIG>" + lines + "</RUNNINGCONFIG>") + dev("Switch", "S"),
    ).replace("<LINKS/>", "<LINKS>" + links + "</LINKS>");
    // Was 33 s at 240,000 interfaces: two scans of them per cable.
    expect(timed(file("router.pkt", lab(xml)), 5000).ok).toBe(true);
  });

  it("case 7: bytes after the compressed data are read past, with a warning", () => {
    const bytes = Buffer.from(GOOD);
    const stream = Buffer.concat([deflateSync(bytes), Buffer.from("trailing")]);
    const r = timed(file("trailing.pkt", withBytes(writeFrame(bytes.length, new Uint8Array(stream)))), 2000);
    expect(r.warnings?.[0]).toBe("8 bytes after the compressed XML are ignored");
  });
});
