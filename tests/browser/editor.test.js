// The editor (`/__vestis/edit/`) in Chromium, against `vestis serve` on a copy of the example
// site: a new bilingual press release with a photo, written by keyboard only, reaches the
// served site in both languages (the walkthrough of the README, timed step by step); a date
// typing mistake is shown at its field; a changed Latvian original marks the Russian
// translation stale with a word diff, and stamping clears it; two tabs saving the same record
// get the conflict screen; the bin restores a deleted record; axe-core finds nothing on any
// screen, at 1280 px and at 390 px.
//
// Run: VESTIS_BIN=target/debug/vestis node --test tests/browser/editor.test.js
// VESTIS_EDITOR_SCREENSHOTS=docs also writes docs/editor-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "./lib/browser.js";
import {
  copyExampleSite, startEditor, assertAccessible, overflow, tabTo as tabToCounted, choose, stepTimer, waitForPage, apiGet, WAIT_MS,
} from "./lib/editor.js";

const SHOTS = process.env.VESTIS_EDITOR_SCREENSHOTS ? path.resolve(process.env.VESTIS_EDITOR_SCREENSHOTS) : null;
let site, server, browser, photoDir;

before(async () => {
  site = copyExampleSite();
  server = await startEditor(site);
  browser = await launch({ locale: "lv-LV" });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  for (const dir of [site, photoDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new tab logged in to the editor (the token link, then the cookie), at `hash`. */
async function openEditor(hash = "#/", viewport) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(server.editor, { waitUntil: "load" });
  assert.ok(!page.url().includes("token="), "the token leaves the address bar once exchanged for the cookie");
  if (hash !== "#/") await page.goto(`${server.url}/__vestis/edit/${hash}`, { waitUntil: "load" });
  await page.locator("main h1").first().waitFor({ timeout: WAIT_MS });
  return page;
}

async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `editor-${name}.png`) });
}

/** A real JPEG: one of the example site's, else one Chromium draws. */
async function jpeg() {
  const found = fs.readdirSync(path.join(site, "content"), { recursive: true }).find((f) => /\.jpe?g$/i.test(f));
  if (found) return path.join(site, "content", found);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 320, height: 200 });
  await page.setContent("<body style='margin:0;background:linear-gradient(90deg,#9e3039,#fff,#9e3039)'><h1 style='font:48px serif;color:#123'>Baltā māja</h1></body>");
  photoDir = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-editor-photo-"));
  const file = path.join(photoDir, "photo.jpg");
  await page.screenshot({ path: file, type: "jpeg", quality: 80 });
  await page.close();
  return file;
}

function readSite(rel) {
  return fs.readFileSync(path.join(site, rel), "utf8");
}

