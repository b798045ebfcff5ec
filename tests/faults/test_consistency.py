"""Catalogue and store agreeing (issue 12, defect 4), `check [--repair]`, and a long-lived
service seeing another process's ingest (defect 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli.main import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"


def _one_report(tmp_path: Path, name: str = "青山县农业农村局2023.txt") -> Path:
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(FIXTURES / name, folder / name))


def test_a_row_whose_chunks_are_gone_is_ingested_again_not_unchanged(
    tmp_path: Path, make_service
) -> None:
    service = make_service()
    report = _one_report(tmp_path)
    [first] = service.ingest([report])
    service.store.delete_report(first.report_id)  # what a kill between two deletes left behind
    [again] = service.ingest([report])
    assert again.status != "unchanged", again.message
    assert len(service.store.ids_for_report(first.report_id)) == first.chunks > 0
    assert [r.id for r in service.reports()] == [first.report_id]
    assert service.check().clean


def test_check_reports_and_repairs_disagreement(
    tmp_path: Path, make_service, monkeypatch, capsys
) -> None:
    data_dir = tmp_path / "data"
    service = make_service(data_dir)
    ghost, stray = _one_report(tmp_path), _one_report(tmp_path, "白水县农业农村局2023.txt")
    [ghost_out, stray_out] = service.ingest([ghost, stray])
    service.store.delete_report(ghost_out.report_id)  # a row without chunks
    service.catalog.delete(stray_out.report_id)  # chunks without a row

    found = service.check()
    kinds = {(p.kind, p.report_id) for p in found.problems}
    assert kinds == {
        ("row-without-chunks", ghost_out.report_id),
        ("chunks-without-row", stray_out.report_id),
    }

    monkeypatch.setenv("REPORT_ASSISTANT_DATA_DIR", str(data_dir))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "row-without-chunks" in out and "check --repair" in out
    assert main(["check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "索引一致 / the index is consistent" in out
    assert main(["check"]) == 0

    service = make_service(data_dir)
    assert [r.id for r in service.reports()] == [ghost_out.report_id]
    assert len(service.store.ids_for_report(ghost_out.report_id)) == ghost_out.chunks
    assert service.store.ids_for_report(stray_out.report_id) == []


def test_stray_facts_and_stale_lexical_index_are_found_and_repaired(
    tmp_path: Path, make_service
) -> None:
    from index.lexical import LexicalIndex

    service = make_service()
    [a, b] = service.ingest(
        [_one_report(tmp_path), _one_report(tmp_path, "白水县农业农村局2023.txt")]
    )
    lexical = tmp_path / "data" / "lexical"
    LexicalIndex.load_or_build(lexical, service.store)
    service.store.delete_report(b.report_id)  # behind the service's back: the saved lexical
    service.catalog.delete(b.report_id)  # index still holds b's chunks
    with service.catalog._connect() as conn:  # facts whose report is gone
        conn.execute(
            "INSERT INTO facts (report_id, metric, value_text, unit, value, start, end, source) "
            "VALUES ('feedfacefeedface', '三公经费', '1万元', '万元', '1', 0, 3, 'text')"
        )
    kinds = {p.kind for p in service.check().problems}
    assert kinds == {"lexical", "orphan-facts"}
    repaired = service.check(repair=True)
    assert LexicalIndex.load(lexical).fingerprint  # rebuilt and saved again
    assert repaired.clean and repaired.repaired
    assert [r.id for r in service.reports()] == [a.report_id]


def test_writes_through_the_service_leave_no_stale_lexical_index(
    tmp_path: Path, make_service
) -> None:
    service = make_service()
    [a] = service.ingest([_one_report(tmp_path)])
    assert not service.ask("青山县2023年三公经费是多少？").refused  # saves the BM25 index
    assert (tmp_path / "data" / "lexical" / "current").exists()
    service.ingest([_one_report(tmp_path, "白水县农业农村局2023.txt")])
    assert service.check().clean
    service.remove(a.report_id)
    assert service.check().clean


def test_a_long_lived_service_sees_another_process_ingest(tmp_path: Path, make_service) -> None:
    data_dir = tmp_path / "data"
    service = make_service(data_dir)  # the web app's service, open for the whole test
    service.ingest([_one_report(tmp_path, "青山县农业农村局2022.txt")])
    assert not service.ask("青山县2022年三公经费是多少？").refused

    other = _one_report(tmp_path, "白水县农业农村局2023.txt")
    env = {**os.environ, "REPORT_ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    cli = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", str(other)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr[-2000:]

    answer = service.ask("白水县2023年三公经费是多少？")  # was: InternalError "Error finding id"
    assert not answer.refused
    assert {c.county for c in answer.citations} == {"白水县"}
    hits = service.store.search("三公经费", k=10)  # dense search over the whole collection
    assert {h.metadata["county"] for h in hits} == {"青山县", "白水县"}


def test_facts_read_by_older_rules_are_found_and_read_again(tmp_path: Path, make_service) -> None:
    """A catalogue written before the fact rules changed (figures without their column's
    year) is not silently kept: `check` names it and ingesting the same file reads it again."""
    import sqlite3

    from index.facts import FACTS_VERSION

    service = make_service()
    report = _one_report(tmp_path)
    [first] = service.ingest([report])
    facts_before = service.catalog.facts(report_ids=[first.report_id])
    with sqlite3.connect(service.catalog.path) as conn:
        conn.execute("UPDATE reports SET facts_version = ?", (FACTS_VERSION - 1,))
        conn.execute("DELETE FROM facts")  # what the old rules read is to be replaced
    found = service.check()
    assert {(p.kind, p.report_id) for p in found.problems} == {("stale-facts", first.report_id)}

    [again] = service.ingest([report])
    assert again.status == "replaced" and "facts read again" in again.message
    assert service.catalog.facts(report_ids=[first.report_id]) == facts_before
    assert service.check().clean
    [third] = service.ingest([report])
    assert third.status == "unchanged"
