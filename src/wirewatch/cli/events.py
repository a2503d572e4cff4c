"""Commands over coded events and actors: events, export, code, actors import, lookup, learned, forget."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..ingest.lines import nonblank_lines
from ..models import Rejection
from .common import console, err_console, handle_errors, open_store, print_json, settings

DbOption = Annotated[
    Path | None, typer.Option("--db", help="SQLite store (default: setting `db`, wirewatch.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

actors_app = typer.Typer(help="Actor knowledge base: import CAMEO dictionaries, look phrases up, review "
                              "learned aliases.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("events")(events)
    app.command("export")(export)
    app.command("code")(code)
    app.add_typer(actors_app, name="actors")
    actors_app.command("import")(actors_import)
    actors_app.command("lookup")(actors_lookup)
    actors_app.command("learned")(actors_learned)
    actors_app.command("forget")(actors_forget)


@handle_errors
def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code, e.g. CHN or CHNGOV (source or target).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    flagged: Annotated[bool, typer.Option(
        "--flagged", help="List negated and hypothetical event mentions instead.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Canonical events (each with its number of reports and outlets), newest first."""
    from ..events.queries import flagged_events, list_events

    with open_store(db, readonly=True) as store:
        rows = (flagged_events(store.db, limit) if flagged
                else list_events(store.db, actor=actor, event_type=type_, since=since, limit=limit))
    if as_json:
        print_json(rows)
        return
    if flagged:
        table = Table("id", "type", "source", "target", "flag", "evidence")
        for r in rows:
            flag = "negated" if r["negated"] else "hypothetical"
            table.add_row(str(r["id"]), r["type"], " ".join(r["source"]), " ".join(r["target"]), flag,
                          r["evidence"][:80])
    else:
        table = Table()
        for name in ("id", "date", "type", "cameo", "source", "target", "reports", "outlets"):
            table.add_column(name, no_wrap=True)
        table.add_column("evidence", ratio=1)
        for r in rows:
            table.add_row(str(r["id"]), r["date"] or (r["date_hint"] and f"({r['date_hint']})") or "-",
                          r["type"] + (f" {r['mode']}" if r["mode"] else ""), r["cameo"],
                          " ".join(r["source"]), " ".join(r["target"]), str(r["reports"]),
                          str(r["outlets"]), (r["evidence"] or "")[:100])
    console.print(table)


