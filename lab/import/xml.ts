// A small non-validating XML parser for Packet Tracer's saved XML. Same source
// in Node and in Chromium (no DOMParser). It keeps elements, attributes and
// text; skips comments, processing instructions and the DOCTYPE; decodes the
// five named entities and character references. Subtrees the caller does not
// need can be skipped: they are checked for well-formedness but not built,
// which keeps a 25 MB .pka's memory near its text size.

export interface XmlElement {
  name: string;
  attrs: { [name: string]: string };
  children: XmlElement[];
  /** Character data of an element without child elements (mixed content keeps only the non-blank text). */
  text: string;
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
}

const ATTR = /([A-Za-z_:][-\w.:\u00B7-\uFFFF]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
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

export function parseXml(src: string, options: ParseOptions = {}): XmlElement {
  const { skip, onClose } = options;
  const fail = (what: string, at: number): never => {
    throw new XmlError("malformed XML at line " + lineOf(src, at) + ": " + what);
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
    if (blankFrom >= 0) el.text += src.slice(blankFrom, blankTo);
    blankFrom = -1;
  };
  const closed = (el: XmlElement, parent: XmlElement | null) => {
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
        top.text += decodeEntities(src.slice(pos, textEnd), entityFail);
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
          stack[stack.length - 1].text += src.slice(lt + 9, end);
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
      for (;;) {
        const next = skipSpace(src, at);
        const c = src.charCodeAt(next);
        if (c === 62 /* > */ || c === 47 /* / */) {
          at = next;
          break;
        }
        if (next >= n) fail("the text ends inside <" + name + " (truncated?)", lt);
        if (next === at) fail("bad tag <" + name, lt); // an attribute needs a space before it
        ATTR.lastIndex = next;
        const a = ATTR.exec(src);
        if (!a)
          return fail(
            src.indexOf(">", next) < 0
              ? "the text ends inside <" + name + " (truncated?)"
              : "bad attribute in <" + name + ">",
            lt,
          );
        if (!skipped.length) {
          if (attrs === NO_ATTRS) attrs = {};
          textPos = lt;
          attrs[a[1]] = decodeEntities(a[2] != null ? a[2] : a[3], entityFail);
        }
        at = ATTR.lastIndex;
      }
      const selfClosing = src.charCodeAt(at) === 47;
      if (selfClosing && src.charCodeAt(at + 1) !== 62) fail("bad tag <" + name, lt);
      pos = at + (selfClosing ? 2 : 1);
      if (!stack.length && root) fail("a second root element <" + name + ">", lt);
      const parent = stack.length ? stack[stack.length - 1] : null;
      blankFrom = -1; // the blank before a child element is the parent's layout
      if (skipped.length || (skip && parent && skip(name, parent))) {
        if (!selfClosing) skipped.push(name);
        continue;
      }
      const el: XmlElement = { name, attrs, children: NO_CHILDREN, text: "" };
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
