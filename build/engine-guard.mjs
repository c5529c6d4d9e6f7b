// Guards the engine bundle against what Qt 5.15's QJSEngine (PT 8.x) rejects
// (research/qt-jsengine.md). Three traps, three checks:
//  1. syntax above ES2016: parse the output with acorn at ecmaVersion 2016;
//  2. library calls Qt 5.15 lacks: esbuild does not polyfill, so name them;
//  3. constructs esbuild lowers behind our back: its helpers in the output mean
//     the source used object rest/spread, async or #private. They run, but only
//     with the host's event loop turning (async) or through helpers we don't
//     want in PT, so engine source stays ES2016; the error names the construct.
// And three Qt 5.15 V4 bugs that parse fine and fail at run time (measured with
// test/qjs/host.cpp on Debian's Qt 5.15.8; Qt 6.4 is right), see qjsTraps below.
import { parse } from "acorn";

const BANNED = [
  [/\bObject\.fromEntries\b/, "Object.fromEntries (missing in Qt 5.15 QJSEngine; build the object with a loop)"],
  [/\.flat\(/, "Array.prototype.flat (missing in Qt 5.15 QJSEngine; concat in a loop)"],
  [/\.flatMap\(/, "Array.prototype.flatMap (missing in Qt 5.15 QJSEngine)"],
  [/\.replaceAll\(/, "String.prototype.replaceAll (missing in Qt 5.15 QJSEngine; use a /g regex)"],
  [/\.trimStart\(|\.trimEnd\(/, "String.prototype.trimStart/trimEnd (missing in Qt 5.15 QJSEngine)"],
  [/\.allSettled\(/, "Promise.allSettled (missing in Qt 5.15 QJSEngine)"],
  [/\bglobalThis\b/, "globalThis (undefined in PT's engine; use the Host port)"],
  [
    /\bnew RegExp\(/,
    "new RegExp( (esbuild writes this for regex features Qt 5.15 rejects at run time: named groups, lookbehind, the s flag, \\p{…})",
  ],
  [/\b__objRest\b/, "object rest ({a, ...b}) in engine source"],
  [/\b__spreadValues\b|\b__spreadProps\b/, "object spread ({...a}) in engine source"],
  [/\b__async\b|\b__await\b/, "async/await in engine source (Promise jobs run only when PT's event loop turns)"],
  [/\b__forAwait\b|\b__asyncGenerator\b/, "for await / async generators in engine source"],
  [/\b__private(Get|Set|Add|Method)\b/, "#private class members in engine source"],
  [
    /\bWeak(Map|Set)\b/,
    "WeakMap/WeakSet (Qt 5.15 and Qt 6 QJSEngine crash the process in garbage collection past about 1,000 entries; use a Map with explicit deletion)",
  ],
];

/** Parses at ES2016 and rejects Qt 5.15's run-time traps; the library checks are the caller's. */
export function checkQtScript(code, file) {
  let ast;
  try {
    ast = parse(code, { ecmaVersion: 2016, sourceType: "script", locations: true });
  } catch (e) {
    const line = code.split("\n")[e.loc?.line - 1] || "";
    const col = e.loc ? e.loc.column : 0;
    throw new Error(
      `${file}: syntax above ES2016 at ${e.loc ? e.loc.line + ":" + col : "?"}: ${e.message}\n  near: ${line.slice(Math.max(0, col - 40), col + 40)}`,
    );
  }
  const trap = qjsTraps(ast)[0];
  if (trap)
    throw new Error(
      `${file}:${trap.line}: ${trap.what}\n  at: ${code.split("\n")[trap.line - 1].trim().slice(0, 160)}`,
    );
}

export function checkEngineSource(code, file) {
  checkQtScript(code, file);
  for (const [pattern, what] of BANNED) {
    const m = pattern.exec(code);
    if (m) {
      throw new Error(`${file}: uses ${what}\n  near: ${code.slice(Math.max(0, m.index - 60), m.index + 60)}`);
    }
  }
}

/**
 * Qt 5.15's V4 gets three things wrong that Qt 6 gets right (research/qt-jsengine.md):
 *  - inside a method named X (class or object shorthand), the name X means the
 *    method itself, so a call to a free function X recurses into the method;
 *  - a `let`/`const` named like the method it is in is a SyntaxError
 *    ("Identifier X has already been declared");
 *  - inside an arrow function, `this` is undefined in any block nested in its
 *    body: an if's or a loop's braces, a switch, a try, catch or finally
 *    (measured on 5.15.8: `() => { if (x) { return this.v } }` throws, while
 *    `() => { if (x) return this.v }` and an arrow inside the block work).
 * Answers every place the code does any of them.
 */
export function qjsTraps(ast) {
  const found = [];
  const visit = (node, ctx) => {
    if (!node || typeof node.type !== "string") return;
    if (node.type === "ThisExpression" && ctx.arrow && ctx.nested) {
      found.push({
        line: node.loc.start.line,
        what: "`this` inside a block nested in an arrow function (if/loop braces, switch, try/catch/finally) is undefined in Qt 5.15 (PT 8.x): read `this` into a local first, or move the code into a method",
      });
    }
    let next = ctx;
    if (node.type === "FunctionExpression" || node.type === "FunctionDeclaration") {
      const name = ctx.pendingMethod;
      const local = name ? declares(node, name) : null;
      if (local?.lexical) {
        found.push({
          line: local.line,
          what: `a let/const named ${name} inside method ${name}() is a SyntaxError in Qt 5.15 (PT 8.x): rename the variable`,
        });
      }
      // A var, function or parameter of the same name shadows the method's own name: no trap then.
      next = { arrow: false, nested: false, arrowBody: false, method: name && !local ? name : null };
    } else if (node.type === "ArrowFunctionExpression") {
      next = { arrow: true, nested: false, arrowBody: false, method: ctx.method };
    } else if (node.type === "BlockStatement" || node.type === "SwitchStatement") {
      // The arrow's own body is not nested; every block inside it is.
      next = Object.assign({}, ctx, { nested: ctx.nested || !ctx.arrowBody, arrowBody: false });
    }
    if (node.type === "Identifier" && ctx.method && node.name === ctx.method && !ctx.asName) {
      found.push({
        line: node.loc.start.line,
        what: `method ${node.name}() refers to a free ${node.name}; in Qt 5.15 (PT 8.x) that name means the method itself. Rename one of them`,
      });
    }
    for (const key of Object.keys(node)) {
      if (key === "loc" || key === "start" || key === "end") continue;
      const child = node[key];
      const childCtx = Object.assign({}, next, { pendingMethod: null, asName: false, arrowBody: false });
      if (node.type === "ArrowFunctionExpression" && key === "body") childCtx.arrowBody = true;
      if ((node.type === "MethodDefinition" || (node.type === "Property" && node.method)) && key === "value") {
        childCtx.pendingMethod = !node.computed && node.key.type === "Identifier" ? node.key.name : null;
      }
      const isName =
        (node.type === "MemberExpression" && !node.computed && key === "property") ||
        ((node.type === "Property" || node.type === "MethodDefinition") && !node.computed && key === "key");
      if (isName) childCtx.asName = true;
      if (Array.isArray(child)) for (const c of child) visit(c, childCtx);
      else if (child && typeof child === "object") visit(child, childCtx);
    }
  };
  visit(ast, { arrow: false, nested: false, arrowBody: false, method: null, pendingMethod: null, asName: false });
  return found;
}

/** Where a function declares `name` itself (parameter, var, let/const, function), and whether lexically. */
function declares(fn, name) {
  let hit = null;
  const visit = (n, kind) => {
    if (hit || !n || typeof n.type !== "string") return;
    if (n.type === "VariableDeclaration") kind = n.kind;
    if (n.type === "VariableDeclarator" && n.id && n.id.name === name) {
      hit = { lexical: kind === "let" || kind === "const", line: n.loc.start.line };
    }
    if (n.type === "FunctionDeclaration" && n.id && n.id.name === name)
      hit = { lexical: false, line: n.loc.start.line };
    for (const key of Object.keys(n)) {
      const c = n[key];
      if (Array.isArray(c)) for (const x of c) visit(x, kind);
      else if (c && typeof c === "object" && key !== "loc") visit(c, kind);
    }
  };
  for (const p of fn.params)
    if (p.type === "Identifier" && p.name === name) hit = { lexical: false, line: p.loc.start.line };
  visit(fn.body, "");
  return hit;
}
