// The gallery of the default theme (partials/gallery.html + gallery.js) on the example site's
// Liepāja exchange:
//  1. the thumbnails are links reached with Tab; Enter opens the lightbox, a modal dialog
//     (aria-modal) with the large picture, its alt text and caption; the arrows move to the
//     next and previous photo (round the end); Esc closes it and the focus is back on the
//     thumbnail that is now current; Space opens it too;
//  2. without JavaScript each thumbnail is a link to the large picture;
//  3. axe-core finds no violations, with the lightbox closed and open.
// The site to check is $VESTIS_SITE_DIR (scripts/test builds it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { serve } from "./lib/server.js";
import { siteDir } from "./lib/site.js";
import { launch } from "./lib/browser.js";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const PAGE = "/lv/pasakumi/pieredzes-apmaina-liepaja/";

let server, browser;

before(async () => {
  server = await serve(siteDir());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  });
}

/** Presses Tab until the first thumbnail has the focus (at most 80 times). */
async function tabToThumbnail(page) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.matches("[data-gallery-item]") ?? false)) return;
  }
  assert.fail("Tab never reached a thumbnail");
}

const focusedIndex = (page) =>
  page.evaluate(() => [...document.querySelectorAll("[data-gallery-item]")].indexOf(document.activeElement));
const shown = (page) =>
  page.evaluate(() => {
    const d = document.querySelector("dialog.lightbox");
    const img = d.querySelector(".lightbox-image");
    return { open: d.open, src: img.getAttribute("src"), alt: img.alt, caption: d.querySelector(".lightbox-caption").textContent };
  });

test("keyboard: Enter opens, arrows move, Esc closes and returns the focus; axe-core clean", async () => {
  const page = await browser.newPage();
  try {
    const response = await page.goto(server.url + PAGE, { waitUntil: "load" });
    assert.equal(response.status(), 200);
    const links = page.locator("[data-gallery-item]");
    assert.equal(await links.count(), 3);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(await axeViolations(page), [], "axe-core, lightbox closed");

    await tabToThumbnail(page);
    assert.equal(await focusedIndex(page), 0);
    await page.keyboard.press("Enter");
    let s = await shown(page);
    assert.ok(s.open, "Enter opens the lightbox");
    assert.equal(s.src, hrefs[0]);
    assert.equal(s.alt, "Skatītāji zālē pirms izrādes");
    assert.equal(s.caption, "Zāle pirms izrādes");
    assert.equal(await page.locator("dialog.lightbox").getAttribute("aria-modal"), "true");
    assert.ok(await page.evaluate(() => document.activeElement?.closest("dialog.lightbox") !== null), "the focus is in the dialog");
    assert.equal(await page.locator(".lightbox-count").innerText(), "1 / 3");
    assert.deepEqual(await axeViolations(page), [], "axe-core, lightbox open");

    await page.keyboard.press("ArrowRight");
    s = await shown(page);
    assert.equal(s.src, hrefs[1]);
    assert.equal(s.caption, "Skatuve pie jūras");
    await page.keyboard.press("ArrowRight");
    assert.equal((await shown(page)).src, hrefs[2]);
    await page.keyboard.press("ArrowRight");
    assert.equal((await shown(page)).src, hrefs[0], "after the last comes the first");
    await page.keyboard.press("ArrowLeft");
    assert.equal((await shown(page)).src, hrefs[2], "before the first comes the last");

    await page.keyboard.press("Escape");
    assert.equal((await shown(page)).open, false, "Esc closes the lightbox");
    assert.equal(await focusedIndex(page), 2, "the focus is back on the thumbnail shown last");

    await page.keyboard.press(" ");
    s = await shown(page);
    assert.ok(s.open, "Space opens the lightbox");
    assert.equal(s.src, hrefs[2]);
    await page.locator("[data-lightbox-close]").click();
    assert.equal((await shown(page)).open, false, "the close button closes it");
    assert.equal(await focusedIndex(page), 2);
  } finally {
    await page.close();
  }
});

test("without JavaScript each thumbnail links to the large picture", async () => {
  // The page as served, before any script runs.
  const html = await (await fetch(server.url + PAGE)).text();
  const hrefs = [...html.matchAll(/<a class="gallery-link" href="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(hrefs.length, 3, html);
  for (const href of hrefs) {
    const response = await fetch(server.url + href);
    assert.equal(response.status, 200, href);
    assert.match(response.headers.get("content-type"), /^image\//, href);
  }
});
