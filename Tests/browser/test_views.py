#!/usr/bin/env python3
"""Opens the built sample page in headless Chromium (Selenium) and checks what a reader does:
hovering or focusing a sentence shows its English source, the switch turns that off, the view links
lead to the side-by-side and English pages, the sidebar marks the page, the offline search lists it
(folding case and accents in every script, the match marked in its passage), and the invitation
drafts offer mailto and copy.

Usage: python3 Tests/browser/test_views.py OUTPUT_DIR   (after `diglot build --output OUTPUT_DIR`)
With DIGLOT_JA_SITE, DIGLOT_AR_SITE, DIGLOT_SEARCH_SITES and DIGLOT_DOCFX_SITE (built test docsets;
see .ci/run) the Japanese, Arabic, hard-script, DocFX-container and code-snippet classes run too.
"""
import os
import sys
import unicodedata
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

OUTPUT = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "Output")
PAGE = "request-a-relationship-with-a-customer.html"


def url(*parts):
    return "file://" + os.path.join(OUTPUT, *parts)


class BrowserCase(unittest.TestCase):
    """One headless Chromium per test class."""

    @classmethod
    def setUpClass(cls):
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(flag)
        cls.driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()


class Views(BrowserCase):

    def source_of(self, unit):
        return unit.find_element(By.CSS_SELECTOR, ".tu-src")

    def test_hover_shows_the_english_source(self):
        self.driver.get(url("es-es", PAGE))
        unit = self.driver.find_element(By.CSS_SELECTOR, 'p .tu[data-tu="d9498-105"]')
        self.assertFalse(self.source_of(unit).is_displayed())
        ActionChains(self.driver).move_to_element(unit).perform()
        self.assertTrue(self.source_of(unit).is_displayed())
        self.assertTrue(self.source_of(unit).text.startswith("If you want to manage a customer's service"))
        self.assertEqual(self.source_of(unit).get_attribute("lang"), "en-US")

    def test_keyboard_focus_shows_the_english_source(self):
        self.driver.get(url("es-es", PAGE))
        unit = self.driver.find_element(By.CSS_SELECTOR, '.tu[data-tu="d9498-110"]')
        self.driver.execute_script("arguments[0].focus()", unit)
        self.assertTrue(self.source_of(unit).is_displayed())
        self.assertIn("You can request a reseller relationship", self.source_of(unit).text)

    def test_the_switch_turns_the_source_off(self):
        self.driver.get(url("es-es", PAGE))
        box = self.driver.find_element(By.ID, "show-source")
        self.assertTrue(box.is_displayed(), "script reveals the switch")
        box.click()
        unit = self.driver.find_element(By.CSS_SELECTOR, '.tu[data-tu="d9498-110"]')
        ActionChains(self.driver).move_to_element(unit).perform()
        self.assertFalse(self.source_of(unit).is_displayed())
        box.click()  # and back on, for the other tests (the choice is remembered)

    def test_views_link_to_each_other(self):
        self.driver.get(url("es-es", PAGE))
        self.driver.find_element(By.LINK_TEXT, "En paralelo").click()
        cells = self.driver.find_elements(By.CSS_SELECTOR, ".sxs-cell")
        self.assertGreater(len(cells), 20)
        self.assertEqual(cells[0].get_attribute("lang"), "es-ES")
        self.assertEqual(cells[1].get_attribute("lang"), "en-US")
        self.assertTrue(cells[0].is_displayed() and cells[1].is_displayed())
        self.assertLess(cells[0].location["x"], cells[1].location["x"], "two columns side by side")
        self.assertEqual(cells[0].location["y"], cells[1].location["y"], "aligned rows")
        self.driver.find_element(By.LINK_TEXT, "English").click()
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text,
                         "How to request a reseller relationship from a customer in Partner Center")

    def test_relative_link_leads_to_the_same_view(self):
        self.driver.get(url("en-us", PAGE))
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "Remove a relationship").click()
        self.assertTrue(self.driver.current_url.endswith("/en-us/remove-a-relationship.html"))

    def test_sidebar_marks_the_page(self):
        self.driver.get(url("es-es", PAGE))
        current = self.driver.find_element(By.CSS_SELECTOR, '.sidebar a[aria-current="page"]')
        self.assertTrue(current.is_displayed(), "the page's section is open")
        self.assertEqual(current.text, "Solicitar una relación de revendedor")
        self.assertTrue(current.get_attribute("href").endswith("/es-es/" + PAGE))

    def test_search_passage_of_korean_and_japanese(self):
        # Issue 10: a Korean search found its page but showed an empty passage: the folded text
        # (NFD, for accents) splits each Hangul syllable into jamo, so its offsets fell past the text.
        self.driver.get(url("es-es", PAGE))
        hits = self.driver.execute_script("""
            var ko = "사용자 계정을 추가하는 방법을 설명합니다. ".repeat(12), ja = "がぎぐげご ざじずぜぞ だぢづでど ばびぶべぼ。".repeat(12);
            DiglotSearch.receive([
              ["ko.html", "고객 관계", ko + "그런 다음 고객에게 재판매인 관계를 요청하세요."],
              ["ja.html", "請求", ja + "請求書は毎月発行されます。"],
              ["es.html", "Relación", "Cómo solicitar una relación de revendedor a un cliente."]]);
            return [DiglotSearch.find("재판매인"), DiglotSearch.find("発行"), DiglotSearch.find("relacion")];""")
        self.assertIn("재판매인", hits[0][0]["snippet"])
        self.assertIn("発行", hits[1][0]["snippet"])
        self.assertIn("relación", hits[2][0]["snippet"])
        # The match's place in the passage: what the result list marks.
        for hit, match in zip(hits, ["재판매인", "発行", "relación"]):
            start, end = hit[0]["mark"]
            self.assertEqual(hit[0]["snippet"][start:end], match)

    def test_search_folds_hard_scripts_and_marks_the_match(self):
        # Issue 10: case and accent folding that stays Unicode-correct, and a passage cut where a
        # character starts, with the match's place in it (`mark`, the <mark> of the result).
        self.driver.get(url("es-es", PAGE))
        found = self.driver.execute_script("""
            var thai = "ผู้ดูแลระบบสามารถเพิ่มผู้ใช้ใหม่และกำหนดบทบาทให้กับผู้ใช้แต่ละรายได้จากหน้าการตั้งค่าขององค์กร";
            DiglotSearch.receive([
              ["th.html", "ผู้ใช้", thai + "เมื่อต้องการเปลี่ยนสิทธิ์การเข้าถึงให้เลือกผู้ใช้"],
              ["ar.html", "الإعدادات", "افتح صفحة الإعـــدادات، ثم حدد المستخدمين. يُمكِنُك إضافة مستخدم جديد."],
              ["ar2.html", "مستخدم", "يمكنك إضافة مستخدم جديد."],
              ["tr.html", "Şube", "Merkez ofisimiz İstanbul'dadır; Diyarbakır şubesi ayrıdır."],
              ["de.html", "Adresse", "Unsere Adresse lautet Hauptstraße 5."],
              ["ch.html", "Adresse", "In der Schweiz schreibt man Strasse."],
              ["el.html", "Λόγος", "Ο ΛΟΓΟΣ ΚΑΙ Ο ΛΟΓΟΣ"]]);
            return ["สิทธิ์การเข้าถึง", "الاعدادات", "الإعـدادات", "يمكنك", "يُمكِنُك", "istanbul", "İSTANBUL", "diyarbakir",
                    "strasse", "STRASSE", "straße", "λόγος"].map(function (q) {
              return [q, DiglotSearch.find(q).map(function (h) {
                return [h.path, h.snippet, h.snippet.slice(h.mark[0], h.mark[1])]; })]; });""")
        hits = dict(found)
        marks = lambda q: [(h[0], h[2]) for h in hits[q]]
        # Thai writes no spaces: the word is found inside the run, the passage cut where a character
        # starts (60 characters before the match is a tone mark, U+0E49, over its consonant: the passage
        # began "…้ใช้" before).
        (path, snippet, mark), = hits["สิทธิ์การเข้าถึง"]
        self.assertEqual((path, mark), ("th.html", "สิทธิ์การเข้าถึง"))
        self.assertTrue(snippet.startswith("\u2026"), snippet)
        self.assertFalse(unicodedata.category(snippet[1]).startswith("M"), "the passage starts inside a character: " + snippet)
        # Arabic: tatweel, vowel marks and hamza on alef are folded away, either side of the search;
        # the highlight is the text as written.
        self.assertEqual(marks("الاعدادات"), [("ar.html", "الإعـــدادات")])
        self.assertEqual(marks("الإعـدادات"), [("ar.html", "الإعـــدادات")])
        self.assertEqual(sorted(marks("يمكنك")), [("ar.html", "يُمكِنُك"), ("ar2.html", "يمكنك")])
        self.assertEqual(sorted(marks("يُمكِنُك")), [("ar.html", "يُمكِنُك"), ("ar2.html", "يمكنك")])
        # Turkish: İ folds to i (not to i and a combining dot), dotless ı to i, whatever the page's language.
        self.assertEqual(marks("istanbul"), [("tr.html", "İstanbul")])
        self.assertEqual(marks("İSTANBUL"), [("tr.html", "İstanbul")])
        self.assertEqual(marks("diyarbakir"), [("tr.html", "Diyarbakır")])
        # German: full case folding, ß is ss, both ways; the highlight is the six letters of "straße".
        for query in ("strasse", "STRASSE", "straße"):
            self.assertEqual(sorted(marks(query)), [("ch.html", "Strasse"), ("de.html", "straße")], query)
        # Greek: final sigma folds as σ, accents go.
        self.assertEqual(marks("λόγος"), [("el.html", "ΛΟΓΟΣ")])

    def test_script_puts_the_whole_toc_in_the_sidebar(self):
        # The page carries its own section; the docset's toc.js (written once per view) replaces it
        # with the whole TOC, the page marked and only the sections above it open.
        self.driver.get(url("es-es", PAGE))
        nav = self.driver.find_element(By.CSS_SELECTOR, ".sidebar nav.toc.toc-full")
        hrefs = [a.get_attribute("href").rsplit("/", 1)[-1] for a in nav.find_elements(By.CSS_SELECTOR, "ul a")]
        self.assertEqual(hrefs, [PAGE, "remove-a-relationship.html", "customers-revoke-admin-privileges.html",
                                 "assign-support-contacts.html"])
        current = nav.find_element(By.CSS_SELECTOR, 'a[aria-current="page"]')
        self.assertTrue(current.is_displayed())
        closed = nav.find_element(By.CSS_SELECTOR, 'a[href$="assign-support-contacts.html"]')
        self.assertFalse(closed.is_displayed(), "a section the page is not in stays closed")
        nav.find_element(By.XPATH, './/summary[contains(., "Administración delegada")]').click()
        closed.click()
        self.assertTrue(self.driver.current_url.endswith("/es-es/assign-support-contacts.html"))
        # Without script: the sidebar's first link is the TOC page, which holds every entry.
        self.driver.find_element(By.CSS_SELECTOR, ".sidebar .toc-all a").click()
        self.assertTrue(self.driver.current_url.endswith("/es-es/toc.html"))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "article.content nav.toc a")), 4)

    def test_drafts_offer_mailto_and_copy(self):
        self.driver.get(url("es-es", PAGE))
        links = self.driver.find_elements(By.CSS_SELECTOR, ".draft a.draft-button")
        # The public cloud with and without DAP; germany and usgov (no invitationURL in the sample's
        # config) with DAP, marked as needing the link.
        self.assertEqual(len(links), 4)
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, ".draft .draft-needs-link")), 2)
        self.assertTrue(all(a.get_attribute("href").startswith("mailto:?subject=") for a in links))
        buttons = self.driver.find_elements(By.CSS_SELECTOR, ".copy-draft")
        self.assertTrue(buttons and all(b.is_displayed() for b in buttons))

    def search(self, query):
        box = self.driver.find_element(By.ID, "search-box")
        self.assertTrue(box.is_displayed(), "script reveals the search box")
        box.clear()
        box.send_keys(query)
        WebDriverWait(self.driver, 5).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results p"))
        return self.driver.find_elements(By.CSS_SELECTOR, "#search-results li a")

    def test_search_lists_the_page(self):
        self.driver.get(url("es-es", "remove-a-relationship.html"))
        hits = self.search("relación de revendedor")
        hrefs = [a.get_attribute("href") for a in hits]
        self.assertTrue(hrefs[0].endswith("/es-es/" + PAGE), hrefs)
        # Accents and case are folded; the side-by-side view links to its own pages.
        self.driver.get(url("sxs", "remove-a-relationship.html"))
        hrefs = [a.get_attribute("href") for a in self.search("RELACION DE REVENDEDOR")]
        self.assertIn(url("sxs", PAGE), hrefs)
        # The English view searches the English text; a word in no page lists nothing.
        self.driver.get(url("en-us", "remove-a-relationship.html"))
        hrefs = [a.get_attribute("href") for a in self.search("reseller relationship")]
        self.assertIn(url("en-us", PAGE), hrefs)
        self.assertEqual(self.search("zzzqqq"), [])
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#search-results p").text, "No page matches.")

    def test_search_counts_in_the_page_language(self):
        # Issue 10: "1 páginas coinciden". The count's plural category comes from CLDR's rules for the
        # page's language (the browser's Intl.PluralRules), the noun from the strings.
        summary = lambda: self.driver.find_element(By.CSS_SELECTOR, "#search-results p").text
        for view, query, expected in [("es-es", "autopilot", "1 página coincide"), ("es-es", "revendedor", "4 páginas coinciden"),
                                      ("en-us", "autopilot", "1 page matches"), ("en-us", "reseller", "4 pages match")]:
            self.driver.get(url(view, "remove-a-relationship.html"))
            self.search(query)
            self.assertEqual(summary(), expected)

    def test_search_from_the_start_page(self):
        self.driver.get(url("index.html"))
        hits = self.search("revendedor")
        self.assertIn(url("es-es", PAGE), [a.get_attribute("href") for a in hits])

    def test_search_finds_a_two_character_japanese_query(self):
        # Japanese has no spaces between words: the page's text is matched as a substring.
        self.driver.get(url("index.html"))
        found = self.driver.execute_script("""
            DiglotSearch.receive([["a.html", "顧客の招待", "パートナーセンターで顧客に再販業者関係を依頼します。"],
                                  ["b.html", "請求", "請求書を確認します。"]]);
            return DiglotSearch.find("関係").map(function (h) { return h.path; });""")
        self.assertEqual(found, ["a.html"])


