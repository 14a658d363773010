#!/usr/bin/env python3
"""End-to-end, languages: a film with a Vietnamese and an English subtitle track (imported with
the CLI) shows its cues beside the player, the checks' finding marked on its cue, and a click
on a cue takes the film there; the translation board shows each language's status, refuses to
approve a track the checks find errors in unless a reason is given, and records what the
editor sets (the CLI on the same library is the oracle)."""
import os
import subprocess
import tempfile

from webdriver import CLI, Driver, cli_json, wait_for

VI = [
    (1000, 3000, "Sản phẩm OCOP của Đồng Nai"),
    (4000, 6500, "được bạn bè quốc tế yêu thích."),
    (7500, 8500, "Hạt điều Xuân Lộc rang muối thơm ngon"),  # reads too fast
    (10000, 12500, "Bưởi Tân Triều là đặc sản."),
]
EN = [
    (1000, 3000, "OCOP products of Dong Nai"),
    (4000, 6500, "are loved by friends abroad."),
    (7500, 9500, "Xuan Loc roasted cashews"),
    (10000, 12500, "Tan Trieu pomelo is a speciality."),
]


def srt(cues):
    clock = lambda ms: f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02},{ms % 1000:03}"
    return "".join(f"{i + 1}\n{clock(a)} --> {clock(b)}\n{t}\n\n" for i, (a, b, t) in enumerate(cues))


def cli(library, *args):
    subprocess.run([CLI, "--library", library, *args], check=True, capture_output=True)


def set_select(w, css, value):
    w.script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
             "s.dispatchEvent(new Event('change', {bubbles: true}))", css, value)


def board_status(library, lang):
    board = cli_json(library, "tr", "status", "--lang", lang)
    return board["items"][0]["languages"][lang]["parts"]["subtitles"]["status"]


