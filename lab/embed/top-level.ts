// Where the children of an element sit in the lab's XML text, by offset, so
// that one element can be replaced and every other byte kept. A scan of tags
// only (comments, CDATA, declarations skipped); lab/import/xml.ts checks
// well-formedness, this does not build anything.
import { LabFileError } from "../codec/container";

export interface Span {
  name: string;
  /** Offset of its `<`. */
  start: number;
  /** Offset just after its closing `>`. */
  end: number;
  /** The children's spans, when asked for (depth > 1). */
  children?: Span[];
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/y;

/** Skips what is not a tag from `at` (a `<`): answers where the scan goes on, or -1 when it is a tag. */
function skipNonTag(xml: string, at: number): number {
  const skip = (open: string, close: string) => {
    if (!xml.startsWith(open, at)) return -1;
    const end = xml.indexOf(close, at + open.length);
    if (end < 0) throw new LabFileError("the XML has an unterminated " + open);
    return end + close.length;
  };
  for (const [open, close] of [
    ["<![CDATA[", "]]>"],
    ["<!--", "-->"],
    ["<?", "?>"],
    ["<!", ">"],
  ]) {
    const next = skip(open, close);
    if (next >= 0) return next;
  }
  return -1;
}

/**
 * The root element and its descendants down to `depth` levels (1: the root's
 * children), each with its offsets. Throws LabFileError on unbalanced tags.
 */
export function scanElements(xml: string, depth = 1): Span {
  const stack: Span[] = [];
  let root: Span | null = null;
  let at = xml.indexOf("<");
  while (at >= 0) {
    const next = skipNonTag(xml, at);
    if (next >= 0) {
      at = xml.indexOf("<", next);
      continue;
    }
    TAG.lastIndex = at;
    const m = TAG.exec(xml);
    if (!m) throw new LabFileError("the XML has a malformed tag at offset " + at);
    const end = TAG.lastIndex;
    const closing = m[1] === "/",
      selfClosing = m[4] === "/";
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== m[2]) throw new LabFileError("the XML has an unbalanced </" + m[2] + ">");
      open.end = end;
    } else {
      const span: Span = { name: m[2], start: at, end };
      const parent = stack[stack.length - 1];
      if (!parent) {
        if (root) throw new LabFileError("the XML has more than one root element");
        root = span;
      } else if (stack.length <= depth) {
        if (!parent.children) parent.children = [];
        parent.children.push(span);
      }
      if (!selfClosing) stack.push(span);
    }
    at = xml.indexOf("<", end);
  }
  if (!root || stack.length) throw new LabFileError("the XML ends before its root element closes");
  return root;
}

/** The indentation PT wrote before the element at `start` (one space per level), or "" when it shares a line. */
export function indentBefore(xml: string, start: number): string {
  const line = xml.lastIndexOf("\n", start - 1) + 1;
  const pad = xml.slice(line, start);
  return /^[ \t]*$/.test(pad) ? pad : "";
}

/**
 * The root's child `name`, found from the end: PT writes the file module as one
 * of the root's last children, so only the text after the last `<name>` is
 * scanned (a 25 MB .pka costs microseconds, not the full scan's ~0.3 s). Falls
 * back to the full scan when that text does not close exactly the root.
 */
export function rootChild(xml: string, name: string): Span | null {
  const start = xml.lastIndexOf("<" + name + ">");
  const close = "</" + name + ">";
  const endTag = start < 0 ? -1 : xml.indexOf(close, start);
  if (endTag >= 0 && closesRootOnly(xml, endTag + close.length)) return { name, start, end: endTag + close.length };
  return (scanElements(xml, 1).children || []).filter((c) => c.name === name)[0] || null;
}

/** Whether the tags from `at` on close one element more than they open, with nothing after that. */
function closesRootOnly(xml: string, at: number): boolean {
  let depth = 0;
  let i = xml.indexOf("<", at);
  while (i >= 0) {
    const next = skipNonTag(xml, i);
    if (next >= 0) {
      i = xml.indexOf("<", next);
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(xml);
    if (!m) return false;
    if (m[1] === "/") depth--;
    else if (m[4] !== "/") depth++;
    if (depth < 0) return /^\s*$/.test(xml.slice(TAG.lastIndex));
    i = xml.indexOf("<", TAG.lastIndex);
  }
  return false;
}
