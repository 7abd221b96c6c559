// One widget per field type of site.yaml, built from the schema the API returns. Every widget
// is { el, get(), control, slot } where get() gives the value as the API wants it (text, a
// list of texts, or null for empty) and `slot` shows the problems found at this field.

import { h, fill, uid, addToken, removeToken } from "./dom.js";
import { t, formatDate, pick, fieldLabel } from "./i18n.js";
import { galleryWidget, videoWidget } from "./media.js";

/**
 * The place where a field's problems are shown: a message box under the control, tied to it
 * with aria-describedby, and aria-invalid on the control while an error is there.
 */
export function problemSlot(control) {
  const id = uid("problem");
  const box = h("div", { id, class: "field-problems", hidden: true });
  return {
    box,
    show(problems) {
      const controls = Array.isArray(control) ? control : [control];
      if (!problems.length) {
        box.hidden = true;
        box.replaceChildren();
        for (const c of controls) { c.removeAttribute("aria-invalid"); removeToken(c, "aria-describedby", id); }
        return;
      }
      fill(box, problems.map((p) => h("p", { class: p.severity === "error" ? "problem" : "warning" },
        p.message, p.help ? h("span", { class: "help" }, ` — ${p.help}`) : null)));
      box.hidden = false;
      const error = problems.some((p) => p.severity === "error");
      for (const c of controls) {
        if (error) c.setAttribute("aria-invalid", "true"); else c.removeAttribute("aria-invalid");
        addToken(c, "aria-describedby", id);
      }
    },
  };
}

/** Label + control + hint + problems, as one block. */
export function shell(field, label, control, hintText, extra = [], display = control) {
  const hintId = hintText ? uid("hint") : null;
  if (hintId) addToken(control, "aria-describedby", hintId);
  if (field.required) control.setAttribute("aria-required", "true");
  const slot = problemSlot(control);
  const el = h("div", { class: "field", "data-field": field.name },
    h("label", { for: control.id }, label, field.required ? h("span", { class: "req" }, ` (${t("ui-required")})`) : null),
    display, ...extra,
    hintText ? h("p", { id: hintId, class: "hint" }, hintText) : null,
    slot.box);
  return { el, slot };
}

function empty(v) {
  return v === null || v === undefined || String(v).trim() === "" ? null : String(v);
}

/** The label of an enum value in the UI language (then the site's languages). */
function enumLabel(value, order) {
  return pick(value.labels, order) || value.value;
}

/** A plain control (no label) for one value of `type`; used alone and inside lists. */
function control(field, value, ctx, id) {
  const type = field.type;
  if (type === "enum") {
    const select = h("select", { id },
      h("option", { value: "" }, field.required ? t("ui-choose") : t("ui-none")),
      (field.values || []).map((v) => h("option", { value: v.value, selected: v.value === value }, enumLabel(v, ctx.langOrder))));
    return { control: select, get: () => empty(select.value) };
  }
  if (type === "ref") return refControl(field, value, ctx, id);
  if (type === "bool") {
    const box = h("input", { id, type: "checkbox", checked: value === "true" || value === true });
    return { control: box, get: () => (box.checked ? "true" : value === null || value === undefined ? null : "false") };
  }
  if (type === "int" || type === "float" || type === "number") {
    const input = h("input", {
      id, type: "number", inputmode: type === "int" ? "numeric" : "decimal",
      step: type === "int" ? "1" : "any", min: field.min ?? null, max: field.max ?? null, value: value ?? "",
    });
    return { control: input, get: () => empty(input.value) };
  }
  if (type === "url") {
    const input = h("input", { id, type: "url", inputmode: "url", value: value ?? "", autocomplete: "off" });
    return { control: input, get: () => empty(input.value) };
  }
  if (type === "date" || type === "datetime") return dateControl(field, value, id);
  const input = h("input", { id, type: "text", value: value ?? "", autocomplete: "off" });
  return { control: input, get: () => empty(input.value) };
}

/**
 * Dates are typed as text (what a person writes, checked by vestis), with the browser's
 * date picker beside it and the date as the language writes it (CLDR) under it.
 */