test("walkthrough: a bilingual press release with a photo, by keyboard only, reaches the site", async () => {
  const steps = stepTimer();
  const photo = await jpeg();
  const page = await openEditor();
  // Every key the walkthrough presses is counted (typed characters, Tab, Enter, Space, …).
  let keys = 0;
  const kb = {
    press: (key) => { keys += 1; return page.keyboard.press(key); },
    type: (text) => { keys += [...text].length; return page.keyboard.type(text); },
  };
  const tabTo = async (...args) => { keys += await tabToCounted(...args); };
  const id = "vasaras-festivals";
  await steps.run("open the editor and see the sections", async () => {
    await page.getByRole("heading", { level: 1, name: "Vietnes sadaļas" }).waitFor();
    await assertAccessible(page, "home");
    await shot(page, "home");
  });
  await steps.run("choose “New record” for press releases", async () => {
    const link = page.locator('a.button[href="#/new/press"]');
    await tabTo(page, link);
    await kb.press("Enter");
    await page.locator("form.new-form").waitFor();
    await assertAccessible(page, "new record");
  });
  await steps.run("type the Latvian title and the short name, create", async () => {
    await kb.type("Vasaras festivāls Daugavpilī");
    await kb.press("Tab");
    await kb.type(id);
    await kb.press("Enter");
    await page.locator(".record-form").waitFor({ timeout: WAIT_MS });
    assert.ok(fs.existsSync(path.join(site, `content/press/${id}.lv.md`)), "the Latvian file exists");
  });
  const lv = page.locator('.lang-column[data-lang="lv"]');
  const ru = page.locator('.lang-column[data-lang="ru"]');
  await steps.run("write the Latvian summary and text", async () => {
    await tabTo(page, lv.getByLabel("Kopsavilkums (Latviešu)"));
    await kb.type("Festivālā piedalījās 300 dalībnieku no četrām pilsētām.");
    await tabTo(page, lv.locator("textarea.md"));
    await kb.press("Control+A");
    await kb.type("Sestdien Daugavpilī notika vasaras festivāls. ");
    await tabTo(page, lv.locator('[data-tool="bold"]'), { back: true });
    await kb.press("Enter"); // the toolbar's bold: **Treknraksts** at the cursor
    await page.locator('.lang-column[data-lang="lv"] .rendered strong').waitFor({ timeout: WAIT_MS });
  });
  await steps.run("write the Russian title and text", async () => {
    const title = ru.getByLabel("Virsraksts (Русский)");
    await tabTo(page, title);
    await kb.press("Control+A");
    await kb.type("Летний фестиваль в Даугавпилсе");
    await tabTo(page, ru.getByLabel("Kopsavilkums (Русский)"));
    await kb.type("В фестивале участвовали 300 человек из четырёх городов.");
    await tabTo(page, ru.locator("textarea.md"));
    await kb.press("Control+A");
    await kb.type("В субботу в Даугавпилсе прошёл летний фестиваль.");
  });
  await steps.run("describe the photo in both languages and upload it", async () => {
    await tabTo(page, lv.locator('[data-field="photo_alt"] input'), { back: true });
    await kb.type("Festivāla dalībnieki uz skatuves");
    await tabTo(page, ru.locator('[data-field="photo_alt"] input'));
    await kb.type("Участники фестиваля на сцене");
    const picker = page.locator('.neutral [data-field="photo"] input[type="file"]');
    await tabTo(page, picker, { back: true });
    keys += 1; // Space, which opens the file dialog
    await choose(picker, photo);
    await page.locator('.neutral [data-field="photo"] .file-name').filter({ hasText: "Augšupielādēts" }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, "record");
    await shot(page, "record");
  });
  await steps.run("save and publish", async () => {
    await tabTo(page, page.locator('[data-action="save"]'));
    await kb.press("Enter");
    await page.locator('.save-status[data-result="saved"]').waitFor({ timeout: WAIT_MS });
  });
  const record = await apiGet(page, "record", { collection: "press", id });
  await steps.run("see it on the served site in Latvian and Russian", async () => {
    for (const [lang, title, alt] of [["lv", "Vasaras festivāls Daugavpilī", "Festivāla dalībnieki uz skatuves"],
      ["ru", "Летний фестиваль в Даугавпилсе", "Участники фестиваля на сцене"]]) {
      assert.ok(record.preview?.[lang], `a preview address in ${lang}: ${JSON.stringify(record.preview)}`);
      const html = await waitForPage(server.url + record.preview[lang], (text) => text.includes(title) && text.includes(alt));
      assert.match(html, /<img [^>]*src="[^"]+\.jpe?g"/, `the photo is on the ${lang} page`);
    }
    const preview = page.frameLocator("iframe.preview-frame");
    await preview.locator("h1").filter({ hasText: "Vasaras festivāls" }).waitFor({ timeout: WAIT_MS });
  });
  const { total, text } = steps.report();
  console.log(`editor walkthrough (keyboard only, ${keys} key presses), step by step:\n${text}`);
  assert.ok(total > 0);
  assert.deepEqual(browser.external, [], "no request left 127.0.0.1");
  await page.close();
});

