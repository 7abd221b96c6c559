// What the built site holds, read from its files: every HTML page with its language, kind and
// collection (from `<html lang>` and the default theme's `<body class="kind-… collection-…">`).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The built site's directory: $VESTIS_SITE_DIR (required: the suite never guesses). */
export function siteDir() {
  const dir = process.env.VESTIS_SITE_DIR;
  if (!dir) throw new Error("VESTIS_SITE_DIR is not set: point it at a built site (vestis build --output DIR)");
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    throw new Error(`VESTIS_SITE_DIR=${dir} holds no index.html: is it a built site?`);
  }
  return path.resolve(dir);
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Every .html file under the site, sorted. */
export function htmlFiles(root) {
  return walk(root).filter((f) => f.endsWith(".html"));
}

/** The URL path a file is served at ("/lv/pasakumi/" for lv/pasakumi/index.html). */
export function urlPathOf(root, file) {
  const rel = path.relative(root, file).split(path.sep).join("/");
  return "/" + (rel.endsWith("index.html") ? rel.slice(0, -"index.html".length) : rel);
}

/** [{ file, url, lang, kind, collection }] for every HTML page. */
export function pages(root) {
  return htmlFiles(root).map((file) => {
    const html = fs.readFileSync(file, "utf8");
    const lang = /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1] ?? null;
    const bodyClass = /<body[^>]*\bclass="([^"]*)"/.exec(html)?.[1] ?? "";
    const kind = /\bkind-([\w-]+)/.exec(bodyClass)?.[1] ?? null;
    const collection = /\bcollection-([\w-]+)/.exec(bodyClass)?.[1] ?? null;
    return { file, url: urlPathOf(root, file), lang, kind, collection };
  });
}

/**
 * The pages the accessibility check visits: each language's home, and for each collection one
 * list page and one record page, in each language.
 */
export function samplePages(root) {
  const all = pages(root);
  const picked = [];
  const seen = new Set();
  for (const p of all) {
    let key = null;
    if (p.kind === "home") key = `home ${p.lang}`;
    else if ((p.kind === "list" || p.kind === "record") && p.collection) key = `${p.kind} ${p.collection} ${p.lang}`;
    if (key && !seen.has(key)) {
      seen.add(key);
      picked.push({ ...p, label: key });
    }
  }
  return picked;
}
