/* Suggestions as you type for <input data-suggest="/api/v1/suggest">: an ARIA 1.2 combobox
   (the keyboard listbox of listbox.js, loaded before this file).
   Without these files the input is a plain search box and its form submits as usual.
   Keys: Down/Up move through the options, Enter opens the highlighted one (or submits the
   search when none is), Escape closes the list (a second Escape clears the box). */
(function () {
  "use strict";
  var counter = 0;

  function setup(input) {
    var id = input.id || ("suggest-" + (++counter));
    var list = window.Listbox.makeList(id, input.getAttribute("data-suggest-label"));
    var links = [];
    input.parentNode.classList.add("suggest-host");
    input.parentNode.appendChild(list);

    function fill(data, addOption) {
      links = [];
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
          var option = addOption(box, "a", item.label);
          option.setAttribute("tabindex", "-1");
          option.href = item.url;
          links.push(option);
        });
        list.appendChild(box);
      });
    }

    window.Listbox.attach(input, list, {
      url: input.getAttribute("data-suggest"),
      fill: fill,
      choose: function (index) { window.location.assign(links[index].href); },
    });
  }

  window.Listbox.each("input[data-suggest]", setup);
})();
