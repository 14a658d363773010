#!/usr/bin/env bash
# Runs every benchmark against its peer tool in the same run and prints the tables that go into
# BENCHMARKS.md. Release build; generated media and catalogs are kept in target/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v vipsthumbnail >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq --no-install-recommends libvips-tools; }
command -v rsync >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq --no-install-recommends rsync; }
cargo build --release --bin mediadesk --bin bench-search --bin bench-films --bin bench-subtitles --bin bench-tour
cargo build --release -p mediadesk-app
python3 scripts/bench_ingest.py target/release/mediadesk
python3 scripts/bench_kits.py target/release/mediadesk 200
python3 scripts/bench_broadcast.py target/release/mediadesk 120
python3 scripts/bench_social.py target/release/mediadesk 30
python3 scripts/bench_site.py target/release/mediadesk 30
target/release/bench-search "$@"
target/release/bench-films
target/release/bench-subtitles
target/release/bench-tour
xvfb-run -a -s "-screen 0 1280x800x24" python3 scripts/bench_app.py 100000
