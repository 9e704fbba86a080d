#!/usr/bin/env python3
"""Reads every invitation draft of built sites with Python's email package, the reference parser,
and checks what the parser does not (TOOLING.md, "Email"): issue 10 asks for drafts in every locale
that has the page and the strings, each parsing clean.

Usage:
  python3 Tests/mail/test_drafts.py [--diglot BIN [--into DIR] [--templates DIR]] [FOLDER ...]

FOLDER is a site built by `diglot build` (its `mail/CLOUD/LOCALE/DAP/invitation.{eml,txt,html}` and
the pages that offer them as `mailto:` links) or a folder of drafts written by `diglot mail --output`
(each draft's locale is then its Content-Language). With --diglot, each locale's folder of
Tests/DiglotTests/Fixtures/mail-locales, with the fixture's invitations.yml beside its page (its usgov
entry without the invitationURL, so that each locale has drafts with the link placeholder), is built
first, as a user builds a localized docs repository: `BIN build --content … --output DIR/LOCALE`
(DIR is a temporary folder unless --into names one, which CI then hands to the Nu checker), with
the project's Templates unless --templates names others.

For every .eml: policy.strict parses it and every part without a defect; Subject (and From and To
when present) decode; the text/plain and text/html bodies exist and decode as UTF-8; Content-Language
is the draft's locale (RFC 3282); CRLF line ends with no bare LF or CR, no line over 998 octets
(RFC 5322 §2.1.1) nor a header line over 78, no 8-bit byte in the headers (RFC 5322 §2.2), encoded
words of at most 75 characters that each decode alone (RFC 2047 §2, §5), base64 that decodes with
validate=True, quoted-printable lines of at most 76 characters (RFC 2045 §6.7). The HTML part's
<html> carries the locale's lang, and dir="rtl" for a right-to-left locale (dir="ltr" or none
otherwise); its title is the subject. The .txt and .html files are the two parts. A non-English
draft whose locale has its own strings file differs from the site's en-US draft of the same cloud, and
a locale with a script of its own writes its subject in it; the note of Microsoft Cloud Germany
(closed 2021-10-29) gives the year 2021, in the Gregorian calendar the site's dates use. Each draft's mailto: link on its page
parses (urllib.parse), every value percent-encoded UTF-8 (RFC 6068), with the .eml's subject and the
.txt draft as its body (CRLF line breaks, RFC 6068 §5); the page's copy of the text is the .txt.

A cloud with no invitation URL gets drafts with the marked placeholder INVITATION_LINK where the link
goes (issue 14): no draft's link is the placeholder as a URL. Every <a href> of an HTML part, every
link line of a text part and every link of a mailto: body is an https URL without the placeholder; a
draft that carries the placeholder carries it in both parts and in its mailto: body, as bracketed
text with nothing a mail client links (a scheme, www., an address, a dotted name), has no <a> at
all in its HTML part, and its page marks it as needing the link.

Prints each defect, then one line, `mail drafts: N drafts in M locales parsed (P with the link
placeholder), L mailto: links, K defects`;
exit status 1 on a defect.
"""
import base64
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
from html.parser import HTMLParser

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "DiglotTests", "Fixtures", "mail-locales")
STRINGS = os.path.join(ROOT, "Templates", "email", "strings")
# Languages written right to left (CLDR's character order, as Diglot's LanguageTag.isRightToLeft).
RTL = {"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}
# Locales whose language has a script of its own: the subject must hold letters of it (Unicode
# character names start with the script's name).
SCRIPTS = {"ar": ("ARABIC",), "he": ("HEBREW",), "ja": ("HIRAGANA", "KATAKANA", "CJK"), "ko": ("HANGUL",),
           "zh": ("CJK",), "ru": ("CYRILLIC",), "uk": ("CYRILLIC",), "el": ("GREEK",), "th": ("THAI",)}
# What RFC 6068 lets stand unencoded in a mailto: URL Diglot writes: RFC 3986's unreserved
# characters, the delimiters of the URL's parts, and percent-escapes.
MAILTO = re.compile(r"^mailto:(?:[A-Za-z0-9._~!$'*+-]|%[0-9A-F]{2})*(?:@[A-Za-z0-9.-]+)?"
                    r"\?(?:[a-z]+=(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})*)(?:&[a-z]+=(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})*)*$")
ENCODED_WORD = re.compile(rb"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")
PLACEHOLDER = "INVITATION_LINK"  # InvitationRequest.placeholderLink
# What mail clients (Outlook, Gmail, Thunderbird) make a link of in plain text: a scheme with //, a
# known scheme, www., an address, a dotted host name.
AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|\b(?:mailto|tel|sip|file|ftp|news):|\bwww\.|\S@\S|[^\W_]\.[^\W_]", re.I)
MAILTO_LIMIT = 1800  # MIMEEncoding.mailtoLimit


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, what):
        self.items.append("%s: %s" % (where, what))


