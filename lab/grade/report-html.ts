// The class report as one self-contained HTML file (it opens from a USB
// stick): a class summary sortable by score, then one section per student
// with the grid of pairs and the fixes. The grades travel as JSON in a
// non-executed <script type="application/json">, and one inline script (its
// hash, like the style's, the only one the page's Content-Security-Policy allows) builds the
// page from them with textContent: no lab text is ever parsed as HTML, and
// default-src 'none' lets no request leave the page.
import { createHash } from "node:crypto";
import type { GradeResult } from "./grade-lab";
import type { Expectation } from "./score";

/** JSON inside <script>: "<" and the JS line separators escaped, so no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:20px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.about{color:#525b6b;margin:0 0 16px}
table{border-collapse:collapse;background:#fff}
.summary{width:100%}.summary th,.summary td{border-bottom:1px solid #dde1e7;padding:6px 8px;text-align:left}
.summary th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0}
.summary td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;width:80px;height:8px;background:#e6e8ec;border-radius:4px;margin-left:6px;vertical-align:middle}
.bar i{display:block;height:8px;border-radius:4px;background:#2f8a4c}
.flag{display:inline-block;background:#fff3cd;color:#6b4e00;border-radius:4px;padding:0 5px;margin:1px 4px 1px 0;font-size:12px}
.failed{color:#a3262a}
details{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:8px 0;padding:6px 10px}
summary{cursor:pointer;font-weight:600}
.grid td,.grid th{border:1px solid #e2e5ea;width:22px;height:22px;text-align:center;font:12px ui-monospace,monospace;padding:0}
.grid th.from{text-align:right;padding:0 6px;width:auto;white-space:nowrap}
.grid th.to{writing-mode:vertical-rl;transform:rotate(180deg);height:auto;padding:4px 0;white-space:nowrap}
.grid td.ok{background:#e3f3e8;color:#2f8a4c}.grid td.bad{background:#fbe3e4;color:#a3262a;font-weight:700}
.grid td.unknown{background:#eef0f3;color:#6b7280}
.causes li{margin:4px 0}.fix{color:#2f5f9e}
`;

/** Builds the page from the JSON; runs in the browser, so it uses nothing from this module. */
function renderGrades(): void {
  type Pair = { from: string; to: string; expected: string; predicted: string; match: boolean | null; cause: string };
  type Row = {
    file: string;
    ok: boolean;
    error?: string;
    student?: { name: string; email: string };
    score: number | null;
    graded: number;
    matched: number;
    unknown: number;
    flags: string[];
    warnings: string[];
    pairs: Pair[];
    causes: { cause: string; fix: string; pairs: number }[];
  };
  const data = JSON.parse((document.getElementById("grades") as HTMLElement).textContent || "{}") as {
    about: string;
    rows: Row[];
  };
  const make = (tag: string, text?: string, cls?: string): HTMLElement => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const pct = (s: number | null) => (s === null ? "—" : Math.floor(s * 1000) / 10 + "%");
  const nameOf = (r: Row) =>
    r.student
      ? r.student.name + (r.student.email && r.student.email !== r.student.name ? " <" + r.student.email + ">" : "")
      : r.file;
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  (document.getElementById("about") as HTMLElement).textContent = data.about;
  const body = document.querySelector("#summary tbody") as HTMLElement;
  const rows = data.rows.map((r, i) => {
    const tr = make("tr");
    const who = make("td");
    const link = make("a", nameOf(r)) as HTMLAnchorElement;
    link.href = "#student-" + i;
    link.addEventListener("click", () => {
      (document.getElementById("student-" + i) as HTMLDetailsElement).open = true;
    });
    who.appendChild(link);
    tr.appendChild(who);
    tr.appendChild(make("td", r.file));
    const score = make("td", r.ok ? pct(r.score) : "not read", r.ok ? "num" : "num failed");
    if (r.ok && r.score !== null) {
      const bar = make("span", undefined, "bar");
      const fill = make("i");
      fill.style.width = Math.round(r.score * 100) + "%";
      bar.appendChild(fill);
      score.appendChild(bar);
    }
    tr.appendChild(score);
    tr.appendChild(make("td", r.ok ? r.matched + "/" + r.graded : "", "num"));
    tr.appendChild(make("td", r.ok ? String(r.unknown) : "", "num"));
    const notes = make("td");
    if (!r.ok) notes.appendChild(make("span", r.error, "failed"));
    for (const f of r.flags || []) notes.appendChild(make("span", f, "flag"));
    tr.appendChild(notes);
    body.appendChild(tr);
    return { tr, r, i };
  });
  // Sorting: the Score and Student buttons; a second click reverses.
  const headers = Array.prototype.slice.call(document.querySelectorAll("#summary th[data-sort]")) as HTMLElement[];
  for (const th of headers) {
    (th.querySelector("button") as HTMLElement).addEventListener("click", () => {
      const by = th.getAttribute("data-sort");
      const desc = th.getAttribute("aria-sort") !== "descending";
      for (const h of headers) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", desc ? "descending" : "ascending");
      const value = (x: (typeof rows)[number]) =>
        by === "score" ? (x.r.ok && x.r.score !== null ? x.r.score : -1) : nameOf(x.r).toLowerCase();
      rows.sort((a, b) => {
        const va = value(a),
          vb = value(b);
        const c = va < vb ? -1 : va > vb ? 1 : a.i - b.i;
        return desc && va !== vb ? -c : c;
      });
      for (const x of rows) body.appendChild(x.tr);
    });
  }
  const students = document.getElementById("students") as HTMLElement;
  data.rows.forEach((r, i) => {
    const d = make("details") as HTMLDetailsElement;
    d.id = "student-" + i;
    d.appendChild(
      make(
        "summary",
        nameOf(r) + " — " + (r.ok ? pct(r.score) + " (" + r.matched + "/" + r.graded + " pairs)" : "not read"),
      ),
    );
    students.appendChild(d);
    // The body is built when the section first opens: a class of 300 would be 300 grids at load.
    const fill = () => {
      d.removeEventListener("toggle", fill);
      fillSection(d, r);
    };
    d.addEventListener("toggle", fill);
  });
  function fillSection(d: HTMLDetailsElement, r: Row): void {
    d.appendChild(make("p", r.file, "about"));
    if (!r.ok) d.appendChild(make("p", r.error, "failed"));
    for (const f of r.flags || []) d.appendChild(make("span", f, "flag"));
    for (const w of r.warnings || []) d.appendChild(make("p", "Note: " + w, "about"));
    if (r.ok && r.pairs.length) {
      const froms: string[] = [],
        tos: string[] = [];
      for (const p of r.pairs) {
        if (froms.indexOf(p.from) < 0) froms.push(p.from);
        if (tos.indexOf(p.to) < 0) tos.push(p.to);
      }
      const letterOf: { [cause: string]: string } = {};
      r.causes.forEach((c, n) => {
        letterOf[c.cause] = n < letters.length ? letters.charAt(n) : "#";
      });
      const grid = make("table", undefined, "grid");
      grid.setAttribute("aria-label", "Pairs of " + nameOf(r));
      const head = make("tr");
      head.appendChild(make("th", "from \\ to"));
      for (const t of tos) head.appendChild(make("th", t, "to"));
      grid.appendChild(head);
      for (const f of froms) {
        const tr = make("tr");
        tr.appendChild(make("th", f, "from"));
        for (const t of tos) {
          const p = r.pairs.filter((x) => x.from === f && x.to === t)[0];
          const td = p
            ? p.match === null
              ? make("td", "?", "unknown")
              : p.match
                ? make("td", "✓", "ok")
                : make("td", letterOf[p.cause] || "#", "bad")
            : make("td", "");
          td.title = p
            ? f +
              " → " +
              t +
              ": expected " +
              p.expected +
              ", predicted " +
              p.predicted +
              (p.cause ? " (" + p.cause + ")" : "")
            : f + " → " + t + ": not graded";
          tr.appendChild(td);
        }
        grid.appendChild(tr);
      }
      d.appendChild(grid);
    }
    if (r.ok) {
      d.appendChild(make("h3", r.causes.length ? "What to fix" : "Nothing to fix: every graded pair matches"));
      const list = make("ul", undefined, "causes");
      r.causes.forEach((c, n) => {
        const li = make("li");
        li.appendChild(make("b", (n < letters.length ? letters.charAt(n) : "#") + "  "));
        li.appendChild(make("span", c.cause + " (" + c.pairs + (c.pairs === 1 ? " pair)" : " pairs)")));
        if (c.fix) {
          li.appendChild(make("br"));
          li.appendChild(make("span", "Fix: " + c.fix, "fix"));
        }
        list.appendChild(li);
      });
      d.appendChild(list);
    }
  }
}

