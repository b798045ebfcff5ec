"""The API in LLM mode (a scripted OpenAI-compatible model): the `report-assistant-llm` model
streams the model's verified answer with citations; `report-assistant` never calls the model."""

from __future__ import annotations

import pytest

from tests.api.helpers import running_server
from tests.conftest import FIXTURE_REPORTS
from tests.openai_stub import Reply, ScriptedOpenAI

pytestmark = pytest.mark.slow
QUESTION = "白水县2023年三公经费决算多少？"


@pytest.fixture(scope="module")
def stub():
    with ScriptedOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def server(stub, tmp_path_factory, embeddings):
    from api.server import create_app
    from assistant.factory import build_service
    from assistant.settings import load_settings

    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("llm-api-index"),
        llm_base_url=stub.base_url,
        llm_model="stub-model",
        llm_api_key="test-key",
        llm_timeout=5.0,
    )
    service = build_service(settings, embeddings=embeddings)
    service.ingest([FIXTURE_REPORTS])
    with running_server(create_app(service, settings, with_ui=False)) as url:
        yield url


@pytest.fixture
def client(server):
    openai = pytest.importorskip("openai")
    return openai.OpenAI(base_url=f"{server}/v1", api_key="unused", max_retries=0, timeout=120)


def test_llm_model_is_listed_and_streams_the_verified_answer(stub, client):
    assert [m.id for m in client.models.list()] == ["report-assistant", "report-assistant-llm"]
    stub.requests.clear()
    text = "白水县2023年三公经费决算为43210.00元[1]。"
    stub.script(Reply(text, chunk_size=4))
    chunks = list(
        client.chat.completions.create(
            model="report-assistant-llm",
            messages=[{"role": "user", "content": QUESTION}],
            stream=True,
        )
    )
    deltas = [
        c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content
    ]
    assert len(deltas) > 3 and "".join(deltas).startswith(text)
    citations = chunks[-1].model_extra["citations"]
    assert citations and citations[0]["county"] == "白水县" and "43210.00元" in citations[0]["text"]
    assert stub.requests and stub.requests[-1]["stream"] is True


def test_offline_model_never_calls_the_llm(stub, client):
    stub.requests.clear()
    reply = client.chat.completions.create(
        model="report-assistant", messages=[{"role": "user", "content": QUESTION}]
    )
    assert "43210.00元" in reply.choices[0].message.content
    assert stub.requests == []
