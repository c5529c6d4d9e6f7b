// Save in the panel writes through PT's SystemFileManager into the PT user
// folder, which the playground does not have: the worker hands each file the
// engine wrote to the page, and the page offers it as a download under the
// name it has in the simulated folder (issue 22: "Saved 30 rows" wrote nothing).
const TYPES: { [ext: string]: string } = { csv: "text/csv;charset=utf-8", json: "application/json;charset=utf-8" };

/** The file's name in its path, PT's (C:/Users/…) or any other. */
export const fileName = (path: string) => path.split(/[\\/]/).pop() || "mail-console.txt";

export function offerDownload(path: string, text: string): void {
  const name = fileName(path);
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  const url = URL.createObjectURL(new Blob([text], { type: TYPES[ext] || "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its bytes once it starts; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
