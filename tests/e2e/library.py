#!/usr/bin/env python3
"""End-to-end: the real app in a real window (Xvfb, WebKitWebDriver through tauri-driver).

Opens the app on a library made from assets/demo by the CLI, checks that every asset is in
the grid with its thumbnail drawn, searches "dong nai" without diacritics and finds what the
CLI finds, and saves screenshots to target/e2e/. Plain W3C WebDriver over HTTP: no client
library to install.

Run by tests/e2e/run.sh (under Xvfb; `make test` runs it); this script starts tauri-driver.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP = os.path.join(ROOT, "target", "debug", "mediadesk-app")
CLI = os.path.join(ROOT, "target", "debug", "mediadesk")
SHOTS = os.path.join(ROOT, "target", "e2e")


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# tauri-driver listens on PORT and has WebKitWebDriver listen on the next one.
PORT = free_port()
NATIVE_PORT = free_port()
DRIVER = f"http://127.0.0.1:{PORT}"


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(DRIVER + path, method=method, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.load(response)["value"]


def wait_for(what, check, timeout=15.0):
    deadline = time.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def cli_json(library, *args):
    out = subprocess.run([CLI, "--library", library, *args, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    library = tempfile.mkdtemp(prefix="mediadesk-e2e-")
    subprocess.run([CLI, "--library", library, "ingest", "--classification", "public", os.path.join(ROOT, "assets", "demo")],
                   check=True, capture_output=True)
    everything = cli_json(library, "list")

    # The app inherits tauri-driver's environment: that is how it finds the library.
    env = dict(os.environ, MEDIADESK_LIBRARY=library)
    log = open(os.path.join(SHOTS, "tauri-driver.log"), "wb")
    driver = subprocess.Popen(["tauri-driver", "--port", str(PORT), "--native-port", str(NATIVE_PORT)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for("tauri-driver", _status_ok)
        run_checks(library, everything)
    finally:
        driver.terminate()
        driver.wait(timeout=10)


def run_checks(library, everything):
    caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": APP}}}}
    # tauri-driver answers before WebKitWebDriver behind it listens: try again for a while.
    session = wait_for("a WebDriver session", lambda: _try(lambda: call("POST", "/session", caps)["sessionId"]), 30)
    s = f"/session/{session}"
    script = lambda js: call("POST", s + "/execute/sync", {"script": js, "args": []})
    try:
        tiles = lambda: script("return document.querySelectorAll('figure.tile').length")
        wait_for("every asset in the grid", lambda: tiles() == len(everything))
        drawn = "return [...document.querySelectorAll('figure.tile img')].every(i => i.complete && i.naturalWidth > 0)"
        wait_for("every thumbnail drawn", lambda: script(drawn))
        shot(s, "library.png")

        box = list(call("POST", s + "/element", {"using": "css selector", "value": "input[type=search]"}).values())[0]
        captions_js = "return [...document.querySelectorAll('figure.tile figcaption')].map(c => c.textContent)"
        for query, shot_name in [("bien hoa", "search-bien-hoa.png"), ("dong nai", "search-dong-nai.png")]:
            expected = sorted(a["headline"] or a["filename"] for a in cli_json(library, "search", query))
            call("POST", s + f"/element/{box}/clear", {})
            call("POST", s + f"/element/{box}/value", {"text": query})
            wait_for(f"the grid to show what the CLI finds for {query!r}", lambda: sorted(script(captions_js)) == expected)
            shot(s, shot_name)
        assert 0 < len(cli_json(library, "search", "bien hoa")) < len(everything), "the query narrows"
        assert any("Đồng Nai" in c for c in script(captions_js)), "'dong nai' finds “Đồng Nai”"
    finally:
        call("DELETE", s)
    print(f"e2e: {len(everything)} assets shown with thumbnails; searches match the CLI; screenshots in {SHOTS}")


def _try(action):
    try:
        return action()
    except OSError:
        time.sleep(0.3)
        return None


def _status_ok():
    try:
        return call("GET", "/status") is not None
    except OSError:
        return False


def shot(session_path, name):
    png = call("GET", session_path + "/screenshot")
    with open(os.path.join(SHOTS, name), "wb") as f:
        f.write(base64.b64decode(png))


if __name__ == "__main__":
    sys.exit(main())
