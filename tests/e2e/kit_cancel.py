#!/usr/bin/env python3
"""End-to-end, a kit build cancelled in the real window: the progress shows, Cancel stops it
with nothing under the kit's name, and building again takes up the photos already made. The
CLI on the same library is the oracle; a screenshot in target/e2e."""
import os
import subprocess
import tempfile

from webdriver import CLI, Driver, cli_json, wait_for

COUNT = 32


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    folder, library = os.path.join(work, "photos"), os.path.join(work, "library")
    os.makedirs(folder)
    base = os.path.join(work, "base.png")
    subprocess.run(["convert", "-size", "2400x1600", "plasma:fractal", "-seed", "5", base], check=True)
    for i in range(COUNT):
        subprocess.run(["convert", base, "-fill", "red", "-draw", f"point {i},{i}", os.path.join(folder, f"p{i:02}.jpg")],
                       check=True)
    subprocess.run([CLI, "--library", library, "ingest", "--classification", "public", folder], check=True,
                   capture_output=True)
    ids = [str(a["id"]) for a in cli_json(library, "list")]
    subprocess.run([CLI, "--library", library, "edit", *ids, "--caption", "vi=Ảnh", "--headline", "Tin",
                    "--credit", "Báo Đồng Nai", "--territories", "worldwide"], check=True, capture_output=True)
    kit = cli_json(library, "kit", "new", "--profile", "web", "--lang", "vi", "--recipient", "Cổng thông tin", *ids)["id"]
    out = os.path.join(work, "kits")

    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"))
    driver = Driver(env, "tauri-driver-kit-cancel.log")
    try:
        with driver.session() as w:
            # The grid draws only the rows in view (how many depends on the fonts' line height):
            # the toolbar's count says all are there.
            wait_for("the grid", lambda: w.count(".tile") > 0 and w.text(".count").startswith(f"{COUNT} / {COUNT}"))
            w.chord("\ue00a", "3")
            wait_for("the kit list", lambda: w.count(f".kits tr[data-kit='{kit}'] .link") == 1)
            w.click(f".kits tr[data-kit='{kit}'] .link")
            wait_for("ready", lambda: w.count(".preflight .verdict.ok") == 1)
            w.set_input(".build .out", out)
            w.click(".build .build-go")
            wait_for("the progress", lambda: w.count(".build progress") == 1 and
                     w.script("return document.querySelector('.build progress').value") > 0, timeout=60)
            w.shot("kit-building.png")
            w.click(".build .cancel")
            wait_for("stopped", lambda: w.count(".preflight .hint[role=status]") == 1, timeout=60)
            visible = [n for n in os.listdir(out) if not n.startswith(".")]
            assert visible == [], f"a cancelled build is visible: {visible}"
            assert cli_json(library, "deliveries") == []
            w.click(".build .build-go")
            wait_for("built", lambda: w.count(".built") == 1, timeout=120)
        register = cli_json(library, "deliveries")
        assert len(register) == 1, register
        data = os.path.join(register[0]["path"], "data")
        payload = [os.path.join(d, f) for d, _, fs in os.walk(data) for f in fs]
        # The register counts what is on disk; the web profile's two renditions a photo are there.
        assert register[0]["files"] == len(payload), (register, len(payload))
        photos = [p for p in payload if p.startswith(os.path.join(data, "photos", ""))]
        assert len(photos) == COUNT * 2, photos
        print(f"e2e kit cancel: a build of {COUNT} photos stopped with nothing visible, then finished")
    finally:
        driver.stop()


if __name__ == "__main__":
    main()
