// Runs `npm run lab -- grade` in-process (lab/grade/grade-cli.ts), collecting its output lines.
import { grade } from "../../lab/grade/grade-cli";

export async function runGrade(args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [],
    err: string[] = [];
  const status = await grade(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { status, out, err };
}
