// Grading a class (issue 25): 100 generated labs of about 1 MB of XML graded on
// every core and by one worker, the median time per lab, and the most memory
// a lab adds to its worker (lab/grade/bench.ts says how each is measured).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function gradeFigures() {
  const out = execFileSync(
    process.execPath,
    [join(root, "build/lab-cli.mjs"), "--run", "lab/grade/bench.ts", "--json", "--labs", "100"],
    { encoding: "utf8", cwd: root, timeout: 600000 },
  );
  const r = JSON.parse(out.trim().split("\n")[0]);
  return {
    gradeLabsPerSecond: r.gradeLabsPerSecond,
    gradeOneCoreLabsPerSecond: r.gradeOneCoreLabsPerSecond,
    gradeCoreRatio: r.gradeCoreRatio,
    gradeCpuRatio: r.gradeCpuRatio,
    gradeMachineCoreRatio: r.gradeMachineCoreRatio,
    gradeThreads: r.gradeThreads,
    gradeMs: r.gradeMs,
    gradeWorkerPeakRatio: r.gradeWorkerPeakRatio,
  };
}
