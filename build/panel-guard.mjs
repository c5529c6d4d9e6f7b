// Guards the built panel against what the oldest PT web view cannot run
// (PANEL_FLOOR, build/webview-floor.mjs: Chromium 69), before any browser starts:
//  1. script syntax above the floor's ECMAScript level: parse the bundle with acorn;
//  2. library calls newer than the floor (esbuild lowers syntax, never the library);
//  3. CSS newer than the floor without a fallback in the same rule.
// Each finding names the source file and line that brought it (through the
// bundle's source map for the script), so a `??` or a `:focus-visible` fails
// `npm run build` and `npm test` with a message that says where to look.
import { parse } from "acorn";
import { PANEL_FLOOR } from "./webview-floor.mjs";

/**
 * Library members the panel may not call: the Chromium version that brought each.
 * Called as `x.name(…)` (or named as a global outside `typeof`); a property read of the same name is ours.
 */
const NEWER_CALLS = {
  fromEntries: 73,
  matchAll: 73,
  allSettled: 76,
  replaceAll: 85,
  any: 85,
  replaceChildren: 86,
  at: 92,
  hasOwn: 93,
  findLast: 97,
  findLastIndex: 97,
  toSorted: 110,
  toReversed: 110,
  toSpliced: 110,
  groupBy: 117,
};
const NEWER_GLOBALS = {
  globalThis: 71,
  queueMicrotask: 71,
  WeakRef: 84,
  FinalizationRegistry: 84,
  structuredClone: 98,
  CompressionStream: 80,
  DecompressionStream: 80,
};

/** Finds in a built script what the floor cannot run; answers findings (empty: fine). */
export function checkPanelScript(code, sourceMap) {
  const at = (line, column) => originalPosition(sourceMap, line, column);
  let ast;
  try {
    ast = parse(code, { ecmaVersion: PANEL_FLOOR.ecmaVersion, sourceType: "script", locations: true });
  } catch (e) {
    const loc = e.loc || { line: 1, column: 0 };
    const near = (code.split("\n")[loc.line - 1] || "").slice(Math.max(0, loc.column - 30), loc.column + 30);
    return [
      {
        where: at(loc.line, loc.column),
        what: `syntax above ES${PANEL_FLOOR.ecmaVersion} (${e.message.replace(/ \(\d+:\d+\)$/, "")}) near \`${near}\``,
      },
    ];
  }
  const findings = [];
  const typeofArgs = new Set();
  walk(ast, (node) => {
    if (node.type === "UnaryExpression" && node.operator === "typeof") typeofArgs.add(node.argument);
    if (node.type === "CallExpression" && node.callee.type === "MemberExpression" && !node.callee.computed) {
      const name = node.callee.property.name;
      if (Object.prototype.hasOwnProperty.call(NEWER_CALLS, name))
        findings.push({
          where: at(node.callee.property.loc.start.line, node.callee.property.loc.start.column),
          what: `calls .${name}(), which came in Chromium ${NEWER_CALLS[name]}`,
        });
    }
    if (
      node.type === "Identifier" &&
      Object.prototype.hasOwnProperty.call(NEWER_GLOBALS, node.name) &&
      !typeofArgs.has(node)
    )
      findings.push({
        where: at(node.loc.start.line, node.loc.start.column),
        what: `uses ${node.name}, which came in Chromium ${NEWER_GLOBALS[node.name]} (feature-test it with typeof)`,
      });
  });
  return findings;
}

// Visits parents before children, so a `typeof X` is seen before its X.
function walk(node, visit) {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    visit(n);
    for (const key of Object.keys(n)) {
      if (key === "loc") continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) if (v[i] && typeof v[i].type === "string") stack.push(v[i]);
      } else if (v && typeof v.type === "string") stack.push(v);
    }
  }
}

