#!/usr/bin/env bash
# Regenerates Mediadesk's demo library (assets/demo): 12 photos of Đồng Nai
# topics with realistic EXIF / IPTC / XMP metadata, and a short video clip with
# Vietnamese and English subtitles.
#
# Everything is synthesised here: ImageMagick 6 paints the scenes from
# gradients, fractal noise and vector shapes (drawn by a small embedded Python
# helper), exiftool writes the metadata, ffmpeg encodes the clip. No external
# image is used; see LICENSES (CC0).
#
# Usage: bash assets/demo/generate.sh      (takes a few minutes)
# Needs: /usr/bin/convert (ImageMagick 6), exiftool, ffmpeg with libx264, python3.
# Re-runnable and idempotent: fixed seeds, a single ImageMagick thread and a
# single-threaded ffmpeg encode make every run write byte-identical files (for
# the same tool versions); each file is built in a temporary folder and then
# moved over the previous one. Shapes are passed to ImageMagick as -draw
# "$(<file)" because Debian's ImageMagick policy forbids -draw @file.
set -euo pipefail
export LC_ALL=C.UTF-8

DEMO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IM=/usr/bin/convert
for tool in "$IM" exiftool ffmpeg python3 identify; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is required" >&2; exit 1; }
done
# One thread: ImageMagick's noise generators are only reproducible single-threaded.
export MAGICK_THREAD_LIMIT=1
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
SHAPES="$W/shapes.py"

cat > "$SHAPES" <<'PY'
"""Deterministic vector shapes (ImageMagick MVG) for the demo scenes."""
import math
import random
import sys


def ridge_points(w, base, amp, rough, seed, peaks=None, n=512):
    """Midpoint-displacement skyline; peaks = [(x_frac, height_px, width_frac)]."""
    rnd = random.Random(seed)
    pts = [0.0] * (n + 1)
    pts[0], pts[n] = rnd.uniform(-1, 1), rnd.uniform(-1, 1)
    step, scale = n, 1.0
    while step > 1:
        half = step // 2
        for i in range(half, n, step):
            pts[i] = (pts[i - half] + pts[i + half]) / 2 + rnd.uniform(-1, 1) * scale
        scale *= rough
        step = half
    m = max(abs(p) for p in pts) or 1.0
    out = []
    for i, p in enumerate(pts):
        x = w * i / n
        y = base - amp * p / m
        for (px, ph, pw) in peaks or []:
            d = (i / n - px) / pw
            y -= ph * math.exp(-d * d)
        out.append((x, y))
    return out


def poly(points, w, h, fill):
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f"fill '{fill}' polygon -5,{h + 5} {pts} {w + 5},{h + 5}\n"


def cmd_ridge(a):
    # ridge W H BASE AMP ROUGH SEED FILL [peak_x:peak_h:peak_w ...]
    w, h, base, amp = int(a[0]), int(a[1]), float(a[2]), float(a[3])
    rough, seed, fill = float(a[4]), int(a[5]), a[6]
    peaks = [tuple(float(v) for v in p.split(":")) for p in a[7:]]
    sys.stdout.write(poly(ridge_points(w, base, amp, rough, seed, peaks), w, h, fill))


def cmd_ridgey(a):
    # ridgey W H BASE AMP ROUGH SEED XFRAC [peaks...] -> y of the ridge at XFRAC
    w, h, base, amp = int(a[0]), int(a[1]), float(a[2]), float(a[3])
    rough, seed, xf = float(a[4]), int(a[5]), float(a[6])
    peaks = [tuple(float(v) for v in p.split(":")) for p in a[7:]]
    pts = ridge_points(w, base, amp, rough, seed, peaks)
    i = round(xf * (len(pts) - 1))
    print(int(min(p[1] for p in pts[max(0, i - 3):i + 4])))


def cmd_rays(a):
    # rays W H X Y COUNT SEED  (light shafts fanning from a point above the frame)
    w, h, x, y, n, seed = int(a[0]), int(a[1]), float(a[2]), float(a[3]), int(a[4]), int(a[5])
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        ang = math.radians(rnd.uniform(100, 150))
        spread = math.radians(rnd.uniform(0.6, 2.2))
        L = h * 2.2
        g = rnd.randint(90, 255)
        p1 = (x + L * math.cos(ang - spread), y + L * math.sin(ang - spread))
        p2 = (x + L * math.cos(ang + spread), y + L * math.sin(ang + spread))
        out.append(f"fill 'rgb({g},{g},{g})' polygon {x:.1f},{y:.1f} {p1[0]:.1f},{p1[1]:.1f} {p2[0]:.1f},{p2[1]:.1f}\n")
    sys.stdout.write("".join(out))


def cmd_skyline(a):
    # skyline W H GROUND SEED BODY|WINDOWS  (Biên Hòa riverside towers)
    w, h, ground, seed, what = int(a[0]), int(a[1]), float(a[2]), int(a[3]), a[4]
    rnd = random.Random(seed)
    x = -20.0
    layers = []
    # two rows: far (hazy, taller) and near (darker, lower)
    for row, (hmin, hmax, col) in enumerate([(60, 260, "#5b5f86"), (25, 150, "#2e3352")]):
        x = -rnd.uniform(0, 40)
        while x < w:
            bw = rnd.uniform(30, 95) if row == 0 else rnd.uniform(40, 140)
            gap = rnd.uniform(0, 25) if row == 0 else rnd.uniform(5, 60)
            tall = rnd.random() < 0.18
            bh = rnd.uniform(hmin, hmax) * (1.8 if tall else 1.0)
            if 0.28 * w < x < 0.38 * w and row == 0:
                bh = 330.0  # landmark tower
            layers.append((row, x, ground - bh, x + bw, ground + 2, col))
            x += bw + gap
    out = []
    for row, x0, y0, x1, y1, col in layers:
        if what == "BODY":
            out.append(f"fill '{col}' rectangle {x0:.1f},{y0:.1f} {x1:.1f},{y1:.1f}\n")
            if rnd.random() < 0.3:  # roof detail
                cx = (x0 + x1) / 2
                out.append(f"fill '{col}' rectangle {cx - 4:.1f},{y0 - 18:.1f} {cx + 4:.1f},{y0:.1f}\n")
        else:
            lit = 0.2 if row == 1 else 0.14
            fy = y0 + 8
            while fy < y1 - 12:
                fx = x0 + 5
                while fx < x1 - 7:
                    if rnd.random() < lit:
                        c = rnd.choice(["#ffd27a", "#ffe7a8", "#fff3d6", "#bfe3ff"])
                        out.append(f"fill '{c}' rectangle {fx:.1f},{fy:.1f} {fx + 3.5:.1f},{fy + 4.5:.1f}\n")
                    fx += 8
                fy += 10
    sys.stdout.write("".join(out))


def cmd_trees(a):
    # trees W H GROUND MINR MAXR COUNT SEED COLOR1,COLOR2,...  (round crowns)
    w, h, ground = int(a[0]), int(a[1]), float(a[2])
    rmin, rmax, count, seed = float(a[3]), float(a[4]), int(a[5]), int(a[6])
    cols = a[7].split(",")
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        r = rnd.uniform(rmin, rmax)
        x = rnd.uniform(-r, w + r)
        y = ground - rnd.uniform(0.2, 1.0) * r
        out.append(f"fill '{rnd.choice(cols)}' ellipse {x:.1f},{y:.1f} {r * rnd.uniform(0.9, 1.4):.1f},{r:.1f} 0,360\n")
    sys.stdout.write("".join(out))


def cmd_trunks(a):
    # trunks W H COUNT WMIN WMAX SEED COLOR  (forest trunks, slight lean)
    w, h, count, wmin, wmax, seed, col = int(a[0]), int(a[1]), int(a[2]), float(a[3]), float(a[4]), int(a[5]), a[6]
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        x = rnd.uniform(0, w)
        tw = rnd.uniform(wmin, wmax)
        lean = rnd.uniform(-0.04, 0.04) * h
        top = rnd.uniform(-0.1, 0.15) * h
        out.append(
            f"fill '{col}' polygon {x - tw / 2:.1f},{h + 5} {x + tw / 2:.1f},{h + 5} "
            f"{x + lean + tw * 0.3:.1f},{top:.1f} {x + lean - tw * 0.3:.1f},{top:.1f}\n")
        # a branch or two
        for _ in range(rnd.randint(0, 2)):
            by = rnd.uniform(0.05, 0.5) * h
            bx = x + lean * (1 - by / h)
            d = rnd.choice([-1, 1]) * rnd.uniform(0.05, 0.15) * w
            out.append(f"stroke '{col}' stroke-width {tw * 0.18:.1f} fill none "
                       f"path 'M {bx:.1f},{by:.1f} Q {bx + d * 0.5:.1f},{by - 0.02 * h:.1f} {bx + d:.1f},{by - 0.08 * h:.1f}'\n"
                       "stroke none\n")
    sys.stdout.write("".join(out))


def cmd_circles(a):
    # circles W H X0 Y0 X1 Y1 RMIN RMAX COUNT SEED COLORS  (bokeh, lanterns, fruit)
    w, h = int(a[0]), int(a[1])
    x0, y0, x1, y1 = (float(v) for v in a[2:6])
    rmin, rmax, count, seed = float(a[6]), float(a[7]), int(a[8]), int(a[9])
    cols = a[10].split(",")
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        r = rnd.uniform(rmin, rmax)
        x, y = rnd.uniform(x0, x1), rnd.uniform(y0, y1)
        out.append(f"fill '{rnd.choice(cols)}' circle {x:.1f},{y:.1f} {x + r:.1f},{y:.1f}\n")
    sys.stdout.write("".join(out))


def cmd_lanterns(a):
    # lanterns W H SEED PART   PART=BODY|STRING  (festival lanterns on strings)
    w, h, seed, part = int(a[0]), int(a[1]), int(a[2]), a[3]
    rnd = random.Random(seed)
    out = []
    for row in range(4):
        ya = 0.10 * h + row * 0.11 * h
        sag = 0.05 * h
        n = 9 + row * 3
        rr = 0.028 * w * (1.0 - row * 0.17)
        if part == "STRING":
            out.append(f"stroke '#3a2a20' stroke-width 2 fill none path 'M -10,{ya:.1f} Q {w / 2:.1f},{ya + 2 * sag:.1f} {w + 10},{ya:.1f}'\nstroke none\n")
            continue
        for i in range(n):
            t = (i + 0.5 + rnd.uniform(-0.15, 0.15)) / n
            x = t * w
            y = ya + 4 * sag * t * (1 - t) + rr * 1.4
            col = rnd.choice(["#ff3b1f", "#ff5522", "#ffb02e", "#ff2a3c", "#ffd34d", "#e8242a"])
            out.append(f"fill '{col}' ellipse {x:.1f},{y:.1f} {rr:.1f},{rr * 1.15:.1f} 0,360\n")
            out.append(f"fill '#f5c542' rectangle {x - rr * 0.35:.1f},{y - rr * 1.25:.1f} {x + rr * 0.35:.1f},{y - rr * 1.05:.1f}\n")
            out.append(f"fill '#f5c542' rectangle {x - rr * 0.35:.1f},{y + rr * 1.05:.1f} {x + rr * 0.35:.1f},{y + rr * 1.25:.1f}\n")
            out.append(f"stroke '#c8102e' stroke-width 2 line {x:.1f},{y + rr * 1.25:.1f} {x:.1f},{y + rr * 2.0:.1f}\nstroke none\n")
    sys.stdout.write("".join(out))


def cmd_crowd(a):
    # crowd W H BASE SCALE COUNT SEED  (people seen from behind / silhouettes)
    w, h, base, scale, count, seed = int(a[0]), int(a[1]), float(a[2]), float(a[3]), int(a[4]), int(a[5])
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        s = scale * rnd.uniform(0.85, 1.15)
        x = rnd.uniform(-20, w + 20)
        y = base + rnd.uniform(-0.3, 0.3) * s * 100
        shirt = rnd.choice(["#1a1410", "#221a16", "#2b2018", "#15100c", "#302218"])
        sw = 46 * s
        out.append(f"fill '{shirt}' roundrectangle {x - sw:.1f},{y:.1f} {x + sw:.1f},{h + 40:.1f} {20 * s:.1f},{20 * s:.1f}\n")
        out.append(f"fill '{shirt}' rectangle {x - 12 * s:.1f},{y - 12 * s:.1f} {x + 12 * s:.1f},{y + 5:.1f}\n")
        out.append(f"fill '#0e0a08' ellipse {x:.1f},{y - 34 * s:.1f} {22 * s:.1f},{27 * s:.1f} 0,360\n")
    sys.stdout.write("".join(out))


