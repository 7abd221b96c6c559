// The root /404.html is what a host with a single error page shows for every unknown address:
// it holds "not found" in every language, and its inline script keeps only the language the
// address starts with (/ru/… → Russian). Without a language prefix every language stays.
// The test server answers unknown addresses with /404.html, as such a host does.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "./lib/server.js";
import { siteDir } from "./lib/site.js";
import { launch } from "./lib/browser.js";

let server, browser;

before(async () => {
  server = await serve(siteDir());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function visible(url) {
  const page = await browser.newPage();
  try {
    const response = await page.goto(server.url + url, { waitUntil: "load" });
    assert.equal(response.status(), 404, url);
    return await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      shown: [...document.querySelectorAll("[data-not-found-lang]")]
        .filter((s) => !s.hidden && s.offsetParent !== null)
        .map((s) => s.getAttribute("data-not-found-lang")),
    }));
  } finally {
    await page.close();
  }
}

test("root 404 page: the address's language prefix picks the language", async () => {
  const ru = await visible("/ru/meropriyatiya/net-takogo/");
  assert.deepEqual(ru.shown, ["ru"]);
  assert.equal(ru.lang, "ru");
  assert.equal(ru.title, "Страница не найдена");
  const lv = await visible("/lv/pasakumi/nav-tada/");
  assert.deepEqual(lv.shown, ["lv"]);
  assert.equal(lv.title, "Lapa nav atrasta");
  const neither = await visible("/vecs-adrese.html");
  assert.deepEqual(neither.shown, ["lv", "ru"], "no prefix: every language stays");
});
