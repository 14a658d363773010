#!/usr/bin/env python3
"""End-to-end, the editorial record in the real window: make a reportage, read the reporter's
.docx into it, write its English headline beside the read-only Vietnamese, drag photos from
the grid onto it and reorder them, see its effective classification rise when an item is
marked Mật; tag a photo with the plan's theme and its rights in the record panel; edit a
selection in one change and undo it; save a template and a code replacement; verify the audit
chain, then find it broken after the sqlite3 shell changed an entry. The CLI on the same
library is the oracle; screenshots in target/e2e."""
import os
import sqlite3
import subprocess
import sys
import tempfile

from webdriver import CLI, CONTROL, Driver, cli_json, wait_for

PHOTOS = [
    ("nha-ga.jpg", "Nhà ga hành khách", "plasma:orange-blue"),
    ("duong-bang.jpg", "Đường băng số 1", "plasma:green-yellow"),
    ("cong-truong.jpg", "Công trường sân bay", "plasma:red-grey"),
    ("dai-kiem-soat.jpg", "Đài kiểm soát không lưu", "plasma:blue-white"),
]
ARTICLE = """---
title: Sân bay Long Thành cất cánh
---

Đồng Nai đón **nhà đầu tư** Hàn Quốc tới công trường lớn nhất.

## Tiến độ

Nhà ga đạt 60%.
"""


def cli(library, *args):
    subprocess.run([CLI, "--library", library, *args], check=True, capture_output=True)


def set_value(w, css, value):
    """Sets a field as a person leaving it would (the change event saves it)."""
    w.script("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
             "e.dispatchEvent(new Event('input', { bubbles: true }));"
             "e.dispatchEvent(new Event('change', { bubbles: true }))", css, value)


