// Runs the lab CLI's main() in-process, collecting its output lines.
import { main } from "../../lab/cli";

export function runCli(args: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [],
    err: string[] = [];
  const status = main(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  if (typeof status !== "number") throw new Error("runCli: the grade subcommand is async, call grade() itself");
  return { status, out, err };
}
