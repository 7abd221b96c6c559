// The search index at scale: a generated 10,000-record site (examples/corpus, built once here
// with $VESTIS_BIN) answers three sample queries in the default theme's search box, each
// downloading at most BOUND bytes of index (manifest, shards and records together), with the
// expected number of records and highlighted passages.
//
// The corpus's own theme has no search box, so the example site ($VESTIS_SITE_DIR) is opened
// and its requests for /lv/search.json and /lv/search/… are answered from the corpus's output.
// The corpus generator is $VESTIS_CORPUS_BIN, else `cargo run --release --example corpus`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve } from "./lib/server.js";
import { siteDir, pages, HERE } from "./lib/site.js";
import { launch } from "./lib/browser.js";
import { searchOn, folder, countIn } from "./lib/search.js";

const RECORDS = 10000;
const BOUND = 300 * 1024;
const REPO = path.resolve(HERE, "..", "..");

let work, corpusOut, server, browser, manifest;

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26, ...options });
}

before(async () => {
  const bin = process.env.VESTIS_BIN;
  assert.ok(bin && fs.existsSync(bin), `set VESTIS_BIN to a vestis binary (now ${bin})`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-corpus-"));
  const site = path.join(work, "site");
  const args = ["--records", String(RECORDS), "--out", site];
  if (process.env.VESTIS_CORPUS_BIN) run(process.env.VESTIS_CORPUS_BIN, args);
  else run("cargo", ["run", "--quiet", "--release", "--example", "corpus", "--", ...args], { cwd: REPO });
  corpusOut = path.join(work, "public");
  run(bin, ["build", "--root", site, "--output", corpusOut]);
  manifest = JSON.parse(fs.readFileSync(path.join(corpusOut, "lv", "search.json"), "utf8"));
  server = await serve(siteDir());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Answers the page's requests for the Latvian search index from the corpus's files. */
async function fromCorpus(page) {
  await page.route(/\/lv\/search(\.json|\/.*)$/, (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/lv\//, "lv/");
    const file = path.join(corpusOut, rel);
    if (!file.startsWith(corpusOut + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ path: file, contentType: "application/json" });
  });
}

/** How many records the shards give for an all-words query, read from the files directly. */
function expectedCount(query) {
  const fold = folder(manifest.fold);
  const words = (query.match(/[\p{L}\p{N}\p{M}]+/gu) || []).map(fold);
  let total = null;
  for (const w of words) {
    const found = new Set();
    for (const [key, [file]] of Object.entries(manifest.shards)) {
      if (!(w.startsWith(key) || key.startsWith(w))) continue;
      const shard = JSON.parse(fs.readFileSync(path.join(corpusOut, "lv", "search", file), "utf8"));
      for (const [word, flat] of Object.entries(shard)) {
        if (!word.startsWith(w)) continue;
        let n = 0;
        for (let i = 0; i < flat.length; i += 2) { n += flat[i]; found.add(n); }
      }
    }
    total = total === null ? found : new Set([...total].filter((n) => found.has(n)));
  }
  return total.size;
}

test(`a ${RECORDS}-record site has a sharded index`, () => {
  assert.equal(manifest.records, RECORDS + 50, "every event and town");
  assert.ok(manifest.shards && !manifest.entries, "shards, not one file");
  // A shard passes 48 KB only when it holds one word (which cannot be split further).
  for (const [key, [file, bytes]] of Object.entries(manifest.shards)) {
    if (bytes <= 48 * 1024) continue;
    const shard = JSON.parse(fs.readFileSync(path.join(corpusOut, "lv", "search", file), "utf8"));
    assert.equal(Object.keys(shard).length, 1, `shard ${key}: ${bytes} bytes, words ${Object.keys(shard)}`);
  }
});

const QUERIES = ["rezekne", "sabiedrība", "kultūra vēsture"];
for (const query of QUERIES) {
  test(`'${query}' on ${RECORDS} records: the expected records, highlighted, ≤ ${BOUND / 1024} KB fetched`, async (t) => {
    const home = pages(siteDir()).find((p) => p.kind === "home" && p.lang === "lv").url;
    const found = await searchOn(browser, server.url + home, query, { route: fromCorpus });
    const expected = expectedCount(query);
    assert.ok(expected > 0, `the corpus has records for ${query}`);
    assert.equal(countIn(found.status), expected, found.status);
    assert.equal(found.results.length, Math.min(expected, 12));
    const fold = folder(manifest.fold);
    const words = query.split(/\s+/).map(fold);
    for (const r of found.results) {
      assert.ok(r.marks.length > 0, `${r.href}: nothing highlighted`);
      assert.ok(r.marks.every((m) => words.some((w) => fold(m).startsWith(w))), `${r.href}: ${r.marks}`);
      assert.ok(r.href.startsWith("/lv/"), r.href);
    }
    t.diagnostic(`'${query}': ${expected} records, ${found.files.length} files, ${found.bytes} bytes`);
    assert.ok(found.bytes <= BOUND, `${found.bytes} bytes fetched in ${found.files.length} files`);
  });
}