def cmd_people(a):
    # people W H SEED  (press delegation group photo, two rows)
    w, h, seed = int(a[0]), int(a[1]), int(a[2])
    rnd = random.Random(seed)
    out = []
    skins = ["#c99673", "#d4a383", "#b98563", "#e0b494", "#c28c69"]
    hairs = ["#15110f", "#1d1714", "#2a211c", "#3b3b3b", "#101010"]
    shirts_back = ["#f2f2ee", "#e9ecf2", "#2b3552", "#f4f1e8", "#3a3d44", "#dfe7f0"]
    shirts_front = ["#f5f5f2", "#1f2a44", "#f2efe6", "#b8262c", "#2c2f35", "#e7e3d8", "#3c5a8a"]
    for row, (n, cy, s, shirts) in enumerate([(8, 0.52, 1.25, shirts_back), (7, 0.64, 1.4, shirts_front)]):
        span = w * (0.86 if row == 0 else 0.80)
        for i in range(n):
            x = (w - span) / 2 + span * (i + 0.5) / n + rnd.uniform(-12, 12)
            y = cy * h + rnd.uniform(-8, 8)
            ss = s * rnd.uniform(0.92, 1.06) * w / 1600
            shirt = rnd.choice(shirts)
            sw = 74 * ss
            # torso + shoulders, arms as darker edges
            out.append(f"fill '{shirt}' roundrectangle {x - sw:.1f},{y + 58 * ss:.1f} {x + sw:.1f},{h + 40:.1f} {40 * ss:.1f},{40 * ss:.1f}\n")
            out.append(f"fill 'rgba(0,0,0,0.18)' rectangle {x - sw + 14 * ss:.1f},{y + 110 * ss:.1f} {x - sw + 17 * ss:.1f},{h + 40:.1f}\n")
            out.append(f"fill 'rgba(0,0,0,0.18)' rectangle {x + sw - 17 * ss:.1f},{y + 110 * ss:.1f} {x + sw - 14 * ss:.1f},{h + 40:.1f}\n")
            if shirt in ("#1f2a44", "#2c2f35", "#2b3552", "#3a3d44"):  # suit: white shirt + tie
                out.append(f"fill '#f2f2f0' polygon {x - 16 * ss:.1f},{y + 62 * ss:.1f} {x + 16 * ss:.1f},{y + 62 * ss:.1f} {x:.1f},{y + 130 * ss:.1f}\n")
                out.append(f"fill '#7a1c22' polygon {x - 5 * ss:.1f},{y + 66 * ss:.1f} {x + 5 * ss:.1f},{y + 66 * ss:.1f} {x + 6 * ss:.1f},{y + 140 * ss:.1f} {x - 6 * ss:.1f},{y + 140 * ss:.1f}\n")
            skin = rnd.choice(skins)
            out.append(f"fill '{skin}' rectangle {x - 13 * ss:.1f},{y + 30 * ss:.1f} {x + 13 * ss:.1f},{y + 66 * ss:.1f}\n")
            out.append(f"fill '{skin}' ellipse {x:.1f},{y:.1f} {27 * ss:.1f},{34 * ss:.1f} 0,360\n")
            out.append(f"fill '{skin}' ellipse {x - 27 * ss:.1f},{y + 2 * ss:.1f} {4 * ss:.1f},{7 * ss:.1f} 0,360\n")
            out.append(f"fill '{skin}' ellipse {x + 27 * ss:.1f},{y + 2 * ss:.1f} {4 * ss:.1f},{7 * ss:.1f} 0,360\n")
            hair = rnd.choice(hairs)
            long_hair = rnd.random() < 0.35
            if long_hair:
                out.append(f"fill '{hair}' ellipse {x:.1f},{y + 5 * ss:.1f} {31 * ss:.1f},{44 * ss:.1f} 180,360\n")
                out.append(f"fill '{hair}' rectangle {x - 31 * ss:.1f},{y + 4 * ss:.1f} {x - 22 * ss:.1f},{y + 55 * ss:.1f}\n")
                out.append(f"fill '{hair}' rectangle {x + 22 * ss:.1f},{y + 4 * ss:.1f} {x + 31 * ss:.1f},{y + 55 * ss:.1f}\n")
                out.append(f"fill '{skin}' ellipse {x:.1f},{y + 6 * ss:.1f} {22 * ss:.1f},{28 * ss:.1f} 0,360\n")
            else:
                out.append(f"fill '{hair}' ellipse {x:.1f},{y - 10 * ss:.1f} {29 * ss:.1f},{26 * ss:.1f} 180,360\n")
            # eyes / mouth hints (very soft after blur)
            out.append(f"fill '#3a2a22' ellipse {x - 9 * ss:.1f},{y + 2 * ss:.1f} {3 * ss:.1f},{2 * ss:.1f} 0,360\n")
            out.append(f"fill '#3a2a22' ellipse {x + 9 * ss:.1f},{y + 2 * ss:.1f} {3 * ss:.1f},{2 * ss:.1f} 0,360\n")
            out.append(f"fill '#9a5a4a' ellipse {x:.1f},{y + 19 * ss:.1f} {7 * ss:.1f},{2.2 * ss:.1f} 0,360\n")
    sys.stdout.write("".join(out))


def smooth_profile(profile, n=60):
    """Cosine-interpolated (t, r) samples through the control points."""
    out = []
    for k in range(n + 1):
        t = k / n
        for (t0, r0), (t1, r1) in zip(profile, profile[1:]):
            if t0 <= t <= t1:
                u = (t - t0) / (t1 - t0) if t1 > t0 else 0
                u = (1 - math.cos(math.pi * u)) / 2
                out.append((t, r0 + (r1 - r0) * u))
                break
    return out


def lathe(cx, base_y, height, profile, scale):
    """Closed polygon for a vase: profile = list of (t 0..1 from bottom, half-width px)."""
    prof = smooth_profile(profile)
    right = [(cx + r * scale, base_y - t * height) for t, r in prof]
    left = [(cx - r * scale, base_y - t * height) for t, r in reversed(prof)]
    return right + left


VASE_PROFILES = [
    [(0, 40), (0.08, 70), (0.35, 95), (0.6, 70), (0.8, 38), (0.9, 34), (1.0, 44)],   # baluster
    [(0, 50), (0.15, 90), (0.45, 110), (0.75, 90), (0.92, 60), (1.0, 62)],           # jar
    [(0, 30), (0.3, 55), (0.55, 60), (0.75, 30), (0.9, 18), (1.0, 26)],              # bottle
    [(0, 55), (0.2, 75), (0.6, 80), (0.85, 70), (1.0, 74)],                           # pot
]
VASE_LAYOUT = [  # (cx_frac, base_frac, height_frac, scale)
    (0.16, 0.42, 0.25, 0.95), (0.42, 0.42, 0.22, 1.05), (0.72, 0.42, 0.28, 0.85),
    (0.25, 0.93, 0.40, 1.55), (0.70, 0.95, 0.36, 1.75),
]


def cmd_vases(a):
    # vases W H SEED PART  PART=BODY|MASK|SHADE|SPEC|MOUTH  (Biên Hòa glazed pottery on a shelf)
    w, h, seed, part = int(a[0]), int(a[1]), int(a[2]), a[3]
    glazes = ["#1f5f7a", "#2f7d6d", "#16425b", "#6b3d24", "#3c7a5a", "#1d4e6e", "#8a5a2b", "#2a6f84"]
    lx, lz = -0.55, 0.83
    out = []
    for i, (cxf, bf, hf, sc) in enumerate(VASE_LAYOUT):
        prof = VASE_PROFILES[(i + seed) % len(VASE_PROFILES)]
        k = sc * w / 1200
        cx, by, vh = cxf * w, bf * h, hf * h
        rmax = max(r for t, r in prof) * k
        if part in ("SHADE", "SPEC"):
            x = cx - rmax
            while x < cx + rmax:
                u = max(-1.0, min(1.0, (x + 1 - cx) / rmax))
                nz = math.sqrt(max(0.0, 1 - u * u))
                diff = max(0.0, u * lx + nz * lz)
                hx, hz = lx, lz + 1
                hn = math.hypot(hx, hz)
                spec = max(0.0, (u * hx + nz * hz) / hn) ** 60
                g = int(255 * (0.32 + 0.68 * diff)) if part == "SHADE" else int(255 * spec)
                out.append(f"fill 'rgb({g},{g},{g})' rectangle {x:.1f},{by - vh - 5:.1f} {x + 2:.1f},{by + 5:.1f}\n")
                x += 2
            continue
        if part == "MOUTH":
            rt = prof[-1][1] * k
            out.append(f"fill '#120c08' ellipse {cx:.1f},{by - vh + 3:.1f} {rt * 0.82:.1f},{rt * 0.16:.1f} 0,360\n")
            continue
        pts = lathe(cx, by, vh, prof, k)
        p = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        col = "white" if part == "MASK" else glazes[(i * 3 + seed) % len(glazes)]
        out.append(f"fill '{col}' polygon {p}\n")
        if part == "BODY":  # incised decoration band
            t0, t1 = 0.38, 0.52
            yb, yt = by - t0 * vh, by - t1 * vh
            rr = rmax * 0.97
            out.append(f"fill '#e8e0c8' fill-opacity 0.18 rectangle {cx - rr:.1f},{yt:.1f} {cx + rr:.1f},{yb:.1f}\nfill-opacity 1\n")
            for j in range(9):
                fx = cx + rr * math.sin(-1.3 + j * 0.33)
                out.append(f"fill '#f0e6c0' fill-opacity 0.3 ellipse {fx:.1f},{(yt + yb) / 2:.1f} {rr * 0.05 * math.cos(-1.3 + j * 0.33):.1f},{(yb - yt) * 0.33:.1f} 0,360\nfill-opacity 1\n")
    sys.stdout.write("".join(out))


def cmd_pomelos(a):
    # pomelos W H SEED PART  PART=FRUIT|LEAVES|BRANCH
    w, h, seed, part = int(a[0]), int(a[1]), int(a[2]), a[3]
    rnd = random.Random(seed)
    fruits = [(0.33, 0.56, 0.125), (0.63, 0.47, 0.105), (0.86, 0.70, 0.075), (0.12, 0.36, 0.06)]
    out = []
    if part == "BRANCH":
        out.append(f"stroke '#3b2a1a' stroke-width {0.022 * w:.1f} fill none path 'M -20,{0.10 * h:.1f} C {0.3 * w:.1f},{0.05 * h:.1f} {0.6 * w:.1f},{0.12 * h:.1f} {w + 20},{0.05 * h:.1f}'\n")
        for fx, fy, fr in fruits:
            out.append(f"stroke '#4a3520' stroke-width {0.006 * w:.1f} fill none path 'M {fx * w:.1f},{(fy - fr * 1.3) * h:.1f} Q {fx * w + 10:.1f},{(fy - fr * 2) * h:.1f} {fx * w - 5:.1f},{0.09 * h:.1f}'\n")
        out.append("stroke none\n")
    elif part == "FRUIT":
        for fx, fy, fr in fruits:
            r = fr * w
            out.append(f"fill '#8fb63a' ellipse {fx * w:.1f},{fy * h:.1f} {r:.1f},{r * 1.08:.1f} 0,360\n")
            # pear-shaped shoulder typical of bưởi
            out.append(f"fill '#8fb63a' ellipse {fx * w:.1f},{fy * h - r * 0.55:.1f} {r * 0.68:.1f},{r * 0.62:.1f} 0,360\n")
    else:
        for _ in range(70):
            x, y = rnd.uniform(-0.05, 1.05) * w, rnd.uniform(-0.05, 0.95) * h
            L = rnd.uniform(0.07, 0.13) * w
            ang = rnd.uniform(0, 360)
            col = rnd.choice(["#1f4d1c", "#2a5e22", "#17401a", "#356b28", "#23521f"])
            out.append(f"push graphic-context translate {x:.1f},{y:.1f} rotate {ang:.1f} fill '{col}' "
                       f"path 'M {-L:.1f},0 Q 0,{-L * 0.55:.1f} {L:.1f},0 Q 0,{L * 0.55:.1f} {-L:.1f},0 Z' "
                       f"stroke '#9fbf6a' stroke-opacity 0.5 stroke-width 1.5 line {-L * 0.9:.1f},0 {L * 0.9:.1f},0 pop graphic-context\n")
    sys.stdout.write("".join(out))