JA_SITE = os.environ.get("DIGLOT_JA_SITE")


@unittest.skipUnless(JA_SITE, "DIGLOT_JA_SITE names no built Japanese site (.ci/run builds Tests/DiglotTests/Fixtures/ja-docset)")
class JapaneseSearch(BrowserCase):
    """The Japanese test docset, built: a two-character query finds its page though Japanese has no spaces."""

    def test_two_character_query(self):
        self.driver.get("file://" + os.path.join(os.path.abspath(JA_SITE), "ja-jp", "billing.html"))
        box = self.driver.find_element(By.ID, "search-box")
        box.send_keys("関係")
        WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results p"))
        hrefs = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#search-results li a")]
        self.assertEqual(hrefs, ["file://" + os.path.join(os.path.abspath(JA_SITE), "ja-jp", "index.html")])
        box.clear()
        box.send_keys("請求")
        WebDriverWait(self.driver, 5).until(lambda d: "billing.html" in d.find_element(By.ID, "search-results").get_attribute("innerHTML"))


SEARCH_SITES = os.environ.get("DIGLOT_SEARCH_SITES")


@unittest.skipUnless(SEARCH_SITES, "DIGLOT_SEARCH_SITES names no folder of built sites (.ci/run builds each folder of Tests/DiglotTests/Fixtures/search-scripts into it)")
class HardScriptSearch(BrowserCase):
    """Issue 10: the search box of a built site in Thai, Arabic, Turkish and German finds a word that is
    written otherwise on the page (no spaces, tatweel and vowel marks, dotted İ and dotless ı, ß) and
    shows the passage around it, the match in <mark>, cut where a character starts."""

    def search(self, locale, page, query):
        self.driver.get("file://" + os.path.join(os.path.abspath(SEARCH_SITES), locale, locale.lower(), page))
        self.driver.find_element(By.ID, "search-box").send_keys(query)
        WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        hits = self.driver.find_elements(By.CSS_SELECTOR, "#search-results li")
        self.assertEqual(len(hits), 1)
        self.assertTrue(hits[0].find_element(By.TAG_NAME, "a").get_attribute("href").endswith("/" + page))
        passage = hits[0].find_element(By.TAG_NAME, "p")
        text = passage.get_attribute("textContent")
        self.assertTrue(text.strip(" \u2026"), "an empty passage")
        self.assertFalse(unicodedata.category(text.lstrip("\u2026")[0]).startswith("M"), "the passage starts inside a character: " + text)
        return text, passage.find_element(By.TAG_NAME, "mark").get_attribute("textContent")

    def test_thai_finds_a_word_inside_a_run_without_spaces(self):
        text, mark = self.search("th-TH", "users.html", "สิทธิ์การเข้าถึง")
        self.assertEqual(mark, "สิทธิ์การเข้าถึง")
        self.assertTrue(text.startswith("\u2026"), "the passage is cut before the match: " + text)

    def test_arabic_finds_a_word_written_with_tatweel_or_vowel_marks(self):
        self.assertEqual(self.search("ar-SA", "users.html", "الاعدادات")[1], "الإعـــدادات")
        self.assertEqual(self.search("ar-SA", "users.html", "يمكنك")[1], "يُمكِنُك")

    def test_turkish_dotted_and_dotless_i(self):
        self.assertEqual(self.search("tr-TR", "branches.html", "istanbul")[1], "İstanbul")
        self.assertEqual(self.search("tr-TR", "branches.html", "DIYARBAKIR")[1], "Diyarbakır")

    def test_german_sharp_s_is_ss(self):
        self.assertEqual(self.search("de-DE", "addresses.html", "hauptstrasse")[1], "Hauptstraße")
        self.assertEqual(self.search("de-DE", "addresses.html", "schweiz schreibt man straße")[1], "Schweiz schreibt man Strasse")


