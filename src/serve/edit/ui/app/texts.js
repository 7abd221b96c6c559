// Translation built in: the state of each translation above its column, the word diff of
// what changed in the original since the translation was stamped, the "translation is up to
// date" button, and placeholders highlighted.

import * as api from "./api.js";
import { h, fill, announce } from "./dom.js";
import { t } from "./i18n.js";

/** The diff as text with removed words struck through and added words underlined. */
export function diffView(diff) {
  // Focusable: a long diff scrolls, and keyboard users must be able to scroll it.
  return h("p", { class: "diff", tabindex: "0" }, diff.map((part) => {
    if (part.op === "del") return h("del", {}, part.text);
    if (part.op === "add") return h("ins", {}, part.text);
    return part.text;
  }));
}

/**
 * The panel of language `lang` of record `rec` (null when there is nothing to say).
 * `ctx`: { languageName(code), version(), setVersion(v), column, highlight(fields) }.
 */
export async function translationPanel(rec, lang, ctx) {
  const raw = rec.translations?.[lang];
  const info = { state: typeof raw === "string" ? raw : raw?.state };
  if (!info.state || info.state === "complete" || info.state === "missing") return null;
  const panel = h("div", { class: `translation ${info.state}`, "data-state": info.state });
  let details = null;
  try {
    details = await api.translation(rec.collection, rec.id, lang);
  } catch { /* older servers: show the state alone */ }
  if (info.state === "placeholder" || details?.placeholders?.length) {
    ctx.column.classList.add("has-placeholder");
    ctx.highlight((details?.placeholders || []).map((p) => p.field));
    panel.append(h("p", { class: "placeholder-note" }, t("ui-placeholder-note")));
  }
  if (info.state === "stale" || info.state === "unstamped") {
    const original = ctx.languageName(details?.original_lang);
    const headingId = `stale-${lang}`;
    panel.append(h("h3", { id: headingId }, t("ui-stale-title", { original })));
    if (details?.diff) {
      panel.append(h("p", {}, t("ui-stale-diff")), diffView(details.diff));
    }
    const button = h("button", { type: "button", class: "primary stamp", onclick: async () => {
      button.disabled = true;
      try {
        const answer = await api.stamp({ collection: rec.collection, id: rec.id, lang, version: ctx.version() });
        ctx.setVersion(answer.version);
        fill(panel, h("p", { class: "ok" }, t("ui-stamped")));
        panel.className = "translation complete";
        panel.dataset.state = "complete";
        announce(t("ui-stamped"));
      } catch (err) {
        button.disabled = false;
        announce(t("ui-save-failed", { reason: err.body?.message || err.message }));
      }
    } }, t("ui-stamp"));
    panel.append(button);
  }
  return panel;
}
