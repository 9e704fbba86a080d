#!/usr/bin/env python3
"""axe-core 4.10 (PyPI's axe-selenium-python 3.0.0, which needs Python 3.12) over every kind of page of
a built site, in headless Chromium: zero violations at WCAG 2.2 AA (tags wcag2a, wcag2aa, wcag21a,
wcag21aa, wcag22aa), in light and in dark mode (prefers-color-scheme), with a sentence's English shown
(hover and focus popups included) and with search results open.

Usage: python Tests/browser/test_a11y.py OUTPUT_DIR [CORPUS_SITE ...]
  OUTPUT_DIR: the sample site (`make run`): each view of every page, the start page with search
  results, the TOC page, 404, QA report, mail pages and a redirect page when the site has them.
  CORPUS_SITE: a site built from a corpus: its first PAGES_PER_CORPUS pages (default 3) in each view,
  and its start page.
Exit status: 0 with no violation, 1 otherwise (every violation listed).
"""
import functools
import glob
import http.server
import json
import os
import re
import sys
import threading

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
PAGES_PER_CORPUS = int(os.environ.get("PAGES_PER_CORPUS", "3"))


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_script_timeout(180)
    return driver


def views_of(site):
    """The view folders of a site: those holding a page.html whose body names its view."""
    found = {}
    for folder in sorted(os.listdir(site)):
        path = os.path.join(site, folder)
        if not os.path.isdir(path) or folder in ("assets", "mail", "qa"):
            continue
        for page in sorted(glob.glob(os.path.join(path, "**", "*.html"), recursive=True)):
            with open(page, encoding="utf-8") as f:
                head = f.read(4096)
            for view in ("view-target", "view-side-by-side", "view-source"):
                if 'class="' + view in head:
                    found.setdefault(view, folder)
            break
    return found


def pages_of(site, folder, limit=None):
    """A view's pages (not its TOC pages), in path order."""
    pages = []
    for page in sorted(glob.glob(os.path.join(site, folder, "**", "*.html"), recursive=True)):
        with open(page, encoding="utf-8") as f:
            text = f.read()
        if 'http-equiv="refresh"' in text or os.path.basename(page) == "toc.html":
            continue
        if "<article" in text and ('class="tu' in text or 'class="sxs' in text or os.path.basename(page) != "index.html"):
            pages.append(os.path.relpath(page, site))
        if limit and len(pages) >= limit:
            break
    return pages


def redirect_page(site):
    for page in sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True)):
        with open(page, encoding="utf-8") as f:
            if 'http-equiv="refresh"' in f.read(2048):
                return os.path.relpath(page, site)
    return None


