// The privacy facade of hosted videos on the example site's broadcast pages (default theme,
// partials/video.html + video.js):
//  1. before the click, not one request leaves 127.0.0.1 (every request is route-intercepted
//     by lib/browser.js); the poster is local;
//  2. the play button is a real button reached with Tab and pressed with Enter or Space; only
//     then an iframe appears, on the privacy-enhanced domain (youtube-nocookie.com,
//     player.vimeo.com with dnt=1), and its request is aborted (no real network);
//  3. without JavaScript the button is a link to the video's page;
//  4. axe-core finds no violations on the broadcast pages, before and after the click;
//  5. the local clip plays in <video preload="none"> with a captions track per language.
// The site to check is $VESTIS_SITE_DIR (scripts/test builds it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { serve } from "./lib/server.js";
import { siteDir } from "./lib/site.js";
import { launch } from "./lib/browser.js";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

const YOUTUBE = { lv: "/lv/raidijumi/raidijums-pirmais-sovs/", ru: "/ru/peredachi/peredacha-pervoe-shou/" };
const VIMEO = "/lv/raidijumi/raidijums-integracijas-skatuve/";
const TV = "/lv/raidijumi/raidijums-projekta-sakums/";
const LOCAL = "/ru/peredachi/peredacha-final-shou/";

let server, browser;

before(async () => {
  server = await serve(siteDir());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `url` and runs `body(page, since)`, where `since()` lists the requests that left
 *  127.0.0.1 since the page was opened (lib/browser.js aborts them all); returns that list. */
async function onPage(url, body) {
  const page = await browser.newPage();
  const start = browser.external.length;
  const since = () => browser.external.slice(start);
  try {
    const response = await page.goto(server.url + url, { waitUntil: "load" });
    assert.equal(response.status(), 200, url);
    await body(page, since);
  } finally {
    await page.close();
  }
  return since();
}

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  });
}

/** Presses Tab until the play button has the focus (at most 60 times). */
async function tabToPlay(page) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.matches("button.video-play") ?? false);
    if (focused) return;
  }
  assert.fail("Tab never reached the play button");
}

for (const [lang, key] of [["lv", "Enter"], ["ru", " "]]) {
  test(`YouTube (${lang}): nothing loads from the host until the button is pressed with ${key === " " ? "Space" : key}`, async () => {
    const label = { lv: "Atskaņot — ielādē saturu no youtube.com", ru: "Воспроизвести — загружает содержимое с youtube.com" }[lang];
    let early;
    const all = await onPage(YOUTUBE[lang], async (page, since) => {
      await page.waitForSelector("button.video-play");
      const button = page.locator("button.video-play");
      assert.equal((await button.innerText()).trim(), label);
      const poster = await page.locator(".video-poster").getAttribute("src");
      assert.ok(poster.startsWith("/"), `the poster is local: ${poster}`);
      assert.equal(await page.locator("iframe").count(), 0, "no player before the click");
      await page.waitForLoadState("networkidle");
      early = since();
      await tabToPlay(page);
      await page.keyboard.press(key);
      const iframe = page.locator(".video-frame iframe");
      await iframe.waitFor({ state: "attached" });
      assert.equal(await iframe.getAttribute("src"), "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1");
      assert.ok((await iframe.getAttribute("title")).length > 0, "the player has a title");
      assert.ok(await page.evaluate(() => document.activeElement?.tagName === "IFRAME"), "the focus moves to the player");
      for (let i = 0; i < 50 && since().length === early.length; i++) await page.waitForTimeout(100);
      assert.deepEqual(await axeViolations(page), [], "axe-core after the click");
    });
    assert.deepEqual(early, [], "requests that left 127.0.0.1 before the click");
    const later = all.slice(early.length);
    assert.ok(later.length > 0, "the click asked for the player (and the request was aborted)");
    for (const url of later) {
      assert.match(url, /^https:\/\/www\.youtube-nocookie\.com\/embed\//, `only the privacy-enhanced domain: ${url}`);
    }
  });
}

test("Vimeo: the player is player.vimeo.com with dnt=1, after a click only", async () => {
  let early;
  const all = await onPage(VIMEO, async (page, since) => {
    await page.waitForSelector("button.video-play");
    await page.waitForLoadState("networkidle");
    early = since();
    await page.locator("button.video-play").click();
    const src = await page.locator(".video-frame iframe").getAttribute("src");
    assert.equal(src, "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1");
    await page.waitForLoadState("load");
  });
  assert.deepEqual(early, [], "requests that left 127.0.0.1 before the click");
  assert.ok(all.every((u) => u.startsWith("https://player.vimeo.com/video/")), all.join("\n"));
});

test("without JavaScript the play button is a link to the video's page", async () => {
  // The page as served, before any script runs.
  const html = await (await fetch(server.url + YOUTUBE.lv)).text();
  assert.match(html, /<a class="video-play" href="https:\/\/www\.youtube\.com\/watch\?v=M7lc1UVf-VE" data-embed=/);
  assert.doesNotMatch(html, /<iframe/);
});

test("a host that cannot be embedded: poster and a 'watch on' link, no script, no request", async () => {
  const external = await onPage(TV, async (page) => {
    const link = page.locator("a.video-play.video-external");
    assert.equal((await link.innerText()).trim(), "Skatīties vietnē ltv.lsm.lv");
    assert.match(await link.getAttribute("href"), /^https:\/\/ltv\.lsm\.lv\//);
    assert.equal(await page.locator("iframe").count(), 0);
    await page.waitForLoadState("networkidle");
  });
  assert.deepEqual(external, []);
});

test("the local clip: <video preload=none> with a captions track per language, nothing external", async () => {
  const external = await onPage(LOCAL, async (page) => {
    const video = page.locator("video.video-frame");
    assert.equal(await video.getAttribute("preload"), "none");
    const tracks = await page.locator("video track").evaluateAll((ts) => ts.map((t) => [t.srclang, t.label, t.default]));
    assert.deepEqual(tracks, [["lv", "Latviešu", false], ["ru", "Русский", true]]);
    await page.waitForLoadState("networkidle");
  });
  assert.deepEqual(external, []);
});

test("axe-core: no violations on the broadcast pages", async () => {
  for (const url of [YOUTUBE.lv, YOUTUBE.ru, VIMEO, TV, LOCAL]) {
    await onPage(url, async (page) => {
      assert.deepEqual(await axeViolations(page), [], url);
    });
  }
});
