"""The typed service API every front end calls: filters, events, uploads, compare, layering."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from assistant.events import FinalAnswer, SourcesEvent, TextDelta
from assistant.filters import AskFilters
from assistant.results import FactRow, Upload

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
QUESTION = "2023年三公经费决算多少？"


def test_filters_scope_the_question_without_changing_its_text(qa_service):
    answer = qa_service.ask(QUESTION, filters=AskFilters(county="白水"))
    assert answer.question == QUESTION and not answer.refused
    assert "43210.00元" in answer.answer
    assert {c.county for c in answer.citations} == {"白水县"}
    other = qa_service.ask(QUESTION, filters=AskFilters(county="青山县", year=2023))
    assert {c.county for c in other.citations} == {"青山县"} and "43210.00元" not in other.answer


def test_a_filter_naming_no_indexed_report_is_refused(qa_service):
    answer = qa_service.ask(QUESTION, filters=AskFilters(county="桂阳县"))
    assert answer.refused and "桂阳县" in answer.answer
    assert qa_service.ask("三公经费决算多少？", filters=AskFilters(year=2019)).refused


def test_the_question_names_a_slot_the_filter_does_not_override(qa_service):
    answer = qa_service.ask("白水县2023年三公经费决算多少？", filters=AskFilters(county="青山县"))
    assert "43210.00元" in answer.answer


def test_stream_events_are_typed_and_end_with_the_answer(qa_service):
    events = list(qa_service.ask_stream(QUESTION, filters=AskFilters(county="白水")))
    assert isinstance(events[0], TextDelta) and isinstance(events[-1], FinalAnswer)
    sources = next(e for e in events if isinstance(e, SourcesEvent))
    assert sources.citations == events[-1].answer.citations and sources.citations
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == events[-1].answer.answer


def test_empty_question_is_refused_not_searched(qa_service):
    answer = qa_service.ask("   ")
    assert answer.refused and answer.citations == ()


def test_compare_returns_typed_rows_of_the_chosen_reports(qa_service):
    rows = qa_service.compare("三公经费", counties=["青山县"], years=[2023])
    assert rows and all(isinstance(r, FactRow) for r in rows)
    assert {r.report.identity.county for r in rows} == {"青山县"} and {r.year for r in rows} == {
        2023
    }
    assert any(r.section for r in rows)  # the section path of the fact's span
    assert len(qa_service.compare("三公经费")) > len(rows)


def test_conversation_from_earlier_turns_carries_the_topic(qa_service):
    talk = qa_service.conversation_from(["青山县2023年公用经费是多少"])
    answer = qa_service.ask("那白水呢？", talk)
    assert "507440.50元" in answer.answer


def test_uploads_are_checked_stored_and_temporary_copies_removed(make_service, tmp_path):
    service = make_service()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    bad = incoming / "a.exe"
    bad.write_bytes(b"MZ")
    empty = incoming / "空.txt"
    empty.write_bytes(b"")
    good = incoming / "good.txt"
    shutil.copy(FIXTURES / "白水县农业农村局2023.txt", good)
    results = service.add_uploads(
        [
            Upload("../../evil.exe", bad, temporary=True),
            Upload("空.txt", empty, temporary=True),
            Upload("白水 报告.txt", good, temporary=True),
        ]
    )
    assert [r.status for r in results] == ["rejected", "rejected", "added"]
    assert "不支持的文件类型" in results[0].message and "文件为空" in results[1].message
    assert results[2].stored == tmp_path / "data" / "uploads" / "白水_报告.txt"
    assert not bad.exists() and not empty.exists() and not good.exists()
    assert [r.id for r in service.reports()] == [results[2].report_id]


def test_reidentify_corrects_the_identity(make_service, tmp_path):
    service = make_service()
    source = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "白水县农业农村局2023.txt", source)
    (outcome,) = service.ingest([source])
    service.reidentify(outcome.report_id, county="黑山县", year="2024")
    (report,) = service.reports()
    assert (report.identity.county, report.identity.year) == ("黑山县", 2024)
    assert all(p.county == "黑山县" for p in service.chunks(report.id))
    with pytest.raises(Exception, match="年度"):
        service.reidentify(report.id, year="24年")


def test_collaborators_never_call_back_into_the_service(qa_service):
    """The composition root hands in whole collaborators: no bound service method inside."""
    seen = [qa_service._offline, qa_service._fact_answerer]
    for collaborator in seen:
        for value in vars(collaborator).values():
            assert getattr(value, "__self__", None) is not qa_service


def _imports(folder: Path) -> set[tuple[str, str]]:
    found = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(path.name, a.name.split(".")[0]) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add((path.name, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("front_end", ["cli", "ui", "api"])
def test_front_ends_never_import_the_index(front_end):
    folder = ROOT / front_end
    if not folder.exists():
        pytest.skip(f"{front_end}/ not present")
    assert not {f for f, top in _imports(folder) if top == "index"}


def test_assistant_never_imports_a_front_end():
    bad = {
        (f, top)
        for f, top in _imports(ROOT / "assistant")
        if top in ("cli", "ui", "api", "gradio", "fastapi") and f != "__main__.py"
    }
    assert not bad, bad
