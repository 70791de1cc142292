/* Làng Nghề Market: small progressive enhancements. Every page works without this file.
   Loaded in <head> so the "js" class is set before the first paint; page work waits for the DOM. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Ask before destructive actions: <form data-confirm="…"> or <button data-confirm="…">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  // <form data-once>: a second click while the first submit is on its way does nothing
  // (the server also refuses a repeated checkout token; this just spares the round trip).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute("data-once")) { return; }
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
  });

  // <select data-autosubmit> submits its form when changed (sort order, listing status).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });

  // Close an open menu when clicking elsewhere or pressing Escape.
  function closeMenus(except) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (menu !== except) { menu.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details.menu") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeMenus(null); }
  });

  function ready() {
    // Product gallery: thumbnails swap the main picture.
    document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
      var main = gallery.querySelector("[data-gallery-main]");
      if (!main) { return; }
      gallery.querySelectorAll("[data-full]").forEach(function (thumb) {
        thumb.addEventListener("click", function () {
          main.src = thumb.getAttribute("data-full");
          gallery.querySelectorAll("[data-full]").forEach(function (other) {
            other.setAttribute("aria-current", other === thumb ? "true" : "false");
          });
        });
      });
    });

    // On narrow screens the main navigation scrolls sideways: bring the current section into view.
    var current = document.querySelector(".main-nav a[aria-current='page']");
    if (current && current.parentElement.parentElement.scrollWidth > current.parentElement.parentElement.clientWidth) {
      var list = current.parentElement.parentElement;
      list.scrollLeft = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
    }

    // The facet panel is a sidebar on wide screens and a drawer on narrow ones.
    var facets = document.querySelector("details.facets-toggle");
    if (facets && window.matchMedia("(min-width: 960px)").matches) {
      facets.setAttribute("open", "");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
