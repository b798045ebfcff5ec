"""One server for the web app and the HTTP API: FastAPI routes first, Gradio mounted at /."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from api.app import build_api

if TYPE_CHECKING:
    from assistant.service import ReportService
    from assistant.settings import Settings


def create_app(service: ReportService, settings: Settings, with_ui: bool = True) -> FastAPI:
    """The API (/v1, /api, /docs) and, mounted at /, the web app with its own login."""
    app = build_api(service, settings)
    if with_ui:
        import gradio as gr

        from ui.app import build_app, mount_options

        demo = build_app(service, settings)
        app = gr.mount_gradio_app(app, demo, path="/", **mount_options(settings))
    return app


def run(service: ReportService, settings: Settings) -> None:
    """Serve the web app and the API on the configured host and port (blocks)."""
    import uvicorn

    from ui.app import warn_if_open

    warn_if_open(settings)
    if settings.api_key is None and not _loopback(settings.ui_host):
        print("⚠ 警告：HTTP API 未设置密钥（REPORT_ASSISTANT_API_KEY）/ the API has no key.")
    limit_malloc_arenas()
    app = create_app(service, settings)
    uvicorn.run(app, host=settings.ui_host, port=settings.ui_port, log_level="warning")


def limit_malloc_arenas(count: int = 2) -> bool:
    """Cap glibc's heap arenas for this process (unless ``MALLOC_ARENA_MAX`` is set).

    glibc gives threads that allocate at once their own arenas, up to eight per core; a server
    whose request threads all build numpy and ONNX buffers ends up holding many partly free
    arenas, and its resident size grows with the number of concurrent clients rather than with
    the data. Returns whether the cap was applied (False off glibc)."""
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_arena_max = -8  # from malloc.h
    return bool(libc.mallopt(m_arena_max, count))


def serve(service: ReportService, settings: Settings, paths: Sequence[Path]) -> int:
    """Ingest ``paths`` (idempotent), then serve the web app and the API together."""
    from ui.app import serve as serve_ui

    return serve_ui(service, settings, paths, run=run)


def _loopback(host: str) -> bool:
    from ui.app import is_loopback

    return is_loopback(host)
