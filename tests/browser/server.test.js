// The test server itself: directories get index.html, unknown paths the 404 page with status
// 404, and nothing outside the served directory is reachable.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { serve } from "./lib/server.js";

function get(base, rawPath) {
  return new Promise((resolve, reject) => {
    const { port } = new URL(base);
    const req = http.request({ host: "127.0.0.1", port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => { body += c; });
      res.on("end", () => resolve({ status: res.statusCode, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("static server: index.html, 404 page, no way out of the root", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-server-"));
  const root = path.join(tmp, "site");
  fs.mkdirSync(path.join(root, "lv"), { recursive: true });
  fs.writeFileSync(path.join(root, "index.html"), "root");
  fs.writeFileSync(path.join(root, "lv", "index.html"), "lv home");
  fs.writeFileSync(path.join(root, "404.html"), "not here");
  fs.writeFileSync(path.join(tmp, "secret.txt"), "secret");
  const server = await serve(root);
  try {
    assert.deepEqual((({ status, body }) => ({ status, body }))(await get(server.url, "/lv/")), { status: 200, body: "lv home" });
    assert.equal((await get(server.url, "/lv")).status, 301);
    const missing = await get(server.url, "/nope/");
    assert.equal(missing.status, 404);
    assert.equal(missing.body, "not here");
    for (const p of ["/../secret.txt", "/%2e%2e/secret.txt", "/lv/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%00"]) {
      const r = await get(server.url, p);
      assert.equal(r.status, 404, p);
      assert.ok(!r.body.includes("secret"), p);
    }
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