def language(locale):
    return locale.split("-")[0].lower()


def digits(text):
    """Every decimal digit as ASCII (Arabic-Indic, Thai… digits too), for finding a year."""
    return "".join(str(unicodedata.digit(c)) if unicodedata.digit(c, None) is not None else c for c in text)


class Tags(HTMLParser):
    """The <html> element's attributes, the <title>, and every draft article of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html = None
        self.title = None
        self.drafts = []
        self.hrefs = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.hrefs.append(attrs.get("href"))
        if tag == "html" and self.html is None:
            self.html = attrs
        elif tag == "title":
            self._in, self.title = "title", ""
        elif tag == "article" and "draft" in (attrs.get("class") or "").split():
            self.drafts.append({"mailto": None, "files": [], "text": None, "note": False, "needsLink": False})
        elif self.drafts and tag == "a":
            href = attrs.get("href") or ""
            if "draft-button" in (attrs.get("class") or "").split():
                self.drafts[-1]["mailto"] = href
            elif href.endswith((".eml", ".txt", ".html")):
                self.drafts[-1]["files"].append(href)
        elif self.drafts and tag == "pre":
            self._in, self.drafts[-1]["text"] = "pre", ""
        elif self.drafts and tag == "p" and "draft-note" in (attrs.get("class") or "").split():
            self.drafts[-1]["note"] = True
        elif self.drafts and tag == "p" and "draft-needs-link" in (attrs.get("class") or "").split():
            self.drafts[-1]["needsLink"] = True

    def handle_endtag(self, tag):
        if tag in ("title", "pre"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "pre":
            self.drafts[-1]["text"] += data


def read_tags(text):
    parser = Tags()
    parser.feed(text)
    parser.close()
    return parser


def check_raw(data, where, problems):
    """What the parser does not check: line ends, line lengths, 8-bit headers, encoded words."""
    if b"\n" in data.replace(b"\r\n", b""):
        problems.add(where, "a bare LF (the message uses CRLF)")
    if b"\r" in data.replace(b"\r\n", b""):
        problems.add(where, "a bare CR")
    head, _, body = data.partition(b"\r\n\r\n")
    for number, line in enumerate(data.split(b"\r\n"), 1):
        if len(line) > 998:
            problems.add(where, "line %d is %d octets long (RFC 5322 allows 998)" % (number, len(line)))
    for line in head.split(b"\r\n"):
        if len(line) > 78:
            problems.add(where, "header line of %d characters (RFC 5322 asks for 78 at most): %r" % (len(line), line[:40]))
    if any(b > 127 for b in head):
        problems.add(where, "raw 8-bit bytes in the headers")
    for match in ENCODED_WORD.finditer(head):
        word, charset, kind, text = match.group(0), match.group(1), match.group(2).upper(), match.group(3)
        if len(word) > 75:
            problems.add(where, "an encoded word of %d characters (RFC 2047 allows 75)" % len(word))
        if charset.lower() != b"utf-8":
            problems.add(where, "an encoded word in %s" % charset.decode("ascii", "replace"))
        try:
            raw = base64.b64decode(text, validate=True) if kind == b"B" else text.replace(b"_", b" ")
            raw.decode("utf-8")  # strict: each word holds whole characters (RFC 2047 §5)
        except Exception as error:
            problems.add(where, "encoded word %r does not decode alone: %s" % (word, error))
    return head, body


def check_part(part, where, problems):
    """A leaf part: no defect, UTF-8, its transfer encoding well formed; returns its text."""
    for defect in part.defects:
        problems.add(where, "part %s: defect %s" % (part.get_content_type(), defect))
    encoding = (part["Content-Transfer-Encoding"] or "7bit").lower()
    payload = part.get_payload(decode=False)
    if encoding == "base64":
        try:
            base64.b64decode("".join(payload.split()), validate=True)
        except Exception as error:
            problems.add(where, "part %s: base64 does not decode: %s" % (part.get_content_type(), error))
    elif encoding == "quoted-printable":
        for line in payload.split("\n"):
            line = line.rstrip("\r")
            if len(line) > 76:
                problems.add(where, "part %s: a quoted-printable line of %d characters (RFC 2045 allows 76)" % (part.get_content_type(), len(line)))
            if re.search(r"=(?![0-9A-F]{2}|$)", line) or any(ord(c) > 126 for c in line):
                problems.add(where, "part %s: a malformed quoted-printable line %r" % (part.get_content_type(), line[:40]))
    if (part.get_content_charset() or "").lower() != "utf-8":
        problems.add(where, "part %s: charset %s, not utf-8" % (part.get_content_type(), part.get_content_charset()))
    try:
        return part.get_payload(decode=True).decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(where, "part %s is not UTF-8: %s" % (part.get_content_type(), error))
        return ""


def check_eml(path, locale, problems):
    """Parses one draft; returns what the later checks compare, or None."""
    where = os.path.relpath(path)
    data = open(path, "rb").read()
    check_raw(data, where, problems)
    try:
        strict = email.message_from_bytes(data, policy=email.policy.strict)
        for part in strict.walk():
            if not part.is_multipart():
                part.get_content()
    except Exception as error:  # policy.strict raises on the first defect
        problems.add(where, "policy.strict: %s: %s" % (type(error).__name__, error))
        return None
    message = email.message_from_bytes(data, policy=email.policy.default)
    for defect in message.defects:
        problems.add(where, "defect %s" % defect)
    for name, value in message.items():
        for defect in getattr(value, "defects", ()):
            problems.add(where, "header %s: defect %s" % (name, defect))
    subject = str(message["Subject"] or "")
    if not subject.strip():
        problems.add(where, "no Subject")
    for name in ("From", "To"):
        if message[name] is not None:
            addresses = message[name].addresses
            if not addresses or not all(a.addr_spec and "@" in a.addr_spec for a in addresses):
                problems.add(where, "%s does not decode to addresses: %r" % (name, str(message[name])))
    if message["MIME-Version"] != "1.0":
        problems.add(where, "MIME-Version is %r" % message["MIME-Version"])
    if message.get_content_type() != "multipart/alternative":
        problems.add(where, "the message is %s, not multipart/alternative" % message.get_content_type())
    declared = message["Content-Language"]
    if locale is None:
        locale = str(declared or "")
    if declared is None:
        problems.add(where, "no Content-Language (RFC 3282)")
    elif str(declared).lower() != locale.lower():
        problems.add(where, "Content-Language is %s, the draft is %s" % (declared, locale))
    parts = [p for p in message.walk() if not p.is_multipart()]
    types = [p.get_content_type() for p in parts]
    if types != ["text/plain", "text/html"]:
        problems.add(where, "parts %s (plain text first, HTML last)" % types)
    texts = {p.get_content_type(): check_part(p, where, problems) for p in parts}
    plain, html = texts.get("text/plain", ""), texts.get("text/html", "")
    for kind, body in (("text/plain", message.get_body(("plain",))), ("text/html", message.get_body(("html",)))):
        if body is None or not body.get_content().strip():
            problems.add(where, "no %s body" % kind)
    tags = read_tags(html)
    attributes = tags.html or {}
    if (attributes.get("lang") or "").lower() != locale.lower():
        problems.add(where, "<html lang=%r>, the draft is %s" % (attributes.get("lang"), locale))
    direction = attributes.get("dir")
    if language(locale) in RTL and direction != "rtl":
        problems.add(where, "a right-to-left draft whose <html> has dir=%r" % direction)
    if language(locale) not in RTL and direction not in (None, "ltr"):
        problems.add(where, "a left-to-right draft whose <html> has dir=%r" % direction)
    if " ".join((tags.title or "").split()) != subject:
        problems.add(where, "the HTML title %r is not the subject %r" % (tags.title, subject))
    placeholder = check_links(plain, html, tags, where, problems)
    # The .txt and .html files beside the .eml are its two parts (MIME writes CRLF, the files LF).
    stem = path[: -len(".eml")]
    for suffix, content in ((".txt", plain), (".html", html)):
        if os.path.exists(stem + suffix):
            if open(stem + suffix, encoding="utf-8").read() != content.replace("\r\n", "\n"):
                problems.add(where, "%s is not the message's %s part" % (os.path.basename(stem + suffix), suffix[1:]))
    return {"path": path, "locale": locale, "subject": subject, "text": plain.replace("\r\n", "\n"), "placeholder": placeholder, "eml": True}


def check_unsendable(path, locale, problems):
    """A draft with the link placeholder has no .eml (it would be ready to send, and `diglot mail`
    refuses one, DG405): its .txt and .html, read as its two parts; returns what the later checks compare."""
    where = os.path.relpath(path)
    plain = open(path, encoding="utf-8").read()
    html = open(path[: -len(".txt")] + ".html", encoding="utf-8").read()
    tags = read_tags(html)
    if not check_links(plain, html, tags, where, problems):
        problems.add(where, "a draft with no .eml that does not carry the link placeholder")
    if ((tags.html or {}).get("lang") or "").lower() != locale.lower():
        problems.add(where, "<html lang=%r>, the draft is %s" % ((tags.html or {}).get("lang"), locale))
    return {"path": path, "locale": locale, "subject": " ".join((tags.title or "").split()), "text": plain, "placeholder": True, "eml": False}


def text_links(text):
    """What a mail client opens as a link in a plain text: every URL with a scheme and //, or www."""
    return re.findall(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.)\S+", text)


