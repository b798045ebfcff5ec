"""Ingest benchmark (run on demand, prints figures; not a test).

    .venv/bin/python bench/ingest_bench.py [CORPUS_DIR ...]

Measures, for the given folders (default: ../shared/corpus/seeds):
- cold ingest: model import + load + ingest into an empty temp data dir;
- warm re-ingest: the same folders again (everything unchanged, skipped by hash);
- pipeline overhead: ingest time (model already loaded) against the raw model encode time of
  the very same embedded texts. Target: the pipeline adds < 15 % to raw embedding time.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or [ROOT.parent / "shared" / "corpus" / "seeds"]
    t0 = time.perf_counter()
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from index.embeddings import load_embeddings
    from index.ingest import discover
    from index.pipeline import prepare_report
    from index.vectorstore import embedding_text

    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    model = load_embeddings("m3e-small")
    model.embed_query("预热")  # first call allocates
    t_load = time.perf_counter() - t1

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        service = build_service(settings, embeddings=model)
        t2 = time.perf_counter()
        outcomes = service.ingest(folders)
        t_ingest = time.perf_counter() - t2
        chunks = sum(o.chunks for o in outcomes)
        t3 = time.perf_counter()
        again = service.ingest(folders)
        t_warm = time.perf_counter() - t3
        assert all(o.status == "unchanged" for o in again)

        texts: list[str] = []
        t4 = time.perf_counter()
        for path in discover(folders):
            prepared = prepare_report(
                path, path.read_bytes(), {}, settings.chunk_max_tokens, 50 * 2**20
            )
            texts += [embedding_text(c, prepared.report.identity) for c in prepared.chunks]
        t_prepare = time.perf_counter() - t4
        t5 = time.perf_counter()
        model.embed_documents(texts)
        t_raw = time.perf_counter() - t5

    files = len(outcomes)
    print(f"corpus: {', '.join(str(f) for f in folders)} — {files} files, {chunks} chunks")
    print(f"import (langchain, chroma, …):     {t_import:6.2f} s")
    print(f"model load + first encode:         {t_load:6.2f} s")
    print(
        f"ingest (model loaded):             {t_ingest:6.2f} s  ({chunks / t_ingest:.1f} chunks/s)"
    )
    print(f"cold total (import+load+ingest):   {t_import + t_load + t_ingest:6.2f} s")
    print(f"warm re-ingest (all unchanged):    {t_warm:6.3f} s")
    print(f"raw model encode, same texts:      {t_raw:6.2f} s  ({len(texts) / t_raw:.1f} chunks/s)")
    print(f"load+normalise+sections+chunks:    {t_prepare:6.2f} s")
    print(f"pipeline overhead vs raw encode:   {100 * (t_ingest - t_raw) / t_raw:+6.1f} %")


if __name__ == "__main__":
    main(sys.argv[1:])
