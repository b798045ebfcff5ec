"""A local OpenAI-compatible chat-completions server for tests: scripted replies, no network.

    with ScriptedOpenAI(Reply("答案[1]")) as stub:
        ChatOpenAI(base_url=stub.base_url, api_key="test", model="stub-model").invoke("hi")
        stub.requests[0]["messages"]  # what the client sent

Replies are served in order; once the queue is empty the last reply is served again, and
before any reply is scripted every request gets a 500 error ("no reply scripted").
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

_ERRORS = {
    400: ("Invalid request", "invalid_request_error", None),
    401: ("Incorrect API key provided", "invalid_request_error", "invalid_api_key"),
    404: ("The model does not exist", "invalid_request_error", "model_not_found"),
    429: ("Rate limit reached", "requests", "rate_limit_exceeded"),
}


@dataclass(frozen=True)
class Reply:
    """One scripted answer: text, HTTP status, delay before answering, or a broken body."""

    content: str = ""
    status: int = 200
    delay: float = 0.0
    malformed: bool = False
    chunk_size: int = 4


class ScriptedOpenAI:
    """A ThreadingHTTPServer on 127.0.0.1 answering /v1/chat/completions from a script."""

    def __init__(self, *replies: Reply, model: str = "stub-model") -> None:
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._queue: deque[Reply] = deque(replies)
        self._last: Reply | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1`` (only while running)."""
        if self._server is None:
            raise RuntimeError("ScriptedOpenAI is not running; use it as a context manager")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *replies: Reply) -> None:
        """Queue replies after those already queued."""
        with self._lock:
            self._queue.extend(replies)

    def next_reply(self) -> Reply | None:
        """The next scripted reply (the last one again when the queue is empty)."""
        with self._lock:
            if self._queue:
                self._last = self._queue.popleft()
            return self._last

    def record(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)

    def wait(self, seconds: float) -> bool:
        """Sleep ``seconds``; True when the server is shutting down meanwhile."""
        return self._stopping.wait(seconds)

    def __enter__(self) -> ScriptedOpenAI:
        self._stopping.clear()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping.set()  # wakes handlers sleeping on a delay; they close without answering
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None


class _Handler(BaseHTTPRequestHandler):
    """One request: chat completions (JSON or SSE), the model list, or 404."""

    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    @property
    def stub(self) -> ScriptedOpenAI:
        return self.server.stub  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self.close_connection = True
        if self.path.rstrip("/") not in ("/v1/models", "/models"):
            return self._error(404, "Not found")
        model = {"id": self.stub.model, "object": "model", "created": 0, "owned_by": "stub"}
        self._json(200, {"object": "list", "data": [model]})

    def do_POST(self) -> None:
        self.close_connection = True
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.split("?")[0].rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            return self._error(404, "Not found")
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._error(400, "We could not parse the JSON body of your request.")
        self.stub.record(body, dict(self.headers.items()))
        reply = self.stub.next_reply()
        if reply is None:
            return self._error(500, "ScriptedOpenAI: no reply scripted")
        if reply.delay and self.stub.wait(reply.delay):
            return  # shutting down: drop the connection unanswered
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(reply, body)  # the client may have given up (timeout) already

    def _answer(self, reply: Reply, body: dict[str, Any]) -> None:
        if reply.status != 200:
            return self._error(reply.status)
        stream = bool(body.get("stream"))
        if reply.malformed:
            kind = "text/event-stream" if stream else "application/json"
            broken = b'data: {"id": "chatcmpl-stub", "choices": [\n\n' if stream else b'{"id": '
            return self._send(200, broken, kind)
        model = str(body.get("model") or self.stub.model)
        usage = _usage(body, reply.content)
        if not stream:
            return self._json(200, _completion(model, reply.content, usage))
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        self._stream(_chunks(model, reply, usage if include_usage else None))

    def _stream(self, events: list[dict[str, Any]]) -> None:
        """Server-sent events in chunked transfer encoding, ending with ``data: [DONE]``."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        lines = [f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events]
        for line in [*lines, "data: [DONE]\n\n"]:
            data = line.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _error(self, status: int, message: str | None = None) -> None:
        default = ("The server had an error while processing your request", "server_error", None)
        text, kind, code = _ERRORS.get(status, default)
        self._json(status, {"error": {"message": message or text, "type": kind, "param": None,
                                      "code": code}})  # fmt: skip

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json")

    def _send(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


def _usage(body: dict[str, Any], content: str) -> dict[str, int]:
    """Token counts by characters: prompt = message text, completion = reply text."""
    prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages") or [])
    return {
        "prompt_tokens": prompt,
        "completion_tokens": len(content),
        "total_tokens": prompt + len(content),
    }


def _completion(model: str, content: str, usage: dict[str, int]) -> dict[str, Any]:
    """A ``chat.completion`` object as the OpenAI API returns it."""
    message = {"role": "assistant", "content": content, "refusal": None}
    choice = {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
    return {**_head(model, "chat.completion"), "choices": [choice], "usage": usage}


def _chunks(model: str, reply: Reply, usage: dict[str, int] | None) -> list[dict[str, Any]]:
    """Role chunk, content chunks of ``chunk_size`` characters, stop chunk, optional usage."""
    head = _head(model, "chat.completion.chunk")
    extra = {"usage": None} if usage is not None else {}
    size = max(1, reply.chunk_size)
    deltas = [{"role": "assistant", "content": "", "refusal": None}]
    deltas += [{"content": reply.content[i : i + size]} for i in range(0, len(reply.content), size)]
    out = [_chunk(head, delta, None, extra) for delta in deltas]
    out.append(_chunk(head, {}, "stop", extra))
    if usage is not None:
        out.append({**head, "choices": [], "usage": usage})
    return out


def _chunk(
    head: dict[str, Any], delta: dict[str, Any], finish: str | None, extra: dict[str, Any]
) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
    return {**head, "choices": [choice], **extra}


def _head(model: str, kind: str) -> dict[str, Any]:
    stamp = time.time_ns()
    return {
        "id": f"chatcmpl-stub{stamp}",
        "object": kind,
        "created": stamp // 1_000_000_000,
        "model": model,
        "system_fingerprint": "fp_stub",
    }
