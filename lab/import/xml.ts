// A small non-validating XML parser for Packet Tracer's saved XML. Same source
// in Node and in Chromium (no DOMParser). It keeps elements, attributes and
// text; skips comments, processing instructions and the DOCTYPE; decodes the
// five named entities and character references. Subtrees the caller does not
// need can be skipped: they are checked for well-formedness but not built,
// which keeps a 25 MB .pka's memory near its text size. What is built is
// bounded (limits.ts): depth and elements refuse the file, children and text
// are cut, and the cut is noted on the element for the importer's warnings.
import { count, LIMITS } from "./limits";

export interface XmlElement {
  name: string;
  attrs: { [name: string]: string };
  children: XmlElement[];
  /** Character data of an element without child elements (mixed content keeps only the non-blank text). */
  text: string;
  /** What was cut in this element or below it (the first such), for a warning; absent when nothing was. */
  cut?: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

export interface ParseOptions {
  /** Answer true to skip an element (and its subtree) as it opens; `parent` holds the children seen so far. */
  skip?: (name: string, parent: XmlElement) => boolean;
  /** Called as each element closes, complete; answer true to drop it from its parent (it has been consumed). */
  onClose?: (el: XmlElement, parent: XmlElement | null) => boolean;
  /** Bounds other than LIMITS' (tests). */
  limits?: { elements?: number; depth?: number; children?: number; text?: number };
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;
const NAMED: { [name: string]: string } = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
// Most elements have no attributes or no children: they share these (frozen, so a stray write throws).
const NO_ATTRS: { [name: string]: string } = Object.freeze({}) as { [name: string]: string };
const NO_CHILDREN: XmlElement[] = [];
Object.freeze(NO_CHILDREN);

function lineOf(src: string, at: number): number {
  let line = 1;
  for (let i = src.indexOf("\n"); i >= 0 && i < at; i = src.indexOf("\n", i + 1)) line++;
  return line;
}

export function decodeEntities(s: string, fail?: (what: string) => never): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (all, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return fail ? fail("bad character reference " + all) : all;
      return String.fromCodePoint(code);
    }
    return Object.prototype.hasOwnProperty.call(NAMED, ref) ? NAMED[ref] : fail ? fail("unknown entity " + all) : all;
  });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isBlank(s: string, from = 0, to = s.length): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xb7;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** Where the name starting at `at` ends (`at` itself when there is none). */
function nameEnd(src: string, at: number): number {
  if (!isNameStart(src.charCodeAt(at))) return at;
  let i = at + 1;
  while (i < src.length && isNameChar(src.charCodeAt(i))) i++;
  return i;
}

function skipSpace(src: string, at: number): number {
  while (at < src.length && isSpace(src.charCodeAt(at))) at++;
  return at;
}

/**
 * The attribute at `at` (name = "value" or 'value'): where its name ends, its value starts and it
 * ends; null when there is none. A scan, not a pattern: the one it replaces backtracked
 * quadratically where a name met Unicode spaces (issue 27).
 */
function attribute(src: string, at: number): { nameEnd: number; valueStart: number; end: number } | null {
  const end = nameEnd(src, at);
  const eq = skipSpace(src, end);
  if (end === at || src.charCodeAt(eq) !== 61 /* = */) return null;
  const open = skipSpace(src, eq + 1);
  const quote = src.charAt(open);
  if (quote !== '"' && quote !== "'") return null;
  const close = src.indexOf(quote, open + 1);
  return close < 0 ? null : { nameEnd: end, valueStart: open + 1, end: close + 1 };
}

