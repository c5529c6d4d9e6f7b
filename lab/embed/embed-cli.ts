// `npm run lab -- embed LAB [--out FILE] [--replace | --remove] [--module DIR]`:
// writes a copy of LAB whose File Script Module holds Mail Console as built in
// DIR (dist/module by default), or, with --remove, a copy without it. LAB is
// never changed unless --out names it. Exit 0 when written, 1 otherwise.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LabFileError, MAX_FILE_BYTES } from "../codec/container";
import { decodeLab, encodeLab } from "../codec/lab-file";
import { nodeZlib } from "../codec/zlib-node";
import { EmbedRefused, embedMailConsole, type MailConsoleFiles, removeMailConsole } from "./embed";

const USAGE = "usage: npm run lab -- embed LAB [--out FILE] [--replace | --remove] [--module DIR]";

export function readBuiltModule(dir: string): MailConsoleFiles {
  const manifestPath = join(dir, "module.json");
  if (!existsSync(manifestPath)) throw new EmbedRefused("no built module in " + dir + ": run `npm run build` first");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  return {
    manifest,
    engine: new Uint8Array(readFileSync(join(dir, manifest.scriptEngine[0]))),
    panel: new Uint8Array(readFileSync(join(dir, manifest.customInterfaces[0]))),
  };
}

/** Where the copy goes by default: beside LAB, named for what was done. */
function defaultOut(lab: string, remove: boolean): string {
  const m = /^(.*?)(\.pk[at])?$/i.exec(lab) as RegExpExecArray;
  return m[1] + (remove ? "-without-mail-console" : "-mail-console") + (m[2] || ".pkt");
}

function option(argv: string[], name: string): string | null {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : null;
}

export function embedMain(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const flags = ["--replace", "--remove"],
    valued = ["--out", "--module"];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (valued.indexOf(a) >= 0) i++;
    else if (a.startsWith("--") && flags.indexOf(a) < 0) {
      err("unknown option " + a + "; " + USAGE);
      return 1;
    } else if (!a.startsWith("--")) files.push(a);
  }
  const remove = argv.indexOf("--remove") >= 0,
    replace = argv.indexOf("--replace") >= 0;
  if (files.length !== 1 || (remove && replace) || valued.some((v) => argv.indexOf(v) >= 0 && !option(argv, v))) {
    err(USAGE);
    return 1;
  }
  const lab = files[0];
  const target = option(argv, "--out") || defaultOut(lab, remove);
  try {
    const size = statSync(lab).size;
    if (size > MAX_FILE_BYTES)
      throw new LabFileError("file is " + size + " bytes, above the " + MAX_FILE_BYTES + "-byte limit");
    const decoded = decodeLab(new Uint8Array(readFileSync(lab)), nodeZlib);
    const major = Number((/<VERSION>(\d+)\./.exec(decoded.xml.slice(0, 4096)) || [])[1] || 9);
    const result = remove
      ? removeMailConsole(decoded.xml, decoded.kind)
      : embedMailConsole(decoded.xml, decoded.kind, readBuiltModule(option(argv, "--module") || "dist/module"), {
          replace,
          ptMajor: major,
        });
    // Unchanged XML keeps the lab's own compressed payload (lab-file.ts): embedding twice gives the same bytes.
    const bytes = encodeLab({ xml: result.xml, original: decoded.original }, nodeZlib);
    writeFileSync(target, bytes);
    for (const n of result.notes) out(lab + ": " + n);
    out(lab + ": wrote " + target + " (" + bytes.length + " bytes)");
    return 0;
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    const why =
      e instanceof LabFileError || e instanceof EmbedRefused
        ? e.message
        : error && error.code === "ENOENT"
          ? "no such file"
          : String(error?.message || e).split("\n")[0];
    err(lab + ": " + why);
    return 1;
  }
}