@handle_errors
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write (written atomically).")],
    db: DbOption = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="csv, jsonl or parquet (default: from the --out suffix, else csv).")] = None,
    level: Annotated[str, typer.Option(
        help="events: one row per canonical event; mentions: one per coded event mention.")] = "events",
    actor: Annotated[str | None, typer.Option(help="Actor code, e.g. CHN or CHNGOV (source or target).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Write the events as a data set (CSV, JSON Lines or Parquet) for R, pandas or a spreadsheet."""
    from ..export import export as export_events

    with open_store(db, readonly=True) as store:
        report = export_events(store.db, out, fmt=fmt, level=level, actor=actor, event_type=type_,
                               since=since, force=force)
    if as_json:
        print_json(report.as_dict())
        return
    console.print(f"{report.rows} {report.level} -> {report.path} ({report.format})", highlight=False)


def _read_jsonl(path: Path) -> list[tuple[Any, str, str | None]]:
    items: list[tuple[Any, str, str | None]] = []
    for item in nonblank_lines(path, settings().max_line_bytes):
        if isinstance(item, Rejection):
            err_console.print(f"[yellow]skipped[/yellow] {item}", highlight=False)
            continue
        n, line = item
        try:
            obj = json.loads(line)
            text = obj["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            err_console.print(f"[yellow]skipped[/yellow] {path}:{n}: need a JSON object with "
                              f"\"text\" ({exc})", highlight=False)
            continue
        items.append((obj.get("id", n), text, obj.get("published")))
    return items


@handle_errors
def code(
    input_: Annotated[Path, typer.Argument(metavar="INPUT.jsonl",
                                           help='JSON Lines: {"id", "text", "published"?}; - for stdin.')],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (default stdout).")] = None,
    processes: Annotated[int, typer.Option(help="spaCy parse processes.")] = 1,
    every: Annotated[bool, typer.Option("--all", help="Also events below min_event_confidence or "
                                                    "min_event_relevance (the store keeps neither).")] = False,
) -> None:
    """Code texts into PLOVER events without a store: one JSON line out per line in, with the
    events the store would keep (negated and hypothetical ones flagged)."""
    from ..events.coder import code_texts, shown

    items = _read_jsonl(input_)
    conf = settings()
    results = code_texts(items, conf, n_process=processes)
    if not every:
        for r in results:
            r.events = [e for e in r.events if shown(e, conf)]
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for r in results:
            out.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    if output:
        err_console.print(f"coded {len(results)} texts, "
                          f"{sum(len(r.events) for r in results)} events -> {output}", highlight=False)


@handle_errors
def actors_import(
    files: Annotated[list[Path], typer.Argument(help="CAMEO/Phoenix .actors or agents .txt files.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Store CAMEO/Phoenix actor and agent dictionaries; the resolver uses them from then on."""
    from ..actors.importer import import_dictionaries

    with open_store(db) as store, store.atomic() as conn:
        report = import_dictionaries(conn, list(files))
    if as_json:
        print_json(report.as_dict())
        return
    console.print(f"imported {report.files} files: {report.entries} entries, {report.added} new",
                  highlight=False)


@handle_errors
def actors_lookup(
    text: Annotated[str, typer.Argument(help='A phrase, e.g. "Chinese Foreign Ministry spokesperson".')],
    on: Annotated[str | None, typer.Option("--date", help="Resolve office holders at this date.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show how a phrase resolves to coded actors."""
    from ..actors.stage import coder_for
    from ..errors import QueryError

    try:
        when = date.fromisoformat(on) if on else None
    except ValueError:
        raise QueryError(f"--date {on!r}: expected a date like 2025-01-21") from None
    path = db if db is not None else settings().db
    if path.exists():
        with open_store(path, readonly=True) as store:
            coder = coder_for(store.db, settings())
    else:
        from ..events.coder import get_coder

        coder = get_coder(settings())
    mentions = coder.resolver.lookup(coder.nlp.make_doc(text), when)
    rows = [m.as_dict() for m in mentions]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("no actor found", highlight=False)
        return
    table = Table("text", "actor", "country", "sector", "org", "via")
    for r in rows:
        table.add_row(str(r["text"]), str(r["actor"]), str(r["code"] or "-"), str(r["sector"] or "-"),
                      str(r["org"] or "-"), str(r["via"]))
    console.print(table)


@handle_errors
def actors_learned(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the aliases the store learned from reports ("Armenian Prime Minister Nikol Pashinyan"
    teaches "Pashinyan"), with the date they apply from and the snippet they came from."""
    from ..actors.learned import list_learned

    with open_store(db, readonly=True) as store:
        has_table = store.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'learned_aliases'").fetchone()
        rows = list_learned(store.db) if has_table else []
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("nothing learned yet", highlight=False)
        return
    table = Table()
    for name in ("alias", "actor", "from", "snippet"):
        table.add_column(name, no_wrap=True)
    table.add_column("sentence", ratio=1)
    for r in rows:
        table.add_row(r["alias"], r["actor"], r["valid_from"], str(r["snippet_id"] or "-"), r["sentence"][:120])
    console.print(table)


@handle_errors
def actors_forget(
    alias: Annotated[str, typer.Argument(help='A learned alias, e.g. "Pashinyan" (a full name also drops '
                                              "the surname learned with it).")],
    code: Annotated[str | None, typer.Option(
        "--code", help="Only the alias learned for this country or actor, e.g. ARM or ARMGOV.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Forget a wrong learned alias: later batches no longer use it or learn it again (events
    already coded keep their actors)."""
    from ..actors.learned import forget_learned
    from ..errors import StoreError
    from ..store import utcnow

    path = db if db is not None else settings().db
    if not path.exists():
        raise StoreError(f"{path}: no such store; nothing was learned there")
    with open_store(path) as store, store.atomic() as conn:
        dropped = forget_learned(conn, alias, code=code, now=utcnow())
    if as_json:
        print_json({"alias": alias, "code": code, "dropped": dropped})
        return
    console.print(f"forgot {alias!r}" + (f" ({code})" if code else "") + f": {dropped} learned "
                  f"{'alias' if dropped == 1 else 'aliases'} dropped", highlight=False)
