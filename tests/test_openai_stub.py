"""The scripted OpenAI-compatible server, driven by the real langchain-openai and openai clients."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import openai
import pytest
from langchain_openai import ChatOpenAI

from tests.openai_stub import Reply, ScriptedOpenAI

ANSWER = "预算执行率为95.5%[1]，实际支出7.15万元[1]。"


def _chat(stub: ScriptedOpenAI, timeout: float = 2, **extra) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=stub.base_url,
        api_key="test",
        model="stub-model",
        max_retries=0,
        timeout=timeout,
        **extra,
    )


def test_invoke_returns_the_scripted_content_and_records_the_request() -> None:
    with ScriptedOpenAI(Reply(ANSWER)) as stub:
        message = _chat(stub).invoke("hi")
    assert message.content == ANSWER
    assert message.response_metadata["finish_reason"] == "stop"
    assert message.usage_metadata["output_tokens"] == len(ANSWER)
    body = stub.requests[0]
    assert body["model"] == "stub-model"
    assert body["messages"] == [{"role": "user", "content": "hi"}]
    assert body["stream"] is False
    assert stub.headers[0]["authorization"] == "Bearer test"


def test_stream_yields_several_chunks_that_join_to_the_content() -> None:
    with ScriptedOpenAI(Reply(ANSWER, chunk_size=3)) as stub:
        chunks = [c.content for c in _chat(stub).stream("hi")]
    assert len([c for c in chunks if c]) == -(-len(ANSWER) // 3)
    assert "".join(chunks) == ANSWER
    assert stub.requests[0]["stream"] is True


def test_stream_usage_chunk_when_asked_for() -> None:
    with ScriptedOpenAI(Reply(ANSWER)) as stub:
        chunks = list(_chat(stub, stream_usage=True).stream("hi"))
    assert stub.requests[0]["stream_options"] == {"include_usage": True}
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert total.content == ANSWER
    assert total.usage_metadata["output_tokens"] == len(ANSWER)


def test_replies_are_served_in_order_then_the_last_repeats() -> None:
    with ScriptedOpenAI(Reply("一")) as stub:
        stub.script(Reply("二"))
        chat = _chat(stub)
        assert [chat.invoke("q").content for _ in range(3)] == ["一", "二", "二"]
    assert len(stub.requests) == 3


def test_without_a_script_every_request_is_a_server_error() -> None:
    with ScriptedOpenAI() as stub, pytest.raises(openai.InternalServerError):
        _chat(stub).invoke("hi")


def test_wrong_key_raises_authentication_error() -> None:
    with ScriptedOpenAI(Reply(status=401)) as stub:
        with pytest.raises(openai.AuthenticationError, match="Incorrect API key"):
            _chat(stub).invoke("hi")
        with pytest.raises(openai.AuthenticationError):
            list(_chat(stub).stream("hi"))


def test_slow_reply_times_out_quickly_and_does_not_block_shutdown() -> None:
    started = time.monotonic()
    with ScriptedOpenAI(Reply(ANSWER, delay=30)) as stub, pytest.raises(openai.APITimeoutError):
        _chat(stub, timeout=0.3).invoke("hi")
    assert time.monotonic() - started < 3


def test_shutdown_while_a_delayed_request_is_waiting() -> None:
    errors: list[BaseException] = []

    def ask(chat: ChatOpenAI) -> None:
        try:
            chat.invoke("hi")
        except Exception as error:  # the connection is dropped at shutdown
            errors.append(error)

    started = time.monotonic()
    with ScriptedOpenAI(Reply(ANSWER, delay=30)) as stub:
        client = threading.Thread(target=ask, args=(_chat(stub, timeout=10),), daemon=True)
        client.start()
        while not stub.requests and time.monotonic() - started < 2:
            time.sleep(0.01)
    client.join(timeout=3)
    assert not client.is_alive()
    assert time.monotonic() - started < 3
    assert isinstance(errors[0], openai.APIConnectionError)


def test_malformed_body_fails_to_parse() -> None:
    # openai raises the JSON decoder's own error here, not an openai.APIError.
    with ScriptedOpenAI(Reply(ANSWER, malformed=True)) as stub:
        with pytest.raises(json.JSONDecodeError):
            _chat(stub).invoke("hi")
        with pytest.raises(json.JSONDecodeError):
            list(_chat(stub).stream("hi"))


def test_model_list() -> None:
    with ScriptedOpenAI() as stub:
        client = openai.OpenAI(base_url=stub.base_url, api_key="test", max_retries=0, timeout=2)
        assert [m.id for m in client.models.list()] == ["stub-model"]
        with urllib.request.urlopen(f"{stub.base_url}/models", timeout=2) as response:
            assert json.load(response)["object"] == "list"