def cmd_cashews(a):
    # cashews W H SEED  (kidney-shaped nuts on a board)
    w, h, seed = int(a[0]), int(a[1]), int(a[2])
    rnd = random.Random(seed)
    out = []
    placed = []
    tries = 0
    while len(placed) < 38 and tries < 5000:
        tries += 1
        cx, cy = rnd.gauss(0.5, 0.2) * w, rnd.gauss(0.58, 0.14) * h
        if not (0.04 * w < cx < 0.96 * w and 0.25 * h < cy < 0.95 * h):
            continue
        if any((cx - px) ** 2 + (cy - py) ** 2 < (0.07 * w) ** 2 for px, py in placed):
            continue
        placed.append((cx, cy))
    s = 0.045 * w
    for cx, cy in placed:
        ang = rnd.uniform(0, 360)
        col = rnd.choice(["#e7c48a", "#e2bb7c", "#ebcb95", "#d9ad6a", "#e5c080"])
        # kidney: outer arc then inner notch
        path = (f"M {-s:.1f},0 C {-s:.1f},{-1.1 * s:.1f} {s:.1f},{-1.1 * s:.1f} {s:.1f},0 "
                f"C {s:.1f},{0.55 * s:.1f} {0.45 * s:.1f},{0.75 * s:.1f} {0.3 * s:.1f},{0.3 * s:.1f} "
                f"C {0.15 * s:.1f},{0.05 * s:.1f} {-0.15 * s:.1f},{0.05 * s:.1f} {-0.3 * s:.1f},{0.3 * s:.1f} "
                f"C {-0.45 * s:.1f},{0.75 * s:.1f} {-s:.1f},{0.55 * s:.1f} {-s:.1f},0 Z")
        out.append(f"push graphic-context translate {cx:.1f},{cy:.1f} rotate {ang:.1f} fill '{col}' path '{path}' pop graphic-context\n")
    sys.stdout.write("".join(out))


def cmd_cranes(a):
    # cranes W H GROUND SEED  (tower cranes, lattice)
    w, h, ground, seed = int(a[0]), int(a[1]), float(a[2]), int(a[3])
    rnd = random.Random(seed)
    out = []
    for cx, top, jib, col in [(0.18, 0.12, 0.30, "#c9a227"), (0.63, 0.07, 0.28, "#d8b030"), (0.88, 0.22, 0.16, "#b08a2a")]:
        x, yt = cx * w, top * h
        mw = 10
        out.append(f"stroke '{col}' stroke-width 2.2 fill none\n")
        out.append(f"line {x - mw / 2:.1f},{ground:.1f} {x - mw / 2:.1f},{yt:.1f}\nline {x + mw / 2:.1f},{ground:.1f} {x + mw / 2:.1f},{yt:.1f}\n")
        y = ground
        while y > yt + 10:
            out.append(f"line {x - mw / 2:.1f},{y:.1f} {x + mw / 2:.1f},{y - 12:.1f}\n")
            y -= 12
        L, R = x - jib * 0.3 * w, x + jib * w
        out.append(f"line {L:.1f},{yt:.1f} {R:.1f},{yt:.1f}\nline {L:.1f},{yt + 7:.1f} {R:.1f},{yt + 7:.1f}\n")
        xx = L
        while xx < R - 8:
            out.append(f"line {xx:.1f},{yt + 7:.1f} {xx + 8:.1f},{yt:.1f}\n")
            xx += 12
        out.append(f"line {x:.1f},{yt - 28:.1f} {R:.1f},{yt:.1f}\nline {x:.1f},{yt - 28:.1f} {L:.1f},{yt:.1f}\n")
        out.append(f"stroke none fill '#4a4a4a' rectangle {L:.1f},{yt - 4:.1f} {L + 28:.1f},{yt + 14:.1f}\n")
        out.append(f"fill '#e9e4d0' rectangle {x - 9:.1f},{yt + 9:.1f} {x + 9:.1f},{yt + 22:.1f}\n")
        hx = x + jib * w * rnd.uniform(0.4, 0.85)
        hy = yt + rnd.uniform(0.15, 0.35) * h
        out.append(f"stroke '#333333' stroke-width 1.2 line {hx:.1f},{yt + 7:.1f} {hx:.1f},{hy:.1f}\nstroke none fill '#5a4a3a' rectangle {hx - 14:.1f},{hy:.1f} {hx + 14:.1f},{hy + 6:.1f}\n")
    sys.stdout.write("".join(out))


def cmd_terminal(a):
    # terminal W H GROUND PART  PART=ROOF|FRAME (lotus-petal roof under construction)
    w, h, ground, part = int(a[0]), int(a[1]), float(a[2]), a[3]
    out = []
    x0, x1 = 0.05 * w, 0.98 * w
    top = ground - 0.13 * h
    if part == "FRAME":
        out.append(f"fill '#c4beb2' rectangle {x0:.1f},{top + 0.045 * h:.1f} {x1:.1f},{ground:.1f}\n")
        out.append(f"fill '#9d978c' rectangle {x0:.1f},{top + 0.045 * h:.1f} {x1:.1f},{top + 0.058 * h:.1f}\n")
        x = x0 + 10
        while x < x1 - 40:
            out.append(f"fill '#5e5a55' rectangle {x:.1f},{top + 0.075 * h:.1f} {x + 40:.1f},{top + 0.098 * h:.1f}\n")
            out.append(f"fill '#6e6a64' rectangle {x:.1f},{top + 0.108 * h:.1f} {x + 40:.1f},{ground - 3:.1f}\n")
            x += 58
    else:
        n = 9
        pw = (x1 - x0) / n
        for i in range(n):
            a0 = x0 + i * pw
            cx = a0 + pw / 2
            done = i < 6  # petals still being clad on the right side
            col = "#e8ecef" if done else "none"
            stroke = "#6f7780"
            out.append(f"stroke '{stroke}' stroke-width 2 fill '{col}' path 'M {a0:.1f},{top + 0.05 * h:.1f} "
                       f"Q {cx:.1f},{top - 0.07 * h:.1f} {a0 + pw:.1f},{top + 0.05 * h:.1f} Z'\n")
            if not done:
                for k in range(1, 6):
                    t = k / 6
                    xx = a0 + pw * t
                    yy = top + 0.05 * h - 4 * t * (1 - t) * 0.12 * h * 0.98
                    out.append(f"line {xx:.1f},{yy:.1f} {xx:.1f},{top + 0.05 * h:.1f}\n")
        out.append("stroke none\n")
    sys.stdout.write("".join(out))


def cmd_factories(a):
    # factories W H HORIZON SEED  (industrial park sheds along a road)
    w, h, hz, seed = int(a[0]), int(a[1]), float(a[2]), int(a[3])
    rnd = random.Random(seed)
    out = []
    # left and right rows converging to the vanishing point
    vx = 0.52 * w
    for k in reversed(range(6)):
        for side in (-1, 1):
            d = 1.0 / (1 + k * 1.1)  # perspective scale
            xin = vx + side * (50 + 330 * d)
            xout = vx + side * (50 + 1000 * d)
            wall_h = 150 * d
            roof_h = 34 * d
            base = hz + 40 + 110 * d
            wall = rnd.choice(["#e6e6e1", "#dcdedd", "#ecebe6", "#d5d9dc"])
            roof = rnd.choice(["#3f6fa3", "#4c7fae", "#8a9399", "#3a5f8c", "#b5bcc2"])
            xa, xb = sorted((xin, xout))
            out.append(f"fill '{wall}' rectangle {xa:.1f},{base - wall_h:.1f} {xb:.1f},{base:.1f}\n")
            out.append(f"fill '{roof}' polygon {xa - 4:.1f},{base - wall_h:.1f} {xb + 4:.1f},{base - wall_h:.1f} {(xa + xb) / 2:.1f},{base - wall_h - roof_h:.1f}\n")
            # windows band and loading doors
            out.append(f"fill '#8fa3b3' rectangle {xa + 6:.1f},{base - wall_h * 0.8:.1f} {xb - 6:.1f},{base - wall_h * 0.7:.1f}\n")
            for j in range(3):
                dx = xa + (xb - xa) * (0.15 + 0.3 * j)
                out.append(f"fill '#6d7378' rectangle {dx:.1f},{base - wall_h * 0.45:.1f} {dx + 30 * d:.1f},{base:.1f}\n")
            if rnd.random() < 0.35:
                cx = xa + (xb - xa) * rnd.uniform(0.2, 0.8)
                out.append(f"fill '#b8b2aa' rectangle {cx - 6 * d:.1f},{base - wall_h - roof_h - 110 * d:.1f} {cx + 6 * d:.1f},{base - wall_h:.1f}\n")
    sys.stdout.write("".join(out))


def cmd_boats(a):
    # boats W H SEED  (small fishing boats with a fisher, silhouettes)
    w, h, seed = int(a[0]), int(a[1]), int(a[2])
    rnd = random.Random(seed)
    out = []
    for x, y, s in [(0.30, 0.66, 1.0), (0.71, 0.61, 0.55), (0.86, 0.77, 1.4)]:
        x, y, s = x * w, y * h, s * w / 1600
        L = 110 * s
        out.append(f"fill '#1a1410' path 'M {x - L:.1f},{y - 8 * s:.1f} Q {x:.1f},{y + 22 * s:.1f} {x + L:.1f},{y - 12 * s:.1f} L {x + L * 0.8:.1f},{y - 2 * s:.1f} Q {x:.1f},{y + 10 * s:.1f} {x - L * 0.85:.1f},{y:.1f} Z'\n")
        out.append(f"fill '#1a1410' path 'M {x - L * 0.9:.1f},{y - 6 * s:.1f} Q {x:.1f},{y + 14 * s:.1f} {x + L * 0.95:.1f},{y - 10 * s:.1f} L {x + L * 0.9:.1f},{y + 4 * s:.1f} Q {x:.1f},{y + 20 * s:.1f} {x - L * 0.88:.1f},{y + 2 * s:.1f} Z'\n")
        px = x + rnd.uniform(-0.3, 0.3) * L
        out.append(f"fill '#1a1410' path 'M {px - 13 * s:.1f},{y - 2 * s:.1f} L {px + 13 * s:.1f},{y - 2 * s:.1f} "
                   f"Q {px + 10 * s:.1f},{y - 22 * s:.1f} {px + 6 * s:.1f},{y - 30 * s:.1f} L {px - 6 * s:.1f},{y - 30 * s:.1f} "
                   f"Q {px - 10 * s:.1f},{y - 22 * s:.1f} {px - 13 * s:.1f},{y - 2 * s:.1f} Z'\n")
        out.append(f"fill '#1a1410' circle {px:.1f},{y - 34 * s:.1f} {px + 5.5 * s:.1f},{y - 34 * s:.1f}\n")
        out.append(f"fill '#1a1410' polygon {px - 24 * s:.1f},{y - 35 * s:.1f} {px + 24 * s:.1f},{y - 35 * s:.1f} {px:.1f},{y - 50 * s:.1f}\n")  # nón lá
        out.append(f"stroke '#1a1410' stroke-width {2.2 * s:.1f} line {px + 6 * s:.1f},{y - 22 * s:.1f} {px + 95 * s:.1f},{y + 12 * s:.1f}\nstroke none\n")
    sys.stdout.write("".join(out))


def cmd_fishfarms(a):
    # fishfarms W H HORIZON SEED  (floating fish cages / rafts on Trị An lake)
    w, h, hz, seed = int(a[0]), int(a[1]), float(a[2]), int(a[3])
    rnd = random.Random(seed)
    out = []
    for k, (x0, y0, s) in enumerate([(0.08, 0.10, 0.55), (0.55, 0.05, 0.35), (0.30, 0.25, 1.0)]):
        s *= w / 1600
        bx, by = x0 * w, hz + y0 * (h - hz)
        cols, rows = 6, 2
        cw, ch = 60 * s, 18 * s
        for r in range(rows):
            for c in range(cols):
                xx, yy = bx + c * cw, by + r * ch
                out.append(f"fill '#3b3025' rectangle {xx:.1f},{yy:.1f} {xx + cw - 3 * s:.1f},{yy + 4 * s:.1f}\n")
                out.append(f"fill '#6b8a9e' rectangle {xx + 3 * s:.1f},{yy + 4 * s:.1f} {xx + cw - 6 * s:.1f},{yy + ch - 2 * s:.1f}\n")
        hx = bx + cw * 2
        out.append(f"fill '#7a5a3a' rectangle {hx:.1f},{by - 40 * s:.1f} {hx + 80 * s:.1f},{by:.1f}\n")
        out.append(f"fill '#3d4d63' polygon {hx - 8 * s:.1f},{by - 40 * s:.1f} {hx + 88 * s:.1f},{by - 40 * s:.1f} {hx + 40 * s:.1f},{by - 62 * s:.1f}\n")
        out.append(f"fill '#2a1f16' rectangle {hx + 30 * s:.1f},{by - 28 * s:.1f} {hx + 48 * s:.1f},{by:.1f}\n")
    sys.stdout.write("".join(out))


def cmd_pagoda(a):
    # pagoda X Y S COLOR  (small temple on the hilltop, silhouette)
    x, y, s, col = float(a[0]), float(a[1]), float(a[2]), a[3]
    out = [f"fill '{col}' "]
    for k in range(3):
        ww = (34 - k * 8) * s
        yy = y - k * 16 * s
        out.append(f"polygon {x - ww:.1f},{yy:.1f} {x + ww:.1f},{yy:.1f} {x + ww * 0.7:.1f},{yy - 10 * s:.1f} {x - ww * 0.7:.1f},{yy - 10 * s:.1f}\n")
        out.append(f"rectangle {x - ww * 0.55:.1f},{yy:.1f} {x + ww * 0.55:.1f},{yy + 8 * s:.1f}\n")
    out.append(f"rectangle {x - 1.5 * s:.1f},{y - 62 * s:.1f} {x + 1.5 * s:.1f},{y - 40 * s:.1f}\n")
    sys.stdout.write("".join(out))