function dateControl(field, value, id) {
  const withTime = field.type === "datetime";
  const input = h("input", { id, type: "text", inputmode: "numeric", value: value ?? "", autocomplete: "off",
    placeholder: withTime ? "2015-06-22 10:00" : "2015-06-22", class: "date-text" });
  const picker = h("input", { type: withTime ? "datetime-local" : "date", class: "date-picker", tabindex: "-1", "aria-hidden": "true" });
  const shown = h("span", { class: "date-shown", "aria-live": "polite" });
  const sync = () => {
    const text = formatDate(input.value, withTime);
    fill(shown, text ? t("ui-date-shown", { text }) : "");
    const iso = input.value.trim().replace(" ", "T");
    picker.value = /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso : "";
  };
  input.addEventListener("input", sync);
  picker.addEventListener("change", () => {
    input.value = withTime ? picker.value.replace("T", " ") : picker.value;
    sync();
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  sync();
  const wrap = h("span", { class: "date-wrap" }, input, picker);
  return { control: input, wrap, after: [shown], get: () => empty(input.value) };
}

/** A select of the target records, with a search box that narrows it. */
function refControl(field, value, ctx, id) {
  const targets = field.targets || field.of?.targets || [];
  const titleOf = (target) => pick(target.titles, ctx.langOrder) || target.id;
  const select = h("select", { id });
  const search = h("input", { type: "search", class: "ref-search", autocomplete: "off",
    "aria-label": `${t("ui-search")}: ${fieldLabel(field)}`, "aria-controls": id });
  const collator = new Intl.Collator(document.documentElement.lang);
  const sorted = [...targets].sort((a, b) => collator.compare(titleOf(a), titleOf(b)));
  const render = () => {
    const query = search.value.trim().toLocaleLowerCase();
    const keep = select.value || value || "";
    fill(select,
      h("option", { value: "" }, field.required ? t("ui-choose") : t("ui-none")),
      sorted.filter((x) => !query || x.id === keep || titleOf(x).toLocaleLowerCase().includes(query) || x.id.includes(query))
        .map((x) => h("option", { value: x.id, selected: x.id === keep }, titleOf(x))));
    if (value && !targets.some((x) => x.id === value)) {
      select.append(h("option", { value, selected: keep === value }, value));
    }
  };
  search.addEventListener("input", () => { render(); });
  render();
  const wrap = h("span", { class: "ref-wrap" }, search, select);
  return { control: select, wrap, get: () => empty(select.value) };
}

/** A list: items of `field.of`, added, removed and moved with buttons (keyboard friendly). */
function listWidget(field, value, ctx) {
  const of = { ...(field.of || { type: "string" }), name: field.name, labels: field.labels, required: false };
  const items = [];
  const groupId = uid("list");
  const labelId = uid("label");
  const ol = h("ol", { class: "list-items" });
  const controls = [];
  const redraw = () => {
    controls.length = 0;
    fill(ol, items.map((item, i) => {
      const label = t("ui-list-item", { n: i + 1 });
      item.control.setAttribute("aria-label", `${fieldLabel(field)}: ${label}`);
      controls.push(item.control);
      const move = (delta) => {
        const j = i + delta;
        if (j < 0 || j >= items.length) return;
        [items[i], items[j]] = [items[j], items[i]];
        redraw();
        ctx.changed();
        items[j].control.focus();
      };
      return h("li", {},
        item.wrap || item.control,
        h("span", { class: "list-buttons" },
          h("button", { type: "button", onclick: () => move(-1), disabled: i === 0, "aria-label": `${t("ui-list-up")}: ${label}` }, "↑"),
          h("button", { type: "button", onclick: () => move(1), disabled: i === items.length - 1, "aria-label": `${t("ui-list-down")}: ${label}` }, "↓"),
          h("button", { type: "button", onclick: () => { items.splice(i, 1); redraw(); ctx.changed(); addButton.focus(); }, "aria-label": `${t("ui-list-remove")}: ${label}` }, "✕")));
    }));
  };
  const addItem = (v) => items.push(control(of, v, ctx, uid("item")));
  for (const v of Array.isArray(value) ? value : []) addItem(v);
  const addButton = h("button", { type: "button", onclick: () => { addItem(null); redraw(); ctx.changed(); items.at(-1).control.focus(); } },
    t("ui-list-add"), h("span", { class: "visually-hidden" }, `: ${fieldLabel(field)}`));
  redraw();
  const holder = h("div", { role: "group", "aria-labelledby": labelId, id: groupId });
  const slot = problemSlot(holder);
  const el = h("div", { class: "field", "data-field": field.name },
    holder);
  fill(holder, h("span", { id: labelId, class: "label" }, fieldLabel(field)), ol, addButton, slot.box);
  const get = () => {
    const values = items.map((it) => it.get()).filter((v) => v !== null);
    return values.length ? values : (Array.isArray(value) ? [] : null);
  };
  return { el, get, slot, control: addButton };
}

/** A file or image: the current name, an upload button; images also get a thumbnail. */
function fileWidget(field, value, ctx) {
  const id = uid("file");
  const isImage = field.type === "image";
  let current = value;
  const name = h("span", { class: "file-name" });
  const thumb = h("img", { class: "thumb", alt: "", hidden: true });
  const picker = h("input", { id, type: "file", accept: isImage ? "image/jpeg,image/png,image/gif,image/webp" : null });
  // A photo written with its focus (`{ src: …, focus: … }`) shows its file name.
  const fileName = () => (current && typeof current === "object" ? String(current.src ?? "") : current);
  const showName = () => fill(name, fileName() ? t("ui-current-file", { name: fileName() }) : t("ui-none"));
  showName();
  const { el, slot } = shell(field, `${isImage ? t("ui-upload-image") : t("ui-upload")} (${fieldLabel(field)})`, picker, null, [name, thumb]);
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    if (!file) return;
    thumb.src = URL.createObjectURL(file);
    thumb.hidden = !isImage;
    fill(name, t("ui-uploading"));
    try {
      const stored = await ctx.upload(field, file);
      current = stored;
      fill(name, t("ui-uploaded", { name: stored }));
      slot.show([]);
    } catch (err) {
      showName();
      slot.show([{ severity: "error", message: err.body?.message || err.message }]);
    }
  });
  // The upload already set the field in the file: saving sends nothing for it.
  return { el, get: () => value ?? null, slot, control: picker, isFile: true };
}

