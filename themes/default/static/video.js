// The privacy facade of hosted videos (partials/video.html). The page shows a local poster and
// a link to the video's page; nothing is loaded from the host. This script turns the link into
// a button, and only when the reader presses it puts the host's privacy-enhanced player
// (data-embed: youtube-nocookie.com, player.vimeo.com?dnt=1) in the poster's place.
// No dependencies; without it the link still leads to the video.
(function () {
  "use strict";
  function play(button) {
    var frame = button.closest("[data-video-frame]");
    var iframe = document.createElement("iframe");
    iframe.src = button.getAttribute("data-embed");
    iframe.title = button.getAttribute("data-title") || "";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.className = "video-embed";
    frame.replaceChildren(iframe);
    iframe.focus();
  }
  document.querySelectorAll("a.video-play[data-embed]").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    for (var i = 0; i < link.attributes.length; i++) {
      var a = link.attributes[i];
      if (a.name.indexOf("data-") === 0) button.setAttribute(a.name, a.value);
    }
    while (link.firstChild) button.appendChild(link.firstChild);
    button.addEventListener("click", function () { play(button); });
    link.replaceWith(button);
  });
})();
