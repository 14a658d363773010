#!/usr/bin/env python3
"""End-to-end, an import cancelled midway: the panel reports it cancelled, the library holds
exactly what was finished (each with its thumbnail; the grid and the CLI agree), and
importing again brings in the rest."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

from webdriver import Driver, cli_json, wait_for

PHOTOS = 240


def make_card(folder):
    """Distinct photos fast: one picture, each copy with its own bytes after the JPEG's end."""
    base = os.path.join(folder, "base.jpg")
    subprocess.run(["convert", "-size", "2400x1600", "plasma:", "-quality", "92", base], check=True)
    for i in range(PHOTOS):
        target = os.path.join(folder, f"DSC_{i:04d}.JPG")
        shutil.copyfile(base, target)
        with open(target, "ab") as f:
            f.write(f"mediadesk-e2e {i}".encode())
    os.remove(base)


def thumbnailed(library, asset):
    h = asset["content_hash"]
    return glob.glob(os.path.join(library, "thumbs", h[:2], h[2:4], f"{h}-*.jpg"))


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-cancel-")
    card, library = os.path.join(work, "DCIM"), os.path.join(work, "library")
    os.makedirs(card)
    make_card(card)
    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"))
    driver = Driver(env, "tauri-driver-cancel.log")
    try:
        with driver.session() as w:
            w.script("window.mediadesk.importPaths([arguments[0]])", card)
            progress = "const p = window.mediadesk.importing.progress; return p && p.stage === 'reading' ? p.done : 0"
            wait_for("the import to be reading", lambda: (w.script(progress) or 0) >= 20, 60)
            w.shot("import-progress.png")
            w.click(".panel .cancel")
            summary = wait_for("the cancelled report", lambda: w.text(".panel .summary"), 60)
            report = w.script("return window.mediadesk.importing.report")
            assert report["cancelled"], report
            assert 0 < report["added"] < PHOTOS, f"cancelled midway: {report}"
            w.shot("import-cancelled.png")
            kept = cli_json(library, "list")
            assert len(kept) == report["added"], f"the library holds what the report says: {len(kept)} vs {report}"
            missing = [a["filename"] for a in kept if not thumbnailed(library, a)]
            assert not missing, f"catalogued without thumbnails: {missing}"
            w.click(".panel .close")
            wait_for("the grid to count what is kept", lambda: w.text(".count").startswith(f"{len(kept)} / {len(kept)}"))

            # Importing again goes on from where it stopped.
            w.run_async("window.mediadesk.importPaths([arguments[0]]).then(() => done(true))", card)
            report = w.script("return window.mediadesk.importing.report")
            assert not report["cancelled"] and report["added"] == PHOTOS - len(kept), report
            assert report["unchanged"] == len(kept), report
            assert len(cli_json(library, "list")) == PHOTOS
    finally:
        driver.stop()
    print(f"e2e cancel: {len(kept)} of {PHOTOS} kept with thumbnails when cancelled ({summary!r}); the rerun added the rest")


if __name__ == "__main__":
    sys.exit(main())
