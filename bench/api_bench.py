"""HTTP API overhead benchmark (run on demand, prints figures; not a test).

    .venv/bin/python bench/api_bench.py [QA.jsonl] [CORPUS_DIR ...]

Ingests the corpus (default: ../shared/corpus/seeds and synthetic) into a temp data dir, serves
the API (no web app) with uvicorn on a free port, then asks every single-turn question of the
QA file (default: ../shared/eval/dev_qa.jsonl) three ways, one pass each — in process
(`service.ask`), through `POST /v1/chat/completions` with the `openai` client, and streamed —
and prints latency p50/p95 of each, so the cost of the HTTP layer is visible.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def _pcts(values: list[float]) -> str:
    ms = sorted(1000 * v for v in values)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ms)})"


def main(argv: list[str]) -> None:
    qa = Path(argv[0]) if argv else SHARED / "eval" / "dev_qa.jsonl"
    folders = [Path(a) for a in argv[1:]] or [
        SHARED / "corpus" / "seeds",
        SHARED / "corpus" / "synthetic",
    ]
    import openai

    from api.server import create_app
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from tests.api.helpers import running_server

    items = [json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines() if line]
    questions = [i["question"] for i in items if i.get("question") and not i.get("turns")]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        service = build_service(settings)
        service.ingest(folders)
        service.ask("预热 warm-up：三公经费")
        timings: dict[str, list[float]] = {"in process": [], "HTTP": [], "HTTP stream": []}
        with running_server(create_app(service, settings, with_ui=False)) as url:
            client = openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)
            for question in questions:  # warm pass, untimed: report texts and chunk lists
                service.ask(question)  # are cached per process after their first read
            # One timed pass per way, in turn; each re-embeds every question (the store keeps
            # only the last 64 query vectors), so no way gains from another's cache.
            for question in questions:
                started = time.perf_counter()
                service.ask(question)
                timings["in process"].append(time.perf_counter() - started)
            for question in questions:
                messages = [{"role": "user", "content": question}]
                started = time.perf_counter()
                client.chat.completions.create(model="report-assistant", messages=messages)
                timings["HTTP"].append(time.perf_counter() - started)
            for question in questions:
                messages = [{"role": "user", "content": question}]
                started = time.perf_counter()
                for _ in client.chat.completions.create(
                    model="report-assistant", messages=messages, stream=True
                ):
                    pass
                timings["HTTP stream"].append(time.perf_counter() - started)
        for name, values in timings.items():
            print(f"{name:12} {_pcts(values)}")


if __name__ == "__main__":
    main(sys.argv[1:])
