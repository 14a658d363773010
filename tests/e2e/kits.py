#!/usr/bin/env python3
"""End-to-end, a press kit in the real window: photos selected in the grid, a kit made for
the Korean delegation, the one marked Mật greyed with its reason and left out, the preflight
shown item by item; a translation blocker fixed from its fix link (accepted with a reason) and
an embargoed photo dropped from its own; the build with its progress, the register. The CLI
on the same library and Python's bagit are the oracles; screenshots in target/e2e."""
import os
import subprocess
import tempfile

from webdriver import CLI, Driver, cli_json, wait_for

PHOTOS = [
    ("nha-ga.jpg", "Nhà ga hành khách", "plasma:orange-blue"),
    ("duong-bang.jpg", "Đường băng số 1", "plasma:green-yellow"),
    ("cong-truong.jpg", "Công trường sân bay", "plasma:red-grey"),
    ("dai-kiem-soat.jpg", "Đài kiểm soát không lưu", "plasma:blue-white"),
]


def cli(library, *args):
    subprocess.run([CLI, "--library", library, *args], check=True, capture_output=True)


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    folder, library = os.path.join(work, "long-thanh"), os.path.join(work, "library")
    os.makedirs(folder)
    for name, _, spec in PHOTOS:
        subprocess.run(["convert", "-size", "480x320", spec, os.path.join(folder, name)], check=True)
    cli(library, "ingest", "--classification", "public", folder)
    ids = {}
    for (name, headline, _) in PHOTOS:
        a = cli_json(library, "show", os.path.join(folder, name))["id"]
        ids[headline] = a
        cli(library, "edit", str(a), "--caption", f"vi={headline}", "--caption", f"en={headline} (en)",
            "--headline", headline, "--headline", f"en={headline} (en)", "--credit", "Báo Đồng Nai",
            "--territories", "worldwide")
        for part in ("caption", "headline"):
            cli(library, "tr", "set", str(a), part, "en", "approved")
    secret, review, embargoed = ids["Công trường sân bay"], ids["Đường băng số 1"], ids["Đài kiểm soát không lưu"]
    cli(library, "edit", str(secret), "--classification", "Mật")
    cli(library, "tr", "set", str(review), "caption", "en", "needs_review")
    cli(library, "edit", str(embargoed), "--embargo", "2099-12-08T06:00:00+07:00", "--territories", "VN")

    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"))
    driver = Driver(env, "tauri-driver-kits.log")
    try:
        with driver.session() as w:
            wait_for("the grid", lambda: w.count(".tile") == 4)
            # The focus point crops keep: Shift+click on the photo, in its asset view.
            hero = ids["Nhà ga hành khách"]
            w.script("document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))",
                     f".tile[data-asset='{hero}']")
            wait_for("the preview drawn", lambda: w.count("img.preview") == 1 and w.all_drawn("img.preview"))
            w.script("""const img = document.querySelector('img.preview'); const r = img.getBoundingClientRect();
                        img.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true,
                          clientX: r.left + 0.8 * r.width, clientY: r.top + 0.5 * r.height }))""")
            wait_for("the focus saved", lambda: (cli_json(library, "show", str(hero)).get("focus") or [0, 0])[0] > 0.75)
            focus = cli_json(library, "show", str(hero))["focus"]
            assert abs(focus[0] - 0.8) < 0.02 and abs(focus[1] - 0.5) < 0.02, focus
            wait_for("the point said", lambda: "80%" in (w.text(".focus-hint") or ""))
            w.shot("focus-point.png")
            w.script("document.querySelector('.view .back').click()")
            wait_for("the grid again", lambda: w.count(".tile") == 4)
            w.click(f".tile[data-asset='{ids['Nhà ga hành khách']}']")
            for h in ("Đường băng số 1", "Công trường sân bay", "Đài kiểm soát không lưu"):
                w.ctrl_click(f".tile[data-asset='{ids[h]}']")
            wait_for("four selected", lambda: w.count(".tile.selected") == 4)

            # Alt+3: the kits. A kit for the Korean delegation, in English.
            w.chord("\ue00a", "3")
            wait_for("the kit list", lambda: w.count(".kits .new-recipient") == 1)
            w.script("const s = document.querySelector('.kits .new-lang'); s.value = 'en';"
                     "s.dispatchEvent(new Event('change', { bubbles: true }))")
            w.type_into(".kits .new-recipient", "KBS delegation, 12 reporters")
            w.type_into(".kits .new-country", "KR")
            w.click(".kits .create")
            wait_for("the builder", lambda: w.count(".builder .record") == 1)
            kit = cli_json(library, "kit", "list")[0]["id"]

            # The selection as candidates: the Mật one greyed with its reason, not addable.
            wait_for("the candidates", lambda: w.count(".candidates li") == 4)
            assert w.count(f".candidates li.refused[data-candidate='{secret}']") == 1
            assert "confidential" in w.script(f"return document.querySelector(\".candidates li[data-candidate='{secret}']\").title")
            w.shot("kit-candidates.png")
            w.click(".candidates .add-selected")
            wait_for("three items", lambda: len(cli_json(library, "kit", "show", str(kit))["items"]) == 3)
            assert str(secret) not in [i["item"] for i in cli_json(library, "kit", "show", str(kit))["items"]]

            # The preflight, item by item: a translation in review, an embargo past Monday.
            wait_for("three blockers", lambda: w.count(".preflight .finding.blocker") == 3)
            assert w.count(f".finding.blocker[data-item='{embargoed}'][data-rule='territory']") == 1
            assert w.count(f".finding.blocker[data-item='{review}'][data-rule='translation']") == 1
            assert w.count(f".finding.blocker[data-item='{embargoed}'][data-rule='embargo']") == 1
            assert w.count(f".finding.blocker[data-rule='embargo'] .fix.accept") == 0, "a hard rule has no override"
            w.shot("kit-preflight.png")
            # The translation's fix link opens the board on that photo's English cell.
            w.click(f".finding.blocker[data-item='{review}'] .fix.translation")
            wait_for("the cell open", lambda: w.count(".board .editor .part[data-part=caption]") == 1)
            assert "· en" in w.text(".board .editor h3"), w.text(".board .editor h3")
            w.shot("kit-fix-translation.png")
            # The territory's opens the photo at its rights.
            w.chord("\ue00a", "3")
            wait_for("the builder again", lambda: w.count(".preflight .finding.blocker") == 3)
            w.click(f".finding.blocker[data-item='{embargoed}'][data-rule='territory'] .fix.rights")
            wait_for("its territories in focus", lambda: w.script(
                "return document.activeElement && document.activeElement.getAttribute('name')") == "territories")
            w.shot("kit-fix-rights.png")
            w.chord("\ue00a", "3")
            wait_for("the builder once more", lambda: w.count(".preflight .finding.blocker") == 3)
            w.click(f".finding.blocker[data-item='{review}'] .fix.accept")
            w.type_into(".accept-form .accept-reason", "reviewed by phone with the desk")
            w.click(".accept-form .accept-go")
            wait_for("accepted", lambda: w.count(".preflight .finding.accepted") == 1)
            w.click(f".finding.blocker[data-item='{embargoed}'] .fix.drop")
            wait_for("ready", lambda: w.count(".preflight .verdict.ok") == 1)
            assert cli_json(library, "kit", "preflight", str(kit))["ok"] is True

            # Built with its progress; the register holds it.
            out = os.path.join(work, "kits")
            w.set_input(".build .out", out)
            w.click(".build .build-go")
            wait_for("built", lambda: w.count(".built") == 1, timeout=60)
            w.shot("kit-built.png")
            register = cli_json(library, "deliveries")
            assert len(register) == 1 and register[0]["recipient"] == "KBS delegation, 12 reporters", register
            bag = register[0]["path"]
            subprocess.run(["python3", "-c", "import bagit, sys; bagit.Bag(sys.argv[1]).validate()", bag], check=True)
            assert os.path.exists(bag + ".zip")
            w.click(".builder .back")
            wait_for("the register", lambda: w.count(".register tbody tr") == 1)
            w.shot("kit-register.png")
    finally:
        driver.stop()
    print("kits e2e: ok")


if __name__ == "__main__":
    main()
