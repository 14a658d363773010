#!/usr/bin/env python3
"""Writes COUNT random TTML documents into DIR, each beside what ttconv puts on screen when.

Usage: ttml_corpus.py DIR COUNT [SEED]

doc-N.ttml is the document; doc-N.json is ttconv's reading of it as [[seconds, [words...]], ...]:
from each time on, until the next, the words on screen (paragraph by paragraph, split on white
space). The documents exercise TTML's timing model as partners' files use it: begin/end/dur on
body, div, p and span; par and seq time containers; clock times with frames and sub-frames and
offset times in h, m, s, ms, f and t under the document's ttp: rates; words timed on spans;
tts:display="none" set directly or through a style; line breaks; Vietnamese, Korean, Japanese
and Chinese text. Documents whose last state is not empty (something on screen for ever) are
drawn again: they have no cue end to compare.
"""

import json
import random
import sys
import xml.etree.ElementTree as et
from fractions import Fraction
from pathlib import Path

from ttconv import model
from ttconv.imsc import reader
from ttconv.isd import ISD

WORDS = ("Đồng Nai", "Biên Hòa", "Cát Tiên", "sầu riêng", "Long Khánh", "xin chào", "동나이", "관광",
         "ドンナイ", "観光", "同奈", "旅游", "OCOP", "Nhơn Trạch", "cảng", "Long Thành")


