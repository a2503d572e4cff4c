"""Story clustering: which reports tell the same story. Plain functions over a batch.

One batch is clustered in three steps, the same whether it is the first batch of a store, the
hundredth, or a whole file given to ``wirewatch cluster``:

1. **Vectors.** Each report's features (:mod:`wirewatch.storyfeatures`: words, word pairs, names,
   coded actors) are hashed into a fixed space of ``2**21`` columns, weighted by ``1 + log tf``,
   by kind (names weigh more) and by rarity (IDF over every report clustered so far plus this
   batch), and scaled to unit length. The hashed space needs no vocabulary, so a story's centroid
   stays valid forever and the document frequencies fit in one array.
2. **Average-linkage agglomeration** of the batch at ``story_link_threshold``: two groups merge
   while the mean cosine between their reports is at least the threshold. Reports published more
   than ``story_window_days`` apart never link. The work is split into the connected components of
   the graph of pairs above the threshold, which is exact (average linkage can only merge groups
   joined by at least one such pair) and keeps memory proportional to the largest component.
3. **Centroid refinement** against the batch's groups *and the stored stories*: a whole new group
   joins the stored story whose centroid it matches at ``story_join_threshold``; then each new
   report moves to the centroid (its own group's taken without it) it matches best, if that is at
   least ``story_attach_threshold``, for a few synchronous rounds. This is what lets a report of
   yesterday's story join it today, and it repairs average linkage's habit of leaving a few
   reports of a large story alone.

Stored stories never lose members and their ids never change: a batch only adds reports to them or
opens new ones. The result depends on the *set* of reports in a batch, not their order: inputs are
sorted by id first and every step is deterministic (moves are decided for all reports at once).
"""

from __future__ import annotations

import logging
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from .settings import Settings
from .storyfeatures import feature_list

__all__ = [
    "N_BUCKETS",
    "StoryInput",
    "StoryCentroid",
    "TermStats",
    "ClusterParams",
    "BatchResult",
    "bucket",
    "assign_batch",
    "cluster_texts",
]

log = logging.getLogger(__name__)

N_BUCKETS = 1 << 21
"""Columns of the hashed feature space. 2M keeps collisions among the few hundred thousand
distinct words, pairs and names of a large corpus rare, and the document-frequency array at 8 MB."""

_ROW_CHUNK = 1024
_DENSE_MAX = 6000
"""Batches up to this many reports cluster from a dense similarity matrix (288 MB at 6000)."""
# Lengths (distinct content words) outside this range are treated as its ends, so a three-word
# headline is not scaled up without limit and a long feature article not down to nothing.
_MIN_WORDS = 12.0
_MAX_WORDS = 600.0  # rows per block when a similarity matrix would otherwise be dense and large
_EPS = 1e-12
_MIN_DOCS_FOR_MAX_DF = 50  # below this a document frequency says little about a word

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class StoryInput:
    """One report to cluster: a canonical snippet (or a line of ``wirewatch cluster`` input)."""

    id: int | str
    text: str
    published: datetime | None = None
    actors: tuple[str, ...] = ()


@dataclass
class StoryCentroid:
    """A stored story as the clusterer sees it: the sum of its reports' unit term vectors
    (``buckets`` -> ``weights``, unweighted by IDF so it stays valid as IDF drifts), its size and
    its time span (days since the epoch, ``nan`` when no report of it had a publication time)."""

    id: int
    buckets: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float64]
    size: int
    first: float = math.nan
    last: float = math.nan
    words: float = 0.0
    """Mean number of distinct content words of its reports (for the length adjustment)."""


@dataclass
class TermStats:
    """Document frequencies per bucket and the number of documents they count."""

    df: npt.NDArray[np.uint32] = field(default_factory=lambda: np.zeros(N_BUCKETS, dtype=np.uint32))
    n_docs: int = 0

    def idf(self) -> FloatArray:
        # Smoothed IDF as in scikit-learn (log((1+N)/(1+df)) + 1): never zero, so a word every
        # report shares still counts a little.
        return np.log((1.0 + self.n_docs) / (1.0 + self.df.astype(np.float64))) + 1.0

    def idf_of(self, cols: npt.NDArray[np.int64]) -> FloatArray:
        return np.log((1.0 + self.n_docs) / (1.0 + self.df[cols].astype(np.float64))) + 1.0

    def add(self, rows: sp.csr_matrix) -> None:
        # Each row's columns are unique, so how often a column occurs is its document frequency.
        cols, counts = np.unique(rows.indices, return_counts=True)
        self.df[cols] += counts.astype(np.uint32)
        self.n_docs += rows.shape[0]