def cmd_temple(a):
    # temple W H BASE  (curved-roof Chinese-style temple silhouette, festival night)
    w, h, base = int(a[0]), int(a[1]), float(a[2])
    out = []
    for (x0, x1, y, rh) in [(0.05, 0.55, base, 0.16), (0.12, 0.48, base - 0.14 * h, 0.09)]:
        X0, X1 = x0 * w, x1 * w
        out.append(f"fill '#140d0a' rectangle {X0 + 30:.1f},{y - rh * h * 0.2:.1f} {X1 - 30:.1f},{h + 5}\n")
        out.append(f"fill '#1c120d' path 'M {X0 - 40:.1f},{y - rh * h * 0.55:.1f} Q {(X0 + X1) / 2:.1f},{y - rh * h * 0.15:.1f} {X1 + 40:.1f},{y - rh * h * 0.55:.1f} "
                   f"L {X1 - 20:.1f},{y - rh * h:.1f} L {X0 + 20:.1f},{y - rh * h:.1f} Z'\n")
        out.append(f"fill '#1c120d' ellipse {(X0 + X1) / 2:.1f},{y - rh * h:.1f} {(X1 - X0) * 0.05:.1f},{rh * h * 0.12:.1f} 0,360\n")
    # warm lit doorway
    out.append(f"fill '#ffb347' rectangle {0.24 * w:.1f},{base - 0.08 * h:.1f} {0.34 * w:.1f},{h + 5}\n")
    sys.stdout.write("".join(out))


