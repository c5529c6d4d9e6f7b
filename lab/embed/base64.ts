// Base64 of UTF-8 text and back, in Node and in a browser (atob/btoa on byte strings).

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/** The text whose base64 this is; a prefix of a longer base64 (a multiple of 4 characters) decodes its start. */
export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/\s+/g, "");
  const bin = atob(clean.slice(0, clean.length - (clean.length % 4)));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function base64ToText(b64: string): string {
  // Not fatal: a prefix may end inside a character.
  return new TextDecoder().decode(base64ToBytes(b64));
}
