"""Each reader: records with provenance, and one rejection (file + line) per bad record."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch.errors import SettingsError
from wirewatch.ingest import FieldMap, read_inputs
from wirewatch.models import Record, Rejection
from wirewatch.settings import Settings


def split(items: list[Record | Rejection]) -> tuple[list[Record], list[Rejection]]:
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, Rejection)]


def read(paths: list[Path | str], settings: Settings | None = None, **kw: object) -> tuple[list[Record], list[Rejection]]:
    return split(list(read_inputs(paths, settings or Settings(), **kw)))  # type: ignore[arg-type]


def test_text_lines_keep_line_numbers_and_skip_blanks(tmp_path: Path) -> None:
    f = tmp_path / "batch.txt"
    f.write_text("First snippet.\n\n  \nSecond snippet.\n", encoding="utf-8")
    records, rejects = read([f], outlet="Desk")
    assert [(r.text, r.locator, r.outlet) for r in records] == [
        ("First snippet.", "line 1", "Desk"), ("Second snippet.", "line 4", "Desk")]
    assert rejects == []


def test_invalid_utf8_line_is_rejected_and_the_rest_lands(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"good one\nbad \xff\xfe line\ngood two\n")
    records, rejects = read([f])
    assert [r.text for r in records] == ["good one", "good two"]
    assert len(rejects) == 1 and rejects[0].locator == "line 2"
    assert "invalid UTF-8" in rejects[0].reason and str(f) in str(rejects[0])


def test_line_over_the_limit_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text("short\n" + "x" * 5000 + "\nafter\n", encoding="utf-8")
    records, rejects = read([f], Settings(max_line_bytes=1000))
    assert [r.text for r in records] == ["short", "after"]
    assert rejects[0].locator == "line 2" and "max_line_bytes" in rejects[0].reason


def test_jsonl_fields_and_malformed_lines(tmp_path: Path) -> None:
    f = tmp_path / "wire.jsonl"
    f.write_text(
        json.dumps({"id": "a1", "text": "Xi spoke with Putin.", "url": "https://x.example/1",
                    "outlet": "Wire", "published": "2025-01-21T09:00:00Z", "title": "Call"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "words": "no text key"}) + "\n"
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"text": "Bad date", "published": "yesterday-ish"}) + "\n",
        encoding="utf-8",
    )
    records, rejects = read([f])
    assert len(records) == 1
    r = records[0]
    assert (r.external_id, r.outlet, r.url, r.title, r.locator) == ("a1", "Wire", "https://x.example/1", "Call", "line 1")
    assert r.published == datetime(2025, 1, 21, 9, tzinfo=UTC)
    assert [j.locator for j in rejects] == ["line 2", "line 3", "line 4", "line 5"]
    assert "malformed JSON" in rejects[0].reason
    assert "no text" in rejects[1].reason
    assert "published time" in rejects[3].reason


def test_field_mapping_points_text_at_another_key(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"body": "mapped text", "site": "Site"}) + "\n", encoding="utf-8")
    records, _ = read([f], fields=FieldMap.parse(["text=body"]))
    assert records[0].text == "mapped text" and records[0].outlet == "Site"
    with pytest.raises(SettingsError):
        FieldMap.parse(["colour=red"])


def test_field_paths_reach_into_nested_json(tmp_path: Path) -> None:
    f = tmp_path / "nested.jsonl"
    rows = [
        {"meta": {"title": "Talks in Geneva", "site": "Wire A"},
         "sentences": [{"sid": 0, "text": "Russia and Ukraine met."}, {"sid": 1, "text": "They will meet again."}]},
        {"meta": {"title": "Empty"}, "sentences": []},
        {"meta": "not an object", "sentences": [{"text": "Only text."}, {"sid": 3}, "a bare string"]},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    fields = FieldMap.parse(["text=sentences[].text", "title=meta.title", "outlet=meta.site"])
    records, rejects = read([f], fields=fields)
    assert [r.text for r in records] == ["Russia and Ukraine met. They will meet again.", "Only text."]
    assert records[0].title == "Talks in Geneva" and records[0].outlet == "Wire A"
    assert records[1].title is None  # the path does not exist in that row: no title, not an error
    assert [r.locator for r in rejects] == ["line 2"] and "sentences[].text" in rejects[0].reason


def test_csv_rows_and_malformed_row(tmp_path: Path) -> None:
    f = tmp_path / "rows.csv"
    f.write_text('text,outlet,published\n"China urged, again",Post,2025-01-28\nonly-one-field\n'
                 '"Second, row",Ledger,\n', encoding="utf-8")
    records, rejects = read([f])
    assert [(r.text, r.outlet, r.locator) for r in records] == [
        ("China urged, again", "Post", "line 2"), ("Second, row", "Ledger", "line 4")]
    assert records[0].published == datetime(2025, 1, 28, tzinfo=UTC)
    assert rejects[0].locator == "line 3" and "malformed CSV" in rejects[0].reason


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Meridian Post</title>
<item><title>Call</title><link>https://mp.example/1</link><guid>mp-1</guid>
<pubDate>Tue, 21 Jan 2025 10:00:00 GMT</pubDate><description>Xi and Putin &lt;b&gt;spoke&lt;/b&gt; by video.</description></item>
<item><title>Only a title</title><link>https://mp.example/2</link></item>
</channel></rss>"""


