"""HTTP load: C concurrent clients asking questions for S seconds (on demand; not a test).

    .venv/bin/python bench/load_bench.py --work DIR [--clients 20] [--seconds 60]
    .venv/bin/python bench/load_bench.py --url http://127.0.0.1:7860 [...]

With ``--work`` (a folder from bench/scale_bench.py: DIR/data holds the index, DIR/reports the
reports) it starts ``report-assistant serve DIR/reports`` on a free loopback port (the reports
are unchanged, so nothing is re-indexed), waits until ``POST /api/ask`` answers, then runs the
clients; with ``--url`` it uses a server already running. Each client posts
``{"question": …, "mode": "offline"}`` to ``/api/ask`` in a loop (a mix of single-report,
cross-report and no-county questions). Prints requests, errors (non-200 or transport failures;
target 0), throughput, p50/p95/max latency and the server's resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FALLBACK_QUESTIONS = ["2023年三公经费花了多少？", "哪个县人员经费最多？", "公务接待费是多少？"]


def _questions(work: Path | None) -> list[str]:
    """The scale bench's questions when it saved them, else a generic mix."""
    saved = work / "questions.json" if work else None
    if saved and saved.exists():
        kinds = json.loads(saved.read_text(encoding="utf-8"))
        return [q for qs in kinds.values() for q in qs]
    return FALLBACK_QUESTIONS


def _wait_ready(url: str, timeout: float) -> None:
    import httpx

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            r = httpx.post(f"{url}/api/ask", json={"question": "三公经费", "mode": "offline"})
            if r.status_code == 200:
                return
            if r.status_code == 404:
                raise SystemExit("POST /api/ask is not served here (HTTP API missing): not run")
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise SystemExit(f"server at {url} not ready after {timeout:.0f} s")


def run_load(url: str, questions: list[str], clients: int, seconds: float) -> dict[str, object]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(index: int) -> None:
        with httpx.Client(timeout=60) as http:
            i = index
            while time.perf_counter() < stop_at:
                question = questions[i % len(questions)]
                i += clients
                started = time.perf_counter()
                try:
                    r = http.post(f"{url}/api/ask", json={"question": question, "mode": "offline"})
                    ok = r.status_code == 200 and "answer" in r.json()
                    problem = "" if ok else f"HTTP {r.status_code}"
                except Exception as exc:  # transport errors count as errors, not crashes
                    problem = type(exc).__name__
                elapsed = 1000 * (time.perf_counter() - started)
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ordered = sorted(latencies)

    def q(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0

    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(ordered),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "req_per_s": round(len(ordered) / wall, 2),
        "p50_ms": round(q(0.5)),
        "p95_ms": round(q(0.95)),
        "max_ms": round(ordered[-1]) if ordered else 0,
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--url")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    if not (args.work or args.url):
        parser.error("give --work DIR or --url URL")
    server = None
    url = args.url
    if url is None:
        from bench.scale_bench import _free_port

        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "REPORT_ASSISTANT_DATA_DIR": str(args.work / "data")}
        server = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", str(args.work / "reports"),
             "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        _wait_ready(url, timeout=600)
        result = run_load(url, _questions(args.work), args.clients, args.seconds)
        if server is not None:
            from bench.scale_bench import rss_mb

            now, peak = rss_mb(server.pid)
            result.update(server_rss_mb=round(now), server_peak_rss_mb=round(peak))
        result["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    if args.work:
        (args.work / "load.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
