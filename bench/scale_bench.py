"""Scale benchmark at N generated reports (run on demand, prints tables; not a test).

    .venv/bin/python bench/scale_bench.py run N [N ...] [--work DIR] [--server] [--questions Q]
    .venv/bin/python bench/scale_bench.py ingest N --work DIR      # phases, for long runs
    .venv/bin/python bench/scale_bench.py probe --work DIR [--server]
    .venv/bin/python bench/scale_bench.py table DIR [DIR ...]

For each N: writes N reports with bench/corpus_gen.py into DIR/reports, ingests them into DIR/data
with the configured embedding backend (default onnx-int8; model load and ONNX export are timed
apart), then starts a separate *serving process* on that data dir which answers single-report,
cross-report and no-county questions offline and reports p50/p95 latency and its resident
memory (peak and current). ``--server`` repeats the probe against ``chroma run`` serving the same
store (Chroma server mode). Results are saved as DIR/*.json and printed as one table row per N.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(current, peak) resident memory in MB from /proc (Linux)."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def du_mb(path: Path, skip: str = "cache") -> float:
    total = 0
    for item in path.rglob("*"):
        if item.is_file() and skip not in item.relative_to(path).parts:
            total += item.stat().st_size
    return total / 2**20


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


# ---------------------------------------------------------------- ingest


def cmd_ingest(n: int, work: Path) -> dict[str, object]:
    from bench.corpus_gen import generate

    reports = work / "reports"
    if not reports.exists() or len(list(reports.glob("*.txt"))) != n:
        shutil.rmtree(reports, ignore_errors=True)
        generate(n, reports)
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from index.embeddings import load_embeddings

    settings = load_settings(data_dir=work / "data")
    started = time.perf_counter()  # model load / ONNX export, not counted as ingest
    model = load_embeddings(
        settings.embedding_model,
        backend=settings.embedding_backend,
        cache_dir=settings.cache_dir / "onnx",
    )
    model.embed_query("预热 warm-up")
    t_model = time.perf_counter() - started
    service = build_service(settings, embeddings=model)
    log = (work / "ingest.log").open("w", encoding="utf-8")
    t0 = time.perf_counter()
    chunks_done = [0]

    def progress(done: int, total: int, name: str) -> None:
        if done and done % 25 == 0:
            elapsed = time.perf_counter() - t0
            log.write(f"{done}/{total} reports {elapsed:.0f} s load {os.getloadavg()[0]:.1f}\n")
            log.flush()

    outcomes = service.ingest([reports], progress=progress)
    elapsed = time.perf_counter() - t0
    chunks_done[0] = sum(o.chunks for o in outcomes)
    failed = [o.message for o in outcomes if o.status == "failed"]
    result = {
        "n": n,
        "backend": settings.embedding_backend,
        "reports": len(outcomes) - len(failed),
        "failed": len(failed),
        "chunks": chunks_done[0],
        "ingest_s": round(elapsed, 1),
        "reports_per_s": round((len(outcomes) - len(failed)) / elapsed, 2),
        "chunks_per_s": round(chunks_done[0] / elapsed, 1),
        "model_load_s": round(t_model, 1),
        "index_mb": round(du_mb(work / "data"), 1),
        "ingest_peak_rss_mb": round(rss_mb()[1]),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }
    log.write(json.dumps(result, ensure_ascii=False) + "\n")
    (work / "ingest.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if failed:
        print("\n".join(failed[:5]), file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))
    return result


# ---------------------------------------------------------------- questions


def questions(service, count: int, seed: int = 3) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Questions in three shapes, built from what the index holds."""
    rng = random.Random(seed)
    reports = service.reports()
    pairs = sorted({(r.identity.county, r.identity.year) for r in reports if r.identity.county})
    counties = sorted({c for c, _ in pairs})
    years = sorted({y for _, y in pairs if y})
    metrics = ("三公经费", "人员经费", "基本支出", "项目支出", "公务接待费", "支出总额")
    single, cross, open_ = [], [], []
    for _ in range(count):
        county, year = rng.choice(pairs)
        metric = rng.choice(metrics)
        single.append(f"{county}{year}年{metric}是多少？")
        a, b = rng.sample(counties, 2) if len(counties) > 1 else (counties[0], counties[0])
        cross.append(rng.choice([f"比较{a}和{b}的{metric}", f"{a}和{b}哪个{metric}更多？"]))
        open_.append(
            rng.choice([f"{rng.choice(years)}年{metric}花了多少？", f"各县{metric}是多少？"])
        )
    return {"single": single, "cross": cross, "no_county": open_}


# ---------------------------------------------------------------- probe (the serving process)


