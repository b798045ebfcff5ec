"""Streaming ingest: files are read and parsed on a background thread while earlier chunks embed.

Parsing (loaders, sections, chunking, facts) is Python and holds the GIL; embedding (ONNX Runtime
or torch) and Chroma writes release it, so on two cores the two overlap. The queue between them
holds at most ``depth`` prepared reports, so memory stays bounded however many files a batch has.

The ingestor still decides everything (skip, replace, fail): it asks :meth:`ReadAhead.prepare`
for a file, which hands over the background result when it is for the very same bytes and
overrides, and otherwise prepares the file inline — so the outcome is the same with or without
read-ahead.
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.pipeline import PreparedReport, content_hash, prepare_report, read_sidecar

WantedFn = Callable[[str, dict[str, object]], bool]
"""(report id, overrides) → does this file need parsing (False: the ingestor will skip it)."""


@dataclass(frozen=True)
class _Item:
    path: Path
    key: tuple[str, str] | None = None  # (sha256, overrides as JSON); None: nothing prepared
    prepared: PreparedReport | None = None


_END = _Item(Path())


def _key(digest: str, overrides: dict[str, object]) -> tuple[str, str]:
    return digest, json.dumps(overrides, sort_keys=True, ensure_ascii=False, default=str)


class ReadAhead:
    """Prepares ``files`` in order on one daemon thread, at most ``depth`` reports ahead."""

    def __init__(
        self,
        files: Sequence[Path],
        overrides: dict[str, object],
        wanted: WantedFn,
        max_tokens: int,
        max_bytes: int,
        depth: int = 4,
    ) -> None:
        self._files = list(files)
        self._overrides = dict(overrides)
        self._wanted = wanted
        self._max_tokens = max_tokens
        self._max_bytes = max_bytes
        self._queue: queue.Queue[_Item] = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._work, name="ingest-readahead", daemon=True)

    def start(self) -> ReadAhead:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(queue.Empty):
            while True:  # unblock a producer waiting on a full queue
                self._queue.get_nowait()
        self._thread.join(timeout=5)

    def prepare(
        self,
        path: Path,
        data: bytes,
        overrides: dict[str, object],
        max_tokens: int,
        max_bytes: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> PreparedReport:
        """The background result for this file when it matches, else a fresh preparation
        (``progress`` hears about OCR pages only then: a file read ahead has no pages left)."""
        key = _key(content_hash(data), overrides)
        while not self._done:
            item = self._queue.get()
            if item is _END:
                self._done = True
                break
            if item.path == path:
                if item.key == key and item.prepared is not None and max_tokens == self._max_tokens:
                    return item.prepared
                break
        return prepare_report(path, data, overrides, max_tokens, max_bytes, progress=progress)

    def _work(self) -> None:
        for path in self._files:
            if self._stop.is_set():
                return
            self._put(self._prepare_one(path))
        self._put(_END)

    def _put(self, item: _Item) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def _prepare_one(self, path: Path) -> _Item:
        """Any failure yields an empty item: the ingestor then reports it in its own words."""
        try:
            if not path.is_file() or path.stat().st_size > self._max_bytes:
                return _Item(path)
            data = path.read_bytes()
            overrides = {**read_sidecar(path), **self._overrides}
            digest = content_hash(data)
            if not self._wanted(digest[:16], overrides):
                return _Item(path)
            prepared = prepare_report(path, data, overrides, self._max_tokens, self._max_bytes)
            return _Item(path, _key(digest, overrides), prepared)
        except Exception:
            return _Item(path)


@contextlib.contextmanager
def reading_ahead(
    files: Sequence[Path],
    overrides: dict[str, object],
    wanted: WantedFn,
    max_tokens: int,
    max_bytes: int,
    depth: int = 4,
) -> Iterator[ReadAhead]:
    """A started :class:`ReadAhead`, stopped on exit (also when the batch is interrupted)."""
    ahead = ReadAhead(files, overrides, wanted, max_tokens, max_bytes, depth).start()
    try:
        yield ahead
    finally:
        ahead.close()
