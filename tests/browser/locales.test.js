// The default theme's Fluent messages: every message exists in every language of the theme, and
// every plural selector on $count has the variants CLDR gives that language
// (lv: zero, one, other; ru: one, few, many, other).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { HERE } from "./lib/site.js";

const LOCALES = path.resolve(HERE, "..", "..", "themes", "default", "locales");
const PLURALS = { lv: ["zero", "one", "other"], ru: ["one", "few", "many", "other"] };

/** { id: { text, variants: [..] | null } } from the .ftl files of one language. */
function messages(lang) {
  const out = {};
  const dir = path.join(LOCALES, lang);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    let current = null;
    for (const line of fs.readFileSync(path.join(dir, file), "utf8").split(/\r?\n/)) {
      const start = /^([a-zA-Z][\w-]*)\s*=\s*(.*)$/.exec(line);
      if (start) {
        assert.ok(!(start[1] in out), `${lang}/${file}: message ${start[1]} is defined twice`);
        current = out[start[1]] = { file, text: start[2], variants: null };
      } else if (current && /^\s+/.test(line)) {
        current.text += "\n" + line;
        const variant = /^\s+\*?\[([\w-]+)\]/.exec(line);
        if (variant) (current.variants ??= []).push(variant[1]);
      } else if (!/^\s*(#.*)?$/.test(line)) {
        current = null;
      }
    }
  }
  return out;
}

test("theme locales: the same messages in every language, with CLDR plural variants", (t) => {
  const langs = fs.readdirSync(LOCALES).filter((d) => fs.statSync(path.join(LOCALES, d)).isDirectory()).sort();
  assert.deepEqual(langs, Object.keys(PLURALS).sort(), "the theme's languages");
  const all = Object.fromEntries(langs.map((l) => [l, messages(l)]));
  const ids = new Set(langs.flatMap((l) => Object.keys(all[l])));
  for (const lang of langs) {
    const missing = [...ids].filter((id) => !(id in all[lang]));
    assert.deepEqual(missing, [], `messages missing in ${lang}`);
    for (const [id, m] of Object.entries(all[lang])) {
      assert.ok(m.text.trim().length > 0, `${lang} ${id} is empty`);
      if (m.variants && /\$count\s*->/.test(m.text)) {
        assert.deepEqual([...m.variants].sort(), [...PLURALS[lang]].sort(), `${lang} ${id}: plural variants`);
        assert.match(m.text, /\*\[other\]/, `${lang} ${id}: [other] is the default variant`);
      }
    }
  }
  t.diagnostic(`theme locales: ${ids.size} messages in ${langs.join(", ")}`);
});
