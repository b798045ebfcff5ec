"""Shared fixtures: isolated user data, the real embedding model loaded once, the shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SYNTHETIC = SHARED / "corpus" / "synthetic"
EXAMPLES = ROOT / "examples" / "reports"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """No test reads or writes the real user's data dir or settings."""
    home = tmp_path_factory.mktemp("home")
    for key in list(os.environ):
        if key.startswith("REPORT_ASSISTANT_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture(scope="session")
def embeddings():
    """The real default model (m3e-small), loaded once per test session."""
    from index.embeddings import load_embeddings

    return load_embeddings("m3e-small")


@pytest.fixture(scope="session")
def load_seed():
    """Read a seed report through the real loader and normaliser (skip when absent)."""
    from index.loaders import load_file
    from index.normalise import normalise

    def load(name: str):
        path = SEEDS / name
        if not path.exists():
            pytest.skip(f"seed report {name} is not available")
        return normalise(load_file(path))

    return load


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SEEDS.exists():
        pytest.skip("../shared corpus not present")
    return SHARED / "corpus"


CHROMA_SERVER_ENV = "TEST_CHROMA_SERVER"
"""host:port of a running `chroma run` server: the store tests then use it (see .ci/run)."""


@pytest.fixture(scope="session")
def chroma_settings():
    """Settings overrides for the chunk store: {} (embedded, on disk under the data dir), or
    with $TEST_CHROMA_SERVER set, that Chroma server and a fresh collection
    per call (tests share the server, never a collection)."""
    server = os.environ.get(CHROMA_SERVER_ENV, "").strip()
    counter = iter(range(10**6))

    def overrides() -> dict[str, object]:
        if not server:
            return {}
        host, _, port = server.rpartition(":")
        return {
            "chroma_host": host,
            "chroma_port": int(port),
            "collection": f"test_{os.getpid()}_{next(counter)}",
        }

    return overrides


@pytest.fixture
def make_service(tmp_path: Path, embeddings, chroma_settings):
    """Build a service over a fresh data dir in tmp_path, sharing the loaded model."""
    from assistant.factory import build_service
    from assistant.settings import load_settings

    def make(data_dir: Path | None = None, **overrides):
        overrides = {**chroma_settings(), **overrides}
        settings = load_settings(data_dir=data_dir or tmp_path / "data", **overrides)
        return build_service(settings, embeddings=embeddings)

    return make


FIXTURE_REPORTS = ROOT / "tests" / "fixtures" / "reports"


def index_folder(
    tmp_path_factory: pytest.TempPathFactory, embeddings, folder: Path, name: str, **overrides
):
    """A real service (Chroma + model) over a fresh data dir holding every report of
    ``folder``, each of which must be added (for module-scoped fixtures over fixture reports)."""
    from assistant.factory import build_service
    from assistant.settings import load_settings

    data_dir = tmp_path_factory.mktemp(name)
    service = build_service(load_settings(data_dir=data_dir, **overrides), embeddings=embeddings)
    outcomes = service.ingest([folder])
    assert {o.status for o in outcomes} == {"added"}, [o.message for o in outcomes]
    return service


@pytest.fixture(scope="module")
def qa_service(tmp_path_factory: pytest.TempPathFactory, embeddings, chroma_settings):
    """A real service (Chroma + model) over the invented fixture reports, built once a module."""
    return index_folder(
        tmp_path_factory, embeddings, FIXTURE_REPORTS, "qa-index", **chroma_settings()
    )


@pytest.fixture(scope="session")
def corpus_service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """One ingest of ../shared/corpus (seeds + synthetic) shared by the whole session."""
    if not SEEDS.exists():
        pytest.skip("../shared corpus not present")
    from assistant.factory import build_service
    from assistant.settings import load_settings

    data_dir = tmp_path_factory.mktemp("corpus-index")
    service = build_service(load_settings(data_dir=data_dir), embeddings=embeddings)
    outcomes = service.ingest([SEEDS, SYNTHETIC])
    assert {o.status for o in outcomes} == {"added"}, [o.message for o in outcomes]
    return service


def last_answer(service, turns: list[str]) -> str:
    """The offline answer to the last of ``turns`` asked in one conversation: not a refusal,
    and every money figure it shows backed by a cited passage."""
    from assistant.conversation import Conversation
    from evaluation.rules import unsupported_in

    conversation = Conversation()
    answer = None
    for turn in turns:
        answer = service.ask(turn, conversation, use_llm=False)
    assert answer is not None and not answer.refused, answer.answer if answer else None
    assert unsupported_in(answer.to_dict()) == []
    return answer.answer


def ask_offline(service, question: str, refused: bool = False):
    """The offline answer to ``question``, checked: refused exactly when expected, and every
    money figure it shows supported by its citations (the eval scorer's rule)."""
    from evaluation.rules import unsupported_in

    answer = service.ask(question, use_llm=False)
    assert answer.refused == refused, answer.answer
    assert unsupported_in(answer.to_dict(), answer.question) == []
    return answer
