// The record screen: the form made from the schema (shared fields once, each language's
// texts side by side), validation as you type and on save shown at each field, the preview
// of the real served page beside it, conflicts, stamping, uploads and the bin.

import * as api from "./api.js";
import { h, fill, uid, debounce, announce, addToken, removeToken } from "./dom.js";
import { t, pick, fieldLabel, collectionLabel } from "./i18n.js";
import { siteLanguages } from "./app.js";
import { widget, textWidget } from "./widgets.js";
import { markdownEditor } from "./markdown.js";
import { translationPanel } from "./texts.js";
import { conflictScreen } from "./conflict.js";

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export async function showRecord(ctx, collection, id) {
  const { state, main } = ctx;
  const rec = await api.record(collection, id);
  if (!state.collections) state.collections = await api.collections();
  const langs = siteLanguages();
  const order = langs.map((l) => l.code);
  const languageName = (code) => langs.find((l) => l.code === code)?.name || code || "";
  let version = rec.version;
  const media = [...(rec.media || [])];
  const slots = new Map(); // "lang|field" -> slot
  const neutral = [];      // { name, widget, initial }
  const texts = {};        // lang -> [{ group, name, widget, initial }]
  const fieldEls = new Map(); // "lang|field" -> element, for placeholder highlights
  const summary = h("div", { class: "summary", "aria-live": "polite" });
  const conflictBox = h("div", { class: "conflict-box" });

  const changed = () => validateSoon();
  const upload = async (field, file) => {
    const alts = {};
    for (const lang of order) {
      const entry = (texts[lang] || []).find((x) => x.name === `${field.name}_alt`);
      if (entry?.widget.get()) alts[lang] = entry.widget.get();
    }
    const answer = await api.upload({ collection, id, field: field.name, filename: file.name, data: await base64(file), alts });
    version = answer.version;
    media.push(answer.name);
    for (const lang of order) {
      const entry = (texts[lang] || []).find((x) => x.name === `${field.name}_alt`);
      if (entry) entry.initial = entry.widget.get();
    }
    return answer.name;
  };
  /** Stores a gallery photo or a video's file (the form then saves the field's value). */
  const store = async (field, file, extra) => {
    const answer = await api.upload({ collection, id, field: field.name, filename: file.name, data: await base64(file), ...extra });
    if (!media.includes(answer.name)) media.push(answer.name);
    return answer.name;
  };
  const wctx = { langOrder: order, langs, changed, upload, store, media: () => media };

  // The shared fields, once.
  const neutralBox = h("fieldset", { class: "neutral" }, h("legend", {}, t("ui-shared-fields")));
  for (const field of rec.fields.filter((f) => !f.localized)) {
    const initial = rec.neutral?.[field.name] ?? null;
    const w = widget(field, initial, wctx);
    neutral.push({ name: field.name, widget: w, initial });
    slots.set(`|${field.name}`, w.slot);
    fieldEls.set(`|${field.name}`, w.el);
    neutralBox.append(w.el);
  }

  // Each language's texts, side by side.
  const records = () => (state.collections || []).flatMap((c) => c.records.map((r) => ({
    collection: c.name, label: collectionLabel(c), id: r.id, title: pick(r.titles, order) || r.id })));
  const columns = langs.map((lang) => {
    const text = rec.texts?.[lang.code] || null;
    // The front matter's values (`front`), with the documented shape as a fallback.
    const front = text ? { ...(text.fields || {}), ...(text.front || {}) } : null;
    const frontValue = (key) => front?.[key] ?? text?.[key] ?? null;
    const entries = [];
    texts[lang.code] = entries;
    const add = (group, name, w, initial) => {
      entries.push({ group, name, widget: w, initial });
      slots.set(`${lang.code}|${name}`, w.slot);
      fieldEls.set(`${lang.code}|${name}`, w.el);
      return w.el;
    };
    const headingId = uid("lang");
    const column = h("section", { class: "lang-column", lang: lang.code, "aria-labelledby": headingId, "data-lang": lang.code });
    const panelSpot = h("div");
    column.append(h("h2", { id: headingId, lang: document.documentElement.lang }, t("ui-lang-text", { language: lang.name })), panelSpot);
    const labelled = (key) => `${t(key)} (${lang.name})`;
    column.append(add("front", "title", textWidget({ name: "title", label: labelled("ui-field-title"), value: frontValue("title"), lang: lang.code, required: true }), frontValue("title")));
    column.append(add("front", "summary", textWidget({ name: "summary", label: labelled("ui-field-summary"), value: frontValue("summary"), lang: lang.code, multiline: true }), frontValue("summary")));
    for (const field of rec.fields.filter((f) => f.localized)) {
      const initial = frontValue(field.name);
      column.append(add("front", field.name, textWidget({ name: field.name, label: `${fieldLabel(field)} (${lang.name})`, value: initial, lang: lang.code, required: field.required }), initial));
    }
    for (const field of rec.fields.filter((f) => f.type === "image" && !f.localized)) {
      const initial = front?.[`${field.name}_alt`] ?? text?.alts?.[field.name] ?? null;
      const w = textWidget({ name: `${field.name}_alt`, label: `${t("ui-alt", { language: lang.name })} (${fieldLabel(field)})`, value: initial, lang: lang.code });
      column.append(add("front", `${field.name}_alt`, w, initial));
    }
    const body = markdownEditor({ lang: lang.code, label: labelled("ui-field-body"), value: text?.body ?? "", records, media: () => media, onChange: changed });
    column.append(add("", "body", body, text ? text.body ?? "" : null));
    for (const entry of entries) {
      // A value vestis counts as not written yet (`TODO…`, as `vestis new` leaves it) stands out.
      const control = entry.widget.control;
      const flagId = uid("todo");
      const flag = h("p", { id: flagId, class: "placeholder-flag", hidden: true }, t("ui-placeholder-note"));
      control.after(flag);
      const mark = () => {
        const todo = /^\s*TODO\b/.test(control.value);
        entry.widget.el.classList.toggle("placeholder", todo);
        flag.hidden = !todo;
        if (todo) addToken(control, "aria-describedby", flagId); else removeToken(control, "aria-describedby", flagId);
      };
      control.addEventListener("input", () => { mark(); changed(); });
      mark();
    }
    translationPanel(rec, lang.code, {
      languageName, column, version: () => version, setVersion: (v) => { version = v; },
      highlight: (fields) => fields.forEach((f) => fieldEls.get(`${lang.code}|${f}`)?.classList.add("placeholder")),
    }).then((panel) => panel && panelSpot.append(panel));
    return column;
  });
  for (const { widget: w } of neutral) w.el.addEventListener("input", changed);
  for (const { widget: w } of neutral) w.el.addEventListener("change", changed);

  /** What the form changed since it was loaded (only those keys are sent). */
  const payload = (draft) => {
    const out = { collection, id, version, draft, neutral: {}, texts: {} };
    for (const n of neutral) {
      if (n.widget.isFile) continue;
      const v = n.widget.get();
      if (!same(v, n.initial)) out.neutral[n.name] = v;
    }
    for (const [lang, entries] of Object.entries(texts)) {
      const part = {};
      for (const e of entries) {
        const v = e.widget.get();
        if (same(v, e.initial) || (e.initial === null && (v === "" || v === null))) continue;
        if (e.group) (part[e.group] ||= {})[e.name] = v;
        else part[e.name] = v;
      }
      if (Object.keys(part).length) out.texts[lang] = part;
    }
    return out;
  };
  const accept = () => {
    for (const n of neutral) n.initial = n.widget.get();
    for (const entries of Object.values(texts)) for (const e of entries) e.initial = e.widget.get();
  };

  /** Every problem at its field, and all of them in the summary (with a way to each field). */
  const showProblems = (diagnostics) => {
    const byKey = new Map();
    for (const d of diagnostics || []) {
      const key = d.field ? `${d.lang ?? ""}|${d.field}` : null;
      const k = key && slots.has(key) ? key : key && slots.has(`|${d.field}`) ? `|${d.field}` : null;
      if (k) byKey.set(k, [...(byKey.get(k) || []), d]);
    }
    for (const [key, slot] of slots) slot.show(byKey.get(key) || []);
    const errors = (diagnostics || []).filter((d) => d.severity === "error");
    if (!diagnostics?.length) { fill(summary, h("p", { class: "ok" }, t("ui-no-problems"))); return errors; }
    fill(summary,
      h("p", { class: errors.length ? "problem" : "warning" }, errors.length ? t("ui-has-errors") : t("ui-problems-count", { count: diagnostics.length })),
      h("ul", {}, diagnostics.map((d) => {
        const key = d.field ? (slots.has(`${d.lang ?? ""}|${d.field}`) ? `${d.lang ?? ""}|${d.field}` : `|${d.field}`) : null;
        const el = key ? fieldEls.get(key) : null;
        const where = [d.field, d.lang ? languageName(d.lang) : null].filter(Boolean).join(", ");
        return h("li", { class: d.severity },
          el ? h("a", { href: "#", onclick: (e) => { e.preventDefault(); el.querySelector("input, select, textarea, button")?.focus(); } }, where || "…") : h("span", {}, d.path ? `${d.path}:${d.line}` : ""),
          ": ", d.message, d.help ? ` — ${d.help}` : "");
      })));
    return errors;
  };

  const validateSoon = debounce(async () => {
    try {
      const answer = await api.validate(payload(true));
      showProblems(answer.diagnostics);
    } catch { /* as-you-type checks are a help; saving checks again */ }
  }, 700);

  const status = h("p", { class: "save-status", role: "status" });
  const save = async (draft) => {
    validateSoon.cancel();
    fill(status, t("ui-saving"));
    status.dataset.result = "saving";
    try {
      const answer = await api.save(payload(draft));
      version = answer.version;
      accept();
      conflictBox.replaceChildren();
      showProblems(answer.diagnostics);
      fill(status, t("ui-saved"));
      status.dataset.result = "saved";
      announce(t("ui-saved"));
      if (answer.preview) rec.preview = answer.preview;
      showPreview();
    } catch (err) {
      if (err.status === 409 && err.body?.error === "conflict") {
        fill(status, t("ui-conflict-title"));
        status.dataset.result = "conflict";
        const screen = conflictScreen(err.body, {
          keepMine: () => { version = err.body.version; save(draft); },
          takeDisk: () => ctx.reload ? ctx.reload() : showRecord(ctx, collection, id),
        });
        fill(conflictBox, screen);
        screen.focus();
        return;
      }
      if (err.status === 422) {
        showProblems(err.body.diagnostics);
        fill(status, t("ui-has-errors"));
        status.dataset.result = "invalid";
        announce(t("ui-has-errors"));
        return;
      }
      const reason = err.status === 0 ? t("ui-error-network") : err.body?.message || err.message;
      fill(status, t("ui-save-failed", { reason }));
      status.dataset.result = "failed";
      announce(t("ui-save-failed", { reason }));
    }
  };

  const remove = async () => {
    const title = pick(Object.fromEntries(Object.entries(rec.texts || {}).map(([k, v]) => [k, v?.front?.title ?? v?.title])), order) || id;
    try {
      const answer = await api.remove({ collection, id, version });
      location.hash = `#/c/${encodeURIComponent(collection)}`;
      const undo = h("button", { type: "button", onclick: async () => {
        const back = await api.restore({ trash: answer.trash });
        announce(t("ui-restored"));
        location.hash = `#/r/${encodeURIComponent(back.collection)}/${encodeURIComponent(back.id)}`;
      } }, t("ui-undo"));
      announce(t("ui-deleted", { title }), " ", undo);
      undo.focus();
    } catch (err) {
      if (err.status === 409) fill(status, t("ui-conflict-title"));
      else fill(status, t("ui-save-failed", { reason: err.body?.message || err.message }));
    }
  };

  // The preview: the real served page, reloaded by the site's own live reload.
  const previewLangId = uid("plang");
  const previewLang = h("select", { id: previewLangId }, langs.map((l) => h("option", { value: l.code }, l.name)));
  const frame = h("iframe", { class: "preview-frame", title: t("ui-preview") });
  const openLink = h("a", { target: "_blank", rel: "noopener" }, t("ui-preview-open"));
  const previewNote = h("p", { class: "hint" });
  const showPreview = () => {
    const url = rec.preview?.[previewLang.value];
    if (!url) { frame.hidden = true; openLink.hidden = true; fill(previewNote, t("ui-preview-none")); return; }
    frame.hidden = false; openLink.hidden = false; fill(previewNote);
    openLink.href = url;
    if (frame.getAttribute("src") !== url) frame.src = url;
    else frame.contentWindow?.location.reload();
  };
  previewLang.addEventListener("change", showPreview);

  const title = pick(Object.fromEntries(Object.entries(rec.texts || {}).map(([k, v]) => [k, v?.front?.title ?? v?.title])), order) || id;
  const saveButton = h("button", { type: "button", class: "primary", "data-action": "save", onclick: () => save(false) }, t("ui-save"));
  const draftButton = h("button", { type: "button", "data-action": "save-draft", onclick: () => save(true) }, t("ui-save-draft"));
  const deleteButton = h("button", { type: "button", class: "danger", "data-action": "delete", onclick: remove }, t("ui-delete"));
  const form = h("form", { class: "record-form", onsubmit: (e) => { e.preventDefault(); save(false); } },
    neutralBox,
    h("h2", { class: "visually-hidden" }, t("ui-texts")),
    h("div", { class: "langs" }, columns));
  fill(main,
    h("p", {}, h("a", { href: `#/c/${encodeURIComponent(collection)}` }, t("ui-back-to", { collection: collectionLabel((state.collections || []).find((c) => c.name === collection)) || collection }))),
    h("h1", {}, t("ui-edit-title", { title })),
    rec.draft ? h("p", { class: "badge warn" }, t("ui-state-draft")) : null,
    conflictBox,
    summary,
    h("div", { class: "record-layout" },
      h("div", { class: "record-main" }, form,
        h("div", { class: "actions sticky" }, saveButton, draftButton, deleteButton, status)),
      h("aside", { class: "preview", "aria-labelledby": previewLangId + "-h" },
        h("h2", { id: previewLangId + "-h" }, t("ui-preview")),
        h("div", { class: "field" }, h("label", { for: previewLangId }, t("ui-preview-language")), previewLang),
        previewNote, frame, openLink)));
  showProblems(rec.diagnostics);
  showPreview();
}
