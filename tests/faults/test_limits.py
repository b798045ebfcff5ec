"""Bounded work per file (issue 12, defect 5): text over the limit is refused with one line
and nothing stored; plain text far over it is refused before it is parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

import index.pipeline as pipeline
from index.errors import LoadError
from index.pipeline import prepare_report

LINE = "2023年“三公”经费预算13.00万元，决算12.50万元，主要用于公务接待和公务用车运行维护。\n"


def _report(path: Path, lines: int) -> Path:
    path.write_text("示例县示例局2023年度部门决算说明\n一、支出情况\n" + LINE * lines, "utf-8")
    return path


def test_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = _report(tmp_path / "long.txt", 200)
    with pytest.raises(LoadError) as err:
        prepare_report(path, path.read_bytes(), {}, 160, 10**8, max_chars=5_000)
    assert "long.txt" in str(err.value) and "文本过长" in str(err.value)
    prepared = prepare_report(path, path.read_bytes(), {}, 160, 10**8, max_chars=50_000)
    assert prepared.chunks


def test_plain_text_far_over_the_limit_is_not_parsed(tmp_path: Path, monkeypatch) -> None:
    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(pipeline, "load_file", never)
    path = _report(tmp_path / "huge.txt", 2_000)  # ~280 KB
    with pytest.raises(LoadError, match="文本过长"):
        prepare_report(path, path.read_bytes(), {}, 160, 10**8, max_chars=10_000)


def test_ingest_refuses_a_report_over_the_setting(tmp_path: Path, make_service) -> None:
    service = make_service(max_report_chars=5_000)
    [outcome] = service.ingest([_report(tmp_path / "long.txt", 200)])
    assert outcome.status == "failed" and "文本过长" in outcome.message
    assert service.reports() == [] and service.store.count() == 0
