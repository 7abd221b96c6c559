// Share cards in Chromium: a copy of the example site gets one event with a very long Latvian
// and a very long Russian title, is built with $VESTIS_BIN, and the two cards vestis draws for
// it are opened as images: each is 1200 × 630, has text drawn, and no pixel other than the
// background's colour lies in the 40 px margin along the edges (canvas getImageData).
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
const MARGIN = 40;
const CARDS = {
  lv: "/lv/pasakumi/zz-long-title/share.png",
  ru: "/ru/meropriyatiya/zz-long-title/share.png",
};
const LONG_LV =
  "Interaktīvais šovs „Mēs esam dažādi, bet kopā” Daugavpils Vienības nama lielajā zālē ar Rēzeknes, Līvānu un Jēkabpils novada mazākumtautību jauniešu līdzdalību un ģimeņu, skolotāju un brīvprātīgo palīdzību";
const LONG_RU =
  "Интерактивное шоу «Мы разные, но вместе» в большом зале Даугавпилсского Дома единства с участием молодёжи национальных меньшинств Резекне, Ливан и Екабпилсского края, при поддержке семей, учителей и добровольцев";

let work, server, browser;

before(async () => {
  const bin = process.env.VESTIS_BIN;
  assert.ok(bin && fs.existsSync(bin), `set VESTIS_BIN to a vestis binary (now ${bin})`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-cards-"));
  const site = path.join(work, "site");
  for (const part of ["site.yaml", "content", "locales", "static", "themes"]) {
    fs.cpSync(path.join(REPO, part), path.join(site, part), { recursive: true });
  }
  const events = path.join(site, "content", "events");
  fs.writeFileSync(path.join(events, "zz-long-title.yaml"), "date: 2014-06-14\ntown: rezekne\nkind: show\n");
  fs.writeFileSync(path.join(events, "zz-long-title.lv.md"), `---\ntitle: "${LONG_LV}"\nvenue: "GORS"\n---\nTeksts.\n`);
  fs.writeFileSync(path.join(events, "zz-long-title.ru.md"), `---\ntitle: "${LONG_RU}"\nvenue: "GORS"\n---\nТекст.\n`);
  const out = path.join(work, "public");
  execFileSync(bin, ["build", "--root", site, "--output", out], { stdio: ["ignore", "pipe", "pipe"] });
  server = await serve(out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Loads the image at `url` into a canvas; returns its size, drawn pixels and margin intruders. */
async function inspect(url) {
  const page = await browser.newPage();
  await page.goto(server.url + "/lv/", { waitUntil: "load" });
  const result = await page.evaluate(async ({ url, margin }) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const bg = [data[0], data[1], data[2]];
    const differs = (i) => Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 24;
    let inside = 0;
    const intruders = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!differs((y * width + x) * 4)) continue;
        const inMargin = x < margin || y < margin || x >= width - margin || y >= height - margin;
        if (inMargin) { if (intruders.length < 5) intruders.push([x, y]); } else inside++;
      }
    }
    return { width, height, inside, intruders };
  }, { url, margin: MARGIN });
  await page.close();
  return result;
}

for (const [lang, url] of Object.entries(CARDS)) {
  test(`the ${lang} card of a long title is 1200 × 630 and keeps its margins`, async () => {
    const card = await inspect(url);
    assert.equal(card.width, 1200);
    assert.equal(card.height, 630);
    assert.ok(card.inside > 20000, `only ${card.inside} drawn pixels: is the text there?`);
    assert.deepEqual(card.intruders, [], `pixels in the ${MARGIN} px margin at ${JSON.stringify(card.intruders)}`);
  });
}