def drag(w, source, target, kind="application/x-mediadesk-assets", data=None):
    """A drag and drop between two elements, as the page's handlers see one."""
    w.script("""
        const [from, to, kind, data] = arguments;
        const t = new DataTransfer();
        document.querySelector(from).dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: t }));
        if (data) t.setData(kind, data);
        const target = document.querySelector(to);
        target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: t }));
        target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: t }));
        document.querySelector(from)?.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer: t }));
    """, source, target, kind, data)


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    folder, library = os.path.join(work, "long-thanh"), os.path.join(work, "library")
    os.makedirs(folder)
    for name, headline, spec in PHOTOS:
        path = os.path.join(folder, name)
        subprocess.run(["convert", "-size", "480x320", spec, path], check=True)
        subprocess.run(["exiftool", "-q", "-overwrite_original", "-codedcharacterset=utf8",
                        f"-IPTC:Headline={headline}", path], check=True)
    md = os.path.join(work, "bai.md")
    with open(md, "w") as f:
        f.write(ARTICLE)
    docx = os.path.join(work, "bai-phong-vien.docx")
    subprocess.run(["pandoc", md, "-o", docx], check=True)
    cli(library, "ingest", "--classification", "public", folder)
    ids = {a["headline"]: a["id"] for a in cli_json(library, "list")}

    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"))
    driver = Driver(env, "tauri-driver-editorial.log")
    try:
        with driver.session() as w:
            wait_for("the grid", lambda: w.count(".tile") == 4)
            # The sidebar holds the screens; Alt+2 is the reportages.
            w.chord("\ue00a", "2")
            wait_for("the reportage list", lambda: w.count(".list .new-headline") == 1)
            w.type_into(".list .new-headline", "Sân bay Long Thành")
            w.click(".list .create")
            wait_for("the editor", lambda: w.count(".editor .record") == 1)
            rid = cli_json(library, "reportage", "list")[0]["id"]

            # The reporter's article, read as the folder chooser would hand it over.
            w.run_async("window.mediadesk.importArticle(arguments[0]).then(() => done(true))", docx)
            wait_for("the import said", lambda: "bai-phong-vien.docx" in (w.text(".editor .notice") or ""))
            shown = cli_json(library, "reportage", "show", str(rid))
            assert shown["headline"]["vi"] == "Sân bay Long Thành cất cánh", shown["headline"]
            assert shown["standfirst"]["vi"].startswith("Đồng Nai đón nhà đầu tư"), shown["standfirst"]
            assert shown["body"]["vi"].startswith("## Tiến độ"), shown["body"]

            # English beside the Vietnamese source, which cannot be edited meanwhile.
            set_value(w, ".editor select.lang", "en")
            wait_for("two columns", lambda: w.count(".side-by-side.translating .source textarea[readonly]") == 2)
            assert w.script("return document.querySelector('.source input.headline').readOnly")
            set_value(w, ".target input[name=headline]", "Long Thanh airport takes off")
            wait_for("the English headline", lambda: cli_json(library, "reportage", "show", str(rid))["headline"].get("en")
                     == "Long Thanh airport takes off")
            set_value(w, ".record select[name=classification]", "public")
            wait_for("cleared for the delegation? no: lowering asks why", lambda: w.count(".record .lowering") == 1)
            w.type_into(".record .lower-reason", "duyệt cho đoàn báo chí Hàn Quốc")
            w.click(".record .confirm-lower")
            wait_for("public", lambda: cli_json(library, "reportage", "show", str(rid))["classification"] == "public")
            w.shot("reportage-editor.png")

            # Photos dragged from the grid onto the reportage in the sidebar.
            w.chord("\ue00a", "1")
            wait_for("the grid again", lambda: w.count(".tile") == 4)
            w.click(f".tile[data-asset='{ids['Nhà ga hành khách']}']")
            w.script("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }))",
                     {"element-6066-11e4-a52e-4f735466cecf": w.find(f".tile[data-asset='{ids['Đường băng số 1']}']")})
            w.script("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }))",
                     {"element-6066-11e4-a52e-4f735466cecf": w.find(f".tile[data-asset='{ids['Công trường sân bay']}']")})
            wait_for("three selected", lambda: w.count(".tile.selected") == 3)
            drag(w, f".tile[data-asset='{ids['Nhà ga hành khách']}']", f"nav .reportage[data-reportage='{rid}']")
            wait_for("three items", lambda: len(cli_json(library, "reportage", "show", str(rid))["items"]) == 3)
            wait_for("the items shown", lambda: w.count(".items .item") == 3)
            order = [i["asset_id"] for i in cli_json(library, "reportage", "show", str(rid))["items"]]
            # Reordered: by the arrow, then by dragging the last onto the first.
            w.click(f".items .item[data-asset='{order[0]}'] .down")
            wait_for("moved down", lambda: [i["asset_id"] for i in cli_json(library, "reportage", "show", str(rid))["items"]]
                     == [order[1], order[0], order[2]])
            drag(w, f".items .item[data-asset='{order[2]}']", f".items .item[data-asset='{order[1]}']",
                 "application/x-mediadesk-item", str(order[2]))
            wait_for("dragged to the top", lambda: cli_json(library, "reportage", "show", str(rid))["items"][0]["asset_id"]
                     == order[2])
            # The hero chosen from the list: its role changes, the order stays.
            before = [i["asset_id"] for i in cli_json(library, "reportage", "show", str(rid))["items"]]
            set_value(w, f".items .item[data-asset='{before[1]}'] select", "hero")
            wait_for("a hero", lambda: [(i["asset_id"], i["role"]) for i in cli_json(library, "reportage", "show", str(rid))["items"]][1]
                     == (before[1], "hero"))
            assert [i["asset_id"] for i in cli_json(library, "reportage", "show", str(rid))["items"]] == before
            # A rush marked Mật raises the reportage: the editor says so at once.
            cli(library, "edit", str(ids["Công trường sân bay"]), "--classification", "Mật")
            w.click(".editor .back")
            w.click(f".list tr[data-reportage='{rid}'] .link")
            wait_for("the effective classification", lambda: (w.text(".editor .bar .badge") or "").strip() == "Mật")
            assert "Mật" in (w.text(".editor .raised") or ""), w.text(".editor .raised")
            w.shot("reportage-items.png")

            # The record panel: the plan's theme and the rights of one photo.
            w.chord("\ue00a", "1")
            w.script("document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))",
                     f".tile[data-asset='{ids['Đài kiểm soát không lưu']}']")
            wait_for("the record", lambda: w.count(".panel .facet[data-facet=themes] select.add") == 1)
            set_value(w, ".panel .facet[data-facet=themes] select.add", "4")
            set_value(w, ".panel input[name=territories]", "VN, KR")
            set_value(w, ".panel select[name=model_release]", "unlimited")
            wait_for("the theme and rights saved", lambda: (lambda a: a["themes"] == [4] and a["territories"] == ["VN", "KR"]
                                                             and a["model_release"] == "unlimited")(
                cli_json(library, "show", str(ids["Đài kiểm soát không lưu"]))))
            w.script("document.querySelector('.panel .facet[data-facet=themes]').scrollIntoView()")
            w.shot("record-taxonomy.png")

            # A batch over the whole library, in one change, taken back by one Ctrl+Z.
            w.keys("\ue00c")
            wait_for("the grid", lambda: w.count(".tile") == 4)
            w.script("document.querySelector('.grid').focus()")
            w.chord(CONTROL, "a")
            wait_for("all selected", lambda: w.count(".tile.selected") == 4)
            w.click("header .batch")
            wait_for("the batch panel", lambda: w.count(".batch input[name=credit]") == 1)
            w.type_into(".batch input[name=credit]", "Báo Đồng Nai")
            w.type_into(".batch input[name=add-keywords]", "sân bay")
            w.click(".batch .apply")
            wait_for("every credit", lambda: all(a["credit"] == "Báo Đồng Nai" and "sân bay" in a["keywords"]
                                                 for a in (cli_json(library, "show", str(i)) for i in ids.values())))
            w.shot("batch.png")
            w.script("document.activeElement.blur()")
            w.chord(CONTROL, "z")
            wait_for("one undo", lambda: all(cli_json(library, "show", str(i))["credit"] is None for i in ids.values()))

            # Templates and code replacements.
            w.chord("\ue00a", "6")
            wait_for("the manager", lambda: w.count(".manager input[name=template-name]") == 1)
            w.type_into(".manager input[name=template-name]", "Báo Đồng Nai")
            w.type_into(".manager input[name=value-0]", "Báo =dn=")
            w.click(".manager .save")
            wait_for("the template", lambda: [t["name"] for t in cli_json(library, "template", "list")] == ["Báo Đồng Nai"])
            w.type_into(".manager input[name=code]", "=dn=")
            w.type_into(".manager input[name=code-text]", "Đồng Nai")
            w.click(".manager .add-code")
            wait_for("the code", lambda: cli_json(library, "codes", "list") == [{"code": "=dn=", "text": "Đồng Nai"}])
            # The plan's lists: a term renamed (its id stays), one added.
            set_value(w, ".taxonomy select[name=taxonomy-list]", "audience")
            wait_for("the audiences", lambda: w.count(".taxonomy tr[data-term=tourists]") == 1)
            set_value(w, ".taxonomy tr[data-term=tourists] input[aria-label='tourists en']", "Visitors from home and abroad")
            wait_for("renamed", lambda: any(a["id"] == "tourists" and a["en"] == "Visitors from home and abroad"
                                            for a in cli_json(library, "taxonomy")["audiences"]))
            w.type_into(".taxonomy input[name=term-vi]", "Sinh viên quốc tế")
            w.type_into(".taxonomy input[name=term-en]", "International students")
            w.click(".taxonomy .add-term")
            wait_for("added", lambda: any(a["id"] == "international_students" for a in cli_json(library, "taxonomy")["audiences"]))
            w.shot("templates.png")

            # The audit log, its chain verified; then an entry changed behind the app's back.
            w.chord("\ue00a", "5")
            wait_for("the log", lambda: w.count(".audit tbody tr") >= 5)
            w.click(".audit .verify")
            wait_for("the chain holds", lambda: w.count(".audit .ok") == 1)
            w.shot("audit.png")
        catalog = os.path.join(library, "catalog.sqlite")
        with sqlite3.connect(catalog) as db:
            db.executescript("DROP TRIGGER audit_log_append_only_update;"
                             "UPDATE audit_log SET actor = 'someone else' WHERE id = 2;")
        with driver.session() as w:
            w.chord("\ue00a", "5")
            wait_for("the log", lambda: w.count(".audit .verify") == 1)
            w.click(".audit .verify")
            wait_for("the chain broken", lambda: "entry 2" in (w.text(".audit .broken") or ""))
            assert w.count(".audit tr.broken-row[data-entry='2']") == 1
            w.shot("audit-broken.png")
        print("e2e editorial: a reportage made, its article imported, English beside the source, items dragged and "
              "reordered, its classification raised by an item; theme and rights in the record; a batch in one change "
              "undone; a template, a code and the plan's lists edited; the audit chain verified, then found broken")
        return 0
    finally:
        driver.stop()


if __name__ == "__main__":
    sys.exit(main())
