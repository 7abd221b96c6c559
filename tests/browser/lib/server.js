// A tiny static file server for the built site: 127.0.0.1 on an ephemeral port, index.html for
// directories, /404.html with status 404 for anything missing, and nothing outside the root.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".woff2": "font/woff2",
  ".webm": "video/webm",
  ".mp4": "video/mp4",
  ".vtt": "text/vtt; charset=utf-8",
};

/** Maps a request path to a file under `root`, or null (missing, or trying to leave the root). */
export function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const segments = decoded.split(/[\\/]+/);
  if (segments.some((s) => s === "..")) return null;
  const file = path.resolve(root, "." + path.posix.normalize("/" + segments.join("/")));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (stat.isDirectory()) {
    const index = path.join(file, "index.html");
    return fs.existsSync(index) ? index : null;
  }
  return stat.isFile() ? file : null;
}

/** Starts the server; resolves to { url, close() }. */
export function serve(rootDir) {
  const root = path.resolve(rootDir);
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://127.0.0.1");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    // A directory without its trailing slash: redirect, as static hosts do.
    const file = resolveFile(root, pathname);
    if (file && file.endsWith(path.sep + "index.html") && !pathname.endsWith("/") && !pathname.endsWith("index.html")) {
      res.writeHead(301, { location: pathname + "/" }).end();
      return;
    }
    const status = file ? 200 : 404;
    const body = file ?? path.join(root, "404.html");
    if (!fs.existsSync(body)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    const type = TYPES[path.extname(body).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(body).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}