class Doc:
    def __init__(self, rng):
        self.rng = rng
        self.frame_rate = rng.choice([None, 25, 30, 24])
        self.multiplier = rng.random() < 0.3 and self.frame_rate in (30, 24)
        # ttconv reads no sub-frames ("00:00:01:12.1"): the unit tests cover them.
        self.sub_frame_rate = None
        self.tick_rate = rng.choice([None, 10_000_000, 1000]) if self.frame_rate is None else rng.choice([None, 90_000])

    def effective_frame_rate(self):
        rate = Fraction(self.frame_rate or 30)
        return rate * Fraction(1000, 1001) if self.multiplier else rate

    def time(self, seconds):
        """A time expression near `seconds` (snapped to what the form can say)."""
        rng = self.rng
        forms = ["clock", "s", "ms"]
        if self.frame_rate:
            forms += ["frames", "f"]
        if self.tick_rate:
            forms.append("t")
        form = rng.choice(forms)
        if form == "s":
            return f"{seconds:.3f}".rstrip("0").rstrip(".") + "s" if seconds else "0s"
        if form == "ms":
            return f"{round(seconds * 1000)}ms"
        if form == "t":
            return f"{round(seconds * self.tick_rate)}t"
        if form == "f":
            return f"{round(seconds * self.effective_frame_rate())}f"
        whole = int(seconds)
        h, m, s = whole // 3600, whole // 60 % 60, whole % 60
        if form == "frames":
            frames = min(int((seconds - whole) * self.frame_rate), self.frame_rate - 1)
            sub = f".{rng.randrange(self.sub_frame_rate)}" if self.sub_frame_rate else ""
            return f"{h:02}:{m:02}:{s:02}:{frames:02}{sub}"
        return f"{h:02}:{m:02}:{s:02}.{round((seconds - whole) * 1000):03}"

    def timing(self, begin=True, end=True, dur=True, p_begin=0.6, finite=False):
        """begin, end, dur at random; `finite` asks for an end or a dur (a seq container's
        children need one, or those after them never start and ttconv stops reading)."""
        rng, attrs = self.rng, {}
        if begin and rng.random() < p_begin:
            attrs["begin"] = self.time(round(rng.uniform(0, 4), 2))
        choice = rng.random()
        if end and choice < 0.45:
            attrs["end"] = self.time(round(float(self.parse(attrs.get("begin", "0s"))) + rng.uniform(0.3, 4), 2))
        elif dur and choice < 0.8:
            attrs["dur"] = self.time(round(rng.uniform(0.3, 4), 2))
        if "end" in attrs and "dur" in attrs:
            del attrs["end"]
        if end and dur and rng.random() < 0.05:
            attrs["end"], attrs["dur"] = self.time(rng.uniform(1, 5)), self.time(rng.uniform(1, 5))
        if finite and "end" not in attrs and "dur" not in attrs:
            attrs["dur"] = self.time(round(rng.uniform(0.3, 4), 2))
        return attrs

    def parse(self, expression):
        # Only the seconds forms are read back here: good enough to put an end after a begin.
        if expression.endswith("ms"):
            return Fraction(expression[:-2]) / 1000
        if expression.endswith("s") and ":" not in expression:
            return Fraction(expression[:-1])
        return Fraction(0)

    def words(self):
        return " ".join(self.rng.sample(WORDS, self.rng.randint(1, 3)))

    def span(self, depth=0):
        rng = self.rng
        attrs = {}
        kind = rng.random()
        if kind < 0.35:
            attrs.update(self.timing(end=rng.random() < 0.5, dur=rng.random() < 0.5, p_begin=0.9))
        if rng.random() < 0.12:
            if rng.random() < 0.5:
                attrs["tts:display"] = "none"
            else:
                attrs["style"] = "hidden"
        if rng.random() < 0.1:
            attrs["tts:fontStyle"] = "italic"
        inner = self.words()
        if depth == 0 and rng.random() < 0.15:
            inner += " " + self.span(depth + 1)
        return f"<span{self.attributes(attrs)}>{inner}</span>"

    def paragraph(self, in_seq):
        rng = self.rng
        attrs = self.timing(begin=not in_seq or rng.random() < 0.3, finite=in_seq)
        seq = rng.random() < 0.12
        if seq:
            attrs["timeContainer"] = "seq"
            # In a seq paragraph only timed spans are shown, one after another.
            spans = [f"<span dur=\"{self.time(round(rng.uniform(0.3, 1.5), 2))}\">{self.words()}</span>"
                     for _ in range(rng.randint(2, 4))]
            return f"<p{self.attributes(attrs)}>{''.join(spans)}</p>"
        parts = []
        for _ in range(rng.randint(1, 4)):
            choice = rng.random()
            if choice < 0.4:
                parts.append(self.words())
            elif choice < 0.85:
                parts.append(self.span())
            else:
                parts.append("<br/>")
        if rng.random() < 0.08:
            attrs["style"] = "hidden"
        return f"<p{self.attributes(attrs)}>{' '.join(parts)}</p>"

    def division(self, in_seq, depth=0):
        rng = self.rng
        attrs = {}
        # A div with a begin and no end or dur of its own is kept rare: ttconv gives it no time
        # (its implicit end mixes time frames), where TTML gives it its children's.
        timing = self.timing(p_begin=0.3, finite=in_seq)
        if "begin" not in timing or "end" in timing or "dur" in timing or rng.random() < 0.15:
            attrs.update(timing)
        seq = rng.random() < 0.3
        if seq:
            attrs["timeContainer"] = "seq"
        if rng.random() < 0.04:
            attrs["tts:display"] = "none"
        children = []
        for _ in range(rng.randint(1, 4)):
            if depth == 0 and rng.random() < 0.15:
                children.append(self.division(seq, depth + 1))
            else:
                children.append(self.paragraph(seq))
        return f"<div{self.attributes(attrs)}>\n{chr(10).join(children)}\n</div>"

    @staticmethod
    def attributes(attrs):
        return "".join(f' {k}="{v}"' for k, v in attrs.items())

    def text(self):
        rng = self.rng
        tt = {}
        if self.frame_rate:
            tt["ttp:frameRate"] = self.frame_rate
        if self.multiplier:
            tt["ttp:frameRateMultiplier"] = "1000 1001"
        if self.sub_frame_rate:
            tt["ttp:subFrameRate"] = self.sub_frame_rate
        if self.tick_rate:
            tt["ttp:tickRate"] = self.tick_rate
        body = {}
        seq = rng.random() < 0.25
        if seq:
            body["timeContainer"] = "seq"
        if rng.random() < 0.2:
            body.update(self.timing(end=False))
        divs = "\n".join(self.division(seq) for _ in range(rng.randint(1, 3)))
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" \
xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="vi"{self.attributes(tt)}>
<head><styling><style xml:id="hidden" tts:display="none"/></styling></head>
<body{self.attributes(body)}>
{divs}
</body>
</tt>
"""


def on_screen(path):
    """ttconv's reading: [[seconds, words], ...], words paragraph by paragraph."""
    doc = reader.to_model(et.parse(path))
    timeline = []
    for t, isd in ISD.generate_isd_sequence(doc):
        words = []
        for region in isd.iter_regions():
            for p in paragraphs(region):
                words += "".join(texts(p, [])).split()
        timeline.append([float(t), words])
    return timeline


def paragraphs(element):
    if isinstance(element, model.P):
        yield element
        return
    for child in element:
        yield from paragraphs(child)


def texts(element, out):
    if isinstance(element, model.Text):
        out.append(element.get_text())
    elif isinstance(element, model.Br):
        out.append(" ")
    for child in element:
        texts(child, out)
    return out


def main():
    folder, count = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    while written < count:
        path = folder / f"doc-{written}.ttml"
        path.write_text(Doc(rng).text(), encoding="utf-8")
        timeline = on_screen(path)
        if timeline and timeline[-1][1]:
            continue
        (folder / f"doc-{written}.json").write_text(json.dumps(timeline, ensure_ascii=False), encoding="utf-8")
        written += 1


if __name__ == "__main__":
    main()
