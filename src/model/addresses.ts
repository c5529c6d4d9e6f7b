// IPv4 and mail-address arithmetic for the model (ES2016: no bitwise ops on
// 32-bit values above 2^31, so networks are compared by division).

export function parseIp(text: string): number | null {
  // By hand, one pass: every verdict asks this of the same few addresses thousands of times.
  // The length read once: each read of a string's length allocates in Qt's engine (README, Qt traps).
  const t = String(text).trim();
  const length = t.length;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) {
      if (!digits || ++dots > 3) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + c - 48;
      digits++;
      if (part > 255) return null;
    } else return null;
  }
  return dots === 3 && digits ? value * 256 + part : null;
}

/**
 * An ARP table as a snapshot keeps it (DeviceFacts.arp): its addresses in one string, each between newlines
 * ("" when empty). One heap item, not one an address: PT hands each address over as a string of its own, a
 * class's PCs resolve 150 each, and as lists they were 44,000 strings in every snapshot of a 300-device lab for
 * Qt's collector to mark on each pass (issue 23).
 */
export function arpText(addresses: readonly string[]): string {
  return addresses.length ? "\n" + addresses.join("\n") + "\n" : "";
}

/** Whether the ARP table (arpText) has resolved `ip`. */
export function arpHas(arp: string, ip: string): boolean {
  return arp.indexOf("\n" + ip + "\n") >= 0;
}

export function isIpAddress(text: string): boolean {
  return parseIp(text) !== null;
}

/** An address PT shows for "not set" (DnsClient.getServerIp() answers 0.0.0.0: pt-labs-and-fidelity.md B1). */
export function isUnset(ip: string | null | undefined): boolean {
  return !ip || ip.trim() === "" || ip.trim() === "0.0.0.0";
}

/** The address a failed DHCP request leaves on a PT host (APIPA, 169.254.0.0/16). */
export function isAutoConfigured(ip: string): boolean {
  return /^169\.254\./.test(ip.trim());
}

/** The network number of ip under mask, or null when either is not an address. */
export function networkOf(ip: string, mask: string): number | null {
  const x = parseIp(ip),
    m = parseIp(mask);
  if (x === null || m === null) return null;
  const size = 4294967296 - m;
  return Math.floor(x / size) * size;
}

export function sameSubnet(a: string, b: string, mask: string): boolean {
  const x = networkOf(a, mask),
    y = networkOf(b, mask);
  return x !== null && x === y;
}

/** The prefix length of a mask (255.255.255.0 → 24), or -1 when it is not a mask. */
export function prefixLength(mask: string): number {
  const m = parseIp(mask);
  if (m === null) return -1;
  for (let bits = 0; bits <= 32; bits++) {
    if (4294967296 - Math.pow(2, 32 - bits) === m) return bits;
  }
  return -1;
}

/** A wildcard mask (0.0.0.255, as IOS `network … area` writes it) turned into a subnet mask. */
export function maskFromWildcard(wildcard: string): string | null {
  const w = parseIp(wildcard);
  if (w === null) return null;
  return ipText(4294967295 - w);
}

/** The classful mask of an address, as RIP and EIGRP `network` statements read it. */
export function classfulMask(ip: string): string {
  const first = Number(String(ip).trim().split(".")[0]);
  return first < 128 ? "255.0.0.0" : first < 192 ? "255.255.0.0" : "255.255.255.0";
}

export function ipText(value: number): string {
  const parts: number[] = [];
  let v = value;
  for (let i = 0; i < 4; i++) {
    parts.unshift(v % 256);
    v = Math.floor(v / 256);
  }
  return parts.join(".");
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0
    ? ""
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

export function localPartOf(address: string): string {
  const at = address.lastIndexOf("@");
  return (at < 0 ? address : address.slice(0, at)).trim();
}
