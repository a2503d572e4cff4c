"""Snippet text, outlets, titles and URLs are untrusted: no page may carry live markup from them.

A store is built from hostile records (script tags, attribute break-outs, javascript: URLs) that
still code as events and cluster into a story, and every page over it is parsed: the only scripts
are our own static files and JSON data blocks, no element has an event-handler attribute, no link
has a non-http(s) URL, and the hostile text appears escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from wirewatch import Settings, Store, ingest
from wirewatch.web import create_app

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
RECORDS = [
    {"id": "h1", "outlet": BREAKOUT, "title": SCRIPT, "url": "javascript:alert(1)",
     "published": "2025-03-04T08:00:00Z",
     "text": f"Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Tuesday "
             f"to discuss energy trade {SCRIPT} and security."},
    {"id": "h2", "outlet": "<svg onload=alert(1)>", "title": BREAKOUT,
     "url": 'https://example.com/"><script>alert(2)</script>', "published": "2025-03-04T09:00:00Z",
     "text": f"Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday "
             f"for talks on energy trade {BREAKOUT} and security."},
    {"id": "h3", "outlet": "Plain Wire", "title": "</script><script>alert(3)</script>",
     "url": "data:text/html,<script>alert(4)</script>", "published": "2025-03-04T10:00:00Z",
     "text": "China accused Russia of delaying the energy deal </script><script>alert(3)</script> "
             "on Tuesday, officials in Beijing said."},
]
ALLOWED_SCRIPTS = {"/static/vendor/plotly.min.js", "/static/charts.js"}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_json = False
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"img", "svg", "iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            if a.get("type") == "application/json":
                self.in_json = True
            elif a.get("src") not in ALLOWED_SCRIPTS:
                self.problems.append(f"script {a}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in {"href", "src", "action", "formaction"} and value:
                scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                if scheme and scheme not in {"http", "https"}:
                    self.problems.append(f"{name}={value!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_json = False

    def handle_data(self, data: str) -> None:
        if self.in_json:
            self.json_blocks.append(data)


def audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    for block in parser.json_blocks:
        json.loads(block)  # a data block is whole JSON: nothing closed it early
    return parser.problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    path = folder / "hostile.db"
    with Store(path) as store:
        ingest([source], store, Settings(), batch="hostile")
    with TestClient(create_app(Settings(), path)) as client:
        yield client


def _pages(client: TestClient) -> list[str]:
    stories = client.get("/api/stories", params={"limit": 200}).json()["stories"]
    assert stories, "the hostile records did not make a story"
    urls = ["/", "/?order=corroborated", "/?outlet=" + BREAKOUT]
    urls += [f"/story/{s['id']}" for s in stories]
    urls += ["/actor/CHN", "/actor/RUS", "/pair/CHN/RUS", "/pair/RUS/CHN"]
    urls += ["/search?q=alert", "/search?q=script+img", "/search?q=" + SCRIPT, "/search?q=energy+trade",
             "/actor/%3Cscript%3E", "/story/%3Cscript%3E", "/nowhere/" + SCRIPT]
    return urls


def test_no_page_carries_live_markup(hostile: TestClient) -> None:
    checked = 0
    for url in _pages(hostile):
        r = hostile.get(url)
        assert r.status_code < 500, url
        problems = audit(r.text)
        assert not problems, (url, problems)
        assert SCRIPT not in r.text and "<img src=x" not in r.text and "<svg onload" not in r.text, url
        checked += 1
    assert checked >= 15


def test_hostile_text_is_shown_escaped(hostile: TestClient) -> None:
    story_id = hostile.get("/api/stories").json()["stories"][0]["id"]
    html = hostile.get(f"/story/{story_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not dropped
    assert "javascript:" not in html and "data:text/html" not in html  # unsafe URLs are not links
    # evidence is highlighted from offsets: marks wrap escaped text only
    assert '<mark class="trigger">' in html


def test_search_marks_after_escaping(hostile: TestClient) -> None:
    html = hostile.get("/search", params={"q": "script"}).text
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in html
    api = hostile.get("/api/search", params={"q": "script"})
    assert api.headers["content-type"] == "application/json"
    assert api.headers["x-content-type-options"] == "nosniff"
