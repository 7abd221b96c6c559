// Old addresses in Chromium: a copy of the example site gets a new Russian slug for one event
// and loses a press release, is built with $VESTIS_BIN under the test server's own address
// (--base-url, so the redirect's absolute target stays on 127.0.0.1), and the old addresses are
// opened: the renamed event's old address lands on its new page by itself; the removed release's
// shows the theme's "removed" page in Russian with a working link to the press list.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve } from "./lib/server.js";
import { HERE } from "./lib/site.js";
import { launch } from "./lib/browser.js";

const REPO = path.resolve(HERE, "..", "..");
const OLD = "/ru/meropriyatiya/shou-v-daugavpilse/";
const NEW = "/ru/meropriyatiya/shou-daugavpils/";
const GONE = "/ru/press-relizy/nachinayutsya-kursy/";

let work, server, browser;

before(async () => {
  const bin = process.env.VESTIS_BIN;
  assert.ok(bin && fs.existsSync(bin), `set VESTIS_BIN to a vestis binary (now ${bin})`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-redirects-"));
  const site = path.join(work, "site");
  for (const part of ["site.yaml", "content", "locales", "static", "themes", ".vestis/urls.json"]) {
    fs.cpSync(path.join(REPO, part), path.join(site, part), { recursive: true });
  }
  const show = path.join(site, "content", "events", "show-daugavpils.ru.md");
  const text = fs.readFileSync(show, "utf8");
  assert.ok(text.includes("slug: shou-v-daugavpilse"));
  fs.writeFileSync(show, text.replace("slug: shou-v-daugavpilse", "slug: shou-daugavpils"));
  for (const file of ["courses-begin.lv.md", "courses-begin.ru.md", "courses-begin.yaml"]) {
    fs.rmSync(path.join(site, "content", "press", file));
  }
  const out = path.join(work, "public");
  server = await serve(out);
  execFileSync(bin, ["build", "--root", site, "--output", out, "--base-url", server.url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("a renamed record's old address leads to its new page", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + OLD, { waitUntil: "load" });
  await page.waitForURL(server.url + NEW, { timeout: 10000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
  assert.match(await page.title(), /Интерактивное шоу/);
  await page.close();
  assert.deepEqual(browser.external, []);
});

test("a removed record's address says so in its language and links to its list", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + GONE, { waitUntil: "load" });
  assert.equal(page.url(), server.url + GONE);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
  assert.equal(await page.locator("main h1").textContent(), "Страница удалена");
  assert.equal(await page.locator("header.site-header").count(), 1);
  await page.getByRole("link", { name: "Посмотреть список" }).click();
  await page.waitForURL(server.url + "/ru/press-relizy/");
  await page.close();
  assert.deepEqual(browser.external, []);
});
