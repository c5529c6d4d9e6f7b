// @vitest-environment happy-dom
// The build compiles htm templates to h() calls; the result must render
// exactly what htm renders at run time (which the component tests use).
import { describe, expect, it } from "vitest";
import { h, render } from "preact";
import { html } from "htm/preact";
// @ts-expect-error: a plain .mjs build helper
import { precompileHtm } from "../../build/htm-precompile.mjs";
import { readFileSync } from "node:fs";

/** Renders a template body with runtime htm and with the precompiled code, with the same values in scope. */
function both(template: string, scope: Record<string, unknown>): [string, string] {
  const names = Object.keys(scope);
  const values = names.map((n) => scope[n]);
  const runtime = new Function("html", ...names, "return html`" + template + "`;")(html, ...values);
  const source = 'import { html } from "htm/preact";\nexport const x = html`' + template + "`;";
  const compiled = precompileHtm(source) as string;
  const js = compiled.replace(/^import .*$/gm, "").replace(/export\s*\{[^}]*\};?/, "").replace("export const x", "const x") + "\nreturn x;";
  const built = new Function("__h", ...names, js)(h, ...values);
  const out = (vnode: unknown) => {
    const el = document.createElement("div");
    render(vnode as never, el);
    return el.innerHTML;
  };
  return [out(runtime), out(built)];
}

describe("htm precompile", () => {
  const Comp = ({ label, children }: { label: string; children?: unknown }) => h("em", { title: label }, children as never);
  const cases: [string, string, Record<string, unknown>][] = [
    ["elements, text and values", '<p class="a">Hello ${name}, you have <b>${n}</b> mails</p>', { name: "Bob", n: 3 }],
    ["attribute mixing text and values", '<div class="row ${kind} x" data-n=${n}>t</div>', { kind: "bad", n: 2 }],
    ["boolean and spread attributes", '<input ...${extra} disabled value=${v} />', { extra: { id: "f", name: "to" }, v: "x" }],
    ["two spreads around attributes, in order", '<input id="a" ...${one} value=${v} ...${two} />', { one: { id: "b", name: "n" }, v: "x", two: { value: "y", title: "t" } }],
    ["several roots", "<dt>A</dt><dd>${v}</dd>", { v: "1" }],
    ["nested templates and lists", "<ul>${items.map((i) => html`<li key=${i}>${i}</li>`)}</ul>", { items: ["a", "b"], html }],
    ["components with children", '<${Comp} label="L">in <i>side</i><//>', { Comp }],
    ["white space with new lines", "\n  <div>\n    <span>a</span>\n    text\n    ${v}\n  </div>\n", { v: "v" }],
    ["escaped characters", '<p title="a &amp; b">&lt;b&gt; ${v}</p>', { v: "<i>" }],
  ];
  for (const [name, template, scope] of cases) {
    it(name, () => {
      const [runtime, built] = both(template, scope);
      expect(built).toBe(runtime);
      expect(runtime.length).toBeGreaterThan(0);
    });
  }

  it("leaves no html` template in any panel source", () => {
    for (const f of ["ui/panel.ts", "ui/main.ts", "ui/compose/compose.ts", "ui/log/log-view.ts", "ui/log/row.ts"]) {
      const out = precompileHtm(readFileSync(f, "utf8"), f) as string;
      expect(out, f).not.toMatch(/\bhtml`/);
      expect(out, f).not.toMatch(/htm\/preact/);
    }
  });
});
