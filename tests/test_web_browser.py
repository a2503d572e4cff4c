"""What a person sees: the real app under uvicorn, driven by a headless Chromium (Debian's
``chromium`` package through Playwright; never ``playwright install``).

Walks feed -> most corroborated story -> an actor -> an actor pair -> search, checks the plotly
charts render (their SVG exists), that no page logs a console error (a CSP violation would), and
that no request leaves 127.0.0.1. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch import Settings
from wirewatch.web import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(Settings(), sample_db), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not found at /usr/bin/chromium; install it with `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_walk_the_app(server: str, browser: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))

    def only_local(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(server):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", only_local)

    # feed
    page.goto(server + "/?order=corroborated")
    assert page.locator(".story-card").count() >= 10
    page.screenshot(path=str(ARTIFACTS / "feed.png"), full_page=True)

    # the most corroborated story
    page.locator(".story-card h2 a").first.click()
    page.wait_for_url("**/story/*")
    assert page.locator("h1.headline").inner_text()
    assert page.locator("#outlets .outlet").count() >= 3
    assert page.locator("blockquote.evidence mark.trigger").count() >= 1
    assert page.locator(".summary a.cite").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)

    # follow an actor link
    page.locator("a.chip.actor").first.click()
    page.wait_for_url("**/actor/*")
    page.wait_for_selector("#activity-chart .main-svg", timeout=10_000)
    assert page.locator("#activity-chart .main-svg .bars path").count() > 0
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=True)

    # a pair, reached from the actor page's counterparts when CHN is there, else directly
    page.goto(server + "/pair/CHN/RUS")
    page.wait_for_selector("#trend-chart .main-svg", timeout=10_000)
    assert page.locator("#trend-chart .scatterlayer .trace").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "pair.png"), full_page=True)

    # search from the header box
    page.fill(".search-box input", "ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=ceasefire")
    assert page.locator(".hit mark").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    context.close()
    assert not errors, errors
    assert not outside, outside