@dataclass(frozen=True)
class ClusterParams:
    link_threshold: float
    attach_threshold: float
    join_threshold: float
    window_days: float
    name_weight: float
    pair_weight: float
    length_exponent: float = 0.0
    reference_words: float = 150.0
    refine_rounds: int = 5
    boost_names: bool = True
    """Whether the length adjustment also lifts the name share of a report's fit to a centroid
    (the attach step). Off, a short report is lifted for the words it shares, not for its names,
    so one shared actor name no longer pulls short reports into a story: bench/stories.py B3 F1
    against the generated events 0.12 -> 0.42 (100k; 20k: 0.32 -> 0.66); ECB+ one-shot 0.9125 ->
    0.9117, 10 batches 0.8632 -> 0.8637, sample corpus 0.779 -> 0.777. Still on by default: with
    13x more stories open, bench/stories.py slows by 40% (2,590 -> 1,594 snippets/s; the attach
    step compares each report with every open story), and in the seed batches a
    gallium report then lands in the Xi-Putin call story (tests/test_seeds_stories.py)."""
    min_plain: float = 0.0
    """A group joining a stored story (step 3a) and a report moving to a story (the attach step)
    need at least this much of their length-adjusted fit from the reports' own words and pairs
    (the non-name part, as for ``boost_names``); 0 turns the check off. Unlike ``boost_names`` off
    it leaves names lifted, so short reports that share several actors and a few words still
    group (the seed checks pass at 0.03 and 0.05). Measured at 0.03 / 0.05: bench/stories.py B3 F1
    against the generated events 0.121 -> 0.489 (100k) and 0.316 -> 0.637 / 0.722 (20k); ECB+
    one-shot 0.9125 -> 0.9116 / 0.9071, 10 batches (mean of five orders) 0.874 -> 0.872 / 0.865.
    Off by default: the ~14x more stories it leaves open slow bench/stories.py from 2,385 to
    1,474 snippets/s (100k, 788 MB), below its 2,000 target."""
    max_df: float = 0.5
    """Features in more than this share of the reports seen so far are dropped (IDF 0): they barely
    move a cosine but make every similarity product dense (ECB+ one-shot and 10 batches: no change
    at 0.5 or 0.2; the sample corpus loses 0.02 B3 F1 at 0.2; bench/stories.py 1.3x faster at 0.2)."""

    def length_factor(self, words: FloatArray) -> FloatArray:
        """Per report (or story) factor f; a pair's cosine is compared as ``cos * f_a * f_b``.

        Related short reports share fewer of their words than related long ones, so raw cosines
        of two snippets run far lower than of two articles (ECB+ leads of ~30 words cluster best
        near 0.13, whole ECB+ articles near 0.28). Scaling by ``(reference / words) ** (exponent
        / 2)`` per side makes one threshold fit both: it is the threshold for reports of
        ``reference_words`` distinct content words and grows or shrinks with length."""
        clipped = np.clip(words, _MIN_WORDS, _MAX_WORDS)
        return (self.reference_words / clipped) ** (self.length_exponent / 2.0)

    @classmethod
    def from_settings(cls, settings: Settings) -> ClusterParams:
        return cls(
            link_threshold=settings.story_link_threshold,
            attach_threshold=settings.story_attach_threshold,
            join_threshold=settings.story_join_threshold,
            window_days=settings.story_window_days,
            name_weight=settings.story_name_weight,
            pair_weight=settings.story_pair_weight,
            length_exponent=settings.story_length_exponent,
            reference_words=settings.story_reference_words,
        )


@dataclass
class BatchResult:
    """Where each input went. ``story_of[id]`` is a stored story's id (``joined``) or a new story's
    index ``k`` (``-1 - k`` would be confusing, so new stories are listed in ``new_stories``: a list
    of member-id lists, ordered by their smallest member id)."""

    joined: dict[int | str, int]
    new_stories: list[list[int | str]]
    unit_rows: sp.csr_matrix
    """The inputs' unit term vectors (sorted by id), for the caller to add to centroids."""
    words: FloatArray
    """The inputs' distinct content words, in the same order."""
    order: list[int | str]
    """Input ids in the row order of ``unit_rows``."""


@lru_cache(maxsize=1 << 20)
def bucket(feature: str) -> int:
    """Stable column of a feature (CRC-32, not ``hash()``, which changes between processes)."""
    return zlib.crc32(feature.encode("utf-8")) & (N_BUCKETS - 1)


class _Vocabulary(dict[str, int]):
    """Feature string -> a running id, with each id's column and kind in arrays, so a batch's
    features become ids in one C-level ``map`` and are counted and weighted with numpy (no
    per-feature Python work beyond the lookup). Shared by every batch of the process; cleared when
    it grows past ``limit`` (endless streams of new words)."""

    KINDS = "wbna"

    def __init__(self, limit: int = 4_000_000) -> None:
        super().__init__()
        self.limit = limit
        self.new: list[str] = []
        self.strings: list[str] = []
        self.cols = np.zeros(0, dtype=np.int64)
        self.kinds = np.zeros(0, dtype=np.int8)

    def __missing__(self, feature: str) -> int:
        ident = self[feature] = len(self)
        self.new.append(feature)
        self.strings.append(feature)
        return ident

    def ids(self, feats: list[str]) -> IntArray:
        if len(self) + len(feats) > self.limit:
            self.clear()
            self.new = []
            self.strings = []
            self.cols = self.cols[:0]
            self.kinds = self.kinds[:0]
        out = np.fromiter(map(self.__getitem__, feats), dtype=np.int64, count=len(feats))
        if self.new:
            kind = {k: i for i, k in enumerate(self.KINDS)}
            self.cols = np.concatenate([self.cols, np.fromiter(
                (zlib.crc32(f.encode("utf-8")) & (N_BUCKETS - 1) for f in self.new), dtype=np.int64)])
            self.kinds = np.concatenate([self.kinds, np.fromiter(
                (kind.get(f[0], 0) for f in self.new), dtype=np.int8)])
            self.new = []
        return out


