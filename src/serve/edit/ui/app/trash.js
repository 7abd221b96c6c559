// The bin: records moved there by "Move to the bin", each with a button that brings its
// files back where they were.

import * as api from "./api.js";
import { h, fill, announce } from "./dom.js";
import { t } from "./i18n.js";

export async function showTrash({ main }) {
  const entries = await api.trash();
  const list = h("ul", { class: "trash" });
  const render = (items) => fill(list, items.length === 0
    ? h("li", {}, t("ui-trash-empty"))
    : items.map((entry) => h("li", {},
      h("span", {}, `${entry.collection}: ${entry.id}`),
      h("button", { type: "button", onclick: async () => {
        try {
          const back = await api.restore({ trash: entry.trash });
          announce(t("ui-restored"));
          location.hash = `#/r/${encodeURIComponent(back.collection)}/${encodeURIComponent(back.id)}`;
        } catch (err) {
          announce(t("ui-save-failed", { reason: err.body?.message || err.message }));
        }
      } }, t("ui-restore"), h("span", { class: "visually-hidden" }, `: ${entry.collection} ${entry.id}`)))));
  render(entries);
  fill(main, h("h1", {}, t("ui-trash")), h("p", {}, t("ui-trash-intro")), list);
}
