#!/usr/bin/env python3
"""Live preview in a real browser: `diglot serve` on a free port, a page open in headless Chromium,
its source edited; the open page reloads itself and shows the edit.

Usage: python3 Tests/browser/test_serve.py PATH/TO/diglot   (after `swift build -c release`)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.wait import WebDriverWait

DIGLOT = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else ".build/release/diglot")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class LiveReload(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.content = os.path.join(self.work, "docset")
        shutil.copytree(os.path.join(ROOT, "Tests/DiglotTests/Fixtures/docset"), self.content)
        self.server = subprocess.Popen(
            [DIGLOT, "serve", "--content", self.content, "--templates", os.path.join(ROOT, "Templates"),
             "--output", os.path.join(self.work, "site"), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = ""
        deadline = time.time() + 30
        while "Serving " not in line and time.time() < deadline:
            line = self.server.stdout.readline()
        self.base = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))

    def tearDown(self):
        self.driver.quit()
        self.server.terminate()
        self.server.wait()
        shutil.rmtree(self.work, ignore_errors=True)

    def test_the_open_page_reloads_after_an_edit(self):
        self.driver.get(self.base + "es-es/guide/start.html")
        self.assertIn("Esta página muestra", self.driver.find_element(By.TAG_NAME, "main").text)
        marker = self.driver.execute_script("window.diglotMarker = 1; return window.diglotMarker;")
        self.assertEqual(marker, 1)
        time.sleep(1)  # the page has asked for the site's version once
        source = os.path.join(self.content, "guide/start.md")
        with open(source, encoding="utf-8") as f:
            text = f.read()
        with open(source, "w", encoding="utf-8") as f:
            f.write(text.replace("Esta página muestra", "Esta página enseña"))
        edited = time.time()
        # The reload can replace the element between finding it and reading it: that is a retry.
        WebDriverWait(self.driver, 5, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: "Esta página enseña" in d.find_element(By.TAG_NAME, "main").text)
        elapsed = time.time() - edited
        # It was a reload (the script's variable is gone), within 2 seconds of the edit.
        self.assertIsNone(self.driver.execute_script("return window.diglotMarker;"))
        self.assertLess(elapsed, 2.0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
