/* Reference products picked by name for <input data-picker="/api/v1/suggest">: the inquiry form.
   Without this file the input takes product numbers or page addresses as text.
   With it the text input is hidden and kept as the chosen ids ("12, 34"); a search box beside it
   is an ARIA 1.2 combobox listing the products whose titles start with what is typed (the keyboard
   listbox of listbox.js, which base.html loads before this file).
   Keys: Down/Up move through the products, Enter adds the highlighted one, Escape closes the
   list (a second Escape clears the box). Each chosen product has a Remove button. */
(function () {
  "use strict";
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
    var list = window.Listbox.makeList(input.id, input.getAttribute("data-picker-label"));
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

    var found = [], combo = null;

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

    function choose(index) {
      var item = found[index];
      combo.close();
      if (chosen.some(function (c) { return c.id === item.id; })) {
        combo.forget();
        return;
      }
      if (chosen.length >= max) {
        status.textContent = input.getAttribute("data-picker-full");
        return;
      }
      chosen.push(item);
      combo.forget();
      status.textContent = "";
      sync();
    }

    function fill(data, addOption) {
      found = [];
      (data.groups || []).forEach(function (group) {
        if (group.kind !== "product") { return; }
        group.items.forEach(function (item) {
          var match = PRODUCT.exec(item.url);
          if (!match) { return; }
          var index = found.length;
          found.push({id: match[1], label: item.label, url: item.url});
          addOption(list, "div", item.label).addEventListener("click", function () { choose(index); });
        });
      });
    }

    function shown(count) {
      status.textContent = count || !search.value.trim() ? "" : input.getAttribute("data-picker-none");
    }

    combo = window.Listbox.attach(search, list, {
      url: input.getAttribute("data-picker"),
      fill: fill,
      choose: choose,
      shown: shown,
      enter: function (event) {
        if (search.value.trim()) { event.preventDefault(); }  // words in the box are a search, not the form's submission
      },
    });
    sync();
  }

  window.Listbox.each("input[data-picker]", setup);
})();
