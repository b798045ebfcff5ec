"""The HTTP API: an OpenAI-compatible chat endpoint with sources, and the library as JSON.

A thin front end over :class:`~assistant.service.ReportService` like the CLI and the web app;
:mod:`api.server` mounts the web app into the same FastAPI application.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse

from api.schemas import LLM_MODEL, OFFLINE_MODEL, AskRequest, ChatRequest, Filters
from assistant.answer import Answer
from assistant.errors import ReportAssistantError
from assistant.events import FinalAnswer, TextDelta
from assistant.export import report_dict
from assistant.filters import AskFilters
from assistant.results import FactRow, Upload

if TYPE_CHECKING:
    from assistant.service import ReportService
    from assistant.settings import Settings

API_PREFIXES = ("/v1/", "/api/")


class APIError(Exception):
    """An error answered as ``{"error": {"message", "type", "code"}}`` (OpenAI's shape)."""

    def __init__(self, status: int, message: str, code: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


def error_response(status: int, message: str, code: str) -> JSONResponse:
    kind = "authentication_error" if status == 401 else "invalid_request_error"
    body = {"error": {"message": message, "type": kind, "code": code}}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def build_api(service: ReportService, settings: Settings) -> FastAPI:
    """The API routes (/v1 OpenAI-compatible, /api JSON) with docs at /docs."""
    app = FastAPI(
        title="报告问答助手 Report Assistant API",
        description="Cited answers over Chinese budget-performance reports. `/v1` speaks the "
        "OpenAI chat-completions wire format (answers carry a `citations` list); `/api` "
        "returns the answer contract and the library as JSON.",
        version="1",
    )
    _install_guards(app, settings)
    auth = [Depends(_key_checker(settings))]

    @app.get("/v1/models", dependencies=auth, tags=["openai"])
    def list_models() -> dict[str, Any]:
        """The answer modes: `report-assistant` (offline) and, with a model configured,
        `report-assistant-llm`."""
        return {"object": "list", "data": [_model_card(m) for m in _models(service)]}

    @app.post("/v1/chat/completions", dependencies=auth, tags=["openai"], response_model=None)
    def chat_completions(body: ChatRequest) -> Any:
        """OpenAI chat completions; the last user message is the question, earlier user
        messages are the conversation. `stream: true` answers with server-sent events."""
        if body.model not in _models(service):
            raise APIError(404, f"模型不存在 / model '{body.model}' not found", "model_not_found")
        if len(body.messages) > settings.api_max_messages:
            raise APIError(
                400,
                f"对话过长 / too many messages: {len(body.messages)} > {settings.api_max_messages}",
                "too_many_messages",
            )
        turns = [m.text().strip() for m in body.messages if m.role == "user"]
        if body.messages[-1].role != "user" or not turns[-1]:
            raise APIError(400, "最后一条消息应为用户的问题 / the last message must be a "
                                "non-empty user message")  # fmt: skip
        conversation = service.conversation_from(turns[:-1])
        filters = _filters(body.filters)
        use_llm = body.model == LLM_MODEL
        if body.stream:
            events = service.ask_stream(turns[-1], conversation, filters, use_llm=use_llm)
            return StreamingResponse(
                _sse(events, body.model),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        answer = service.ask(turns[-1], conversation, filters, use_llm=use_llm)
        return _completion(answer, body.model)

    @app.post("/api/ask", dependencies=auth, tags=["api"])
    def ask(body: AskRequest) -> dict[str, Any]:
        """The answer contract (see the README): answer, refused, citations, facts, warnings."""
        conversation = service.conversation_from(body.history) if body.history else None
        use_llm = False if body.mode == "offline" else None
        answer = service.ask(body.question, conversation, _filters(body.filters), use_llm)
        return answer.to_dict()

    @app.get("/api/reports", dependencies=auth, tags=["api"])
    def reports() -> list[dict[str, Any]]:
        """Every indexed report: id, file, identity, chunk count."""
        return [report_dict(r) for r in service.reports()]

    @app.get("/api/reports/{report_id}", dependencies=auth, tags=["api"])
    def report(report_id: str) -> dict[str, Any]:
        """One report (id or unique prefix): identity and the normalised text citations
        index (``text[start:end]``)."""
        found = service.report(report_id)
        return {**report_dict(found), "text": found.text}

    @app.delete("/api/reports/{report_id}", dependencies=auth, tags=["api"])
    def remove(report_id: str) -> dict[str, Any]:
        """Delete a report from the index."""
        gone = service.remove(report_id)
        return {"removed": gone.id, "file": gone.file}

    @app.post("/api/reports", dependencies=auth, tags=["api"])
    def upload(files: list[UploadFile] = File(...)) -> list[dict[str, Any]]:  # noqa: B008
        """Upload report files (multipart, field `files`); the same checks as the web app:
        type, size and emptiness per file, then ingest. One result per file."""
        folder = Path(tempfile.mkdtemp(prefix="report-assistant-upload-"))
        try:
            uploads = []
            for n, file in enumerate(files):
                holder = folder / str(n)
                holder.mkdir()
                path = holder / "upload"
                with path.open("wb") as out:
                    shutil.copyfileobj(file.file, out)
                uploads.append(Upload(file.filename or "report", path, temporary=True))
            results = service.add_uploads(uploads)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return [
            {"name": r.name, "status": r.status, "message": r.message, "report_id": r.report_id}
            for r in results
        ]

    @app.get("/api/facts", dependencies=auth, tags=["api"])
    def facts(
        county: str | None = None,
        department: str | None = None,
        year: int | None = None,
        metric: str | None = None,
    ) -> list[dict[str, Any]]:
        """The fact table: figures extracted at ingest, filtered like questions are."""
        return [_fact_dict(row) for row in service.facts(county, department, year, metric)]

    return app


# -- guards: key, size, errors -----------------------------------------------------------------


def _key_checker(settings: Settings):  # type: ignore[no-untyped-def]
    def check(request: Request) -> None:
        if not settings.api_key:
            return
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(
            token.strip().encode(), settings.api_key.encode()
        ):
            raise APIError(
                401, "需要有效的 API 密钥 / a valid API key is required (Authorization: Bearer …)",
                "invalid_api_key",
            )  # fmt: skip

    return check


def _install_guards(app: FastAPI, settings: Settings) -> None:
    json_limit = settings.api_max_request_kb * 1024
    upload_limit = int(settings.ui_max_upload_mb * 1_000_000 * 4) + 64 * 1024

    @app.middleware("http")
    async def limit_size(request: Request, call_next):  # type: ignore[no-untyped-def]
        if request.method in ("POST", "PUT", "PATCH") and request.url.path.startswith(API_PREFIXES):
            upload = request.url.path.rstrip("/") == "/api/reports"
            limit = upload_limit if upload else json_limit
            declared = request.headers.get("content-length")
            too_big = declared is not None and declared.isdigit() and int(declared) > limit
            if not too_big and declared is None and not upload:
                too_big = len(await request.body()) > limit
            if too_big:
                return error_response(
                    413, f"请求过大 / request body over {limit // 1024} KiB", "request_too_large"
                )
        return await call_next(request)

    @app.exception_handler(APIError)
    async def api_error(_request: Request, exc: APIError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            if err.get("type") == "json_invalid":
                ctx = err.get("ctx") or {}
                problems.append(f"invalid JSON: {ctx.get('error', err.get('msg'))}")
            else:
                problems.append(f"{where or 'body'}: {err.get('msg')}")
        message = "请求无效 / invalid request: " + "; ".join(problems)
        return error_response(400, message, "invalid_request")

    @app.exception_handler(ReportAssistantError)
    async def domain_error(_request: Request, exc: ReportAssistantError) -> JSONResponse:
        missing = type(exc).__name__ == "ReportNotFound"
        return error_response(404 if missing else 400, str(exc), "not_found" if missing else
                              "bad_request")  # fmt: skip


# -- OpenAI wire format ------------------------------------------------------------------------


def _models(service: ReportService) -> list[str]:
    return [OFFLINE_MODEL, LLM_MODEL] if service.llm_enabled else [OFFLINE_MODEL]


def _model_card(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "report-assistant"}


def _filters(filters: Filters | None) -> AskFilters | None:
    if filters is None:
        return None
    return AskFilters(county=filters.county, department=filters.department, year=filters.year)


def footer(answer: Answer) -> str:
    """Warnings and numbered sources as text after the answer, for chat clients that show only
    the content (the same sources travel structured in ``citations``)."""
    lines = [f"⚠ {w}" for w in answer.unstated_warnings()]
    if answer.citations:
        lines.append("来源：" if not answer.refused else "最接近的段落：")
        for c in answer.citations:
            who = " ".join(str(x) for x in (c.county, c.department, c.year) if x)
            lines.append(f"[{c.n}] {who} · {c.section}（{c.file}，第 {c.start}–{c.end} 字）")
    return "\n\n" + "\n".join(lines) if lines else ""


def _extras(answer: Answer) -> dict[str, Any]:
    contract = answer.to_dict()
    return {
        "citations": contract["citations"],
        "facts": contract["facts"],
        "warnings": contract["warnings"],
        "refused": contract["refused"],
    }


def _completion(answer: Answer, model: str) -> dict[str, Any]:
    extras = _extras(answer)
    message = {"role": "assistant", "content": answer.answer + footer(answer), **extras}
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": extras["citations"],
    }


def _sse(events: Iterator[Any], model: str) -> Iterator[str]:
    """Server-sent events: a role chunk, text deltas, the footer, then a final chunk carrying
    ``citations`` (top level and in the delta) and ``finish_reason: stop``; then [DONE]."""
    ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
            **extra,
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    written: list[str] = []
    try:
        for event in events:
            if isinstance(event, TextDelta) and event.text:
                written.append(event.text)
                yield chunk({"content": event.text})
            elif isinstance(event, FinalAnswer):
                answer = event.answer
                if "".join(written).strip() != answer.answer.strip():
                    note = "\n\n—— 核对后的答案 ——\n" if written else ""
                    yield chunk({"content": note + answer.answer})
                tail = footer(answer)
                if tail:
                    yield chunk({"content": tail})
                extras = _extras(answer)
                yield chunk(extras, "stop", citations=extras["citations"])
    except Exception as exc:  # the stream is already open: report in-band, then end it
        message = f"出错了 / error: {type(exc).__name__}: {exc}"
        yield f"data: {json.dumps({'error': {'message': message}}, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


# -- library as JSON ---------------------------------------------------------------------------


def _fact_dict(row: FactRow) -> dict[str, Any]:
    fact = asdict(row.fact)
    ident = row.report.identity
    return {
        **fact,
        "year": row.year,
        "county": ident.county,
        "department": ident.department,
        "file": row.report.file,
    }
