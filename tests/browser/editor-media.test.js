// The editor's form in the officer's words and its gallery and video widgets, in Chromium
// against `vestis serve` on a copy of the example site: fields and sections carry the site's
// Fluent labels (not `end_date`), enum choices and `ref` targets show their labels and
// titles; a gallery's photos are moved, described and added by keyboard, and the .yaml
// changes only in the gallery's lines; a video's link is changed with its poster kept, and a
// local video's captions are offered per language. axe-core finds nothing on these screens.
//
// Run: VESTIS_BIN=target/debug/vestis node --test tests/browser/editor-media.test.js
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch } from "./lib/browser.js";
import { copyExampleSite, startEditor, assertAccessible, tabTo, choose, WAIT_MS } from "./lib/editor.js";

let site, server, browser;

before(async () => {
  site = copyExampleSite();
  server = await startEditor(site);
  browser = await launch({ locale: "lv-LV" });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

async function openEditor(hash) {
  const page = await browser.newPage();
  await page.goto(server.editor, { waitUntil: "load" });
  await page.goto(`${server.url}/__vestis/edit/${hash}`, { waitUntil: "load" });
  await page.locator(".record-form").waitFor({ timeout: WAIT_MS });
  return page;
}

/** Presses Save and waits for its outcome; fails with the editor's own words unless saved. */
async function save(page) {
  await page.locator('[data-action="save"]').click();
  const status = page.locator('.save-status:not([data-result="saving"])[data-result]');
  await status.waitFor({ timeout: WAIT_MS * 2 });
  const result = await status.getAttribute("data-result");
  const problems = await page.locator(".summary").textContent();
  assert.equal(result, "saved", `${await status.textContent()} ${problems}`);
}

const read = (rel) => fs.readFileSync(path.join(site, rel), "utf8");

test("fields, choices and references are named in the officer's language", async () => {
  const page = await openEditor("#/r/events/exchange-liepaja");
  const neutral = page.locator(".neutral");
  // The theme's `field-…` messages, in Latvian: not `end_date` or `kind`.
  await neutral.getByLabel("Beigu datums").waitFor();
  await neutral.locator('[data-field="kind"] label').filter({ hasText: "Veids" }).waitFor();
  assert.equal(await neutral.getByText("end_date", { exact: true }).count(), 0, "no raw field names");
  const kind = neutral.locator('[data-field="kind"] select');
  assert.equal(await kind.locator("option:checked").textContent(), "Pieredzes apmaiņa", "the enum's Fluent label");
  const town = neutral.locator('[data-field="town"] select');
  assert.equal(await town.locator("option:checked").textContent(), "Liepāja", "the ref target's title");
  assert.match(await page.locator("main p a").first().textContent(), /Pasākumi/, "the collection's name from the site's messages");
  // In English the site has no words: the names become readable words.
  await page.getByLabel("Redaktora valoda").selectOption("en");
  await page.locator('.neutral [data-field="end_date"] label').filter({ hasText: "End date" }).waitFor({ timeout: WAIT_MS });
  await page.getByLabel("Editor language").selectOption("lv");
  await page.locator('.neutral [data-field="end_date"] label').filter({ hasText: "Beigu datums" }).waitFor({ timeout: WAIT_MS });
  await page.close();
});

test("a gallery: photos moved, described and added by keyboard; only its lines change", async () => {
  const file = "content/events/exchange-liepaja.yaml";
  const before = read(file);
  const page = await openEditor("#/r/events/exchange-liepaja");
  const gallery = page.locator('.neutral [data-field="gallery"]');
  const items = gallery.locator("li.gallery-item");
  assert.equal(await items.count(), 3);
  await assertAccessible(page, "record with a gallery");
  // Move the third photo up, by keyboard.
  const up = items.nth(2).locator('[data-action="up"]');
  await tabTo(page, up);
  await page.keyboard.press("Enter");
  assert.deepEqual(await items.evaluateAll((li) => li.map((x) => x.dataset.src)), ["zale.jpg", "ainava.jpg", "skatuve.jpg"]);
  assert.ok(await up.evaluate(() => document.activeElement.closest("li")?.dataset.src === "ainava.jpg"), "the focus moves with the photo");
  // A caption in Russian for the photo that had none.
  const caption = items.nth(1).locator('input[data-kind="caption"][data-lang="ru"]');
  await tabTo(page, caption);
  await page.keyboard.type("Пейзаж: небо, холмы");
  // A new photo, uploaded into the record's folder.
  const photo = path.join(site, "content/events/exchange-liepaja/zale.jpg");
  const picker = gallery.locator('input[type="file"]');
  await tabTo(page, picker);
  await choose(picker, photo);
  await items.nth(3).waitFor({ timeout: WAIT_MS });
  assert.equal(await items.nth(3).getAttribute("data-src"), "zale-2.jpg", "a new name, never replacing a file");
  await items.nth(3).locator('input[data-kind="alt"][data-lang="lv"]').fill("Zāle vēlreiz");
  await save(page);
  const after = read(file);
  const head = before.slice(0, before.indexOf("gallery:"));
  assert.equal(after.slice(0, after.indexOf("gallery:")), head, "everything before the gallery stays byte for byte");
  assert.match(after, /- src: ainava\.jpg\n\s+alt: \{ lv: "Plaša ainava ar debesīm un pakalniem", ru: "Широкий пейзаж с небом и холмами" \}\n\s+caption: \{ ru: "Пейзаж: небо, холмы" \}\n\s+- src: skatuve\.jpg/);
  assert.match(after, /- src: zale-2\.jpg\n\s+alt: \{ lv: "Zāle vēlreiz" \}\n$/);
  assert.ok(fs.existsSync(path.join(site, "content/events/exchange-liepaja/zale-2.jpg")));
  // Saved unchanged again: not a byte changes.
  await page.reload();
  await page.locator(".record-form").waitFor({ timeout: WAIT_MS });
  await save(page);
  assert.equal(read(file), after);
  fs.writeFileSync(path.join(site, file), before);
  await page.close();
});

test("a video: the link changes and the poster stays; a local video offers captions per language", async () => {
  const file = "content/broadcasts/broadcast-first-show.yaml";
  const before = read(file);
  let page = await openEditor("#/r/broadcasts/broadcast-first-show");
  const video = page.locator('.neutral [data-field="video"]');
  const link = video.getByLabel("Saite uz video video vietnē (YouTube, Vimeo…)");
  assert.equal(await link.inputValue(), "https://www.youtube.com/watch?v=M7lc1UVf-VE");
  await video.locator(".file-name").filter({ hasText: "poster.jpg" }).waitFor();
  assert.ok(await video.locator(".captions").isHidden(), "no captions for a hosted video");
  await assertAccessible(page, "record with a video");
  await link.fill("https://vimeo.com/76979871");
  await save(page);
  assert.equal(read(file), before.replace(
    "video:\n  src: https://www.youtube.com/watch?v=M7lc1UVf-VE\n  poster: poster.jpg\n",
    "video:\n  src: https://vimeo.com/76979871\n  poster: poster.jpg\n"));
  fs.writeFileSync(path.join(site, file), before);
  await page.close();
  page = await openEditor("#/r/broadcasts/broadcast-shows-finale");
  const captions = page.locator('.neutral [data-field="video"] .captions');
  await captions.locator(".file-name").filter({ hasText: "sizet.lv.vtt" }).waitFor({ timeout: WAIT_MS });
  await captions.locator(".file-name").filter({ hasText: "sizet.ru.vtt" }).waitFor({ timeout: WAIT_MS });
  // New Latvian captions replace the old ones beside the video.
  const vtt = path.join(site, "new-captions.vtt");
  fs.writeFileSync(vtt, "WEBVTT\n\n00:00.000 --> 00:02.000\nJauni subtitri\n");
  const input = captions.locator('input[type="file"]').first();
  await input.setInputFiles(vtt);
  await captions.locator(".file-name").filter({ hasText: "Augšupielādēts: sizet.lv.vtt" }).waitFor({ timeout: WAIT_MS });
  assert.match(read("content/broadcasts/broadcast-shows-finale/sizet.lv.vtt"), /Jauni subtitri/);
  // Not captions: refused, said at the field.
  fs.writeFileSync(vtt, "<html>not captions</html>");
  await input.setInputFiles(vtt);
  await page.locator('.neutral [data-field="video"] .field-problems').filter({ hasText: "WebVTT" }).waitFor({ timeout: WAIT_MS });
  fs.rmSync(vtt);
  await assertAccessible(page, "record with a local video");
  assert.deepEqual(browser.errors, [], "no script errors");
  await page.close();
});
