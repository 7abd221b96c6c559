// A generated site for the search tests at scale: examples/corpus with N records, built with
// $VESTIS_BIN, and what its Latvian search index holds, read from the files directly. The
// corpus's own theme has no search box, so the example site's box is pointed at the corpus's
// index (`routeIndex`). The corpus generator is $VESTIS_CORPUS_BIN, else
// `cargo run --release --example corpus`.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { HERE } from "./site.js";
import { folder } from "./search.js";

const REPO = path.resolve(HERE, "..", "..");

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26, ...options });
}

/**
 * Generates and builds a corpus of `records` records in a fresh temporary folder; resolves to
 * { work, out, manifest } (the folder to remove, the built output, the Latvian manifest).
 */
export function buildCorpus(records) {
  const bin = process.env.VESTIS_BIN;
  assert.ok(bin && fs.existsSync(bin), `set VESTIS_BIN to a vestis binary (now ${bin})`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-corpus-"));
  const site = path.join(work, "site");
  const args = ["--records", String(records), "--out", site];
  if (process.env.VESTIS_CORPUS_BIN) run(process.env.VESTIS_CORPUS_BIN, args);
  else run("cargo", ["run", "--quiet", "--release", "--example", "corpus", "--", ...args], { cwd: REPO });
  const out = path.join(work, "public");
  run(bin, ["build", "--root", site, "--output", out]);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, "lv", "search.json"), "utf8"));
  return { work, out, manifest };
}

/** A `route` for searchOn: the page's requests for the Latvian search index get `out`'s files. */
export function routeIndex(out) {
  return async (page) => {
    await page.route(/\/lv\/search(\.json|\/.*)$/, (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^.*\/lv\//, "lv/");
      const file = path.join(out, rel);
      if (!file.startsWith(out + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ path: file, contentType: "application/json" });
    });
  };
}

/** The Latvian shard `file` of `out`: folded word → postings. */
export function shardOf(out, file) {
  return JSON.parse(fs.readFileSync(path.join(out, "lv", "search", file), "utf8"));
}

/** How many records the shards give for an all-words query (every query word begins a word). */
export function expectedCount(out, manifest, query) {
  const fold = folder(manifest.fold);
  const words = (query.match(/[\p{L}\p{N}\p{M}]+/gu) || []).map(fold);
  let total = null;
  for (const w of words) {
    const found = new Set();
    for (const [key, [file]] of Object.entries(manifest.shards)) {
      if (!(w.startsWith(key) || key.startsWith(w))) continue;
      for (const [word, flat] of Object.entries(shardOf(out, file))) {
        if (!word.startsWith(w)) continue;
        let n = 0;
        for (let i = 0; i < flat.length; i += 2) { n += flat[i]; found.add(n); }
      }
    }
    total = total === null ? found : new Set([...total].filter((n) => found.has(n)));
  }
  return total.size;
}
