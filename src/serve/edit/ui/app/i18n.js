// The editor's words: fetched per language from the server (which formats them from the
// Fluent files), chosen from the browser's languages, switchable and remembered.

export const UI_LANGUAGES = [
  { code: "lv", name: "Latviešu" },
  { code: "ru", name: "Русский" },
  { code: "en", name: "English" },
];
const KEY = "vestis-editor-language";
let messages = {};
let current = "en";

/** The remembered choice, else the first of the browser's languages the editor speaks. */
export function chooseLanguage() {
  let saved = null;
  try { saved = localStorage.getItem(KEY); } catch { /* storage may be off */ }
  const codes = UI_LANGUAGES.map((l) => l.code);
  if (codes.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = tag.toLowerCase().split("-")[0];
    if (codes.includes(base)) return base;
  }
  return "en";
}

export function remember(code) {
  try { localStorage.setItem(KEY, code); } catch { /* storage may be off */ }
}

/** Loads the words of `code`; resolves once they can be used. */
export async function load(code) {
  const response = await fetch(`/__vestis/edit/strings/${code}.json`, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`strings ${code}: ${response.status}`);
  const body = await response.json();
  messages = body.messages || {};
  current = code;
  document.documentElement.lang = code;
}

export function uiLang() {
  return current;
}

/** The message `id`, with `{name}` parts filled in from `args`. */
export function t(id, args = {}) {
  const text = Object.hasOwn(messages, id) ? messages[id] : id;
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (Object.hasOwn(args, name) ? String(args[name]) : whole));
}

/** A date `2014-02-21` as the UI language writes it (CLDR, through the browser's Intl). */
export function formatDate(iso, withTime = false) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(String(iso || "").trim());
  if (!m) return null;
  const [, y, mo, d, hh, mm] = m.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, hh || 0, mm || 0));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const options = { dateStyle: "long", timeZone: "UTC" };
  if (withTime && m[4] !== undefined) options.timeStyle = "short";
  return new Intl.DateTimeFormat(current, options).format(date);
}

/** The best text of a `{lv: …, ru: …}` map for the UI language (then the site's order). */
export function pick(map, order = []) {
  if (!map) return null;
  for (const code of [current, ...order, ...Object.keys(map)]) {
    if (map[code]) return map[code];
  }
  return null;
}

/** A name as words: `end_date` → "End date" (when the site gives no label for it). */
export function readable(name) {
  const words = String(name || "").replace(/[_-]+/g, " ").trim();
  return words ? words[0].toLocaleUpperCase() + words.slice(1) : "";
}

/**
 * A field's label: the site's own word for it in the UI language (`labels`, from the site's
 * and theme's Fluent `field-<name>` messages), else its name as words (an English UI on a
 * Latvian–Russian site gets "End date", not "Beigu datums").
 */
export function fieldLabel(field) {
  return field?.labels?.[current] || readable(field?.name);
}

/** A collection's label (`collection-<name>` messages), likewise. */
export function collectionLabel(collection) {
  return collection?.labels?.[current] || readable(collection?.name);
}
