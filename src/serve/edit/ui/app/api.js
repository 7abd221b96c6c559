// The JSON API of docs/editor-api.md: every call carries the UI language; writes are JSON
// POSTs with the CSRF header from `session`.

import { uiLang } from "./i18n.js";

const BASE = "/__vestis/edit/api/";
let csrf = null;

/** A refused or failed call: `status` and the parsed JSON `body` ({error, message, …}). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, name, { params = {}, body } = {}) {
  const query = new URLSearchParams({ ...params, ui: uiLang() });
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.headers["X-Vestis-Csrf"] = csrf || "";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`${BASE}${name}?${query}`, init);
  } catch (err) {
    throw new ApiError(0, { error: "network", message: String(err) });
  }
  let parsed = null;
  try { parsed = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export async function session() {
  const s = await call("GET", "session");
  csrf = s.csrf;
  return s;
}

export const collections = () => call("GET", "collections");
export const record = (collection, id) => call("GET", "record", { params: { collection, id } });
export const save = (body) => call("POST", "save", { body });
export const validate = (body) => call("POST", "validate", { body });
export const create = (body) => call("POST", "new", { body });
export const remove = (body) => call("POST", "delete", { body });
export const trash = () => call("GET", "trash");
export const restore = (body) => call("POST", "restore", { body });
export const upload = (body) => call("POST", "upload", { body });
export const translation = (collection, id, lang) => call("GET", "translation", { params: { collection, id, lang } });
export const stamp = (body) => call("POST", "stamp", { body });
export const preview = (lang, markdown) => call("POST", "preview", { body: { lang, markdown } });
