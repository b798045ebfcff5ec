"""Ingest behaviour on small files written by the tests: idempotence, replacement, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

REPORT = """青山县农业农村局2023年度部门整体支出绩效自评报告
根据要求，我局对2023年度部门整体支出进行了自评，现报告如下：
一、单位基本情况
（一）人员配置情况
截至2023年12月31日，核定编制45名，在职人数为43人。
二、一般公共预算支出情况
（一）基本支出情况
2023年基本支出612.40万元，其中：人员经费538.75万元，公用经费73.65万元。
（二）“三公”经费情况
2023年“三公”经费预算8.00万元，决算6.42万元。
"""


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "青山县.txt", REPORT)
    _write(folder, "白水县-gbk.txt", REPORT.replace("青山县", "白水县"), "gbk")
    return folder


def test_folder_ingest_then_rerun_is_idempotent(make_service, reports_dir):
    service = make_service()
    first = service.ingest([reports_dir])
    assert sorted(o.status for o in first) == ["added", "added"]
    count = service.store.count()
    second = service.ingest([reports_dir])
    assert [o.status for o in second] == ["unchanged", "unchanged"]
    assert service.store.count() == count
    counties = sorted(r.identity.county for r in service.reports())
    assert counties == ["白水县", "青山县"]


def test_changed_file_is_replaced_whole(make_service, reports_dir):
    service = make_service()
    service.ingest([reports_dir])
    path = reports_dir / "青山县.txt"
    old = next(r for r in service.reports() if r.file == path.name)
    path.write_text(REPORT.replace("6.42万元", "6.50万元"), encoding="utf-8")
    (outcome,) = service.ingest([path])
    assert outcome.status == "replaced"
    ids = {r.id for r in service.reports()}
    assert old.id not in ids and outcome.report_id in ids
    assert service.store.ids_for_report(old.id) == []
    texts = " ".join(c.text for c in service.store.chunks(where={"report_id": outcome.report_id}))
    assert "6.50万元" in texts and "6.42万元" not in texts


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 40, ""),
        ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200, ""),
        ("broken.docx", b"PK\x03\x04 not really a zip" * 20, ""),
        ("sheet.xlsx", b"whatever", "corrupt"),
        ("old.xls", b"\xd0\xcf\x11\xe0 not an OLE file" * 10, "corrupt"),
    ],
)
def test_bad_file_fails_alone_and_leaves_index_as_it_was(
    make_service, reports_dir, name, content, reason
):
    service = make_service()
    service.ingest([reports_dir])
    before_ids = {r.id for r in service.reports()}
    before_count = service.store.count()
    (reports_dir / name).write_bytes(content)
    other = _write(reports_dir, "新报告.txt", REPORT.replace("青山县", "云溪县"))
    outcomes = {o.path.name: o for o in service.ingest([reports_dir])}
    failed = outcomes[name]
    assert failed.status == "failed"
    assert failed.message.startswith(name) and reason in failed.message
    assert "\n" not in failed.message
    assert outcomes[other.name].status == "added"
    after_ids = {r.id for r in service.reports()}
    assert after_ids == before_ids | {outcomes[other.name].report_id}
    assert service.store.count() > before_count


def test_new_formats_bad_files_get_one_clear_error_each_and_change_nothing(
    make_service, reports_dir, tmp_path, monkeypatch
):
    """An image-only PDF with no text at all, a corrupt .xlsx and a .doc on a machine without
    LibreOffice (PATH emptied) each fail with one line; the index stays as it was."""
    import io

    from PIL import Image

    service = make_service()
    service.ingest([reports_dir])
    before_ids = {r.id for r in service.reports()}
    before_count = service.store.count()
    bad = tmp_path / "bad"
    bad.mkdir()
    scan = io.BytesIO()
    Image.new("RGB", (620, 877), "white").save(scan, format="PDF", resolution=75)
    (bad / "空白扫描件.pdf").write_bytes(scan.getvalue())
    (bad / "坏表格.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    (bad / "旧文档.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    outcomes = {o.path.name: o for o in service.ingest([bad])}
    expected = {"空白扫描件.pdf": "OCR", "坏表格.xlsx": "Excel", "旧文档.doc": "libreoffice-writer"}
    for name, reason in expected.items():
        outcome = outcomes[name]
        assert outcome.status == "failed", outcome.message
        assert outcome.message.startswith(name) and reason in outcome.message
        assert "\n" not in outcome.message
    assert {r.id for r in service.reports()} == before_ids
    assert service.store.count() == before_count


def test_sidecar_and_flags_override_identity(make_service, tmp_path):
    path = _write(tmp_path, "odd name (1).txt", "无标题的材料\n一、情况\n2023年支出5.00万元。\n")
    (tmp_path / "odd name (1).txt.meta.json").write_text(
        '{"county": "云溪县", "department": "教育局"}', encoding="utf-8"
    )
    service = make_service()
    (outcome,) = service.ingest([path], overrides={"year": 2023})
    assert outcome.status == "added", outcome.message
    report = service.report(outcome.report_id[:6])
    assert (report.identity.county, report.identity.department, report.identity.year) == (
        "云溪县",
        "教育局",
        2023,
    )
    meta = service.store.chunks(where={"report_id": report.id})[0].metadata
    assert (meta["county"], meta["year"]) == ("云溪县", 2023)
    # Same bytes with a changed override is re-indexed, not skipped.
    (again,) = service.ingest([path], overrides={"year": 2022})
    assert again.status == "replaced"
    assert service.report(report.id).identity.year == 2022


def test_remove_deletes_everywhere_and_rebuild_starts_over(make_service, reports_dir):
    service = make_service()
    outcomes = service.ingest([reports_dir])
    gone = service.remove(outcomes[0].report_id)
    assert service.store.ids_for_report(gone.id) == []
    assert gone.id not in {r.id for r in service.reports()}
    rebuilt = service.ingest([reports_dir / "青山县.txt"], rebuild=True)
    assert [o.status for o in rebuilt] == ["added"]
    assert [r.file for r in service.reports()] == ["青山县.txt"]


def test_unknown_report_id_is_a_clear_error(make_service):
    from assistant.service import ReportNotFound

    with pytest.raises(ReportNotFound, match="no report with id"):
        make_service().report("deadbeef")
