"""Ingest benchmarks, each beside its peer in the same run:
thumbnails of 24-megapixel JPEGs against vipsthumbnail (same parallelism), peak memory of that
ingest, and a re-ingest of an unchanged 10,000-file tree against `find -printf`."""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MEDIADESK = os.path.abspath(sys.argv[1])
WORK = os.path.abspath("target/bench")
CORES = os.cpu_count() or 2


def run_measured(cmd, env=None):
    """Runs cmd in a fresh Python, returning (seconds, peak RSS in MB of its process tree's largest process)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "e = time.perf_counter() - t\n"
        "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env, check=True).stdout.split()
    if out[2] not in ("0",):
        raise SystemExit(f"{cmd} failed with {out[2]}")
    return float(out[0]), int(out[1]) / 1024


def photos_24mp(count=12):
    folder = os.path.join(WORK, "photos-24mp")
    seed = os.path.join(folder, "seed.jpg")
    if not os.path.exists(seed):
        os.makedirs(folder, exist_ok=True)
        # Noisy, detailed content compresses like a real photo (about 8 MB at quality 90).
        subprocess.run(["convert", "-size", "6000x4000", "plasma:green-blue", "-attenuate", "0.4", "+noise", "Gaussian",
                        "-quality", "90", seed], check=True)
    data = open(seed, "rb").read()
    for i in range(1, count):
        path = os.path.join(folder, f"photo-{i:02}.jpg")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data + f"copy {i}".encode())  # after EOI: another hash, the same picture
    return folder


def median_of(n, fn):
    results = [fn() for _ in range(n)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def bench_thumbnails():
    folder = photos_24mp()
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))

    def ours():
        lib = tempfile.mkdtemp(prefix="md-bench-")
        try:
            return run_measured([MEDIADESK, "--library", lib, "ingest", "--json", folder])
        finally:
            shutil.rmtree(lib)

    def vips():
        out = tempfile.mkdtemp(prefix="vips-bench-")
        try:
            env = dict(os.environ, VIPS_CONCURRENCY="1")
            # One single-threaded vipsthumbnail per core, files split between them.
            per = (len(files) + CORES - 1) // CORES
            script = " & ".join(
                f"vipsthumbnail -s 256 -o {out}/%s.jpg " + " ".join(files[i:i + per]) for i in range(0, len(files), per)
            ) + " & wait"
            return run_measured(["sh", "-c", script], env=env)
        finally:
            shutil.rmtree(out)

    ours_s, ours_mb = median_of(3, ours)
    vips_s, vips_mb = median_of(3, vips)
    n = len(files)
    print(f"| thumbnails, {n} × 24 MP JPEG, {CORES} workers | Mediadesk ingest (hash, metadata, 256 + 1600 px, catalog) "
          f"{ours_s / n * 1000:.0f} ms/photo | vipsthumbnail -s 256 {vips_s / n * 1000:.0f} ms/photo | "
          f"{vips_s / ours_s:.2f}× |")
    print(f"| peak memory of that ingest | Mediadesk {ours_mb:.0f} MB | vipsthumbnail {vips_mb:.0f} MB (per process) | "
          f"{ours_mb / vips_mb:.1f}× |")


def bench_reingest(count=10_000, folders=1_000):
    """A tree of `count` photos in `folders` folders, one in ten with an XMP sidecar."""
    tree = os.path.join(WORK, f"tree-{count}-{folders}")
    lib = os.path.join(WORK, f"tree-{count}-{folders}-library")
    if not os.path.exists(os.path.join(lib, "catalog.sqlite")):
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        seed = os.path.join(WORK, "small.jpg")
        subprocess.run(["convert", "-size", "160x120", "plasma:", seed], check=True)
        data = open(seed, "rb").read()
        sidecar = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                   '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
                   'photoshop:Headline="Đồng Nai"/></rdf:RDF></x:xmpmeta>')
        per_folder = count // folders
        for i in range(count):
            d = os.path.join(tree, f"{i // per_folder:04}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"IMG_{i:05}.jpg"), "wb") as f:
                f.write(data + f"{i}".encode())
            if i % 10 == 0:
                with open(os.path.join(d, f"IMG_{i:05}.xmp"), "w") as f:
                    f.write(sidecar)
        subprocess.run([MEDIADESK, "--library", lib, "ingest", "--json", tree], check=True, stdout=subprocess.DEVNULL)
    ours_s, _ = median_of(5, lambda: run_measured([MEDIADESK, "--library", lib, "ingest", "--json", tree]))
    find_s, _ = median_of(5, lambda: run_measured(["find", tree, "-printf", "%s %T@\\n"]))
    print(f"| re-ingest of an unchanged {count:,}-file tree in {folders:,} folders, 1 in 10 with a sidecar | Mediadesk {ours_s * 1000:.0f} ms | "
          f"find -printf '%s %T@' {find_s * 1000:.0f} ms | {ours_s / find_s:.1f}× find's time |")


if __name__ == "__main__":
    print("| benchmark | Mediadesk | peer | ratio |")
    print("|---|---|---|---|")
    bench_thumbnails()
    bench_reingest()
