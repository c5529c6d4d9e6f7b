// Guards the engine bundle against what Qt 5.15's QJSEngine (PT 8.x) rejects
// (research/qt-jsengine.md). Three traps, three checks:
//  1. syntax above ES2016: parse the output with acorn at ecmaVersion 2016;
//  2. library calls Qt 5.15 lacks: esbuild does not polyfill, so name them;
//  3. constructs esbuild lowers behind our back: its helpers in the output mean
//     the source used object rest/spread, async or #private. They run, but only
//     with the host's event loop turning (async) or through helpers we don't
//     want in PT, so engine source stays ES2016; the error names the construct.
import { parse } from "acorn";

const BANNED = [
  [/\bObject\.fromEntries\b/, "Object.fromEntries (missing in Qt 5.15 QJSEngine; build the object with a loop)"],
  [/\.flat\(/, "Array.prototype.flat (missing in Qt 5.15 QJSEngine; concat in a loop)"],
  [/\.flatMap\(/, "Array.prototype.flatMap (missing in Qt 5.15 QJSEngine)"],
  [/\.replaceAll\(/, "String.prototype.replaceAll (missing in Qt 5.15 QJSEngine; use a /g regex)"],
  [/\.trimStart\(|\.trimEnd\(/, "String.prototype.trimStart/trimEnd (missing in Qt 5.15 QJSEngine)"],
  [/\.allSettled\(/, "Promise.allSettled (missing in Qt 5.15 QJSEngine)"],
  [/\bglobalThis\b/, "globalThis (undefined in PT's engine; use the Host port)"],
  [/\bnew RegExp\(/, "new RegExp( (esbuild writes this for regex features Qt 5.15 rejects at run time: named groups, lookbehind, the s flag, \\p{…})"],
  [/\b__objRest\b/, "object rest ({a, ...b}) in engine source"],
  [/\b__spreadValues\b|\b__spreadProps\b/, "object spread ({...a}) in engine source"],
  [/\b__async\b|\b__await\b/, "async/await in engine source (Promise jobs run only when PT's event loop turns)"],
  [/\b__forAwait\b|\b__asyncGenerator\b/, "for await / async generators in engine source"],
  [/\b__private(Get|Set|Add|Method)\b/, "#private class members in engine source"],
];

export function checkEngineSource(code, file) {
  try {
    parse(code, { ecmaVersion: 2016, sourceType: "script" });
  } catch (e) {
    const line = code.split("\n")[(e.loc && e.loc.line) - 1] || "";
    const col = e.loc ? e.loc.column : 0;
    throw new Error(`${file}: syntax above ES2016 at ${e.loc ? e.loc.line + ":" + col : "?"}: ${e.message}\n  near: ${line.slice(Math.max(0, col - 40), col + 40)}`);
  }
  for (const [pattern, what] of BANNED) {
    const m = pattern.exec(code);
    if (m) {
      throw new Error(`${file}: uses ${what}\n  near: ${code.slice(Math.max(0, m.index - 60), m.index + 60)}`);
    }
  }
}
