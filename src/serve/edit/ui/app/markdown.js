// The Markdown editor of a body: a text area, a toolbar for what the officer's guide teaches
// (bold, italic, heading, list, link, link to another record, image) and the rendered text,
// which the server renders with the site's Markdown and sanitises.

import * as api from "./api.js";
import { h, fill, uid, debounce } from "./dom.js";
import { t } from "./i18n.js";
import { problemSlot } from "./widgets.js";

/** Wraps the selection in `before`/`after` (or inserts them around a placeholder word). */
function wrap(area, before, after, placeholder) {
  const { selectionStart: s, selectionEnd: e, value } = area;
  const inner = value.slice(s, e) || placeholder;
  area.setRangeText(before + inner + after, s, e, "end");
  area.setSelectionRange(s + before.length, s + before.length + inner.length);
}

/** Puts `prefix` before every line the selection touches. */
function prefixLines(area, prefix) {
  const { selectionStart: s, selectionEnd: e, value } = area;
  const start = value.lastIndexOf("\n", s - 1) + 1;
  const endNl = value.indexOf("\n", e);
  const end = endNl === -1 ? value.length : endNl;
  const lines = value.slice(start, end).split("\n").map((l) => (l.startsWith(prefix) ? l : prefix + l));
  area.setRangeText(lines.join("\n"), start, end, "select");
}

/** A modal dialog with `fields` and Insert/Cancel; resolves to the form's values or null. */
function ask(title, fields) {
  return new Promise((resolve) => {
    const titleId = uid("dlg");
    const form = h("form", { method: "dialog" });
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": titleId }, h("h2", { id: titleId }, title), form);
    const inputs = fields.map((f) => {
      const id = uid("dlg-f");
      const input = f.options
        ? h("select", { id, name: f.name }, f.options.map((o) => h("option", { value: o.value }, o.label)))
        : h("input", { id, name: f.name, type: f.type || "text", value: f.value || "", autocomplete: "off" });
      form.append(h("div", { class: "field" }, h("label", { for: id }, f.label), input));
      return input;
    });
    form.append(h("div", { class: "actions" },
      h("button", { class: "primary", value: "ok" }, t("ui-insert")),
      h("button", { value: "cancel", formnovalidate: true }, t("ui-cancel"))));
    dialog.addEventListener("close", () => {
      const ok = dialog.returnValue === "ok";
      const values = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
      dialog.remove();
      resolve(ok ? values : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    inputs[0]?.focus();
  });
}

/**
 * `records`: [{collection, id, title}] for the record-link picker; `media()`: the names of the
 * record's files for the image picker; `onChange()` after every edit.
 */
export function markdownEditor({ lang, label, value, records, media, onChange }) {
  const id = uid(`body-${lang}`);
  const area = h("textarea", { id, lang, rows: 14, class: "md", spellcheck: "true" }, value ?? "");
  const rendered = h("div", { class: "rendered", lang });
  const renderedId = uid("rendered");
  const slot = problemSlot(area);
  const changed = () => { area.dispatchEvent(new Event("input", { bubbles: true })); };
  const tool = (name, icon, action) => h("button", { type: "button", class: "tool", "data-tool": name, title: t(`ui-tool-${name}`),
    "aria-label": t(`ui-tool-${name}`), onclick: async () => { await action(); area.focus(); changed(); } }, icon);
  const tools = [
    tool("bold", "B", () => wrap(area, "**", "**", t("ui-tool-bold"))),
    tool("italic", "I", () => wrap(area, "*", "*", t("ui-tool-italic"))),
    tool("heading", "H", () => prefixLines(area, "## ")),
    tool("list", "•", () => prefixLines(area, "- ")),
    tool("link", "↗", async () => {
      const answer = await ask(t("ui-tool-link"), [{ name: "url", label: t("ui-link-url"), type: "url" }]);
      if (answer?.url) wrap(area, "[", `](${answer.url})`, t("ui-link-text"));
    }),
    tool("record-link", "@", async () => {
      const options = records().map((r) => ({ value: `@/${r.collection}/${r.id}`, label: `${r.label || r.collection}: ${r.title}` }));
      const answer = await ask(t("ui-tool-record-link"), [{ name: "target", label: t("ui-pick-record"), options }]);
      if (answer?.target) wrap(area, "[", `](${answer.target})`, t("ui-link-text"));
    }),
    tool("image", "▣", async () => {
      const names = media();
      if (!names.length) return;
      const answer = await ask(t("ui-tool-image"), [
        { name: "src", label: t("ui-pick-image"), options: names.map((n) => ({ value: n, label: n })) },
        { name: "alt", label: t("ui-alt", { language: lang }) }]);
      if (answer?.src) area.setRangeText(`![${answer.alt}](${answer.src})`, area.selectionStart, area.selectionEnd, "end");
    }),
  ];
  area.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (e.key === "b") { e.preventDefault(); wrap(area, "**", "**", t("ui-tool-bold")); changed(); }
    if (e.key === "i") { e.preventDefault(); wrap(area, "*", "*", t("ui-tool-italic")); changed(); }
  });
  const render = debounce(async () => {
    try {
      const { html } = await api.preview(lang, area.value);
      // The server's sanitised HTML (no scripts, no event attributes, no javascript: links).
      rendered.innerHTML = html;
    } catch { /* the preview is a help, not needed to save */ }
  }, 400);
  area.addEventListener("input", () => { render(); onChange(); });
  render();
  const toolbarLabel = t("ui-toolbar");
  const el = h("div", { class: "field md-field", "data-field": "body" },
    h("label", { for: id }, label),
    h("div", { role: "toolbar", "aria-label": toolbarLabel, "aria-controls": id, class: "toolbar" }, tools),
    area, slot.box,
    h("p", { id: renderedId, class: "rendered-title" }, t("ui-rendered")),
    fill(h("div", { role: "group", "aria-labelledby": renderedId, class: "rendered-box" }), rendered));
  return { el, slot, control: area, get: () => area.value };
}