test("a typing mistake in a date is shown at the field; with errors only a draft can be saved", async () => {
  const page = await openEditor("#/r/press/collaboration-memorandum");
  const before = readSite("content/press/collaboration-memorandum.yaml");
  const date = page.locator('.neutral [data-field="date"] input.date-text');
  await date.fill("2015-02-30");
  const problem = page.locator('.neutral [data-field="date"] .field-problems');
  await problem.waitFor({ state: "visible", timeout: WAIT_MS });
  assert.equal(await date.getAttribute("aria-invalid"), "true");
  const describedBy = (await date.getAttribute("aria-describedby")).split(" ");
  assert.ok(describedBy.includes(await problem.getAttribute("id")), "the message is tied to the field");
  assert.match(await problem.textContent(), /\S/);
  assert.match(await page.locator("main h1").textContent(), /Piecas organizācijas/, "the heading names the record by its title");
  await assertAccessible(page, "record with a problem");
  await shot(page, "date-problem");
  await page.locator('[data-action="save"]').click();
  await page.locator('.save-status[data-result="invalid"]').waitFor({ timeout: WAIT_MS });
  assert.equal(readSite("content/press/collaboration-memorandum.yaml"), before, "nothing written when publishing with errors");
  await page.locator('[data-action="save-draft"]').click();
  await page.locator('.save-status[data-result="saved"]').waitFor({ timeout: WAIT_MS });
  const after = readSite("content/press/collaboration-memorandum.yaml");
  assert.match(after, /2015-02-30/);
  fs.writeFileSync(path.join(site, "content/press/collaboration-memorandum.yaml"), before);
  await page.close();
});

test("a changed Latvian original marks the Russian stale with a word diff; stamping clears it", async () => {
  const record = "#/r/press/courses-begin";
  const editLatvian = async (page, word) => {
    const body = page.locator('.lang-column[data-lang="lv"] textarea.md');
    await body.press("Control+End");
    await body.pressSequentially(` ${word}`);
    await page.locator('[data-action="save"]').click();
    await page.locator('.save-status[data-result="saved"]').waitFor({ timeout: WAIT_MS });
    await page.reload();
    await page.locator(".record-form").waitFor({ timeout: WAIT_MS });
  };
  let page = await openEditor(record);
  // The first change: stale, and stamping keeps the original so the next change has a diff.
  await editLatvian(page, "Pirmais.");
  let panel = page.locator('.lang-column[data-lang="ru"] .translation');
  await panel.waitFor({ timeout: WAIT_MS });
  await panel.locator("button.stamp").click();
  await panel.filter({ hasText: "aktuāls" }).locator("p.ok").waitFor({ timeout: WAIT_MS });
  // The second change: the diff shows the new word.
  await editLatvian(page, "Otrais.");
  panel = page.locator('.lang-column[data-lang="ru"] .translation');
  await panel.waitFor({ timeout: WAIT_MS });
  assert.ok(["stale", "unstamped"].includes(await panel.getAttribute("data-state")));
  await panel.locator(".diff ins").filter({ hasText: "Otrais" }).first().waitFor({ timeout: WAIT_MS });
  await assertAccessible(page, "stale translation");
  await panel.scrollIntoViewIfNeeded();
  await shot(page, "stale");
  const ruBody = page.locator('.lang-column[data-lang="ru"] textarea.md');
  await ruBody.press("Control+End");
  await ruBody.pressSequentially(" Второе.");
  await page.locator('[data-action="save"]').click();
  await page.locator('.save-status[data-result="saved"]').waitFor({ timeout: WAIT_MS });
  await panel.locator("button.stamp").click();
  await panel.locator("p.ok").waitFor({ timeout: WAIT_MS });
  await page.close();
  page = await openEditor(record);
  await page.locator(".record-form").waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.lang-column[data-lang="ru"] .translation').count(), 0, "no stale panel after stamping");
  assert.match(readSite("content/press/courses-begin.ru.md"), /Второе\./);
  await page.close();
});

