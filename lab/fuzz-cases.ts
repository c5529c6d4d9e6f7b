// Damaged labs made from good ones, for the fuzz test (test/lab/fuzz.test.ts)
// and `npm run fuzz` (lab/fuzz.ts), as issue 27 made its 3,765: elements
// deleted, duplicated, swapped, emptied or nested deep, text replaced by what
// broke a reader before, the XML truncated or given bad bytes, then wrapped
// back into a container by the project's own encoder (so the importer is
// reached, not only the codec), sometimes with the container itself damaged.
import fc from "fast-check";
import { sealContainer, writeFrame } from "./codec/container";
import { nodeZlib } from "./codec/zlib-node";

export interface Seed {
  name: string;
  xml: string;
}

/** Text that broke, or could break, a reader (issue 27's findings and XML's corners). */
const HOSTILE = [
  "<!-- a comment -->",
  "<![CDATA[<x>&amp;]]>",
  "<?pi data?>",
  '<!DOCTYPE x [<!ENTITY e "boom">]>',
  "&e;",
  "&#xD800;",
  "&#0;",
  "&nope;",
  "__proto__",
  "constructor",
  "toString",
  "999.999.999.999",
  "10.0.0.1/33",
  "-1",
  "1e400",
  "0.0.0.0",
  "\u0000\u0001",
  "<",
  "]]>",
  "x".repeat(70_000),
  "<MODULE>".repeat(2000) + "</MODULE>".repeat(2000),
  "<USER0>__proto__</USER0><PASSWORD0>p</PASSWORD0>",
  "<a/>".repeat(20_000),
  "<FROM>nowhere</FROM>",
];

const BAD_BYTES = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x00]];

export type Edit =
  | { kind: "truncate"; at: number }
  | { kind: "delete" | "duplicate" | "empty" | "nest"; element: number }
  | { kind: "swap"; element: number; other: number }
  | { kind: "text"; element: number; text: number }
  | { kind: "insert"; at: number; text: number };

export type Wrap =
  | { kind: "valid" }
  | { kind: "bad bytes"; at: number; bytes: number }
  | { kind: "trailing"; bytes: number }
  | { kind: "declared"; delta: number }
  | { kind: "flip"; at: number };

export interface FuzzCase {
  seed: number;
  edits: Edit[];
  wrap: Wrap;
}

const at = fc.nat({ max: 1 << 30 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at }),
  fc.record({ kind: fc.constantFrom("delete" as const, "duplicate" as const, "empty" as const), element: at }),
  fc.record({ kind: fc.constant("nest" as const), element: at }),
  fc.record({ kind: fc.constant("swap" as const), element: at, other: at }),
  fc.record({ kind: fc.constant("text" as const), element: at, text: fc.nat({ max: HOSTILE.length - 1 }) }),
  fc.record({ kind: fc.constant("insert" as const), at, text: fc.nat({ max: HOSTILE.length - 1 }) }),
);
const wrap: fc.Arbitrary<Wrap> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: "valid" as const }) },
  fc.record({ kind: fc.constant("bad bytes" as const), at, bytes: fc.nat({ max: BAD_BYTES.length - 1 }) }),
  fc.record({ kind: fc.constant("trailing" as const), bytes: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("declared" as const), delta: fc.constantFrom(-1, 1, -(1 << 20)) }),
  fc.record({ kind: fc.constant("flip" as const), at }),
);

export function fuzzCases(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  return fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
    wrap,
  });
}

/** Offsets of the elements' start tags. */
function starts(xml: string): number[] {
  const out: number[] = [];
  for (let i = xml.indexOf("<"); i >= 0; i = xml.indexOf("<", i + 1))
    if (/[A-Za-z_]/.test(xml[i + 1] || "")) out.push(i);
  return out;
}

/** The element starting at `start`: [start, end) and its name, its end found by counting its name's tags. */
function elementAt(xml: string, start: number): { end: number; name: string; inner: number } {
  let i = start + 1;
  while (i < xml.length && !/[\s/>]/.test(xml[i])) i++;
  const name = xml.slice(start + 1, i);
  const gt = xml.indexOf(">", i);
  if (gt < 0) return { end: xml.length, name, inner: xml.length };
  if (xml[gt - 1] === "/") return { end: gt + 1, name, inner: gt + 1 };
  let depth = 1,
    j = gt + 1;
  while (depth > 0) {
    const close = xml.indexOf("</" + name + ">", j);
    if (close < 0) return { end: xml.length, name, inner: gt + 1 };
    let open = xml.indexOf("<" + name, j);
    while (open >= 0 && open < close && !/[\s/>]/.test(xml[open + 1 + name.length] || ""))
      open = xml.indexOf("<" + name, open + 1);
    if (open >= 0 && open < close) {
      depth++;
      j = open + 1;
    } else {
      depth--;
      j = close + name.length + 3;
    }
  }
  return { end: j, name, inner: gt + 1 };
}

