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
import { serve } from "./lib/server.js";
import { siteDir, pages } from "./lib/site.js";
import { launch } from "./lib/browser.js";
import { searchOn, folder, countIn } from "./lib/search.js";
import { buildCorpus, routeIndex, shardOf, expectedCount as countOf } from "./lib/corpus.js";

const RECORDS = 10000;
const BOUND = 300 * 1024;

let work, corpusOut, server, browser, manifest;

before(async () => {
  ({ work, out: corpusOut, manifest } = buildCorpus(RECORDS));
  server = await serve(siteDir());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const fromCorpus = (page) => routeIndex(corpusOut)(page);
const expectedCount = (query) => countOf(corpusOut, manifest, query);

test(`a ${RECORDS}-record site has a sharded index`, () => {
  assert.equal(manifest.records, RECORDS + 50, "every event and town");
  assert.ok(manifest.shards && !manifest.entries, "shards, not one file");
  // A shard passes 48 KB only when it holds one word (which cannot be split further).
  for (const [key, [file, bytes]] of Object.entries(manifest.shards)) {
    if (bytes <= 48 * 1024) continue;
    const shard = shardOf(corpusOut, file);
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
