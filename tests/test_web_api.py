"""The JSON API and its pages, in-process, over the bundled sample corpus; plus the small queries
the web app added to the library (feed filters, story occurrences, actor and pair events)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from wirewatch import QueryError, Settings, Store
from wirewatch.events.queries import actor_activity, actor_counterparts, event_mentions, list_events
from wirewatch.story_queries import feed_story_ids, list_stories, story_occurrences
from wirewatch.web import create_app
from wirewatch.web.app import SECURITY_HEADERS
from wirewatch.web.data import FeedFilters, feed_data
from wirewatch.web.highlight import fts_markup, span_markup


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), sample_db)) as c:
        yield c


@pytest.fixture(scope="module")
def db(sample_db: Path) -> Iterator[sqlite3.Connection]:
    store = Store(sample_db, readonly=True)
    yield store.db
    store.close()


@pytest.fixture(scope="module")
def busiest(client: TestClient) -> dict:
    """The most corroborated story of the sample corpus (several outlets, coded events)."""
    feed = client.get("/api/stories", params={"order": "corroborated", "limit": 1}).json()
    return client.get(f"/api/story/{feed['stories'][0]['id']}").json()


# -- the library queries the web app uses ------------------------------------------------------

def test_feed_story_ids_orders_and_filters(db: sqlite3.Connection) -> None:
    recent = feed_story_ids(db, limit=500)
    assert recent[:5] == [s["id"] for s in list_stories(db, limit=5)]
    corroborated = feed_story_ids(db, order="corroborated", limit=500)
    assert sorted(recent) == sorted(corroborated)
    stories = {s["id"]: s for s in list_stories(db, story_ids=corroborated[:20], limit=20)}
    counts = [stories[i]["outlet_count"] for i in corroborated[:20]]
    assert counts == sorted(counts, reverse=True)

    consult = feed_story_ids(db, event_types=["CONSULT"], limit=500)
    assert consult and set(consult) < set(recent)
    for s in list_stories(db, story_ids=consult, limit=500):
        assert "CONSULT" in {e["type"] for e in s["events"]}
    atlas = feed_story_ids(db, outlets=["Atlas Daily"], limit=500)
    assert atlas and all("Atlas Daily" in s["outlets"] for s in list_stories(db, story_ids=atlas, limit=500))
    early = feed_story_ids(db, until="2025-01-15", limit=500)
    assert early and all(s["first_seen"] <= "2025-01-15T23:59:59Z"
                         for s in list_stories(db, story_ids=early, limit=500))
    with pytest.raises(QueryError):
        feed_story_ids(db, order="sideways")


def test_story_occurrences_cover_every_copy(db: sqlite3.Connection) -> None:
    story_id = feed_story_ids(db, order="corroborated", limit=1)[0]
    occurrences = story_occurrences(db, story_id)
    story = list_stories(db, story_ids=[story_id], limit=1)[0]
    assert len(occurrences) == story["occurrences"]
    assert {o["outlet"] for o in occurrences} == set(story["outlets"])
    stamps = [o["published"] or o["ingested_at"] for o in occurrences]
    assert stamps == sorted(stamps)


def test_actor_and_pair_event_queries(db: sqlite3.Connection) -> None:
    pair = list_events(db, actor="CHN", counterpart="RUS")
    assert pair and all(e in list_events(db, actor="CHN", limit=1000) for e in pair)
    partners = {c["code"]: c for c in actor_counterparts(db, "CHN")}
    assert "RUS" in partners and partners["RUS"]["events"] == len(pair)
    activity = actor_activity(db, "CHN")
    assert sum(r["events"] for r in activity) == len(list_events(db, actor="CHN", limit=1000))
    mentions = event_mentions(db, [pair[0]["id"]])
    assert mentions and all(m["canonical_event_id"] == pair[0]["id"] for m in mentions)
    m = mentions[0]
    assert m["text"][m["trigger_start"]:m["trigger_end"]] == m["trigger"]
    assert all(m["text"][a["start"]:a["end"]] == a["text"] for a in m["actors"])


# -- the API -----------------------------------------------------------------------------------

def test_stories_feed(client: TestClient) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(body["stories"]) == 30
    assert body["next_offset"] == 30
    last = [s["last_seen"] for s in body["stories"]]
    assert last == sorted(last, reverse=True)
    page2 = client.get("/api/stories", params={"offset": 30}).json()
    assert not {s["id"] for s in page2["stories"]} & {s["id"] for s in body["stories"]}


@pytest.mark.parametrize("params", [
    {"actor": "CHN"}, {"type": "CONSULT"}, {"outlet": "Atlas Daily"}, {"since": "2025-02-01"},
    {"until": "2025-01-15"}, {"order": "corroborated", "actor": "RUS", "type": "CONSULT"},
])
def test_stories_filters(client: TestClient, params: dict[str, str]) -> None:
    body = client.get("/api/stories", params=params).json()
    assert body["stories"], params
    for s in body["stories"]:
        if "actor" in params:
            assert params["actor"] in {a["code"] for a in s["actors"]}
        if "type" in params:
            assert params["type"].upper() in s["event_types"]
        if "outlet" in params:
            assert params["outlet"] in s["outlets"]
        if "since" in params:
            assert s["last_seen"] >= params["since"]
        if "until" in params:
            assert s["first_seen"][:10] <= params["until"]


def test_bad_filters_are_400_or_422(client: TestClient, db: sqlite3.Connection) -> None:
    # the schema rejects what it can describe (422) ...
    for params in ({"type": "DANCE"}, {"since": "soon"}, {"limit": 0}, {"order": "random"},
                   {"until": "Jan 5"}, {"actor": "C"}):
        assert client.get("/api/stories", params=params).status_code == 422, params
    # ... and the library what it cannot (400, with our error body)
    r = client.get("/api/stories", params={"since": "2025-13-45"})
    assert r.status_code == 400 and r.json()["error"]["type"] == "QueryError"
    assert "2025-01-20" in r.json()["error"]["message"]
    with pytest.raises(QueryError, match="CONSULT"):
        feed_data(db, FeedFilters(type="DANCE"))


def test_story(client: TestClient, busiest: dict) -> None:
    s = busiest
    assert s["outlet_count"] >= 3 and s["headline"]["text"]
    member_ids = {m["snippet_id"] for m in s["members"]}
    # the brief cites reports of this story
    assert s["summary"] and all(set(x["snippet_ids"]) <= member_ids for x in s["summary"])
    # every copy is in the timeline and under its outlet
    assert len(s["timeline"]) == s["occurrences"]
    assert {g["outlet"] for g in s["outlet_reports"]} == set(s["outlets"])
    assert sum(len(g["reports"]) for g in s["outlet_reports"]) == s["occurrences"]
    # coded events carry their evidence as offsets into the sentence
    assert s["events"]
    for e in s["events"]:
        assert isinstance(e["source"], list) and e["evidence"]
        for ev in e["evidence"]:
            assert ev["snippet_id"] in e["snippet_ids"]  # evidence from this story's reports only
            for span in ev["spans"]:
                assert ev["sentence"][span["start"]:span["end"]] == span["text"]


def test_story_not_found(client: TestClient) -> None:
    r = client.get("/api/story/999999")
    assert r.status_code == 404
    assert r.json() == {"error": {"type": "NotFoundError",
                                  "message": "no story 999999; `wirewatch stories` lists story ids"}}
    assert client.get("/story/999999").status_code == 404
    assert client.get("/api/story/0").status_code == 422


def test_actor(client: TestClient) -> None:
    body = client.get("/api/actor/CHN").json()
    assert body["name"] == "China" and body["totals"]["events"] > 0
    assert "RUS" in {c["code"] for c in body["counterparts"]}
    assert body["stories"] and all("CHN" in {a["code"] for a in s["actors"]} for s in body["stories"])
    assert sum(r["events"] for r in body["activity"]) == body["totals"]["events"]
    assert client.get("/api/actor/chn").json()["code"] == "CHN"
    assert client.get("/api/actor/QQQ").status_code == 404
    assert client.get("/api/actor/1").status_code == 422


def test_pair(client: TestClient) -> None:
    body = client.get("/api/pair/CHN/RUS").json()
    assert body["a"]["name"] == "China" and body["b"]["name"] == "Russia"
    assert body["trend"] and body["events"]
    assert body["summary"]["event_mentions"] == sum(p["events"] for p in body["trend"])
    assert all(-10 <= p["mean_goldstein"] <= 10 for p in body["trend"])
    assert all(e["story_ids"] for e in body["events"])
    assert all(isinstance(e["contexts"], list) for e in body["events"])  # PLOVER contexts, shown too
    assert client.get("/api/pair/QQQ/XQX").status_code == 404


def test_search(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "ceasefire"}).json()
    assert body["count"] > 0
    hit = body["groups"][0]["hits"][0]
    assert "\x02" in hit["highlighted"] and "ceasefire" in hit["text"].lower()
    assert body["groups"][0]["headline"]
    assert client.get("/api/search", params={"q": "!! _"}).status_code == 422  # no word to find
    assert client.get("/api/search").status_code == 422
    r = client.get("/api/search", params={"q": "talks", "since": "2025-02-30"})
    assert r.status_code == 400 and r.json()["error"]["type"] == "QueryError"
    narrowed = client.get("/api/search", params={"q": "talks", "actor": "RUS"}).json()
    assert narrowed["count"] <= client.get("/api/search", params={"q": "talks"}).json()["count"]


def test_pages_render_the_same_data(client: TestClient, busiest: dict) -> None:
    pages = {"/": "Latest stories", f"/story/{busiest['id']}": "Also reported by",
             "/actor/CHN": "Top counterparts", "/pair/CHN/RUS": "Cooperation–conflict trend",
             "/search?q=ceasefire": "<mark>"}
    for url, text in pages.items():
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert text in r.text, url
    story_html = client.get(f"/story/{busiest['id']}").text
    assert busiest["summary"][0]["snippet_ids"][0] and f'href="#report-{busiest["summary"][0]["snippet_ids"][0]}"' in story_html
    assert all(f'id="report-{m["snippet_id"]}"' in story_html for m in busiest["members"])
    assert '<mark class="trigger">' in story_html
    assert 'href="/actor/' in story_html
    assert 'class="chart"' in client.get("/pair/CHN/RUS").text


def test_security_headers_everywhere(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/static/style.css", "/static/vendor/plotly.min.js", "/nowhere",
                "/api/story/999999", "/openapi.json"):
        r = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value, (url, name)
    csp = SECURITY_HEADERS["content-security-policy"]
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src


def test_no_network_assets(client: TestClient) -> None:
    """Every page loads scripts and styles from this origin only."""
    for url in ("/", "/actor/CHN", "/pair/CHN/RUS", "/search?q=talks"):
        html = client.get(url).text
        assert "cdn" not in html.lower() and "googleapis" not in html
        assert 'src="http' not in html and "<script>" not in html
    js = client.get("/static/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/stories", "/api/story/{story_id}", "/api/actor/{code}",
                                  "/api/pair/{a}/{b}", "/api/search"}


def test_store_is_opened_read_only(client: TestClient, sample_db: Path) -> None:
    before = sample_db.stat().st_mtime_ns
    client.get("/api/stories")
    assert sample_db.stat().st_mtime_ns == before
    assert client.post("/api/stories").status_code == 405


def test_missing_store_fails_at_start(tmp_path: Path) -> None:
    from wirewatch import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(Settings(), tmp_path / "absent.db")


def test_highlight_escapes_before_marking() -> None:
    assert fts_markup("<b>\x02x\x03</b>") == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"
    assert fts_markup("a\x02b") == "ab"  # unbalanced markers: shown unmarked
    text = 'Hi <img src=x onerror=alert(1)> said "Xi"'
    out = span_markup(text, [(text.index("Xi"), text.index("Xi") + 2, "source"), (0, 2, "trigger")])
    assert out == ('<mark class="trigger">Hi</mark> &lt;img src=x onerror=alert(1)&gt; said '
                   '&#34;<mark class="source">Xi</mark>&#34;')
    assert span_markup("abc", [(1, 99, "t"), (0, 2, "u")]) == '<mark class="u">ab</mark>c'
