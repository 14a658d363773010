#!/usr/bin/env python3
"""End-to-end, a working day: import a generated folder (one file broken), see every
thumbnail, find the "Đồng Nai" photo by typing "dong nai", open it from the keyboard, write
its caption, rate it, undo and redo, play the clip, switch to English; restart the app and
find the edits kept. The CLI on the same library is the oracle."""
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from webdriver import BACKSPACE, CLI, CONTROL, ENTER, ESCAPE, TAB, Driver, cli_json, wait_for

PHOTOS = [
    ("cau.jpg", "Cầu Đồng Nai lúc bình minh", "640x480", "plasma:orange-blue"),
    ("cho.jpg", "Chợ Biên Hòa", "640x480", "plasma:green-yellow"),
    ("buoi.jpg", "Vườn bưởi Tân Triều", "480x640", "plasma:green-green"),
]
CAPTION = "Cầu Đồng Nai nối Biên Hòa với Thành phố Hồ Chí Minh"


def make_folder(folder):
    for name, headline, size, spec in PHOTOS:
        path = os.path.join(folder, name)
        subprocess.run(["convert", "-size", size, spec, path], check=True)
        subprocess.run(["exiftool", "-q", "-overwrite_original", "-codedcharacterset=utf8",
                        f"-IPTC:Headline={headline}", path], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=4:size=640x360:rate=25",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", os.path.join(folder, "clip.mp4")], check=True)
    # ProRes: the webview cannot play it, so it needs a proxy.
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=duration=2:size=320x240:rate=25",
                    "-c:v", "prores_ks", "-profile:v", "1", os.path.join(folder, "interview.mov")], check=True)
    with open(os.path.join(folder, "broken.jpg"), "wb") as f:
        f.write(b"\xff\xd8\xff\xe0 not really a photo")


