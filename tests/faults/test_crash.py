"""Crash tests (issue 12): kill the writer with SIGKILL at every write boundary, then open the
index, `check` it, ingest again and compare with a clean ingest of the same file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.catalog import Catalog
from index.consistency import CRASH_ENV, CRASH_POINTS
from index.pipeline import prepare_report
from index.vectorstore import embedding_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
OLD = FIXTURES / "青山县农业农村局2022.txt"
NEW = FIXTURES / "青山县农业农村局2023.txt"


def snapshot(service) -> dict:  # type: ignore[no-untyped-def]
    """What must be identical after recovery + re-ingest and after a clean ingest."""
    rows = sorted(
        (r.id, r.file, r.identity.county, r.identity.department, r.identity.year,
         r.chunk_count, r.content_hash)
        for r in service.catalog.all()
    )  # fmt: skip
    facts = sorted(
        (f.report_id, f.metric, f.qualifier or "", f.value_text, f.value, f.year or 0,
         f.start, f.end, f.conflict)
        for f in service.catalog.facts()
    )  # fmt: skip
    chunks = sorted(c.id for c in service.store.chunks())
    return {"rows": rows, "facts": facts, "chunks": chunks}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, embeddings) -> dict:
    """A clean ingest of the new version, and the child's vectors for it."""
    from assistant.factory import build_service
    from assistant.settings import load_settings

    base = tmp_path_factory.mktemp("clean")
    report = base / "reports" / "青山县农业农村局.txt"
    report.parent.mkdir()
    shutil.copyfile(NEW, report)
    service = build_service(load_settings(data_dir=base / "data"), embeddings=embeddings)
    assert [o.status for o in service.ingest([report])] == ["added"]
    prepared = prepare_report(report, report.read_bytes(), {}, 160, 10**7)
    texts = [embedding_text(c, prepared.report.identity) for c in prepared.chunks]
    vectors = base / "vectors.json"
    vectors.write_text(json.dumps(dict(zip(texts, embeddings.embed_documents(texts), strict=True))))
    return {"snapshot": snapshot(service), "vectors": vectors}


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory, embeddings, clean) -> dict:
    """For every crash point: a data dir holding the old version of the report, and a child
    process (all started together) that changes it and is killed at that point."""
    from assistant.factory import build_service
    from assistant.settings import load_settings

    runs = {}
    for point in CRASH_POINTS:
        base = tmp_path_factory.mktemp(point.replace(":", "-"))
        report = base / "reports" / "青山县农业农村局.txt"
        report.parent.mkdir()
        shutil.copyfile(OLD, report)
        data_dir = base / "data"
        service = build_service(load_settings(data_dir=data_dir), embeddings=embeddings)
        [first] = service.ingest([report])
        assert first.status == "added", first.message
        shutil.copyfile(NEW, report)  # the file changes: the next ingest replaces the old one
        op = point.split(":")[0]
        arg = str(first.report_id) if op == "remove" else str(report)
        env = {**os.environ, CRASH_ENV: point, "PYTHONPATH": str(ROOT)}
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "faults" / "crash_child.py"),
             str(data_dir), str(clean["vectors"]), op, arg],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        runs[point] = (data_dir, report, child)
    out = {}
    for point, (data_dir, report, child) in runs.items():
        stdout, stderr = child.communicate(timeout=600)
        out[point] = (data_dir, report, child.returncode, stdout, stderr)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("point", CRASH_POINTS)
def test_crash_at_each_write_boundary(point: str, make_service, clean, crashed) -> None:
    data_dir, report, returncode, stdout, stderr = crashed[point]
    assert returncode == -signal.SIGKILL, (point, returncode, stderr[-2000:])
    assert "finished" not in stdout
    assert Catalog(data_dir / "catalog.sqlite").pending(), "the write was not journalled"

    service = make_service(data_dir)  # opening finishes or rolls back the interrupted write
    found = service.check()
    assert found.clean, [p.detail for p in found.problems]
    outcomes = service.ingest([report])
    assert outcomes[0].status in ("added", "replaced", "unchanged"), outcomes[0].message
    assert service.check().clean
    assert snapshot(service) == clean["snapshot"]
    assert len(service.reports()) == 1
