"""The ONNX Runtime embedding backend: exported from the shipped model, int8, close to torch."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

TEXTS = [
    "2023年“三公”经费决算43210.00元，全部为公务接待费。",
    "全年建设高标准农田0.8万亩，培训高素质农民320人。",
    "在职人员58人，编制人数88人。",
    "部门整体支出绩效自评得分97分。",
]


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def int8(onnx_cache: Path):
    from index.embeddings import load_embeddings

    return load_embeddings("m3e-small", backend="onnx-int8", cache_dir=onnx_cache)


@pytest.mark.slow
def test_int8_export_is_cached_and_close_to_torch(int8, embeddings, onnx_cache: Path) -> None:
    from index.onnx_embeddings import OnnxEmbeddings

    assert isinstance(int8, OnnxEmbeddings)
    assert int8.onnx_path.name == "model-int8.onnx"
    assert int8.onnx_path.is_relative_to(onnx_cache)
    fast = np.asarray(int8.embed_documents(TEXTS))
    slow = np.asarray(embeddings.embed_documents(TEXTS))
    assert fast.shape == slow.shape == (len(TEXTS), 512)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-4)
    assert (fast * slow).sum(axis=1).min() > 0.97  # same vectors up to quantisation error
    # the same passage wins for a query under both backends
    q_fast = np.asarray(int8.embed_query("三公经费花了多少"))
    q_slow = np.asarray(embeddings.embed_query("三公经费花了多少"))
    assert int(np.argmax(fast @ q_fast)) == int(np.argmax(slow @ q_slow)) == 0


@pytest.mark.slow
def test_second_load_reuses_the_cached_file(int8, onnx_cache: Path) -> None:
    from index.embeddings import load_embeddings

    before = int8.onnx_path.stat().st_mtime_ns
    again = load_embeddings("m3e-small", backend="onnx-int8", cache_dir=onnx_cache)
    assert again.onnx_path == int8.onnx_path
    assert again.onnx_path.stat().st_mtime_ns == before
    # a text's vector barely depends on its batch-mates (int8 activation ranges are per batch)
    one = np.asarray(again.embed_documents(TEXTS[:1]))[0]
    mixed = np.asarray(again.embed_documents([*TEXTS[1:], TEXTS[0]]))[-1]
    assert float(one @ mixed) > 0.99


@pytest.mark.slow
def test_failed_export_falls_back_to_torch_with_a_message(tmp_path: Path, caplog) -> None:
    from index.embeddings import load_embeddings
    from index.onnx_embeddings import OnnxEmbeddings

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="index.embeddings"):
        model = load_embeddings("m3e-small", backend="onnx-int8", cache_dir=blocked)
    assert not isinstance(model, OnnxEmbeddings)
    assert len(model.embed_query("三公经费")) == 512
    assert "falling back to torch" in caplog.text


def test_unknown_backend_is_one_clear_error() -> None:
    from index.embeddings import load_embeddings

    with pytest.raises(ValueError, match="onnx-int8"):
        load_embeddings("m3e-small", backend="tensorrt")


@pytest.mark.slow
def test_batches_run_in_parallel_give_the_serial_vectors_in_order(int8) -> None:
    """Worker threads share one session; each text's vector lands in its own row."""
    from index.embeddings import resolve_model
    from index.onnx_embeddings import OnnxEmbeddings

    model_dir = Path(resolve_model("m3e-small"))
    serial = OnnxEmbeddings(model_dir, int8.onnx_path, workers=1)
    parallel = OnnxEmbeddings(model_dir, int8.onnx_path, workers=3)
    texts = [f"{t}（第{i}份）" for i in range(5) for t in TEXTS]
    a = np.asarray(serial.embed_documents(texts))
    b = np.asarray(parallel.embed_documents(texts))
    assert a.shape == b.shape == (len(texts), 512)
    assert np.allclose(a, b, atol=1e-5)
    # row i is text i: each vector is closest to a fresh embedding of its own text
    probe = np.asarray(parallel.embed_documents([texts[7], texts[12]]))
    assert list((probe @ b.T).argmax(axis=1)) == [7, 12]