def main():
    work = tempfile.mkdtemp(prefix="mediadesk-e2e-languages-")
    library = os.path.join(work, "library")
    film = os.path.join(work, "ocop.mp4")
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=20:size=640x360:rate=25",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-timecode", "10:00:00:00", film], check=True)
    cli(library, "ingest", film)
    shots_csv = os.path.join(work, "shots.csv")
    shots_pdf = os.path.join(work, "shots.pdf")
    with open(shots_csv, "w", encoding="utf-8") as f:
        f.write("in,out,description,description_ko\n10:00:00:00,10:00:04:00,Đồi điều Xuân Lộc,쑤언록 캐슈 언덕\n"
                "10:00:04:00,10:00:09:12,Sấy hạt điều,캐슈 건조\n")
    for lang, cues in [("vi", VI), ("en", EN)]:
        path = os.path.join(work, f"{lang}.srt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(srt(cues))
        cli(library, "subs", "import", "1", path, "--lang", lang)
    cli(library, "tr", "set", "1", "subtitles", "en", "needs_review", "--assignee", "Lan")

    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=os.path.join(work, "home"))
    driver = Driver(env, "tauri-driver-languages.log")
    try:
        with driver.session() as w:
            wait_for("the film in the grid", lambda: w.count(".tile") == 1, 30)
            w.script("document.querySelector('.tile').dispatchEvent(new MouseEvent('dblclick', {bubbles: true}))")
            wait_for("the Vietnamese cues beside the player", lambda: w.count(".subtitles li") == len(VI), 30)
            texts = w.script("return [...document.querySelectorAll('.subtitles li .text')].map(x => x.textContent)")
            assert texts == [c[2] for c in VI], texts
            marked = w.script("return [...document.querySelectorAll('.subtitles li')].map(x => x.classList.contains('error'))")
            assert marked == [False, False, True, False], f"the fast cue is marked: {marked}"
            summary = w.script("return document.querySelector('.subtitles .summary').textContent")
            assert "1 lỗi" in summary, summary

            # A click on a cue takes the film there, and that cue is the one highlighted.
            w.script("document.querySelectorAll('.subtitles li button')[3].click()")
            wait_for("the film at the fourth cue", lambda: abs(w.script("return document.querySelector('video').currentTime") - 10.0) < 0.2)
            wait_for("the fourth cue highlighted", lambda: w.script(
                "return [...document.querySelectorAll('.subtitles li')].findIndex(x => x.classList.contains('now'))") == 3)
            w.shot("subtitles.png")

            # The shot list under the filmstrip: imported from a CSV, a click on a shot goes
            # there, written out as a PDF in the languages it is in.
            wait_for("the empty shot list", lambda: w.count(".shots .empty") == 1, 10)
            w.run_async("window.mediadesk.importShots(arguments[0]).then(done)", shots_csv)
            wait_for("two shots", lambda: w.count(".shots li") == 2, 10)
            tcs = w.script("return [...document.querySelectorAll('.shots li .tc')].map(x => x.textContent)")
            assert tcs == ["10:00:00:00 – 10:00:04:00", "10:00:04:00 – 10:00:09:12"], tcs
            w.script("document.querySelectorAll('.shots li button')[1].click()")
            wait_for("the film at the second shot", lambda: abs(w.script("return document.querySelector('video').currentTime") - 4.0) < 0.2)
            wait_for("the second shot highlighted", lambda: w.script(
                "return [...document.querySelectorAll('.shots li')].findIndex(x => x.classList.contains('now'))") == 1)
            w.run_async("window.mediadesk.writeShotList('pdf', arguments[0]).then(done)", shots_pdf)
            wait_for("the PDF written", lambda: os.path.exists(shots_pdf), 20)
            text = subprocess.run(["pdftotext", shots_pdf, "-"], check=True, capture_output=True, text=True).stdout
            assert "Đồi điều Xuân Lộc" in text and "쑤언록 캐슈 언덕" in text, text
            w.shot("shot-list.png")

            # Shift+click on the film sets the point social crops keep; the previews follow it.
            assert w.count(".crops figure") == 3
            before = w.script("return document.querySelector('.crops img').style.objectPosition")
            w.script("const v = document.querySelector('video'); const r = v.getBoundingClientRect();"
                     "v.dispatchEvent(new MouseEvent('click', {bubbles: true, shiftKey: true,"
                     " clientX: r.left + r.width * 0.8, clientY: r.top + r.height / 2}))")
            wait_for("the focus recorded", lambda: (cli_json(library, "show", "1").get("focus") or [0])[0] > 0.7, 10)
            wait_for("the 9:16 preview moved", lambda: w.script(
                "return document.querySelector('.crops img').style.objectPosition") != before, 10)
            w.shot("film-crops.png")

            # The English track: its alignment against the Vietnamese is shown.
            set_select(w, ".subtitles select", "en")
            wait_for("the English cues", lambda: w.script(
                "return document.querySelector('.subtitles li .text')?.textContent") == EN[0][2])
            assert "100%" in w.script("return document.querySelectorAll('.subtitles .summary')[1]?.textContent ?? ''")

            # The board.
            w.script("document.querySelector('.view .back').click()")
            w.script("document.querySelector('nav .screen.translations').click()")
            wait_for("the board", lambda: w.count(".board .cell") > 0)
            cell = lambda lang: w.script(
                "return document.querySelector(`.cell[data-asset='1'][data-lang='${arguments[0]}']`)?.className ?? ''", lang)
            assert "needs_review" in cell("en") and "draft" in cell("vi") and "missing" in cell("ko"), [cell(l) for l in ("en", "vi", "ko")]

            # Approving the Vietnamese track is refused while a cue reads too fast...
            w.script("document.querySelector(`.cell[data-asset='1'][data-lang='vi']`).click()")
            wait_for("the editor", lambda: w.count(".editor .part") == 1)
            set_select(w, ".editor .part select", "approved")
            w.script("document.querySelector('.editor .save').click()")
            wait_for("the refusal", lambda: "reading_speed" in w.script("return document.querySelector('.editor .refused')?.textContent ?? ''"))
            assert board_status(library, "vi") == "draft"
            w.run_async("setTimeout(done, 500)")
            assert w.count(".editor .refused") == 1, "the refusal stays in view"
            w.shot("board-refused.png")
            # ... and recorded with a reason.
            w.set_input(".editor .override", "Đài đối tác tự căn lại thời gian")
            w.script("document.querySelector('.editor .save').click()")
            wait_for("the Vietnamese track approved", lambda: board_status(library, "vi") == "approved", 10)
            history = cli_json(library, "tr", "history", "1", "subtitles", "vi")
            assert history[-1]["override"] == "Đài đối tác tự căn lại thời gian", history

            # The English one approved with a due date; the filters narrow the board.
            wait_for("the editor closed", lambda: w.count(".editor") == 0)
            w.script("document.querySelector(`.cell[data-asset='1'][data-lang='en']`).click()")
            wait_for("the editor", lambda: w.count(".editor .part") == 1)
            set_select(w, ".editor .part select", "approved")
            w.set_input(".editor .part input[type=date]", "2026-12-03")
            w.script("document.querySelector('.editor .save').click()")
            wait_for("the English track approved", lambda: board_status(library, "en") == "approved", 10)
            en = cli_json(library, "tr", "status", "--lang", "en")["items"][0]["languages"]["en"]["parts"]["subtitles"]
            assert en["assignee"] == "Lan" and en["due"] == "2026-12-03", en
            wait_for("the board redrawn", lambda: "approved" in cell("en"))
            w.set_input(".board .bar input:not([type])", "Kim")
            wait_for("nobody called Kim", lambda: w.count(".board .empty") == 1)
            w.set_input(".board .bar input:not([type])", "")
            wait_for("the board back", lambda: w.count(".board .cell") > 0)
            set_select(w, "select.language", "en")
            wait_for("the board in English", lambda: "Approved" in w.script(
                "return document.querySelector(`.cell[data-lang='en']`)?.textContent ?? ''"))
            w.shot("board.png")
    finally:
        driver.stop()
    print("e2e languages: cues beside the film with the checks' finding, seek by cue, the board's statuses, "
          "an approval refused then recorded with its reason, filters")


if __name__ == "__main__":
    main()