/** The widget of one neutral field. `ctx`: { langOrder, changed(), upload(field, file) }. */
export function widget(field, value, ctx) {
  if (field.type === "list") return listWidget(field, value, ctx);
  if (field.type === "image" || field.type === "file") return fileWidget(field, value, ctx);
  if (field.type === "gallery") return galleryWidget(field, value, ctx);
  if (field.type === "video") return videoWidget(field, value, ctx);
  // A mapping or a list of mappings where the schema wants a text: not the form's to change.
  if (value !== null && typeof value === "object" && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) {
    return keptWidget(field, value);
  }
  const id = uid(`f-${field.name}`);
  const made = control(field, value, ctx, id);
  let hint = null;
  if (made.control.type === "number") {
    if (field.min != null && field.max != null) hint = t("ui-number-range", { min: field.min, max: field.max });
    else if (field.min != null) hint = t("ui-number-min", { min: field.min });
    else if (field.max != null) hint = t("ui-number-max", { max: field.max });
  }
  const { el, slot } = shell(field, fieldLabel(field), made.control, hint, made.after || [], made.wrap || made.control);
  return { el, get: made.get, slot, control: made.control };
}

/** A value the form has no widget for (a mapping where a text belongs): kept as it is. */
function keptWidget(field, value) {
  const id = uid(`f-${field.name}`);
  const note = h("output", { id }, t("ui-kept-in-file"));
  const { el, slot } = shell(field, fieldLabel(field), note, null);
  return { el, get: () => value ?? null, slot, control: note };
}

/** A one-line localized text (title, summary, a localized field, an alt text). */
export function textWidget({ name, label, value, lang, required, multiline }) {
  const id = uid(`t-${name}-${lang}`);
  const control = multiline
    ? h("textarea", { id, lang, rows: 2 }, value ?? "")
    : h("input", { id, type: "text", lang, value: value ?? "", autocomplete: "off" });
  const { el, slot } = shell({ name, required }, label, control, null);
  return { el, slot, control, get: () => empty(control.value) };
}