_VOCABULARY = _Vocabulary()


def _unit_rows(items: Sequence[StoryInput], params: ClusterParams, *, plain: bool = False
               ) -> tuple[sp.csr_matrix, FloatArray, sp.csr_matrix]:
    """Rows of ``(1 + log tf) * kind weight``, each scaled to unit length (no IDF yet), each
    report's number of distinct content words, and (with ``plain``; else an empty matrix) the rows'
    non-name part, at the same scale: words and pairs not made of the report's names
    (:func:`_name_parts`). (The hot loop of clustering: one list of feature
    strings for the whole batch, mapped to ids at C speed and counted with numpy; two features
    hashing to one column simply add up.)"""
    pairs = params.pair_weight > 0
    feats: list[str] = []
    lengths = np.zeros(len(items), dtype=np.int64)
    for row, item in enumerate(items):
        before = len(feats)
        feats.extend(feature_list(item.text, item.actors, pairs=pairs))
        lengths[row] = len(feats) - before
    vocab = _VOCABULARY
    ids = vocab.ids(feats)
    rows = np.repeat(np.arange(len(items), dtype=np.int64), lengths)
    # Count each (report, feature) with one sort: the key orders by report, then feature id.
    keys, counts = np.unique(rows * max(len(vocab), 1) + ids, return_counts=True)
    row_of, id_of = np.divmod(keys, max(len(vocab), 1))
    kind = vocab.kinds[id_of]
    kind_weight = np.array([1.0, params.pair_weight, params.name_weight, params.name_weight])
    data = (1.0 + np.log(counts)) * kind_weight[kind]
    words = np.bincount(row_of[kind == 0], minlength=len(items)).astype(np.float64)
    indptr = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=len(items)), out=indptr[1:])
    matrix = sp.csr_matrix((data, vocab.cols[id_of], indptr), shape=(len(items), N_BUCKETS))
    content = None
    if plain:  # (before sum_duplicates, which sorts ``data`` in place)
        own = ~_name_parts(vocab, keys, row_of, id_of, kind)
        content = sp.csr_matrix((data * own, vocab.cols[id_of], indptr), shape=(len(items), N_BUCKETS))
        content.sum_duplicates()
    matrix.sum_duplicates()
    scale = sp.diags(1.0 / _row_norms(matrix))
    if content is None:
        return sp.csr_matrix(scale @ matrix), words, sp.csr_matrix(matrix.shape, dtype=np.float64)
    return sp.csr_matrix(scale @ matrix), words, sp.csr_matrix(scale @ content)


def _name_parts(vocab: _Vocabulary, keys: IntArray, row_of: IntArray, id_of: IntArray,
                kind: npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    """Per (report, feature) entry: is it a name, an actor, or a word or pair made of one of the
    report's names ("w:kestrel" and "b:kestrel_federation" where "n:kestrel" is in the report)?
    What is left is the report's own vocabulary, the evidence that is not just who it names."""
    out = kind >= 2
    idx = np.flatnonzero(~out)
    uniq, inverse = np.unique(id_of[idx], return_inverse=True)
    twin_a = np.full(len(uniq), -1, dtype=np.int64)
    twin_b = np.full(len(uniq), -1, dtype=np.int64)
    strings = vocab.strings
    for j, ident in enumerate(uniq.tolist()):
        feature = strings[ident]
        if feature[0] == "w":
            twin_a[j] = vocab.get("n:" + feature[2:], -1)
        else:  # "b:first_second" (words never hold "_")
            first, _, second = feature[2:].partition("_")
            twin_a[j] = vocab.get("n:" + first, -1)
            twin_b[j] = vocab.get("n:" + second, -1)
    width = max(len(vocab), 1)
    rows = row_of[idx]
    for twin in (twin_a[inverse], twin_b[inverse]):
        probe = rows * width + twin
        at = np.minimum(np.searchsorted(keys, probe), len(keys) - 1)
        out[idx] |= (twin >= 0) & (keys[at] == probe)
    return out


def _row_norms(rows: sp.csr_matrix) -> FloatArray:
    norms: FloatArray = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1), dtype=np.float64).ravel())
    norms[norms < _EPS] = 1.0
    return norms


def _days(when: datetime | None) -> float:
    if when is None:
        return math.nan
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp() / 86400.0


