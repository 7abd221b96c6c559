/* vestis default theme: the search box.
 *
 * The form is rendered `hidden` (it needs this script) with the index address in
 * `data-search-index` (so a site under a sub-path works) and its messages in `data-msg-*`.
 * The index is /<lang>/search.json, a manifest loaded on first use (see the README, "Search
 * index"): on a small site it holds everything; on a large one it lists shards of postings by
 * word prefix, and the script downloads only the shards the query's words need (their sizes are
 * in the manifest, so it never asks for more than SHARD_BUDGET bytes) and then the few records
 * it shows.
 * Matching folds case, diacritics and script the way the index was folded: the Cyrillic → Latin
 * table comes from the manifest, so "rezekne" finds "Rēzekne" and "Резекне", "елка" finds
 * "ёлка"; "й" stays distinct from "и". A query word matches every word it begins
 * ("rezekn" finds "Rēzeknē"); every query word must match. Results show the title, the date
 * and the passage that matched, the matching words in <mark>.
 * On a very large site a word in very many records keeps only its best postings in the index
 * (the manifest's `capped`: folded word → how many records have it); a query that uses such a
 * word says that it shows the best matches, and how many records have the word.
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
  var SHARD_BUDGET = 240 * 1024; // shard bytes one query may download
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/u;
  var base = new URL(form.getAttribute("data-search-index"), document.baseURI);

  var manifest = null;   // the loaded manifest
  var loading = null;    // the pending fetch of it
  var files = {};        // file → pending fetch (shards and records)
  var timer = null;

  // Collection names as the navigation shows them, for the result's second line.
  var labels = {};
  document.querySelectorAll("a[data-collection]").forEach(function (a) {
    labels[a.getAttribute("data-collection")] = a.textContent.trim();
  });
  var lang = document.documentElement.lang || undefined;
  var numbers = new Intl.NumberFormat(lang);
  var dates = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function file(name) {
    if (!files[name]) {
      files[name] = getJSON(new URL("search/" + name, base));
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  function foldChar(ch) {
    var table = manifest.fold;
    var out = "";
    for (var lower of ch.toLowerCase()) {
      if (Object.prototype.hasOwnProperty.call(table, lower)) { out += table[lower]; continue; }
      for (var d of lower.normalize("NFD")) {
        if (MARK.test(d)) continue;
        out += Object.prototype.hasOwnProperty.call(table, d) ? table[d] : d;
      }
    }
    return out;
  }

  function fold(text) {
    var out = "";
    for (var ch of String(text || "")) out += foldChar(ch);
    return out;
  }

  // The folded words of `text`.
  function words(text) {
    return (String(text || "").match(WORD) || []).map(fold).filter(Boolean);
  }

  // A manifest with entries but no words (a theme's own, or a test's) is indexed here, the
  // way vestis does it: 10 for a word of the title, plus its count in the rest (at most 9).
  function indexEntries(entries) {
    var postings = {};
    entries.forEach(function (e, n) {
      var seen = {}, weights = {};
      words(e.title).forEach(function (w) { seen[w] = { title: true, count: 0 }; });
      words([e.summary || "", e.text || ""].join(" ")).forEach(function (w) {
        var s = seen[w] || (seen[w] = { title: false, count: 0 });
        s.count = Math.min(s.count + 1, 9);
      });
      Object.keys(seen).forEach(function (w) { weights[w] = (seen[w].title ? 10 : 0) + seen[w].count; });
      Object.keys(weights).forEach(function (w) {
        var list = postings[w] || (postings[w] = { last: 0, flat: [] });
        list.flat.push(n - list.last, weights[w]);
        list.last = n;
      });
    });
    var out = {};
    Object.keys(postings).forEach(function (w) { out[w] = postings[w].flat; });
    return out;
  }

  function load() {
    if (!loading) {
      loading = getJSON(base).then(function (m) {
        manifest = m;
        if (!m.shards && !m.words) m.words = indexEntries(m.entries || []);
        return m;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // The shards word `w` needs: keys that begin it or that it begins.
  function shardsFor(w) {
    return Object.keys(manifest.shards).filter(function (k) {
      return w.indexOf(k) === 0 || k.indexOf(w) === 0;
    });
  }

  // Which query words are looked up: all on a small site; on a large one the most selective
  // first while their shards fit SHARD_BUDGET (null: not even the first fits).
  function plan(qwords) {
    if (!manifest.shards) return { words: qwords, keys: [] };
    var sized = qwords.map(function (w) {
      var keys = shardsFor(w);
      var bytes = keys.reduce(function (sum, k) { return sum + manifest.shards[k][1]; }, 0);
      return { w: w, keys: keys, bytes: bytes };
    }).sort(function (a, b) { return a.bytes - b.bytes; });
    var chosen = [], keys = {}, total = 0;
    sized.forEach(function (s) {
      var extra = s.keys.filter(function (k) { return !keys[k]; });
      var bytes = extra.reduce(function (sum, k) { return sum + manifest.shards[k][1]; }, 0);
      if (total + bytes > SHARD_BUDGET) return;
      total += bytes;
      extra.forEach(function (k) { keys[k] = true; });
      chosen.push(s.w);
    });
    return chosen.length ? { words: chosen, keys: Object.keys(keys) } : null;
  }

  // record number → best weight of the index words that `w` begins.
  function scores(w, maps) {
    var best = {};
    maps.forEach(function (map) {
      Object.keys(map).forEach(function (v) {
        if (v.indexOf(w) !== 0) return;
        var flat = map[v], n = 0;
        for (var i = 0; i + 1 < flat.length; i += 2) {
          n += flat[i];
          if (!(best[n] >= flat[i + 1])) best[n] = flat[i + 1];
        }
      });
    });
    return best;
  }

  // The query word of `p.words` whose index words were cut to their best postings, with the
  // most records: {word (as typed), total} (the records that have it: at least), or null.
  function cappedOf(p, typed) {
    var capped = manifest.capped || {}, best = null;
    p.words.forEach(function (w) {
      Object.keys(capped).forEach(function (v) {
        if (v.indexOf(w) !== 0) return;
        if (!best || capped[v] > best.total) best = { word: typed[w] || w, total: capped[v] };
      });
    });
    return best;
  }

  // Resolves to {count, entries, qwords, capped}; null when the query's words are too short, and
  // {broad: true} when even its most selective word needs more than SHARD_BUDGET of shards.
  function search(query) {
    var typed = {};
    (String(query).match(WORD) || []).forEach(function (t) { typed[fold(t)] = t; });
    var all = words(query);
    var qwords = all.filter(function (w) { return w.length >= MIN_LENGTH; });
    if (qwords.length === 0) return Promise.resolve(null);
    var p = plan(qwords);
    if (!p) return Promise.resolve({ broad: true });
    var maps = p.keys.length
      ? Promise.all(p.keys.map(function (k) { return file(manifest.shards[k][0]); }))
      : Promise.resolve([manifest.words]);
    return maps.then(function (maps) {
      var total = null;
      p.words.forEach(function (w) {
        var s = scores(w, maps);
        if (total === null) { total = s; return; }
        var next = {};
        Object.keys(total).forEach(function (n) { if (s[n] !== undefined) next[n] = total[n] + s[n]; });
        total = next;
      });
      var hits = Object.keys(total || {}).map(Number).sort(function (a, b) {
        return total[b] - total[a] || a - b;
      });
      var shown = hits.slice(0, MAX_RESULTS).map(function (n) {
        return manifest.entries ? Promise.resolve(manifest.entries[n]) : file("r/" + n + ".json");
      });
      return Promise.all(shown).then(function (entries) {
        return { count: hits.length, entries: entries, qwords: qwords, capped: cappedOf(p, typed) };
      });
    });
  }

  // Appends `text` to `parent`, the words that `qwords` begin in <mark>.
  function marked(parent, text, qwords) {
    var at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var f = fold(m[0]);
      if (!qwords.some(function (w) { return f.indexOf(w) === 0; })) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // Where in `text` the first matching word starts, or -1.
  function firstMatch(text, qwords) {
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var f = fold(m[0]);
      if (qwords.some(function (w) { return f.indexOf(w) === 0; })) return m.index;
    }
    return -1;
  }

  // The passage to show: around the first match in the summary or the text, else the start.
  function passage(entry, qwords) {
    var sources = [entry.summary || "", entry.text || ""];
    for (var i = 0; i < sources.length; i++) {
      var text = sources[i], at = firstMatch(text, qwords);
      if (at === -1) continue;
      var from = Math.max(0, at - 60), to = Math.min(text.length, at + 140);
      var space = text.indexOf(" ", from);
      if (from > 0 && space !== -1 && space < at) from = space + 1;
      space = text.lastIndexOf(" ", to);
      if (to < text.length && space > at) to = space;
      return (from > 0 ? "…" : "") + text.slice(from, to) + (to < text.length ? "…" : "");
    }
    var first = entry.summary || entry.text || "";
    return first.length > 140 ? first.slice(0, 140).replace(/\s+\S*$/, "") + "…" : first;
  }

  function say(message) {
    status.textContent = message;
  }

  function render(found) {
    list.textContent = "";
    var entries = found && found.entries ? found.entries : [];
    entries.forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = entry.url;
      var title = document.createElement("span");
      title.className = "search-result-title";
      marked(title, entry.title, found.qwords);
      a.appendChild(title);
      var label = labels[entry.collection];
      if (label || entry.date) {
        var meta = document.createElement("span");
        meta.className = "search-result-meta";
        if (label) meta.appendChild(document.createTextNode(label));
        if (entry.date) {
          if (label) meta.appendChild(document.createTextNode(" · "));
          var time = document.createElement("time");
          time.dateTime = entry.date;
          var day = new Date(entry.date + "T00:00:00Z");
          time.textContent = isNaN(day) ? entry.date : dates.format(day);
          meta.appendChild(time);
        }
        a.appendChild(meta);
      }
      var text = passage(entry, found.qwords);
      if (text) {
        var s = document.createElement("span");
        s.className = "search-result-snippet";
        marked(s, text, found.qwords);
        a.appendChild(s);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = entries.length === 0;
  }

  // `data-query` on the list tells which query the shown results belong to.
  function show(found, query) {
    render(found);
    list.setAttribute("data-query", query);
  }

  function update() {
    var query = input.value.trim();
    if (query.length === 0) {
      show(null, query);
      say("");
      return;
    }
    if (query.replace(/\s+/g, "").length < MIN_LENGTH) {
      show(null, query);
      say(form.getAttribute("data-msg-short"));
      return;
    }
    load().then(function () { return search(query); }).then(function (found) {
      if (input.value.trim() !== query) return; // the reader typed on
      show(found, query);
      if (!found) say(form.getAttribute("data-msg-short"));
      else if (found.broad) say(form.getAttribute("data-msg-broad"));
      else if (found.capped) say(form.getAttribute("data-msg-best")
        .replace("{count}", String(found.count))
        .replace("{word}", found.capped.word)
        .replace("{total}", numbers.format(found.capped.total)));
      else say(found.count === 0
        ? form.getAttribute("data-msg-none")
        : form.getAttribute("data-msg-count").replace("{count}", String(found.count)));
    }, function () {
      if (input.value.trim() !== query) return;
      show(null, query);
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
