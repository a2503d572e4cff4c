"""Commands over stories: stories, story, cluster, brief, search, demo."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markdown import Markdown
from rich.table import Table

from ..briefs import build_brief, render
from ..errors import InputError, QueryError
from ..ingest.lines import nonblank_lines
from ..models import Rejection
from ..search import SearchQuery
from ..search import search as run_search
from ..store import Store
from ..stories import StoryInput, cluster_texts
from ..story_queries import list_stories, story_detail
from .common import console, err_console, handle_errors, open_store, print_json, settings

DbOption = Annotated[
    Path | None, typer.Option("--db", help="SQLite store (default: setting `db`, wirewatch.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only reports since then: a duration back from the newest report (7d, 36h, 2w) "
                    "or a date (2025-01-20).")]
ActorOption = Annotated[list[str] | None, typer.Option(
    "--actor", help="Coded actor, e.g. CHN or RUS (repeatable; needs the annotate stage).")]

DEMO_DB = Path("wirewatch-demo.db")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("cluster")(cluster)
    app.command("brief")(brief)
    app.command("search")(search)
    app.command("demo")(demo)


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@handle_errors
def stories(
    db: DbOption = None,
    since: SinceOption = None,
    actor: ActorOption = None,
    limit: Annotated[int, typer.Option(help="Most stories to list.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """The story feed, most recently active first: headline, reports, outlets, time span."""
    with open_store(db, readonly=True) as store:
        result = list_stories(store.db, since=since, actors=actor or [], limit=limit)
    if as_json:
        print_json(result)
        return
    table = Table("id", "headline", "reports", "outlets", "last seen", title="stories")
    for s in result:
        table.add_row(str(s["id"]), _clip(s["headline"]["text"]) if s["headline"] else "-",
                      str(s["reports"]), str(s["outlet_count"]), (s["last_seen"] or "-")[:16])
    console.print(table)


@handle_errors
def story(
    story_id: Annotated[int, typer.Argument(help="Story id (see `wirewatch stories`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One story: headline, cited summary, every report with its outlets, actors and events."""
    with open_store(db, readonly=True) as store:
        detail = story_detail(store.db, story_id)
    if as_json:
        print_json(detail)
        return
    head = detail["headline"]
    console.print(f"[bold]story {detail['id']}[/bold]: {head['text']} [dim]\\[#{head['snippet_id']}][/dim]",
                  highlight=False)
    console.print(f"{detail['reports']} reports, {detail['outlet_count']} outlets "
                  f"({', '.join(detail['outlets'])}), {detail['first_seen']} to {detail['last_seen']}",
                  highlight=False)
    if detail["summary"]:
        console.print("\n[bold]summary[/bold]")
        for s in detail["summary"]:
            ids = ", ".join(f"#{i}" for i in s["snippet_ids"])
            console.print(f"- {s['text']} [dim]\\[{ids} · {', '.join(s['outlets'])}][/dim]",
                          highlight=False, markup=True)
    table = Table("snippet", "published", "outlets", "text", title="reports")
    for m in detail["members"]:
        table.add_row(str(m["snippet_id"]), (m["published"] or "-")[:16], ", ".join(m["outlets"]),
                      _clip(m["text"], 100))
    console.print(table)
    if detail["actors"]:
        console.print("actors: " + ", ".join(f"{a['actor']} ({a['reports']})" for a in detail["actors"]),
                      highlight=False)
    for e in detail["events"]:
        console.print(f"event {e['type']} {e['source']} -> {e['target']} {e['date'] or ''} "
                      f"(reports {', '.join(f'#{i}' for i in e['snippet_ids'])})", highlight=False)


def _read_cluster_input(path: Path) -> list[StoryInput]:
    from ..ingest.timeparse import parse_published

    items: list[StoryInput] = []
    seen: set[object] = set()
    for item in nonblank_lines(path, settings().max_line_bytes):
        if isinstance(item, Rejection):
            raise InputError(f"{item.source}:{item.locator}", item.reason)
        n, line = item
        try:
            obj = json.loads(line)
            ident, text = obj["id"], obj["text"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}", f"expected a JSON object with id and text ({exc})") from None
        if not isinstance(text, str) or not isinstance(ident, (str, int)):
            raise InputError(f"{path}:{n}", "id must be a string or number and text a string")
        if ident in seen:
            raise InputError(f"{path}:{n}", f"id {ident!r} appears twice")
        seen.add(ident)
        try:
            published = parse_published(obj.get("published"))
        except ValueError as exc:
            raise InputError(f"{path}:{n}", str(exc)) from None
        items.append(StoryInput(ident, text, published))
    return items