function applyEdit(xml: string, e: Edit): string {
  if (e.kind === "truncate") return xml.slice(0, e.at % (xml.length + 1));
  if (e.kind === "insert") {
    const i = e.at % (xml.length + 1);
    return xml.slice(0, i) + HOSTILE[e.text] + xml.slice(i);
  }
  const all = starts(xml);
  if (!all.length) return xml;
  const s = all[e.element % all.length];
  const el = elementAt(xml, s);
  const whole = xml.slice(s, el.end);
  switch (e.kind) {
    case "delete":
      return xml.slice(0, s) + xml.slice(el.end);
    case "duplicate":
      return xml.slice(0, el.end) + whole + xml.slice(el.end);
    case "empty":
      return xml.slice(0, s) + "<" + el.name + "/>" + xml.slice(el.end);
    case "nest":
      return xml.slice(0, s) + "<MODULE>".repeat(500) + whole + "</MODULE>".repeat(500) + xml.slice(el.end);
    case "text":
      return (
        xml.slice(0, el.inner) + HOSTILE[e.text] + (el.inner < el.end ? "</" + el.name + ">" : "") + xml.slice(el.end)
      );
    case "swap": {
      const o = all[e.other % all.length];
      const other = elementAt(xml, o);
      if (o >= s && o < el.end) return xml; // nested in the first: no swap
      if (s >= o && s < other.end) return xml;
      const [a, b] =
        s < o
          ? [
              { s, e: el.end },
              { s: o, e: other.end },
            ]
          : [
              { s: o, e: other.end },
              { s, e: el.end },
            ];
      return xml.slice(0, a.s) + xml.slice(b.s, b.e) + xml.slice(a.e, b.s) + xml.slice(a.s, a.e) + xml.slice(b.e);
    }
  }
}

/** The damaged file's bytes, and what was done, in words. */
export function buildCase(seeds: Seed[], c: FuzzCase): { bytes: Uint8Array; what: string } {
  const seed = seeds[c.seed % seeds.length];
  let xml = seed.xml;
  for (const e of c.edits) xml = applyEdit(xml, e);
  let bytes = new TextEncoder().encode(xml);
  const w = c.wrap;
  if (w.kind === "bad bytes") {
    const i = w.at % (bytes.length + 1);
    bytes = new Uint8Array([...bytes.subarray(0, i), ...BAD_BYTES[w.bytes], ...bytes.subarray(i)]);
  }
  let stream = nodeZlib.deflate(bytes);
  if (w.kind === "trailing") stream = new Uint8Array([...stream, ...new Uint8Array(w.bytes).fill(0x5a)]);
  const declared = Math.max(0, bytes.length + (w.kind === "declared" ? w.delta : 0));
  const file = sealContainer(writeFrame(declared, stream));
  if (w.kind === "flip") file[w.at % file.length] ^= 0x40;
  const edits = c.edits.map((e) => JSON.stringify(e)).join(", ");
  return { bytes: file, what: seed.name + ": " + edits + "; " + JSON.stringify(w) };
}

/** Why a --json line breaks issue 27's rule (one line, ok or a short refusal, never an internal error), or "". */
export function badLine(lines: string[], file: string): string {
  if (lines.length !== 1) return lines.length + " lines, not 1";
  let r: { file?: string; ok?: boolean; error?: unknown };
  try {
    r = JSON.parse(lines[0]);
  } catch {
    return "not JSON: " + lines[0].slice(0, 100);
  }
  if (r.file !== file || typeof r.ok !== "boolean") return "no file or ok: " + lines[0].slice(0, 100);
  if (r.ok) return "";
  const error = String(r.error);
  if (error.length > 200 || error.indexOf("\n") >= 0) return "an error longer than one short line";
  if (/^internal error/.test(error)) return error;
  return "";
}
