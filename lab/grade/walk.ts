// The labs named on a command line: files as given, folders walked (a shell
// glob of ~1,600 lab paths through `npm run lab` overflows the argument limit:
// npm exits 249 with no message, issue 25). In a folder only .pkt and .pka
// files are labs; everything else is listed as skipped, never fatal.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

export interface Skipped {
  path: string;
  why: string;
}

export interface Walked {
  /** In argument order; a folder's files sorted by path. */
  labs: string[];
  skipped: Skipped[];
}

export const LAB_FILE = /\.pk[at]$/i;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function walkLabs(paths: string[]): Walked {
  const out: Walked = { labs: [], skipped: [] };
  const seenDirs = new Set<string>();
  const folder = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      real = dir;
    }
    // A link back up the tree would walk forever.
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort(compare);
    } catch (e) {
      out.skipped.push({
        path: dir,
        why: "folder cannot be read (" + String((e as Error).message).split("\n")[0] + ")",
      });
      return;
    }
    const before = out.labs.length;
    for (const name of names) {
      const path = join(dir, name);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        // A dangling link: not a lab.
      }
      if (isDir) folder(path);
      else if (LAB_FILE.test(name)) out.labs.push(path);
      else out.skipped.push({ path, why: "not a .pkt or .pka file" });
    }
    if (out.labs.length === before && !names.length) out.skipped.push({ path: dir, why: "empty folder" });
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // Missing: kept, so opening it names the file and says why.
    }
    // A file named on the command line is tried whatever its name: the reader says what it is.
    if (isDir) folder(p);
    else out.labs.push(p);
  }
  return out;
}