def cmd_ripples(a):
    # ripples W H SEED  (small highlight glints for water, perspective-scaled)
    w, h, seed = int(a[0]), int(a[1]), int(a[2])
    rnd = random.Random(seed)
    out = []
    for _ in range(2200):
        d = rnd.random() ** 1.8          # 0 = horizon, 1 = near the camera
        y = h * d
        L = 2 + 40 * d * rnd.random() + 6 * rnd.random()
        x = rnd.gauss(0.5, 0.25) * w
        th = 0.5 + 2.0 * d
        g = rnd.randint(110, 255)
        out.append(f"fill 'rgb({g},{g},{g})' ellipse {x:.1f},{y:.1f} {L / 2:.1f},{th / 2:.2f} 0,360\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    globals()["cmd_" + sys.argv[1]](sys.argv[2:])
PY

# ---------------------------------------------------------------------------
# Painting helpers
# ---------------------------------------------------------------------------
S() { python3 "$SHAPES" "$@"; }
# sky OUT W H TOP MID BOTTOM MIDFRAC
sky() {
  local out=$1 w=$2 h=$3 top=$4 mid=$5 bot=$6 f=${7:-50}
  local h1=$(( h * f / 100 )); local h2=$(( h - h1 ))
  $IM -size ${w}x${h1} gradient:"$top"-"$mid" -size ${w}x${h2} gradient:"$mid"-"$bot" -append "$out"
}
# cloudmask OUT W H SEED LOW HIGH GX GY  (fbm clouds; GX>GY gives flatter clouds)
cloudmask() {
  fbm "$1" "$2" "$3" "$4" "$7" "$8"
  $IM "$1" -level "$5%,$6%" \( -size 1x$(( $3 * 3 / 4 )) xc:white -size 1x$(( $3 - $3 * 3 / 4 )) gradient:white-black -append -scale "$2"x"$3"! \) \
      -compose multiply -composite "$1"
}
# glow IMG X Y RX RY COLOR  (soft additive light)
glow() {
  $IM "$1" \( -size $(( $4 * 2 ))x$(( $5 * 2 )) -define gradient:extent=ellipse radial-gradient:"$6"-black \) \
      -geometry +$(( $2 - $4 ))+$(( $3 - $5 )) -compose screen -composite "$1"
}
# bigblur IN OUT SIGMA  (fast wide blur: shrink, blur, enlarge)
bigblur() {
  local sz; sz=$(identify -format %wx%h "$1")
  $IM "$1" -resize 12.5% -blur 0x$(( $3 / 8 )) -resize "$sz"! "$2"
}
# clouds SKY MASK OUT LIGHT SHADOW  (lit tops, darker bellies)
clouds() {
  local sky=$1 mask=$2 out=$3 light=$4 shadow=$5
  $IM "$mask" -blur 0x4 -shade 100x35 -auto-level -level 10%,100% "$W/_shade.png"
  $IM "$W/_shade.png" -size 1x2 gradient:"$light"-"$shadow" -interpolate bilinear -clut "$W/_cc.png"
  $IM "$sky" "$W/_cc.png" "$mask" -composite "$out"
}
# layer BASE MVG OUT BLUR [OPACITY]  (draw shapes on a transparent layer, soften, composite)
layer() {
  local base=$1 mvg=$2 out=$3 blur=${4:-0.6} op=${5:-1}
  $IM -size "$(identify -format %wx%h "$base")" xc:none -draw "$(<"$mvg")" -blur 0x"$blur" \
      -channel A -evaluate multiply "$op" +channel "$W/_layer.png"
  $IM "$base" "$W/_layer.png" -compose over -composite "$out"
}
# haze IN OUT COLOR PERCENT  (atmospheric perspective)
haze() { $IM "$1" -fill "$3" -colorize "$4" "$2"; }
# reflect IN OUT HORIZON WATERCOLOR SEED  (mirror everything above the horizon into water)
reflect() {
  local in=$1 out=$2 hz=$3 wc=$4 seed=$5
  local w h; w=$(identify -format %w "$in"); h=$(identify -format %h "$in")
  local wh=$(( h - hz ))
  $IM "$in" -crop ${w}x${hz}+0+0 +repage -flip -crop ${w}x${wh}+0+0 +repage "$W/_refl.png"
  # horizontal ripples: anisotropic noise, finer near the horizon
  $IM -seed "$seed" -size $(( w / 16 ))x${wh} xc:gray50 -attenuate 1.5 +noise Gaussian -colorspace gray \
      -resize ${w}x${wh}! -blur 0x1.5 -auto-level "$W/_ripple.png"
  $IM "$W/_refl.png" "$W/_ripple.png" -compose displace -set option:compose:args 0x9 -composite \
      -motion-blur 0x10+90 -fill "$wc" -colorize 35 -modulate 92,95 "$W/_refl2.png"
  $IM -size ${w}x${wh} gradient:gray80-gray30 "$W/_wgrad.png"
  $IM -size ${w}x${wh} xc:"$wc" "$W/_refl2.png" "$W/_wgrad.png" -composite "$W/_refl3.png"
  $IM "$in" "$W/_refl3.png" -geometry +0+${hz} -compose over -composite "$out"
}
# finish IN OUT GRAIN  (vignette, grain, crisp)
finish() {
  local in=$1 out=$2 grain=${3:-0.35}
  local w h; w=$(identify -format %w "$in"); h=$(identify -format %h "$in")
  $IM -size ${w}x${h} radial-gradient:white-gray55 -resize ${w}x${h}! -level 0,115% "$W/_vig.png"
  $IM "$in" "$W/_vig.png" -compose multiply -composite -seed 7 -attenuate "$grain" +noise Gaussian -unsharp 0x0.7+0.6 "$out"
}
# fbm OUT W H SEED GX GY  (fractal value noise, 5 octaves, gray 0..1)
fbm() {
  local out=$1 w=$2 h=$3 seed=$4 gx=$5 gy=$6 args=() k
  for k in 0 1 2 3 4; do
    args+=( \( -seed $(( seed * 10 + k )) -size $(( gx << k ))x$(( gy << k )) xc:gray50 -attenuate 2 +noise Uniform \
               -colorspace gray -filter Cubic -resize ${w}x${h}! \) )
  done
  $IM "${args[@]}" -poly "0.5,1 0.25,1 0.13,1 0.07,1 0.05,1" -auto-level "$out"
}

# ---------------------------------------------------------------------------
# Scenes (each writes a PNG at its native size)
# ---------------------------------------------------------------------------
scene_bienhoa_dusk() {  # OUT  Biên Hòa riverside skyline over the Đồng Nai river
  local out=$1 w=1600 h=1067 hz=600
  sky "$W/a.png" $w $h '#283a66' '#c87f6a' '#f2b27a' 55
  glow "$W/a.png" $(( w * 25 / 100 )) $(( hz - 20 )) 700 300 '#f7c58a'
  cloudmask "$W/cm.png" $w $(( hz - 60 )) 12 52 86 6 9
  $IM "$W/cm.png" \( -size ${w}x$(( hz - 60 )) gradient:white-gray30 \) -compose multiply -composite -compose over -background black -extent ${w}x${h} "$W/cm.png"
  clouds "$W/a.png" "$W/cm.png" "$W/a.png" '#f4b896' '#5a5478'
  S ridge $w $h $(( hz - 25 )) 10 0.5 24 '#6f6480' > "$W/r.mvg"
  layer "$W/a.png" "$W/r.mvg" "$W/a.png" 2
  S skyline $w $h $(( hz + 2 )) 25 BODY > "$W/sb.mvg"
  layer "$W/a.png" "$W/sb.mvg" "$W/a.png" 0.9
  S skyline $w $h $(( hz + 2 )) 25 WINDOWS > "$W/sw.mvg"
  $IM -size ${w}x${h} xc:none -draw "$(<"$W/sw.mvg")" -blur 0x0.7 \( +clone -blur 0x4 \) -compose screen -composite "$W/win.png"
  $IM "$W/a.png" "$W/win.png" -compose over -composite "$W/a.png"
  S trees $w $h $(( hz + 8 )) 10 26 140 26 '#1c2230,#232a38,#1a1f2a' > "$W/t.mvg"
  layer "$W/a.png" "$W/t.mvg" "$W/a.png" 1.2
  reflect "$W/a.png" "$W/a.png" $(( hz + 8 )) '#3b3f5c' 32
  finish "$W/a.png" "$out" 0.35
}

scene_buulong() {  # OUT  Bửu Long mountain over Long Ẩn lake, late morning
  local out=$1 w=1600 h=1067 hz=700
  sky "$W/a.png" $w $h '#3f79c0' '#8fbde6' '#d5e6f2' 55
  cloudmask "$W/cm.png" $w $(( hz - 80 )) 13 50 80 7 4
  $IM "$W/cm.png" -compose over -background black -extent ${w}x${h} "$W/cm.png"
  clouds "$W/a.png" "$W/cm.png" "$W/a.png" '#ffffff' '#9aa6b8'
  S ridge $w $h $(( hz - 30 )) 25 0.55 31 '#8fa4a8' 0.8:40:0.15 > "$W/r1.mvg"
  layer "$W/a.png" "$W/r1.mvg" "$W/a.png" 2
  # the rocky hill: fbm texture in greens/greys, clipped by its silhouette
  local pk="0.36:250:0.13 0.55:190:0.12 0.74:110:0.09 0.16:70:0.07"
  S ridge $w $h $(( hz + 10 )) 30 0.62 32 white $pk > "$W/m.mvg"
  $IM -size ${w}x${h} xc:black -draw "$(<"$W/m.mvg")" -blur 0x1 "$W/mm.png"
  fbm "$W/tx.png" $w $h 33 40 26
  $IM "$W/tx.png" \( -size 1x5 xc:'#1f2e18' -fill '#2f4a22' -draw 'point 0,1' -fill '#46652d' -draw 'point 0,2' -fill '#6b7352' -draw 'point 0,3' -fill '#a09d8a' -draw 'point 0,4' \) \
      -interpolate bilinear -clut "$W/mt.png"
  # light from upper left: shade the silhouette's blurred height map
  $IM "$W/mm.png" -blur 0x25 "$W/tx.png" -compose multiply -composite -shade 120x40 -auto-level -level 10%,100% "$W/ms.png"
  $IM "$W/mt.png" "$W/ms.png" -compose overlay -composite "$W/mt.png"
  $IM "$W/a.png" "$W/mt.png" "$W/mm.png" -composite "$W/a.png"
  haze "$W/a.png" "$W/a.png" '#c8d8e0' 8
  S pagoda $(( w * 37 / 100 )) $(( $(S ridgey $w $h $(( hz + 10 )) 30 0.62 32 0.37 $pk) + 6 )) 0.8 '#6e3a2a' > "$W/p.mvg"
  layer "$W/a.png" "$W/p.mvg" "$W/a.png" 0.6
  S trees $w $h $(( hz + 6 )) 12 30 120 34 '#2f4a24,#3a5a2a,#27401e,#4a6a30' > "$W/t.mvg"
  layer "$W/a.png" "$W/t.mvg" "$W/a.png" 1.2
  reflect "$W/a.png" "$W/a.png" $(( hz + 6 )) '#4f6f6a' 34
  finish "$W/a.png" "$out" 0.3
}

scene_trian_rafts() {  # OUT  fish-farming rafts on Trị An lake, afternoon
  local out=$1 w=1600 h=1067 hz=520
  sky "$W/a.png" $w $h '#2f6db5' '#7fb2e0' '#cfe2ee' 60
  cloudmask "$W/cm.png" $w $(( hz - 20 )) 14 45 78 8 5
  $IM "$W/cm.png" -compose over -background black -extent ${w}x${h} "$W/cm.png"
  clouds "$W/a.png" "$W/cm.png" "$W/a.png" '#ffffff' '#8f9cb0'
  S ridge $w $h $(( hz - 40 )) 30 0.55 41 '#8ea2b4' 0.3:45:0.2 > "$W/r1.mvg"
  layer "$W/a.png" "$W/r1.mvg" "$W/a.png" 2
  S ridge $w $h $(( hz - 8 )) 25 0.6 42 '#4f6a5a' 0.75:50:0.12 > "$W/r2.mvg"
  layer "$W/a.png" "$W/r2.mvg" "$W/a.png" 1.2
  S trees $w $h $(( hz + 4 )) 6 14 260 43 '#2c4a2c,#34552f,#263f27' > "$W/t.mvg"
  layer "$W/a.png" "$W/t.mvg" "$W/a.png" 0.9
  reflect "$W/a.png" "$W/a.png" $(( hz + 4 )) '#3f6878' 44
  S ripples $w $(( h - hz - 4 )) 45 > "$W/rp.mvg"
  $IM -size ${w}x$(( h - hz - 4 )) xc:black -draw "$(<"$W/rp.mvg")" -blur 0x1 -evaluate multiply 0.35 "$W/gl.png"
  $IM "$W/a.png" "$W/gl.png" -geometry +0+$(( hz + 4 )) -compose screen -composite "$W/a.png"
  S fishfarms $w $h $(( hz + 4 )) 46 > "$W/f.mvg"
  layer "$W/a.png" "$W/f.mvg" "$W/a.png" 0.6
  finish "$W/a.png" "$out" 0.3
}

scene_forest() {  # OUT  Nam Cát Tiên lowland forest, morning light (portrait)
  local out=$1 w=1200 h=1600
  $IM -size ${w}x${h} gradient:'#eef3d8'-'#7d9a5e' "$W/a.png"
  glow "$W/a.png" $(( w * 75 / 100 )) 80 800 600 '#fff6d0'
  local i=0 col blur cnt wmin wmax leaf
  for spec in "16:25:60:#aebf98:5:#a9bd8e" "16:30:70:#869f70:2.5:#7f9c64" "7:45:90:#55683f:1.4:#4d6a36" "3:70:120:#2a2618:0.6:#2a401c"; do
    IFS=: read -r cnt wmin wmax col blur leaf <<< "$spec"
    i=$(( i + 1 ))
    S trunks $w $h $cnt $wmin $wmax $(( 50 + i )) "$col" > "$W/tr.mvg"
    layer "$W/a.png" "$W/tr.mvg" "$W/a.png" $blur
    fbm "$W/fo.png" $w $h $(( 60 + i )) $(( 8 + i * 5 )) $(( 10 + i * 7 ))
    $IM "$W/fo.png" \( -size ${w}x${h} gradient:white-black -level 0,$(( 35 + i * 7 ))% \) -compose multiply -composite -level 38%,62% "$W/fm.png"
    $IM "$W/a.png" \( -size ${w}x${h} xc:"$leaf" -modulate 105,130 \) "$W/fm.png" -composite "$W/a.png"
  done
  fbm "$W/ug.png" $w $h 71 30 20
  $IM "$W/ug.png" \( -size ${w}x${h} gradient:black-white -level 72%,100% \) -compose multiply -composite -level 10%,45% "$W/um.png"
  $IM "$W/a.png" \( -size ${w}x${h} xc:'#3a5a24' \) "$W/um.png" -composite "$W/a.png"
  S rays $w $h $(( w * 85 / 100 )) -200 14 73 > "$W/ry.mvg"
  $IM -size ${w}x${h} xc:black -draw "$(<"$W/ry.mvg")" "$W/rays.png"
  bigblur "$W/rays.png" "$W/rays.png" 40
  $IM "$W/a.png" \( "$W/rays.png" -fill '#fff0b8' -tint 100 -evaluate multiply 0.45 \) -compose screen -composite "$W/a.png"
  finish "$W/a.png" "$out" 0.35
}

scene_trian_sunrise() {  # OUT
  local out=$1 w=1600 h=1067 hz=640
  local sx=$(( w * 62 / 100 )) sy=$(( hz - 105 )) wh=$(( h - hz ))
  sky "$W/a.png" $w $h '#3a5584' '#d99a78' '#ffdcaa' 60
  glow "$W/a.png" $sx $sy 800 420 '#ffdca0'
  glow "$W/a.png" $sx $sy 200 160 '#fff4d0'
  cloudmask "$W/cm.png" $w $(( hz - 40 )) 11 48 85 5 7
  $IM "$W/cm.png" \( -size ${w}x$(( hz - 40 )) gradient:white-gray15 \) -compose multiply -composite -compose over -background black -extent ${w}x${h} "$W/cm.png"
  clouds "$W/a.png" "$W/cm.png" "$W/a.png" '#ffc8a0' '#7a6a8a'
  $IM "$W/a.png" -fill '#fffbe8' -draw "circle $sx,$sy $(( sx + 24 )),$sy" "$W/a.png"
  S ridge $w $h $(( hz - 55 )) 40 0.55 21 '#b08e98' 0.2:40:0.12 0.8:30:0.1 > "$W/r1.mvg"
  layer "$W/a.png" "$W/r1.mvg" "$W/a.png" 2.5
  S ridge $w $h $(( hz - 18 )) 35 0.58 22 '#7e6473' 0.1:55:0.08 0.45:22:0.15 > "$W/r2.mvg"
  layer "$W/a.png" "$W/r2.mvg" "$W/a.png" 1.5
  S ridge $w $h $(( hz + 30 )) 55 0.6 23 '#3e3039' 0.3:50:0.05 0.9:40:0.06 > "$W/r3.mvg"
  layer "$W/a.png" "$W/r3.mvg" "$W/a.png" 0.8
  reflect "$W/a.png" "$W/a.png" $hz '#5f4d5e' 31
  S ripples $w $wh 41 > "$W/rp.mvg"
  $IM -size ${w}x${wh} xc:black -fill white -draw "polygon $(( sx - 40 )),0 $(( sx + 40 )),0 $(( sx + 330 )),$wh $(( sx - 330 )),$wh" "$W/gm.png"
  bigblur "$W/gm.png" "$W/gm.png" 64
  $IM -size ${w}x${wh} xc:black -draw "$(<"$W/rp.mvg")" -blur 0x0.8 "$W/gm.png" -compose multiply -composite \
      -fill '#ffd9a0' -tint 100 -evaluate multiply 0.85 "$W/gl.png"
  $IM "$W/a.png" "$W/gl.png" -geometry +0+$hz -compose screen -composite "$W/a.png"
  S boats $w $h 51 > "$W/b.mvg"
  layer "$W/a.png" "$W/b.mvg" "$W/a.png" 0.7
  finish "$W/a.png" "$out" 0.3
}

# shade3d BODY MASK OUT BLUR AZ EL  (give flat shapes a rounded, lit look)
shade3d() {
  local body=$1 mask=$2 out=$3 bl=${4:-25} az=${5:-130} el=${6:-45}
  $IM "$mask" -blur 0x"$bl" -shade ${az}x${el} -auto-level "$W/_sh.png"
  $IM "$body" "$W/_sh.png" -compose overlay -composite \
      \( "$W/_sh.png" -level 88%,100% \) -compose screen -composite \
      "$mask" -alpha off -compose copy_opacity -composite "$out"
}

scene_pottery() {  # OUT  glazed Biên Hòa pottery in a workshop (portrait, upright)
  local out=$1 w=1067 h=1600
  $IM -size ${w}x${h} gradient:'#6b4d36'-'#23160f' "$W/a.png"
  $IM -size ${w}x${h} xc:none -draw "$(S circles $w $h 0 0 $w $(( h / 2 )) 18 60 45 81 '#ffcf8a,#ffb060,#f0d8b0,#c98a50')" \
      -channel A -evaluate multiply 0.35 +channel -blur 0x12 "$W/bk.png"
  $IM "$W/a.png" "$W/bk.png" -compose screen -composite "$W/a.png"
  # wooden shelf and work table
  fbm "$W/wd.png" $w 60 82 3 40
  $IM "$W/wd.png" -level 20%,80% +level-colors '#4a2e1a','#8a5a34' "$W/wood1.png"
  fbm "$W/wd2.png" $w $(( h * 10 / 100 )) 83 3 60
  $IM "$W/wd2.png" -level 20%,80% +level-colors '#3e2616','#7a4c2a' "$W/wood2.png"
  $IM "$W/a.png" "$W/wood1.png" -geometry +0+$(( h * 42 / 100 - 4 )) -composite \
      "$W/wood2.png" -geometry +0+$(( h * 93 / 100 - 10 )) -composite "$W/a.png"
  # contact shadows
  $IM -size ${w}x${h} xc:none -fill 'rgba(0,0,0,0.65)' \
      -draw "ellipse $(( w * 16 / 100 )),$(( h * 42 / 100 )) 95,14 0,360 ellipse $(( w * 42 / 100 )),$(( h * 42 / 100 )) 110,14 0,360 ellipse $(( w * 72 / 100 )),$(( h * 42 / 100 )) 85,14 0,360" \
      -draw "ellipse $(( w * 25 / 100 )),$(( h * 93 / 100 )) 150,22 0,360 ellipse $(( w * 70 / 100 )),$(( h * 95 / 100 )) 170,22 0,360" -blur 0x10 "$W/sd.png"
  $IM "$W/a.png" "$W/sd.png" -compose over -composite "$W/a.png"
  S vases $w $h 3 BODY > "$W/vb.mvg"
  S vases $w $h 3 MASK > "$W/vm.mvg"
  $IM -size ${w}x${h} xc:black -draw "$(<"$W/vb.mvg")" "$W/vb.png"
  $IM -size ${w}x${h} xc:black -draw "$(<"$W/vm.mvg")" -blur 0x0.8 "$W/vmask.png"
  fbm "$W/gz.png" $w $h 84 60 90
  $IM -size ${w}x${h} xc:black -draw "$(S vases $w $h 3 SHADE)" -blur 0x2 "$W/vsh.png"
  $IM -size ${w}x${h} xc:black -draw "$(S vases $w $h 3 SPEC)" -blur 0x3 "$W/vsp.png"
  $IM "$W/vb.png" \( "$W/gz.png" -level -60%,160% \) -compose multiply -composite \
      "$W/vsh.png" -compose multiply -composite -modulate 115,120 \
      \( "$W/vsp.png" -fill "#fff2dc" -tint 100 -evaluate multiply 0.5 \) -compose screen -composite \
      -draw "$(S vases $w $h 3 MOUTH)" \
      "$W/vmask.png" -alpha off -compose copy_opacity -composite "$W/vs.png"
  $IM "$W/a.png" "$W/vs.png" -compose over -composite "$W/a.png"
  finish "$W/a.png" "$out" 0.4
}

scene_pomelo() {  # OUT  Tân Triều pomelos on the tree
  local out=$1 w=1600 h=1067
  fbm "$W/bg.png" $w $h 91 6 4
  $IM "$W/bg.png" +level-colors '#1e3a18','#9cc46a' -blur 0x8 "$W/a.png"
  $IM -size ${w}x${h} xc:none -draw "$(S circles $w $h 0 0 $w $h 20 70 40 92 '#e9f5c0,#c8e39a,#fffbe0')" \
      -channel A -evaluate multiply 0.45 +channel -blur 0x10 "$W/bk.png"
  $IM "$W/a.png" "$W/bk.png" -compose screen -composite "$W/a.png"
  S pomelos $w $h 93 LEAVES > "$W/lv.mvg"
  $IM -size ${w}x${h} xc:none -draw "$(sed -n '1~2p' "$W/lv.mvg")" -blur 0x6 "$W/l1.png"
  $IM "$W/a.png" "$W/l1.png" -compose over -composite "$W/a.png"
  S pomelos $w $h 93 BRANCH > "$W/br.mvg"
  layer "$W/a.png" "$W/br.mvg" "$W/a.png" 1.5
  S pomelos $w $h 93 FRUIT > "$W/fr.mvg"
  $IM -size ${w}x${h} xc:black -draw "$(<"$W/fr.mvg")" -blur 0x1 "$W/fm.png"
  # skin: yellow-green with fine oil-gland dots
  $IM -seed 94 -size ${w}x${h} xc:gray50 -attenuate 0.6 +noise Gaussian -colorspace gray -blur 0x1 "$W/dots.png"
  $IM -size ${w}x${h} gradient:'#b8cc4a'-'#7fa534' "$W/dots.png" -compose overlay -composite "$W/fb.png"
  shade3d "$W/fb.png" "$W/fm.png" "$W/fs.png" 45 135 38
  $IM "$W/a.png" "$W/fs.png" -compose over -composite "$W/a.png"
  $IM -size ${w}x${h} xc:none -draw "$(sed -n '2~2p' "$W/lv.mvg" | head -n 12)" -blur 0x0.8 "$W/l2.png"
  $IM "$W/l2.png" -alpha extract -blur 0x5 -shade 120x50 -auto-level "$W/l2sh.png"
  $IM "$W/l2.png" -alpha off "$W/l2sh.png" -compose overlay -composite \( "$W/l2.png" -alpha extract \) -compose copy_opacity -composite "$W/l2s.png"
  $IM "$W/a.png" "$W/l2s.png" -compose over -composite "$W/a.png"
  finish "$W/a.png" "$out" 0.3
}

scene_cashew() {  # OUT  roasted cashew nuts, OCOP product shot (PNG, clean background)
  local out=$1 w=1200 h=800
  $IM -size ${w}x${h} gradient:'#f6efe2'-'#d8c7a8' "$W/a.png"
  glow "$W/a.png" $(( w * 40 / 100 )) $(( h * 30 / 100 )) 700 500 '#3a3026'
  S cashews $w $h 101 > "$W/cs.mvg"
  $IM -size ${w}x${h} xc:black -draw "$(sed "s/fill '#[0-9a-f]*'/fill white/" "$W/cs.mvg")" -blur 0x0.7 "$W/cm.png"
  $IM -size ${w}x${h} xc:black \( "$W/cm.png" -blur 0x12 \) -geometry +14+18 -composite -evaluate multiply 0.55 -negate "$W/shadow.png"
  $IM "$W/a.png" "$W/shadow.png" -compose multiply -composite "$W/a.png"
  $IM -size ${w}x${h} xc:black -draw "$(<"$W/cs.mvg")" "$W/cb.png"
  $IM -seed 102 -size ${w}x${h} xc:gray50 -attenuate 0.3 +noise Gaussian -colorspace gray -blur 0x1.5 "$W/ct.png"
  $IM "$W/cb.png" "$W/ct.png" -compose overlay -composite "$W/cb.png"
  shade3d "$W/cb.png" "$W/cm.png" "$W/cn.png" 9 125 40
  $IM "$W/a.png" "$W/cn.png" -compose over -composite "$W/a.png"
  finish "$W/a.png" "$out" 0
}

scene_airport() {  # OUT  Long Thành airport passenger terminal under construction
  local out=$1 w=1600 h=1067 hz=560
  sky "$W/a.png" $w $h '#7fa6cc' '#c9d9e4' '#eef0ea' 55
  cloudmask "$W/cm.png" $w $(( hz - 50 )) 111 55 85 9 5
  $IM "$W/cm.png" -compose over -background black -extent ${w}x${h} "$W/cm.png"
  clouds "$W/a.png" "$W/cm.png" "$W/a.png" '#ffffff' '#b4bcc4'
  S trees $w $h $(( hz + 4 )) 8 20 200 112 '#7f9080,#8a9a88,#76887a' > "$W/t.mvg"
  layer "$W/a.png" "$W/t.mvg" "$W/a.png" 2
  # laterite earth, flattened by perspective
  fbm "$W/gr.png" $w $(( h - hz )) 113 24 5
  $IM "$W/gr.png" +level-colors '#7a3e22','#c98b5a' \( -size ${w}x$(( h - hz )) gradient:'#d8b8a0'-'#6a3a22' \) -compose multiply -composite -modulate 110,95 "$W/ground.png"
  $IM "$W/a.png" "$W/ground.png" -geometry +0+$hz -composite "$W/a.png"
  # haul roads
  $IM "$W/a.png" -fill 'rgba(225,190,150,0.55)' -draw "path 'M 300,$h Q 700,$(( hz + 120 )) 1100,$(( hz + 22 )) L 1130,$(( hz + 22 )) Q 760,$(( hz + 130 )) 520,$h Z'" \
      -draw "path 'M 1600,$(( h - 180 )) Q 1200,$(( hz + 80 )) 900,$(( hz + 40 )) L 930,$(( hz + 38 )) Q 1250,$(( hz + 70 )) 1600,$(( h - 120 )) Z'" -blur 0x1 "$W/a.png"
  S terminal $w $h $(( hz + 30 )) FRAME > "$W/tf.mvg"
  layer "$W/a.png" "$W/tf.mvg" "$W/a.png" 0.8
  S terminal $w $h $(( hz + 30 )) ROOF > "$W/tr.mvg"
  layer "$W/a.png" "$W/tr.mvg" "$W/a.png" 0.7
  S cranes $w $h $(( hz + 30 )) 114 > "$W/cr.mvg"
  layer "$W/a.png" "$W/cr.mvg" "$W/a.png" 0.5
  haze "$W/a.png" "$W/a.png" '#e8e2d6' 10
  # excavators and trucks in the foreground
  $IM "$W/a.png" -fill '#e0a81c' -draw "rectangle 420,820 520,870 rectangle 500,800 545,845 polygon 545,810 640,760 650,770 560,825" \
      -fill '#3a3a3a' -draw "rectangle 410,868 530,890 polygon 640,760 672,800 655,808" \
      -fill '#f2f2ee' -draw "rectangle 1080,700 1160,740" -fill '#d04a2a' -draw "rectangle 1160,710 1190,740" -fill '#222' -draw "circle 1100,742 1100,750 circle 1170,742 1170,750" \
      -blur 0x0.6 "$W/a.png"
  finish "$W/a.png" "$out" 0.08
}

scene_industrial() {  # OUT  industrial park road and factories, Trảng Bom
  local out=$1 w=1600 h=1067 hz=520
  sky "$W/a.png" $w $h '#2e6fb8' '#78aee0' '#cfe1ee' 65
  cloudmask "$W/cm.png" $w $(( hz - 30 )) 121 50 80 7 4
  $IM "$W/cm.png" -compose over -background black -extent ${w}x${h} "$W/cm.png"
  clouds "$W/a.png" "$W/cm.png" "$W/a.png" '#ffffff' '#98a4b6'
  # grass verges, factories, road
  fbm "$W/gs.png" $w $(( h - hz - 40 )) 123 40 8
  $IM "$W/gs.png" +level-colors '#4b6b2a','#8fae4a' "$W/grass.png"
  $IM "$W/a.png" "$W/grass.png" -geometry +0+$(( hz + 40 )) -composite "$W/a.png"
  S factories $w $h $hz 122 > "$W/f.mvg"
  layer "$W/a.png" "$W/f.mvg" "$W/a.png" 0.7
  local vx=$(( w * 52 / 100 ))
  $IM "$W/a.png" -fill '#6d6f70' -draw "polygon $(( vx - 30 )),$(( hz + 40 )) $(( vx + 30 )),$(( hz + 40 )) $(( w + 300 )),$h $(( -300 )),$h" \
      -fill '#c9c6bd' -draw "polygon $(( vx - 30 )),$(( hz + 40 )) $(( vx - 36 )),$(( hz + 40 )) -330,$h -300,$h" \
      -fill '#c9c6bd' -draw "polygon $(( vx + 30 )),$(( hz + 40 )) $(( vx + 36 )),$(( hz + 40 )) $(( w + 330 )),$h $(( w + 300 )),$h" "$W/a.png"
  $IM -seed 124 -size ${w}x${h} xc:gray50 -attenuate 0.8 +noise Gaussian -colorspace gray -blur 0x0.6 "$W/asph.png"
  $IM -size ${w}x${h} xc:black -fill white -draw "polygon $(( vx - 30 )),$(( hz + 40 )) $(( vx + 30 )),$(( hz + 40 )) $(( w + 300 )),$h $(( -300 )),$h" "$W/rm.png"
  $IM "$W/a.png" \( "$W/a.png" "$W/asph.png" -compose overlay -composite \) "$W/rm.png" -composite "$W/a.png"
  # lane dashes in perspective
  local d=""; local k
  for k in 0 1 2 3 4 5 6 7; do
    local t0 t1
    t0=$(python3 -c "print(1-0.82**($k*2))"); t1=$(python3 -c "print(1-0.82**($k*2+1))")
    d+=$(python3 -c "
vx,hz,h=$vx,$(( hz + 40 )),$h
t0,t1=$t0,$t1
y0=hz+(h-hz)*t0; y1=hz+(h-hz)*t1
def wd(t): return 1.5+7*t
print(f'polygon {vx-wd(t0):.1f},{y0:.1f} {vx+wd(t0):.1f},{y0:.1f} {vx+wd(t1):.1f},{y1:.1f} {vx-wd(t1):.1f},{y1:.1f} ')")
  done
  $IM "$W/a.png" -fill '#f2f0e6' -draw "$d" "$W/a.png"
  S trees $(( w * 38 / 100 )) $h $(( hz + 45 )) 14 40 14 125 '#2f5a24,#3e6a2c,#264d1e' > "$W/t1.mvg"
  layer "$W/a.png" "$W/t1.mvg" "$W/a.png" 1
  # power poles on the right verge
  local px
  for k in 0 1 2 3 4; do
    px=$(( w - 60 - k * 150 + k * k * 12 )); local ph=$(( 380 - k * 70 ))
    $IM "$W/a.png" -fill '#8d8a83' -draw "rectangle $px,$(( hz + 60 + 300 / (k + 1) - ph )) $(( px + 8 - k )),$(( hz + 60 + 300 / (k + 1) ))" "$W/a.png"
  done
  haze "$W/a.png" "$W/a.png" '#dfe8ee' 6
  finish "$W/a.png" "$out" 0.3
}

scene_festival() {  # OUT  lantern festival night at Cù Lao Phố
  local out=$1 w=1600 h=1067
  $IM -size ${w}x${h} gradient:'#0a0f2c'-'#3a2030' "$W/a.png"
  S temple $w $h $(( h * 62 / 100 )) > "$W/tp.mvg"
  layer "$W/a.png" "$W/tp.mvg" "$W/a.png" 1.2
  glow "$W/a.png" $(( w * 29 / 100 )) $(( h * 62 / 100 )) 300 200 '#6a3a10'
  S lanterns $w $h 131 STRING > "$W/ls.mvg"
  layer "$W/a.png" "$W/ls.mvg" "$W/a.png" 0.6
  S lanterns $w $h 131 BODY > "$W/lb.mvg"
  $IM -size ${w}x${h} xc:none -draw "$(<"$W/lb.mvg")" -blur 0x1 "$W/ln.png"
  $IM "$W/ln.png" -alpha extract -blur 0x3 -shade 110x55 -auto-level "$W/lsh.png"
  $IM "$W/ln.png" -alpha off "$W/lsh.png" -compose overlay -composite -modulate 115,120 \( "$W/ln.png" -alpha extract \) -compose copy_opacity -composite "$W/ln2.png"
  $IM "$W/ln.png" -background black -alpha remove -blur 0x22 -evaluate multiply 1.3 "$W/lg.png"
  $IM "$W/a.png" "$W/lg.png" -compose screen -composite "$W/ln2.png" -compose over -composite "$W/a.png"
  $IM -size ${w}x${h} xc:black -draw "$(S circles $w $h 0 $(( h / 2 )) $w $h 8 34 60 132 '#ffb347,#ff7a3a,#ffe08a,#ff4d4d')" -blur 0x9 "$W/bk.png"
  $IM "$W/a.png" "$W/bk.png" -compose screen -composite "$W/a.png"
  S crowd $w $h $(( h * 88 / 100 )) 1.5 22 133 > "$W/cw.mvg"
  $IM -size ${w}x${h} xc:none -draw "$(<"$W/cw.mvg")" -blur 0x2 "$W/cwl.png"
  $IM "$W/cwl.png" \( +clone -alpha extract -blur 0x6 -shade 90x30 -auto-level -level 60%,100% -fill '#ff9a40' -tint 60 \) -compose screen -composite \
      \( "$W/cwl.png" -alpha extract \) -compose copy_opacity -composite "$W/cw2.png"
  $IM "$W/a.png" "$W/cw2.png" -compose over -composite "$W/a.png"
  finish "$W/a.png" "$out" 0.35
}

scene_press() {  # OUT  press delegation group photo in front of a red backdrop
  local out=$1 w=1600 h=1067
  $IM -size ${w}x${h} gradient:'#b3202a'-'#7a1218' "$W/a.png"
  # backdrop folds and a slogan band, out of focus
  fbm "$W/fd.png" $w $h 141 40 1
  $IM "$W/a.png" \( "$W/fd.png" -level 20%,80% \) -compose soft-light -composite "$W/a.png"
  local x dr=""
  for x in $(python3 -c "import random;r=random.Random(142);print(' '.join(str(int(200+i*40+r.uniform(-8,8))) for i in range(30)))"); do
    dr+="rectangle $x,150 $(( x + 26 )),200 "
  done
  for x in $(python3 -c "import random;r=random.Random(143);print(' '.join(str(int(360+i*38+r.uniform(-6,6))) for i in range(23)))"); do
    dr+="rectangle $x,230 $(( x + 24 )),268 "
  done
  $IM "$W/a.png" -fill '#f6d34a' -draw "$dr" -fill '#f6d34a' -draw "rectangle 0,60 $w,72 rectangle 0,330 $w,338" -blur 0x9 "$W/a.png"
  glow "$W/a.png" $(( w / 2 )) $(( h / 2 )) 900 600 '#402a20'
  S people $w $h 144 > "$W/pp.mvg"
  $IM -size ${w}x${h} xc:none -draw "$(<"$W/pp.mvg")" -blur 0x2.2 "$W/pl.png"
  $IM "$W/pl.png" -alpha extract -blur 0x8 -shade 100x60 -auto-level -level 20%,100% "$W/psh.png"
  $IM "$W/pl.png" -alpha off "$W/psh.png" -compose soft-light -composite \( "$W/pl.png" -alpha extract \) -compose copy_opacity -composite "$W/pl2.png"
  $IM "$W/pl2.png" -alpha extract -blur 0x25 -evaluate multiply 0.5 -negate "$W/psd.png"
  $IM "$W/a.png" \( "$W/psd.png" -roll +25+10 \) -compose multiply -composite "$W/pl2.png" -compose over -composite "$W/a.png"
  # a bouquet of flowers held in the front row
  $IM -size ${w}x${h} xc:none -draw "$(S circles $w $h 700 800 860 870 14 30 12 146 '#3f7a2a,#2f6a22')" \
      -draw "$(S circles $w $h 715 790 845 850 9 17 34 145 '#f4e04a,#ff8a2a,#fbf6ea,#e8403a,#ffd0d8')" -blur 0x1.5 "$W/bq.png"
  $IM "$W/bq.png" -alpha extract -blur 0x3 -shade 110x50 -auto-level "$W/bqs.png"
  $IM "$W/bq.png" -alpha off "$W/bqs.png" -compose overlay -composite \( "$W/bq.png" -alpha extract \) -compose copy_opacity -composite "$W/bq2.png"
  $IM "$W/a.png" "$W/bq2.png" -compose over -composite -blur 0x0.6 "$W/a.png"
  finish "$W/a.png" "$out" 0.35
}

# ---------------------------------------------------------------------------
# Metadata helpers. Each photo collects its exiftool arguments in M.
# ---------------------------------------------------------------------------
M=()
cam()  { M+=( "-EXIF:Make=$1" "-EXIF:Model=$2" "-EXIF:LensModel=$3" ); }
# shot "YYYY:MM:DD HH:MM:SS" ISO EXPOSURE FNUMBER FOCAL
shot() {
  M+=( "-EXIF:DateTimeOriginal=$1" "-EXIF:CreateDate=$1" "-EXIF:OffsetTimeOriginal=+07:00" "-EXIF:OffsetTimeDigitized=+07:00"
       "-EXIF:ISO=$2" "-EXIF:ExposureTime=$3" "-EXIF:FNumber=$4" "-EXIF:FocalLength=$5"
       "-EXIF:ExposureProgram=Manual" "-EXIF:ColorSpace=sRGB"
       "-IPTC:DateCreated=${1%% *}" "-IPTC:TimeCreated=${1##* }+07:00"
       "-XMP-photoshop:DateCreated=$1+07:00" )
}
# gps LAT LON ALT  (decimal degrees, north / east)
gps()  { M+=( "-GPS:GPSLatitude=$1" "-GPS:GPSLatitudeRef=N" "-GPS:GPSLongitude=$2" "-GPS:GPSLongitudeRef=E"
              "-GPS:GPSAltitude=$3" "-GPS:GPSAltitudeRef=Above Sea Level" ); }
# place CITY SUBLOCATION
place() {
  M+=( "-IPTC:City=$1" "-IPTC:Sub-location=$2" "-IPTC:Province-State=Đồng Nai"
       "-IPTC:Country-PrimaryLocationName=Việt Nam" "-IPTC:Country-PrimaryLocationCode=VNM"
       "-XMP-photoshop:City=$1" "-XMP-iptcCore:Location=$2" "-XMP-photoshop:State=Đồng Nai"
       "-XMP-photoshop:Country=Việt Nam" "-XMP-iptcCore:CountryCode=VN" )
}
# caption VI EN  (IPTC caption in Vietnamese, XMP lang-alt vi/en, x-default = vi)
caption() {
  M+=( "-IPTC:Caption-Abstract=$1" "-XMP-dc:Description=$1" "-XMP-dc:Description-vi=$1" "-XMP-dc:Description-en=$2" )
}
# headline TEXT SLUG
headline() { M+=( "-IPTC:Headline=$1" "-XMP-photoshop:Headline=$1" "-IPTC:ObjectName=$2" "-XMP-dc:Title=$2" ); }
kw() { local k; for k in "$@"; do M+=( "-IPTC:Keywords=$k" "-XMP-dc:Subject=$k" ); done; }
# creator NAME CREDIT YEAR
creator() {
  M+=( "-IPTC:By-line=$1" "-XMP-dc:Creator=$1" "-EXIF:Artist=$1"
       "-IPTC:Credit=$2" "-XMP-photoshop:Credit=$2" "-IPTC:Source=$2" "-XMP-photoshop:Source=$2"
       "-IPTC:CopyrightNotice=© $3 $2" "-XMP-dc:Rights=© $3 $2" "-EXIF:Copyright=© $3 $2" )
}
usage() { M+=( "-XMP-xmpRights:UsageTerms=$1" "-XMP-xmpRights:Marked=True" ); }

# tag FILE [noxmp]  (write M; PNG and WebP get EXIF + XMP only, as they have no
# standard IPTC block; "noxmp" leaves XMP out entirely)
tag() {
  local f=$1 mode=${2:-} a args=()
  for a in "${M[@]}"; do
    case "$mode:$f:$a" in
      *.png:-IPTC:*|*.webp:-IPTC:*|noxmp:*:-XMP*) ;;
      *) args+=( "$a" ) ;;
    esac
  done
  case "$f" in
    *.png|*.webp) ;;
    *) args=( -codedcharacterset=utf8 "${args[@]}" ) ;;  # IPTC 1:90 = UTF-8
  esac
  exiftool -q -q -overwrite_original "${args[@]}" "$f"
  M=()
}

