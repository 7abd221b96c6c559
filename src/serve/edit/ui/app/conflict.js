// The conflict screen: a file of the record changed on disk after the form was loaded (another
// tab, another program, a `git pull`). Nothing was written; both versions are shown side by
// side and the officer chooses which to keep.

import { h, uid } from "./dom.js";
import { t } from "./i18n.js";

/**
 * `conflict`: the 409 answer ({version, files: [{path, lang, disk, mine}]});
 * `keepMine()` saves again over the version on disk, `takeDisk()` reloads the record.
 */
export function conflictScreen(conflict, { keepMine, takeDisk }) {
  const titleId = uid("conflict");
  const section = h("section", { class: "conflict", role: "alertdialog", "aria-modal": "false", "aria-labelledby": titleId, tabindex: "-1" },
    h("h2", { id: titleId }, t("ui-conflict-title")),
    h("p", {}, t("ui-conflict-text")),
    (conflict.files || []).map((f) => {
      const yours = uid("yours");
      const disk = uid("disk");
      return h("div", { class: "conflict-file" },
        h("h3", {}, f.path),
        h("div", { class: "versions" },
          h("figure", {}, h("figcaption", { id: yours }, t("ui-conflict-yours")),
            h("pre", { tabindex: "0", "aria-labelledby": yours, class: "mine" }, f.mine ?? "")),
          h("figure", {}, h("figcaption", { id: disk }, t("ui-conflict-disk")),
            h("pre", { tabindex: "0", "aria-labelledby": disk, class: "disk" }, f.disk ?? t("ui-none")))));
    }),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: keepMine }, t("ui-conflict-keep-mine")),
      h("button", { type: "button", onclick: takeDisk }, t("ui-conflict-take-disk"))));
  return section;
}