def shown(library, reference):
    return cli_json(library, "show", reference)


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    folder, library = os.path.join(work, "the card"), os.path.join(work, "library")
    os.makedirs(folder)
    make_folder(folder)
    cau = os.path.join(folder, "cau.jpg")
    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"))
    driver = Driver(env, "tauri-driver-editing.log")
    try:
        with driver.session() as w:
            # The folder chooser is modal under Xvfb: the test hands the path over as it would.
            w.run_async("window.mediadesk.importPaths([arguments[0]]).then(() => done(true))", folder)
            summary = wait_for("the import report", lambda: w.text(".panel .summary"))
            assert "5" in summary, summary
            failures = w.texts(".panel .failures li")
            assert len(failures) == 1 and "broken.jpg" in failures[0], failures
            w.shot("import-report.png")
            w.click(".panel .close")
            wait_for("every imported item in the grid", lambda: w.count(".tile") == 5)
            wait_for("every thumbnail drawn", lambda: w.all_drawn(".tile img"))

            w.type_into("input[type=search]", "dong nai")
            wait_for("one match", lambda: w.texts(".tile .caption .name") == [PHOTOS[0][1]])
            # From the keyboard: leave the search box, go to the first item, open it.
            w.keys(ESCAPE, "\ue014", ENTER)
            wait_for("the asset view", lambda: w.count("textarea[name=caption-vi]") == 1)
            wait_for("the preview drawn", lambda: w.all_drawn("img.preview"))
            w.type_into("textarea[name=caption-vi]", CAPTION)
            w.keys(TAB)
            wait_for("the caption saved", lambda: shown(library, cau)["captions"].get("vi") == CAPTION)
            wait_for("the panel to say so", lambda: w.count(".saved") == 1)
            w.keys(ESCAPE, "4")
            wait_for("four stars", lambda: shown(library, cau)["rating"] == 4)
            w.chord(CONTROL, "z")
            wait_for("the rating undone", lambda: shown(library, cau)["rating"] == 0)
            assert shown(library, cau)["captions"].get("vi") == CAPTION, "undo takes back one change"
            w.chord(CONTROL, "y")
            wait_for("the rating redone", lambda: shown(library, cau)["rating"] == 4)
            wait_for("the stars shown", lambda: w.count(".star.on") == 4)
            w.shot("asset-view.png")

            # Raising a classification is immediate; lowering it waits for a confirmation.
            choose = "const s = document.querySelector('#classification'); s.value = arguments[0];" \
                     "s.dispatchEvent(new Event('change', { bubbles: true }))"
            w.script(choose, "secret")
            wait_for("secret", lambda: shown(library, cau)["classification"] == "secret")
            wait_for("the view stamped", lambda: w.text(".bar .mark") is not None)
            w.script(choose, "public")
            wait_for("the confirmation asked", lambda: w.count(".lowering") == 1)
            w.shot("declassify.png")
            assert shown(library, cau)["classification"] == "secret", "not lowered before it is confirmed"
            assert w.script("return document.querySelector('.lowering .confirm-lower').disabled"), "a reason first"
            w.type_into(".lowering .lower-reason", "giải mật sau sự kiện")
            w.click(".lowering .confirm-lower")
            wait_for("public", lambda: shown(library, cau)["classification"] == "public")
            with sqlite3.connect(os.path.join(library, "catalog.sqlite")) as db:
                audit = [json.loads(d) for (d,) in db.execute(
                    "SELECT detail FROM audit_log WHERE action = 'classification' ORDER BY id")]
            assert [(a["from"], a["to"]) for a in audit][-2:] == [("internal", "secret"), ("secret", "public")], audit
            assert audit[-1]["reason"] == "giải mật sau sự kiện", audit
            assert cli_json(library, "audit", "verify")["ok"], "the chain holds"

            # The clip plays through the media protocol, with its filmstrip.
            w.keys(ESCAPE)
            w.type_into("input[type=search]", "clip")
            wait_for("the clip", lambda: w.texts(".tile .caption .name") == ["clip.mp4"])
            w.keys(ESCAPE, "\ue014", " ")
            wait_for("the player", lambda: w.count("video") == 1)
            wait_for("the filmstrip drawn", lambda: w.all_drawn(".strip img"))
            ready = "const v = document.querySelector('video'); return v && v.readyState >= 1 && v.duration > 3.5"
            wait_for("the film's length known to the player", lambda: w.script(ready))
            w.shot("film-view.png")

            # A film the webview cannot play whose proxy is gone: made from the view, then played.
            shutil.rmtree(os.path.join(library, "proxies"))
            w.keys(ESCAPE)
            w.type_into("input[type=search]", "interview")
            wait_for("the ProRes film", lambda: w.texts(".tile .caption .name") == ["interview.mov"])
            w.keys(ESCAPE, "\ue014", ENTER)
            wait_for("the offer to make a preview", lambda: w.count("button.make-proxy") == 1)
            w.click("button.make-proxy")
            ready = "const v = document.querySelector('video'); return v && v.readyState >= 1 && v.duration > 1.5"
            wait_for("the proxy playing", lambda: w.script(ready), 120)
            assert glob.glob(os.path.join(library, "proxies", "*", "*", "*-720p.mp4")), "the proxy is in the library"
            w.keys(ESCAPE, "?")
            wait_for("the help panel", lambda: w.count("kbd") > 10)
            w.shot("help.png")
            w.keys(ESCAPE)

            w.script("const s = document.querySelector('select.language'); s.value = 'en';"
                     "s.dispatchEvent(new Event('change', { bubbles: true }))")
            wait_for("English", lambda: w.text("button.import") == "Import…")
            w.chord(CONTROL, "f")
            w.keys(BACKSPACE)
            wait_for("all five", lambda: w.count(".tile") == 5)
            w.click("button.filters")
            w.shot("library-english.png")

        subprocess.run([CLI, "--library", library, "edit", os.path.join(folder, "cho.jpg"), "--classification", "secret"],
                       check=True, capture_output=True)

        # Restart: the edits are in the catalog, the language is remembered.
        with driver.session() as w:
            wait_for("the grid", lambda: w.count(".tile") == 5)
            assert w.text("button.import") == "Import…", "English is remembered"
            wait_for("the secret photo marked", lambda: w.texts(".tile .mark") == ["Secret (Tối mật)"])
            w.type_into("input[type=search]", "dong nai")
            wait_for("one match", lambda: w.count(".tile") == 1)
            w.keys(ESCAPE, "\ue014", ENTER)
            wait_for("the caption kept", lambda: w.script(
                "const t = document.querySelector('textarea[name=caption-vi]'); return t && t.value") == CAPTION)
            assert w.count(".star.on") == 4
    finally:
        driver.stop()
    print("e2e editing: import with a failure reported, search, keyboard, caption kept over a restart, undo/redo, film, English")


if __name__ == "__main__":
    sys.exit(main())
