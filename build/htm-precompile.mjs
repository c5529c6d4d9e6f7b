// Compiles the panel's htm templates (html`…`) to Preact h() calls at build
// time, so the panel ships neither the htm parser nor template text (the
// panelGzipBytes budget). htm itself parses each template here, with marker
// objects standing in for the ${…} parts; the markers become the original
// expression source in the generated code. Component tests run the same
// sources with htm at run time; the end-to-end suite runs this output.
import { parse, parseExpressionAt } from "acorn";
import * as esbuild from "esbuild";
import htm from "htm";

const TOKEN = "\u0001";

const SPREAD = TOKEN + "spread";

/**
 * A stand-in for one ${…}: its source and toString are hidden from
 * Object.assign, so when htm spreads it into props (<a ...${x}>) the one key
 * it copies, SPREAD + index, says which expression and where in the props.
 */
function marker(code, i) {
  const m = { [SPREAD + i]: true };
  Object.defineProperty(m, "__expr", { value: code });
  Object.defineProperty(m, "toString", { value: () => TOKEN + i + TOKEN });
  return m;
}

function compileTemplate(statics, expressions) {
  const markers = expressions.map(marker);
  const isMarker = (v) => v && typeof v === "object" && "__expr" in v;
  const value = (v) => {
    if (isMarker(v)) return "(" + v.__expr + ")";
    if (v && typeof v === "object" && "__code" in v) return v.__code;
    if (typeof v === "string") {
      if (!v.includes(TOKEN)) return JSON.stringify(v);
      // Text mixed with ${…} parts, as htm concatenates them.
      return "(" + v.split(TOKEN).map((part, i) => (i % 2 ? "(" + markers[Number(part)].__expr + ")" : JSON.stringify(part))).filter((p) => p !== '""').join("+") + ")";
    }
    return JSON.stringify(v);
  };
  const h = (type, props, ...children) => {
    let propsCode = "null";
    if (props) {
      const groups = [];
      let current = [];
      for (const key of Object.keys(props)) {
        if (key.startsWith(SPREAD)) {
          if (current.length) groups.push("{" + current.join(",") + "}");
          groups.push("(" + markers[Number(key.slice(SPREAD.length))].__expr + ")");
          current = [];
        } else {
          current.push(JSON.stringify(key) + ":" + value(props[key]));
        }
      }
      if (current.length) groups.push("{" + current.join(",") + "}");
      propsCode = groups.length === 1 && groups[0].startsWith("{") ? groups[0] : "Object.assign({}," + groups.join(",") + ")";
    }
    const kids = children.map(value);
    return { __code: "__h(" + value(type) + "," + propsCode + (kids.length ? "," + kids.join(",") : "") + ")" };
  };
  const result = htm.bind(h)(Object.assign(statics.slice(), { raw: statics }), ...markers);
  return Array.isArray(result) ? "[" + result.map(value).join(",") + "]" : value(result);
}

/** Every outermost html`…` in an acorn AST, in source order. */
function templates(node, found = []) {
  if (!node || typeof node.type !== "string") return found;
  if (node.type === "TaggedTemplateExpression" && node.tag.type === "Identifier" && node.tag.name === "html") {
    found.push(node);
    return found; // inner ones are rewritten through the expressions
  }
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) child.forEach((c) => templates(c, found));
    else if (child && typeof child === "object" && key !== "loc") templates(child, found);
  }
  return found;
}

function rewrite(text, ast) {
  let out = text;
  for (const node of templates(ast).reverse()) {
    const quasi = node.quasi;
    const statics = quasi.quasis.map((q) => q.value.cooked);
    const expressions = quasi.expressions.map((e) => {
      const source = text.slice(e.start, e.end);
      return rewrite(source, parseExpressionAt(source, 0, { ecmaVersion: "latest" }));
    });
    out = out.slice(0, node.start) + compileTemplate(statics, expressions) + out.slice(node.end);
  }
  return out;
}

/**
 * Rewrites every html`…` (nested ones too) in a panel source: TypeScript is
 * stripped first by esbuild, which keeps template literals as written. Answers
 * JavaScript, or null when the file has no template.
 */
export function precompileHtm(source, fileName = "x.ts") {
  if (!/\bhtml`/.test(source)) return null;
  const js = esbuild.transformSync(source, { loader: "ts", format: "esm", target: "esnext", sourcefile: fileName }).code;
  const out = rewrite(js, parse(js, { ecmaVersion: "latest", sourceType: "module" }));
  return out.replace(/import \{ html \} from "htm\/preact";/, 'import { h as __h } from "preact";');
}
