// Save writes the panel's export into the PT user folder through the File
// privilege (class_system_file_manager.html: full paths, UTF-8; the plain
// writer, since writeTextToFile wants base64).
import type { Reply } from "./protocol";
import type { Ipc } from "./pt";
import { refuse } from "./requests";

export function saveLog(ipc: Ipc, now: number, format: unknown, text: unknown): Reply<"saveLog"> {
  if (format !== "csv" && format !== "json") return refuse("Save: choose csv or json.", "format");
  if (typeof text !== "string") return refuse("Save: there is nothing to save.", "text");
  const folder = withoutTrailingSlashes(String(ipc.appWindow().getUserFolder()));
  const path = folder + "/mail-console-" + stamp(new Date(now)) + "." + format;
  const ok = ipc.systemFileManager().writePlainTextToFile(path, text);
  if (ok === false) return refuse("Packet Tracer could not write " + path + ".");
  return { ok: true, value: { path } };
}

// A loop, not /[\\/]+$/: that pattern is quadratic on a long run of slashes (issue 27).
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && (path.charAt(end - 1) === "/" || path.charAt(end - 1) === "\\")) end--;
  return path.slice(0, end);
}

function stamp(d: Date): string {
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  return (
    d.getFullYear() +
    p(d.getMonth() + 1) +
    p(d.getDate()) +
    "-" +
    p(d.getHours()) +
    p(d.getMinutes()) +
    p(d.getSeconds())
  );
}
