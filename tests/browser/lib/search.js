// Helpers for the search-box tests: type a query on a fresh page, wait for its results, and
// count what the page downloaded of the search index (every response under /<lang>/search).
import assert from "node:assert/strict";

/** Folds like vestis's search (NFD, marks dropped, lower case, the manifest's Cyrillic table). */
export function folder(table) {
  const one = (ch) => {
    let out = "";
    for (const lower of ch.toLowerCase()) {
      if (Object.hasOwn(table, lower)) { out += table[lower]; continue; }
      for (const d of lower.normalize("NFD")) {
        if (/\p{M}/u.test(d)) continue;
        out += Object.hasOwn(table, d) ? table[d] : d;
      }
    }
    return out;
  };
  return (text) => [...String(text)].map(one).join("");
}

/**
 * Opens `url` in a new page of `browser`, types `query` into the search box and resolves to
 * { results: [{ href, title, marks, snippet, meta }], status, bytes, files }, where bytes and
 * files count the responses of the search index (the manifest, shards and records).
 * `route`, if given, is called with the page before it loads (to redirect the index).
 */
export async function searchOn(browser, url, query, { route, isIndex } = {}) {
  const page = await browser.newPage();
  const fetched = [];
  const counted = isIndex || ((u) => /\/search(\.json|\/)/.test(new URL(u).pathname));
  page.on("response", async (response) => {
    if (!counted(response.url())) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    fetched.push({ url: response.url(), bytes: body.length });
  });
  try {
    if (route) await route(page);
    await page.goto(url, { waitUntil: "load" });
    const input = page.getByRole("searchbox");
    await input.waitFor({ state: "visible" });
    await input.fill("");
    await input.pressSequentially(query, { delay: 20 });
    const list = page.locator(`#site-search-results[data-query="${query}"]`);
    try {
      await list.locator("a").first().waitFor({ state: "visible", timeout: 15000 });
    } catch (err) {
      const status = await page.locator("#site-search-status").textContent();
      throw new Error(`no results for ${JSON.stringify(query)}; the status says ${JSON.stringify(status)}`, { cause: err });
    }
    const results = await page.evaluate(() => [...document.querySelectorAll("#site-search-results a")].map((a) => ({
      href: new URL(a.href).pathname,
      title: a.querySelector(".search-result-title")?.textContent ?? "",
      meta: a.querySelector(".search-result-meta")?.textContent ?? "",
      snippet: a.querySelector(".search-result-snippet")?.textContent ?? "",
      marks: [...a.querySelectorAll("mark")].map((m) => m.textContent),
    })));
    const status = (await page.locator("#site-search-status").textContent()).trim();
    await page.waitForLoadState("networkidle");
    const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
    return { results, status, bytes, files: fetched.map((f) => f.url) };
  } finally {
    await page.close();
  }
}

/** The number in a status like "Atrasti 12 rezultāti". */
export function countIn(status) {
  const m = status.match(/\d[\d\s\u00a0]*/);
  assert.ok(m, `a count in the status ${JSON.stringify(status)}`);
  return Number(m[0].replace(/\D/g, ""));
}