def _agglomerate(x: sp.csr_matrix, times: FloatArray, params: ClusterParams) -> IntArray:
    """Average-linkage groups at the link threshold, per connected component. Returns labels.

    A batch of up to ``_DENSE_MAX`` reports keeps its similarity matrix dense: the threshold graph
    and every component's linkage then read one product instead of multiplying each component again
    (when one event kind dominates a batch, one component holds nearly all of it)."""
    n = x.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    t = params.link_threshold
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    xt = x.T.tocsc()
    dense = np.empty((n, n), dtype=np.float64) if n <= _DENSE_MAX else None
    for start in range(0, n, _ROW_CHUNK):
        product = x[start : start + _ROW_CHUNK] @ xt
        if dense is not None:
            block = dense[start : start + _ROW_CHUNK]
            product.toarray(out=block)
            r, c = np.nonzero(block >= t)
        else:
            coo = product.tocoo()
            keep = coo.data >= t
            r, c = coo.row[keep], coo.col[keep]
        r = r + start
        ok = _pair_within(times[r], times[c], params.window_days)
        rows.append(r[ok])
        cols.append(c[ok])
    r_all = np.concatenate(rows)
    c_all = np.concatenate(cols)
    graph = sp.coo_matrix((np.ones(len(r_all)), (r_all, c_all)), shape=(n, n))
    n_comp, comp = connected_components(graph, directed=False)
    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    for members in np.split(order, bounds):
        members = np.sort(members)
        if len(members) <= 2:
            # One report, or two joined by an edge: their cosine is above the threshold already.
            labels[members] = next_label
            next_label += 1
            continue
        if dense is None:
            sim = (x[members] @ x[members].T).toarray()
        elif len(members) == n:
            sim = dense  # the whole batch: the matrix's last use, so work in place
        else:
            sim = dense[np.ix_(members, members)]
        tree = linkage(_condensed_distances(sim, times[members], params.window_days), method="average")
        # fcluster with criterion="distance" merges while the linkage distance <= 1 - t.
        sub_labels = fcluster(tree, t=1.0 - t, criterion="distance")
        # Relabel in order of first appearance, so labels follow the (sorted) input order.
        seen: dict[int, int] = {}
        for i, lab in zip(members, sub_labels):
            if lab not in seen:
                seen[lab] = next_label
                next_label += 1
            labels[i] = seen[lab]
    return _first_appearance(labels)


def _condensed_distances(sim: FloatArray, times: FloatArray, window: float) -> FloatArray:
    """Cosine distances (``sim`` is overwritten) for :func:`scipy.cluster.hierarchy.linkage`;
    pairs published more than ``window`` days apart are at distance 1 (similarity 0)."""
    np.subtract(1.0, sim, out=sim)
    np.maximum(sim, 0.0, out=sim)
    known = times[~np.isnan(times)]
    if len(known) and known.max() - known.min() > window:  # else no pair is too far apart
        # float32 offsets from the earliest report: half the memory traffic, exact to a second.
        offset = (times - known.min()).astype(np.float32)
        gap = np.subtract.outer(offset, offset)
        np.abs(gap, out=gap)
        np.copyto(sim, 1.0, where=gap > window)  # nan compares False: unknown times never block
    np.fill_diagonal(sim, 0.0)
    return np.asarray(squareform(sim, checks=False), dtype=np.float64)


def _pair_within(a: FloatArray, b: FloatArray, window: float) -> npt.NDArray[np.bool_]:
    return ~(np.abs(a - b) > window)