def check_placeholder_text(text, where, problems):
    """The placeholder's line in a text: bracketed, nothing in it that a mail client links."""
    for line in text.splitlines():
        if PLACEHOLDER in line:
            line = line.strip()
            # Bracketed; the token first, or after a word of a right-to-left language (a plain-text line
            # takes its direction from its first letter).
            if not (line.startswith("[") and line.endswith("]") and line.index(PLACEHOLDER) < 20):
                problems.add(where, "the placeholder is not marked as [%s …]: %r" % (PLACEHOLDER, line[:80]))
            for found in AUTOLINK.finditer(line):
                problems.add(where, "the placeholder holds %r, which a mail client would make a link of" % found.group(0))


def check_links(plain, html, tags, where, problems):
    """No draft's link is the placeholder as a URL; a draft with the placeholder has it in both parts,
    marked, and no link at all. Returns whether the draft carries the placeholder."""
    links = text_links(plain)
    for href in tags.hrefs:
        if not (href or "").startswith("https://") or PLACEHOLDER in href:
            problems.add(where, "an HTML link that is not an https invitation URL: %r" % (href or "")[:80])
    for link in links:
        if not link.startswith("https://") or PLACEHOLDER in link:
            problems.add(where, "a text link that is not an https invitation URL: %r" % link[:80])
    placeholder = PLACEHOLDER in plain
    if placeholder != (PLACEHOLDER in html):
        problems.add(where, "the placeholder is in one part only")
    if placeholder:
        check_placeholder_text(plain, where, problems)
        if tags.hrefs or links:
            problems.add(where, "a draft with the placeholder has a link: %r" % (tags.hrefs + links)[:2])
    elif len(links) != 1 or set(tags.hrefs) != set(links):
        problems.add(where, "the text part's link %r is not the HTML part's %r" % (links, sorted(set(tags.hrefs))))
    return placeholder