export function htmlReport(results: GradeResult[], expectation: Expectation, when: Date): string {
  const ok = results.filter((r) => r.ok).length;
  const about =
    ok +
    " of " +
    results.length +
    " labs graded against " +
    (expectation.kind === "rules" ? "the rules of " : "") +
    expectation.source +
    ", " +
    when.toISOString().slice(0, 16).replace("T", " ") +
    " UTC. Score: expected pairs whose outcome matches ÷ pairs graded; unknown pairs (what the model does not cover) are not graded.";
  const rows = results.map((r) =>
    r.ok ? r : { ...r, score: null, graded: 0, matched: 0, unknown: 0, flags: [], warnings: [], pairs: [], causes: [] },
  );
  const script = "(" + renderGrades.toString() + ")();";
  const hash = (text: string) => "'sha256-" + createHash("sha256").update(text).digest("base64") + "'";
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src ' +
    hash(STYLE) +
    "; script-src " +
    hash(script) +
    '">' +
    '<meta name="viewport" content="width=device-width"><title>Mail lab grades</title><style>' +
    STYLE +
    '</style></head><body><main><h1>Mail lab grades</h1><p class="about" id="about"></p>' +
    '<table class="summary" id="summary" aria-label="Class summary"><thead><tr>' +
    '<th data-sort="student"><button type="button">Student</button></th><th>File</th>' +
    '<th data-sort="score"><button type="button">Score</button></th><th>Matched</th><th>Unknown</th><th>Notes</th>' +
    '</tr></thead><tbody></tbody></table><h2>Students</h2><div id="students"></div></main>' +
    '<script type="application/json" id="grades">' +
    scriptJson({ about, rows }) +
    "</script><script>" +
    script +
    "</script></body></html>\n"
  );
}
