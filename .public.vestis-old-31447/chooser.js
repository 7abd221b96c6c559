/* vestis default theme: the root page sends the reader to the language their browser prefers
 * when the site has it (else to the default language). The links stay for readers without
 * scripts, and for going back. */
(function () {
  "use strict";
  var main = document.querySelector("[data-default-language]");
  if (!main) return;
  var links = {};
  document.querySelectorAll("a[data-lang]").forEach(function (a) {
    links[a.getAttribute("data-lang").toLowerCase()] = a.getAttribute("href");
  });
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
  var target = null;
  for (var i = 0; i < wanted.length && !target; i++) {
    var code = String(wanted[i]).toLowerCase();
    target = links[code] || links[code.split("-")[0]] || null;
  }
  target = target || links[main.getAttribute("data-default-language").toLowerCase()];
  if (target) window.location.replace(target);
})();
