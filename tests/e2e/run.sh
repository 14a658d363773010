#!/usr/bin/env bash
# Runs the end-to-end tests in a virtual X display; tauri-driver (installed by
# scripts/install-deps.sh) is started by each test.
set -euo pipefail
cd "$(dirname "$0")/../.."
for test in library editing cancel languages editorial kits kit_cancel kit_site tour; do
  xvfb-run -a -s "-screen 0 1280x800x24" python3 "tests/e2e/$test.py"
done