def drafts_of(folder):
    """(path, locale, key) of every draft below folder (its .eml, or its .txt when it has none); key is (site, cloud, dap) for a site's drafts."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            # A draft is its .eml, or, with the link placeholder, its .txt alone (no .eml beside it).
            if not (name.endswith(".eml") or (name == "invitation.txt" and "invitation.eml" not in files)):
                continue
            path = os.path.join(top, name)
            parts = os.path.relpath(path, folder).split(os.sep)
            if name.endswith(".txt") and not (len(parts) >= 5 and parts[-5] == "mail"):
                continue
            if len(parts) >= 5 and parts[-5] == "mail":
                site = os.path.join(folder, *parts[:-5])
                found.append((path, parts[-3], (site, parts[-4], parts[-2])))
            else:
                found.append((path, None, None))
    return found


def check_language(drafts, problems):
    """A draft in a language with its own strings file reads in that language, not in English."""
    own = {name[: -len(".yml")].lower() for name in os.listdir(STRINGS) if name.endswith(".yml")}
    english = {d["key"]: d for d in drafts if d["key"] and d["locale"].lower() == "en-us"}
    for draft in drafts:
        locale = draft["locale"].lower()
        if language(locale) == "en" or locale not in own:
            continue
        where = os.path.relpath(draft["path"])
        base = english.get(draft["key"])
        if draft["key"] and base is None:
            problems.add(where, "no en-US draft of the same cloud beside it")
        if base and (draft["subject"] == base["subject"] or draft["text"] == base["text"]):
            problems.add(where, "the draft is the en-US draft's text")
        letters = SCRIPTS.get(language(locale))
        if letters and not any(unicodedata.name(c, "").startswith(letters) for c in draft["subject"]):
            problems.add(where, "the subject %r holds no %s letter" % (draft["subject"], "/".join(letters).lower()))
        # Microsoft Cloud Germany closed on 2021-10-29 (invitations.yml): its note gives the year, in
        # the Gregorian calendar as every date of the site (not 1443 AH in Arabic, not 2564 BE in Thai).
        if draft["key"] and draft["key"][1] == "germany" and "2021" not in digits(draft["text"]):
            problems.add(where, "the retired cloud's note does not give the year 2021: %r" % draft["text"][:200])


def check_mailtos(folder, drafts, problems):
    """Each draft of a site is offered on its page: a mailto: URL with the .eml's subject and the .txt
    as its body, and the text to copy. Returns how many links were read."""
    by_txt = {os.path.realpath(d["path"][: -len(".eml")] + ".txt" if d["eml"] else d["path"]): d for d in drafts}
    offered = set()
    count = 0
    for top, dirs, files in os.walk(folder):
        for name in files:
            if not name.endswith(".html"):
                continue
            page = os.path.join(top, name)
            text = open(page, encoding="utf-8").read()
            if 'class="draft"' not in text:
                continue
            for article in read_tags(text).drafts:
                count += 1
                where = "%s: %s" % (os.path.relpath(page), (article["mailto"] or "")[:60])
                txt = next((f for f in article["files"] if f.endswith(".txt")), None)
                draft = by_txt.get(os.path.realpath(os.path.join(top, txt))) if txt else None
                if draft is None:
                    problems.add(where, "the article names no draft of the site (%s)" % txt)
                    continue
                offered.add(draft["path"])
                expected = open(os.path.join(top, txt), encoding="utf-8").read()
                if article["text"] != expected:
                    problems.add(where, "the text to copy is not %s" % txt)
                if not draft["eml"]:
                    # No mailto: button and no .eml for a draft with the placeholder: only what is edited.
                    if article["mailto"] is not None or any(f.endswith(".eml") for f in article["files"]):
                        problems.add(where, "a draft with the link placeholder offered ready to send (mailto: or .eml)")
                    if not article["needsLink"]:
                        problems.add(where, "the page does not mark this draft as needing the link")
                    continue
                url = article["mailto"] or ""
                if not MAILTO.match(url):
                    problems.add(where, "a value not percent-encoded as RFC 6068 asks")
                parts = urllib.parse.urlsplit(url)
                if parts.scheme != "mailto":
                    problems.add(where, "not a mailto: URL")
                    continue
                fields = {}
                for pair in parts.query.split("&"):
                    key, _, value = pair.partition("=")
                    try:
                        fields[key] = urllib.parse.unquote_to_bytes(value).decode("utf-8")
                    except UnicodeDecodeError as error:
                        problems.add(where, "%s is not percent-encoded UTF-8: %s" % (key, error))
                if fields.get("subject") != draft["subject"]:
                    problems.add(where, "subject %r, the .eml's is %r" % (fields.get("subject"), draft["subject"]))
                body = fields.get("body", "")
                if "\n" in body.replace("\r\n", ""):
                    problems.add(where, "a line break in the body that is not %0D%0A (RFC 6068 §5)")
                if body.replace("\r\n", "\n") != expected:
                    problems.add(where, "the body is not %s" % txt)
                for link in text_links(body):
                    if not link.startswith("https://") or PLACEHOLDER in link:
                        problems.add(where, "a link in the mailto: body that is not an https invitation URL: %r" % link[:80])
                if draft["placeholder"]:
                    check_placeholder_text(body, where, problems)
                if article["needsLink"] != draft["placeholder"]:
                    problems.add(where, "the page %s this draft as needing the link" % ("does not mark" if draft["placeholder"] else "marks"))
                if (len(url) > MAILTO_LIMIT) != article["note"]:
                    problems.add(where, "a URL of %d characters %s the note that it may be cut" % (len(url), "without" if article["note"] is False else "with"))
    for draft in drafts:
        if draft["key"] and draft["path"] not in offered:
            problems.add(os.path.relpath(draft["path"]), "no page offers this draft")
    return count


def build_fixture(diglot, into, templates):
    """Builds each locale of the mail-locales fixture as its own site; returns the sites' folder.
    The fixture's usgov entry loses its invitationURL, so that every locale's site has drafts with the
    link placeholder (and the build's one DG404 warning for it)."""
    sites = into or tempfile.mkdtemp(prefix="diglot-mail-")
    text = open(os.path.join(FIXTURE, "invitations.yml"), encoding="utf-8").read()
    without = re.sub(r"(  - id: usgov\n(?:    .*\n)*?)    invitationURL: .*\n", r"\1", text)
    if without == text:
        sys.exit("mail-locales/invitations.yml: no invitationURL of usgov to leave out")
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "invitations.yml")
        open(config, "w", encoding="utf-8").write(without)
        for locale in sorted(os.listdir(FIXTURE)):
            page = os.path.join(FIXTURE, locale)
            if not os.path.isdir(page):
                continue
            content = os.path.join(scratch, locale)
            shutil.copytree(page, content)
            shutil.copy(config, content)
            run = subprocess.run([diglot, "build", "--quiet", "--content", content, "--templates", templates, "--output", os.path.join(sites, locale)],
                                 capture_output=True, text=True)
            warnings = [line for line in run.stderr.splitlines() if line.strip()]
            expected = ["cloud usgov has no invitationURL" in line and "[DG404 invitation-url-missing]" in line for line in warnings]
            if run.returncode != 0 or expected != [True]:
                sys.exit("diglot build of mail-locales/%s: status %d\n%s" % (locale, run.returncode, run.stderr))
    return sites


