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
  // A page loads its docset's index; the start page every docset's (data-index lists them).
  var search = { entries: null, received: [], expected: 1, requested: false, waiting: null };
  // Accents off (NFD, then the combining accents dropped), then composed again (NFC): the folded text
  // keeps the original's length, so a match's offset is the passage's (NFD alone splits each Hangul
  // syllable into two or three jamo and each kana with a voiced mark into two, and a Korean passage
  // came out empty).
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").replace(/\s+/g, " ").toLowerCase(); }
  function count(hay, needle) {
    var n = 0, i = hay.indexOf(needle);
    while (i >= 0 && n < 20) { n++; i = hay.indexOf(needle, i + needle.length); }
    return n;
  }
  window.DiglotSearch = {
    receive: function (data) {
      data.forEach(function (e) {
        search.received.push({ path: e[0], title: e[1], text: e[2], foldedTitle: fold(e[1]), foldedText: fold(e[2]) });
      });
      if (--search.expected > 0) return;
      search.entries = search.received;
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
  // The sidebar. A page carries only its own section of the docset's TOC (and a link to the TOC page);
  // the docset's toc.js, written once per docset and view, hands over the whole TOC, which replaces it:
  // [name, href, children, flags] per entry, href relative to the view's folder (flag 2: an outside
  // address, kept as it is), flag 1: open, flag 4: a name in the translation's language in the English
  // view (data-foreign-lang and -dir on the nav). The page is marked and the sections above it opened.
  var tocEntries = null;
  window.DiglotTOC = { receive: function (data) { tocEntries = data; } };
  function fillSidebar() {
    var nav = document.querySelector("nav.toc[data-page]");
    if (!nav || !tocEntries) return;
    var base = nav.getAttribute("data-toc-base"), here = nav.getAttribute("data-page");
    var current = null;
    function list(entries) {
      var ul = document.createElement("ul");
      var holdsCurrent = false;
      entries.forEach(function (e) {
        var li = document.createElement("li");
        var label;
        if (e[1] === null) { label = document.createElement("span"); }
        else { label = document.createElement("a"); label.href = (e[3] & 2) ? e[1] : base + e[1]; }
        label.textContent = e[0];
        if (e[3] & 4) {
          label.lang = nav.getAttribute("data-foreign-lang");
          if (nav.getAttribute("data-foreign-dir")) label.dir = nav.getAttribute("data-foreign-dir");
        }
        if (!(e[3] & 2) && e[1] === here && !current) { label.setAttribute("aria-current", "page"); current = label; holdsCurrent = true; }
        if (e[2]) {
          var details = document.createElement("details");
          var summary = document.createElement("summary");
          summary.appendChild(label);
          details.appendChild(summary);
          var inner = list(e[2]);
          details.appendChild(inner.ul);
          if ((e[3] & 1) || inner.holdsCurrent || label === current) details.open = true;
          holdsCurrent = holdsCurrent || inner.holdsCurrent;
          li.appendChild(details);
        } else {
          li.appendChild(label);
        }
        ul.appendChild(li);
      });
      return { ul: ul, holdsCurrent: holdsCurrent };
    }
    var built = list(tocEntries).ul;
    var old = nav.querySelector(":scope > ul");
    if (old) nav.replaceChild(built, old); else nav.appendChild(built);
    nav.classList.add("toc-full");
    if (current) {
      var aside = nav.closest(".sidebar");
      if (aside && aside.scrollHeight > aside.clientHeight) aside.scrollTop = Math.max(0, current.offsetTop - aside.clientHeight / 3);
    }
  }
  // Tabs (DocFX tab groups). Without script every panel shows under its label. With it, each group
  // shows one panel; tabs with the same id switch together in every group of the page (both columns
  // side by side), a tab with a condition (#tab/dotnet/linux) shows only while its condition's tab is
  // chosen, and the choice is kept in the address (?tabs=linux,dotnet, as DocFX and Learn keep it).
  // Keys as the WAI-ARIA tab pattern has them: arrows (mirrored right to left), Home, End.
  function setUpTabs() {
    var groups = Array.prototype.slice.call(document.querySelectorAll(".tabs"));
    if (!groups.length) return;
    var chosen = (new URLSearchParams(location.search).get("tabs") || "").split(",").filter(Boolean);
    function ids(tab) { return tab.getAttribute("data-tab").split("+"); }
    function isChosen(tab) { return ids(tab).some(function (id) { return chosen.indexOf(id) >= 0; }); }
    function tabsOf(group) { return Array.prototype.slice.call(group.querySelectorAll(":scope > .tab-list > [role=tab]")); }
    function visible(tab) { var c = tab.getAttribute("data-condition"); return !c || chosen.indexOf(c) >= 0; }
    function apply() {
      // Dependent tabs read the choice of other groups: settle the choice first, then show it.
      groups.forEach(function (group) {
        var tabs = tabsOf(group).filter(visible);
        if (tabs.length && !tabs.some(isChosen)) chosen.push(ids(tabs[0])[0]);
      });
      groups.forEach(function (group) {
        var tabs = tabsOf(group);
        var shown = tabs.filter(visible);
        var pick = shown.filter(isChosen)[0] || shown[0];
        tabs.forEach(function (tab) {
          var on = tab === pick;
          tab.hidden = shown.indexOf(tab) < 0;
          tab.setAttribute("aria-selected", on ? "true" : "false");
          tab.tabIndex = on ? 0 : -1;
          document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
        });
      });
    }
    function choose(tab) {
      tabsOf(tab.closest(".tabs")).forEach(function (other) {
        ids(other).forEach(function (id) { var i = chosen.indexOf(id); if (i >= 0) chosen.splice(i, 1); });
      });
      chosen = ids(tab).concat(chosen);
      apply();
      var url = new URL(location.href);
      url.searchParams.set("tabs", chosen.join(","));
      try { history.replaceState(null, "", url); } catch (e) {}
    }
    groups.forEach(function (group) {
      var list = group.querySelector(":scope > .tab-list");
      list.hidden = false;
      group.classList.add("tabs-ready");
      list.addEventListener("click", function (ev) {
        var tab = ev.target.closest("[role=tab]");
        if (tab) choose(tab);
      });
      list.addEventListener("keydown", function (ev) {
        var tabs = tabsOf(group).filter(function (t) { return !t.hidden; });
        var at = tabs.indexOf(document.activeElement.closest("[role=tab]"));
        if (at < 0) return;
        var rtl = getComputedStyle(list).direction === "rtl";
        var next = { ArrowRight: rtl ? at - 1 : at + 1, ArrowLeft: rtl ? at + 1 : at - 1, Home: 0, End: tabs.length - 1 }[ev.key];
        if (next === undefined) return;
        ev.preventDefault();
        var tab = tabs[(next + tabs.length) % tabs.length];
        choose(tab);
        tab.focus();
      });
    });
    apply();
  }

  // Versions (DocFX monikers). Every version's content is in the page under its range; the version
  // picker (the docset's monikers, oldest first) shows the content whose range takes in the chosen
  // one, the newest at first, and keeps the choice in the address (?view=aspnetcore-3.1, as Learn).
  // A range: comparators joined by spaces (all must hold) and by "||" (either side); a comparator
  // is an operator (=, <, <=, >, >=; none is =) and a moniker, compared within its product.
  function setUpVersions() {
    var picker = document.querySelector(".version-picker select");
    if (!picker) return;
    var order = Array.prototype.map.call(picker.options, function (o) { return o.value; });
    function product(m) { return m.replace(/-\d[\d.]*$/, ""); }
    function holds(range, moniker) {
      return range.split("||").some(function (all) {
        var parts = all.trim().split(/\s+/).filter(Boolean);
        var ok = parts.length > 0;
        for (var i = 0; i < parts.length; i++) {
          var m = /^(<=|>=|<|>|=)?(.*)$/.exec(parts[i]);
          var op = m[1] || "=", name = m[2];
          if (!name && i + 1 < parts.length) { name = parts[++i]; }
          var a = order.indexOf(moniker), b = order.indexOf(name);
          if (b < 0 || product(name) !== product(moniker)) { ok = false; break; }
          ok = ok && (op === "=" ? a === b : op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b);
        }
        return ok;
      });
    }
    function apply() {
      document.querySelectorAll(".moniker[data-moniker-range]").forEach(function (block) {
        block.hidden = !holds(block.getAttribute("data-moniker-range"), picker.value);
      });
    }
    var asked = new URLSearchParams(location.search).get("view");
    if (asked && order.indexOf(asked) >= 0) picker.value = asked;
    picker.closest(".version-picker").hidden = false;
    document.documentElement.classList.add("versions-ready");
    picker.addEventListener("change", function () {
      apply();
      var url = new URL(location.href);
      url.searchParams.set("view", picker.value);
      try { history.replaceState(null, "", url); } catch (e) {}
    });
    apply();
  }

  var KEY = "diglot.showSource";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(v) { try { localStorage.setItem(KEY, v); } catch (e) {} }
  if (stored() === "off") root.classList.add("source-off");
  document.addEventListener("DOMContentLoaded", function () {
    fillSidebar();
    var form = document.querySelector("form.search");
    if (form) {
      var input = form.querySelector("input");
      var results = form.querySelector(".search-results");
      form.hidden = false;
      var load = function () {
        if (search.requested) return;
        search.requested = true;
        var urls = form.getAttribute("data-index").split(" ").filter(Boolean);
        search.expected = urls.length;
        urls.forEach(function (src) {
          var script = document.createElement("script");
          script.src = src;
          document.head.appendChild(script);
        });
      };
      var show = function () {
        results.textContent = "";
        if (!input.value.trim()) return;
        if (!search.entries) { search.waiting = show; load(); return; }
        var hits = DiglotSearch.find(input.value, 50);
        var summary = document.createElement("p");
        // "1 page matches", "2 pages match": data-count holds the strings' forms by CLDR plural
        // category ({"one": "{{count}} page matches", "other": …}); the browser's Intl.PluralRules
        // picks the category of the count in the page's language, Intl.NumberFormat writes the count.
        var lang = document.documentElement.lang || "en";
        var forms = {};
        try { forms = JSON.parse(form.getAttribute("data-count") || "{}"); } catch (e) {}
        var category = "other", number = String(hits.length);
        try { category = new Intl.PluralRules(lang).select(hits.length); number = new Intl.NumberFormat(lang).format(hits.length); } catch (e) {}
        var phrase = forms[category] || forms.other || "{{count}}";
        summary.textContent = hits.length ? phrase.split("{{count}}").join(number) : form.getAttribute("data-none");
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
    setUpTabs();
    setUpVersions();
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
