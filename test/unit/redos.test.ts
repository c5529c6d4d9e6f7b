// No regular expression that can backtrack catastrophically, where text from a
// lab or the network meets one (issue 27): every regex literal and every
// new RegExp("…") with a literal pattern in src/, lab/, ui/ and sim/ is put to
// recheck (a ReDoS checker that searches for an attack string). A pattern of
// the kind that froze the lab reader (exponential), or a quadratic one such as
// \s+$ (a megabyte of blanks costs minutes), fails here, naming its file and line.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSync } from "recheck";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

/** Every regex literal, and every RegExp built from a string literal, in a file. */
function regexesIn(file: string, text = readFileSync(join(root, file), "utf8")): Found[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const where = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isRegularExpressionLiteral(n)) {
      const t = n.text;
      const end = t.lastIndexOf("/");
      out.push({ where: where(n), source: t.slice(1, end), flags: t.slice(end + 1) });
    } else if (
      ts.isNewExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === "RegExp" &&
      n.arguments?.length &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      const flags = n.arguments[1] && ts.isStringLiteral(n.arguments[1]) ? n.arguments[1].text : "";
      out.push({ where: where(n), source: n.arguments[0].text, flags });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The ones recheck finds an attack string for, exponential or polynomial (quadratic and worse). */
function vulnerable(found: Found[]): string[] {
  return found
    .map((r) => ({ r, d: checkSync(r.source, r.flags, { timeout: 5000 }) }))
    .filter((x) => x.d.status !== "safe")
    .map(
      (x) =>
        `${x.r.where}: /${x.r.source}/${x.r.flags} (${x.d.status === "vulnerable" ? x.d.complexity.type : x.d.status})`,
    );
}

describe("regular expressions", () => {
  it("recheck finds the pattern that froze the lab reader (it can fail)", () => {
    const old = String.raw`^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.:-]*)`;
    const d = checkSync(old, "");
    expect(d.status === "vulnerable" && d.complexity.type).toBe("exponential");
    expect(checkSync(String.raw`failed permanently:[ \t]*\n+[ \t]*([^\n]*)`, "").status).toBe("safe");
  });

  it("a file with one quadratic and one exponential pattern is named, line by line (it can fail)", () => {
    const planted = [
      "const ok = /^[a-z]+$/;",
      'export const trim = (s: string) => s.replace(/\\s+$/, "");',
      'const prolog = new RegExp("^(?:<!--[\\\\s\\\\S]*?-->\\\\s*)*x");',
    ].join("\n");
    expect(vulnerable(regexesIn("planted.ts", planted))).toEqual([
      String.raw`planted.ts:2: /\s+$/ (polynomial)`,
      String.raw`planted.ts:3: /^(?:<!--[\s\S]*?-->\s*)*x/ (exponential)`,
    ]);
  });

  it("none in src/, lab/, ui/ or sim/ can backtrack exponentially or polynomially", () => {
    const found = ["src", "lab", "ui", "sim"].flatMap(sources).flatMap((f) => regexesIn(f));
    expect(found.length).toBeGreaterThan(50);
    expect(vulnerable(found)).toEqual([]);
  });
});
