"""LLM mode against a local OpenAI-compatible server (real HTTP, real client stack, scripted
replies): what the user sees for a correct answer, a hallucinated figure, a wrong unit, a marker
to no source, a refusal, a timeout, a 401, streaming and a condensed follow-up."""

from __future__ import annotations

import pytest

from assistant.answer import Answer
from assistant.conversation import Conversation
from assistant.scoring import unsupported_money
from tests.conftest import FIXTURE_REPORTS
from tests.openai_stub import Reply, ScriptedOpenAI

pytestmark = pytest.mark.slow
QUESTION = "白水县2023年三公经费决算多少？"


@pytest.fixture(scope="module")
def stub():
    with ScriptedOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def llm_service(stub, tmp_path_factory, embeddings):
    from assistant.factory import build_service
    from assistant.settings import load_settings

    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("llm-index"),
        llm_base_url=stub.base_url,
        llm_model="stub-model",
        llm_api_key="test-key",
        llm_timeout=1.0,
    )
    service = build_service(settings, embeddings=embeddings)
    service.ingest([FIXTURE_REPORTS])
    return service


@pytest.fixture(autouse=True)
def _fresh(stub):
    stub.requests.clear()


def _cites_hold(answer: Answer, figure: str) -> bool:
    return any(figure in c.text for c in answer.citations)


def test_correct_cited_answer_is_shown_as_written(stub, llm_service):
    stub.script(Reply("白水县农业农村局2023年“三公”经费决算为43210.00元[1]。"))
    answer = llm_service.ask(QUESTION)
    assert "43210.00元" in answer.answer and not answer.refused
    assert _cites_hold(answer, "43210.00元")
    assert answer.meta["repair"] == "none" and answer.meta["mode"] == "llm"
    assert unsupported_money(answer.to_dict()) == []
    sent = stub.requests[0]["messages"]
    assert sent[0]["role"] == "system" and "[1]" in sent[1]["content"]


def test_hallucinated_figure_is_retried_then_removed_and_offline_shown(stub, llm_service):
    stub.script(
        Reply("白水县2023年三公经费决算为99999.00元[1]。"),
        Reply("白水县2023年三公经费决算为88888.00元[1]。"),
    )
    answer = llm_service.ask(QUESTION)
    assert len(stub.requests) == 2
    assert "99999.00元" in stub.requests[1]["messages"][-1]["content"]  # problem stated
    assert "88888" not in answer.answer and "99999" not in answer.answer
    assert "【离线核对答案" in answer.answer and "43210.00元" in answer.answer
    assert any("88888.00元" in w for w in answer.warnings)
    assert answer.meta["repair"] == "repaired"
    assert unsupported_money(answer.to_dict()) == []


def test_wrong_unit_is_caught_and_the_retry_accepted(stub, llm_service):
    stub.script(
        Reply("青山县2023年三公经费决算6.42元[1]。"), Reply("青山县2023年三公经费决算6.42万元[1]。")
    )
    answer = llm_service.ask("青山县2023年三公经费决算多少？")
    assert "6.42元" in stub.requests[1]["messages"][-1]["content"]
    assert "6.42万元" in answer.answer and "6.42元" not in answer.answer
    assert answer.meta["repair"] == "regenerated"
    assert _cites_hold(answer, "6.42万元")


def test_marker_to_no_source_is_removed_and_the_right_one_added(stub, llm_service):
    stub.script(Reply("白水县2023年三公经费决算为43210.00元[7]。"))
    answer = llm_service.ask(QUESTION)
    assert "[7]" not in answer.answer
    markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", answer.answer)}
    assert markers and markers <= {c.n for c in answer.citations}
    assert _cites_hold(answer, "43210.00元")


def test_model_refusal_is_a_refusal(stub, llm_service):
    stub.script(Reply("报告中未找到白水县离退休人员经费的数字。"))
    answer = llm_service.ask("白水县2023年离退休人员经费多少？")
    assert answer.refused and "未找到" in answer.answer


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply("太慢了", delay=3.0), "Timeout"),
        (Reply(status=401), "Authentication"),
        (Reply(""), "Empty"),
        (Reply(malformed=True), "JSONDecodeError"),
    ],
)
def test_model_failure_falls_back_to_offline_answer(stub, llm_service, reply, reason):
    stub.script(reply)
    answer = llm_service.ask(QUESTION)
    assert "43210.00元" in answer.answer and not answer.refused
    assert answer.warnings[0].startswith("大模型调用失败") and reason in answer.warnings[0]
    assert answer.meta["mode"] == "offline-fallback"


def test_streaming_yields_pieces_then_the_verified_answer(stub, llm_service):
    text = "白水县2023年三公经费决算为43210.00元[1]，全部为公务接待费。"
    stub.script(Reply(text, chunk_size=3))
    from assistant.events import FinalAnswer, SourcesEvent, TextDelta

    events = list(llm_service.ask_stream(QUESTION))
    pieces = [e.text for e in events if isinstance(e, TextDelta)]
    assert len(pieces) > 5 and "".join(pieces) == text
    assert isinstance(events[-1], FinalAnswer) and "43210.00元" in events[-1].answer.answer
    assert isinstance(events[-2], SourcesEvent) and events[-2].citations[0].county == "白水县"
    assert stub.requests[0]["stream"] is True


def test_follow_up_is_condensed_with_the_conversation(stub, llm_service):
    talk = Conversation()
    stub.script(Reply("青山县2023年三公经费决算6.42万元[1]。"))
    llm_service.ask("青山县2023年三公经费决算多少？", talk)
    stub.requests.clear()
    stub.script(
        Reply("白水县2023年三公经费决算是多少？"),
        Reply("白水县2023年三公经费决算为43210.00元[1]。"),
    )
    answer = llm_service.ask("那白水呢？", talk)
    condense = stub.requests[0]["messages"][0]["content"]
    assert "青山县2023年三公经费决算多少" in condense and "那白水呢" in condense
    assert "白水县2023年三公经费决算是多少" in stub.requests[1]["messages"][1]["content"]
    assert "43210.00元" in answer.answer


def test_eval_counts_repairs(stub, llm_service, tmp_path):
    from assistant.batch import evaluate

    qa = tmp_path / "qa.jsonl"
    qa.write_text(
        '{"id": "a", "kind": "fact", "question": "白水县2023年三公经费决算多少？", '
        '"numbers": ["43210.00元"], "evidence": []}\n',
        encoding="utf-8",
    )
    stub.script(Reply("白水县2023年三公经费决算为43210.00元[7]。"))
    report = evaluate(llm_service, qa)
    assert report.repairs == {"repaired": 1}  # [7] still dangling after the retry
    assert report.pass_rate == 1.0


def test_refused_connection_falls_back(make_service):
    service = make_service(
        llm_base_url="http://127.0.0.1:9/v1", llm_model="stub-model", llm_timeout=1.0
    )
    service.ingest([FIXTURE_REPORTS])
    answer = service.ask(QUESTION)
    assert "43210.00元" in answer.answer
    assert "Connection" in answer.warnings[0]


def test_sources_over_budget_are_dropped_lowest_score_first():
    from assistant.answer import Passage
    from assistant.llm import _fit

    def passage(n: int, score: float) -> Passage:
        return Passage(f"c{n}", "r", "f", None, None, None, "s", "三公经费决算数" * 20, 0, 1, score)

    kept, dropped = _fit([passage(1, 0.9), passage(2, 0.5), passage(3, 0.1)], budget=400)
    assert [p.chunk_id for p in kept] == ["c1", "c2"] and dropped == 1