# encoders: all metadata comes from exiftool, so ImageMagick writes none
to_jpeg() { $IM "$1" -strip -alpha off -density 72 -units PixelsPerInch -sampling-factor 2x2 -interlace none -quality 85 "$2"; }
to_png()  { $IM "$1" -strip -alpha off -depth 8 -define png:exclude-chunks=date,time -define png:compression-level=9 "PNG24:$2"; }
to_tiff() { $IM "$1" -strip -alpha off -depth 8 -density 300 -units PixelsPerInch -compress lzw -define tiff:predictor=2 "$2"; }
to_webp() { $IM "$1" -strip -alpha off -quality 82 -define webp:method=6 "$2"; }

nfd() { python3 -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]))' "$1"; }

# install FILE DEST  (move a finished file into the library)
install_file() { mkdir -p "$(dirname "$2")"; mv -f "$1" "$2"; echo "  $2"; }

# ---------------------------------------------------------------------------
# The photos
# ---------------------------------------------------------------------------
echo "Rendering photos (a few minutes)…"

# 1. Biên Hòa skyline at dusk over the Đồng Nai river
scene_bienhoa_dusk "$W/p1.png"; to_jpeg "$W/p1.png" "$W/p1.jpg"
cam "Canon" "Canon EOS R6" "RF24-105mm F4 L IS USM"
shot "2025:03:14 18:21:37" 800 1/60 5.6 35
gps 10.9447 106.8243 6
place "Biên Hòa" "Bờ sông Đồng Nai, phường Quyết Thắng"
caption "Thành phố Biên Hòa lên đèn nhìn từ bờ sông Đồng Nai lúc hoàng hôn." \
        "Biên Hòa city lights up at dusk, seen from the bank of the Đồng Nai river."
