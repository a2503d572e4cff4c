"""Commands over the foundation: ingest, stats, show, settings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..ingest import FieldMap, expand_inputs
from ..models import IngestReport
from ..pipeline import ProgressFn
from ..pipeline import ingest as run_ingest
from ..settings import settings_table
from ..store.queries import snippet_detail
from ..store.queries import stats as store_stats
from .common import console, err_console, handle_errors, open_store, print_json, settings

DbOption = Annotated[
    Path | None, typer.Option("--db", help="SQLite store (default: setting `db`, wirewatch.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(stats)
    app.command()(show)
    app.command("settings")(show_settings)


@handle_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs of feeds/articles.")],
    db: DbOption = None,
    batch: Annotated[str | None, typer.Option(help="Batch name (default: the first path's name).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for records that name none (e.g. .txt lines).")] = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", help="JSONL/CSV mapping FIELD=KEY, e.g. --field text=body; a KEY may be a path into nested "
        "JSON: title=meta.title, text=sentences[].text (repeatable).")] = None,
    batch_per_file: Annotated[bool, typer.Option(
        "--batch-per-file", help="Land each file as its own batch, named after the file (seed folders).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read PATHS into the store as one batch: fold duplicates, keep every occurrence."""
    fields = FieldMap.parse(field or [])
    groups = [[p] for p in expand_inputs(paths)] if batch_per_file else [list(paths)]
    reports = []
    with open_store(db) as store:
        for group in groups:
            name = Path(group[0]).name if batch_per_file else batch
            with _progress_bar(sys.stderr.isatty() and not as_json) as progress:
                report = run_ingest(group, store, settings(), batch=name, outlet=outlet,
                                    fields=fields, progress=progress)
            reports.append(report)
            if not as_json:
                _print_report(report)
    if as_json:
        print_json([r.as_dict() for r in reports] if batch_per_file else reports[0].as_dict())


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[ProgressFn | None]:
    """A Rich progress bar on a terminal; nothing in a pipe."""
    if not enabled:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed}"), TimeElapsedColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def progress(step: str, done: int, total: int | None) -> None:
            bar.update(task, description=step, completed=done, total=total)

        yield progress


def _print_report(report: IngestReport) -> None:
    for rejection in report.rejected:
        err_console.print(f"[yellow]rejected[/yellow] {rejection}", highlight=False)
    if report.nothing_new:
        console.print(f"nothing new: all {report.already_stored} records of batch "
                      f"[bold]{report.batch}[/bold] are already stored", highlight=False)
        return
    console.print(
        f"batch [bold]{report.batch}[/bold]: {report.records} records, "
        f"{report.new_occurrences} new occurrences, {report.new_snippets} new snippets "
        f"({report.exact_duplicates} exact repeats and {report.near_duplicates} near-duplicates folded), "
        f"{report.already_stored} already stored, {len(report.rejected)} rejected",
        highlight=False,
    )


@handle_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts: occurrences, snippets, duplicate groups, batches (and events, stories)."""
    with open_store(db, readonly=True) as store:
        result = store_stats(store.db)
    if as_json:
        print_json(result)
        return
    table = Table("count", "value", title="wirewatch store")
    for key, value in result.items():
        if key != "batch_names":
            table.add_row(key.replace("_", " "), str(value))
    console.print(table)


@handle_errors
def show(
    snippet: Annotated[int, typer.Argument(help="Snippet id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A snippet with every report of it: "also reported by", with outlets and provenance."""
    with open_store(db, readonly=True) as store:
        detail = snippet_detail(store.db, snippet)
    if as_json:
        print_json(detail)
        return
    console.print(f"[bold]snippet {detail['id']}[/bold] (group of {detail['canonical_id']}): "
                  f"{detail['text']}", highlight=False)
    for member in detail["group"]:
        if member["id"] != detail["id"]:
            console.print(f"  near-duplicate {member['id']} (similarity {member['similarity']:.2f}): "
                          f"{member['text']}", highlight=False)
    table = Table("outlet", "published", "source", "batch", title="also reported by")
    for occ in detail["occurrences"]:
        table.add_row(occ["outlet"] or "-", occ["published"] or "-",
                      f"{occ['url'] or Path(occ['source']).name} ({occ['locator']})", occ["batch"])
    console.print(table)


@handle_errors
def show_settings(as_json: JsonOption = False) -> None:
    """Every setting with its current value, environment variable and help."""
    current = settings()
    rows = [dict(row, value=str(getattr(current, row["name"]))) for row in settings_table()]
    if as_json:
        print_json(rows)
        return
    table = Table("name", "value", "env", "help")
    for row in rows:
        table.add_row(row["name"], row["value"], row["env"], row["help"])
    console.print(table)
