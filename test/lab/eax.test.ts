// EAX and CMAC over a generic block cipher, checked with AES-128 (Node's
// crypto, ECB on one block) against published vectors: RFC 4493 §4 for CMAC,
// and Appendix G of the EAX paper (Bellare, Rogaway, Wagner) for EAX. Then
// the counter, worked out by hand, and the fast paths against the plain one.
import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type BlockCipher,
  cmac,
  eaxDecrypt,
  eaxEncrypt,
  eaxOpenWords,
  eaxSealWords,
  wordCipher,
} from "../../lab/codec/eax";
import { Twofish128 } from "../../lab/codec/twofish";
import { bytesOf, wordsOf } from "../../lab/codec/words";
import { fromHex, toHex } from "./hex";

function aes(key: string): BlockCipher {
  const k = fromHex(key);
  return wordCipher((block) => {
    const c = createCipheriv("aes-128-ecb", k, null);
    c.setAutoPadding(false);
    return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
  });
}

describe("CMAC (RFC 4493 examples)", () => {
  const key = "2B7E151628AED2A6ABF7158809CF4F3C";
  const m =
    "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710";
  const cases: [number, string][] = [
    [0, "BB1D6929E95937287FA37D129B756746"],
    [16, "070A16B46B4D4144F79BDD9DD04A287C"],
    [40, "DFA66747DE9AE63030CA32611497C827"],
    [64, "51F0BEBF7E3B9D92FC49741779363CFE"],
  ];
  for (const [len, tag] of cases) {
    it("of a " + len + "-byte message", () => {
      expect(toHex(cmac(aes(key), fromHex(m).subarray(0, len)))).toBe(tag);
    });
  }
});

// Appendix G: MSG, KEY, NONCE, HEADER, CIPHER (ciphertext followed by the 16-byte tag).
const EAX_AES128: [string, string, string, string, string][] = [
  [
    "",
    "233952DEE4D5ED5F9B9C6D6FF80FF478",
    "62EC67F9C3A4A407FCB2A8C49031A8B3",
    "6BFB914FD07EAE6B",
    "E037830E8389F27B025A2D6527E79D01",
  ],
  [
    "F7FB",
    "91945D3F4DCBEE0BF45EF52255F095A4",
    "BECAF043B0A23D843194BA972C66DEBD",
    "FA3BFD4806EB53FA",
    "19DD5C4C9331049D0BDAB0277408F67967E5",
  ],
  [
    "1A47CB4933",
    "01F74AD64077F2E704C0F60ADA3DD523",
    "70C3DB4F0D26368400A10ED05D2BFF5E",
    "234A3463C1264AC6",
    "D851D5BAE03A59F238A23E39199DC9266626C40F80",
  ],
  [
    "481C9E39B1",
    "D07CF6CBB7F313BDDE66B727AFD3C5E8",
    "8408DFFF3C1A2B1292DC199E46B7D617",
    "33CCE2EABFF5A79D",
    "632A9D131AD4C168A4225D8E1FF755939974A7BEDE",
  ],
  [
    "40D0C07DA5E4",
    "35B6D0580005BBC12B0587124557D2C2",
    "FDB6B06676EEDC5C61D74276E1F8E816",
    "AEB96EAEBE2970E9",
    "071DFE16C675CB0677E536F73AFE6A14B74EE49844DD",
  ],
  [
    "4DE3B35C3FC039245BD1FB7D",
    "BD8E6E11475E60B268784C38C62FEB22",
    "6EAC5C93072D8E8513F750935E46DA1B",
    "D4482D1CA78DCE0F",
    "835BB4F15D743E350E728414ABB8644FD6CCB86947C5E10590210A4F",
  ],
  [
    "8B0A79306C9CE7ED99DAE4F87F8DD61636",
    "7C77D6E813BED5AC98BAA417477A2E7D",
    "1A8C98DCD73D38393B2BF1569DEEFC19",
    "65D2017990D62528",
    "02083E3979DA014812F59F11D52630DA30137327D10649B0AA6E1C181DB617D7F2",
  ],
  [
    "1BDA122BCE8A8DBAF1877D962B8592DD2D56",
    "5FFF20CAFAB119CA2FC73549E20F5B0D",
    "DDE59B97D722156D4D9AFF2BC7559826",
    "54B9F04E6A09189A",
    "2EC47B2C4954A489AFC7BA4897EDCDAE8CC33B60450599BD02C96382902AEF7F832A",
  ],
  [
    "6CF36720872B8513F6EAB1A8A44438D5EF11",
    "A4A4782BCFFD3EC5E7EF6D8C34A56123",
    "B781FCF2F75FA5A8DE97A9CA48E522EC",
    "899A175897561D7E",
    "0DE18FD0FDD91E7AF19F1D8EE8733938B1E8E7F6D2231618102FDB7FE55FF1991700",
  ],
  [
    "CA40D7446E545FFAED3BD12A740A659FFBBB3CEAB7",
    "8395FCF1E95BEBD697BD010BC766AAC3",
    "22E7ADD93CFC6393C57EC0B3C17D6B44",
    "126735FCC320D25A",
    "CB8920F87A6C75CFF39627B56E3ED197C552D295A7CFC46AFC253B4652B1AF3795B124AB6E",
  ],
];