headline "Biên Hòa lúc hoàng hôn" "DN-BH-0012"
kw "Đồng Nai" "Biên Hòa" "sông Đồng Nai" "đô thị" "hoàng hôn" "city" "skyline" "river"
creator "Nguyễn Văn An" "Báo Đồng Nai" 2025
tag "$W/p1.jpg"; install_file "$W/p1.jpg" "$DEMO/2025-03 Biên Hòa/2025-03-14_bien-hoa_0012.jpg"

# 2. Biên Hòa pottery – portrait shot stored sideways with EXIF Orientation 6
scene_pottery "$W/p2.png"
$IM "$W/p2.png" -rotate -90 "$W/p2r.png"; to_jpeg "$W/p2r.png" "$W/p2.jpg"
cam "FUJIFILM" "X-T4" "XF16-55mmF2.8 R LM WR"
shot "2025:03:15 09:48:02" 1600 1/80 2.8 33
gps 10.9102 106.8289 9
place "Biên Hòa" "Làng gốm Tân Vạn"
caption "Sản phẩm gốm Biên Hòa men xanh đồng trổ bông tại một cơ sở sản xuất ở làng gốm Tân Vạn." \
        "Biên Hòa glazed pottery with the traditional copper-green glaze at a workshop in Tân Vạn pottery village."
headline "Gốm Biên Hòa giữ nghề truyền thống" "DN-BH-0031"
kw "Đồng Nai" "gốm Biên Hòa" "làng nghề" "thủ công mỹ nghệ" "pottery" "craft village" "ceramics"
creator "Trần Thị Bích" "Báo Đồng Nai" 2025
M+=( "-EXIF:Orientation#=6" )
tag "$W/p2.jpg"; install_file "$W/p2.jpg" "$DEMO/2025-03 Biên Hòa/2025-03-15_gom-tan-van_0031.jpg"

# 3. Bửu Long mountain and Long Ẩn lake
scene_buulong "$W/p3.png"; to_jpeg "$W/p3.png" "$W/p3.jpg"
cam "NIKON CORPORATION" "NIKON Z 6_2" "NIKKOR Z 24-70mm f/4 S"
shot "2025:03:16 08:05:44" 100 1/320 8.0 24
gps 10.9566 106.7987 18
place "Biên Hòa" "Khu du lịch Bửu Long"
caption "Núi Bửu Long soi bóng xuống hồ Long Ẩn, điểm tham quan nổi tiếng của Biên Hòa." \
        "Bửu Long mountain reflected in Long Ẩn lake, a well-known sight of Biên Hòa."
headline "Bửu Long – “Hạ Long thu nhỏ” của Đồng Nai" "DN-BH-0047"
kw "Đồng Nai" "Bửu Long" "du lịch" "danh thắng" "tourism" "landscape" "lake"
creator "Lê Hoàng Phúc" "Báo Đồng Nai" 2025
usage "Chỉ sử dụng cho mục đích đưa tin. Liên hệ Báo Đồng Nai trước khi tái bản."
tag "$W/p3.jpg"; install_file "$W/p3.jpg" "$DEMO/2025-03 Biên Hòa/2025-03-16_buu-long_0047.jpg"

# 4. Sunrise on Trị An lake (also the source of the video clip)
scene_trian_sunrise "$W/p4.png"; to_jpeg "$W/p4.png" "$W/p4.jpg"
cam "SONY" "ILCE-7M4" "FE 24-105mm F4 G OSS"
shot "2024:11:02 05:52:18" 200 1/250 8.0 70
gps 11.1452 107.0810 62
place "Vĩnh Cửu" "Hồ Trị An, xã Mã Đà"
caption "Ngư dân ra hồ Trị An đánh bắt cá lúc bình minh." \
        "Fishermen head out on Trị An lake at sunrise."
headline "Bình minh trên hồ Trị An" "DN-TA-0105"
kw "Đồng Nai" "hồ Trị An" "Vĩnh Cửu" "ngư dân" "bình minh" "du lịch" "tourism" "sunrise" "fishermen"
creator "Võ Thị Thu Hà" "Đài PT-TH Đồng Nai" 2024
tag "$W/p4.jpg"; install_file "$W/p4.jpg" "$DEMO/Trị An/2024-11-02_tri-an_0105.jpg"

