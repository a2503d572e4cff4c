"""The app factory: routes, security headers, error mapping, static files.

Security model (docs/web.md): the store is opened read-only, one connection per request; every
response carries a Content-Security-Policy that allows scripts only from this origin (no inline
scripts, no CDN), plus nosniff, no-referrer and frame denial; snippet text is escaped everywhere.
"""

from __future__ import annotations

import logging
from pathlib import Path

import plotly
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import NotFoundError, QueryError, SettingsError, StoreError, WirewatchError
from ..settings import Settings
from ..store import Store
from . import api, pages

__all__ = ["create_app", "SECURITY_HEADERS"]

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"

SECURITY_HEADERS: dict[str, str] = {
    # Scripts only from this origin: no inline scripts, no eval, no CDN. Inline *styles* are allowed
    # because plotly.js styles its SVG through style attributes; styles cannot run code.
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    # Analysts follow links to outlets; do not tell those sites what the analyst was looking at.
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

_STATUS = {NotFoundError: 404, QueryError: 400, SettingsError: 400, StoreError: 503}


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware and applies to static files and
    errors alike): add :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in self.raw}
                headers = [h for h in message.get("headers", []) if h[0].lower() not in names]
                message["headers"] = headers + self.raw
            await send(message)

        await self.app(scope, receive, with_headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, kind: str, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)
    return pages.render(request, "error.html", {"status": status, "kind": kind, "message": message,
                                                "title": f"{status} {kind}"}, status_code=status)


def create_app(settings: Settings | None = None, db_path: str | Path | None = None) -> FastAPI:
    """The web app over the store at ``db_path`` (default: the ``db`` setting), opened read-only.

    Raises :class:`~wirewatch.errors.StoreError` at once if the file is not a readable store."""
    settings = settings or Settings.load()
    path = Path(db_path) if db_path is not None else settings.db
    Store(path, readonly=True).close()  # fail at start, not on the first request

    app = FastAPI(
        title="wirewatch",
        version=__version__,
        description="Stories, coded events and search over a wirewatch store. Every page has a JSON "
                    "twin under /api/ built from the same data.",
        # Swagger UI and ReDoc load their JavaScript from a CDN; the spec is at /openapi.json.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db_path = path
    app.state.settings = settings
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(WirewatchError)
    async def wirewatch_error(request: Request, exc: WirewatchError) -> Response:
        status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 400)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return _error(request, status, type(exc).__name__, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, "HTTPError", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):  # FastAPI's documented 422 body, so the spec stays true
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error(request, 422, "InvalidParameter", message)

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        # Served from the installed plotly package: charts need no network.
        return FileResponse(PLOTLY_JS, media_type="text/javascript",
                            headers={"cache-control": "public, max-age=86400"})

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    log.info("web app over %s (read-only)", path)
    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    from fastapi.encoders import jsonable_encoder

    errors: list[dict[str, object]] = jsonable_encoder(exc.errors())
    return errors
