// IPv4 arithmetic for the simulated topology.

export function parseIp(text: string): number | null {
  const parts = String(text).trim().split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function isIpAddress(text: string): boolean {
  return parseIp(text) !== null;
}

/** An address PT shows for "not set". */
export function isUnset(ip: string | undefined): boolean {
  return !ip || ip === "0.0.0.0";
}

export function sameSubnet(a: string, b: string, mask: string): boolean {
  const x = parseIp(a), y = parseIp(b), m = parseIp(mask);
  if (x === null || y === null || m === null) return false;
  // No bitwise ops on 32-bit values above 2^31: compare the network parts by division.
  const size = 4294967296 - m;
  return Math.floor(x / size) === Math.floor(y / size);
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "" : address.slice(at + 1).trim().toLowerCase();
}

export function localPartOf(address: string): string {
  const at = address.lastIndexOf("@");
  return (at < 0 ? address : address.slice(0, at)).trim();
}