def main(arguments):
    diglot = into = None
    templates = os.path.join(ROOT, "Templates")
    folders = []
    while arguments:
        argument = arguments.pop(0)
        if argument == "--diglot":
            diglot = arguments.pop(0)
        elif argument == "--into":
            into = arguments.pop(0)
        elif argument == "--templates":
            templates = arguments.pop(0)
        else:
            folders.append(argument)
    if diglot:
        folders.insert(0, build_fixture(diglot, into, templates))
    if not folders:
        sys.exit(__doc__)
    problems = Problems()
    drafts = []
    links = 0
    for folder in folders:
        site_drafts = []
        for path, locale, key in drafts_of(folder):
            read = check_eml(path, locale, problems) if path.endswith(".eml") else check_unsendable(path, locale, problems)
            if read:
                read["key"] = key
                site_drafts.append(read)
        links += check_mailtos(folder, site_drafts, problems)
        drafts += site_drafts
    if not drafts:
        problems.add(" ".join(folders), "no draft")
    check_language(drafts, problems)
    for item in problems.items:
        print(item)
    locales = {d["locale"].lower() for d in drafts}
    print("mail drafts: %d drafts in %d locales parsed (%d with the link placeholder), %d mailto: links, %d defects"
          % (len(drafts), len(locales), sum(1 for d in drafts if d["placeholder"]), links, len(problems.items)))
    return 1 if problems.items else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