test("two tabs saving the same record: the second gets the conflict screen, nothing is lost", async () => {
  const hash = "#/r/press/exchange-liepaja";
  const a = await openEditor(hash);
  const b = await openEditor(hash);
  await a.locator('.lang-column[data-lang="lv"]').getByLabel("Kopsavilkums (Latviešu)").fill("Pirmās cilnes kopsavilkums.");
  await a.locator('[data-action="save"]').click();
  await a.locator('.save-status[data-result="saved"]').waitFor({ timeout: WAIT_MS });
  await b.locator('.lang-column[data-lang="lv"]').getByLabel("Kopsavilkums (Latviešu)").fill("Otrās cilnes kopsavilkums.");
  await b.locator('[data-action="save"]').click();
  const conflict = b.locator(".conflict");
  await conflict.waitFor({ timeout: WAIT_MS });
  await conflict.locator("pre.disk").filter({ hasText: "Pirmās cilnes" }).first().waitFor();
  await conflict.locator("pre.mine").filter({ hasText: "Otrās cilnes" }).first().waitFor();
  assert.match(readSite("content/press/exchange-liepaja.lv.md"), /Pirmās cilnes/, "the first tab's save is on disk");
  await assertAccessible(b, "conflict");
  await shot(b, "conflict");
  await conflict.getByRole("button", { name: "Saglabāt manu versiju" }).click();
  await b.locator('.save-status[data-result="saved"]').waitFor({ timeout: WAIT_MS });
  assert.match(readSite("content/press/exchange-liepaja.lv.md"), /Otrās cilnes/, "the chosen version is on disk");
  await a.close();
  await b.close();
});

test("lists are searchable and sortable; a deleted record comes back from the bin", async () => {
  const page = await openEditor("#/c/press");
  const rows = page.locator("table.records tbody tr");
  const all = await rows.count();
  assert.ok(all >= 5, `press releases listed: ${all}`);
  assert.ok(await page.locator("table.records [data-state]").count() > 0, "translation states shown");
  await page.getByLabel("Meklēt virsrakstos").fill("memorand");
  await page.waitForFunction((n) => document.querySelectorAll("table.records tbody tr").length < n, all);
  await page.getByLabel("Meklēt virsrakstos").fill("");
  await page.getByLabel("Secība").selectOption("date-asc");
  const dates = await page.locator("table.records tbody time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  assert.deepEqual(dates, [...dates].sort(), "oldest first");
  await assertAccessible(page, "list");
  await shot(page, "list");
  const file = path.join(site, "content/press/exchange-lithuania.yaml");
  const remove = async () => {
    await page.goto(`${server.url}/__vestis/edit/#/r/press/exchange-lithuania`);
    await page.locator('[data-action="delete"]').click();
    await page.locator("#status button").waitFor({ timeout: WAIT_MS });
    assert.ok(!fs.existsSync(file), "moved to the bin");
  };
  await remove();
  await page.locator("#status button").click(); // Undo
  await page.locator(".record-form").waitFor({ timeout: WAIT_MS });
  assert.ok(fs.existsSync(file), "back after Undo");
  await remove();
  await page.goto(`${server.url}/__vestis/edit/#/trash`);
  const restore = page.locator(".trash button").filter({ hasText: "exchange-lithuania" });
  await restore.waitFor({ timeout: WAIT_MS });
  await assertAccessible(page, "bin");
  await restore.click();
  await page.locator(".record-form").waitFor({ timeout: WAIT_MS });
  assert.ok(fs.existsSync(file), "back from the bin");
  await page.close();
});

test("every screen at 390 px: nothing sticks out, axe finds nothing, the UI switches language", async () => {
  const page = await openEditor("#/", { width: 390, height: 844 });
  for (const hash of ["#/", "#/c/events", "#/new/events", "#/r/events/integration-stage-rezekne", "#/trash"]) {
    await page.goto(`${server.url}/__vestis/edit/${hash}`);
    await page.locator("main h1").first().waitFor({ timeout: WAIT_MS });
    await page.waitForTimeout(300);
    const o = await overflow(page);
    assert.ok(o.scroll <= o.width, `${hash} is ${o.scroll} px wide at ${o.width} px: ${o.wide.join(", ")}`);
    await assertAccessible(page, `${hash} at 390 px`);
    if (hash.startsWith("#/r/")) await shot(page, "phone");
  }
  await page.getByLabel("Redaktora valoda").selectOption("ru");
  await page.getByRole("link", { name: "Разделы сайта" }).waitFor({ timeout: WAIT_MS });
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
  await page.reload();
  await page.getByRole("link", { name: "Разделы сайта" }).waitFor({ timeout: WAIT_MS });
  await page.getByLabel("Язык редактора").selectOption("en");
  await page.getByRole("link", { name: "Sections of the site" }).waitFor({ timeout: WAIT_MS });
  assert.deepEqual(browser.errors, [], "no script errors");
  await page.close();
});