# 5. Fish-farming rafts on Trị An lake (WebP: EXIF + XMP only, WebP has no IPTC)
scene_trian_rafts "$W/p5.png"; to_webp "$W/p5.png" "$W/p5.webp"
cam "SONY" "ILCE-7M4" "FE 24-105mm F4 G OSS"
shot "2024:11:02 15:30:05" 100 1/500 7.1 40
gps 11.1120 107.0205 62
place "Vĩnh Cửu" "Làng bè hồ Trị An, thị trấn Vĩnh An"
caption "Làng bè nuôi cá trên hồ Trị An, nguồn sinh kế của nhiều hộ dân huyện Vĩnh Cửu." \
        "Floating fish farms on Trị An lake provide a living for many households in Vĩnh Cửu district."
headline "Làng bè trên hồ Trị An" "DN-TA-0142"
kw "Đồng Nai" "hồ Trị An" "nuôi cá lồng bè" "kinh tế" "aquaculture" "fish farming" "lake"
creator "Võ Thị Thu Hà" "Đài PT-TH Đồng Nai" 2024
usage "Editorial use only. © Đài PT-TH Đồng Nai."
tag "$W/p5.webp"; install_file "$W/p5.webp" "$DEMO/Trị An/2024-11-02_tri-an_0142.webp"

# 6. Nam Cát Tiên forest (portrait, stored upright)
scene_forest "$W/p6.png"; to_jpeg "$W/p6.png" "$W/p6.jpg"
cam "FUJIFILM" "X-T4" "XF16-80mmF4 R OIS WR"
shot "2023:08:21 07:14:50" 3200 1/125 4.0 16
gps 11.4236 107.4279 130
place "Tân Phú" "Vườn quốc gia Cát Tiên, khu Nam Cát Tiên"
caption "Nắng sớm xuyên qua tán rừng nguyên sinh ở Vườn quốc gia Cát Tiên." \
        "Morning light filters through the primary forest of Cát Tiên National Park."
headline "Rừng Nam Cát Tiên mùa mưa" "DN-CT-0007"
kw "Đồng Nai" "Nam Cát Tiên" "Tân Phú" "rừng" "bảo tồn" "du lịch sinh thái" "forest" "national park" "ecotourism"
creator "Đặng Quốc Huy" "Báo Đồng Nai" 2023
tag "$W/p6.jpg"; install_file "$W/p6.jpg" "$DEMO/Nam Cát Tiên/2023-08-21_nam-cat-tien_0007.jpg"

# 7. Long Thành airport terminal under construction (TIFF, LZW)
scene_airport "$W/p7.png"; $IM "$W/p7.png" -resize 1200x800 "$W/p7s.png"; to_tiff "$W/p7s.png" "$W/p7.tif"
cam "Canon" "Canon EOS R6m2" "RF24-105mm F4 L IS USM"
shot "2025:09:10 10:22:31" 100 1/1000 9.0 24
gps 10.7725 107.0500 38
place "Long Thành" "Cảng hàng không quốc tế Long Thành"
caption "Thi công mái nhà ga hành khách hình hoa sen tại Cảng hàng không quốc tế Long Thành." \
        "Work on the lotus-shaped roof of the passenger terminal at Long Thành International Airport."
headline "Tăng tốc thi công sân bay Long Thành" "DN-LT-0220"
kw "Đồng Nai" "Long Thành" "sân bay Long Thành" "hạ tầng" "giao thông" "airport" "construction" "infrastructure"
creator "Nguyễn Văn An" "Báo Đồng Nai" 2025
usage "Chỉ sử dụng cho mục đích đưa tin. Liên hệ Báo Đồng Nai trước khi tái bản."
tag "$W/p7.tif"; install_file "$W/p7.tif" "$DEMO/Long Thành/2025-09-10_san-bay-long-thanh_0220.tif"

# 8. Industrial park road, Trảng Bom
scene_industrial "$W/p8.png"; to_jpeg "$W/p8.png" "$W/p8.jpg"
cam "NIKON CORPORATION" "NIKON Z 6_2" "NIKKOR Z 24-120mm f/4 S"
shot "2026:01:08 09:15:12" 100 1/640 8.0 28
gps 10.9930 106.9840 45
place "Trảng Bom" "Khu công nghiệp Sông Mây"
caption "Trục đường chính Khu công nghiệp Sông Mây, nơi tập trung nhiều doanh nghiệp FDI." \
        "The main road of Sông Mây Industrial Park, home to many foreign-invested companies."
headline "Khu công nghiệp Sông Mây thu hút đầu tư" "DN-TB-0033"
kw "Đồng Nai" "Trảng Bom" "khu công nghiệp" "FDI" "kinh tế" "industrial park" "investment" "economy"
creator "Lê Hoàng Phúc" "Báo Đồng Nai" 2026
tag "$W/p8.jpg"; install_file "$W/p8.jpg" "$DEMO/Kinh tế/2026-01-08_kcn-song-may_0033.jpg"

# 9. Tân Triều pomelos – Vietnamese file name stored in NFD (decomposed) form
scene_pomelo "$W/p9.png"; to_jpeg "$W/p9.png" "$W/p9.jpg"
cam "FUJIFILM" "X-T4" "XF56mmF1.2 R"
shot "2025:08:20 08:31:09" 400 1/500 2.0 56
gps 10.9952 106.8471 8
place "Vĩnh Cửu" "Làng bưởi Tân Triều, xã Tân Bình"
caption "Bưởi Tân Triều, sản phẩm OCOP 4 sao của huyện Vĩnh Cửu, đang vào mùa thu hoạch." \
        "Tân Triều pomelos, a 4-star OCOP product of Vĩnh Cửu district, ready for harvest."
headline "Bưởi Tân Triều vào mùa" "DN-OCOP-0009"
kw "Đồng Nai" "OCOP" "bưởi Tân Triều" "nông nghiệp" "đặc sản" "pomelo" "agriculture" "local specialty"
creator "Trần Thị Bích" "Báo Đồng Nai" 2025
usage "Chỉ sử dụng cho mục đích đưa tin. Liên hệ Báo Đồng Nai trước khi tái bản."
tag "$W/p9.jpg"; install_file "$W/p9.jpg" "$DEMO/OCOP/$(nfd 'Bưởi Tân Triều.jpg')"

# 10. Roasted cashews, OCOP product shot (PNG: EXIF + XMP, no IPTC)
scene_cashew "$W/p10.png"; to_png "$W/p10.png" "$W/p10o.png"
cam "SONY" "ILCE-7M4" "FE 90mm F2.8 Macro G OSS"
shot "2025:06:12 14:05:40" 200 1/125 11.0 90
gps 10.9290 107.4040 120
place "Xuân Lộc" "Cơ sở chế biến hạt điều, thị trấn Gia Ray"
caption "Hạt điều rang muối, sản phẩm OCOP của huyện Xuân Lộc." \
        "Salt-roasted cashew nuts, an OCOP product from Xuân Lộc district."
headline "Hạt điều rang muối Xuân Lộc đạt chuẩn OCOP" "DN-OCOP-0010"
kw "Đồng Nai" "OCOP" "hạt điều" "Xuân Lộc" "nông sản" "cashew" "agriculture" "product"
creator "Phạm Minh Tuấn" "Đài PT-TH Đồng Nai" 2025
tag "$W/p10o.png"; install_file "$W/p10o.png" "$DEMO/OCOP/2025-06-12_ocop_hat-dieu-rang-muoi.png"

# 11. Lantern festival on Rằm tháng Giêng at Cù Lao Phố
scene_festival "$W/p11.png"; to_jpeg "$W/p11.png" "$W/p11.jpg"
cam "Canon" "Canon EOS R6" "RF50mm F1.8 STM"
shot "2024:02:24 20:12:33" 3200 1/100 2.8 50
gps 10.9385 106.8398 4
place "Biên Hòa" "Chùa Ông (Thất Phủ Cổ Miếu), Cù Lao Phố"
caption "Người dân và du khách dự lễ hội Rằm tháng Giêng tại Chùa Ông, Cù Lao Phố." \
        "Residents and visitors at the Lantern Festival (Rằm tháng Giêng) at Chùa Ông temple on Cù Lao Phố islet."
headline "Rộn ràng lễ hội Rằm tháng Giêng ở Cù Lao Phố" "DN-SK-0310"
kw "Đồng Nai" "Biên Hòa" "lễ hội" "Rằm tháng Giêng" "Cù Lao Phố" "văn hóa" "festival" "culture" "lanterns"
creator "Nguyễn Văn An" "Báo Đồng Nai" 2024
tag "$W/p11.jpg"; install_file "$W/p11.jpg" "$DEMO/Sự kiện/2024-02-24_le-hoi-ram-thang-gieng_0310.jpg"

# 12. Press delegation visit – its only caption is an English IPTC Caption-Abstract (no XMP)
scene_press "$W/p12.png"; to_jpeg "$W/p12.png" "$W/p12.jpg"
cam "Canon" "Canon EOS R6m2" "RF24-70mm F2.8 L IS USM"
shot "2025:06:18 09:30:15" 1600 1/160 4.0 40
gps 10.9492 106.8186 12
place "Biên Hòa" "Trụ sở Báo Đồng Nai"
M+=( "-IPTC:Caption-Abstract=A delegation of journalists visits the Đồng Nai Newspaper newsroom ahead of the 100th anniversary of Vietnam Revolutionary Press Day (June 21, 1925 – 2025)." )
headline "Press delegation visits Đồng Nai Newspaper" "DN-SK-0056"
kw "press" "journalists" "delegation" "Dong Nai" "Vietnam Revolutionary Press Day"
creator "Phạm Minh Tuấn" "Báo Đồng Nai" 2025
tag "$W/p12.jpg" noxmp; install_file "$W/p12.jpg" "$DEMO/Sự kiện/2025-06-18_doan-nha-bao_0056.jpg"

# ---------------------------------------------------------------------------
# Video: a slow push-in over the Trị An sunrise, ambience from lavfi sources
# ---------------------------------------------------------------------------
echo "Encoding video…"
VBASE="$DEMO/video/2024-11-02_tri-an_binh-minh"
mkdir -p "$DEMO/video"
$IM "$W/p4.png" -crop 1600x900+0+100 +repage -resize 3200x1800 "$W/v.png"
# Single-threaded filtering and encoding keep the output byte-identical across runs.
ffmpeg -nostdin -hide_banner -loglevel error -y -filter_complex_threads 1 \
  -loop 1 -framerate 25 -i "$W/v.png" \
  -f lavfi -i "anoisesrc=color=brown:amplitude=0.35:seed=2024:sample_rate=48000" \
  -f lavfi -i "sine=frequency=196:sample_rate=48000" \
  -filter_complex "\
[0:v]zoompan=z='1+0.0005*on':x='(iw-iw/zoom)/2+on*0.6':y='(ih-ih/zoom)/2':d=1:s=1280x720:fps=25,\
format=yuv420p[v];\
[1:a]lowpass=f=700,highpass=f=60,volume=0.9[n];\
[2:a]volume=0.025,tremolo=f=0.25:d=0.6[s];\
[n][s]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo,afade=t=in:d=1,afade=t=out:st=8:d=1[a]" \
  -map "[v]" -map "[a]" -t 9 -r 25 \
  -c:v libx264 -threads 1 -preset slow -profile:v high -crf 25 -maxrate 1000k -bufsize 2000k -g 50 -pix_fmt yuv420p \
  -c:a aac -b:a 96k -ar 48000 \
  -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -movflags +faststart \
  -metadata title="Bình minh trên hồ Trị An" \
  -metadata comment="Cảnh bình minh trên hồ Trị An, huyện Vĩnh Cửu, tỉnh Đồng Nai. Dữ liệu mẫu của Mediadesk, dựng bằng generate.sh." \
  -metadata artist="Võ Thị Thu Hà" \
  -metadata copyright="© 2024 Đài PT-TH Đồng Nai" \
  -metadata date="2024-11-02" \
  -metadata creation_time="2024-11-02T05:55:00+07:00" \
  -metadata:s:a:0 language=vie \
  "$W/v.mp4"
install_file "$W/v.mp4" "$VBASE.mp4"

cat > "$W/vi.srt" <<'SRT'
1
00:00:00,500 --> 00:00:03,000
Bình minh trên hồ Trị An, huyện Vĩnh Cửu.

2
00:00:03,200 --> 00:00:05,600
Ngư dân chèo thuyền ra hồ thu lưới từ sáng sớm.

3
00:00:05,800 --> 00:00:08,800
Hồ Trị An rộng khoảng 323 km², là nguồn nước
quan trọng của vùng Đông Nam Bộ.
SRT
cat > "$W/en.srt" <<'SRT'
1
00:00:00,500 --> 00:00:03,000
Sunrise over Trị An lake, Vĩnh Cửu district.

2
00:00:03,200 --> 00:00:05,600
Fishermen row out early in the morning to pull in their nets.

3
00:00:05,800 --> 00:00:08,800
Covering about 323 km², Trị An lake is a major
water source for the Southeast region of Vietnam.
SRT
install_file "$W/vi.srt" "$VBASE.vi.srt"
install_file "$W/en.srt" "$VBASE.en.srt"
echo "Done."
