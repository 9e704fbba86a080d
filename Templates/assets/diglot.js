// Diglot: the only script of the built pages. Pages read fully without it; it adds the switch that
// turns the English source popups off (remembered across pages) and pairs sentences side by side.
(function () {
  "use strict";
  var KEY = "diglot.showSource";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(v) { try { localStorage.setItem(KEY, v); } catch (e) {} }
  if (stored() === "off") root.classList.add("source-off");
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("show-source");
    if (box) {
      box.checked = !root.classList.contains("source-off");
      box.closest(".source-switch").hidden = false;
      box.addEventListener("change", function () {
        root.classList.toggle("source-off", !box.checked);
        store(box.checked ? "on" : "off");
      });
    }
    // Invitation drafts: a button copies the draft's text.
    document.querySelectorAll(".copy-draft").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.textContent = "\u2713 " + label;
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
    // Side by side: hovering or focusing a sentence marks the same sentence in the other column.
    var grid = document.querySelector(".sxs");
    if (grid) {
      var mark = function (ev, on) {
        var tu = ev.target.closest && ev.target.closest(".tu");
        if (!tu) return;
        grid.querySelectorAll('.tu[data-tu="' + tu.getAttribute("data-tu") + '"]').forEach(function (el) {
          el.classList.toggle("paired", on);
        });
      };
      grid.addEventListener("mouseover", function (ev) { mark(ev, true); });
      grid.addEventListener("mouseout", function (ev) { mark(ev, false); });
    }
  });
})();
