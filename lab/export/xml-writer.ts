// Writes XML the way PT saves it: one element per line, one space of indent
// per level, `&` and `<` escaped but `>` left literal
// (research/pt-labs-and-fidelity.md C3, escaping quirk).

export type Node = { name: string; attrs?: [string, string][]; text?: string; children?: Node[] };

export function el(name: string, content?: string | Node[], attrs?: [string, string][]): Node {
  if (Array.isArray(content)) return { name, attrs, children: content };
  return { name, attrs, text: content == null ? "" : content };
}

export function escapeText(s: string): string {
  // "]]>" is the one place a literal ">" is not allowed in XML text.
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/]]>/g, "]]&gt;");
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

export function writeXml(root: Node): string {
  const out: string[] = [];
  const write = (node: Node, depth: number) => {
    const pad = " ".repeat(depth);
    const attrs = (node.attrs || []).map(([k, v]) => " " + k + '="' + escapeAttr(v) + '"').join("");
    if (node.children) {
      if (!node.children.length) {
        out.push(pad + "<" + node.name + attrs + "/>");
        return;
      }
      out.push(pad + "<" + node.name + attrs + ">");
      for (const c of node.children) write(c, depth + 1);
      out.push(pad + "</" + node.name + ">");
    } else if (node.text) {
      out.push(pad + "<" + node.name + attrs + ">" + escapeText(node.text) + "</" + node.name + ">");
    } else {
      out.push(pad + "<" + node.name + attrs + "/>");
    }
  };
  write(root, 0);
  return out.join("\n") + "\n";
}
