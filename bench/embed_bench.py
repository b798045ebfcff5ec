"""Embedding backends compared on the same chunk texts in one run (on demand; not a test).

    .venv/bin/python bench/embed_bench.py [--chunks N] [--rounds R] [CORPUS_DIR ...]

Prepares the reports of the given folders (default: ../shared/corpus/seeds and synthetic) the
way ingest does, takes the first N embedded chunk texts (default 400), then embeds them with
every available backend (torch, onnx, onnx-int8) R times, round-robin so a busy shared machine
slows every backend alike, and prints the best round per backend:

    backend=<name> chunks_per_s=<number> dim=<number>

plus the cosine agreement of each backend's vectors with torch's and the load average. The ONNX
files are exported into a temp cache first (export time is printed, not counted).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def chunk_texts(folders: list[Path], limit: int) -> list[str]:
    from index.ingest import discover
    from index.pipeline import prepare_report
    from index.vectorstore import embedding_text

    texts: list[str] = []
    for path in discover(folders):
        prepared = prepare_report(path, path.read_bytes(), {}, 160, 50 * 2**20)
        texts += [embedding_text(c, prepared.report.identity) for c in prepared.chunks]
        if len(texts) >= limit:
            break
    return texts[:limit]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--chunks", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--backends", default="torch,onnx,onnx-int8")
    args = parser.parse_args(argv)
    folders = args.folders or [SHARED / "corpus" / "seeds", SHARED / "corpus" / "synthetic"]

    import numpy as np

    from index.embeddings import load_embeddings

    texts = chunk_texts(folders, args.chunks)
    print(f"{len(texts)} chunk texts from {', '.join(str(f) for f in folders)}")
    with tempfile.TemporaryDirectory() as tmp:
        models = {}
        for name in args.backends.split(","):
            started = time.perf_counter()
            model = load_embeddings("m3e-small", backend=name, cache_dir=Path(tmp))
            if name != "torch" and type(model).__name__ != "OnnxEmbeddings":
                print(f"backend={name} unavailable (fell back to torch)")
                continue
            model.embed_documents(texts[:8])  # warm-up
            models[name] = model
            print(f"{name}: load/export {time.perf_counter() - started:.1f} s")
        best: dict[str, float] = {}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(args.rounds):
            for name, model in models.items():
                started = time.perf_counter()
                out = np.asarray(model.embed_documents(texts))
                rate = len(texts) / (time.perf_counter() - started)
                best[name] = max(best.get(name, 0.0), rate)
                vectors[name] = out
    for name, rate in best.items():
        print(f"backend={name} chunks_per_s={rate:.1f} dim={vectors[name].shape[1]}")
    if "torch" in vectors:
        for name, out in vectors.items():
            cos = (out * vectors["torch"]).sum(axis=1)
            print(f"  {name}: cosine to torch mean {cos.mean():.4f} min {cos.min():.4f}")
        for name, rate in best.items():
            print(f"  {name}: {rate / best['torch']:.2f}× torch")
    print(f"load average (1/5/15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