describe("EAX with AES-128 (EAX paper, Appendix G)", () => {
  EAX_AES128.forEach(([msg, key, nonce, header, sealed], i) => {
    it("vector " + (i + 1) + ": encrypts, and decrypts with the tag checked", () => {
      const cipher = aes(key);
      expect(toHex(eaxEncrypt(cipher, fromHex(nonce), fromHex(header), fromHex(msg)))).toBe(sealed);
      const opened = eaxDecrypt(cipher, fromHex(nonce), fromHex(header), fromHex(sealed));
      expect(opened && toHex(opened)).toBe(msg);
    });
  });

  it("refuses a ciphertext or a header that changed", () => {
    const [msg, key, nonce, header, sealed] = EAX_AES128[9];
    const cipher = aes(key);
    const flipped = fromHex(sealed);
    flipped[3] ^= 1;
    expect(eaxDecrypt(cipher, fromHex(nonce), fromHex(header), flipped)).toBeNull();
    expect(eaxDecrypt(cipher, fromHex(nonce), fromHex(header + "00"), fromHex(sealed))).toBeNull();
    expect(msg.length).toBeGreaterThan(0);
  });
});

describe("EAX's counter and the word paths", () => {
  /** E(x) = x: then N = the nonce, the pads are the counters, and the tag can be worked out by hand. */
  const identity: BlockCipher = { encryptWords() {} };

  it("increments the counter as one big-endian 128-bit number, carrying across words", () => {
    // K1 = K2 = 2·E(0) = 0. N = OMAC^0(nonce) = E(E(tweak 0) ⊕ nonce) = nonce; H = OMAC^1("") = E(tweak 1 ⊕ K1) = 0…01.
    // Zeros encrypt to the pads: N, then N + 1 = 00000001 0…0. The MAC of C1 ‖ C2 is
    // E(E(tweak 2) ⊕ C1) ⊕ C2 = 0…02 ⊕ N ⊕ (N + 1), so the tag N ⊕ H ⊕ it is (N + 1) ⊕ 0…03.
    const nonce = "00000000FFFFFFFFFFFFFFFFFFFFFFFF";
    const sealed = eaxEncrypt(identity, fromHex(nonce), new Uint8Array(0), new Uint8Array(32));
    expect(toHex(sealed)).toBe(nonce + "00000001000000000000000000000000" + "00000001000000000000000000000003");
    expect(toHex(eaxDecrypt(identity, fromHex(nonce), new Uint8Array(0), sealed)!)).toBe("00".repeat(32));
  });

  it("gives Twofish's two-block path the same results as one block at a time, for every tail length", () => {
    const twofish = new Twofish128(fromHex("89".repeat(16)));
    const oneAtATime: BlockCipher = { encryptWords: (x) => twofish.encryptWords(x) };
    const nonce = fromHex("10".repeat(16));
    for (const length of [...Array(50).keys(), 255, 256, 257, 1000]) {
      const text = Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
      const sealed = eaxEncrypt(twofish, nonce, fromHex("AB"), text);
      expect(toHex(sealed)).toBe(toHex(eaxEncrypt(oneAtATime, nonce, fromHex("AB"), text)));
      expect(toHex(eaxDecrypt(twofish, nonce, fromHex("AB"), sealed)!)).toBe(toHex(text));
    }
  });

  it("XORs a 256-byte pattern into the plaintext in the same pass (the container's layer B)", () => {
    const cipher = new Twofish128(fromHex("89".repeat(16)));
    const nonce = fromHex("10".repeat(16));
    const pattern = Int32Array.from({ length: 64 }, (_, i) => Math.imul(i + 1, 0x9e3779b9));
    const text = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const xored = text.map((b, i) => b ^ ((pattern[(i >> 2) & 63] >>> (8 * (i & 3))) & 0xff));
    const words = wordsOf(new Uint8Array([...text, ...new Uint8Array(16)]));
    eaxSealWords(cipher, nonce, new Uint8Array(0), words, text.length, pattern);
    expect(toHex(bytesOf(words, 316))).toBe(toHex(eaxEncrypt(cipher, nonce, new Uint8Array(0), xored)));
    expect(eaxOpenWords(cipher, nonce, new Uint8Array(0), words, 316, pattern)).toBe(true);
    expect(toHex(bytesOf(words, 300))).toBe(toHex(text));
  });
});
