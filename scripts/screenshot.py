"""Rebuild docs/story-page.png: the bundled sample corpus's most corroborated story, as served by
`wirewatch serve`, in Debian's headless chromium (the same set-up as tests/test_web_browser.py).

    .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import json
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from wirewatch import Settings, Store
from wirewatch.demo import ingest_sample
from wirewatch.web import create_app

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sample.db"
        with Store(db) as store:
            ingest_sample(store, Settings())
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(Settings(), db), host="127.0.0.1", port=port,
                                               log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/api/stories?order=corroborated&limit=1") as response:
            feed = json.load(response)
        story_id = (feed["stories"] if isinstance(feed, dict) else feed)[0]["id"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/story/{story_id}")
            page.screenshot(path=str(ROOT / "docs" / "story-page.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": 1280, "height": 1480})
            browser.close()
        server.should_exit = True
        print(f"docs/story-page.png: story {story_id}")


if __name__ == "__main__":
    main()
