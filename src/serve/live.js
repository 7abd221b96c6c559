// vestis serve: live reload and the error overlay. Injected into pages by `vestis serve`
// only; `vestis build` output never contains it.
(() => {
  "use strict";
  const OVERLAY_ID = "__vestis-errors";
  const me = document.currentScript;
  let generation = me ? me.dataset.generation : null;

  function el(tag, style, text) {
    const node = document.createElement(tag);
    node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hideErrors() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  // One panel across the top of the page: every error with its place, the source line
  // with a marker under the problem, and the suggestion. Built with textContent only.
  function showErrors(errors) {
    hideErrors();
    if (!errors.length) return;
    const panel = el("div", "all:initial;position:fixed;top:0;left:0;right:0;z-index:2147483647;" +
      "max-height:70vh;overflow:auto;box-sizing:border-box;padding:16px 20px;" +
      "background:#2b0b0e;color:#fff;border-bottom:4px solid #e5484d;" +
      "font:16px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
      "box-shadow:0 4px 24px rgba(0,0,0,.5)");
    panel.id = OVERLAY_ID;
    panel.setAttribute("role", "alert");
    const head = el("div", "display:flex;justify-content:space-between;gap:1em;margin-bottom:8px");
    const n = errors.length;
    head.append(el("strong", "font-size:18px;color:#ffb4b4",
      `vestis: the site could not be rebuilt (${n} error${n === 1 ? "" : "s"}) — ` +
      "this page shows the last version that built"));
    const close = el("button", "all:initial;cursor:pointer;color:#fff;font:20px sans-serif;padding:0 6px", "×");
    close.setAttribute("aria-label", "Hide");
    close.onclick = hideErrors;
    head.append(close);
    panel.append(head);
    for (const e of errors) panel.append(errorBlock(e));
    (document.body || document.documentElement).append(panel);
  }

  function errorBlock(e) {
    const block = el("div", "margin:12px 0;padding-top:8px;border-top:1px solid #5c2a2e");
    const where = e.path ? (e.line ? `${e.path}:${e.line}:${e.col}` : e.path) : "";
    if (where) block.append(el("div", "color:#ffd479;font-weight:bold;word-break:break-all", where));
    block.append(el("div", "white-space:pre-wrap", e.message));
    if (e.source_line != null) {
      const marker = " ".repeat(Math.max(0, e.col - 1)) + "^".repeat(Math.max(1, e.marker_len || 1));
      block.append(el("pre", "all:initial;display:block;margin:6px 0;padding:8px 10px;overflow:auto;" +
        "background:#14060a;color:#fff;font:15px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre",
        `${e.line} | ${e.source_line.replace(/\t/g, " ")}\n${" ".repeat(String(e.line).length)} | ${marker}`));
    }
    if (e.suggestion) block.append(el("div", "color:#9be9a8", `help: ${e.suggestion}`));
    return block;
  }

  async function fetchErrors() {
    try {
      const response = await fetch("/__vestis/errors", { cache: "no-store" });
      showErrors(await response.json());
    } catch (_) { /* the server is restarting: the event stream will reconnect */ }
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("__vestis", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = fresh.onerror = () => link.remove();
      link.after(fresh);
    }
  }

  const source = new EventSource("/__vestis/events");
  source.addEventListener("hello", (e) => {
    // Reconnected after missing a rebuild (or the server restarted): show the current site.
    if (generation !== null && e.data !== generation) location.reload();
    else fetchErrors();
  });
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("css", (e) => {
    generation = e.data;
    hideErrors();
    swapStylesheets();
  });
  // Also fired for connection problems (a plain Event, not a MessageEvent): ignored, as
  // EventSource reconnects by itself.
  source.addEventListener("error", (e) => {
    if (e instanceof MessageEvent) showErrors(JSON.parse(e.data));
  });
})();
