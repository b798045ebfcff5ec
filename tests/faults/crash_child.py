"""Run one index write in a child process that a crash point may kill (see test_crash.py).

Usage: crash_child.py DATA_DIR VECTORS.json OP ARG — OP is ingest/rebuild (ARG a file) or
remove (ARG a report id). The embeddings are the real model's vectors for the report's chunks,
computed by the test process beforehand, so the child needs no model load."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.factory import build_service
from assistant.settings import load_settings


class Precomputed(Embeddings):
    def __init__(self, path: Path) -> None:
        self.vectors: dict[str, list[float]] = json.loads(path.read_text(encoding="utf-8"))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.vectors[text] for text in texts]

    def embed_query(self, text: str) -> list[float]:
        raise AssertionError("the crash child never searches")


def main() -> None:
    data_dir, vectors, op, arg = sys.argv[1:5]
    settings = load_settings(data_dir=Path(data_dir))
    service = build_service(settings, embeddings=Precomputed(Path(vectors)))
    if op == "ingest":
        service.ingest([Path(arg)])
    elif op == "rebuild":
        service.ingest([Path(arg)], rebuild=True)
    elif op == "remove":
        service.remove(arg)
    print("finished")  # only reached when no crash point fired


if __name__ == "__main__":
    main()
