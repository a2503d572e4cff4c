"""The ``wirewatch`` command: a thin layer over the library. Each command opens the store, calls one
library function and prints the result; our errors become one line on stderr and exit code 1."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import SettingsError
from . import core, events, stories, web
from .common import State, configure_logging, err_console

__all__ = ["app", "main"]

app = typer.Typer(
    name="wirewatch",
    help="Turn streams of news text into deduplicated stories, coded events and cited briefs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")] = 0,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="Override a setting for this run: --set near_dup_threshold=0.85 (repeatable).")] = None,
) -> None:
    configure_logging(verbose)
    overrides = {}
    for item in set_ or []:
        name, sep, value = item.partition("=")
        if not sep:
            err_console.print(f"[red]error:[/red] --set {item!r}: expected NAME=VALUE")
            raise typer.Exit(2)
        overrides[name.strip()] = value.strip()
    State.overrides = overrides
    try:
        from .common import settings

        settings()
    except SettingsError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


core.register(app)
events.register(app)
stories.register(app)
web.register(app)


def main() -> None:
    app()
