// `vestis serve` in a real browser: an edit shows without anyone reloading, a broken edit
// brings up the error overlay naming the file, fixing it clears the overlay, and a
// stylesheet-only edit restyles the page without a reload.
//
// Run: VESTIS_BIN=target/debug/vestis node --test tests/browser/live-reload.test.mjs
// (default binary: target/release/vestis; Chromium: /usr/bin/chromium or CHROMIUM_PATH).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.resolve(REPO, process.env.VESTIS_BIN || "target/release/vestis");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const WAIT = 20_000; // ms: a rebuild plus the reload, on a loaded machine

const RECORD_FILE = "content/events/rezekne-stage.lv.md";
const RECORD_URL = "/lv/pasakumi/integracijas-skatuve/";

/** Starts `vestis serve --port 0` on `root`; resolves to { url, log, stop() }. */
function startServer(root) {
  const child = spawn(BIN, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "pipe"] });
  const log = [];
  child.stderr.on("data", (d) => log.push(String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`no URL from ${BIN}:\n${log.join("")}`)); }, 60_000);
    child.once("error", (e) => { clearTimeout(timer); reject(e); });
    let buffered = "";
    child.stdout.on("data", (d) => {
      buffered += d;
      log.push(String(d));
      const m = buffered.match(/serving (http:\/\/\S+?)\/?\n/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], log, stop: () => child.kill() });
      }
    });
  });
}

async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, serviceWorkers: "block",
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

function copyFixture(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-live-"));
  fs.cpSync(path.join(REPO, "tests/sites", name), dir, { recursive: true });
  return dir;
}

/** Milliseconds from now until `predicate` holds in the page (it never reloads the page itself). */
async function timeUntil(page, predicate, arg) {
  const start = performance.now();
  await page.waitForFunction(predicate, arg, { timeout: WAIT, polling: 25 });
  return Math.round(performance.now() - start);
}

test("live reload: edit, break, fix, restyle — without reloading by hand", async (t) => {
  assert.ok(fs.existsSync(BIN), `no vestis binary at ${BIN} (set VESTIS_BIN)`);
  const site = copyFixture("full");
  const server = await startServer(site);
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    server.stop();
    fs.rmSync(site, { recursive: true, force: true });
  });
  const page = await browser.context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url + RECORD_URL);
  await page.waitForFunction(() => document.querySelector('script[src="/__vestis/live.js"]'));
  // Give the event stream a moment to connect before the first edit.
  await page.waitForTimeout(300);
  const file = path.join(site, RECORD_FILE);
  const original = fs.readFileSync(file, "utf8");

  // 1. An edit appears by itself.
  await page.evaluate(() => { window.__untouched = true; });
  fs.writeFileSync(file, original.replace("Teksts ar", "Pavisam jauns teksts ar"));
  const editMs = await timeUntil(page, () => document.body.innerText.includes("Pavisam jauns teksts"));
  assert.equal(await page.evaluate(() => window.__untouched), undefined, "the script reloaded the page");
  t.diagnostic(`edit → page text changed: ${editMs} ms`);

  // 2. A broken edit: the overlay names the file; the page keeps the last good text.
  fs.writeFileSync(file, original.replace('title: "Integrācijas skatuve Rēzeknē"', "title: [unclosed"));
  const breakMs = await timeUntil(page, (f) => {
    const alert = document.querySelector('[role="alert"]');
    return alert && alert.textContent.includes(f);
  }, RECORD_FILE);
  t.diagnostic(`broken edit → overlay shown: ${breakMs} ms`);
  const overlay = page.locator('[role="alert"]');
  const text = await overlay.innerText();
  assert.match(text, new RegExp(`${RECORD_FILE.replaceAll(".", "\\.")}:\\d+:\\d+`));
  assert.match(text, /\d+ \| .+\n\s+\| +\^/, "the source line with a marker");
  assert.ok(await page.evaluate(() => document.body.innerText.includes("Pavisam jauns teksts")));
  const box = await overlay.boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  assert.ok(box && box.y === 0 && box.width >= width - 1, `full-width panel at the top: ${JSON.stringify(box)}`);

  // 3. The fix: the overlay goes and the fixed text shows.
  fs.writeFileSync(file, original.replace("Teksts ar", "Salabots teksts ar"));
  const fixMs = await timeUntil(page, () =>
    !document.querySelector('[role="alert"]') && document.body.innerText.includes("Salabots teksts"));
  t.diagnostic(`fix → overlay gone: ${fixMs} ms`);

  // 4. A stylesheet-only edit restyles without a reload.
  await page.evaluate(() => { window.__untouched = true; });
  fs.writeFileSync(path.join(site, "static/site.css"), "h1 { color: rgb(0, 0, 255); }\n");
  const cssMs = await timeUntil(page, () =>
    getComputedStyle(document.querySelector("h1")).color === "rgb(0, 0, 255)");
  assert.equal(await page.evaluate(() => window.__untouched), true, "no reload for CSS");
  t.diagnostic(`css edit → restyled: ${cssMs} ms`);

  assert.deepEqual(pageErrors, []);
});
