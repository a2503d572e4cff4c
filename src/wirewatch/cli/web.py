"""``wirewatch serve``: the web app and JSON API over a store, read-only."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from .common import db_path, err_console, handle_errors, settings

log = logging.getLogger(__name__)

DbOption = Annotated[
    Path | None, typer.Option("--db", help="SQLite store (default: setting `db`, wirewatch.db).")
]


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


@handle_errors
def serve(
    db: DbOption = None,
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(
        help="Interface to bind. The default serves this machine only; 0.0.0.0 exposes the store "
             "to the network (there is no login).")] = "127.0.0.1",
) -> None:
    """Serve the story feed, story, actor, actor-pair and search pages and their JSON twins
    (/api/..., spec at /openapi.json) over the store, opened read-only."""
    import uvicorn

    from ..web import create_app

    app = create_app(settings(), db_path(db))
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"warning: serving on {host}: anyone who can reach it can read the store")
    err_console.print(f"wirewatch: serving {db_path(db)} at http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
