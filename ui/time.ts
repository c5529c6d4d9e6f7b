// Times as the panel shows them: in the zone of the machine running Packet
// Tracer. Exports carry the offset, so a file read elsewhere keeps its meaning.

const pad = (n: number) => (n < 10 ? "0" : "") + n;

/** ISO 8601 in the local zone with its offset: 2026-01-01T09:00:00.000+01:00. */
export function isoLocal(at: number): string {
  const off = -new Date(at).getTimezoneOffset();
  const abs = Math.abs(off);
  return (
    new Date(at + off * 60000).toISOString().slice(0, -1) +
    (off < 0 ? "-" : "+") +
    pad(Math.floor(abs / 60)) +
    ":" +
    pad(abs % 60)
  );
}

/** 12:48:09 */
export const clock = (at: number) => isoLocal(at).slice(11, 19);
