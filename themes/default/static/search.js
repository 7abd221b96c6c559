/* vestis default theme: the search box.
 *
 * The form is rendered `hidden` (it needs this script) with the index address in
 * `data-search-index` (so a site under a sub-path works) and its messages in `data-msg-*`.
 * The index is /<lang>/search.json: [{title, summary, text, url, collection}], loaded on first use.
 * Matching ignores case and diacritics: "rezekne" finds "Rēzekne", "елка" finds "ёлка";
 * "й" stays distinct from "и" (it is a letter of its own in Russian).
 * It also writes each link's absolute address into `data-print-href` before printing, for the
 * print stylesheet (press releases print with their links spelled out).
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-search-index]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = form.querySelector("[role=status]");
  var list = form.querySelector(".search-results");
  var MAX_RESULTS = 12;
  var MIN_LENGTH = 2;

  var index = null;      // [{entry, title, body}] once loaded
  var loading = null;    // the pending fetch
  var timer = null;

  // Collection names as the navigation shows them, for the result's second line.
  var labels = {};
  document.querySelectorAll("a[data-collection]").forEach(function (a) {
    labels[a.getAttribute("data-collection")] = a.textContent.trim();
  });

  function fold(text) {
    if (!text) return "";
    return String(text)
      .normalize("NFC")
      .toLowerCase()
      .replace(/ё/g, "е")
      .split("й")
      .map(function (part) {
        return part.normalize("NFD").replace(/\p{M}/gu, "");
      })
      .join("й");
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-search-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (entries) {
          index = entries.map(function (e) {
            return {
              entry: e,
              title: fold(e.title),
              body: fold([e.summary || "", e.text || ""].join(" "))
            };
          });
          return index;
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    var hits = [];
    index.forEach(function (item) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        if (item.title.indexOf(w) !== -1) score += 10;
        else if (item.body.indexOf(w) !== -1) score += 1;
        else return;
      }
      hits.push({ item: item, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.map(function (h) { return h.item.entry; });
  }

  function snippet(entry) {
    var text = entry.summary || entry.text || "";
    return text.length > 140 ? text.slice(0, 140).replace(/\s+\S*$/, "") + "…" : text;
  }

  function say(message) {
    status.textContent = message;
  }

  function render(results) {
    list.textContent = "";
    results.slice(0, MAX_RESULTS).forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = entry.url;
      var title = document.createElement("span");
      title.className = "search-result-title";
      title.textContent = entry.title;
      a.appendChild(title);
      if (labels[entry.collection]) {
        var meta = document.createElement("span");
        meta.className = "search-result-meta";
        meta.textContent = labels[entry.collection];
        a.appendChild(meta);
      }
      var text = snippet(entry);
      if (text) {
        var s = document.createElement("span");
        s.className = "search-result-snippet";
        s.textContent = text;
        a.appendChild(s);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }

  // `data-query` on the list tells which query the shown results belong to.
  function show(results, query) {
    render(results);
    list.setAttribute("data-query", query);
  }

  function update() {
    var query = input.value.trim();
    if (query.length === 0) {
      show([], query);
      say("");
      return;
    }
    if (fold(query).replace(/\s+/g, "").length < MIN_LENGTH) {
      show([], query);
      say(form.getAttribute("data-msg-short"));
      return;
    }
    load().then(function () {
      if (input.value.trim() !== query) return; // the reader typed on
      var results = search(query);
      show(results, query);
      say(results.length === 0
        ? form.getAttribute("data-msg-none")
        : form.getAttribute("data-msg-count").replace("{count}", String(results.length)));
    }, function () {
      show([], query);
      say(form.getAttribute("data-msg-error"));
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update();
    var first = links()[0];
    if (first) first.focus();
  });

  // Arrow keys move between the input and the results; Escape closes the list.
  form.addEventListener("keydown", function (event) {
    var items = links();
    var at = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      items[Math.min(at + 1, items.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at !== -1) {
      event.preventDefault();
      if (at === 0) input.focus(); else items[at - 1].focus();
    } else if (event.key === "Escape") {
      list.hidden = true;
      input.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) list.hidden = true;
  });
  input.addEventListener("focus", function () {
    if (list.children.length) list.hidden = false;
  });

  // Printing: show each link's full address after it (see the print stylesheet).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("main a[href]").forEach(function (a) {
      a.setAttribute("data-print-href", a.href);
    });
  });

  form.hidden = false;
})();
