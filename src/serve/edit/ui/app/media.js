// The widgets of the two structured field types: a gallery (photos added with an upload,
// removed and moved with buttons, each with its alt text and caption per site language) and a
// video (a link to a video site or an uploaded MP4/WebM, a poster picture, captions per
// language). Both give back the whole value as the API wants it (see docs/editor-api.md) and,
// until the officer changes something, exactly the value they were loaded with, so an
// unchanged save leaves the file byte for byte as it was.

import { h, fill, uid } from "./dom.js";
import { t, fieldLabel } from "./i18n.js";
import { problemSlot } from "./widgets.js";

/** A text that is the same in every language, or a per-language map, as a map. */
function perLanguage(value, langs) {
  if (typeof value === "string") return Object.fromEntries(langs.map((l) => [l.code, value]));
  return value && typeof value === "object" ? { ...value } : {};
}

/** The non-empty texts of a {lang: text} map, or null when all are empty. */
function nonEmpty(map) {
  const out = {};
  for (const [lang, text] of Object.entries(map)) if (String(text ?? "").trim()) out[lang] = String(text).trim();
  return Object.keys(out).length ? out : null;
}

/** A labelled group (`role=group`) with a problems slot, as the other widgets' shell. */
function group(field, ...children) {
  const labelId = uid("label");
  const holder = h("div", { role: "group", "aria-labelledby": labelId });
  const slot = problemSlot(holder);
  fill(holder, h("span", { id: labelId, class: "label" }, fieldLabel(field)), ...children, slot.box);
  return { el: h("div", { class: "field media-field", "data-field": field.name }, holder), slot };
}

/** A file input with its label; `onfile(file)` resolves to a text shown after it. */
function picker(labelText, accept, onfile, report) {
  const id = uid("upload");
  const input = h("input", { id, type: "file", accept });
  const status = h("span", { class: "file-name", "aria-live": "polite" });
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    fill(status, t("ui-uploading"));
    try {
      fill(status, await onfile(file));
      report([]);
    } catch (err) {
      fill(status);
      report([{ severity: "error", message: err.body?.message || err.message }]);
    }
    input.value = "";
  });
  return { el: h("div", { class: "upload" }, h("label", { for: id }, labelText), input, status), input, status };
}

const IMAGES = "image/jpeg,image/png,image/gif,image/webp";

/** `ctx`: { langs: [{code, name}], changed(), store(field, file, extra) → stored name }. */
export function galleryWidget(field, value, ctx) {
  const langs = ctx.langs;
  const initial = value ?? null;
  let dirty = false;
  const items = (Array.isArray(value) ? value : []).map((v) => (typeof v === "string"
    ? { src: v, alt: {}, caption: {} }
    : { src: String(v?.src ?? ""), alt: perLanguage(v?.alt, langs), caption: perLanguage(v?.caption, langs) }));
  const ol = h("ol", { class: "gallery-items" });
  const empty = h("p", { class: "hint" }, t("ui-gallery-empty"));
  const touched = () => { dirty = true; ctx.changed(); };
  const redraw = (focus) => {
    empty.hidden = items.length > 0;
    fill(ol, items.map((item, i) => {
      const name = t("ui-gallery-photo", { n: i + 1, name: item.src });
      const headingId = uid("photo");
      const rows = langs.flatMap((l) => ["alt", "caption"].map((kind) => {
        const id = uid(`g-${kind}-${l.code}`);
        const input = h("input", { id, type: "text", lang: l.code, value: item[kind][l.code] ?? "", autocomplete: "off",
          "data-kind": kind, "data-lang": l.code });
        input.addEventListener("input", () => { item[kind][l.code] = input.value; touched(); });
        return h("div", { class: "field" },
          h("label", { for: id }, kind === "alt" ? t("ui-alt", { language: l.name }) : t("ui-caption", { language: l.name })), input);
      }));
      const move = (delta) => {
        const j = i + delta;
        if (j < 0 || j >= items.length) return;
        [items[i], items[j]] = [items[j], items[i]];
        touched();
        redraw({ index: j, action: delta < 0 ? "up" : "down" });
      };
      const remove = () => { items.splice(i, 1); touched(); redraw({ index: Math.min(i, items.length - 1), action: "remove" }); };
      const buttons = h("span", { class: "list-buttons" },
        h("button", { type: "button", "data-action": "up", onclick: () => move(-1), disabled: i === 0, "aria-label": `${t("ui-list-up")}: ${name}` }, "↑"),
        h("button", { type: "button", "data-action": "down", onclick: () => move(1), disabled: i === items.length - 1, "aria-label": `${t("ui-list-down")}: ${name}` }, "↓"),
        h("button", { type: "button", "data-action": "remove", onclick: remove, "aria-label": `${t("ui-list-remove")}: ${name}` }, "✕"));
      const li = h("li", { class: "gallery-item", "aria-labelledby": headingId, "data-src": item.src },
        h("p", { id: headingId, class: "photo-name" }, name), item.thumb ? h("img", { class: "thumb", alt: "", src: item.thumb }) : null,
        buttons, h("div", { class: "photo-texts" }, rows));
      return li;
    }));
    if (focus) {
      const li = ol.children[focus.index];
      const target = li?.querySelector(`[data-action="${focus.action}"]:not([disabled])`) || li?.querySelector("input") || add.input;
      target.focus();
    }
  };
  const add = picker(t("ui-gallery-add"), IMAGES, async (file) => {
    const name = await ctx.store(field, file, {});
    items.push({ src: name, alt: {}, caption: {}, thumb: URL.createObjectURL(file) });
    touched();
    redraw({ index: items.length - 1, action: "none" });
    return t("ui-uploaded", { name });
  }, (problems) => slot.show(problems));
  const { el, slot } = group(field, empty, ol, add.el);
  redraw();
  const get = () => {
    if (!dirty) return initial;
    const out = items.map((item) => {
      const alt = nonEmpty(item.alt);
      const caption = nonEmpty(item.caption);
      if (!alt && !caption) return item.src;
      const photo = { src: item.src };
      if (alt) photo.alt = alt;
      if (caption) photo.caption = caption;
      return photo;
    });
    return out.length || initial !== null ? out : null;
  };
  return { el, get, slot, control: add.input };
}

