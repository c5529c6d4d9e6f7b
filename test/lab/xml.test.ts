// The small XML parser, on the shapes PT writes.
import { describe, expect, it } from "vitest";
import { child, parseXml, textAt, XmlError } from "../../lab/import/xml";

describe("parseXml", () => {
  it("reads elements, attributes, text, and skips the prolog, comments and processing instructions", () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!DOCTYPE PACKETTRACER5>\n<!-- saved -->\n<A x="1" y=\'two\'>\n <B>hello</B>\n <?pi stuff?>\n <C/>\n</A>\n',
    );
    expect(root.name).toBe("A");
    expect(root.attrs).toEqual({ x: "1", y: "two" });
    expect(root.children.map((c) => c.name)).toEqual(["B", "C"]);
    expect(textAt(root, "B")).toBe("hello");
    expect(root.text).toBe("");
  });

  it("decodes entities and keeps PT's literal '>' and multi-line text as written", () => {
    const root = parseXml(
      '<M><C>From: &lt;a@b&gt; &amp; x > y &#65;&#x42;\n\n  indented </C><T a="&quot;q&quot; &lt;"/></M>',
    );
    expect(textAt(root, "C")).toBe("From: <a@b> & x > y AB\n\n  indented ");
    expect(child(root, "T")!.attrs.a).toBe('"q" <');
  });

  it("keeps CDATA as is", () => {
    expect(parseXml("<P><![CDATA[<html>&amp;</html>]]> &amp;</P>").text).toBe("<html>&amp;</html> &");
  });

  it("accepts raw control characters in attribute values (a real .pka's ACTIVITY VALUE has them)", () => {
    expect(parseXml('<A VALUE="\u0001\u0002z"/>').attrs.VALUE).toBe("\u0001\u0002z");
  });

  it("skips subtrees it is told to, still checking they are well formed", () => {
    const xml = "<R><KEEP><X>1</X></KEEP><BIG><Y><Z/></Y></BIG><KEEP><X>2</X></KEEP></R>";
    const root = parseXml(xml, { skip: (name) => name === "BIG" });
    expect(root.children.map((c) => c.name)).toEqual(["KEEP", "KEEP"]);
    expect(() => parseXml("<R><BIG><Y></BIG></R>", { skip: (name) => name === "BIG" })).toThrow(
      /expected <\/Y>, found <\/BIG>/,
    );
  });

  it("lets skip decide from the children seen so far", () => {
    const root = parseXml("<R><N>a</N><N>b</N><N>c</N></R>", {
      skip: (_name, parent) => !!parent && parent.children.length > 0,
    });
    expect(root.children.map((c) => c.text)).toEqual(["a"]);
  });

  const bad: [string, RegExp][] = [
    ["<A><B></A>", /line 1: expected <\/B>, found <\/A>/],
    ["<A>\n<B>\n", /line 3: <B> is never closed/],
    ["<A></A><B/>", /a second root element <B>/],
    ["text<A/>", /text outside the root element/],
    ["<A>&nbsp;</A>", /unknown entity &nbsp;/],
    ["<A b=1/>", /bad attribute in <A>/],
    ["<A><!-- never ends</A>", /unterminated comment/],
    ["", /no root element/],
    ["</A>", /without an open element/],
  ];
  for (const [xml, message] of bad) {
    it("refuses " + JSON.stringify(xml), () => {
      expect(() => parseXml(xml)).toThrow(XmlError);
      expect(() => parseXml(xml)).toThrow(message);
    });
  }
});
