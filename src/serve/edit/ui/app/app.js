// The editor's entry point: picks the UI language, opens the session, and shows the screen
// the address names (#/ all sections, #/c/<collection>, #/new/<collection>,
// #/r/<collection>/<id>, #/trash).

import * as api from "./api.js";
import { h, fill } from "./dom.js";
import { UI_LANGUAGES, chooseLanguage, load, remember, t } from "./i18n.js";
import { showHome, showCollection, showNew } from "./lists.js";
import { showRecord } from "./record.js";
import { showTrash } from "./trash.js";

const state = { session: null, collections: null, leave: null };

function main() {
  return document.getElementById("main");
}

/** The site's languages, the default first. */
export function siteLanguages() {
  const langs = state.session?.languages || [];
  const first = state.session?.default_language;
  return [...langs].sort((a, b) => (a.code === first ? -1 : b.code === first ? 1 : 0));
}

function chrome() {
  document.title = t("ui-app-title");
  document.getElementById("skip").textContent = t("ui-skip");
  document.getElementById("ui-lang-label").textContent = t("ui-language");
  const nav = document.getElementById("bar-nav");
  nav.setAttribute("aria-label", t("ui-app-title"));
  fill(nav, h("a", { href: "#/" }, t("ui-collections")), h("a", { href: "#/trash" }, t("ui-trash")));
  const home = document.getElementById("home-link");
  home.setAttribute("aria-label", t("ui-app-title"));
}

async function route() {
  if (state.leave) {
    const leave = state.leave;
    state.leave = null;
    leave();
  }
  const hash = location.hash || "#/";
  if (!hash.startsWith("#/")) return;
  const parts = hash.slice(2).split("/").map(decodeURIComponent);
  // Each visit renders into its own view: a slower earlier screen that finishes late writes
  // into a view no longer shown, never over the current one.
  const el = h("div", { class: "view" }, h("p", {}, t("ui-loading")));
  fill(main(), el);
  const ctx = { state, main: el, onLeave: (fn) => { state.leave = fn; } };
  try {
    if (parts[0] === "c" && parts[1]) await showCollection(ctx, parts[1]);
    else if (parts[0] === "new" && parts[1]) await showNew(ctx, parts[1]);
    else if (parts[0] === "r" && parts[1] && parts[2]) await showRecord(ctx, parts[1], parts[2]);
    else if (parts[0] === "trash") await showTrash(ctx);
    else await showHome(ctx);
  } catch (err) {
    showError(el, err);
  }
}

export function showError(el, err) {
  const text = err instanceof api.ApiError && err.status === 0
    ? t("ui-error-network")
    : err instanceof api.ApiError && err.status === 404
      ? t("ui-not-found")
      : t("ui-error-unknown", { reason: err.message });
  fill(el, h("p", { class: "problem", role: "alert" }, text), h("p", {}, h("a", { href: "#/" }, t("ui-back"))));
}

async function start() {
  const select = document.getElementById("ui-lang");
  const chosen = chooseLanguage();
  for (const l of UI_LANGUAGES) {
    select.append(h("option", { value: l.code, lang: l.code, selected: l.code === chosen }, l.name));
  }
  await load(chosen);
  chrome();
  select.addEventListener("change", async () => {
    remember(select.value);
    await load(select.value);
    chrome();
    route();
  });
  document.getElementById("skip").addEventListener("click", (e) => {
    e.preventDefault();
    main().focus();
  });
  try {
    state.session = await api.session();
  } catch (err) {
    showError(main(), err);
    return;
  }
  window.addEventListener("hashchange", route);
  route();
}

start();