class Checker:
    def __init__(self):
        self.driver = browser()
        self.failures = []
        self.checked = 0

    def scheme(self, dark):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})

    def axe(self, label):
        axe = Axe(self.driver)
        axe.inject()
        result = axe.run(options=OPTIONS)
        self.checked += 1
        for violation in result["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
            self.failures.append("%s: %s (%s, %d elements) %s — %s" % (
                label, violation["id"], violation["impact"], len(violation["nodes"]), violation["help"], "; ".join(targets)))

    def page(self, site, path, states=("plain",), url=None, schemes=(False, True)):
        url = url or "file://" + os.path.join(os.path.abspath(site), path)
        for dark in schemes:
            self.scheme(dark)
            # A redirect page leaves at once: its own HTML is checked with the refresh disabled.
            if path == "*redirect*":
                continue
            self.driver.get(url)
            for state in states:
                label = "%s [%s%s]" % (os.path.join(os.path.basename(os.path.abspath(site)), path), "dark" if dark else "light",
                                       "" if state == "plain" else ", " + state)
                if state == "plain":
                    self.axe(label)
                elif state == "sentence":
                    # A sentence focused: its English shows in the popup (and the report link when configured).
                    units = self.driver.find_elements(By.CSS_SELECTOR, ".view-target article .tu[tabindex]")
                    if not units:
                        continue
                    self.driver.execute_script("arguments[0].focus()", units[min(2, len(units) - 1)])
                    self.axe(label)
                    self.driver.execute_script("document.activeElement.blur()")
                elif state == "search":
                    boxes = self.driver.find_elements(By.ID, "search-box")
                    if not boxes or not boxes[0].is_displayed():
                        continue
                    boxes[0].send_keys("a")
                    WebDriverWait(self.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results p"))
                    self.axe(label)
                    boxes[0].clear()
                elif state == "languages":
                    # The language picker open (a multilingual site's pages).
                    pickers = self.driver.find_elements(By.CSS_SELECTOR, ".language-picker summary")
                    if not pickers:
                        continue
                    pickers[0].click()
                    self.axe(label)
                    pickers[0].click()
                elif state == "toc-open":
                    self.driver.set_window_size(400, 800)
                    buttons = self.driver.find_elements(By.CSS_SELECTOR, ".toc-toggle")
                    if buttons and buttons[0].is_displayed():
                        buttons[0].click()
                        self.axe(label)
                    self.driver.set_window_size(1280, 900)
        self.scheme(False)

    def redirect(self, site, path):
        # Script off does not stop a meta refresh: a copy without it, beside the page (so that its
        # stylesheet loads as the page's does), is what axe reads.
        # Its script (assets/redirect.js, which moves on with the reader's #anchor) is left out too.
        with open(os.path.join(site, path), encoding="utf-8") as f:
            html = re.sub(r'<script src="[^"]*assets/redirect\.js"[^>]*></script>', "", f.read().replace('http-equiv="refresh"', 'data-refresh'))
        copy = os.path.join(site, path + ".axe.html")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(html)
        try:
            for dark in (False, True):
                self.scheme(dark)
                self.driver.get("file://" + os.path.abspath(copy))
                self.axe("%s [%s]" % (path, "dark" if dark else "light"))
        finally:
            os.remove(copy)
        self.scheme(False)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    sample, corpora = sys.argv[1], sys.argv[2:]
    checker = Checker()
    try:
        views = views_of(sample)
        missing = {"view-target", "view-side-by-side", "view-source"} - set(views)
        if missing:
            print("the sample site has no %s view" % ", ".join(sorted(missing)))
            return 1
        target = views["view-target"]
        for page in pages_of(sample, target):
            name = os.path.relpath(page, target)
            checker.page(sample, page, ("plain", "sentence", "toc-open"))
            for view in ("view-side-by-side", "view-source"):
                other = os.path.join(views[view], name)
                if os.path.exists(os.path.join(sample, other)):
                    checker.page(sample, other)
        for view in views.values():
            if os.path.exists(os.path.join(sample, view, "toc.html")):
                checker.page(sample, os.path.join(view, "toc.html"))
        checker.page(sample, "index.html", ("plain", "search"))
        checker.page(sample, os.path.join(target, "index.html") if os.path.exists(os.path.join(sample, target, "index.html")) else "index.html", ("search",))
        # 404.html names its stylesheet from the site's root (a server shows it at any address): it is
        # read from a local HTTP server of the site.
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=os.path.abspath(sample))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            checker.page(sample, "404.html", url="http://127.0.0.1:%d/404.html" % server.server_address[1])
        finally:
            server.shutdown()
        for extra in ["qa/index.html", "mail/index.html"]:
            if os.path.exists(os.path.join(sample, extra)):
                checker.page(sample, extra)
            else:
                print("no %s in the sample site" % extra)
        mail = sorted(p for p in glob.glob(os.path.join(sample, "mail", "**", "*.html"), recursive=True) if not p.endswith("/index.html"))
        # The drafts' HTML (Templates/email), in light and dark mode: every cloud's, with its link or the placeholder.
        for page in mail:
            checker.page(sample, os.path.relpath(page, sample))
        moved = redirect_page(sample)
        if moved:
            checker.redirect(sample, moved)
        else:
            print("no redirect page in the sample site")
        # A multilingual site (issue 13: DIGLOT_MULTI_SITE): the language chooser (kept from opening a
        # language), a start page with the picker open and its missing-page notice shown, and a page
        # of each view with the picker open.
        multi = os.environ.get("DIGLOT_MULTI_SITE")
        if multi:
            checker.page(multi, "index.html", url="file://" + os.path.join(os.path.abspath(multi), "index.html#choose"))
            checker.page(multi, "fr-fr.html", ("plain", "languages"))
            checker.page(multi, "fr-fr.html#page-missing", url="file://" + os.path.join(os.path.abspath(multi), "fr-fr.html#page-missing"))
            # (The Spanish guide/start.html is stale against the French English: its notice and the
            # notes of its stale sentences side by side, and the Spanish report of stale translations.)
            for path in ("es-es/guide/start.html", "sxs/es-es/guide/start.html", "en-us/guide/start.html"):
                checker.page(multi, path, ("plain", "languages"))
            checker.page(multi, "stale/es-es/index.html")
            checker.page(multi, "stale/index.html")
        for site in corpora:
            cviews = views_of(site)
            ctarget = cviews.get("view-target")
            if not ctarget:
                print("%s: no translation view" % site)
                checker.failures.append("%s: no translation view" % site)
                continue
            for page in pages_of(site, ctarget, PAGES_PER_CORPUS):
                name = os.path.relpath(page, ctarget)
                checker.page(site, page, ("plain", "sentence"))
                for view in ("view-side-by-side", "view-source"):
                    if view in cviews and os.path.exists(os.path.join(site, cviews[view], name)):
                        checker.page(site, os.path.join(cviews[view], name))
            checker.page(site, "index.html")
            # The TOC page a reader without script opens, and a redirect page, of each corpus.
            for toc in sorted(glob.glob(os.path.join(site, ctarget, "**", "toc.html"), recursive=True))[:1]:
                checker.page(site, os.path.relpath(toc, site))
            moved = redirect_page(site)
            if moved:
                checker.redirect(site, moved)
    finally:
        checker.driver.quit()
    print("axe-core (WCAG 2.2 AA: %s): %d checks, %d violations" % (", ".join(TAGS), checker.checked, len(checker.failures)))
    for failure in checker.failures:
        print("  " + failure)
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
