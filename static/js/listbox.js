/* The keyboard listbox that suggest.js (the header search) and picker.js (reference products on
   the inquiry form) share: an ARIA 1.2 combobox over a list of options fetched as you type.
   window.Listbox.attach(box, list, how) wires a text input (box) to its listbox element (list):
   - how.url: the suggestions endpoint (?q= is added);
   - how.fill(data, addOption): puts the answer's options in the list; addOption(parent, tag, label)
     makes one option (id, role, focus kept on the box), appends it to parent and returns it;
   - how.choose(index): Enter on the highlighted option;
   - how.enter(event): Enter with no option highlighted (optional);
   - how.shown(count): after each answer is shown (optional).
   Keys: Down/Up move through the options (Down reopens a closed list), Escape closes the list
   (a second Escape clears the box). It returns {close, forget}: forget empties the box. */
(function () {
  "use strict";
  var DELAY = 120;

  function makeList(id, label) {
    var list = document.createElement("div");
    list.id = id + "-listbox";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", label || "");
    list.hidden = true;
    return list;
  }

  function attach(box, list, how) {
    var timer = null, controller = null, options = [], active = -1, lastQuery = null;
    var stem = list.id.replace(/-listbox$/, "");
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", list.id);
    box.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function forget() {
      box.value = "";
      lastQuery = null;
    }

    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        box.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    }

    function addOption(parent, tag, label) {
      var option = document.createElement(tag);
      option.id = stem + "-option-" + options.length;
      option.className = "suggest-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = label;
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
      parent.appendChild(option);
      options.push(option);
      return option;
    }

    function render(data) {
      list.textContent = "";
      options = [];
      how.fill(data, addOption);
      active = -1;
      box.removeAttribute("aria-activedescendant");
      if (options.length) {
        list.hidden = false;
        box.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      if (how.shown) { how.shown(options.length); }
    }

    function fetchSuggestions() {
      var q = box.value.trim();
      if (q === lastQuery) { return; }
      lastQuery = q;
      if (!q) { render({groups: []}); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(how.url + "?q=" + encodeURIComponent(q),
            {headers: {"Accept": "application/json"}, credentials: "same-origin",
             signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : {groups: []}; })
        .then(function (data) { if (box.value.trim() === q) { render(data); } })
        .catch(function () { /* aborted or offline: nothing to suggest, the form still works */ });
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    box.addEventListener("keydown", function (event) {
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
          how.choose(active);
        } else if (how.enter) {
          how.enter(event);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (box.value) {
          event.preventDefault();
          forget();
        }
      }
    });

    box.addEventListener("blur", function () { window.setTimeout(close, 150); });
    return {close: close, forget: forget};
  }

  /* Run setup(element) on every element matching selector once the page is parsed. */
  function each(selector, setup) {
    function ready() {
      document.querySelectorAll(selector).forEach(setup);
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", ready);
    } else {
      ready();
    }
  }

  window.Listbox = {attach: attach, makeList: makeList, each: each};
})();
