#!/usr/bin/env bash
# Installs what Mediadesk needs to build and test on Debian/Ubuntu: system packages (only the
# missing ones, with sudo when not root), the Rust toolchain if absent, and the UI's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # Tauri's webview and its headless test driver
  libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth
  # the webview plays films through GStreamer (H.264/AAC decoders are in -libav)
  gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  # films (ffmpeg-next binds these; bindgen needs libclang)
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libavfilter-dev libavdevice-dev libclang-dev clang pkg-config
  # libjpeg-turbo is built from source by the turbojpeg crate
  cmake nasm
  # test media makers and oracles (pandoc reads the articles Mediadesk imports; the sqlite3
  # shell tampers with the audit log behind the app's back)
  ffmpeg libimage-exiftool-perl imagemagick python3 python3-pip pandoc sqlite3
  # kits: Adobe RGB and CMYK profiles for test photos (converted to sRGB by the build),
  # libvips' vipsthumbnail, the peer the kit benchmark runs beside, and unzip, which tests the
  # kits' ZIPs
  icc-profiles-free libgs-common libvips-tools unzip
  # shot lists: the PDF's fonts (Noto covers Vietnamese and CJK; the films' burned-in subtitles
  # use them too) and poppler's pdftotext and pdffonts, which judge the PDF
  fonts-noto-core fonts-noto-cjk poppler-utils
  # the delegation's offline site: headless Chromium loads it from file://, and the Nu HTML
  # Checker (npm vnu-jar) runs on Java
  chromium openjdk-17-jre-headless
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "installing the Rust toolchain (rustup)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi

export PATH="$HOME/.cargo/bin:$PATH"
# The app's end-to-end tests drive it through WebKitWebDriver with tauri-driver.
if ! command -v tauri-driver >/dev/null; then
  echo "installing tauri-driver"
  cargo install --locked --quiet tauri-driver --version 2.1.0
fi

# pysubs2 reads back the subtitle files Mediadesk writes (an independent reader in the tests).
# bagit and bagit_profile validate the kits' bags, jsonschema (with the rfc3986 format checker)
# their ninjs files: independent readers, like pysubs2 for subtitles. ttconv resolves TTML's
# timing, the oracle for how Mediadesk reads partners' TTML; vobject reads the sites' vCards;
# openpyxl reads the yearly report's workbook.
py=(pysubs2==1.8.1 bagit==1.9.0 bagit_profile==1.3.1 "setuptools<82" jsonschema==4.26.0
  rfc3986-validator==0.1.1 ttconv==1.2.3 vobject==0.9.9 openpyxl==3.1.5)
if ! python3 -c "import pysubs2, bagit, bagit_profile, jsonschema, rfc3986_validator, ttconv, vobject, openpyxl" 2>/dev/null; then
  echo "installing ${py[*]}"
  python3 -m pip install --quiet "${py[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "${py[@]}"
fi

if ! command -v npm >/dev/null; then
  echo "Node.js 20 or newer with npm is needed for the UI; install it (e.g. from your distribution or nodejs.org)" >&2
  exit 1
fi
npm --prefix ui ci --no-audit --no-fund --loglevel=error