def _first_appearance(labels: IntArray) -> IntArray:
    """Relabel so label k is the k-th distinct label met in row order."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]


def _sum_rows(unit: sp.csr_matrix, labels: IntArray, k: int) -> sp.csr_matrix:
    n = unit.shape[0]
    member = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
    return sp.csr_matrix(member @ unit)


def _span(times: FloatArray, labels: IntArray, k: int) -> tuple[FloatArray, FloatArray]:
    lo = np.full(k, np.inf)
    hi = np.full(k, -np.inf)
    dated = ~np.isnan(times)
    np.minimum.at(lo, labels[dated], times[dated])
    np.maximum.at(hi, labels[dated], times[dated])
    lo[np.isinf(lo)] = np.nan
    hi[np.isinf(hi)] = np.nan
    return lo, hi


def _fits_span(t: FloatArray, lo: FloatArray, hi: FloatArray, window: float) -> npt.NDArray[np.bool_]:
    """Pairwise (reports x groups): can a report at time t join a group spanning [lo, hi]?"""
    early = (lo[None, :] - t[:, None]) > window
    late = (t[:, None] - hi[None, :]) > window
    return ~(early | late)  # nan (unknown time or undated group) never blocks


def _pair_fits(t: FloatArray, lo: FloatArray, hi: FloatArray, window: float) -> npt.NDArray[np.bool_]:
    """Elementwise :func:`_fits_span`: can a report at ``t`` join a story spanning [lo, hi]?"""
    return ~(((lo - t) > window) | ((t - hi) > window))


def _stored_matrix(stories: Sequence[StoryCentroid]) -> sp.csr_matrix:
    if not stories:
        return sp.csr_matrix((0, N_BUCKETS), dtype=np.float64)
    indptr = np.zeros(len(stories) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(s.buckets) for s in stories])
    indices = np.concatenate([s.buckets for s in stories]).astype(np.int64)
    data = np.concatenate([s.weights for s in stories]).astype(np.float64)
    m = sp.csr_matrix((data, indices, indptr), shape=(len(stories), N_BUCKETS))
    m.sum_duplicates()
    return m


def assign_batch(
    items: Sequence[StoryInput],
    stories: Sequence[StoryCentroid],
    stats: TermStats,
    params: ClusterParams,
) -> BatchResult:
    """Cluster one batch of reports against the stored ``stories``. ``stats`` is updated with the
    batch's document frequencies (the caller persists it)."""
    items = sorted(items, key=lambda it: (str(type(it.id)), it.id))  # set semantics: order-free
    order = [it.id for it in items]
    n = len(items)
    unit_full, words, plain_full = _unit_rows(items, params, plain=not params.boost_names or params.min_plain > 0)
    stats.add(unit_full)
    if n == 0:
        return BatchResult({}, [], unit_full, words, order)
    # Work in the columns this batch and these stories use, not all 2M: far less to multiply.
    used = np.unique(np.concatenate([unit_full.indices.astype(np.int64)]
                                    + [st.buckets for st in stories]))
    unit = _compact(unit_full, used)
    w = sp.diags(_feature_weights(stats, used, params))
    weighted = sp.csr_matrix(unit @ w)
    item_norm = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    item_norm[item_norm < _EPS] = 1.0
    x = sp.csr_matrix(sp.diags(1.0 / item_norm) @ weighted)
    x_plain = sp.csr_matrix(sp.diags(1.0 / item_norm) @ _compact(plain_full, used) @ w)
    times = np.array([_days(it.published) for it in items], dtype=np.float64)
    factor = params.length_factor(words)

    labels = _agglomerate(sp.csr_matrix(sp.diags(factor) @ x), times, params)
    k_new = int(labels.max()) + 1

    # Columns 0..s-1 are stored stories, s.. the batch's groups.
    s = len(stories)
    stored = sp.csr_matrix(_compact(_stored_matrix(stories), used) @ w)
    stored_lo = np.array([st.first for st in stories], dtype=np.float64)
    stored_hi = np.array([st.last for st in stories], dtype=np.float64)
    stored_norm = np.sqrt(np.asarray(stored.multiply(stored).sum(axis=1)).ravel())
    stored_words = np.array([st.words for st in stories], dtype=np.float64)

    group_of = labels + s  # every report's current column

    # Step 3a: whole new groups join the stored story their centroid matches best.
    if s:
        sums = sp.csr_matrix(_sum_rows(unit, labels, k_new) @ w)
        sums_norm = np.sqrt(np.asarray(sums.multiply(sums).sum(axis=1)).ravel())
        glo, ghi = _span(times, labels, k_new)
        group_factor = params.length_factor(
            np.bincount(labels, weights=words, minlength=k_new) / np.bincount(labels, minlength=k_new))
        story_factor = params.length_factor(stored_words)
        joins = 0
        prod = (sums @ stored.T).tocoo()  # sparse: only stories sharing a feature
        g, c = prod.row, prod.col
        sim = prod.data / np.maximum(sums_norm[g], _EPS) / np.maximum(stored_norm[c], _EPS)
        sim *= group_factor[g] * story_factor[c]
        # A group fits a story if both ends of its span are within the story's window.
        fits = _pair_fits(glo[g], stored_lo[c], stored_hi[c], params.window_days)
        fits &= _pair_fits(ghi[g], stored_lo[c], stored_hi[c], params.window_days)
        ok = fits & (sim >= params.join_threshold)
        if params.min_plain > 0 and ok.any():
            # The same floor on the share of the fit not made of names as in the attach step.
            # (``sums`` adds the reports' IDF-weighted unit rows, x_plain is scaled by 1/item_norm.)
            plain_sums = sp.csr_matrix(_sum_rows(sp.csr_matrix(sp.diags(item_norm) @ x_plain), labels, k_new))
            plain_dot = np.asarray(plain_sums[g[ok]].multiply(stored[c[ok]]).sum(axis=1)).ravel()
            ok[ok] = (plain_dot / np.maximum(stored_norm[c[ok]], _EPS) / np.maximum(sums_norm[g[ok]], _EPS)
                      * group_factor[g[ok]] * story_factor[c[ok]] >= params.min_plain)
        g, c, sim = g[ok], c[ok], sim[ok]
        pick = np.lexsort((c, -sim, g))
        g, c = g[pick], c[pick]
        first = np.ones(len(g), dtype=bool)
        first[1:] = g[1:] != g[:-1]
        best_of = np.full(k_new, -1, dtype=np.int64)
        best_of[g[first]] = c[first]
        joined_group = best_of[labels] >= 0
        group_of[joined_group] = best_of[labels[joined_group]]
        joins = int(first.sum())
        log.debug("%d new groups joined stored stories", joins)

    # Step 3b: synchronous centroid refinement of the batch's reports.
    group_of = _refine(unit, x, x_plain, item_norm, times, words, group_of, stored, stored_norm, stored_lo,
                       stored_hi, stored_words, np.array([st.size for st in stories], dtype=np.float64),
                       s, w, params)

    joined: dict[int | str, int] = {}
    new_groups: dict[int, list[int | str]] = {}
    for i, g in enumerate(group_of):
        if g < s:
            joined[order[i]] = stories[int(g)].id
        else:
            new_groups.setdefault(int(g), []).append(order[i])
    # Members are listed in sorted-id order, so the groups' first members order them.
    position = {ident: i for i, ident in enumerate(order)}
    new_stories = sorted(new_groups.values(), key=lambda members: position[members[0]])
    return BatchResult(joined, new_stories, unit_full, words, order)


