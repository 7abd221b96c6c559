// The Nu Html Checker (vnu.jar from the vnu-jar package) finds no errors in any HTML file of the
// built site: one JVM run for all files. The site to check is $VESTIS_SITE_DIR.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";
import { siteDir, htmlFiles } from "./lib/site.js";

const require = createRequire(import.meta.url);

test("Nu Html Checker: no errors in any page", (t) => {
  const root = siteDir();
  const files = htmlFiles(root);
  assert.ok(files.length > 0, "the site has HTML files");
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
  const run = spawnSync("java", ["-Xss1024k", "-jar", jar, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`could not run java (apt-get install -y default-jre-headless): ${run.error.message}`);
  // vnu prints its JSON report on stderr.
  let report;
  try {
    report = JSON.parse(run.stderr || run.stdout);
  } catch {
    throw new Error(`vnu exited with ${run.status} and no JSON report:\n${run.stderr}\n${run.stdout}`);
  }
  const errors = report.messages.filter((m) => m.type === "error" || m.subType === "fatal");
  const byFile = new Map();
  for (const m of errors) {
    const file = m.url ? path.relative(root, decodeURIComponent(new URL(m.url).pathname)) : "?";
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(`${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"} ${m.message}`);
  }
  const summary = `vnu: ${files.length} HTML files checked, ${errors.length} errors in ${byFile.size} files`;
  t.diagnostic(summary);
  const listing = [...byFile].slice(0, 20).map(([f, ms]) => `${f}:\n  ${ms.slice(0, 10).join("\n  ")}`).join("\n");
  assert.equal(errors.length, 0, `Nu Html Checker errors:\n${listing}`);
  assert.equal(run.status, 0, `vnu exited with ${run.status}`);
});
