"""Request bodies of the HTTP API (pydantic models: they also document the API at /docs)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

OFFLINE_MODEL = "report-assistant"
LLM_MODEL = "report-assistant-llm"


class Filters(BaseModel):
    """Scope of a question; short names resolve ("青山" → 青山县). Unset = any."""

    county: str | None = Field(default=None, examples=["青山县"])
    department: str | None = Field(default=None, examples=["农业农村局"])
    year: int | None = Field(default=None, ge=1900, le=2200, examples=[2023])


class ChatMessage(BaseModel):
    """One OpenAI chat message; ``content`` may be a string or a list of text parts."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(
                str(part.get("text", "")) for part in self.content if part.get("type") == "text"
            )
        return self.content or ""


class ChatRequest(BaseModel):
    """`POST /v1/chat/completions` in the OpenAI wire format (other OpenAI fields are accepted
    and ignored: temperature, max_tokens …). ``filters`` is this API's own optional field."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(examples=[OFFLINE_MODEL])
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    filters: Filters | None = None


class AskRequest(BaseModel):
    """`POST /api/ask`: one question, the earlier questions of the conversation, filters."""

    question: str = Field(examples=["2023年三公经费花了多少？"])
    history: list[str] = Field(
        default_factory=list, description="Earlier questions of this conversation, oldest first."
    )
    filters: Filters | None = None
    mode: Literal["auto", "offline"] = Field(
        default="auto", description="'offline' never calls the configured language model."
    )
