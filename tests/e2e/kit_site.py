#!/usr/bin/env python3
"""End-to-end, a delegation's kit in the real window: two photos selected in the grid, a kit of
the delegation profile made for Korean reporters, built, then opened from the register. The
system's browser is a stand-in `xdg-open` on PATH that records what it was asked to open;
what it was given (the site's index.html) is then drawn by headless Chromium and screenshot,
page by page, beside the app's own screenshots in target/e2e."""
import os
import stat
import subprocess
import tempfile

from webdriver import CLI, ROOT, SHOTS, Driver, cli_json, wait_for

PHOTOS = [
    ("nha-ga.jpg", "Nhà ga hành khách", "롱탄 공항 여객 터미널", "plasma:orange-blue"),
    ("duong-bang.jpg", "Đường băng số 1", "롱탄 공항 첫 번째 활주로", "plasma:green-yellow"),
]


def cli(library, *args):
    subprocess.run([CLI, "--library", library, *args], check=True, capture_output=True)


def screenshots(index):
    """The site as a delegation's laptop draws it: its first page, a photo's, the fact sheet."""
    data = os.path.dirname(index)
    photo = next(f for f in sorted(os.listdir(os.path.join(data, "site", "ko"))) if f[0].isdigit())
    script = """
import { createRequire } from 'node:module';
const require = createRequire(process.argv[1]);
const { chromium } = require('playwright-core');
const [, , shots, ...pages] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
for (const [i, page] of pages.entries()) {
  await p.goto(page, { waitUntil: 'load' });
  await p.screenshot({ path: `${shots}/site-${i}.png` });
}
await b.close();
"""
    pages = ["file://" + index, "file://" + os.path.join(data, "site", "ko", photo),
             "file://" + os.path.join(data, "site", "ko", "facts.html")]
    subprocess.run(["node", "--input-type=module", "-e", script, os.path.join(ROOT, "ui", "package.json"), SHOTS,
                    *pages], check=True)


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    folder, library = os.path.join(work, "long-thanh"), os.path.join(work, "library")
    os.makedirs(folder)
    for name, _, _, spec in PHOTOS:
        subprocess.run(["convert", "-size", "1600x1067", spec, os.path.join(folder, name)], check=True)
    cli(library, "ingest", "--classification", "public", folder)
    ids = []
    for (name, vi, ko, _) in PHOTOS:
        a = cli_json(library, "show", os.path.join(folder, name))["id"]
        ids.append(a)
        cli(library, "edit", str(a), "--caption", f"vi={vi}", "--caption", f"ko={ko}", "--headline", vi,
            "--headline", f"ko={ko}", "--credit", "Báo Đồng Nai", "--creator", "Trần Văn Minh",
            "--territories", "worldwide", "--theme", "4")
        for part in ("caption", "headline"):
            cli(library, "tr", "set", str(a), part, "ko", "approved")
    cli(library, "contacts", "add", "Nguyễn Thị Lan", "--organisation", "Báo Đồng Nai", "--email",
        "lan@baodongnai.vn")

    # The system's browser, as the app finds it on PATH.
    opened = os.path.join(work, "opened.txt")
    bin_dir = os.path.join(work, "bin")
    os.makedirs(bin_dir)
    fake = os.path.join(bin_dir, "xdg-open")
    with open(fake, "w") as f:
        # The launcher library first asks it with no argument whether it runs.
        f.write(f"#!/bin/sh\n[ -n \"$1\" ] && printf '%s' \"$1\" > {opened}\nexit 0\n")
    os.chmod(fake, os.stat(fake).st_mode | stat.S_IEXEC)

    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"),
               PATH=bin_dir + os.pathsep + os.environ["PATH"])
    driver = Driver(env, "tauri-driver-kit-site.log")
    try:
        with driver.session() as w:
            wait_for("the grid", lambda: w.count(".tile") == 2)
            w.click(f".tile[data-asset='{ids[0]}']")
            w.ctrl_click(f".tile[data-asset='{ids[1]}']")
            wait_for("two selected", lambda: w.count(".tile.selected") == 2)
            w.chord("\ue00a", "3")
            wait_for("the kit list", lambda: w.count(".kits .new-recipient") == 1)
            profiles = w.script("return [...document.querySelectorAll('.kits .new-profile option')].map(o => o.value)")
            assert profiles == ["newspaper", "agency", "broadcaster", "delegation", "social-youtube",
                                "social-vertical", "social-square", "web"], profiles
            w.script("const s = document.querySelector('.kits .new-profile'); s.value = 'delegation';"
                     "s.dispatchEvent(new Event('change', { bubbles: true }));"
                     "const l = document.querySelector('.kits .new-lang'); l.value = 'ko';"
                     "l.dispatchEvent(new Event('change', { bubbles: true }))")
            w.type_into(".kits .new-recipient", "Đoàn phóng viên Hàn Quốc")
            w.type_into(".kits .new-country", "KR")
            w.click(".kits .create")
            wait_for("the builder", lambda: w.count(".builder .record") == 1)
            kit = cli_json(library, "kit", "list")[0]
            assert kit["profile"] == "delegation", kit
            wait_for("the candidates", lambda: w.count(".candidates li") == 2)
            w.click(".candidates .add-selected")
            wait_for("two items", lambda: len(cli_json(library, "kit", "show", str(kit["id"]))["items"]) == 2)
            wait_for("ready", lambda: w.count(".preflight .verdict.ok") == 1)
            w.shot("kit-site-preflight.png")
            out = os.path.join(work, "kits")
            w.set_input(".build .out", out)
            w.click(".build .build-go")
            wait_for("built", lambda: w.count(".built") == 1, timeout=60)
            bag = cli_json(library, "deliveries")[0]["path"]
            index = os.path.join(bag, "data", "index.html")
            assert os.path.isfile(index)
            w.click(".builder .back")
            wait_for("the register", lambda: w.count(".register tbody tr") == 1)
            w.click(".register .open-kit")
            wait_for("the site handed to the browser", lambda: os.path.exists(opened))
            assert open(opened).read() == index, open(opened).read()
            wait_for("said so", lambda: index in (w.text(".kits .opened") or ""))
            w.shot("kit-site-register.png")
    finally:
        driver.stop()
    screenshots(index)
    print("kit site e2e: ok")


if __name__ == "__main__":
    main()