def _feature_weights(stats: TermStats, cols: npt.NDArray[np.int64], params: ClusterParams) -> FloatArray:
    """IDF of each column, and 0 for columns in more than ``max_df`` of the reports seen so far
    (as scikit-learn's ``max_df``): words every story shares barely move a cosine, yet they make
    almost every pair of reports "similar", so every similarity product dense and slow."""
    idf = stats.idf_of(cols)
    if params.max_df < 1.0 and stats.n_docs >= _MIN_DOCS_FOR_MAX_DF:
        idf[stats.df[cols] > params.max_df * stats.n_docs] = 0.0
    return idf


def _compact(m: sp.csr_matrix, used: npt.NDArray[np.int64]) -> sp.csr_matrix:
    """The same rows over the columns ``used`` (sorted; every column of ``m`` is in it)."""
    out = sp.csr_matrix((m.data, np.searchsorted(used, m.indices), m.indptr), shape=(m.shape[0], len(used)))
    return out


def _refine(
    unit: sp.csr_matrix,
    x: sp.csr_matrix,
    x_plain: sp.csr_matrix,
    item_norm: FloatArray,
    times: FloatArray,
    words: FloatArray,
    group_of: IntArray,
    stored: sp.csr_matrix,
    stored_norm: FloatArray,
    stored_lo: FloatArray,
    stored_hi: FloatArray,
    stored_words: FloatArray,
    stored_size: FloatArray,
    s: int,
    w: sp.dia_matrix,
    params: ClusterParams,
) -> IntArray:
    """Move each report to the centroid it fits best (its own group's taken without it), if that
    reaches the attach threshold. All moves of a round are decided before any is made.

    A stored story that no report of the batch is in keeps one vector through all rounds, so the
    reports' fits to those (the bulk of the work when thousands of stories are open) are computed
    once, before the rounds, and only those at or above the attach threshold are kept."""
    n = unit.shape[0]
    group_of = group_of.copy()
    item_factor = params.length_factor(words)
    stored_factor = params.length_factor(stored_words)
    fixed_r, fixed_c, fixed_sim = _fits_to_stored(x, times, item_factor, stored, stored_norm, stored_lo,
                                                  stored_hi, stored_factor, params)
    for _round in range(params.refine_rounds):
        cols, local = np.unique(group_of, return_inverse=True)
        k = len(cols)
        batch_sums = sp.csr_matrix(_sum_rows(unit, local, k) @ w)  # the batch's share of each column
        sizes = np.bincount(local, minlength=k)
        is_stored = cols < s
        # Full centroid of each column = stored part (if a stored story) + batch part.
        stored_part = stored[cols[is_stored]] if is_stored.any() else None
        if stored_part is not None:
            full_rows = sp.vstack([
                stored_part + batch_sums[np.flatnonzero(is_stored)],
                batch_sums[np.flatnonzero(~is_stored)],
            ]).tocsr()
            perm = np.concatenate([np.flatnonzero(is_stored), np.flatnonzero(~is_stored)])
            inv = np.empty_like(perm)
            inv[perm] = np.arange(k)
            full = full_rows[inv]
        else:
            full = batch_sums
        full_norm = np.sqrt(np.asarray(full.multiply(full).sum(axis=1)).ravel())
        # Mean length of each column's reports, stored ones included.
        word_sum = np.bincount(local, weights=words, minlength=k).astype(np.float64)
        count = sizes.astype(np.float64)
        if is_stored.any():
            word_sum[is_stored] += stored_words[cols[is_stored]] * stored_size[cols[is_stored]]
            count[is_stored] += stored_size[cols[is_stored]]
        col_factor = params.length_factor(word_sum / np.maximum(count, 1.0))
        lo, hi = _span(times, local, k)
        if is_stored.any():
            lo[is_stored] = np.fmin(lo[is_stored], stored_lo[cols[is_stored]])
            hi[is_stored] = np.fmax(hi[is_stored], stored_hi[cols[is_stored]])
        # Stored stories no report of the batch is in yet are candidates too (fits computed once).
        untouched = np.ones(s, dtype=bool)
        untouched[cols[is_stored]] = False
        keep = untouched[fixed_c]
        other_r, other_c, other_sim = fixed_r[keep], fixed_c[keep], fixed_sim[keep]
        other_bounds = np.searchsorted(other_r, np.arange(0, n + _ROW_CHUNK, _ROW_CHUNK))
        full_t = full.T.tocsc()
        member_size = sizes + np.where(is_stored, 1, 0)  # a stored story never empties

        new_group = group_of.copy()
        for chunk, start in enumerate(range(0, n, _ROW_CHUNK)):
            stop = min(start + _ROW_CHUNK, n)
            # Sparse: only centroids sharing a feature with the report (a zero dot never attaches).
            prod = (x[start:stop] @ full_t).tocoo()  # x_i . centroid (unnormalised)
            r, c, dot = prod.row, prod.col, prod.data
            own = local[start:stop]
            is_own = c == own[r]
            own_dot = np.zeros(stop - start)
            own_dot[r[is_own]] = dot[is_own]
            a = item_norm[start:stop]
            # Own centroid without the report itself: (dot - |u_i w|) / |sum - u_i w|.
            rest_sq = full_norm[own] ** 2 - 2.0 * a * own_dot + a**2
            f_i = item_factor[start:stop]
            own_sim = np.where(member_size[own] > 1,
                               (own_dot - a) / np.sqrt(np.maximum(rest_sq, _EPS)), 0.0)
            own_sim *= f_i * col_factor[own]
            sims = dot / np.maximum(full_norm[c], _EPS) * f_i[r] * col_factor[c]
            t = times[start + r]
            fits = _pair_fits(t, lo[c], hi[c], params.window_days)
            ok = ~is_own & fits & (sims >= params.attach_threshold)
            # Candidates as group ids: this round's columns, then the untouched stored stories.
            lo_o, hi_o = other_bounds[chunk], other_bounds[chunk + 1]
            r = np.concatenate([r[ok], other_r[lo_o:hi_o] - start])
            g = np.concatenate([cols[c[ok]], other_c[lo_o:hi_o]])
            sims = np.concatenate([sims[ok], other_sim[lo_o:hi_o]])
            if not len(r):
                continue
            # Each row's best candidate (ties: the lowest group id).
            pick = np.lexsort((g, -sims, r))
            r, g, sims = r[pick], g[pick], sims[pick]
            first = np.ones(len(r), dtype=bool)
            first[1:] = r[1:] != r[:-1]
            r, g, sims = r[first], g[first], sims[first]
            move = sims > own_sim[r]
            if (not params.boost_names or params.min_plain > 0) and move.any():
                move &= _fits_without_name_boost(
                    x_plain[start:stop][r], g, sims, f_i[r], cols, full, full_norm, col_factor, stored,
                    stored_norm, stored_factor, params.attach_threshold, boost=params.boost_names,
                    min_plain=params.min_plain)
            new_group[start + r[move]] = g[move]
        moved = int(np.count_nonzero(new_group != group_of))
        group_of = new_group
        if not moved:
            break
    return group_of


