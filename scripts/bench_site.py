"""Delegation kit benchmark, beside its peer in the same run: one reportage of 30 photos
(4000×3000) and 2 films (1080p25, subtitled) in Korean, English and Vietnamese, built into the
delegation's offline site by `kit build` (renditions at 3000 and 1280 px, films for the web,
WebVTT per language, texts, ninjs, site, bag), against the same renditions made by
vipsthumbnail and the same films encoded by the ffmpeg CLI (x264 High medium CRF 20, AAC), the
bulk of the work. Then the site's first page in headless Chromium from file://: its first
contentful paint, with every page of the site loaded and checked (tests/oracles/site_check.mjs).
Prints BENCHMARKS.md rows. Usage: bench_site.py MEDIADESK [FILM_SECONDS]"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time

MEDIADESK = os.path.abspath(sys.argv[1])
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WORK = os.path.join(ROOT, "target", "bench", "site")
LIBRARY = os.path.join(WORK, "library")
LANGS = {"vi": ("Sân bay Long Thành", "Công trường sân bay"), "ko": ("롱탄 공항", "롱탄 공항 건설 현장"),
         "en": ("Long Thanh airport", "Long Thanh airport site")}
SPOKEN = {"vi": "Sân bay mới sẽ đón hành khách\ntrong vài năm tới", "ko": "새 공항은 몇 년 안에\n승객에게 문을 연다",
          "en": "The new airport will welcome\nits first passengers in a few years"}


def md(*args, check=True):
    out = subprocess.run([MEDIADESK, "--library", LIBRARY, *args], capture_output=True, text=True)
    if check and out.returncode != 0:
        sys.exit(f"mediadesk {args}: {out.stderr}")
    return json.loads(out.stdout) if "--json" in args else out.stdout


def media():
    folder = os.path.join(WORK, "in")
    if os.path.isdir(folder):
        return folder
    os.makedirs(folder)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=4000x3000:rate=1", "-frames:v", "30",
                    "-q:v", "3", os.path.join(folder, "photo-%02d.jpg")], check=True)
    for n in (1, 2):
        subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25", "-f", "lavfi",
                        "-i", f"sine=frequency={300 * n}:sample_rate=48000", "-t", str(SECONDS), "-c:v", "libx264",
                        "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
                        os.path.join(folder, f"film-{n}.mp4")], check=True)
    return folder


def library(folder):
    if os.path.isdir(LIBRARY):
        shutil.rmtree(LIBRARY)
    md("ingest", "--classification", "public", "--json", folder)
    items = [a["id"] for a in md("list", "--json", "--limit", "100")]
    r = "r:%s" % md("reportage", "new", LANGS["vi"][0], "--json")["id"]
    for lang, (headline, _) in LANGS.items():
        body = os.path.join(WORK, f"{lang}.md")
        with open(body, "w", encoding="utf-8") as f:
            f.write(f"{headline}.\n\n" * 12)
        md("reportage", "set", r, "--lang", lang, "--headline", headline, "--standfirst", headline, "--body-file",
           body, "--json")
    md("reportage", "set", r, "--classification", "public", "--reason", "bench", "--theme", "4", "--json")
    for item in items:
        args = ["edit", str(item), "--credit", "Báo Đồng Nai", "--creator", "Trần Văn Minh", "--territories",
                "worldwide"]
        for lang, (headline, caption) in LANGS.items():
            args += ["--headline", f"{lang}={headline}", "--caption", f"{lang}={caption} {item}"]
        md(*args)
    films = [a["id"] for a in md("list", "--json", "--limit", "100") if a.get("kind") == "video"]
    for film in films:
        for lang, caption in SPOKEN.items():
            srt = os.path.join(WORK, f"{film}.{lang}.srt")
            with open(srt, "w", encoding="utf-8") as f:
                f.write("".join(f"{i + 1}\n00:{i * 4 // 60:02}:{i * 4 % 60:02},000 --> "
                                f"00:{i * 4 // 60:02}:{i * 4 % 60 + 3:02},500\n{caption}\n\n" for i in range(SECONDS // 4)))
            md("subs", "import", str(film), srt, "--lang", lang, "--json")
    for lang in ("ko", "en"):
        for item in items:
            for part in ("caption", "headline") + (("subtitles",) if item in films else ()):
                md("tr", "set", str(item), part, lang, "approved", "--json")
        for part in ("headline", "standfirst", "body"):
            md("tr", "set", r, part, lang, "approved", "--json")
    md("reportage", "add", r, *map(str, items), "--json")
    md("contacts", "add", "Nguyễn Thị Lan", "--organisation", "Báo Đồng Nai", "--email", "lan@baodongnai.vn",
       "--json")
    return r


def timed(command):
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    return time.monotonic() - started


def peer(folder, out):
    os.makedirs(out, exist_ok=True)
    started = time.monotonic()
    photos = sorted(f for f in os.listdir(folder) if f.endswith(".jpg"))
    for size in (3000, 1280):
        # vipsthumbnail runs one process per batch on both cores, as the kit build does.
        subprocess.run(["vipsthumbnail", "--size", str(size), "-o", os.path.join(out, f"%s-{size}.jpg[Q=90]"),
                        *[os.path.join(folder, p) for p in photos]], check=True)
    for n in (1, 2):
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", os.path.join(folder, f"film-{n}.mp4"), "-vf",
                        "scale=1920:1080:flags=lanczos,format=yuv420p", "-c:v", "libx264", "-profile:v", "high",
                        "-preset", "medium", "-crf", "20", "-c:a", "aac", "-b:a", "160k", "-ac", "2",
                        os.path.join(out, f"film-{n}.mp4")], check=True)
    return time.monotonic() - started


def main():
    folder = media()
    r = library(folder)
    kit = str(md("kit", "new", "--profile", "delegation", "--recipient", "Đoàn phóng viên Hàn Quốc", "--country",
                 "KR", "--lang", "ko", "--lang", "en", r, "--json")["id"])
    ours, theirs = [], []
    bag = None
    for i in range(3):
        out = os.path.join(WORK, f"out-{i}")
        shutil.rmtree(out, ignore_errors=True)
        started = time.monotonic()
        built = md("kit", "build", kit, "-o", out, "--json")
        ours.append(time.monotonic() - started)
        bag = built["path"]
        theirs.append(peer(folder, os.path.join(WORK, f"peer-{i}")))
        # Each round records a delivery; the next builds the same version into a new folder.
    check = subprocess.run(["node", os.path.join(ROOT, "tests", "oracles", "site_check.mjs"), os.path.join(bag, "data")],
                           capture_output=True, text=True, check=True)
    report = json.loads(check.stdout)
    a, b = statistics.median(ours), statistics.median(theirs)
    rounds = ", ".join(f"{x:.1f}/{y:.1f}" for x, y in zip(ours, theirs))
    print(f"| delegation kit: 1 reportage, 30 photos 4000×3000, 2 films {SECONDS} s 1080p25, ko + en + vi | "
          f"`kit build` (renditions 3000 and 1280, films for the web, WebVTT ×3, texts, ninjs, a site of "
          f"{report['pages']} pages, bag) {a:.1f} s | vipsthumbnail (3000, 1280) + ffmpeg CLI (1080p x264 High medium "
          f"CRF 20) on the same media {b:.1f} s | {a / b:.2f}× its time (rounds {rounds} s) |")
    paint = report["first_paint_ms"]
    print(f"| the site's first page from file:// in headless Chromium | first contentful paint {paint:.0f} ms "
          f"({report['pages']} pages loaded, {len(report['problems'])} problems) | < 1 s: "
          f"{'met' if paint < 1000 else 'not met'} |")


if __name__ == "__main__":
    main()
