// `npm run lab -- [--json | --xml] FILE_OR_FOLDER...`: opens saved Packet Tracer labs
// and prints what Mail Console would import from each. Exit status 0 when
// every file opened, 1 otherwise; each failure is one line naming the file.
// Folders are walked (lab/grade/walk.ts). `npm run lab -- grade …` grades a
// class against an answer (lab/grade/grade-cli.ts).
import { decodeLab } from "./codec/lab-file";
import { nodeZlib } from "./codec/zlib-node";
import { scriptModuleSummary } from "./embed/embed";
import { embedMain } from "./embed/embed-cli";
import { readLabFile, reason } from "./failure";
import { grade } from "./grade/grade-cli";
import { progressLine } from "./grade/report-text";
import { walkLabs } from "./grade/walk";
import { importLab } from "./import/import-lab";
import { describe, type LabFailure, labMatrix, summarize } from "./summary";

const USAGE =
  "usage: npm run lab -- [--json | --xml] FILE... (a FILE may be a folder; to grade a class: npm run lab -- grade --answer ANSWER …)";

/** A bar redrawn on stderr while a class is graded, only on a terminal. */
function terminalProgress(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => process.stderr.write("\r" + progressLine(done, total) + (done === total ? "\r\x1b[K" : ""));
}

export function main(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): number | Promise<number> {
  if (argv[0] === "grade") return grade(argv.slice(1), out, err, { progress: terminalProgress() });
  if (argv[0] === "embed") return embedMain(argv.slice(1), out, err);
  const json = argv.indexOf("--json") >= 0,
    xml = argv.indexOf("--xml") >= 0;
  const unknown = argv.filter((a) => a.startsWith("--") && a !== "--json" && a !== "--xml");
  const files = argv.filter((a) => !a.startsWith("--"));
  if (unknown.length || !files.length || (json && xml)) {
    err((unknown.length ? "unknown option " + unknown[0] + "; " : "") + USAGE);
    return 1;
  }
  const walked = walkLabs(files);
  for (const s of walked.skipped) err(s.path + ": skipped (" + s.why + ")");
  if (!walked.labs.length) {
    err("no .pkt or .pka file in " + files.join(", "));
    return 1;
  }
  let failed = 0;
  for (const file of walked.labs) {
    try {
      const decoded = decodeLab(readLabFile(file), nodeZlib);
      if (xml) {
        out(decoded.xml.replace(/\n$/, ""));
        continue;
      }
      const lab = importLab(decoded.xml, decoded.kind, file.replace(/^.*[\\/]/, ""));
      if (decoded.warnings) lab.warnings.unshift(...decoded.warnings);
      const predicted = labMatrix(lab);
      const summary = summarize(file, lab, predicted, scriptModuleSummary(decoded.xml));
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
