// Diglot: the only script of the built pages. Pages read fully without it; it adds the search box,
// the switch that turns the English source popups off (remembered across pages), the keyboard model
// of the text (one tab stop, arrow keys between sentences, Esc), the remembered view, the TOC button
// of narrow screens, the copy buttons of the drafts, and pairs sentences side by side.
(function () {
  "use strict";
  // Search. A view's index (search-index.js, written by the build) calls DiglotSearch.receive with
  // [path, title, text] per page; it is loaded as a script the first time the box is used, so it works
  // for a site opened from disk too. Every word of the query must occur in a page's title or text, with
  // accents and case folded; words are matched as substrings, so a two-character Japanese query finds
  // its page though Japanese writes no spaces.
  // A page loads its docset's index; the start page every docset's (data-index lists them). An index
  // of many pages comes in parts: its first, search-index.js, says how many (receive's second
  // argument) and the others, search-index-1.js and on beside it, are loaded then; the search waits
  // for all.
  // A file that does not load (a part missing from a partly uploaded site) counts as received with no
  // pages: the search works with what came.
  var search = { entries: null, received: [], seen: Object.create(null), expected: 1, requested: false, waiting: null };
  function loadScript(src) {
    var script = document.createElement("script");
    script.src = src;
    script.onerror = function () { received(); };
    document.head.appendChild(script);
  }
  function received() {
    if (--search.expected > 0) return;
    search.entries = search.received;
    if (search.waiting) { var f = search.waiting; search.waiting = null; f(); }
  }
  // Folding, one character at a time, so that every folded character knows the character of the text
  // it comes from: the passage and its highlight are cut from the text as written.
  // - Case: Unicode's default full case folding (CaseFolding.txt, statuses C and F) where it differs
  //   from toLowerCase in the scripts of Microsoft's docs: ß and ẞ are "ss" ("strasse" finds "Straße",
  //   "Straße" finds "Strasse"), ς is σ, ſ is s.
  //   toLowerCase, never toLocaleLowerCase: the page's language changes nothing (in Turkish the
  //   locale's rule lowers I to dotless ı, elsewhere İ to i and a combining dot).
  // - Accents: a character's canonical decomposition (NFD) without its combining marks, composed
  //   again (NFC): é is e, İ is I and then i ("istanbul" finds "İstanbul"); a Hangul syllable or a
  //   kana with a voiced mark stays one character, so the folded text keeps the text's offsets.
  //   Arabic's vowel marks, shadda and sukun, and hamza and madda above or below alef (U+064B–U+065F,
  //   U+0670: أ إ آ are ا), its Quranic signs U+0610–U+061A and tatweel (U+0640, which only stretches
  //   a word), and Hebrew's points (U+0591–U+05C7) are dropped the same way: readers type without
  //   them. Thai and Indic vowel signs are letters, and are kept.
  // - Dotless ı is i, as a reader types it without a Turkish keyboard (a folding, like accents).
  var MARKS = /[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670]/g;
  var FOLDS = { "\u00df": "ss", "\u0131": "i", "\u03c2": "\u03c3", "\u017f": "s" };
  var folded = Object.create(null);
  function foldChar(c) {
    var f = folded[c];
    if (f === undefined) {
      f = c.normalize("NFD").replace(MARKS, "").normalize("NFC").toLowerCase()
        .replace(/[\u00df\u0131\u03c2\u017f]/g, function (x) { return FOLDS[x]; });
      if (/^\s$/.test(f)) f = " ";
      folded[c] = f;
    }
    return f;
  }
  function charLength(s, i) { var c = s.charCodeAt(i); return c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? 2 : 1; }
  function fold(s) {
    var out = "", run = 0;
    for (var i = 0; i < s.length; ) {
      var code = s.charCodeAt(i);
      // ASCII other than capitals and whitespace folds to itself: the common case, in runs.
      if (code > 0x20 && code < 0x7f && (code < 0x41 || code > 0x5a)) { i++; continue; }
      var n = charLength(s, i), c = s.substr(i, n), f = foldChar(c);
      if (f !== c) { out += s.slice(run, i) + f; run = i + n; }
      i += n;
    }
    return out + s.slice(run);
  }
  // The offset in s of the character whose folding holds the folded text's offset `at`.
  function origin(s, at) {
    var seen = 0;
    for (var i = 0; i < s.length; ) {
      var n = charLength(s, i);
      seen += foldChar(s.substr(i, n)).length;
      if (seen > at) return i;
      i += n;
    }
    return s.length;
  }
  // A passage is cut where a character starts: never between a letter and the marks on it (Thai's
  // vowels above and below and its tone marks, Arabic's vowel marks, accents), inside a surrogate
  // pair or after a zero width joiner.
  function joined(s, i) {
    var c = s.charCodeAt(i);
    return (c >= 0xdc00 && c < 0xe000) || c === 0x200d || /\p{M}/u.test(s.charAt(i));
  }
  function back(s, i) { while (i > 0 && i < s.length && joined(s, i)) i--; return i; }
  function forth(s, i) { while (i < s.length && joined(s, i)) i++; return i; }
  // The passage around the folded text's match at `at` of `length`: from 60 characters before the
  // match, 180 in all or the whole match, with the match's place in it (`mark`, for <mark>).
  function passage(text, at, length) {
    var start = origin(text, at), last = origin(text, at + length - 1);
    var end = forth(text, last + charLength(text, last));
    var from = back(text, Math.max(0, start - 60)), to = forth(text, Math.max(end, from + 180));
    var before = (from > 0 ? "\u2026" : "") + text.slice(from, start);
    return { snippet: before + text.slice(start, to) + (to < text.length ? "\u2026" : ""), mark: [before.length, before.length + end - start] };
  }
  function count(hay, needle) {
    var n = 0, i = hay.indexOf(needle);
    while (i >= 0 && n < 20) { n++; i = hay.indexOf(needle, i + needle.length); }
    return n;
  }
  // The text of a page's moniker blocks comes marked in the index with the version a match there
  // opens (DocFX's ?view=): U+0001 version U+0002 before it, U+0003 after. Taken out here, each
  // piece normalized on its own, and kept as [start, end, version] in the text.
  function versionsOf(raw) {
    var text = "", versions = [], open = [];
    raw.split(/(\u0001[^\u0002]*\u0002|\u0003)/).forEach(function (piece) {
      if (piece.charAt(0) === "\u0001") { open.push([text.length, piece.slice(1, -1)]); return; }
      if (piece === "\u0003") { var o = open.pop(); if (o && text.length > o[0]) versions.push([o[0], text.length, o[1]]); return; }
      text += piece.normalize("NFC");
    });
    return { text: text, versions: versions };
  }
  // The version of the innermost moniker block holding the text's offset `at`, or null.
  function versionAt(entry, at) {
    var found = null;
    entry.versions.forEach(function (v) { if (at >= v[0] && at < v[1] && (!found || v[0] >= found[0])) found = v; });
    return found ? found[2] : null;
  }
  window.DiglotSearch = {
    receive: function (data, parts) {
      var src = document.currentScript && document.currentScript.src.replace(/[?#].*$/, "");
      if (parts > 1 && src && /\/search-index\.js$/.test(src)) {
        search.expected += parts - 1;
        for (var i = 1; i < parts; i++) loadScript(src.replace(/\.js$/, "-" + i + ".js"));
      }
      data.forEach(function (e) {
        // A page seen already: parts of two builds (one of them cached) whose boundaries differ.
        if (search.seen[e[0]]) return;
        search.seen[e[0]] = true;
        var cut = versionsOf(e[2]);
        search.received.push({ path: e[0], title: e[1], text: cut.text, versions: cut.versions, foldedTitle: fold(e[1]), foldedText: fold(cut.text) });
      });
      received();
    },
    // The pages matching a query, best first: the whole query in the title, then in the text, then
    // the most occurrences of its words. Each with the passage around the first match in the text
    // (`snippet`; `mark`, the match's start and end in it), or none when only the title matches.
    find: function (query, limit) {
      var phrase = fold(query.normalize("NFC")).trim().replace(/\s+/g, " ");
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
        var at = e.foldedText.indexOf(phrase), length = phrase.length;
        if (at >= 0) score += 100; else { at = e.foldedText.indexOf(words[0]); length = words[0].length; }
        hits.push({ entry: e, at: at, length: length, score: score });
      });
      // Ties by title, then by path: the same order however the index's parts arrived.
      hits.sort(function (a, b) {
        return b.score - a.score || (a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0)
          || (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0);
      });
      // Passages for the hits shown only: finding a match's place walks the text up to it.
      return hits.slice(0, limit || 50).map(function (hit) {
        var cut = hit.at >= 0 ? passage(hit.entry.text, hit.at, hit.length) : { snippet: "", mark: null };
        var version = hit.at >= 0 && hit.entry.versions.length ? versionAt(hit.entry, origin(hit.entry.text, hit.at)) : null;
        return { path: hit.entry.path, title: hit.entry.title, snippet: cut.snippet, mark: cut.mark, score: hit.score, version: version };
      });
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
        if (e[2] && label.tagName === "A") {
          // A page with pages under it: a link beside a disclosure button (WAI-ARIA disclosure
          // navigation), as a link inside a <summary> would nest one control in another.
          var inner0 = list(e[2]);
          var open0 = !!((e[3] & 1) || inner0.holdsCurrent || label === current);
          var twisty = document.createElement("button");
          twisty.type = "button";
          twisty.className = "toc-twisty";
          twisty.setAttribute("aria-label", e[0]);
          twisty.setAttribute("aria-expanded", open0 ? "true" : "false");
          inner0.ul.hidden = !open0;
          twisty.addEventListener("click", function () {
            var now = twisty.getAttribute("aria-expanded") !== "true";
            twisty.setAttribute("aria-expanded", now ? "true" : "false");
            inner0.ul.hidden = !now;
          });
          holdsCurrent = holdsCurrent || inner0.holdsCurrent;
          li.classList.add("toc-branch");
          var row = document.createElement("div");
          row.className = "toc-row";
          row.appendChild(twisty);
          row.appendChild(label);
          li.appendChild(row);
          li.appendChild(inner0.ul);
        } else if (e[2]) {
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

  // Code: coloured by highlight.js (assets/highlight/, copied from Debian's libjs-highlight.js when the
  // build has it; pages with code of a named language load it) in every block whose class names a
  // language it knows; without it the code stays plain. Lines a snippet highlights (data-highlight:
  // "2,4-6") are marked again after colouring: each line of the coloured HTML is closed and reopened
  // around its line break, so that a <mark class="line"> holds whole lines.
  var CODE_ALIASES = { cshtml: "xml", razor: "xml", html: "xml", "aspx-csharp": "xml", aspx: "xml", vbhtml: "xml", csharp: "cs", vb: "vbnet", shell: "bash", batchfile: "dos", protobuf: "protobuf" };
  function markedLines(list) {
    var lines = {};
    list.split(",").forEach(function (part) {
      var ends = part.split("-"), from = +ends[0], to = ends.length > 1 ? +ends[1] : from;
      for (var n = from; n <= to && n - from < 100000; n++) lines[n] = true;
    });
    return lines;
  }
  function highlightCode() {
    var hljs = window.hljs;
    if (!hljs || !hljs.highlight || !hljs.getLanguage) return;
    Array.prototype.forEach.call(document.querySelectorAll("pre > code[class*='lang-']"), function (code) {
      var match = /(?:^|\s)lang-([^\s]+)/.exec(code.className);
      var name = match && match[1].toLowerCase();
      name = name && (CODE_ALIASES[name] || name);
      if (!name || !hljs.getLanguage(name)) return;
      var html;
      try { html = hljs.highlight(name, code.textContent, true).value; } catch (e) { return; }
      var marks = code.getAttribute("data-highlight");
      if (marks) {
        var wanted = markedLines(marks), open = [], out = [], number = 1;
        var lines = html.split("\n");
        lines.forEach(function (line, i) {
          var reopened = open.join("");
          line.replace(/<span[^>]*>|<\/span>/g, function (tag) { if (tag.charAt(1) === "/") open.pop(); else open.push(tag); return tag; });
          var text = reopened + line + new Array(open.length + 1).join("</span>");
          if (i < lines.length - 1) text += "\n";
          out.push(wanted[number] && text !== "" ? "<mark class=\"line\">" + text + "</mark>" : text);
          number++;
        });
        html = out.join("");
      }
      code.innerHTML = html;
      code.classList.add("hljs");
    });
  }

  // Zone pivots. Each pivot group of the page has a picker; a zone shows while one of its pivots is
  // chosen in any of them (the first pivot of each at first); the choice is kept in ?pivots=, as on Learn.
  function setUpPivots() {
    var pickers = Array.prototype.slice.call(document.querySelectorAll(".pivot-picker select"));
    if (!pickers.length) return;
    var asked = (new URLSearchParams(location.search).get("pivots") || "").split(",");
    pickers.forEach(function (picker) {
      var values = Array.prototype.map.call(picker.options, function (o) { return o.value; });
      var pick = asked.filter(function (v) { return values.indexOf(v) >= 0; })[0];
      if (pick) picker.value = pick;
      picker.closest(".pivot-picker").hidden = false;
    });
    document.documentElement.classList.add("pivots-ready");
    function apply() {
      var chosen = pickers.map(function (p) { return p.value; });
      document.querySelectorAll(".zone[data-pivot]").forEach(function (zone) {
        zone.hidden = !zone.getAttribute("data-pivot").split(" ").some(function (p) { return chosen.indexOf(p) >= 0; });
      });
    }
    pickers.forEach(function (picker) {
      picker.addEventListener("change", function () {
        apply();
        var url = new URL(location.href);
        url.searchParams.set("pivots", pickers.map(function (p) { return p.value; }).join(","));
        try { history.replaceState(null, "", url); } catch (e) {}
      });
    });
    apply();
  }

  // The reader's choices, kept in localStorage (never a cookie): the source display (on or off) and
  // the view last chosen with a view switch (target, side-by-side or source).
  var KEY = "diglot.showSource", VIEW_KEY = "diglot.view";
  var root = document.documentElement;
  function stored(key) { try { return localStorage.getItem(key || KEY); } catch (e) { return null; } }
  function store(v, key) { try { localStorage.setItem(key || KEY, v); } catch (e) {} }
  if (stored() === "off") root.classList.add("source-off");
  root.classList.add("js");

  // The keyboard model of a translated page's text (README, Keyboard), after the WAI-ARIA Authoring
  // Practices' roving tabindex: the text is one tab stop (the sentence last visited, the first at
  // first); arrow keys move from sentence to sentence (left and right by sentence, mirrored in right
  // to left text; up and down to the first sentence of the previous or next block), Home and End to
  // the first and last; the focused sentence shows its English. Esc hides the English of the focused
  // or hovered sentence without moving focus or pointer (WCAG 1.4.13), Enter shows it again. A tap
  // shows a sentence's English (a tap focuses it). The build gives every sentence outside a link
  // tabindex="0", so that without script the English stays reachable by keyboard; the script turns
  // all but one to -1. A sentence inside a link is reached as the link.
  function visible(el) { return el.getClientRects().length > 0; }
  function setUpSentences() {
    var article = document.querySelector(".view-target article.content");
    if (!article) return;
    var units = Array.prototype.slice.call(article.querySelectorAll(".tu[tabindex]"));
    if (!units.length) return;
    var stop = null;
    function makeStop(unit) {
      if (stop && stop !== unit) stop.tabIndex = -1;
      stop = unit;
      unit.tabIndex = 0;
    }
    units.forEach(function (u) { u.tabIndex = -1; });
    var hint = document.querySelector(".keyboard-hint");
    if (hint) hint.hidden = false;
    function shown() { return units.filter(visible); }
    function settle() { if (!stop || !visible(stop)) { var first = shown()[0]; if (first) makeStop(first); } }
    settle();
    // A tab group or version picker can hide the sentence that holds the stop: it moves to the
    // first one shown before the next Tab.
    document.addEventListener("focusin", function (ev) {
      var unit = ev.target.closest && ev.target.closest(".tu[tabindex]");
      if (unit && units.indexOf(unit) >= 0) makeStop(unit); else settle();
    });
    function block(unit) { return unit.closest("p, li, td, th, h1, h2, h3, h4, h5, h6, dd, dt, figcaption, blockquote, div") || article; }
    article.addEventListener("keydown", function (ev) {
      var unit = ev.target.closest && ev.target.closest(".tu[tabindex]");
      if (!unit || ev.target !== unit || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var list = shown(), at = list.indexOf(unit), next = null;
      if (at < 0) return;
      var rtl = getComputedStyle(unit).direction === "rtl";
      switch (ev.key) {
        case "ArrowRight": next = list[rtl ? at - 1 : at + 1]; break;
        case "ArrowLeft": next = list[rtl ? at + 1 : at - 1]; break;
        case "ArrowDown":
          for (var i = at + 1; i < list.length; i++) if (block(list[i]) !== block(unit)) { next = list[i]; break; }
          break;
        case "ArrowUp":
          var here = block(unit), i2 = at - 1;
          while (i2 >= 0 && block(list[i2]) === here) i2--;
          if (i2 >= 0) { var prev = block(list[i2]); while (i2 > 0 && block(list[i2 - 1]) === prev) i2--; next = list[i2]; }
          break;
        case "Home": next = list[0]; break;
        case "End": next = list[list.length - 1]; break;
        case "Enter": unit.classList.remove("tu-dismissed"); ev.preventDefault(); return;
        default: return;
      }
      ev.preventDefault();
      if (next) { makeStop(next); next.focus(); }
    });
    // A tap (or a click) on a sentence focuses it, which shows its English; iOS does not focus a
    // span on a tap by itself. A click on a link inside the English is left to the link.
    // A second tap on the same sentence hides its English again.
    var before = null;
    article.addEventListener("pointerdown", function () { before = document.activeElement; });
    article.addEventListener("click", function (ev) {
      if (ev.target.closest("a, button, input, select, summary")) return;
      var unit = ev.target.closest(".tu[tabindex]");
      if (!unit || units.indexOf(unit) < 0) return;
      if (before === unit && ev.pointerType === "touch" && !ev.target.closest(".tu-src")) unit.classList.toggle("tu-dismissed");
      else { unit.classList.remove("tu-dismissed"); if (document.activeElement !== unit) unit.focus(); }
      before = unit;
    });
  }
  // Esc dismisses the English shown on hover or focus (WCAG 1.4.13); it comes back when the pointer
  // or the focus leaves the sentence and returns.
  function setUpDismiss() {
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      var open = Array.prototype.slice.call(document.querySelectorAll(".view-target .tu:hover, .view-target .tu:focus, .view-target .tu:focus-within"));
      open.forEach(function (unit) { unit.classList.add("tu-dismissed"); });
    });
    function undismiss(ev) {
      var unit = ev.target.closest && ev.target.closest(".tu");
      if (unit && !(ev.relatedTarget && unit.contains(ev.relatedTarget))) unit.classList.remove("tu-dismissed");
    }
    document.addEventListener("mouseout", undismiss);
    document.addEventListener("focusout", undismiss);
  }
  // The optional "report a translation problem" link (reportURL in diglot.yml): the build fills
  // {page}; the script fills {unit}, {target} and {source} with the sentence's id and plain text,
  // encoded as ReportLink.encode does (RFC 3986's unreserved characters are kept).
  function encode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function setUpReportLinks() {
    var article = document.querySelector(".view-target article.content[data-report]");
    if (!article) return;
    var template = article.getAttribute("data-report"), label = article.getAttribute("data-report-label");
    function add(ev) {
      var unit = ev.target.closest && ev.target.closest(".tu[tabindex]");
      if (!unit || unit.querySelector(":scope > .tu-src > .tu-report")) return;
      var src = unit.querySelector(":scope > .tu-src");
      if (!src) return;
      var target = "";
      unit.childNodes.forEach(function (n) { if (n !== src) target += n.textContent; });
      var values = { unit: unit.getAttribute("data-tu"), target: target.replace(/\s+/g, " ").trim(), source: src.textContent.replace(/\s+/g, " ").trim() };
      var link = document.createElement("a");
      link.className = "tu-report";
      link.href = template.replace(/\{(unit|target|source)\}/g, function (m, name) { return encode(values[name]); });
      link.textContent = label;
      link.lang = root.lang;
      if (root.dir) link.dir = root.dir;
      src.appendChild(document.createTextNode(" "));
      src.appendChild(link);
    }
    article.addEventListener("focusin", add);
    article.addEventListener("mouseover", add);
  }
  // A link to #tu-ID marks that sentence (every view; in the translation it also takes the focus,
  // which shows its English). The side-by-side view's translation carries the id; the other views
  // find the sentence by its data-tu.
  function markLinkedSentence() {
    document.querySelectorAll(".tu-linked").forEach(function (el) { el.classList.remove("tu-linked"); });
    var m = /^#tu-(.+)$/.exec(location.hash);
    if (!m) return;
    var id = decodeURIComponent(m[1]);
    var found = Array.prototype.filter.call(document.querySelectorAll(".tu[data-tu]"), function (el) {
      return el.getAttribute("data-tu") === id && !el.parentElement.closest(".tu-src");
    });
    found.forEach(function (el) { el.classList.add("tu-linked"); });
    var first = found.filter(visible)[0];
    if (!first) return;
    if (first.hasAttribute("tabindex") && first.closest(".view-target")) first.focus({ preventScroll: true });
    first.scrollIntoView({ block: "center" });
  }
  // The view: a choice made with a view switch (or a view link of the start page) is kept; the start
  // page's and the search's links to a page then lead to that view of it.
  function setUpViewChoice() {
    document.querySelectorAll(".view-switch a[data-view], a[data-view]").forEach(function (link) {
      link.addEventListener("click", function () { store(link.getAttribute("data-view"), VIEW_KEY); });
    });
    var chosen = stored(VIEW_KEY);
    if (!chosen) return;
    document.querySelectorAll("tr[data-views]").forEach(function (row) {
      var to = row.querySelector('a[data-view="' + chosen + '"]');
      var title = row.querySelector("a.page-title");
      if (to && title) title.href = to.href;
    });
  }
  // The view switch keeps the reader's place: its links take the page's #anchor (es-es/setup.html#install
  // → en-us/setup.html#install), on load and on every change of the anchor. The three views of a page
  // have the same heading ids (side by side, the English column holds them) and each finds a #tu-ID
  // sentence, so the anchor is carried as it is. Without script the links have no anchor.
  // The language picker's links to the same page in another language keep it too (headings have the
  // same ids in every language: they come from the English); a link to a language's start page,
  // where the page does not exist in it, keeps its own #page-missing.
  function keepAnchorInViewSwitch() {
    document.querySelectorAll(".view-switch a[data-view], .language-picker a[data-locale]:not([data-missing])").forEach(function (link) {
      var href = link.getAttribute("href");
      // (A start page's #page-missing is its own notice, not a place in the page.)
      var hash = location.hash.length > 1 && location.hash !== "#page-missing" ? location.hash : "";
      if (href) link.setAttribute("href", href.split("#")[0] + hash);
    });
  }
  // Languages (a site of several locales). A language chosen in a page's picker is remembered; the
  // site's top page (the language chooser) opens the remembered language's start page, else the first
  // of the browser's languages (navigator.languages) the site has, matched by whole tag, then by
  // language (fr-CA takes fr-FR); with none it stays, and so it does when opened as index.html#choose.
  var LANGUAGE_KEY = "diglot.language";
  function setUpLanguages() {
    document.querySelectorAll("a[data-locale]").forEach(function (link) {
      link.addEventListener("click", function () { store(link.getAttribute("data-locale"), LANGUAGE_KEY); });
    });
    if (!document.body.classList.contains("view-languages") || location.hash === "#choose") return;
    var links = Array.prototype.slice.call(document.querySelectorAll(".languages a[data-locale]"));
    function find(tag, byLanguage) {
      if (!tag) return null;
      tag = tag.toLowerCase();
      for (var i = 0; i < links.length; i++) {
        var locale = links[i].getAttribute("data-locale").toLowerCase();
        if (locale === tag || (byLanguage && locale.split("-")[0] === tag.split("-")[0])) return links[i];
      }
      return null;
    }
    var wanted = [stored(LANGUAGE_KEY)].concat(Array.prototype.slice.call(navigator.languages || [navigator.language]));
    var to = null;
    for (var pass = 0; pass < 2 && !to; pass++) {
      for (var i = 0; i < wanted.length && !to; i++) to = find(wanted[i], pass === 1);
    }
    if (to) location.replace(to.href);
  }
  // Narrow screens: the TOC is behind a button, the content first (CSS shows the button and hides
  // the sidebar below 56rem only when the script runs).
  function setUpTOCButton() {
    var button = document.querySelector(".toc-toggle"), aside = document.getElementById("sidebar");
    if (!button || !aside) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = !root.classList.contains("toc-open");
      root.classList.toggle("toc-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { var first = aside.querySelector("a, summary"); if (first) first.focus(); }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && root.classList.contains("toc-open") && aside.contains(document.activeElement)) {
        root.classList.remove("toc-open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    fillSidebar();
    highlightCode();
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
        urls.forEach(loadScript);
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
          link.href = form.getAttribute("data-base") + hit.path + (hit.version ? "?view=" + encodeURIComponent(hit.version) : "");
          link.textContent = hit.title;
          item.appendChild(link);
          if (hit.version) {
            // A match in a moniker block: the version it is written for, which the link opens.
            var version = document.createElement("span");
            version.className = "search-version";
            version.textContent = (form.getAttribute("data-version") || "Version") + ": " + hit.version;
            item.appendChild(document.createTextNode(" "));
            item.appendChild(version);
          }
          if (hit.snippet) {
            // The passage, its match in <mark>.
            var text = document.createElement("p"), mark = document.createElement("mark");
            mark.textContent = hit.snippet.slice(hit.mark[0], hit.mark[1]);
            text.append(hit.snippet.slice(0, hit.mark[0]), mark, hit.snippet.slice(hit.mark[1]));
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
    setUpPivots();
    setUpSentences();
    setUpDismiss();
    setUpReportLinks();
    setUpViewChoice();
    setUpLanguages();
    setUpTOCButton();
    markLinkedSentence();
    keepAnchorInViewSwitch();
    window.addEventListener("hashchange", markLinkedSentence);
    window.addEventListener("hashchange", keepAnchorInViewSwitch);
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