/** CSS the floor lacks: what to look for, the Chromium that brought it, and what stands in for it below. */
const NEWER_CSS = [
  { test: /:focus-visible\b/, kind: "selector", what: ":focus-visible", since: 86, fallback: "style :focus instead" },
  { test: /:is\(/, kind: "selector", what: ":is()", since: 88, fallback: "list the selectors" },
  { test: /:where\(/, kind: "selector", what: ":where()", since: 88, fallback: "list the selectors" },
  { test: /:has\(/, kind: "selector", what: ":has()", since: 105, fallback: "a class set by the panel" },
  { test: /@container\b/, kind: "at-rule", what: "@container", since: 105, fallback: "@media" },
  { test: /@layer\b/, kind: "at-rule", what: "@layer", since: 99, fallback: "source order" },
  {
    test: /^overflow-wrap:\s*anywhere/,
    kind: "declaration",
    what: "overflow-wrap: anywhere",
    since: 80,
    fallback: "word-break: break-word",
    fallbackTest: /^word-break:\s*break-word/,
  },
  { test: /^aspect-ratio:/, kind: "declaration", what: "aspect-ratio", since: 88, fallback: "a height" },
  { test: /^inset:/, kind: "declaration", what: "inset", since: 87, fallback: "top/right/bottom/left" },
  {
    test: /^accent-color:/,
    kind: "declaration",
    what: "accent-color",
    since: 93,
    fallback: "leave the control's colour",
  },
  { test: /^color-scheme:/, kind: "declaration", what: "color-scheme", since: 81, fallback: "explicit colours" },
  { test: /^content-visibility:/, kind: "declaration", what: "content-visibility", since: 85, fallback: "none needed" },
  { test: /(^|[\s:(,])(clamp|min|max)\(/, kind: "value", what: "clamp()/min()/max()", since: 79, fallback: "" },
  { test: /\d(dvh|svh|lvh|dvw|svw|lvw)\b/, kind: "value", what: "dynamic viewport units", since: 108, fallback: "" },
];

/**
 * Finds in CSS source what the floor cannot use without a fallback in the same rule:
 * an earlier declaration of the same property, or the named stand-in (word-break before overflow-wrap: anywhere).
 * Flex `gap` came in Chromium 84 (grid `gap` in 66): a rule that makes a flex container may not set gap.
 */
export function checkPanelStyles(css, file) {
  const findings = [];
  // A comment left open swallows the rules after it, silently: every browser agrees, so no browser test notices.
  const swallowed = swallowingComment(css);
  if (swallowed)
    findings.push({
      where: `${file}:${swallowed}`,
      what: "this /* comment runs on over CSS rules (is its */ missing?): the rules inside it are lost",
    });
  for (const rule of cssRules(css)) {
    const at = (line) => `${file}:${line}`;
    for (const f of NEWER_CSS.filter((x) => x.kind === "selector" || x.kind === "at-rule"))
      if (f.test.test(rule.prelude))
        findings.push({ where: at(rule.line), what: `${f.what} came in Chromium ${f.since} (${f.fallback})` });
    const flex = rule.declarations.some((d) => /^display:\s*(inline-)?flex\b/.test(d.text));
    rule.declarations.forEach((d, i) => {
      const before = rule.declarations.slice(0, i);
      const property = d.text.split(":")[0].trim();
      if (flex && /^(gap|row-gap|column-gap):/.test(d.text))
        findings.push({
          where: at(d.line),
          what: "gap on a flex container came in Chromium 84 (space items with margins)",
        });
      for (const f of NEWER_CSS.filter((x) => x.kind === "declaration" || x.kind === "value")) {
        const text = f.kind === "value" ? d.text.slice(d.text.indexOf(":") + 1) : d.text;
        if (!f.test.test(text)) continue;
        const covered = before.some((b) =>
          f.fallbackTest ? f.fallbackTest.test(b.text) : b.text.split(":")[0].trim() === property,
        );
        if (!covered)
          findings.push({
            where: at(d.line),
            what: `${f.what} came in Chromium ${f.since}: put ${f.fallback || `a plain ${property} value`} before it in the same rule`,
          });
      }
    });
  }
  return findings;
}

/** The line of a comment that never ends, or that holds a rule (`selector {` … `}`), or 0. */
function swallowingComment(css) {
  for (let at = css.indexOf("/*"); at >= 0; at = css.indexOf("/*", at)) {
    const end = css.indexOf("*/", at + 2);
    if (end < 0 || /\{[^{}]*:[^{}]*\}/.test(css.slice(at, end))) return css.slice(0, at).split("\n").length;
    at = end + 2;
  }
  return 0;
}

/** The style rules of simple CSS (no nesting but @media/@supports), each with its selector, line and declarations. */
function cssRules(css) {
  const rules = [];
  const stripped = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  let line = 1;
  let start = 0;
  let lineOfStart = 1;
  const stack = [];
  for (let i = 0; i < stripped.length; i++) {
    const ch = stripped[i];
    if (ch === "\n") line++;
    if (ch === "{") {
      stack.push({ prelude: stripped.slice(start, i).trim(), line: lineOfStart, body: i + 1, bodyLine: line });
      start = i + 1;
      lineOfStart = line;
    } else if (ch === "}") {
      const open = stack.pop();
      if (open && !open.prelude.startsWith("@")) {
        const declarations = [];
        let l = open.bodyLine;
        for (const part of stripped.slice(open.body, i).split(";")) {
          const lead = part.match(/^\s*/)[0];
          const text = part.trim().toLowerCase();
          if (text) declarations.push({ text, line: l + (lead.match(/\n/g) || []).length });
          l += (part.match(/\n/g) || []).length;
        }
        rules.push({ prelude: open.prelude, line: open.line, declarations });
      } else if (open) rules.push({ prelude: open.prelude, line: open.line, declarations: [] });
      start = i + 1;
      lineOfStart = line;
    } else if (/\S/.test(ch) && /^\s*$/.test(stripped.slice(start, i))) lineOfStart = line;
  }
  return rules;
}

/** Formats findings as one error, or null. */
export function panelGuardError(findings, built) {
  if (!findings.length) return null;
  const lines = findings.map((f) => `  ${f.where}: ${f.what}`);
  return `${built}: ${findings.length} thing(s) older Packet Tracer web views cannot run (the floor is Chromium ${PANEL_FLOOR.chromium}, build/webview-floor.mjs):\n${lines.join("\n")}`;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The source file:line of a generated position (1-based line, 0-based column), through a v3 source map. */
export function originalPosition(map, line, column) {
  if (!map) return `bundle:${line}:${column + 1}`;
  const lines = map.mappings.split(";");
  let source = 0;
  let srcLine = 0;
  let best = null;
  for (let l = 0; l < lines.length && l < line; l++) {
    let genCol = 0;
    for (const segment of lines[l].split(",")) {
      if (!segment) continue;
      const v = decodeVlq(segment);
      genCol += v[0];
      if (v.length < 4) continue;
      source += v[1];
      srcLine += v[2];
      if (l === line - 1 && genCol <= column) best = { source, line: srcLine };
    }
  }
  if (!best) return `bundle:${line}:${column + 1}`;
  const name = map.sources[best.source].replace(/^(\.\.\/)+/, "");
  return `${name}:${best.line + 1}`;
}

function decodeVlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