def test_rss_items_with_outlet_from_channel(tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_bytes(RSS)
    records, rejects = read([f])
    assert rejects == []
    assert records[0].text == "Xi and Putin spoke by video."
    assert (records[0].outlet, records[0].url, records[0].locator) == ("Meridian Post", "https://mp.example/1", "item 1")
    assert records[0].published == datetime(2025, 1, 21, 10, tzinfo=UTC)
    assert records[1].text == "Only a title"


def test_feed_title_wins_over_the_fallback_outlet(tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_bytes(RSS)
    records, _ = read([f], outlet="Fallback")
    assert records[0].outlet == "Meridian Post"
    f.write_bytes(RSS.replace(b"<title>Meridian Post</title>", b""))
    records, _ = read([f], outlet="Fallback")
    assert records[0].outlet == "Fallback"


def test_atom_feed(tmp_path: Path) -> None:
    f = tmp_path / "feed.atom"
    f.write_text("""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Northline</title>
<entry><title>T</title><link href="https://nl.example/a"/><id>nl-a</id><updated>2025-02-03T08:00:00Z</updated>
<summary>Rubio visited Panama.</summary></entry></feed>""", encoding="utf-8")
    records, _ = read([f])
    assert (records[0].text, records[0].outlet, records[0].external_id) == ("Rubio visited Panama.", "Northline", "nl-a")


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "bomb.xml"
    f.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                 "<rss><channel><item><description>&b;</description></item></channel></rss>", encoding="utf-8")
    records, rejects = read([f])
    assert records == [] and "unsafe XML" in rejects[0].reason


def test_external_entity_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "xxe.rss"
    f.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                 "<rss><channel><item><description>&x;</description></item></channel></rss>", encoding="utf-8")
    records, rejects = read([f])
    assert records == [] and "unsafe XML" in rejects[0].reason


def test_broken_feed_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "broken.xml"
    f.write_text('<?xml version="1.0"?>\n<rss><channel>\n<item><description>x</item>\n</channel></rss>', encoding="utf-8")
    records, rejects = read([f])
    assert records == [] and rejects[0].locator.startswith("line ") and "broken feed" in rejects[0].reason


def test_html_article_main_text(tmp_path: Path) -> None:
    body = " ".join(["Officials in Brussels met on Monday to discuss the new sanctions package."] * 4)
    f = tmp_path / "article.html"
    f.write_text(f"""<html><head><title>Sanctions talks</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Sanctions talks</h1><p>{body}</p><p>{body}</p></article>
<footer>Copyright Example Media. All rights reserved.</footer></body></html>""", encoding="utf-8")
    records, rejects = read([f])
    assert rejects == []
    assert "sanctions package" in records[0].text and "All rights reserved" not in records[0].text
    assert records[0].locator == "article"


def test_urls_use_the_injected_fetcher() -> None:
    calls = []

    def fetch(url: str, settings: Settings) -> tuple[bytes, str]:
        calls.append(url)
        if url.endswith("/down"):
            raise OSError("connection refused")
        return RSS, "application/rss+xml"

    records, rejects = read(["https://mp.example/feed", "https://mp.example/down"], fetch=fetch)
    assert calls == ["https://mp.example/feed", "https://mp.example/down"]
    assert len(records) == 2 and records[0].source == "https://mp.example/feed"
    assert rejects[0].source == "https://mp.example/down" and "cannot fetch" in rejects[0].reason


def test_missing_and_unreadable_files_are_rejections(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine\n", encoding="utf-8")
    records, rejects = read([tmp_path / "nope.txt", good])
    assert [r.text for r in records] == ["fine"]
    assert "no such file" in rejects[0].reason


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("one\n", encoding="utf-8")
    (tmp_path / "b" / "c.jsonl").write_text('{"text": "two"}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    records, rejects = read([tmp_path])
    assert [r.text for r in records] == ["one", "two"] and rejects == []


def test_batch_mode_inputs_get_the_same_line_checks(tmp_path: Path) -> None:
    """`wirewatch code` and `cluster` read JSON Lines outside the ingest readers, with the same
    per-line UTF-8 check: a bad line is named, not a traceback."""
    from typer.testing import CliRunner

    from wirewatch.cli import app

    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"id": "a", "text": "Talks \xff held."}\n')
    result = CliRunner().invoke(app, ["cluster", str(f)])
    assert result.exit_code == 1 and f"{f}:line 1: invalid UTF-8" in result.output
    result = CliRunner().invoke(app, ["code", str(f)])
    assert result.exit_code == 0 and f"skipped {f}:line 1: invalid UTF-8" in result.output


def test_outlet_from_the_urls_registered_domain(tmp_path: Path) -> None:
    from wirewatch.ingest.outlets import outlet_of_url

    assert outlet_of_url("https://news.bbc.co.uk/world/123") == "bbc.co.uk"
    assert outlet_of_url("https://edition.cnn.com/2025/01/21/x.html") == "cnn.com"
    assert outlet_of_url("http://localhost:8000/a") == "localhost"
    assert outlet_of_url("http://192.168.1.10/a") == "192.168.1.10"
    assert outlet_of_url("not a url") is None
    # Through the pipeline: stored as the outlet when the input names none; a named outlet wins.
    from wirewatch import Settings, Store
    from wirewatch.pipeline import ingest

    f = tmp_path / "u.jsonl"
    f.write_text(json.dumps({"text": "Russia and Ukraine met in Geneva.", "url": "https://www.reuters.com/a"}) + "\n"
                 + json.dumps({"text": "China and India met in Delhi.", "url": "https://www.reuters.com/b",
                               "outlet": "Reuters"}) + "\n", encoding="utf-8")
    with Store(tmp_path / "u.db") as store:
        ingest([f], store, Settings(), batch="u")
        assert sorted(r[0] for r in store.db.execute("SELECT outlet FROM occurrences")) == ["Reuters", "reuters.com"]
