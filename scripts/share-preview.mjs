// What a shared link looks like, for the README (docs/share-link.png): opens a page of a built
// site in Chromium, reads its Open Graph tags (og:image, og:title, og:description, og:url,
// og:site_name, og:image:alt), draws a chat message with a link preview made only of them (as
// messengers and Facebook do), and screenshots that message. Nothing leaves 127.0.0.1: the
// image is loaded from the built site (its path below the page's base address).
//   node scripts/share-preview.mjs SITE_OUTPUT_DIR URL_PATH OUT_FILE
//   e.g. node scripts/share-preview.mjs public /lv/preses-relizes/sovu-cikls-sakas/ docs/share-link.png
// Runs with the packages of tests/browser (playwright-core) and Debian's /usr/bin/chromium.
import fs from "node:fs";
import { serve } from "../tests/browser/lib/server.js";
import { launch } from "../tests/browser/lib/browser.js";

const [siteDir, urlPath, outFile] = process.argv.slice(2);
if (!siteDir || !urlPath || !outFile) {
  console.error("usage: node scripts/share-preview.mjs SITE_OUTPUT_DIR URL_PATH OUT_FILE");
  process.exit(2);
}

const escape = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

const server = await serve(siteDir);
const browser = await launch({ viewport: { width: 520, height: 640 } });
try {
  const page = await browser.newPage();
  const response = await page.goto(server.url + urlPath, { waitUntil: "load" });
  if (!response || response.status() !== 200) throw new Error(`${urlPath}: status ${response?.status()}`);
  const og = await page.evaluate(() => {
    const tags = {};
    for (const meta of document.querySelectorAll("meta[property^='og:']")) {
      tags[meta.getAttribute("property")] ??= meta.getAttribute("content");
    }
    return tags;
  });
  for (const key of ["og:title", "og:description", "og:url", "og:image", "og:site_name"]) {
    if (!og[key]) throw new Error(`${urlPath} has no ${key}`);
  }
  // The page's absolute addresses start with the site's base address: what is below it is a
  // path of the built site.
  const pageUrl = new URL(og["og:url"]);
  const base = pageUrl.href.slice(0, pageUrl.href.length - urlPath.length + 1);
  if (!og["og:image"].startsWith(base)) throw new Error(`og:image ${og["og:image"]} is not below ${base}`);
  const image = server.url + "/" + og["og:image"].slice(base.length);
  const host = pageUrl.host;
  const html = `<!DOCTYPE html><html lang="${escape(document_lang(urlPath))}"><head><meta charset="utf-8">
<style>
  body { margin: 0; padding: 24px; background: #dfe6ec; font: 15px/1.35 "DejaVu Sans", sans-serif; }
  .message { width: 440px; background: #fff; border-radius: 14px; padding: 8px; box-shadow: 0 1px 2px rgb(0 0 0 / 0.25); }
  .text { padding: 4px 6px 8px; color: #1f5fa8; word-break: break-all; }
  .preview { border-left: 3px solid #2f7bd0; border-radius: 4px; background: #f3f6fa; overflow: hidden; }
  .preview img { display: block; width: 100%; aspect-ratio: 1200 / 630; object-fit: cover; }
  .meta { padding: 8px 10px 10px; }
  .site { color: #2f7bd0; font-weight: bold; font-size: 13px; }
  .title { font-weight: bold; margin: 2px 0; color: #111; }
  .description { color: #333; font-size: 14px; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .host { color: #777; font-size: 12px; margin-top: 4px; text-transform: uppercase; }
  .time { text-align: right; color: #8a9aa8; font-size: 12px; padding: 4px 4px 0; }
</style></head><body>
<div class="message">
  <div class="text">${escape(og["og:url"])}</div>
  <div class="preview">
    <img src="${escape(image)}" alt="${escape(og["og:image:alt"] ?? "")}">
    <div class="meta">
      <div class="site">${escape(og["og:site_name"])}</div>
      <div class="title">${escape(og["og:title"])}</div>
      <div class="description">${escape(og["og:description"])}</div>
      <div class="host">${escape(host)}</div>
    </div>
  </div>
  <div class="time">12:04</div>
</div></body></html>`;
  const mock = await browser.newPage();
  await mock.route(server.url + "/__preview", (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await mock.goto(server.url + "/__preview", { waitUntil: "load" });
  const loaded = await mock.evaluate(() => {
    const img = document.querySelector("img");
    return img.complete && img.naturalWidth > 0;
  });
  if (!loaded) throw new Error(`the preview image ${image} did not load`);
  await mock.locator(".message").screenshot({ path: outFile });
  if (browser.external.length) throw new Error(`external requests: ${browser.external.join(", ")}`);
  console.log(`${outFile}: ${fs.statSync(outFile).size} bytes, from ${urlPath}`);
} finally {
  await browser.close();
  await server.close();
}

/** The page's language from its path's first segment (`/lv/…` → `lv`). */
function document_lang(path) {
  return path.split("/").filter(Boolean)[0] ?? "";
}
