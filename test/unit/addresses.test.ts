// parseIp is the model's most called function (a profile of the 40 × 40 campus matrix): a hand-written scan,
// held here to the dotted-quad rules it replaced (four parts of one to three digits, each at most 255).
import { describe, expect, it } from "vitest";
import { parseIp } from "../../src/model/addresses";

describe("parseIp", () => {
  it("reads dotted quads, surrounding spaces and leading zeros allowed", () => {
    const ok: [string, number][] = [
      ["0.0.0.0", 0],
      ["255.255.255.255", 4294967295],
      [" 10.1.2.3 ", 167838211],
      ["192.168.001.010", 3232235786],
    ];
    for (const [text, value] of ok) expect(parseIp(text), text).toBe(value);
  });

  it("refuses anything else", () => {
    const bad = ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4a", "1234.1.1.1"];
    for (const text of bad.concat(["a.b.c.d", "1.2.3.-4", "1 .2.3.4", "1.2.3.4/24"]))
      expect(parseIp(text), text).toBeNull();
  });
});