DOCFX_SITE = os.environ.get("DIGLOT_DOCFX_SITE")


@unittest.skipUnless(DOCFX_SITE, "DIGLOT_DOCFX_SITE names no built site of Tests/DiglotTests/Fixtures/docfx")
class DocFXContainers(BrowserCase):
    """Issue 11: tab groups work as the WAI-ARIA tab pattern (click, arrow keys, groups with the same
    ids switch together, dependent tabs follow their condition, the choice kept in ?tabs=), the
    version picker shows one version's blocks, and without script every panel and version shows."""

    def open(self, view="es-es", query="", script=True):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not script})
        self.driver.get("file://" + os.path.join(os.path.abspath(DOCFX_SITE), view, "containers.html") + query)

    def tearDown(self):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

    def shown_panels(self):
        return [p.get_attribute("data-tab") for p in self.driver.find_elements(By.CSS_SELECTOR, ".tab-panel") if p.is_displayed()]

    def test_one_panel_per_group_and_clicking_a_tab_switches_it(self):
        self.open()
        self.assertEqual(self.shown_panels(), ["netcore-cli", "linux", "dotnet"])
        tab = self.driver.find_element(By.CSS_SELECTOR, "[role=tab][data-tab=visual-studio]")
        self.assertTrue(tab.is_displayed())
        self.assertEqual(tab.text, "Visual Studio")
        tab.click()
        self.assertEqual(tab.get_attribute("aria-selected"), "true")
        self.assertEqual(self.shown_panels(), ["visual-studio", "linux", "dotnet"])
        self.assertIn("tabs=visual-studio", self.driver.current_url)
        # The labels shown without script are hidden once the tabs work.
        self.assertFalse(any(t.is_displayed() for t in self.driver.find_elements(By.CSS_SELECTOR, ".tab-title")))

    def test_dependent_tabs_follow_the_chosen_platform_and_arrow_keys_move(self):
        self.open()
        dotnet = [p for p in self.driver.find_elements(By.CSS_SELECTOR, ".tab-panel[data-tab=dotnet]") if p.is_displayed()]
        self.assertEqual([p.get_attribute("data-condition") for p in dotnet], ["linux"])
        linux = self.driver.find_element(By.CSS_SELECTOR, "[role=tab][data-tab=linux]")
        linux.click()
        ActionChains(self.driver).send_keys("\ue014").perform()  # ArrowRight
        windows = self.driver.find_element(By.CSS_SELECTOR, "[role=tab][data-tab=windows]")
        self.assertEqual(self.driver.switch_to.active_element, windows)
        self.assertEqual(windows.get_attribute("aria-selected"), "true")
        dotnet = [p for p in self.driver.find_elements(By.CSS_SELECTOR, ".tab-panel[data-tab=dotnet]") if p.is_displayed()]
        self.assertEqual([p.get_attribute("data-condition") for p in dotnet], ["windows"])
        # The choice is in the address: opened with it, the page shows the same tabs.
        self.open(query="?tabs=windows,visual-studio")
        self.assertEqual(self.shown_panels(), ["visual-studio", "windows", "dotnet"])

    def test_same_tabs_switch_together_in_both_columns(self):
        self.open("sxs")
        self.driver.find_elements(By.CSS_SELECTOR, "[role=tab][data-tab=visual-studio]")[1].click()
        self.assertEqual(self.shown_panels(), ["visual-studio", "visual-studio", "linux", "linux", "dotnet", "dotnet"])

    def test_the_version_picker_shows_one_version(self):
        self.open()
        def shown():
            return [m.get_attribute("data-moniker-range") for m in self.driver.find_elements(By.CSS_SELECTOR, ".moniker") if m.is_displayed()]
        picker = self.driver.find_element(By.CSS_SELECTOR, ".version-picker select")
        self.assertTrue(picker.is_displayed())
        self.assertEqual(shown(), [">= aspnetcore-3.0"])
        self.driver.execute_script("arguments[0].value = 'aspnetcore-2.1'; arguments[0].dispatchEvent(new Event('change'))", picker)
        self.assertEqual(shown(), ["< aspnetcore-3.0", "= aspnetcore-2.1"])
        self.assertIn("view=aspnetcore-2.1", self.driver.current_url)

    def test_the_pivot_picker_shows_the_zones_of_the_chosen_pivot(self):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        self.driver.get("file://" + os.path.join(os.path.abspath(DOCFX_SITE), "es-es", "pivots.html"))
        def shown():
            return [z.get_attribute("data-pivot") for z in self.driver.find_elements(By.CSS_SELECTOR, ".zone") if z.is_displayed()]
        picker = self.driver.find_element(By.CSS_SELECTOR, ".pivot-picker select")
        self.assertTrue(picker.is_displayed())
        self.assertEqual(shown(), ["csharp", "python csharp"])
        self.driver.execute_script("arguments[0].value = 'python'; arguments[0].dispatchEvent(new Event('change'))", picker)
        self.assertEqual(shown(), ["python csharp", "python"])
        self.assertIn("pivots=python", self.driver.current_url)

    def test_without_script_every_panel_and_version_shows_labelled(self):
        self.open(script=False)
        self.assertEqual(len(self.shown_panels()), 6)
        self.assertTrue(all(t.is_displayed() for t in self.driver.find_elements(By.CSS_SELECTOR, ".tab-title")))
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, ".tab-list").is_displayed())
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, ".version-picker").is_displayed())
        self.assertEqual(len([m for m in self.driver.find_elements(By.CSS_SELECTOR, ".moniker-label") if m.is_displayed()]), 3)


