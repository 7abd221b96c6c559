// The lists: every section (collection) of the site with its records, one section's records
// searchable and sortable with their translation state, and the "new record" form.

import * as api from "./api.js";
import { h, fill, uid, announce } from "./dom.js";
import { t, pick, formatDate, collectionLabel } from "./i18n.js";
import { siteLanguages } from "./app.js";

const STATE_CLASS = { complete: "ok", stale: "warn", unstamped: "warn", missing: "bad", placeholder: "warn" };

function stateLabel(state) {
  if (state === "unstamped") return t("ui-state-stale");
  return t(`ui-state-${state}`);
}

/** The badges of one record: draft, embargo, and each translation's state. */
export function badges(record) {
  const out = [];
  if (record.draft) out.push(h("span", { class: "badge warn" }, t("ui-state-draft")));
  if (record.embargoed) out.push(h("span", { class: "badge warn" }, t("ui-state-embargo", { date: record.publish_at || "" })));
  const names = Object.fromEntries(siteLanguages().map((l) => [l.code, l.name]));
  for (const [lang, state] of Object.entries(record.translations || {})) {
    out.push(h("span", { class: `badge ${STATE_CLASS[state] || "warn"}`, "data-state": state },
      h("span", { lang }, names[lang] || lang), ": ", stateLabel(state)));
  }
  return out;
}

function title(record) {
  return pick(record.titles, siteLanguages().map((l) => l.code)) || t("ui-no-title");
}

export async function showHome({ state, main }) {
  state.collections = await api.collections();
  const headingId = uid("h");
  fill(main,
    h("h1", { id: headingId }, t("ui-collections")),
    h("p", {}, t("ui-collections-intro")),
    h("ul", { class: "cards", "aria-labelledby": headingId },
      state.collections.map((c) => h("li", { class: "card" },
        h("h2", {}, h("a", { href: `#/c/${encodeURIComponent(c.name)}` }, collectionLabel(c))),
        h("p", {}, t("ui-records-count", { count: c.records.length })),
        h("a", { class: "button", href: `#/new/${encodeURIComponent(c.name)}` },
          t("ui-new-record"), h("span", { class: "visually-hidden" }, ` (${collectionLabel(c)})`))))));
}

export async function showCollection({ state, main }, name) {
  state.collections = await api.collections();
  const collection = state.collections.find((c) => c.name === name);
  if (!collection) throw new api.ApiError(404, {});
  const searchId = uid("search");
  const sortId = uid("sort");
  const search = h("input", { id: searchId, type: "search", autocomplete: "off" });
  const hasDates = collection.records.some((r) => r.date);
  const sort = h("select", { id: sortId },
    hasDates && h("option", { value: "date-desc" }, t("ui-sort-date-desc")),
    hasDates && h("option", { value: "date-asc" }, t("ui-sort-date-asc")),
    h("option", { value: "title" }, t("ui-sort-title")));
  const body = h("tbody");
  const count = h("p", { class: "count", "aria-live": "polite" });
  const render = () => {
    const query = search.value.trim().toLocaleLowerCase();
    const collator = new Intl.Collator(document.documentElement.lang);
    const rows = collection.records
      .filter((r) => !query || Object.values(r.titles || {}).some((x) => x.toLocaleLowerCase().includes(query)) || r.id.includes(query))
      .sort((a, b) => {
        if (sort.value === "title") return collator.compare(title(a), title(b));
        const d = String(a.date || "").localeCompare(String(b.date || ""));
        return sort.value === "date-asc" ? d : -d;
      });
    fill(count, t("ui-records-count", { count: rows.length }));
    fill(body, rows.length === 0
      ? h("tr", {}, h("td", { colspan: 3 }, t("ui-no-records")))
      : rows.map((r) => h("tr", {},
        h("td", {}, h("a", { href: `#/r/${encodeURIComponent(name)}/${encodeURIComponent(r.id)}` }, title(r))),
        h("td", {}, r.date ? h("time", { datetime: r.date }, formatDate(r.date) || r.date) : ""),
        h("td", { class: "badges" }, badges(r)))));
  };
  search.addEventListener("input", render);
  sort.addEventListener("change", render);
  const captionId = uid("cap");
  fill(main,
    h("p", {}, h("a", { href: "#/" }, t("ui-back"))),
    h("div", { class: "heading-row" },
      h("h1", { id: captionId }, collectionLabel(collection)),
      h("a", { class: "button primary", href: `#/new/${encodeURIComponent(name)}` }, t("ui-new-record"))),
    h("div", { class: "filters" },
      h("div", { class: "field" }, h("label", { for: searchId }, t("ui-search")), search),
      h("div", { class: "field" }, h("label", { for: sortId }, t("ui-sort")), sort)),
    count,
    h("div", { class: "table-wrap" },
      h("table", { class: "records", "aria-labelledby": captionId },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, t("ui-col-title")),
          h("th", { scope: "col" }, t("ui-col-date")),
          h("th", { scope: "col" }, t("ui-col-state")))),
        body)));
  render();
}

export async function showNew({ state, main }, name) {
  if (!state.collections) state.collections = await api.collections();
  const label = collectionLabel(state.collections.find((c) => c.name === name)) || name;
  const first = siteLanguages()[0];
  const idId = uid("id");
  const helpId = uid("help");
  const errorId = uid("err");
  const titleId = uid("title");
  const idInput = h("input", { id: idId, name: "id", required: true, pattern: "[a-z0-9-]+", autocomplete: "off", "aria-describedby": helpId });
  const titleInput = h("input", { id: titleId, name: "title", required: true, lang: first?.code, autocomplete: "off" });
  const error = h("p", { id: errorId, class: "problem", hidden: true });
  const submit = async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      const made = await api.create({ collection: name, id: idInput.value.trim() || undefined, title: titleInput.value });
      location.hash = `#/r/${encodeURIComponent(made.collection)}/${encodeURIComponent(made.id)}`;
    } catch (err) {
      fill(error, err.body?.message || err.message);
      error.hidden = false;
      idInput.setAttribute("aria-invalid", "true");
      idInput.setAttribute("aria-describedby", `${helpId} ${errorId}`);
      announce(t("ui-save-failed", { reason: err.body?.message || err.message }));
      idInput.focus();
    }
  };
  fill(main,
    h("p", {}, h("a", { href: `#/c/${encodeURIComponent(name)}` }, t("ui-back-to", { collection: label }))),
    h("h1", {}, t("ui-new-record-in", { collection: label })),
    h("form", { class: "new-form", onsubmit: submit },
      h("div", { class: "field" },
        h("label", { for: titleId }, t("ui-new-title", { language: first?.name || "" })), titleInput),
      h("div", { class: "field" },
        h("label", { for: idId }, t("ui-new-id")), idInput,
        h("p", { id: helpId, class: "hint" }, t("ui-new-id-help")), error),
      h("button", { class: "primary", type: "submit" }, t("ui-create"))));
  titleInput.focus();
}
