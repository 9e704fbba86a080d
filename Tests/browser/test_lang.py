#!/usr/bin/env python3
"""Walks every element of every HTML page of built sites and checks that text is marked with its
language and direction (issue 10): text written in the translation's script (Hangul, Arabic, kana
and Han…) is inside an element whose nearest `lang` is the translation's language, never inside
English; and every element's direction is the one its language reads in (English left to right
inside an Arabic page, Arabic right to left), from the nearest `dir`. Attributes a reader hears or
sees (`alt`, `title`, `aria-label`, `placeholder`) count as text of their element.

Usage: python3 Tests/browser/test_lang.py SITE...   (each SITE a `diglot build` output whose
translation is in a script other than Latin: Korean, Arabic, Japanese, Chinese, Hebrew…)
Prints each fault as `file:line: …` and exits 1 when there is one.
"""
import html.parser
import os
import sys
import unicodedata

# The scripts a translation may be written in, by the first letters of their Unicode names.
SCRIPTS = {"ko": ("HANGUL",), "ja": ("HIRAGANA", "KATAKANA", "CJK"), "zh": ("CJK",), "ar": ("ARABIC",),
           "he": ("HEBREW",), "th": ("THAI",), "ru": ("CYRILLIC",), "uk": ("CYRILLIC",), "el": ("GREEK",)}
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def language(tag):
    return (tag or "").split("-")[0].lower()


def in_script(text, scripts):
    """Whether the text holds a letter of one of the scripts (digits and punctuation do not count)."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            if name.startswith(scripts):
                return True
    return False


class Walker(html.parser.HTMLParser):
    def __init__(self, path, target):
        super().__init__(convert_charrefs=True)
        self.path, self.target = path, target
        self.scripts = SCRIPTS[target]
        self.stack = []  # (tag, lang, dir): lang and dir inherited
        self.faults = []
        self.skip = 0  # inside <script> or <style>

    def here(self):
        return self.stack[-1] if self.stack else ("", "", "ltr")

    def fault(self, message):
        self.faults.append(f"{self.path}:{self.getpos()[0]}: {message}")

    def check_text(self, text, lang, direction, what):
        if not text.strip() or not in_script(text, self.scripts):
            return
        if language(lang) != self.target:
            self.fault(f"{what} in {self.target} script under lang={lang!r}: {text.strip()[:60]!r}")
        elif self.target in RIGHT_TO_LEFT and direction != "rtl":
            self.fault(f"{what} in a right-to-left script set {direction}: {text.strip()[:60]!r}")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        _, lang, direction = self.here()
        lang = attrs.get("lang", lang)
        if "dir" in attrs and attrs["dir"] in ("ltr", "rtl"):
            direction = attrs["dir"]
        if "lang" in attrs and "dir" not in attrs:
            # A language of the other direction needs its own dir; the page's own direction comes from <html>.
            if tag != "html" and (language(lang) in RIGHT_TO_LEFT) != (direction == "rtl"):
                self.fault(f"<{tag} lang={lang!r}> reads {'right to left' if language(lang) in RIGHT_TO_LEFT else 'left to right'} but is set {direction}")
        if tag == "html":
            direction = attrs.get("dir", "ltr")
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.check_text(attrs[name], lang, direction, f"<{tag} {name}>")
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in VOID:
            self.stack.append((tag, lang, direction))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        # Pop to the matching element (the pages are valid HTML: this is exact for them).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.skip:
            return
        _, lang, direction = self.here()
        self.check_text(data, lang, direction, "text")


def target_of(site):
    """The site's translation language: the folder of the start page's first view link."""
    for name in sorted(os.listdir(site)):
        if os.path.isdir(os.path.join(site, name)) and language(name) in SCRIPTS:
            return language(name)
    return None


def check(site):
    target = target_of(site)
    if not target:
        return [f"{site}: no translation folder in a non-Latin script"]
    faults, pages = [], 0
    for folder, _, files in os.walk(site):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            walker = Walker(os.path.relpath(path, site), target)
            with open(path, encoding="utf-8") as handle:
                walker.feed(handle.read())
            faults += walker.faults
            pages += 1
    print(f"{site}: {pages} pages, {len(faults)} lang/dir faults")
    return faults


if __name__ == "__main__":
    all_faults = []
    for site in sys.argv[1:]:
        all_faults += check(site)
    for fault in all_faults[:int(os.environ.get("DIGLOT_LANG_FAULTS", "200"))]:
        print(fault)
    if len(all_faults) > 200:
        print(f"… and {len(all_faults) - 200} more")
    sys.exit(1 if all_faults else 0)