AR_SITE = os.environ.get("DIGLOT_AR_SITE")
SCREENSHOTS = os.environ.get("DIGLOT_SCREENSHOTS")


@unittest.skipUnless(DOCFX_SITE, "DIGLOT_DOCFX_SITE names no built site of Tests/DiglotTests/Fixtures/docfx")
class CodeSnippets(BrowserCase):
    """Issue 11, item 2: code is coloured by highlight.js (Debian's libjs-highlight.js, copied into the
    site) and a snippet's highlighted lines stay marked, whole lines, after colouring; without script
    the code is plain and the lines are marked all the same."""

    def open(self, view="es-es", script=True):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not script})
        self.driver.get("file://" + os.path.join(os.path.abspath(DOCFX_SITE), view, "snippets.html"))

    def tearDown(self):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

    def marked(self):
        code = self.driver.find_element(By.CSS_SELECTOR, "pre code[data-highlight]")
        return [m.get_attribute("textContent") for m in code.find_elements(By.CSS_SELECTOR, "mark.line")]

    def test_code_is_coloured_and_the_highlighted_lines_stay_marked(self):
        if not os.path.exists(os.path.join(DOCFX_SITE, "assets", "highlight", "highlight.min.js")):
            self.skipTest("the site has no highlight.js (libjs-highlight.js is not installed)")
        for view in ("es-es", "sxs", "en-us"):
            self.open(view)
            WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "pre code.hljs"))
            self.assertGreater(len(self.driver.find_elements(By.CSS_SELECTOR, "pre code.hljs .hljs-keyword")), 0, view)
            self.assertEqual(self.marked(), ["{\n", '    Console.WriteLine("Adiós");\n', "}\n"], view)
            self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "pre code.lang-sql.hljs") != [], True, view)

    def test_without_script_the_code_is_plain_and_marked(self):
        self.open(script=False)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "pre code.hljs"), [])
        self.assertEqual(self.marked(), ["{\n", '    Console.WriteLine("Adiós");\n', "}\n"])
        note = self.driver.find_element(By.CSS_SELECTOR, ".code-missing")
        self.assertTrue(note.is_displayed())
        self.assertIn("snippets/Missing.cs", note.text)


