// Diglot: the only script of the built pages. Pages read fully without it; it adds the search box,
// the switch that turns the English source popups off (remembered across pages), the copy buttons of
// the drafts, and pairs sentences side by side.
(function () {
  "use strict";
  // Search. A view's index (search-index.js, written by the build) calls DiglotSearch.receive with
  // [path, title, text] per page; it is loaded as a script the first time the box is used, so it works
  // for a site opened from disk too. Every word of the query must occur in a page's title or text, with
  // accents and case folded; words are matched as substrings, so a two-character Japanese query finds
  // its page though Japanese writes no spaces.
  var search = { entries: null, requested: false, waiting: null };
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").toLowerCase(); }
  function count(hay, needle) {
    var n = 0, i = hay.indexOf(needle);
    while (i >= 0 && n < 20) { n++; i = hay.indexOf(needle, i + needle.length); }
    return n;
  }
  window.DiglotSearch = {
    receive: function (data) {
      search.entries = data.map(function (e) {
        return { path: e[0], title: e[1], text: e[2], foldedTitle: fold(e[1]), foldedText: fold(e[2]) };
      });
      if (search.waiting) { var f = search.waiting; search.waiting = null; f(); }
    },
    // The pages matching a query, best first: the whole query in the title, then in the text, then
    // the most occurrences of its words.
    find: function (query, limit) {
      var phrase = fold(query).trim().replace(/\s+/g, " ");
      if (!phrase || !search.entries) return [];
      var words = phrase.split(" ");
      var hits = [];
      search.entries.forEach(function (e) {
        var score = 0;
        for (var i = 0; i < words.length; i++) {
          var inTitle = e.foldedTitle.indexOf(words[i]) >= 0;
          var inText = count(e.foldedText, words[i]);
          if (!inTitle && !inText) return;
          score += (inTitle ? 10 : 0) + inText;
        }
        if (e.foldedTitle.indexOf(phrase) >= 0) score += 1000;
        var at = e.foldedText.indexOf(phrase);
        if (at >= 0) score += 100; else at = e.foldedText.indexOf(words[0]);
        var start = Math.max(0, at - 60);
        var snippet = (start > 0 ? "\u2026" : "") + e.text.substr(start, 180) + (start + 180 < e.text.length ? "\u2026" : "");
        hits.push({ path: e.path, title: e.title, snippet: at >= 0 ? snippet : "", score: score });
      });
      hits.sort(function (a, b) { return b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0); });
      return hits.slice(0, limit || 50);
    }
  };
  var KEY = "diglot.showSource";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(v) { try { localStorage.setItem(KEY, v); } catch (e) {} }
  if (stored() === "off") root.classList.add("source-off");
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.search");
    if (form) {
      var input = form.querySelector("input");
      var results = form.querySelector(".search-results");
      form.hidden = false;
      var load = function () {
        if (search.requested) return;
        search.requested = true;
        var script = document.createElement("script");
        script.src = form.getAttribute("data-index");
        document.head.appendChild(script);
      };
      var show = function () {
        results.textContent = "";
        if (!input.value.trim()) return;
        if (!search.entries) { search.waiting = show; load(); return; }
        var hits = DiglotSearch.find(input.value, 50);
        var summary = document.createElement("p");
        summary.textContent = hits.length ? hits.length + " " + form.getAttribute("data-count") : form.getAttribute("data-none");
        results.appendChild(summary);
        var list = document.createElement("ol");
        hits.forEach(function (hit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = form.getAttribute("data-base") + hit.path;
          link.textContent = hit.title;
          item.appendChild(link);
          if (hit.snippet) {
            var text = document.createElement("p");
            text.textContent = hit.snippet;
            item.appendChild(text);
          }
          list.appendChild(item);
        });
        results.appendChild(list);
      };
      input.addEventListener("focus", load);
      input.addEventListener("input", show);
      input.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { input.value = ""; show(); } });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var first = results.querySelector("a");
        if (first) window.location.href = first.href;
      });
    }
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
