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

    // On phones the main navigation folds behind its "Menu" button (a real button: keyboard and
    // screen readers get it for free; aria-expanded says whether the list is shown).
    var toggle = document.querySelector("[data-nav-toggle]");
    var navList = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (toggle && navList) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        navList.classList.toggle("is-open", open);
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
          toggle.setAttribute("aria-expanded", "false");
          navList.classList.remove("is-open");
          toggle.focus();
        }
      });
    }

    // Copy buttons (the VietQR page): shown only where the clipboard works; the values stay
    // visible, selectable text for everyone else.
    var copyStatus = document.querySelector("[data-copy-status]");
    if (navigator.clipboard && window.isSecureContext) {
      document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
        var source = document.getElementById(button.getAttribute("data-copy-target"));
        if (!source) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
          navigator.clipboard.writeText(source.textContent.trim()).then(function () {
            button.setAttribute("data-copied", "");
            if (copyStatus) { copyStatus.textContent = copyStatus.getAttribute("data-copied") + ": " + source.textContent.trim(); }
          });
        });
      });
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
