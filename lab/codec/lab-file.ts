// A .pkt / .pka file as XML text and back. decode keeps the compressed
// payload, so encode(decode(f)) gives f back byte for byte even for files
// another zlib compressed (PT's Qt zlib and Node's differ in their output).
import { LabFileError, openContainer, readFrame, sealContainer, writeFrame } from "./container";
import type { AsyncZlib, Inflated, SyncZlib } from "./zlib";

export type LabKind = "pkt" | "pka";

export interface DecodedLab {
  xml: string;
  /** From the root element: PACKETTRACER5 (.pkt) or PACKETTRACER5_ACTIVITY (.pka) (FORMAT.md §7). */
  kind: LabKind;
  /** The qCompress frame the XML came from, reused by encode while `xml` is unchanged. */
  readonly original?: { xml: string; frame: Uint8Array };
  /** What the decoder read past: bytes after the compressed data (the importer's warnings join these). */
  warnings?: string[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Out = new TextEncoder();

/** The root element's name, skipping the XML declaration, comments and the DOCTYPE. */
export function rootElementName(xml: string): string | null {
  // A hand scan, linear in the prolog: the regular expression it replaces backtracked exponentially on
  // comments or processing instructions followed by text (issue 27: 37 bytes ran for over a minute).
  const head = xml.slice(0, 4096);
  let at = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < head.length && /\s/.test(head.charAt(at))) at++;
    const skip = head.startsWith("<?", at)
      ? "?>"
      : head.startsWith("<!--", at)
        ? "-->"
        : head.startsWith("<!DOCTYPE", at)
          ? ">"
          : "";
    if (!skip) break;
    const end = head.indexOf(skip, at + 2);
    if (end < 0) return null;
    at = end + skip.length;
  }
  const name = /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(at, at + 256));
  return name ? name[1] : null;
}

/** Whether a DOCTYPE opens `[` before its `>` (a scan: the pattern for it was quadratic, issue 27). */
function hasInternalSubset(head: string): boolean {
  const at = head.indexOf("<!DOCTYPE");
  const bracket = at < 0 ? -1 : head.indexOf("[", at);
  const gt = head.indexOf(">", at);
  return bracket >= 0 && (gt < 0 || bracket < gt);
}

export function labKind(xml: string): LabKind {
  const root = rootElementName(xml);
  // Said as such, not "not XML": PT writes no DOCTYPE, and an internal subset declares entities (issue 27).
  if (!root && hasInternalSubset(xml.slice(0, 4096)))
    throw new LabFileError("decoded, but it has a DOCTYPE with an internal subset, which is not accepted");
  if (root === "PACKETTRACER5") return "pkt";
  if (root === "PACKETTRACER5_ACTIVITY") return "pka";
  throw new LabFileError(
    root ? "decoded, but the XML root is <" + root + ">, not <PACKETTRACER5>" : "decoded, but the payload is not XML",
  );
}

function toText(bytes: Uint8Array, declared: number): string {
  if (bytes.length !== declared) {
    throw new LabFileError("the payload inflates to " + bytes.length + " bytes, not the " + declared + " it declares");
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new LabFileError("the XML is not valid UTF-8 text");
  }
}

function finish(xml: string, frame: Uint8Array, trailing = 0): DecodedLab {
  const lab: DecodedLab = { xml, kind: labKind(xml), original: { xml, frame } };
  if (trailing > 0) lab.warnings = [trailing + " bytes after the compressed XML are ignored"];
  return lab;
}

function inflateError(e: unknown): LabFileError {
  if (e instanceof LabFileError) return e; // said in words of its own (zlib-web.ts)
  const msg = e instanceof Error ? e.message : String(e);
  return new LabFileError("the compressed XML is damaged or too large (" + msg.split("\n")[0] + ")");
}

export function decodeLab(file: Uint8Array, zlib: SyncZlib): DecodedLab {
  const frame = openContainer(file);
  const { declaredLength, stream } = readFrame(frame);
  let bytes: Inflated;
  try {
    bytes = zlib.inflate(stream, declaredLength);
  } catch (e) {
    throw inflateError(e);
  }
  return finish(toText(bytes, declaredLength), frame, bytes.trailing);
}

export async function decodeLabAsync(file: Uint8Array, zlib: AsyncZlib): Promise<DecodedLab> {
  const frame = openContainer(file);
  const { declaredLength, stream } = readFrame(frame);
  let bytes: Inflated;
  try {
    bytes = await zlib.inflate(stream, declaredLength);
  } catch (e) {
    throw inflateError(e);
  }
  return finish(toText(bytes, declaredLength), frame, bytes.trailing);
}

function reusable(lab: DecodedLab): Uint8Array | null {
  return lab.original && lab.original.xml === lab.xml ? lab.original.frame : null;
}

export function encodeLab(lab: Pick<DecodedLab, "xml" | "original">, zlib: SyncZlib): Uint8Array {
  const frame = reusable(lab as DecodedLab);
  if (frame) return sealContainer(frame);
  const bytes = utf8Out.encode(lab.xml);
  return sealContainer(writeFrame(bytes.length, zlib.deflate(bytes)));
}

export async function encodeLabAsync(lab: Pick<DecodedLab, "xml" | "original">, zlib: AsyncZlib): Promise<Uint8Array> {
  const frame = reusable(lab as DecodedLab);
  if (frame) return sealContainer(frame);
  const bytes = utf8Out.encode(lab.xml);
  return sealContainer(writeFrame(bytes.length, await zlib.deflate(bytes)));
}
