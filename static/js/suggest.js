/* Suggestions as you type for <input data-suggest="/api/v1/suggest">: an ARIA 1.2 combobox.
   Without this file the input is a plain search box and its form submits as usual.
   Keys: Down/Up move through the options, Enter opens the highlighted one (or submits the
   search when none is), Escape closes the list (a second Escape clears the box). */
(function () {
  "use strict";
  var DELAY = 120;
  var counter = 0;

  function setup(input) {
    var id = input.id || ("suggest-" + (++counter));
    var list = document.createElement("div");
    list.id = id + "-listbox";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    list.hidden = true;
    input.parentNode.classList.add("suggest-host");
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var timer = null, controller = null, options = [], active = -1, lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(data) {
      list.textContent = "";
      options = [];
      (data.groups || []).forEach(function (group, g) {
        var box = document.createElement("div");
        box.setAttribute("role", "group");
        var heading = document.createElement("div");
        heading.className = "suggest-heading";
        heading.id = id + "-group-" + g;
        heading.textContent = group.label;
        box.setAttribute("aria-labelledby", heading.id);
        box.appendChild(heading);
        group.items.forEach(function (item) {
          var option = document.createElement("a");
          option.id = id + "-option-" + options.length;
          option.className = "suggest-option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.setAttribute("tabindex", "-1");
          option.href = item.url;
          option.textContent = item.label;
          option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
          box.appendChild(option);
          options.push(option);
        });
        list.appendChild(box);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) { return; }
      lastQuery = q;
      if (!q) { render({groups: []}); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var url = input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q);
      fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin",
                  signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : {groups: []}; })
        .then(function (data) { if (input.value.trim() === q) { render(data); } })
        .catch(function () { /* aborted or offline: the plain search still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { lastQuery = null; fetchSuggestions(); return; }
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (!open) { return; }
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].href);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          lastQuery = null;
        }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function ready() {
    document.querySelectorAll("input[data-suggest]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