@handle_errors
def cluster(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT.jsonl",
                                               help='JSON Lines of {"id", "text", "published"?}; - for stdin.')],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (default: stdout).")] = None,
) -> None:
    """Cluster a JSONL file into stories without a store: writes {"id", "story"} lines (same
    algorithm as the pipeline, one stateless batch)."""
    if str(input_path) != "-" and not input_path.exists():
        raise InputError(str(input_path), "no such file")
    items = _read_cluster_input(input_path)
    started = time.perf_counter()
    labels = cluster_texts(items, settings())
    lines = "".join(json.dumps({"id": it.id, "story": labels[it.id]}, ensure_ascii=False) + "\n"
                    for it in items)
    if output is None:
        sys.stdout.write(lines)
    else:
        output.write_text(lines, encoding="utf-8")
    err_console.print(f"{len(items)} reports in {len(set(labels.values()))} stories "
                      f"({time.perf_counter() - started:.1f}s)", highlight=False)


@handle_errors
def brief(
    db: DbOption = None,
    actor: ActorOption = None,
    query: Annotated[str | None, typer.Option("--query", help="Only stories matching this text.")] = None,
    since: SinceOption = None,
    top: Annotated[int, typer.Option(help="How many top stories.")] = 8,
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (default: stdout).")] = None,
) -> None:
    """A situation report: top stories by corroboration and recency (cited summaries), an event
    timeline and, for two --actor codes, their cooperation–conflict trend."""
    if fmt not in {"md", "html", "json"}:
        raise QueryError(f"--format {fmt!r}: use md, html or json")
    with open_store(db, readonly=True) as store:
        text = render(build_brief(store.db, actors=actor or [], query=query, since=since, top=top), fmt)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output}", highlight=False)
    else:
        sys.stdout.write(text)


def _show_hit(text: str) -> str:
    # FTS5 marks matches with \x02 ... \x03; make them bold, and escape Rich markup in the text.
    from rich.markup import escape

    return escape(text).replace("\x02", "[bold yellow]").replace("\x03", "[/bold yellow]")


@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to find (any text is a valid query).")],
    db: DbOption = None,
    actor: ActorOption = None,
    event_type: Annotated[list[str] | None, typer.Option(
        "--type", help="PLOVER event type, e.g. CONSULT (repeatable; needs the code stage).")] = None,
    since: SinceOption = None,
    outlet: Annotated[list[str] | None, typer.Option("--outlet", help="Outlet name (repeatable).")] = None,
    limit: Annotated[int, typer.Option(help="Most reports to return.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Full-text search (BM25), results grouped by story, matches highlighted."""
    q = SearchQuery(query, actors=tuple(actor or ()), types=tuple(event_type or ()),
                    outlets=tuple(outlet or ()), since=since, limit=limit)
    with open_store(db, readonly=True) as store:
        groups = run_search(store.db, q)
    if as_json:
        for g in groups:
            for h in g["hits"]:
                h["highlighted"] = h["highlighted"].replace("\x02", "[").replace("\x03", "]")
                h["excerpt"] = h["excerpt"].replace("\x02", "[").replace("\x03", "]")
        print_json(groups)
        return
    if not groups:
        console.print("no matches", highlight=False)
        return
    for g in groups:
        label = f"story {g['story_id']}" if g["story_id"] is not None else "no story"
        console.print(f"[bold]{label}[/bold]", highlight=False)
        for h in g["hits"]:
            console.print(f"  #{h['snippet_id']} [dim]{', '.join(h['outlets']) or '-'} "
                          f"{(h['published'] or '')[:10]}[/dim]  {_show_hit(h['excerpt'])}", highlight=False)


@handle_errors
def demo(
    db: Annotated[Path | None, typer.Option(
        "--db", help=f"SQLite file for the demo (default: {DEMO_DB}, so your own store is untouched). "
                     "An existing demo file is rebuilt.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    top: Annotated[int, typer.Option(help="How many top stories.")] = 6,
) -> None:
    """Ingest the bundled sample corpus batch by batch and print a brief of it."""
    from ..demo import ingest_sample, sample_batches

    path = db or DEMO_DB
    for suffix in ("", "-wal", "-shm"):  # a fresh demo every time: re-running shows the same brief
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    store = Store(path)
    try:
        n_batches = len(sample_batches())
        with err_console.status("ingesting the sample corpus") as status:
            def progress(step: str, done: int, total: int | None) -> None:
                status.update(f"sample corpus: {step} {done}")

            reports = ingest_sample(store, settings(), progress=progress)
        summary: dict[str, Any] = {
            "records": sum(r.records for r in reports),
            "snippets": sum(r.new_snippets for r in reports),
            "duplicates": sum(r.exact_duplicates + r.near_duplicates for r in reports),
        }
        err_console.print(
            f"ingested {n_batches} sample batches into {path}: {summary['records']} records, "
            f"{summary['snippets']} distinct snippets ({summary['duplicates']} repeats folded) "
            f"in {time.perf_counter() - started:.1f}s", highlight=False)
        text = render(build_brief(store.db, top=top), fmt)
    finally:
        store.close()
    if fmt == "md" and sys.stdout.isatty():
        console.print(Markdown(text))
    else:
        sys.stdout.write(text)
    err_console.print(f"next: wirewatch stories --db {path} · wirewatch search 'Gaza ceasefire' --db {path}",
                      highlight=False)