@unittest.skipUnless(AR_SITE, "DIGLOT_AR_SITE names no built Arabic site (.ci/run builds Tests/DiglotTests/Fixtures/ar-docset)")
class RightToLeft(BrowserCase):
    """Issue 10: the Arabic test docset, built, reads right to left: the page's direction, the sidebar
    on the right, the English parts left to right, the translation's column on the reading side; and
    the interface in Arabic. Screenshots of each view go to DIGLOT_SCREENSHOTS (CI keeps them)."""

    def open(self, *parts):
        self.driver.get("file://" + os.path.join(os.path.abspath(AR_SITE), *parts))
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, "ar-" + "-".join(parts).replace("/", "-") + ".png"))

    def direction(self, css):
        return self.driver.execute_script(
            "return getComputedStyle(document.querySelector(arguments[0])).direction", css)

    def left(self, css):
        return self.driver.execute_script(
            "return document.querySelector(arguments[0]).getBoundingClientRect().left", css)

    def test_the_arabic_page_is_right_to_left_with_the_sidebar_on_the_right(self):
        self.open("ar-sa", "a.html")
        self.assertEqual(self.direction("html"), "rtl")
        self.assertEqual(self.direction("main"), "rtl")
        self.assertGreater(self.left(".sidebar"), self.left("main"), "the sidebar stands on the right")
        # The English of a sentence, shown on hover, is left to right.
        self.assertEqual(self.direction(".tu-src"), "ltr")
        # The interface is Arabic: the alert's title, the search box, the view switch.
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, ".alert-title").text, "ملاحظة")
        self.assertEqual(self.driver.find_element(By.ID, "search-box").get_attribute("placeholder"),
                         "البحث في هذه الصفحات")
        switch = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, ".view-switch li")]
        self.assertEqual(switch, ["العربية", "جنبًا إلى جنب", "English"])
        # The pager's arrow points the way Arabic reads: the next page is to the left.
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").text, "إعداد Dynamics 365 ←")

    def test_the_english_page_is_left_to_right_with_the_sidebar_on_the_left(self):
        self.open("en-us", "a.html")
        self.assertEqual(self.direction("html"), "ltr")
        self.assertLess(self.left(".sidebar"), self.left("main"), "the sidebar stands on the left")
        # The script's TOC: a section with no English keeps its Arabic name, marked Arabic and right to left.
        WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "nav.toc.toc-full"))
        section = self.driver.find_element(By.CSS_SELECTOR, "nav.toc summary span")
        self.assertEqual((section.text, section.get_attribute("lang"), section.get_attribute("dir")), ("البدء", "ar-SA", "rtl"))
        self.assertEqual(self.direction("nav.toc summary span"), "rtl")

    def test_side_by_side_puts_the_translation_on_the_reading_side(self):
        self.open("sxs", "a.html")
        self.assertEqual(self.direction(".sxs-cell[lang='en-US']"), "ltr")
        self.assertGreater(self.left(".sxs-cell[lang='ar-SA']"), self.left(".sxs-cell[lang='en-US']"),
                           "Arabic reads from the right: its column is on the right")

    def test_the_search_count_is_arabic(self):
        self.open("ar-sa", "a.html")
        self.driver.find_element(By.ID, "search-box").send_keys("إعداد")
        WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results p"))
        summary = self.driver.find_element(By.CSS_SELECTOR, "#search-results p").text
        # Two pages: Arabic's dual, with the count in Arabic-Indic digits as Intl.NumberFormat writes it.
        self.assertEqual(summary, "٢ صفحتان مطابقتان")


if __name__ == "__main__":
    unittest.main(verbosity=2)
