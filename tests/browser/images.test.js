// Browser checks of the photos of the built example site ($VESTIS_SITE_DIR) in Chromium:
// every <img> of a photo (the image pipeline's pictures; SVG drawings are published as they
// are) has width, height and srcset, so that nothing shifts while pictures load; every image
// whose top is below the first screen is lazy; every picture the browser chose was loaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { serve } from "./lib/server.js";
import { siteDir, htmlFiles, urlPathOf } from "./lib/site.js";
import { launch } from "./lib/browser.js";

let root, server, browser;

before(async () => {
  root = siteDir();
  server = await serve(root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Pages that show at least one <img>. */
function pagesWithImages() {
  return htmlFiles(root)
    .filter((f) => fs.readFileSync(f, "utf8").includes("<img"))
    .map((f) => urlPathOf(root, f));
}

test("the example site has pages with photos", () => {
  const photos = htmlFiles(root).filter((f) => fs.readFileSync(f, "utf8").includes("<picture>"));
  assert.ok(photos.length >= 4, `expected pages with <picture>, found ${photos.length}`);
});

test("every photo has width, height and srcset; below the fold it is lazy", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const problems = [];
  for (const url of pagesWithImages()) {
    await page.goto(server.url + url, { waitUntil: "load" });
    const images = await page.evaluate(() =>
      [...document.querySelectorAll("img")].map((img) => ({
        src: img.getAttribute("src"),
        width: img.getAttribute("width"),
        height: img.getAttribute("height"),
        srcset: img.getAttribute("srcset"),
        loading: img.getAttribute("loading"),
        top: img.getBoundingClientRect().top + window.scrollY,
        complete: img.complete,
        natural: img.naturalWidth,
      })),
    );
    for (const img of images) {
      const where = `${url} ${img.src}`;
      if (img.top > 800 && img.loading !== "lazy") problems.push(`${where}: below the fold but not lazy`);
      if (img.src.endsWith(".svg")) continue;
      if (!img.width || !img.height) problems.push(`${where}: no width/height`);
      if (!img.srcset) problems.push(`${where}: no srcset`);
      if (img.complete && img.natural === 0 && img.loading !== "lazy") problems.push(`${where}: did not load`);
    }
  }
  await page.close();
  assert.deepEqual(problems, []);
});
