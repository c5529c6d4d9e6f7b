// `npm run lab -- [--json | --xml] FILE...`: opens saved Packet Tracer labs
// and prints what Mail Console would import from each. Exit status 0 when
// every file opened, 1 otherwise; each failure is one line naming the file.
import { readFileSync, statSync } from "node:fs";
import { LabFileError, MAX_FILE_BYTES } from "./codec/container";
import { decodeLab } from "./codec/lab-file";
import { nodeZlib } from "./codec/zlib-node";
import { importLab } from "./import/import-lab";
import { describe, type LabFailure, labMatrix, summarize } from "./summary";

const USAGE = "usage: npm run lab -- [--json | --xml] FILE...";

function readLab(file: string): Uint8Array {
  // Checked before reading, so a huge file is refused without loading it.
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES)
    throw new LabFileError("file is " + size + " bytes, above the " + MAX_FILE_BYTES + "-byte limit");
  return new Uint8Array(readFileSync(file));
}

function reason(e: unknown): string {
  if (e instanceof LabFileError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === "ENOENT") return "no such file";
  if (err && err.code === "EISDIR") return "is a directory";
  return "cannot be read (" + String(err?.message ? err.message : e).split("\n")[0] + ")";
}

export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const json = argv.indexOf("--json") >= 0,
    xml = argv.indexOf("--xml") >= 0;
  const unknown = argv.filter((a) => a.startsWith("--") && a !== "--json" && a !== "--xml");
  const files = argv.filter((a) => !a.startsWith("--"));
  if (unknown.length || !files.length || (json && xml)) {
    err((unknown.length ? "unknown option " + unknown[0] + "; " : "") + USAGE);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const decoded = decodeLab(readLab(file), nodeZlib);
      if (xml) {
        out(decoded.xml.replace(/\n$/, ""));
        continue;
      }
      const lab = importLab(decoded.xml, decoded.kind, file.replace(/^.*[\\/]/, ""));
      const predicted = labMatrix(lab);
      const summary = summarize(file, lab, predicted);
      if (json) out(JSON.stringify(summary));
      else for (const line of describe(summary, lab, predicted)) out(line);
    } catch (e) {
      failed++;
      const failure: LabFailure = { file, ok: false, error: reason(e) };
      if (json) out(JSON.stringify(failure));
      else err(file + ": " + failure.error);
    }
  }
  return failed ? 1 : 0;
}
