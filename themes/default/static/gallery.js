// The gallery lightbox of the default theme (partials/gallery.html), with no dependency.
// Without this script each thumbnail is a plain link to the large picture. With it, a
// thumbnail opens the picture in a modal dialog: Enter or Space opens, the left and right
// arrows move to the previous and next photo, Esc (or the close button) closes, and the
// keyboard focus goes back to the thumbnail that was opened.
(() => {
  "use strict";
  for (const gallery of document.querySelectorAll("[data-gallery]")) setUp(gallery);

  function setUp(gallery) {
    const dialog = gallery.querySelector("[data-lightbox]");
    const links = Array.from(gallery.querySelectorAll("[data-gallery-item]"));
    if (!dialog || typeof dialog.showModal !== "function" || links.length === 0) return;
    const caption = dialog.querySelector(".lightbox-caption");
    const count = dialog.querySelector(".lightbox-count");
    const previous = dialog.querySelector("[data-lightbox-previous]");
    const next = dialog.querySelector("[data-lightbox-next]");
    const close = dialog.querySelector("[data-lightbox-close]");
    // The large picture, made on the first opening so that the page has no empty <img>.
    let image = null;
    let current = 0;

    function show(i) {
      current = (i + links.length) % links.length;
      const link = links[current];
      const thumb = link.querySelector("img");
      const figure = link.closest("figure");
      const text = figure && figure.querySelector("figcaption");
      if (!image) {
        image = document.createElement("img");
        image.className = "lightbox-image";
        image.decoding = "async";
        caption.before(image);
      }
      image.removeAttribute("srcset");
      if (link.dataset.srcset) {
        image.srcset = link.dataset.srcset;
        image.sizes = "100vw";
        image.width = Number(link.dataset.width);
        image.height = Number(link.dataset.height);
      }
      image.src = link.getAttribute("href");
      image.alt = thumb ? thumb.alt : "";
      caption.textContent = text ? text.textContent : "";
      caption.hidden = !text;
      count.textContent = `${current + 1} / ${links.length}`;
      previous.hidden = next.hidden = links.length < 2;
    }

    function open(i) {
      show(i);
      dialog.showModal();
      close.focus();
    }

    links.forEach((link, i) => {
      link.addEventListener("click", (e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        open(i);
      });
      link.addEventListener("keydown", (e) => {
        if (e.key === " ") {
          e.preventDefault();
          open(i);
        }
      });
    });
    previous.addEventListener("click", () => show(current - 1));
    next.addEventListener("click", () => show(current + 1));
    // The focus goes back at once, in the same task as the closing: the browser's own
    // restoring (to the thumbnail that opened the dialog) must not win over it.
    const shut = () => {
      dialog.close();
      links[current].focus();
    };
    close.addEventListener("click", shut);
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "ArrowLeft") {
        e.preventDefault();
        show(current - 1);
      } else if (e.key === "ArrowRight") {
        e.preventDefault();
        show(current + 1);
      }
    });
    // A click on the dark backdrop (outside the picture and buttons) closes too.
    dialog.addEventListener("click", (e) => {
      if (e.target === dialog) shut();
    });
    // Esc: closed by us rather than by the browser, so that the focus returns at once.
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      shut();
    });
    // Any other way it closes (a form, a script), the focus returns too.
    dialog.addEventListener("close", () => links[current].focus());
  }
})();
