#!/usr/bin/env python3
"""End-to-end, a press tour in the real window: photos selected in the grid checked out with
their originals (the Mật and internal ones named before anything is copied, and left behind),
a reportage checked out from its editor with previews only; the tour library opened in the app
with its banner; the road's work merged back with its progress, and the conflicts screen
settling each of three ways. The CLI on both libraries and the tour's own manifest are the
oracles; screenshots in target/e2e."""
import json
import os
import subprocess
import tempfile

from webdriver import CLI, Driver, cli_json, wait_for

PHOTOS = [
    ("cat-tien.jpg", "Rừng Cát Tiên", "plasma:green-yellow"),
    ("voi.jpg", "Đàn voi Mã Đà", "plasma:orange-blue"),
    ("song.jpg", "Sông Đồng Nai", "plasma:blue-white"),
    ("trai-cay.jpg", "Trái cây Long Khánh", "plasma:red-yellow"),
    ("ho-so.jpg", "Hồ sơ đất rừng", "plasma:red-grey"),
    ("noi-bo.jpg", "Họp nội bộ", "plasma:grey-white"),
]


def cli(library, *args):
    out = subprocess.run([CLI, "--library", library, *args], capture_output=True, text=True)
    assert out.returncode == 0, f"{args}: {out.stderr}"
    return out


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    folder, home = os.path.join(work, "cat-tien"), os.path.join(work, "home-library")
    os.makedirs(folder)
    for name, _, spec in PHOTOS:
        subprocess.run(["convert", "-size", "640x427", spec, os.path.join(folder, name)], check=True)
    cli(home, "ingest", "--classification", "public", folder)
    ids = {}
    for name, headline, _ in PHOTOS:
        a = str(cli_json(home, "show", os.path.join(folder, name))["id"])
        ids[headline] = a
        cli(home, "edit", a, "--caption", f"vi={headline}", "--headline", headline, "--credit", "Báo Đồng Nai")
    forest, elephants, river, fruit = (ids[h] for h in ("Rừng Cát Tiên", "Đàn voi Mã Đà", "Sông Đồng Nai",
                                                         "Trái cây Long Khánh"))
    secret, internal = ids["Hồ sơ đất rừng"], ids["Họp nội bộ"]
    cli(home, "edit", secret, "--classification", "Mật")
    cli(home, "edit", internal, "--classification", "internal", "--reason", "chưa duyệt")
    story = str(cli_json(home, "reportage", "new", "Vườn quốc gia Cát Tiên")["id"])
    cli(home, "reportage", "add", story, forest, elephants)
    cli(home, "reportage", "set", story, "--classification", "public", "--reason", "đã duyệt")

    tour, lite = os.path.join(work, "usb", "tour-cat-tien"), os.path.join(work, "usb", "tour-nhe")
    env = dict(os.environ, MEDIADESK_LIBRARY=home, HOME=os.path.join(work, "user"))
    driver = Driver(env, "tauri-driver-tour.log")
    try:
        # At home: the six photos selected, Alt+7, what stays home is named before the check-out.
        with driver.session() as w:
            wait_for("the grid", lambda: w.count(".tile") == 6)
            w.click(f".tile[data-asset='{forest}']")
            for a in (elephants, river, fruit, secret, internal):
                w.ctrl_click(f".tile[data-asset='{a}']")
            wait_for("six selected", lambda: w.count(".tile.selected") == 6)
            w.chord("\ue00a", "7")
            wait_for("the preview", lambda: w.count(".checkout .summary") == 1)
            wait_for("two left behind", lambda: w.count(".checkout .refused li") == 2)
            refused = set(w.script(
                "return [...document.querySelectorAll('.checkout .refused li')].map(e => e.dataset.refused)"))
            assert refused == {secret, internal}, refused
            said = w.text(f".checkout .refused li[data-refused='{secret}']")
            assert "Hồ sơ đất rừng" in said and "Mật" in said, said
            assert "4" in w.text(".checkout .summary"), w.text(".checkout .summary")
            w.set_input(".checkout .to", tour)
            w.shot("tour-checkout-preview.png")
            w.click(".checkout .checkout-go")
            wait_for("checked out", lambda: w.count(".checkout .outcome") == 1, timeout=60)
            assert tour in w.text(".checkout .outcome code")
            wait_for("the tour listed", lambda: w.count(".tours tr[data-tour]") == 1)
            w.shot("tour-checked-out.png")

            # A reportage, from its editor, with previews only.
            w.chord("\ue00a", "2")
            wait_for("the reportage list", lambda: w.count(f"[data-reportage='{story}']") >= 1)
            w.click(f"nav [data-reportage='{story}']")
            wait_for("the editor", lambda: w.count(".take-on-tour") == 1)
            w.click(".take-on-tour")
            wait_for("the tour screen on the reportage",
                     lambda: w.script("return document.querySelector('.checkout .source')?.value") == f"r:{story}")
            w.click(".checkout .previews-only")
            wait_for("its preview", lambda: "2" in (w.text(".checkout .summary") or ""))
            assert w.count(".checkout .refused li") == 0
            w.set_input(".checkout .to", lite)
            w.click(".checkout .checkout-go")
            wait_for("checked out", lambda: w.count(".checkout .outcome") == 1, timeout=60)
            wait_for("two tours listed", lambda: w.count(".tours tr[data-tour]") == 2)

        tours = cli_json(home, "tour", "list")
        assert len(tours) == 2, tours
        by_path = {t["path"]: t for t in tours}
        assert {r["item"] for r in by_path[tour]["refused"]} == {secret, internal}, by_path[tour]
        assert by_path[tour]["previews_only"] is False and by_path[lite]["previews_only"] is True
        info = json.load(open(os.path.join(tour, "tour.json"), encoding="utf-8"))
        assert {r["item"] for r in info["left_behind"]} == {secret, internal}, info
        subprocess.run(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"], cwd=tour, check=True)
        assert not os.path.exists(os.path.join(lite, "originals")), "previews only took originals"
        on_tour = [a["id"] for a in cli_json(tour, "list")]
        assert len(on_tour) == 4, on_tour
        home_uid = cli_json(home, "info")["library"]["uid"]
        assert cli_json(tour, "info")["library"]["origin_uid"] == home_uid

        # On the road (the tour's own CLI) and at home meanwhile: three fields changed on both
        # sides, differently; one on the road only; new photos from the road's card.
        cli(tour, "edit", forest, "--caption", "en=Cat Tien forest at dawn")
        cli(home, "edit", forest, "--caption", "en=Cat Tien National Park")
        cli(tour, "edit", river, "--headline", "Sông Đồng Nai lúc bình minh")
        cli(home, "edit", river, "--headline", "Sông Đồng Nai mùa nước nổi")
        cli(tour, "edit", fruit, "--credit", "Phóng viên Long Khánh")
        cli(home, "edit", fruit, "--credit", "Ban biên tập")
        cli(tour, "edit", elephants, "--add-keyword", "voi rừng")
        card = os.path.join(work, "card")
        os.makedirs(card)
        base = os.path.join(work, "base.png")
        subprocess.run(["convert", "-size", "2400x1600", "plasma:fractal", "-seed", "9", base], check=True)
        for i in range(8):
            subprocess.run(["convert", base, "-fill", "red", "-draw", f"point {i},{i}",
                            os.path.join(card, f"duong{i}.jpg")], check=True)
        cli(tour, "ingest", "--classification", "public", card)

        # The tour library in the app: its banner says where it came from.
        laptop = Driver(dict(env, MEDIADESK_LIBRARY=tour), "tauri-driver-tour-laptop.log")
        try:
            with laptop.session() as w:
                wait_for("the banner", lambda: w.count(".tour-banner") == 1)
                assert home in w.text(".tour-banner"), w.text(".tour-banner")
                wait_for("the tour's grid", lambda: (w.text(".count") or "").startswith("12 / 12"))
                w.shot("tour-banner.png")
                w.chord("\ue00a", "7")
                wait_for("the tour screen", lambda: w.count(".on-tour") == 1)
                assert w.count(".checkout") == 0, "a tour library checks nothing out"
        finally:
            laptop.stop()

        # Home again: merge back with its progress, then the conflicts, settled three ways.
        with driver.session() as w:
            wait_for("the grid", lambda: w.count(".tile") == 6)
            assert w.count(".tour-banner") == 0
            w.chord("\ue00a", "7")
            row = f".tours tr[data-tour='{by_path[tour]['uid']}']"
            wait_for("the tour row", lambda: w.count(row) == 1)
            # What the merge showed while it ran, watched as it happens.
            w.script("""window.__seen = new Set(); new MutationObserver(() => {
                          for (const e of document.querySelectorAll('.tours .running .stage')) window.__seen.add(e.textContent.trim().split(' ')[0])
                          if (document.querySelector('.tours .running progress')) window.__seen.add('progress')
                        }).observe(document.body, { subtree: true, childList: true, characterData: true })""")
            w.click(f"{row} .merge")
            wait_for("merged", lambda: w.count(".tours .merged") == 1, timeout=120)
            seen = w.script("return [...window.__seen]")
            assert "progress" in seen, seen
            assert "8" in w.text(".tours .merged"), w.text(".tours .merged")
            wait_for("three conflicts", lambda: w.count(".conflicts tr.conflict") == 3)
            wait_for("the count in the sidebar", lambda: (w.text("nav .waiting") or "").strip() == "3")
            for item in (forest, river, fruit):
                assert w.count(f".conflicts article[data-item='{item}']") == 1
            caption = f".conflicts article[data-item='{forest}'] tr[data-field='caption:en']"
            assert "Cat Tien National Park" in w.text(f"{caption} .ours")
            assert "Cat Tien forest at dawn" in w.text(f"{caption} .theirs")
            w.shot("tour-conflicts.png")

            w.click(f"{caption} .take-theirs")
            wait_for("two left", lambda: w.count(".conflicts tr.conflict") == 2)
            w.click(f".conflicts article[data-item='{river}'] tr[data-field='headline'] .keep-ours")
            wait_for("one left", lambda: w.count(".conflicts tr.conflict") == 1)
            credit = f".conflicts article[data-item='{fruit}'] tr[data-field='credit']"
            w.click(f"{credit} .other")
            wait_for("the field", lambda: w.count(f"{credit} .typed") == 1)
            w.type_into(f"{credit} .typed", "Báo Đồng Nai – Long Khánh")
            w.click(f"{credit} .use-typed")
            wait_for("none left", lambda: w.count(".conflicts tr.conflict") == 0)
            wait_for("the sidebar count gone", lambda: w.count("nav .waiting") == 0)
            w.shot("tour-settled.png")

        assert cli_json(home, "tour", "conflicts") == []
        assert cli_json(home, "show", forest)["captions"]["en"] == "Cat Tien forest at dawn"
        assert cli_json(home, "show", river)["headline"] == "Sông Đồng Nai mùa nước nổi"
        assert cli_json(home, "show", fruit)["credit"] == "Báo Đồng Nai – Long Khánh"
        assert "voi rừng" in cli_json(home, "show", elephants)["keywords"]
        assert cli_json(home, "show", secret)["classification"] == "confidential"
        assert len(cli_json(home, "list")) == 14
        cli(home, "audit", "verify")
        print("e2e tour: checked out twice (two left behind), banner on the laptop, merged with 8 new photos, "
              "3 conflicts settled ours, theirs and typed")
    finally:
        driver.stop()


if __name__ == "__main__":
    main()
