#!/usr/bin/env python3
"""Reads .eml files with Python's email package, the reference parser, and prints what the Swift
tests assert on, as JSON: defects under policy.default and policy.strict, the decoded subject, the
parts in order with their content, every https link of each part, and raw checks that the email
package does not make (CRLF line ends, line lengths, 8-bit bytes in headers)."""
import email
import email.policy
import json
import sys
from html.parser import HTMLParser


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href"]


def check(path):
    data = open(path, "rb").read()
    result = {"path": path}
    try:
        strict = email.message_from_bytes(data, policy=email.policy.strict)
        for part in strict.walk():
            part.get_content() if not part.is_multipart() else None
        result["strict"] = "ok"
    except Exception as error:  # policy.strict raises on the first defect
        result["strict"] = "%s: %s" % (type(error).__name__, error)
    message = email.message_from_bytes(data, policy=email.policy.default)
    defects = [str(d) for d in message.defects]
    parts = []
    for part in message.iter_parts():
        defects += [str(d) for d in part.defects]
        content = part.get_content()
        entry = {"type": part.get_content_type(), "charset": part.get_content_charset(),
                 "encoding": part["Content-Transfer-Encoding"], "content": content}
        if part.get_content_type() == "text/html":
            parser = Links()
            parser.feed(content)
            entry["links"] = [h for h in parser.hrefs if h.startswith("https://")]
        else:
            entry["links"] = [l.strip() for l in content.splitlines() if l.strip().startswith("https://")]
        parts.append(entry)
    header_end = data.find(b"\r\n\r\n")
    lines = data.split(b"\r\n")
    result.update({
        "defects": defects,
        "subject": str(message["subject"]),
        "headers": {k: str(v) for k, v in message.items()},
        "multipart": message.get_content_type(),
        "parts": parts,
        "bareLF": b"\n" in data.replace(b"\r\n", b""),
        "longestLine": max(len(l) for l in lines),
        "headers8bit": any(b > 127 for b in data[:header_end]),
    })
    return result


print(json.dumps([check(p) for p in sys.argv[1:]], ensure_ascii=False))
