// Debian's Chromium driven by playwright-core, with a fresh profile, and a guard that records
// (and blocks) every request that would leave 127.0.0.1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium; resolves to { context, external, failed, errors, newPage(), close() }. */
export async function launch({ viewport = { width: 1280, height: 900 }, locale = "lv-LV" } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "vestis-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    locale,
    serviceWorkers: "block",
  });
  const external = []; // requests to any host but 127.0.0.1
  const failed = [];   // local requests answered with an error status
  const errors = [];   // uncaught script errors in pages
  await context.route("**/*", (route) => {
    const url = route.request().url();
    let host = null;
    try { host = new URL(url).hostname; } catch { /* not a URL */ }
    if (host === "127.0.0.1" || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request) => {
    const url = request.url();
    if (!/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(url) && !/^(data|blob|about):/.test(url) && !external.includes(url)) {
      external.push(url);
    }
  });
  context.on("response", (response) => {
    if (response.status() >= 400 && !response.request().isNavigationRequest()) {
      failed.push(`${response.status()} ${response.url()}`);
    }
  });
  context.on("page", (page) => {
    page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
    page.on("websocket", (ws) => {
      if (!/^wss?:\/\/127\.0\.0\.1[:/]/.test(ws.url())) external.push(ws.url());
    });
  });
  return {
    context,
    external,
    failed,
    errors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
