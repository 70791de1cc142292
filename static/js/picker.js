/* Reference products picked by name for <input data-picker="/api/v1/suggest">: the inquiry form.
   Without this file the input takes product numbers or page addresses as text.
   With it the text input is hidden and kept as the chosen ids ("12, 34"); a search box beside it
   is an ARIA 1.2 combobox listing the products whose titles start with what is typed.
   Keys: Down/Up move through the products, Enter adds the highlighted one, Escape closes the
   list (a second Escape clears the box). Each chosen product has a Remove button. */
(function () {
  "use strict";
  var DELAY = 120;
  var PRODUCT = /\/products\/(\d+)/;

  function setup(input) {
    var max = parseInt(input.getAttribute("data-picker-max"), 10) || 5;
    var chosenList = document.getElementById(input.id + "-chosen");
    var chosen = [];
    Array.prototype.forEach.call(chosenList.querySelectorAll("li[data-id]"), function (li) {
      chosen.push({id: li.getAttribute("data-id"), label: li.textContent.trim(), url: li.querySelector("a").href});
    });

    var search = document.createElement("input");
    search.type = "search";
    search.id = input.id + "-search";
    search.className = "picker-search";
    search.setAttribute("role", "combobox");
    search.setAttribute("aria-autocomplete", "list");
    search.setAttribute("aria-expanded", "false");
    search.setAttribute("autocomplete", "off");
    var list = document.createElement("div");
    list.id = input.id + "-listbox";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-picker-label"));
    list.hidden = true;
    search.setAttribute("aria-controls", list.id);
    var status = document.createElement("p");
    status.className = "hint picker-status";
    status.setAttribute("role", "status");
    var host = document.createElement("div");
    host.className = "suggest-host";
    host.appendChild(search);
    host.appendChild(list);
    input.parentNode.insertBefore(host, input);
    host.parentNode.insertBefore(status, host.nextSibling);
    input.hidden = true;
    input.setAttribute("aria-hidden", "true");
    var label = document.querySelector("label[for='" + input.id + "']");
    if (label) { label.htmlFor = search.id; }
    var hint = document.getElementById(input.id + "-hint");
    if (hint) {
      hint.textContent = input.getAttribute("data-picker-hint");
      search.setAttribute("aria-describedby", hint.id);
    }
    var error = document.getElementById(input.id + "-error");
    if (error) {
      search.setAttribute("aria-invalid", "true");
      search.setAttribute("aria-describedby", error.id);
    }

    var timer = null, controller = null, options = [], found = [], active = -1, lastQuery = null;

    function sync() {
      input.value = chosen.map(function (item) { return item.id; }).join(", ");
      chosenList.textContent = "";
      chosen.forEach(function (item, index) {
        var li = document.createElement("li");
        li.setAttribute("data-id", item.id);
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.label;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-secondary btn-small";
        remove.textContent = input.getAttribute("data-picker-remove");
        remove.setAttribute("aria-label", input.getAttribute("data-picker-remove") + " " + item.label);
        remove.addEventListener("click", function () {
          chosen.splice(index, 1);
          status.textContent = "";
          sync();
          search.focus();
        });
        li.appendChild(link);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(remove);
        chosenList.appendChild(li);
      });
    }

    function close() {
      list.hidden = true;
      search.setAttribute("aria-expanded", "false");
      search.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        search.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        search.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = found[index];
      close();
      if (chosen.some(function (c) { return c.id === item.id; })) {
        search.value = "";
        lastQuery = null;
        return;
      }
      if (chosen.length >= max) {
        status.textContent = input.getAttribute("data-picker-full");
        return;
      }
      chosen.push(item);
      search.value = "";
      lastQuery = null;
      status.textContent = "";
      sync();
    }

    function render(data) {
      list.textContent = "";
      options = [];
      found = [];
      (data.groups || []).forEach(function (group) {
        if (group.kind !== "product") { return; }
        group.items.forEach(function (item) {
          var match = PRODUCT.exec(item.url);
          if (!match) { return; }
          var index = found.length;
          found.push({id: match[1], label: item.label, url: item.url});
          var option = document.createElement("div");
          option.id = input.id + "-option-" + index;
          option.className = "suggest-option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.textContent = item.label;
          option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
          option.addEventListener("click", function () { choose(index); });
          list.appendChild(option);
          options.push(option);
        });
      });
      active = -1;
      search.removeAttribute("aria-activedescendant");
      if (options.length) {
        list.hidden = false;
        search.setAttribute("aria-expanded", "true");
        status.textContent = "";
      } else {
        close();
        status.textContent = search.value.trim() ? input.getAttribute("data-picker-none") : "";
      }
    }

    function fetchSuggestions() {
      var q = search.value.trim();
      if (q === lastQuery) { return; }
      lastQuery = q;
      if (!q) { render({groups: []}); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(input.getAttribute("data-picker") + "?q=" + encodeURIComponent(q),
            {headers: {"Accept": "application/json"}, credentials: "same-origin",
             signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : {groups: []}; })
        .then(function (data) { if (search.value.trim() === q) { render(data); } })
        .catch(function () { /* aborted or offline: nothing to suggest */ });
    }

    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    search.addEventListener("keydown", function (event) {
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
          choose(active);
        } else if (search.value.trim()) {
          event.preventDefault();  // words in the box are a search, not the form's submission
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (search.value) {
          event.preventDefault();
          search.value = "";
          lastQuery = null;
        }
      }
    });

    search.addEventListener("blur", function () { window.setTimeout(close, 150); });
    sync();
  }

  function ready() {
    document.querySelectorAll("input[data-picker]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
