"""Vertical clip benchmark, beside its peer in the same run: a 30-second 1080p25 film made into a
9:16 reel (1080×1920 cropped around the centre, Vietnamese subtitles burned in by libass, H.264
High, AAC stereo) by Mediadesk's media worker, and by the ffmpeg CLI as an editor runs it —
`-vf crop=…,scale=1080:1920,subtitles=…` with the same ASS script, x264 profile, preset and CRF.
Three rounds, alternating; prints a BENCHMARKS.md row. Usage: bench_social.py MEDIADESK [SECONDS]"""

import json
import os
import statistics
import subprocess
import sys
import time

MEDIADESK = os.path.abspath(sys.argv[1])
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
WORK = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "target", "bench"))
LINES = ["Đồng Nai chào đón các nhà đầu tư", "Sân bay Long Thành đang thành hình",
         "Cầu Hóa An nối đôi bờ sông Đồng Nai", "Hạt điều Bình Phước, bưởi Tân Triều"]


def film():
    path = os.path.join(WORK, f"film-1080p25-{SECONDS}s-social.mp4")
    if not os.path.exists(path):
        os.makedirs(WORK, exist_ok=True)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25",
                        "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000", "-t", str(SECONDS),
                        "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-ac", "2", path], check=True)
    return path


def script():
    """The ASS script Mediadesk writes for a 9:16 reel (its style, PlayRes and safe margins)."""
    path = os.path.join(WORK, "social-vi.ass")
    clock = lambda ms: f"{ms // 3600000}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02}.{ms // 10 % 100:02}"
    events = "".join(f"Dialogue: 0,{clock(s * 1000)},{clock(s * 1000 + 2500)},Default,,0,0,0,,"
                     f"{LINES[(s // 3) % len(LINES)]}\n" for s in range(0, SECONDS - 2, 3))
    with open(path, "w", encoding="utf-8") as f:
        f.write("[Script Info]\nScriptType: v4.00+\nPlayResX: 1080\nPlayResY: 1920\nWrapStyle: 0\n"
                "ScaledBorderAndShadow: yes\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, "
                "SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, "
                "Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
                "Style: Default,Noto Sans,58,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,4,1,"
                "2,64,150,384,1\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, "
                "Effect, Text\n" + events)
    return path


def timed(command):
    started = time.monotonic()
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.monotonic() - started, out


def main():
    source, ass = film(), script()
    spec = json.dumps({"width": 1080, "height": 1920, "crop": True, "focus": [0.5, 0.5], "max_ms": None,
                       "subtitles": ass})
    # 1920×1080 to 9:16: 606 wide, centred (as Mediadesk crops around the default focus).
    vf = f"crop=606:1080:656:0,scale=1080:1920:flags=lanczos,setsar=1,subtitles=filename={ass},format=yuv420p"
    ours, theirs = [], []
    for _ in range(3):
        seconds, _ = timed([MEDIADESK, "media-worker", "social", source, os.path.join(WORK, "social-mediadesk.mp4"), spec])
        ours.append(seconds)
        seconds, _ = timed(["ffmpeg", "-v", "error", "-y", "-i", source, "-vf", vf, "-c:v", "libx264", "-profile:v",
                            "high", "-preset", "medium", "-crf", "20", "-c:a", "aac", "-b:a", "160k", "-ac", "2",
                            "-ar", "48000", os.path.join(WORK, "social-ffmpeg.mp4")])
        theirs.append(seconds)
    a, b = statistics.median(ours), statistics.median(theirs)
    rounds = ", ".join(f"{x:.1f}/{y:.1f}" for x, y in zip(ours, theirs))
    print(f"| vertical 9:16 reel, {SECONDS} s 1080p25, Vietnamese burned in | media worker `social` (crop around the "
          f"focus, lanczos 1080×1920, libass, x264 High medium CRF 20, AAC 160k) {a:.1f} s | ffmpeg CLI `-vf crop=…,"
          f"scale=1080:1920,subtitles=…`, the same script, preset and CRF {b:.1f} s | {a / b:.2f}× its time "
          f"(rounds {rounds} s) | ≤ 1.1×: {'met' if a / b <= 1.1 else 'not met'} |")


if __name__ == "__main__":
    main()
