// Reading a lab file from disk, and why one was not read, for the Node tools
// (lab/cli.ts, lab/grade/grade-lab.ts): one short line each.
import { readFileSync, statSync } from "node:fs";
import { LabFileError, MAX_FILE_BYTES } from "./codec/container";

/** At most this long: a message that repeats a 1 MB name is no message (issue 27). */
const MAX_REASON = 200;

export function readLabFile(file: string): Uint8Array {
  // Checked before reading, so a huge file is refused without loading it.
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES)
    throw new LabFileError("file is " + size + " bytes, above the " + MAX_FILE_BYTES + "-byte limit");
  return new Uint8Array(readFileSync(file));
}

/**
 * Why a file was not read, in one short line. A refusal (an error of one of `refusals`' classes)
 * says what is wrong with the file; anything else is this program's fault and says so, to be
 * reported, rather than passing for a refusal.
 */
export function reason(e: unknown, refusals: (new (...args: never[]) => Error)[] = [LabFileError]): string {
  const cut = (s: string) => (s.length > MAX_REASON ? s.slice(0, MAX_REASON - 1) + "…" : s);
  if (refusals.some((r) => e instanceof r)) return cut((e as Error).message.split("\n")[0]);
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === "ENOENT") return "no such file";
  if (err && err.code === "EISDIR") return "is a directory";
  if (err && (err.code === "EACCES" || err.code === "EPERM")) return "cannot be read (permission denied)";
  return cut(
    "internal error, please report it with this file (" + String(err?.message ? err.message : e).split("\n")[0] + ")",
  );
}
