#!/usr/bin/env python3
"""End-to-end, first launch: with no library yet, the app makes a demo library from
assets/demo itself, shows every item with its thumbnail, and finds "Đồng Nai" when one types
"dong nai", exactly as the CLI does on the same library. Screenshots go to target/e2e/."""
import os
import sys
import tempfile

from webdriver import Driver, cli_json, wait_for

NAMES = ".tile .caption .name"


def main():
    home = tempfile.mkdtemp(prefix="mediadesk-e2e-home-")
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIADESK_LIBRARY", "XDG_DATA_HOME")}
    env["HOME"] = home
    demo_library = os.path.join(home, ".local", "share", "mediadesk", "demo-library")
    driver = Driver(env, "tauri-driver-library.log")
    try:
        with driver.session() as w:
            wait_for("the demo import to finish", lambda: w.text(".panel .summary"), 60)
            everything = cli_json(demo_library, "list")
            assert len(everything) >= 13, f"the demo has its photos and clip: {len(everything)}"
            w.click(".panel .close")
            wait_for("every demo item in the grid", lambda: w.count(".tile") == len(everything))
            wait_for("every thumbnail drawn", lambda: w.all_drawn(".tile img"))
            assert w.count(".demo") == 1, "the demo says it is one"
            w.shot("library.png")

            for query, name in [("bien hoa", "search-bien-hoa.png"), ("dong nai", "search-dong-nai.png")]:
                expected = sorted(a["headline"] or a["filename"] for a in cli_json(demo_library, "search", query))
                w.type_into("input[type=search]", query)
                wait_for(f"the grid to show what the CLI finds for {query!r}", lambda: sorted(w.texts(NAMES)) == expected)
                w.shot(name)
            assert any("Đồng Nai" in c for c in w.texts(NAMES)), "'dong nai' finds “Đồng Nai”"
            assert 0 < len(cli_json(demo_library, "search", "bien hoa")) < len(everything), "the query narrows"
    finally:
        driver.stop()
    print(f"e2e library: the demo made at first launch, {len(everything)} items with thumbnails; searches match the CLI")


if __name__ == "__main__":
    sys.exit(main())