export function parseXml(src: string, options: ParseOptions = {}): XmlElement {
  const { skip, onClose } = options;
  const limit = { ...LIMITS, ...options.limits };
  const fail = (what: string, at: number): never => {
    throw new XmlError("malformed XML at line " + lineOf(src, at) + ": " + what);
  };
  let built = 0;
  /** Text from..to appended to el's, up to the limit; entities decoded unless raw (CDATA). */
  const addText = (el: XmlElement, from: number, to: number, raw: boolean) => {
    const room = limit.text - el.text.length;
    if (to - from > room) {
      to = from + Math.max(0, room);
      el.cut =
        el.cut ||
        "the text of <" + el.name + "> is longer than " + count(limit.text) + " characters; the rest is not read";
    }
    if (to > from) el.text += raw ? src.slice(from, to) : decodeEntities(src.slice(from, to), entityFail);
  };
  // Open elements; their text accumulates in `text` as it is read.
  const stack: XmlElement[] = [];
  /** Names of the open elements inside a skipped subtree (nothing is built for them). */
  const skipped: string[] = [];
  let root: XmlElement | null = null;
  // One closure for entity errors, pointed at the text being decoded (no allocation per text node).
  let textPos = 0;
  const entityFail = (what: string): never => fail(what, textPos);
  // A run of blank text in the open element, sliced only if it turns out to be a leaf's text.
  let blankFrom = -1,
    blankTo = -1;
  const keepBlank = (el: XmlElement) => {
    if (blankFrom >= 0) addText(el, blankFrom, blankTo, true);
    blankFrom = -1;
  };
  const closed = (el: XmlElement, parent: XmlElement | null) => {
    if (el.cut && parent && !parent.cut) parent.cut = el.cut; // the device reading it names the cut
    if (onClose?.(el, parent) && parent) parent.children.pop(); // it is the last child: later siblings are not read yet
  };
  let pos = 0;
  const n = src.length;
  while (pos < n) {
    const lt = src.indexOf("<", pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && !skipped.length) {
      const top = stack[stack.length - 1];
      const blank = isBlank(src, pos, textEnd);
      if (!top) {
        if (!blank) fail("text outside the root element", pos);
      } else if (blank) {
        // Blank text between child elements is layout: not kept.
        if (!top.children.length) {
          keepBlank(top);
          blankFrom = pos;
          blankTo = textEnd;
        }
      } else {
        keepBlank(top);
        textPos = pos;
        addText(top, pos, textEnd, false);
      }
    }
    if (lt < 0) break;
    const c1 = src.charCodeAt(lt + 1);
    if (c1 === 63 /* ? */) {
      const end = src.indexOf("?>", lt + 2);
      if (end < 0) fail("unterminated processing instruction", lt);
      pos = end + 2;
    } else if (c1 === 33 /* ! */) {
      if (src.startsWith("<!--", lt)) {
        const end = src.indexOf("-->", lt + 4);
        if (end < 0) fail("unterminated comment", lt);
        pos = end + 3;
      } else if (src.startsWith("<![CDATA[", lt)) {
        const end = src.indexOf("]]>", lt + 9);
        if (end < 0) fail("unterminated CDATA section", lt);
        if (!stack.length) fail("CDATA outside the root element", lt);
        if (!skipped.length) {
          keepBlank(stack[stack.length - 1]);
          addText(stack[stack.length - 1], lt + 9, end, true);
        }
        pos = end + 3;
      } else if (src.startsWith("<!DOCTYPE", lt)) {
        const bracket = src.indexOf("[", lt),
          close = src.indexOf(">", lt);
        if (close < 0) fail("unterminated DOCTYPE", lt);
        const end = bracket >= 0 && bracket < close ? src.indexOf("]>", bracket) + 1 : close;
        if (end <= 0) fail("unterminated DOCTYPE", lt);
        pos = end + 1;
      } else {
        fail("unexpected '<!'", lt);
      }
    } else if (c1 === 47 /* / */) {
      const open = skipped.length ? skipped[skipped.length - 1] : stack.length ? stack[stack.length - 1].name : null;
      const end = nameEnd(src, lt + 2);
      if (end === lt + 2) fail("bad closing tag", lt);
      // Compared in place: no string is made for a matching closing tag.
      if (open === null || end - lt - 2 !== open.length || !src.startsWith(open, lt + 2)) {
        const name = src.slice(lt + 2, end);
        fail(
          open === null
            ? "closing tag </" + name + "> without an open element"
            : "expected </" + open + ">, found </" + name + ">",
          lt,
        );
      }
      const gt = skipSpace(src, end);
      if (src.charCodeAt(gt) !== 62 /* > */) fail("bad closing tag </" + open, lt);
      if (skipped.length) skipped.pop();
      else {
        const el = stack.pop() as XmlElement;
        if (el.children.length) {
          blankFrom = -1;
          if (isBlank(el.text)) el.text = "";
        } else {
          keepBlank(el);
        }
        closed(el, stack.length ? stack[stack.length - 1] : null);
      }
      pos = gt + 1;
    } else {
      const end = nameEnd(src, lt + 1);
      if (end === lt + 1) fail(lt + 1 >= n ? "the text ends inside a tag (truncated?)" : "bad tag", lt);
      const name = src.slice(lt + 1, end);
      let at = end;
      let attrs = NO_ATTRS;
      let attrCut = "";
      for (;;) {
        const next = skipSpace(src, at);
        const c = src.charCodeAt(next);
        if (c === 62 /* > */ || c === 47 /* / */) {
          at = next;
          break;
        }
        if (next >= n) fail("the text ends inside <" + name + " (truncated?)", lt);
        if (next === at) fail("bad tag <" + name, lt); // an attribute needs a space before it
        const a = attribute(src, next);
        if (!a)
          return fail(
            src.indexOf(">", next) < 0
              ? "the text ends inside <" + name + " (truncated?)"
              : "bad attribute in <" + name + ">",
            lt,
          );
        if (!skipped.length) {
          if (attrs === NO_ATTRS) attrs = Object.create(null); // names are data: __proto__ is an attribute
          textPos = lt;
          const key = src.slice(next, a.nameEnd);
          const to = Math.min(a.end - 1, a.valueStart + limit.text); // cut as text is (the device's model is one)
          if (to < a.end - 1)
            attrCut =
              "the " +
              key +
              " of <" +
              name +
              "> is longer than " +
              count(limit.text) +
              " characters; the rest is not read";
          attrs[key] = decodeEntities(src.slice(a.valueStart, to), entityFail);
        }
        at = a.end;
      }
      const selfClosing = src.charCodeAt(at) === 47;
      if (selfClosing && src.charCodeAt(at + 1) !== 62) fail("bad tag <" + name, lt);
      pos = at + (selfClosing ? 2 : 1);
      if (!stack.length && root) fail("a second root element <" + name + ">", lt);
      const parent = stack.length ? stack[stack.length - 1] : null;
      blankFrom = -1; // the blank before a child element is the parent's layout
      if (!selfClosing && stack.length + skipped.length >= limit.depth)
        throw new XmlError(
          "the XML nests elements more than " + count(limit.depth) + " deep (line " + lineOf(src, lt) + ")",
        );
      const full = !skipped.length && parent !== null && parent.children.length >= limit.children;
      if (full && !parent.cut)
        parent.cut =
          "<" + parent.name + "> holds more than " + count(limit.children) + " elements; the rest are not read";
      if (skipped.length || full || (skip && parent && skip(name, parent))) {
        if (!selfClosing) skipped.push(name);
        continue;
      }
      if (++built > limit.elements)
        throw new XmlError(
          "the lab holds more than " + count(limit.elements) + " elements to read (line " + lineOf(src, lt) + ")",
        );
      const el: XmlElement = { name, attrs, children: NO_CHILDREN, text: "" };
      if (attrCut) el.cut = attrCut;
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [];
        parent.children.push(el);
      } else {
        root = el;
      }
      if (selfClosing) closed(el, parent);
      else stack.push(el);
    }
  }
  if (skipped.length) fail("<" + skipped[skipped.length - 1] + "> is never closed (truncated?)", n);
  if (stack.length) fail("<" + stack[stack.length - 1].name + "> is never closed (truncated?)", n);
  return root || fail("no root element", 0);
}

/** The first child with this name. */
export function child(el: XmlElement | null | undefined, name: string): XmlElement | null {
  if (!el) return null;
  for (const c of el.children) if (c.name === name) return c;
  return null;
}

export function children(el: XmlElement | null | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Text of the child at a slash-separated path, or "" when absent. */
export function textAt(el: XmlElement | null | undefined, path: string): string {
  if (path.indexOf("/") < 0) {
    const c = child(el, path);
    return c ? c.text : "";
  }
  let at: XmlElement | null | undefined = el;
  for (const part of path.split("/")) at = child(at, part);
  return at ? at.text : "";
}