/** A video: a host's link or an uploaded file, a poster, and captions per language. */
export function videoWidget(field, value, ctx) {
  const langs = ctx.langs;
  const initial = value ?? null;
  let dirty = false;
  let src = typeof value === "string" ? value : String(value?.src ?? "");
  let poster = typeof value === "object" && value ? value.poster ?? null : null;
  const touched = () => { dirty = true; ctx.changed(); };
  const linkId = uid("video-link");
  const hintId = uid("hint");
  const link = h("input", { id: linkId, type: "url", inputmode: "url", autocomplete: "off", value: src,
    "aria-describedby": hintId });
  link.addEventListener("input", () => { src = link.value.trim(); touched(); showCaptions(); });
  const isLocal = () => Boolean(src) && !/^[a-z]+:\/\//i.test(src);
  const report = (problems) => slot.show(problems);
  const upload = picker(t("ui-video-upload"), "video/mp4,video/webm", async (file) => {
    const name = await ctx.store(field, file, { role: "video" });
    src = name;
    link.value = name;
    touched();
    showCaptions();
    return t("ui-uploaded", { name });
  }, report);
  const posterName = h("span", { class: "file-name" });
  const showPoster = () => fill(posterName, poster ? t("ui-current-file", { name: poster }) : t("ui-none"));
  const posterPicker = picker(t("ui-video-poster"), IMAGES, async (file) => {
    poster = await ctx.store(field, file, { role: "poster" });
    touched();
    showPoster();
    return t("ui-uploaded", { name: poster });
  }, report);
  posterPicker.el.append(posterName);
  showPoster();
  // Captions live beside a local video as <name>.<lang>.vtt: one upload per language.
  const captions = h("div", { class: "captions" });
  const showCaptions = () => {
    if (!isLocal()) { captions.hidden = true; return; }
    captions.hidden = false;
    const stem = src.replace(/\.[^.]+$/, "");
    fill(captions, langs.map((l) => {
      const name = `${stem}.${l.code}.vtt`;
      const has = ctx.media().includes(name);
      const p = picker(t("ui-video-captions", { language: l.name }), ".vtt,text/vtt", async (file) => {
        const stored = await ctx.store(field, file, { role: "captions", lang: l.code, video: src });
        return t("ui-uploaded", { name: stored });
      }, report);
      fill(p.status, has ? t("ui-current-file", { name }) : t("ui-video-captions-none"));
      return p.el;
    }));
  };
  showCaptions();
  const { el, slot } = group(field,
    h("div", { class: "field" }, h("label", { for: linkId }, t("ui-video-link")), link,
      h("p", { id: hintId, class: "hint" }, t("ui-video-link-hint"))),
    upload.el, posterPicker.el, captions);
  const get = () => {
    if (!dirty) return initial;
    if (!src) return null;
    return poster ? { src, poster } : src;
  };
  return { el, get, slot, control: link };
}
