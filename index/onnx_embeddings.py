"""The embedding model through ONNX Runtime, optionally with dynamic int8 quantisation.

The ONNX file is exported once from the locally installed sentence-transformers folder (a BERT
encoder with mean pooling, such as m3e-small) with ``torch.onnx`` and quantised with
``onnxruntime.quantization``; it is cached under the data dir, keyed by the weights, so a second
process (or a second run) loads it in well under a second. Tokenisation uses the folder's
``tokenizer.json`` (the same fast tokenizer transformers uses), pooling and L2 normalisation are
done in numpy, so vectors match the torch path to within quantisation error.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import ReportAssistantError

_LOG = logging.getLogger(__name__)
EXPORT_VERSION = 1
"""Bump when the export recipe changes so cached files are rebuilt."""


class OnnxExportError(ReportAssistantError):
    """The model could not be exported to (or loaded from) ONNX."""


def _fingerprint(model_dir: Path) -> str:
    """Identify the weights cheaply: config, tokenizer and the weight files' size and head."""
    digest = hashlib.sha256(f"v{EXPORT_VERSION}".encode())
    for name in ("config.json", "tokenizer.json"):
        path = model_dir / name
        if path.exists():
            digest.update(path.read_bytes())
    for path in sorted(model_dir.glob("*.bin")) + sorted(model_dir.glob("*.safetensors")):
        with path.open("rb") as handle:
            digest.update(f"{path.name}:{path.stat().st_size}".encode())
            digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """One exporter at a time across processes (two helpers, the UI and the CLI …)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_onnx_model(model_dir: Path, cache_dir: Path, quantize: bool) -> Path:
    """The cached ONNX file for ``model_dir`` (exported and quantised now if missing)."""
    folder = cache_dir / f"{model_dir.name}-{_fingerprint(model_dir)}"
    target = folder / ("model-int8.onnx" if quantize else "model.onnx")
    if target.exists():
        return target
    with _locked(folder / ".lock"):
        if target.exists():  # another process finished it while we waited
            return target
        _LOG.info("首次使用：导出 ONNX 模型到 %s / exporting the model to ONNX (once)", folder)
        try:
            _build_in_child(model_dir, folder, quantize)
        except OnnxExportError:
            raise
        except Exception as exc:
            raise OnnxExportError(
                f"无法导出 ONNX 模型 / cannot export {model_dir.name} to ONNX: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        (folder / "source.json").write_text(
            json.dumps({"model": str(model_dir), "version": EXPORT_VERSION}), encoding="utf-8"
        )
    return target


def _build_in_child(model_dir: Path, folder: Path, quantize: bool) -> None:
    """Export (and quantise) in a child process: torch, the fp32 model and the quantiser's
    logging never touch this process, whose memory and stderr stay as they were."""
    package_root = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    args = [sys.executable, "-m", "index.onnx_embeddings", str(model_dir), str(folder)]
    done = subprocess.run(
        [*args, *(["--int8"] if quantize else [])],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=1800,
    )
    target = folder / ("model-int8.onnx" if quantize else "model.onnx")
    if done.returncode != 0 or not target.exists():
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise OnnxExportError(
            f"无法导出 ONNX 模型 / cannot export {model_dir.name} to ONNX: {last[0]}"
        )


def _build(model_dir: Path, folder: Path, quantize: bool) -> None:
    """The child's work: fp32 export unless cached, then int8 when asked."""
    folder.mkdir(parents=True, exist_ok=True)
    fp32 = folder / "model.onnx"
    if not fp32.exists():
        _export(model_dir, fp32)
    if quantize:
        _quantize(fp32, folder / "model-int8.onnx")


def _export(model_dir: Path, target: Path) -> None:
    """torch → ONNX (opset 17, dynamic batch and sequence), written atomically."""
    import torch
    from transformers import AutoModel

    class Encoder(torch.nn.Module):
        """Keyword call and a plain tensor out, whatever transformers' forward signature."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            )
            return out[0]

    model = Encoder().eval()
    sample = torch.ones((2, 8), dtype=torch.long)
    partial = target.with_suffix(".partial")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shapes held constant
        torch.onnx.export(
            model,
            (sample, sample, torch.zeros_like(sample)),
            str(partial),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "token_type_ids": {0: "batch", 1: "sequence"},
                "last_hidden_state": {0: "batch", 1: "sequence"},
            },
            opset_version=17,
            dynamo=False,
        )
    os.replace(partial, target)


def _quantize(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the weights (activations quantised per batch at run time)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    partial = target.with_suffix(".partial")
    logging.disable(logging.WARNING)  # "consider pre-processing" advice on the root logger
    try:
        quantize_dynamic(str(source), str(partial), weight_type=QuantType.QInt8)
    finally:
        logging.disable(logging.NOTSET)
    os.replace(partial, target)


class OnnxEmbeddings(Embeddings):
    """Mean-pooled, L2-normalised sentence vectors from an ONNX BERT encoder."""

    def __init__(
        self,
        model_dir: Path,
        onnx_path: Path,
        batch_size: int = 1,
        max_length: int = 512,
        workers: int | None = None,
        max_batch_tokens: int = 4096,
    ) -> None:
        """One single-threaded ONNX session run by ``workers`` threads (default: the CPU count,
        at most 4), each on its own small batch. On this CPU model that is the fastest layout:
        int8 kernels on one text at a time cost ~20 ms of CPU per chunk against ~45 ms in
        batches of 32 over two intra-op threads (``bench/embed_bench.py`` prints both)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.onnx_path = onnx_path
        self._batch_size = max(1, batch_size)
        self._max_tokens = max_batch_tokens
        self._workers = max(1, workers or min(4, os.cpu_count() or 1))
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length)
        self._tokenizer.no_padding()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # shapes change with every batch: an arena would keep the largest ones forever
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        # parallel across batches (run() releases the GIL), not inside one: no spinning threads
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        if not texts:
            return []
        encoded = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: -len(encoded[i].ids))
        batches = list(self._batches(order, [len(e.ids) for e in encoded]))
        runs = [[encoded[i] for i in batch] for batch in batches]
        if len(runs) > 1 and self._workers > 1:
            results = list(self._executor().map(self._run, runs))
        else:
            results = [self._run(run) for run in runs]
        rows: dict[int, Any] = {}
        for batch, vectors in zip(batches, results, strict=True):
            for i, vector in zip(batch, vectors, strict=True):
                rows[i] = vector
        out = np.stack([rows[i] for i in range(len(texts))])
        return out.tolist()

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="embed")
            return self._pool

    def _batches(self, order: list[int], lengths: list[int]) -> Iterator[list[int]]:
        """Longest first; a batch stops at ``batch_size`` texts or ``max_batch_tokens`` padded
        tokens, which bounds the attention tensors (batch × heads × length²) and so memory."""
        batch: list[int] = []
        for i in order:
            width = lengths[batch[0]] if batch else lengths[i]
            if batch and (
                len(batch) >= self._batch_size or (len(batch) + 1) * width > self._max_tokens
            ):
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _run(self, encodings: list[Any]) -> Any:
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n] = enc.ids
            mask[row, :n] = enc.attention_mask
            types[row, :n] = enc.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (hidden,) = self._session.run(
            ["last_hidden_state"], {k: v for k, v in feeds.items() if k in self._inputs}
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


if __name__ == "__main__":  # the child: python -m index.onnx_embeddings MODEL_DIR FOLDER [--int8]
    _build(Path(sys.argv[1]), Path(sys.argv[2]), "--int8" in sys.argv[3:])
