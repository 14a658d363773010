"""Reads a kit's site page by page with Python's html.parser, an independent reader: every
text passage's language (the nearest `lang` attribute) must match the script it is written in
(Hangul is Korean, kana Japanese, letters only Vietnamese writes are Vietnamese), and the
JSON-LD must parse. Prints JSON: {"pages": N, "problems": [...], "jsonld": {page: [objects]}}."""
import json
import os
import re
import sys
from html.parser import HTMLParser

HANGUL = re.compile("[\uac00-\ud7a3]")
KANA = re.compile("[\u3040-\u30ff]")
VIETNAMESE = re.compile("[ơưăđĩũƠƯĂĐĨŨ\u1ea0-\u1ef9]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.texts = []
        self.jsonld = []
        self.in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self.stack[-1][1] if self.stack else None)
        if tag == "script":
            self.in_ld = attrs.get("type") == "application/ld+json"
        if tag == "img" and attrs.get("alt"):
            self.texts.append((lang, attrs["alt"]))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "script":
            self.in_ld = False

    def handle_data(self, data):
        if self.in_ld:
            self.jsonld.append(json.loads(data))
        elif data.strip() and self.stack:
            self.texts.append((self.stack[-1][1], data.strip()))


def check(root):
    problems, lds, count = [], {}, 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            page = Page()
            page.feed(open(path, encoding="utf-8").read())
            count += 1
            lds[rel] = page.jsonld
            for lang, text in page.texts:
                base = (lang or "").split("-")[0]
                if HANGUL.search(text) and base != "ko":
                    problems.append({"page": rel, "text": text, "lang": lang, "expected": "ko"})
                elif KANA.search(text) and base != "ja":
                    problems.append({"page": rel, "text": text, "lang": lang, "expected": "ja"})
                elif VIETNAMESE.search(text) and base != "vi" and not re.fullmatch(r"[^a-zA-Z]*Đồng Nai[^a-zA-Z]*", text):
                    # Vietnamese names inside another language's sentence are fine; a whole
                    # passage in Vietnamese letters under another lang is not.
                    words = text.split()
                    marked = sum(1 for w in words if VIETNAMESE.search(w))
                    if marked * 5 >= len(words) * 2:
                        problems.append({"page": rel, "text": text, "lang": lang, "expected": "vi"})
    return {"pages": count, "problems": problems, "jsonld": lds}


if __name__ == "__main__":
    print(json.dumps(check(sys.argv[1]), ensure_ascii=False))
