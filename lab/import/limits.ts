// What one lab may hold, so that any file is read in bounded time and memory
// (issue 27). Beyond the container's limits (lab/codec/container.ts: 64 MB of
// file, 256 MB of declared XML), these cut what is read, with a warning that
// says what was cut, or refuse the file in one line. The numbers are ours, far
// above any lab seen: of 1,141 public labs (PT 7.2–9.0.1, studied outside the
// repository), the largest imports 88 devices from 26,887 built elements, and
// a 25 MB .pka's current network builds 17,107 [measured here, issue 27].
export const LIMITS = {
  /** Elements built, in all (skipped subtrees are not built): above it the file is refused. */
  elements: 4_000_000,
  /** Nesting of elements, skipped ones included: above it the file is refused. */
  depth: 200_000,
  /** Children built under one element; the rest are checked but not built (a warning). */
  children: 500_000,
  /** Characters of one element's text or one attribute's value; the rest is not kept (a warning). */
  text: 1_048_576,
  /** Devices: above it the file is refused (each device read is kept, so cutting would not bound memory). */
  devices: 10_000,
  /** Mail users read per mail server (a warning). */
  usersPerServer: 100_000,
  /** Links read (a warning). */
  links: 10_000,
  /** Characters kept of a device, user, domain, port or DNS name (a warning). */
  name: 1_000,
  /** Email clients × mail accounts the delivery matrix is predicted for (lab/summary.ts); above, a warning. */
  matrixPairs: 250_000,
} as const;

/** 1000000 → "1,000,000", as the warnings print counts. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** A name from the lab cut to LIMITS.name, and a warning saying so when it was longer. */
export function cutName(name: string, what: string, warn: (message: string) => void): string {
  if (name.length <= LIMITS.name) return name;
  warn(what + " is longer than " + count(LIMITS.name) + " characters; the first " + count(LIMITS.name) + " are kept");
  return name.slice(0, LIMITS.name);
}
