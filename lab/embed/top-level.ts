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

interface Tag {
  closing: boolean;
  name: string;
  selfClosing: boolean;
  /** Offset just after its `>`. */
  end: number;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 58) || c === 45 || c === 46;

/**
 * The tag at `at` (a `<`), or null when it is malformed. A scan, not a pattern: the one it
 * replaces backtracked quadratically on a long tag that never closes (issue 27).
 */
function readTag(xml: string, at: number): Tag | null {
  let i = at + 1;
  const closing = xml.charCodeAt(i) === 47; /* / */
  if (closing) i++;
  const start = i;
  if (!isNameStart(xml.charCodeAt(i))) return null;
  do i++;
  while (isNameChar(xml.charCodeAt(i)));
  const name = xml.slice(start, i);
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return { closing, name, selfClosing: xml.charCodeAt(i - 1) === 47, end: i + 1 };
    if (c === 34 /* " */ || c === 39 /* ' */) {
      i = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (i < 0) return null;
    }
  }
  return null;
}

/** Skips what is not a tag from `at` (a `<`): answers where the scan goes on, or -1 when it is a tag. */
function skipNonTag(xml: string, at: number): number {
  const c = xml.charCodeAt(at + 1);
  if (c !== 33 /* ! */ && c !== 63 /* ? */) return -1; // most are tags: answered without a string compared
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
    const tag = readTag(xml, at);
    if (!tag) throw new LabFileError("the XML has a malformed tag at offset " + at);
    const { end, selfClosing } = tag;
    if (tag.closing) {
      const open = stack.pop();
      if (!open || open.name !== tag.name) throw new LabFileError("the XML has an unbalanced </" + tag.name + ">");
      open.end = end;
    } else {
      const span: Span = { name: tag.name, start: at, end };
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
  // No such text, no such element: a lab without one is not scanned (62.9 million tags took 7 s, issue 27).
  if (xml.lastIndexOf("<" + name) < 0) return null;
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
    const tag = readTag(xml, i);
    if (!tag) return false;
    if (tag.closing) depth--;
    else if (!tag.selfClosing) depth++;
    if (depth < 0) return /^\s*$/.test(xml.slice(tag.end));
    i = xml.indexOf("<", tag.end);
  }
  return false;
}
