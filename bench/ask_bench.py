"""Question-answering benchmark (run on demand, prints figures; not a test).

    .venv/bin/python bench/ask_bench.py [QA.jsonl] [CORPUS_DIR ...]

Ingests the corpus (default: ../shared/corpus/seeds and ../shared/corpus/synthetic) into a temp
data dir, then runs every question of the QA file (default: ../shared/eval/dev_qa.jsonl) through
`ask` in one process, excluding model load, and prints the evaluation report with latency
p50/p95 per question (multi-turn items: per turn). Targets: p50 ≤ 50 ms, p95 ≤ 150 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> None:
    qa = Path(argv[0]) if argv else SHARED / "eval" / "dev_qa.jsonl"
    folders = [Path(a) for a in argv[1:]] or [
        SHARED / "corpus" / "seeds",
        SHARED / "corpus" / "synthetic",
    ]
    from assistant.conversation import Conversation
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from evaluation.runner import format_report, load_items
    from evaluation.service import evaluate

    with tempfile.TemporaryDirectory() as tmp:
        service = build_service(load_settings(data_dir=Path(tmp) / "data"))
        service.ingest(folders)
        service.ask("预热 warm-up：三公经费")  # loads the model and the lexical index
        turns_ms: list[float] = []
        for item in load_items(qa):
            talk = Conversation()
            for turn in item.get("turns") or [item["question"]]:
                started = time.perf_counter()
                service.ask(str(turn), talk)
                turns_ms.append(1000 * (time.perf_counter() - started))
        report = evaluate(service, qa, k=5)
    ordered = sorted(turns_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(format_report(report))
    print(
        f"per ask (n={len(ordered)}): p50 {statistics.median(ordered):.0f} ms, "
        f"p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
