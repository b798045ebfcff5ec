"""The HTTP API over a real server on a free port: the real `openai` client and httpx, the real
model, a temporary Chroma store holding the invented fixture reports, the web app mounted too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest

from tests.api.helpers import running_server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
KEY = "test-key-123"


@pytest.fixture(scope="module")
def server(tmp_path_factory, embeddings, chroma_settings):
    """The web app and the API in one uvicorn server, run in a thread for this module."""
    from api.server import create_app
    from assistant.factory import build_service
    from assistant.settings import load_settings

    data_dir = tmp_path_factory.mktemp("api-index")
    settings = load_settings(
        data_dir=data_dir, api_key=KEY, api_max_messages=6, **chroma_settings()
    )
    service = build_service(settings, embeddings=embeddings)
    outcomes = service.ingest([FIXTURES], rebuild=True)
    assert {o.status for o in outcomes} == {"added"}, [o.message for o in outcomes]
    with running_server(create_app(service, settings)) as url:
        yield url


@pytest.fixture
def client(server):
    openai = pytest.importorskip("openai")
    return openai.OpenAI(base_url=f"{server}/v1", api_key=KEY, max_retries=0, timeout=120)


@pytest.fixture
def http(server):
    with httpx.Client(
        base_url=server, headers={"Authorization": f"Bearer {KEY}"}, timeout=120
    ) as c:
        yield c


def test_openai_client_gets_a_cited_answer(client):
    completion = client.chat.completions.create(
        model="report-assistant",
        messages=[{"role": "user", "content": "白水县2023年三公经费决算多少？"}],
    )
    message = completion.choices[0].message
    assert "43210.00元" in message.content and "[1]" in message.content
    citations = message.model_extra["citations"]
    assert citations[0]["n"] == 1 and citations[0]["county"] == "白水县"
    assert completion.model_extra["citations"] == citations
    assert completion.choices[0].finish_reason == "stop"


def test_openai_client_streams_and_the_last_chunk_carries_citations(client):
    stream = client.chat.completions.create(
        model="report-assistant",
        messages=[{"role": "user", "content": "白水县2023年三公经费决算多少？"}],
        stream=True,
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "43210.00元" in text and "来源" in text
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra["citations"][0]["county"] == "白水县"
    assert last.choices[0].delta.model_extra["citations"] == last.model_extra["citations"]


def test_two_turn_conversation_keeps_the_topic_and_cites_the_new_county(client):
    first_q = "2023年三公经费花了多少？"
    first = client.chat.completions.create(
        model="report-assistant", messages=[{"role": "user", "content": first_q}]
    )
    answer = first.choices[0].message
    assert "43210.00元" in answer.content and "6.42万元" in answer.content  # both counties
    assert {c["county"] for c in answer.model_extra["citations"]} == {"白水县", "青山县"}
    second = client.chat.completions.create(
        model="report-assistant",
        messages=[
            {"role": "user", "content": first_q},
            {"role": "assistant", "content": answer.content},
            {"role": "user", "content": "那青山县呢？"},
        ],
    )
    follow = second.choices[0].message
    assert "6.42万元" in follow.content and "43210.00元" not in follow.content
    cited = follow.model_extra["citations"]
    assert cited and {c["county"] for c in cited} == {"青山县"}
    assert {c["year"] for c in cited} == {2023}  # the year carried from the first turn


def test_models_and_unknown_model(client):
    pytest.importorskip("openai")
    import openai

    assert [m.id for m in client.models.list()] == ["report-assistant"]  # no LLM configured
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(
            model="report-assistant-llm", messages=[{"role": "user", "content": "你好"}]
        )


def test_api_key_is_required(server):
    no_key = httpx.get(f"{server}/v1/models")
    assert no_key.status_code == 401 and "API" in no_key.json()["error"]["message"]
    wrong = httpx.get(f"{server}/api/reports", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_invalid_json_limits_and_bad_messages_are_400s(http):
    bad = http.post(
        "/v1/chat/completions",
        content=b'{"model": "report-assistant", "messages": [',
        headers={"Content-Type": "application/json"},
    )
    assert bad.status_code == 400 and "invalid JSON" in bad.json()["error"]["message"]
    many = [{"role": "user", "content": f"问题{i}"} for i in range(7)]
    too_long = http.post(
        "/v1/chat/completions", json={"model": "report-assistant", "messages": many}
    )
    assert (
        too_long.status_code == 400 and "too many messages" in too_long.json()["error"]["message"]
    )
    huge = http.post("/api/ask", json={"question": "三" * 300_000})
    assert huge.status_code == 413
    no_user = http.post(
        "/v1/chat/completions",
        json={"model": "report-assistant", "messages": [{"role": "system", "content": "x"}]},
    )
    assert no_user.status_code == 400


def test_ask_returns_the_contract_with_typed_filters(http):
    response = http.post(
        "/api/ask",
        json={"question": "三公经费决算多少？", "filters": {"county": "白水", "year": 2023}},
    )
    data = response.json()
    assert response.status_code == 200
    assert set(data) == {"question", "answer", "refused", "citations", "facts", "warnings"}
    assert data["question"] == "三公经费决算多少？" and "43210.00元" in data["answer"]
    citation = data["citations"][0]
    report = http.get(f"/api/reports/{citation['report_id'][:8]}").json()
    assert report["county"] == "白水县"
    assert report["text"][citation["start"] : citation["end"]] == citation["text"]
    follow = http.post(
        "/api/ask", json={"question": "那青山县呢？", "history": ["白水县2023年公用经费是多少"]}
    ).json()
    assert "公用经费" in follow["answer"] and {c["county"] for c in follow["citations"]} == {
        "青山县"
    }


def test_library_endpoints(http, tmp_path):
    reports = http.get("/api/reports").json()
    assert len(reports) == 3 and {r["county"] for r in reports} == {"青山县", "白水县"}
    facts = http.get("/api/facts", params={"county": "白水", "metric": "三公经费"}).json()
    assert facts and {f["county"] for f in facts} == {"白水县"}
    assert any(f["value_text"] == "43210.00元" for f in facts)
    assert http.get("/api/facts", params={"metric": "不存在"}).status_code == 400
    assert http.get("/api/reports/ffffffff").status_code == 404

    good = tmp_path / "黑山县报告.txt"
    shutil.copy(FIXTURES / "白水县农业农村局2023.txt", good)
    text = good.read_text(encoding="utf-8").replace("白水县", "黑山县")
    good.write_text(text, encoding="utf-8")
    with good.open("rb") as fh:
        response = http.post(
            "/api/reports",
            files=[
                ("files", ("evil.exe", b"MZ", "application/octet-stream")),
                ("files", ("黑山县 报告.txt", fh, "text/plain")),
            ],
        )
    results = response.json()
    assert response.status_code == 200, results
    assert [r["status"] for r in results] == ["rejected", "added"]
    assert "不支持的文件类型" in results[0]["message"]
    new_id = results[1]["report_id"]
    assert http.get(f"/api/reports/{new_id}").json()["county"] == "黑山县"
    gone = http.delete(f"/api/reports/{new_id}")
    assert gone.status_code == 200 and gone.json()["removed"] == new_id
    assert len(http.get("/api/reports").json()) == 3


def test_docs_and_the_web_app_share_the_server(server):
    docs = httpx.get(f"{server}/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    schema = httpx.get(f"{server}/openapi.json").json()
    assert "/v1/chat/completions" in schema["paths"] and "/api/ask" in schema["paths"]
    page = httpx.get(f"{server}/")
    assert page.status_code == 200 and "gradio" in page.text.lower()


def test_streaming_over_raw_sse_ends_with_done(http):
    with http.stream(
        "POST",
        "/v1/chat/completions",
        json={
            "model": "report-assistant",
            "stream": True,
            "messages": [{"role": "user", "content": "青山县2023年三公经费是多少？"}],
        },
    ) as response:
        lines = [line for line in response.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    final = json.loads(lines[-2][6:])
    assert final["choices"][0]["finish_reason"] == "stop" and final["citations"]