def _fits_to_stored(x: sp.csr_matrix, times: FloatArray, item_factor: FloatArray, stored: sp.csr_matrix,
                    stored_norm: FloatArray, stored_lo: FloatArray, stored_hi: FloatArray,
                    stored_factor: FloatArray, params: ClusterParams) -> tuple[IntArray, IntArray, FloatArray]:
    """Every (report, stored story) fit at or above the attach threshold, inside the time window,
    with the stored story as stored: (report rows ascending, story indices, length-adjusted cosines)."""
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    sims: list[FloatArray] = []
    if stored.shape[0]:
        stored_t = stored.T.tocsc()
        for start in range(0, x.shape[0], _ROW_CHUNK):
            prod = (x[start : start + _ROW_CHUNK] @ stored_t).tocoo()
            r = prod.row.astype(np.int64) + start
            c = prod.col.astype(np.int64)
            sim = prod.data / np.maximum(stored_norm[c], _EPS) * item_factor[r] * stored_factor[c]
            ok = (sim >= params.attach_threshold) & _pair_fits(times[r], stored_lo[c], stored_hi[c],
                                                               params.window_days)
            order = np.argsort(r[ok], kind="stable")
            rows.append(r[ok][order])
            cols.append(c[ok][order])
            sims.append(sim[ok][order])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


def _fits_without_name_boost(plain_rows: sp.csr_matrix, g: IntArray, sims: FloatArray, f_i: FloatArray,
                             cols: IntArray, full: sp.csr_matrix, full_norm: FloatArray,
                             col_factor: FloatArray, stored: sp.csr_matrix, stored_norm: FloatArray,
                             stored_factor: FloatArray, threshold: float, *, boost: bool = False,
                             min_plain: float = 0.0) -> npt.NDArray[np.bool_]:
    """``ClusterParams.boost_names`` off: is each report's best fit (group ``g``, length-adjusted
    cosine ``sims``) still at the threshold with its name share left unscaled? The length
    adjustment is for words (related short reports share fewer of them); a short report names its
    actors as fully as a long one, so one shared actor name must not be lifted into a story.
    (With ``boost`` the names stay lifted and only ``min_plain`` is checked.)"""
    at = np.searchsorted(cols, g)
    in_round = (at < len(cols)) & (cols[np.minimum(at, len(cols) - 1)] == g)
    factor = col_factor[np.minimum(at, len(cols) - 1)]
    if len(stored_factor):
        factor = np.where(in_round, factor, stored_factor[np.minimum(g, len(stored_factor) - 1)])
    scale = f_i * factor
    raw = sims / scale
    out = np.ones(len(g), dtype=bool)
    # Only a lifted fit (scale > 1) that is below the threshold unlifted can change: otherwise
    # the name share counted at scale 1 still leaves it at or above the threshold.
    need = (scale > 1.0) & (raw < threshold) if not boost else np.zeros(len(g), dtype=bool)
    if min_plain > 0:
        need[:] = True
    for mask, matrix, index, norms in ((need & in_round, full, at, full_norm),
                                       (need & ~in_round, stored, g, stored_norm)):
        if mask.any():
            rows = index[mask]
            dots = np.asarray(plain_rows[np.flatnonzero(mask)].multiply(matrix[rows]).sum(axis=1)).ravel()
            plain = dots / np.maximum(norms[rows], _EPS)
            name_share = (raw[mask] - plain) * (scale[mask] if boost else 1.0)
            out[mask] = (plain * scale[mask] + name_share >= threshold) & (plain * scale[mask] >= min_plain)
    return out


