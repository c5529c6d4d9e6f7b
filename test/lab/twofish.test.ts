// Twofish-128 against the known-answer vectors published with the cipher
// (Schneier et al., "Twofish: A 128-Bit Block Cipher", ECB_TBL.TXT, KEYSIZE=128):
// I=1 encrypts zero with a zero key; each next step takes the previous
// plaintext as key and the previous ciphertext as plaintext.
import { describe, expect, it } from "vitest";
import { Twofish128 } from "../../lab/codec/twofish";
import { fromHex, toHex } from "./hex";

const ECB_TBL_128: { i: number; key: string; pt: string; ct: string }[] = [
  {
    i: 1,
    key: "00000000000000000000000000000000",
    pt: "00000000000000000000000000000000",
    ct: "9F589F5CF6122C32B6BFEC2F2AE8C35A",
  },
  {
    i: 2,
    key: "00000000000000000000000000000000",
    pt: "9F589F5CF6122C32B6BFEC2F2AE8C35A",
    ct: "D491DB16E7B1C39E86CB086B789F5419",
  },
  {
    i: 3,
    key: "9F589F5CF6122C32B6BFEC2F2AE8C35A",
    pt: "D491DB16E7B1C39E86CB086B789F5419",
    ct: "019F9809DE1711858FAAC3A3BA20FBC3",
  },
  {
    i: 4,
    key: "D491DB16E7B1C39E86CB086B789F5419",
    pt: "019F9809DE1711858FAAC3A3BA20FBC3",
    ct: "6363977DE839486297E661C6C9D668EB",
  },
  {
    i: 49,
    key: "BCA724A54533C6987E14AA827952F921",
    pt: "6B459286F3FFD28D49F15B1581B08E42",
    ct: "5D9D4EEFFA9151575524F115815A12E0",
  },
];

describe("Twofish-128", () => {
  for (const v of ECB_TBL_128) {
    it("matches ECB_TBL I=" + v.i, () => {
      expect(toHex(new Twofish128(fromHex(v.key)).encryptBlock(fromHex(v.pt)))).toBe(v.ct);
    });
  }

  it("reaches I=49 by chaining from a zero key and block, as the table is built", () => {
    let key: Uint8Array = new Uint8Array(16),
      pt: Uint8Array = new Uint8Array(16),
      ct: Uint8Array = new Uint8Array(16);
    for (let i = 1; i <= 49; i++) {
      ct = new Twofish128(key).encryptBlock(pt);
      key = pt;
      pt = ct;
    }
    expect(toHex(ct)).toBe("5D9D4EEFFA9151575524F115815A12E0");
  });

  it("enciphers two blocks at once as it does one by one (I=1 and I=2 share the zero key)", () => {
    // Each word four bytes little-endian, as Twofish reads them.
    const words = (hex: string) => [0, 4, 8, 12].map((i) => new DataView(fromHex(hex).buffer).getInt32(i, true));
    const x = Int32Array.from([...words(ECB_TBL_128[0].pt), ...words(ECB_TBL_128[1].pt)]);
    new Twofish128(new Uint8Array(16)).encryptTwo(x);
    expect(Array.from(x)).toEqual([...words(ECB_TBL_128[0].ct), ...words(ECB_TBL_128[1].ct)]);
  });

  it("refuses a key that is not 16 bytes", () => {
    expect(() => new Twofish128(new Uint8Array(24))).toThrow(/16 bytes/);
  });
});
