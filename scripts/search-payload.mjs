#!/usr/bin/env node
// The search payload of sample queries, measured in Chromium (playwright-core, as the browser
// suite does): for each query, the bytes of the search index (manifest, shards, records) the
// default theme's search box downloads, and how many records it reports.
//
//   node scripts/search-payload.mjs --site BUILT_EXAMPLE_SITE --index CORPUS_OUTPUT [QUERY…]
//
// The corpus's bench theme has no search box, so the example site (built with `vestis build
// --output BUILT_EXAMPLE_SITE`) is opened and its requests for /lv/search.json and
// /lv/search/… are answered from CORPUS_OUTPUT, as tests/browser/search-scale.test.js does.
// Prints one line per query: `payload <bytes> <files> <records> <query>`.
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIB = path.join(HERE, "..", "tests", "browser", "lib");
const { serve } = await import(path.join(LIB, "server.js"));
const { pages } = await import(path.join(LIB, "site.js"));
const { launch } = await import(path.join(LIB, "browser.js"));
const { searchOn, countIn } = await import(path.join(LIB, "search.js"));
const { routeIndex } = await import(path.join(LIB, "corpus.js"));

const args = process.argv.slice(2);
const take = (flag) => {
  const at = args.indexOf(flag);
  if (at < 0 || at + 1 >= args.length) throw new Error(`${flag} DIR is required`);
  return path.resolve(args.splice(at, 2)[1]);
};
const site = take("--site");
const index = take("--index");
const queries = args.length ? args : ["rezekne", "sabiedrība", "kultūra vēsture"];

const fromIndex = routeIndex(index);

const server = await serve(site);
const browser = await launch();
try {
  const home = pages(site).find((p) => p.kind === "home" && p.lang === "lv").url;
  for (const query of queries) {
    const found = await searchOn(browser, server.url + home, query, { route: fromIndex });
    console.log(`payload ${found.bytes} ${found.files.length} ${countIn(found.status)} ${query}`);
  }
} finally {
  await browser.close();
  await server.close();
}
