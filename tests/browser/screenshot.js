// Screenshots of a built site's page at phone and desktop widths, for docs/screenshots/.
//   node screenshot.js SITE_DIR OUT_DIR [URL_PATH=/lv/] [--full]
import path from "node:path";
import fs from "node:fs";
import { serve } from "./lib/server.js";
import { launch } from "./lib/browser.js";

const [siteDir, outDir, urlPath = "/lv/", flag] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error("usage: node screenshot.js SITE_DIR OUT_DIR [URL_PATH] [--full]");
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const server = await serve(siteDir);
try {
  for (const [name, width, height] of [["home-phone", 390, 844], ["home-desktop", 1280, 900]]) {
    const browser = await launch({ viewport: { width, height } });
    try {
      const page = await browser.newPage();
      await page.goto(server.url + urlPath, { waitUntil: "load" });
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: flag === "--full" });
      console.log(`${file} (${width}×${height})`);
      if (browser.external.length) throw new Error(`external requests: ${browser.external.join(", ")}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
