// The search index when words are too common for their shard: a generated site large enough
// (24,000 records of examples/corpus, whose ~80 Latvian words are each in nearly every record)
// that a very common word's postings pass the 80 KB a shard may hold, so the index keeps only
// its best postings and names it in the manifest's `capped`. The search box must still answer
// such a word and two of them together, say that it shows the best matches and how many records
// have the word, and stay within 300 KB of index per query. No constant is lowered for the test:
// the site is made big enough for the real cap to bite (see lib/corpus.js for how it is built
// and how the example site's search box is pointed at it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { serve } from "./lib/server.js";
import { siteDir, pages } from "./lib/site.js";
import { launch } from "./lib/browser.js";
import { searchOn, folder, countIn } from "./lib/search.js";
import { buildCorpus, routeIndex, expectedCount } from "./lib/corpus.js";

const RECORDS = 24000;
const BOUND = 300 * 1024;
const CAPPED_SHARD = 80 * 1024;

let corpus, server, browser, home, best, count;

before(async () => {
  corpus = buildCorpus(RECORDS);
  server = await serve(siteDir());
  browser = await launch();
  home = server.url + pages(siteDir()).find((p) => p.kind === "home" && p.lang === "lv").url;
  const page = await browser.newPage();
  await page.goto(home, { waitUntil: "load" });
  best = await page.locator("form[data-search-index]").getAttribute("data-msg-best");
  count = await page.locator("form[data-search-index]").getAttribute("data-msg-count");
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (corpus) fs.rmSync(corpus.work, { recursive: true, force: true });
});

/** Counts the postings of `word` in the shards: how many records the index keeps for it. */
function kept(word) {
  const { out, manifest } = corpus;
  const key = Object.keys(manifest.shards).filter((k) => word.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  const shard = JSON.parse(fs.readFileSync(`${out}/lv/search/${manifest.shards[key][0]}`, "utf8"));
  return shard[word].length / 2;
}

test(`at ${RECORDS} records the most common words are capped, their shards within 80 KB`, () => {
  const { manifest } = corpus;
  const capped = manifest.capped || {};
  assert.ok(capped.sabiedriba > 0.9 * RECORDS, `sabiedriba is capped: ${JSON.stringify(capped).slice(0, 200)}`);
  assert.ok(capped.kultura && capped.vesture, "kultura and vesture are capped");
  assert.equal(capped.rezekne, undefined, "a rare word is not");
  assert.ok(kept("sabiedriba") < capped.sabiedriba, "fewer postings kept than records have it");
  for (const [key, [, bytes]] of Object.entries(manifest.shards)) {
    assert.ok(bytes <= CAPPED_SHARD, `shard ${key}: ${bytes} bytes`);
  }
});

for (const [query, cappedWord] of [["sabiedrība", "sabiedrība"], ["kultūra vēsture", null]]) {
  test(`'${query}': the best matches, said so, highlighted, ≤ ${BOUND / 1024} KB`, async (t) => {
    const { out, manifest } = corpus;
    const found = await searchOn(browser, home, query, { route: routeIndex(out) });
    const expected = expectedCount(out, manifest, query);
    assert.ok(expected > 0, `records that have every word of ${query} among the kept postings`);
    assert.equal(countIn(found.status), expected, found.status);
    assert.equal(found.results.length, Math.min(expected, 12));
    // The status names the word with the most records and how many have it.
    const fold = folder(manifest.fold);
    const words = query.split(/\s+/);
    const word = cappedWord ?? words.reduce((a, b) => (manifest.capped[fold(a)] >= manifest.capped[fold(b)] ? a : b));
    const total = new Intl.NumberFormat("lv").format(manifest.capped[fold(word)]);
    const want = best.replace("{count}", String(expected)).replace("{word}", word).replace("{total}", total);
    const plain = (s) => s.replace(/\s+/g, " ");
    assert.equal(plain(found.status), plain(want));
    for (const r of found.results) {
      assert.ok(r.marks.length > 0, `${r.href}: nothing highlighted`);
      assert.ok(r.marks.every((m) => words.some((w) => fold(m).startsWith(fold(w)))), `${r.href}: ${r.marks}`);
    }
    t.diagnostic(`'${query}': ${expected} records, ${found.files.length} files, ${found.bytes} bytes`);
    assert.ok(found.bytes <= BOUND, `${found.bytes} bytes fetched in ${found.files.length} files`);
  });
}

test("'rezekne' (a rare word) counts every record, without the best-matches note", async () => {
  const { out, manifest } = corpus;
  const found = await searchOn(browser, home, "rezekne", { route: routeIndex(out) });
  const expected = expectedCount(out, manifest, "rezekne");
  assert.ok(expected > 0);
  assert.equal(found.status, count.replace("{count}", String(expected)));
});
