// Building elements without innerHTML (the only HTML inserted as such is the server's
// sanitised Markdown preview), and small helpers every screen uses.

let counter = 0;

/** A fresh id for label/describedby pairs. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * h("button", { class: "x", onclick: f, "aria-label": "…" }, "text", child, …).
 * Attributes with null/undefined/false values are left out; `on*` functions become listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "value") {
      el.value = value;
    } else if (key === "checked" || key === "selected") {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Calls `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** Shows a short message in the status line (read out by screen readers). */
export function announce(text, ...extra) {
  const status = document.getElementById("status");
  fill(status, h("span", {}, text), ...extra);
  status.classList.add("shown");
}

export function clearAnnouncement() {
  const status = document.getElementById("status");
  status.replaceChildren();
  status.classList.remove("shown");
}

/** Adds `id` to the space-separated list in attribute `name` of `el`. */
export function addToken(el, name, id) {
  const tokens = new Set((el.getAttribute(name) || "").split(/\s+/).filter(Boolean));
  tokens.add(id);
  el.setAttribute(name, [...tokens].join(" "));
}

export function removeToken(el, name, id) {
  const tokens = (el.getAttribute(name) || "").split(/\s+/).filter((t) => t && t !== id);
  if (tokens.length) el.setAttribute(name, tokens.join(" "));
  else el.removeAttribute(name);
}