def cluster_texts(items: Sequence[StoryInput], settings: Settings) -> dict[int | str, int]:
    """Stateless clustering of one set of reports (``wirewatch cluster``, evaluation): the same
    algorithm as a store's first batch. Returns id -> story number (0, 1, ... in order of each
    story's smallest id)."""
    result = assign_batch(items, [], TermStats(), ClusterParams.from_settings(settings))
    return {member: k for k, members in enumerate(result.new_stories) for member in members}


def add_to_centroid(
    centroid: StoryCentroid | None,
    story_id: int,
    rows: sp.csr_matrix,
    times: Sequence[float],
    words: Sequence[float],
    stats: TermStats,
    max_terms: int,
) -> StoryCentroid:
    """A story's centroid after adding ``rows`` (unit term vectors of its new reports), keeping the
    ``max_terms`` features heaviest after IDF (the rest of a big story's long tail barely moves a
    cosine, and bounds what is stored and compared)."""
    cols = rows.indices.astype(np.int64)
    weights = rows.data.astype(np.float64)
    if centroid is not None:
        cols = np.concatenate([cols, centroid.buckets])
        weights = np.concatenate([weights, centroid.weights])
    cols, inverse = np.unique(cols, return_inverse=True)
    weights = np.bincount(inverse, weights=weights, minlength=len(cols))
    if len(cols) > max_terms:
        keep = np.argsort(-(weights * stats.idf_of(cols)), kind="stable")[:max_terms]
        keep.sort()
        cols, weights = cols[keep], weights[keep]
    known = [t for t in times if not math.isnan(t)]
    first = centroid.first if centroid is not None else math.nan
    last = centroid.last if centroid is not None else math.nan
    if known:
        first = min(known) if math.isnan(first) else min(first, *known)
        last = max(known) if math.isnan(last) else max(last, *known)
    old_size = centroid.size if centroid is not None else 0
    size = old_size + rows.shape[0]
    word_total = (centroid.words * old_size if centroid is not None else 0.0) + float(np.sum(words))
    return StoryCentroid(story_id, cols.astype(np.int64), weights.astype(np.float64), size, first, last,
                         word_total / max(size, 1))


class IncrementalClusterer:
    """Story clustering state held in memory: document frequencies and story centroids.

    The store's ``cluster`` stage keeps the same state in SQLite (:mod:`wirewatch.story_store`);
    this class is for evaluation, benchmarks and notebooks. ``add`` returns report id -> story id;
    ids are 1, 2, ... in order of creation and never change."""

    def __init__(self, settings: Settings, *, max_terms: int | None = None) -> None:
        self.params = ClusterParams.from_settings(settings)
        self.max_terms = max_terms if max_terms is not None else settings.story_centroid_terms
        self.stats = TermStats()
        self.stories: dict[int, StoryCentroid] = {}
        self.next_id = 1

    def active(self, items: Sequence[StoryInput]) -> list[StoryCentroid]:
        """Stored stories that a report of ``items`` could join (time window), oldest first."""
        times = [_days(it.published) for it in items]
        known = [t for t in times if not math.isnan(t)]
        if not known or len(known) < len(times):
            return list(self.stories.values())
        lo, hi = min(known) - self.params.window_days, max(known) + self.params.window_days
        return [s for s in self.stories.values()
                if math.isnan(s.first) or (s.last >= lo and s.first <= hi)]

    def add(self, items: Sequence[StoryInput]) -> dict[int | str, int]:
        result = assign_batch(items, self.active(items), self.stats, self.params)
        story_of: dict[int | str, int] = dict(result.joined)
        for members in result.new_stories:
            for member in members:
                story_of[member] = self.next_id
            self.next_id += 1
        self.apply(result, story_of, items)
        return story_of

    def apply(self, result: BatchResult, story_of: dict[int | str, int],
              items: Sequence[StoryInput]) -> None:
        time_of = {it.id: _days(it.published) for it in items}
        rows_of: dict[int, list[int]] = {}
        for row, ident in enumerate(result.order):
            rows_of.setdefault(story_of[ident], []).append(row)
        for story_id, rows in rows_of.items():
            self.stories[story_id] = add_to_centroid(
                self.stories.get(story_id), story_id, result.unit_rows[rows],
                [time_of[result.order[r]] for r in rows], result.words[rows].tolist(), self.stats,
                self.max_terms)