def cmd_serve_probe(work: Path, count: int, out: Path) -> None:
    """Runs in its own process: build the service, answer questions, report latency and RSS."""
    from assistant.conversation import Conversation
    from assistant.factory import build_service
    from assistant.settings import load_settings

    settings = load_settings(data_dir=work / "data")
    service = build_service(settings)
    started = time.perf_counter()
    service.warm_up()  # what `serve` does on a background thread: BM25 index + model
    service.ask("预热 warm-up：三公经费")
    warm = time.perf_counter() - started
    result: dict[str, object] = {"warmup_s": round(warm, 1), "reports": len(service.reports())}
    samples: dict[str, str] = {}
    asked = questions(service, count)
    (work / "questions.json").write_text(json.dumps(asked, ensure_ascii=False, indent=1))
    for kind, qs in asked.items():
        times: list[float] = []
        refused = 0
        for q in qs:
            t = time.perf_counter()
            answer = service.ask(q, Conversation())
            times.append(1000 * (time.perf_counter() - t))
            refused += bool(answer.refused)
            samples.setdefault(kind, f"{q} → {answer.answer[:300]}")
        result[kind] = {
            "n": len(times),
            "p50_ms": round(statistics.median(times)),
            "p95_ms": round(_p(times, 0.95)),
            "refused": refused,
        }
    now, peak = rss_mb()
    result.update(rss_mb=round(now), peak_rss_mb=round(peak), samples=samples)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cmd_probe(work: Path, count: int, server: bool) -> dict[str, object]:
    env = {**os.environ, "REPORT_ASSISTANT_DATA_DIR": str(work / "data")}
    chroma = None
    name = "probe-server.json" if server else "probe.json"
    if server:
        port = _free_port()
        chroma_bin = Path(PYTHON).with_name("chroma")
        chroma = subprocess.Popen(
            [str(chroma_bin), "run", "--path", str(work / "data" / "chroma"), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_port(port)
        env.update(REPORT_ASSISTANT_CHROMA_HOST="127.0.0.1", REPORT_ASSISTANT_CHROMA_PORT=str(port))
    try:
        subprocess.run(
            [PYTHON, __file__, "serve-probe", "--work", str(work), "--questions", str(count)],
            env=env,
            check=True,
        )
        result = json.loads((work / "_probe.json").read_text())
        if chroma is not None:
            result["chroma_server_rss_mb"] = round(rss_mb(chroma.pid)[0])
    finally:
        if chroma is not None:
            chroma.terminate()
            chroma.wait(timeout=30)
    result["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    (work / name).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False))
    return result


def _wait_port(port: int, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise SystemExit(f"chroma run did not listen on {port}")


# ---------------------------------------------------------------- table


def cmd_table(works: list[Path]) -> None:
    head = (
        "| reports | chunks | ingest | reports/s | chunks/s | index MB | mode | "
        "single p50/p95 ms | cross p50/p95 ms | no-county p50/p95 ms | serving RSS MB |"
    )
    print(head)
    print("|" + "---|" * head.count("|")[:-1] if False else "|" + "---|" * (head.count("|") - 1))
    for work in works:
        ing = json.loads((work / "ingest.json").read_text())
        for name, mode in (("probe.json", "embedded"), ("probe-server.json", "chroma server")):
            if not (work / name).exists():
                continue
            pr = json.loads((work / name).read_text())
            cells = [
                f"{pr[k]['p50_ms']}/{pr[k]['p95_ms']}" for k in ("single", "cross", "no_county")
            ]
            rss = f"{pr['rss_mb']} (peak {pr['peak_rss_mb']})"
            if "chroma_server_rss_mb" in pr:
                rss += f" + server {pr['chroma_server_rss_mb']}"
            print(
                f"| {ing['reports']} | {ing['chunks']} | {ing['ingest_s'] / 60:.1f} min | "
                f"{ing['reports_per_s']} | {ing['chunks_per_s']} | {ing['index_mb']} | {mode} | "
                + " | ".join(cells)
                + f" | {rss} |"
            )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "ingest", "probe", "serve-probe", "table"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--server", action="store_true")
    parser.add_argument("--questions", type=int, default=20)
    a = parser.parse_args(argv)
    if a.command == "serve-probe":
        cmd_serve_probe(a.work, a.questions, a.work / "_probe.json")
    elif a.command == "ingest":
        cmd_ingest(int(a.args[0]), a.work)
    elif a.command == "probe":
        cmd_probe(a.work, a.questions, a.server)
    elif a.command == "table":
        cmd_table([Path(x) for x in a.args])
    else:
        base = a.work or Path(tempfile.mkdtemp(prefix="scale-bench-"))
        works = []
        for n in (int(x) for x in a.args):
            work = base / f"n{n}"
            work.mkdir(parents=True, exist_ok=True)
            subprocess.run([PYTHON, __file__, "ingest", str(n), "--work", str(work)], check=True)
            cmd_probe(work, a.questions, server=False)
            if a.server:
                cmd_probe(work, a.questions, server=True)
            works.append(work)
        cmd_table(works)


if __name__ == "__main__":
    main(sys.argv[1:])
