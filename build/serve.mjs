// npm start: serves the playground and the built module on localhost until Ctrl-C.

import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/** Starts the server; port 0 picks a free one. Resolves to { url, close }. */
export function startServer(port = 0, host = "127.0.0.1") {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const rel = path === "/" ? "playground/index.html" : normalize(path).replace(/^[/\\]+/, "");
    if (rel.startsWith("..") || !/^(module|playground)\//.test(rel)) {
      res.writeHead(404).end("not found");
      return;
    }
    try {
      const body = await readFile(join(root, rel));
      res
        .writeHead(200, {
          "content-type": TYPES[extname(rel)] || "application/octet-stream",
          "cache-control": "no-store",
        })
        .end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      resolve({ url: `http://${host}:${p}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = Number(process.env.PORT || 5173);
  startServer(wanted)
    .catch((e) => (e.code === "EADDRINUSE" ? startServer(0) : Promise.reject(e)))
    .then(
      ({ url }) => {
        console.log(`Mail Console playground: ${url}`);
        console.log("Serving dist/ (the built module and the playground). Press Ctrl-C to stop.");
      },
      (e) => {
        console.error(e.message);
        process.exit(1);
      },
    );
}
