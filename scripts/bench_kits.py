"""Kit build benchmark, beside its peer in the same run: a newspaper kit of 200 24-megapixel
photos with Vietnamese and English metadata, against the pipeline a newsroom would script on
the same files — `vipsthumbnail -s 3000` into sRGB, `exiftool` writing the same fields, then
`bagit.py` making the bag with sha256 and sha512 — at the same parallelism (one process per
core for each step). Prints a BENCHMARKS.md row."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bench_ingest import CORES, WORK, photos_24mp, run_measured  # noqa: E402

MEDIADESK = os.path.abspath(sys.argv[1])
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 200
CAPTION_VI = "Sân bay quốc tế Long Thành, Đồng Nai: công nhân hoàn thiện nhà ga hành khách, ảnh {i}"
CAPTION_EN = "Long Thanh international airport, Dong Nai: workers finish the passenger terminal, photo {i}"


def md(lib, *args):
    return subprocess.run([MEDIADESK, "--library", lib, *args], check=True, capture_output=True, text=True).stdout


def library(folder):
    """A library of the photos, captioned in both languages, the English approved: not timed."""
    lib = os.path.join(WORK, f"kit-library-{COUNT}")
    if os.path.exists(os.path.join(lib, "ready")):
        return lib
    shutil.rmtree(lib, ignore_errors=True)
    md(lib, "ingest", "--classification", "public", "--json", folder)
    ids = [str(i) for i in range(1, COUNT + 1)]
    common = ["--headline", "Sân bay Long Thành", "--headline", "en=Long Thanh airport", "--credit", "Báo Đồng Nai",
              "--creator", "Nguyễn Thị Thảo", "--copyright", "© 2026 Báo Đồng Nai", "--city", "Long Thành",
              "--country", "Việt Nam", "--territories", "worldwide"]
    md(lib, "edit", *ids, *common)
    for i in ids:
        md(lib, "edit", i, "--caption", "vi=" + CAPTION_VI.format(i=i), "--caption", "en=" + CAPTION_EN.format(i=i))
        for part in ("caption", "headline"):
            md(lib, "tr", "set", i, part, "en", "approved", "--json")
    open(os.path.join(lib, "ready"), "w").close()
    return lib


def peer_script(files, out):
    """The newsroom's script: resize, write the fields, bag — each step one process per core."""
    per = (len(files) + CORES - 1) // CORES
    chunks = [files[i:i + per] for i in range(0, len(files), per)]
    data = os.path.join(out, "data")
    lines = [f"mkdir -p {data}"]
    lines.append(" & ".join(
        f"vipsthumbnail -s 3000 --export-profile srgb -o {data}/%s.jpg[Q=90,strip] " + " ".join(c) for c in chunks
    ) + " & wait")
    tags = ["-XMP-dc:Description-x-default=" + CAPTION_EN, "-XMP-dc:Description-en=" + CAPTION_EN,
            "-XMP-dc:Description-vi=" + CAPTION_VI, "-XMP-photoshop:Headline=Long Thanh airport",
            "-XMP-dc:Creator=Nguyễn Thị Thảo", "-XMP-photoshop:Credit=Báo Đồng Nai", "-XMP-dc:Rights=© 2026 Báo Đồng Nai",
            "-XMP-photoshop:City=Long Thành", "-XMP-photoshop:Country=Việt Nam", "-XMP-dc:Title=0001-SAN-BAY-LONG-THANH",
            "-IPTC:CodedCharacterSet=UTF8", "-IPTC:Caption-Abstract=" + CAPTION_EN, "-IPTC:Headline=Long Thanh airport",
            "-IPTC:By-line=Nguyễn Thị Thảo", "-IPTC:Credit=Báo Đồng Nai", "-IPTC:CopyrightNotice=© 2026 Báo Đồng Nai",
            "-IPTC:City=Long Thành", "-IPTC:Country-PrimaryLocationName=Việt Nam", "-IPTC:ObjectName=0001-SAN-BAY-LONG-THANH"]
    quoted = " ".join("'" + t.replace("'", "'\\''") + "'" for t in tags)
    outs = [" ".join(f"{data}/{os.path.splitext(os.path.basename(f))[0]}.jpg" for f in c) for c in chunks]
    lines.append(" & ".join(f"exiftool -q -overwrite_original {quoted} {o}" for o in outs) + " & wait")
    lines.append(f"python3 -m bagit --quiet --sha256 --sha512 --processes {CORES} {data}")
    return " && ".join(lines)


def main():
    folder = photos_24mp(COUNT)
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))[:COUNT]
    lib = library(folder)
    kit = md(lib, "kit", "new", "--profile", "newspaper", "--lang", "en", "--with-vietnamese", "--recipient",
             "The Guardian, foreign desk", "--country", "GB", *[str(i) for i in range(1, COUNT + 1)], "--json")
    kit_id = __import__("json").loads(kit)["id"]
    rounds = []
    for _ in range(3):
        out = tempfile.mkdtemp(prefix="md-kit-", dir=WORK)
        ours = run_measured([MEDIADESK, "--library", lib, "kit", "build", str(kit_id), "-o", out, "--json"])
        shutil.rmtree(out)
        peer_out = tempfile.mkdtemp(prefix="peer-kit-", dir=WORK)
        env = dict(os.environ, VIPS_CONCURRENCY="1")
        peer = run_measured(["sh", "-c", peer_script(files, peer_out)], env=env)
        shutil.rmtree(peer_out)
        rounds.append((ours, peer))
    ours_s = statistics.median(r[0][0] for r in rounds)
    peer_s = statistics.median(r[1][0] for r in rounds)
    ours_mb = max(r[0][1] for r in rounds)
    print(f"| newspaper kit, {COUNT} × 24 MP JPEG, vi + en metadata, {CORES} workers | `kit build` (preflight, decode at "
          f"DCT scale, sRGB, Lanczos to 3000 px, XMP + IIM + ICC, ninjs, BagIt sha256+sha512) {ours_s:.1f} s, "
          f"{1000 * ours_s / COUNT:.0f} ms/photo, peak {ours_mb:.0f} MB | vipsthumbnail -s 3000 + exiftool + bagit.py, "
          f"{peer_s:.1f} s, {1000 * peer_s / COUNT:.0f} ms/photo | {peer_s / ours_s:.2f}× faster | ≥ 1.5×, ≤ 400 MB |")
    print("rounds (ours s, peer s):", [(round(o[0], 2), round(p[0], 2)) for o, p in rounds])


if __name__ == "__main__":
    main()
