"""Near-duplicate detection: character shingles, MinHash, LSH banding, exact verification.

The path from texts to duplicate pairs is vectorised end to end:

1. :func:`shingle_hashes` packs every character n-gram of every text (over the UTF-8 bytes of the
   lower-cased, punctuation-free text) into one flat ``uint64`` array with row offsets, in numpy.
2. ``rensa`` (a Rust MinHash) turns that buffer into a digest matrix and an LSH index over it, and
   tells which rows share a band with any other row. Most rows share none and cost nothing more.
3. Only the flagged rows are banded again here to name their candidate partners, and each candidate
   pair is verified by the *exact* Jaccard of the two shingle sets (or, for a snippet cut off with
   "...", the share of its shingles found in the other). Verification is what keeps precision high:
   MinHash only proposes.
4. Groups are the connected components of the verified pairs (union-find), so they do not depend on
   the order texts arrive in.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import rensa

from .ingest.normalise import is_truncated
from .settings import Settings

__all__ = ["DuplicatePair", "shingle_hashes", "near_duplicate_pairs", "UnionFind", "group_labels"]

log = logging.getLogger(__name__)

# An LSH bucket larger than this holds boilerplate shared by many snippets (a dateline, a stock
# phrase). Pairing all its members would be quadratic and they are rarely near-duplicates as a
# whole; each member still meets its real twins in its other bands.
_MAX_BUCKET = 64
# Candidates whose MinHash estimate is this far below the threshold are dropped without an exact
# check; a truncated snippet is checked from a lower floor since its Jaccard understates it.
_ESTIMATE_MARGIN = 0.2
_CHUNK = 16384  # rows or pairs per vectorised step: bounds temporaries to tens of MB
_TEXT_CHUNK = 20000  # texts shingled at once (~50 MB of shingle codes)
_TRUNCATION_FLOOR = 0.3
_MIX = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio multiplier: spreads packed n-grams over 64 bits


@dataclass(frozen=True)
class DuplicatePair:
    """Two rows whose texts are near-duplicates; ``similarity`` is the verified score."""

    a: int
    b: int
    similarity: float


# Bytes kept for shingling: ASCII letters and digits, every byte of a multi-byte UTF-8 character,
# and NUL (the separator between texts). Everything else (punctuation, spaces) becomes a space.
_SHINGLE_TABLE = bytes(
    b if (48 <= b <= 57 or 97 <= b <= 122 or b >= 128 or b == 0) else 32 for b in range(256)
)


def _shingle_bytes(texts: Sequence[str]) -> bytes:
    """All texts lower-cased, punctuation as single spaces, joined by NUL; bytes.replace, not regex,
    because it is several times faster over a corpus-sized buffer."""
    joined = "\x00".join(t.replace("\x00", " ") for t in texts).lower().encode("utf-8")
    joined = joined.translate(_SHINGLE_TABLE)
    while b"  " in joined:
        joined = joined.replace(b"  ", b" ")
    return joined.replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00").strip(b" ")


def shingle_hashes(
    texts: Sequence[str], size: int
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """Character ``size``-gram codes of each text as one flat array plus ``len(texts)+1`` offsets.

    The whole corpus is one buffer; each n-gram is read as the low ``size`` bytes of an unaligned
    64-bit word at its position, so the work is a few numpy passes rather than Python per text.
    Texts shorter than ``size`` bytes contribute one shingle (the whole text), so no row is empty.
    """
    joined = _shingle_bytes(texts)
    n_bytes = len(joined)
    padded = joined + b"\0" * 8
    buf = np.frombuffer(padded, dtype=np.uint8)
    words = np.ndarray(shape=(n_bytes,), dtype="<u8", buffer=padded, offset=0, strides=(1,))
    # A window is invalid when it reaches a separator or runs past the buffer.
    seps = np.flatnonzero(buf[:n_bytes] == 0)
    valid = np.ones(n_bytes, dtype=bool)
    bad = (seps[:, None] - np.arange(size)).ravel()
    valid[bad[bad >= 0]] = False
    valid[max(n_bytes - size + 1, 0) :] = False
    flat = words[valid]  # a copy; masked and mixed in place below to spare corpus-sized temporaries
    flat &= np.uint64((1 << (8 * size)) - 1)

    starts = np.concatenate([[0], seps + 1]).astype(np.int64)
    ends = np.concatenate([seps, [n_bytes]]).astype(np.int64)
    counts = np.maximum(ends - starts - size + 1, 0)
    short = np.flatnonzero(counts == 0)
    if len(short):  # the whole (short) text is its only shingle, zero-padded
        at = np.concatenate([[0], np.cumsum(counts)])[short]
        whole = [int.from_bytes(padded[starts[i] : ends[i]], "little") for i in short]
        flat = np.insert(flat, at, np.array(whole, dtype=np.uint64))
        counts[short] = 1
    offsets = np.zeros(len(texts) + 1, dtype=np.uint64)
    np.cumsum(counts, out=offsets[1:])
    flat *= _MIX
    return flat, offsets


def _band_keys(rows: npt.NDArray[np.uint32], bands: int) -> npt.NDArray[np.uint64]:
    """Hash each band of ``rows`` (n x num_perm digests) into one uint64 key per band."""
    n, num_perm = rows.shape
    r = num_perm // bands
    view = rows.astype(np.uint64).reshape(n, bands, r)
    key = np.zeros((n, bands), dtype=np.uint64)
    for j in range(r):
        key = (key ^ view[:, :, j]) * _MIX + np.uint64(j + 1)
    return key


def _digest_rows(
    flat: npt.NDArray[np.uint64], offsets: npt.NDArray[np.int64], settings: Settings
) -> npt.NDArray[np.uint32]:
    """MinHash digests as a (rows x num_perm) uint32 array. rensa hands digests to Python only as
    lists of ints, so rows are converted a chunk at a time to bound the memory that costs."""
    out = np.empty((len(offsets) - 1, settings.num_perm), dtype=np.uint32)
    step = 4096  # each row costs ~4 KB as Python ints on its way out of rensa
    for lo in range(0, len(offsets) - 1, step):
        hi = min(lo + step, len(offsets) - 1)
        chunk_offsets = (offsets[lo : hi + 1] - offsets[lo]).astype(np.uint64)
        digests = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            flat[offsets[lo] : offsets[hi]], chunk_offsets, settings.num_perm, settings.minhash_seed
        )
        out[lo:hi] = digests.to_rows()
    return out


def _candidate_pairs(keys: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Pairs of rows of ``keys`` sharing a band key (each pair once, smaller row first).
    Vectorised: within each band, sort by key and pair each row with the next ``d`` rows of the
    same run, for d = 1 .. longest run."""
    n = len(keys)
    rows = np.arange(n, dtype=np.int64)
    found = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        k = keys[order, band]
        starts = np.concatenate([[True], k[1:] != k[:-1]])
        run_id = np.cumsum(starts)
        run_len = np.bincount(run_id)[run_id]
        ok = run_len <= _MAX_BUCKET
        longest = int(run_len[ok].max()) if ok.any() else 1
        for d in range(1, longest):
            same = (run_id[d:] == run_id[:-d]) & ok[d:]
            if not same.any():
                break
            x, y = rows[order[:-d][same]], rows[order[d:][same]]
            found.append(np.minimum(x, y) * n + np.maximum(x, y))  # encode (lo, hi) as one int
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes = np.unique(np.concatenate(found))
    return codes // n, codes % n


def _overlap(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> int:
    """Size of the intersection of two sorted arrays of distinct values."""
    return int(np.intersect1d(a, b, assume_unique=True).size)


def _jaccard(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    inter = _overlap(a, b)
    return inter / (a.size + b.size - inter) if inter else 0.0


def near_duplicate_pairs(
    texts: Sequence[str], settings: Settings, first_new: int = 0
) -> list[DuplicatePair]:
    """Verified near-duplicate pairs among ``texts`` that involve at least one row ``>= first_new``.

    Rows before ``first_new`` are already stored (their pairs were found when they arrived); passing
    them lets new rows join old groups. Exact duplicates should be folded before calling this.
    """
    n = len(texts)
    if n < 2 or first_new >= n:
        return []
    # Pass 1, a chunk of texts at a time so memory stays bounded: index every signature, then ask
    # which rows share a band with any other row. Most rows share none and cost nothing more.
    lsh = rensa.RMinHashLSH(settings.near_dup_threshold, settings.num_perm, settings.lsh_bands)
    matrices = []
    for lo in range(0, n, _TEXT_CHUNK):
        flat, offsets = shingle_hashes(texts[lo : lo + _TEXT_CHUNK], settings.shingle_size)
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            flat, offsets, settings.num_perm, settings.minhash_seed
        )
        lsh.insert_matrix(matrix, lo)
        matrices.append(matrix)
    flags = np.concatenate([np.asarray(lsh.query_duplicate_flags_matrix(m), dtype=bool) for m in matrices])
    del lsh, matrices
    flagged = np.flatnonzero(flags)
    if not np.any(flagged >= first_new):
        return []
    # Pass 2, flagged rows only: shingle them again and band their digests here to name the pairs.
    sub_flat, sub_offsets_u = shingle_hashes([texts[i] for i in flagged.tolist()], settings.shingle_size)
    sub_offsets = sub_offsets_u.astype(np.int64)
    rows = _digest_rows(sub_flat, sub_offsets, settings)
    la, lb = _candidate_pairs(_band_keys(rows, settings.lsh_bands))
    keep = flagged[lb] >= first_new  # flagged is ascending, so local order is global order
    la, lb = la[keep], lb[keep]
    # MinHash estimate first (vectorised), exact Jaccard only for pairs that could pass: the estimate's
    # standard error at J=0.8 with 120 permutations is ~0.04, so a 0.2 margin loses nothing real.
    estimate = np.empty(len(la), dtype=np.float32)
    for lo in range(0, len(la), _CHUNK):
        hi = lo + _CHUNK
        estimate[lo:hi] = (rows[la[lo:hi]] == rows[lb[lo:hi]]).mean(axis=1)
    del rows

    # Exact checks on each row's sorted distinct shingles (numpy views into one array): Python sets
    # of the same shingles cost ~15 KB a row, which on 10^5 snippets broke the 1 GB budget.
    sets: dict[int, npt.NDArray[np.uint64]] = {}

    def shingles(local: int) -> npt.NDArray[np.uint64]:
        s = sets.get(local)
        if s is None:
            s = sets[local] = np.unique(sub_flat[sub_offsets[local] : sub_offsets[local + 1]])
        return s

    threshold = settings.near_dup_threshold
    containment = settings.truncation_containment
    cut_local = np.array([is_truncated(texts[i]) for i in flagged.tolist()], dtype=bool)
    cut = cut_local[la] | cut_local[lb]
    worth = (estimate >= threshold - _ESTIMATE_MARGIN) | (cut & (estimate >= _TRUNCATION_FLOOR))
    pairs = []
    for x, y in zip(la[worth].tolist(), lb[worth].tolist()):
        sx, sy = shingles(x), shingles(y)
        score = _jaccard(sx, sy)
        if score < threshold:
            if not (cut_local[x] or cut_local[y]):
                continue
            # A truncated report is a prefix of the full one: the share of the cut text found in the
            # other counts instead (the cut side is the truncated one, or the shorter if both are).
            x_is_cut = cut_local[x] and (not cut_local[y] or sx.size <= sy.size)
            short, other = (sx, sy) if x_is_cut else (sy, sx)
            score = _overlap(short, other) / short.size
            if score < containment:
                continue
        pairs.append(DuplicatePair(int(flagged[x]), int(flagged[y]), round(score, 4)))
    log.debug("near-dup: %d rows, %d flagged, %d candidates, %d verified",
              n, len(flagged), len(la), len(pairs))
    return pairs


class UnionFind:
    """Disjoint sets over integer rows; the root of a set is its smallest row."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def group_labels(n: int, pairs: Sequence[DuplicatePair]) -> list[int]:
    """Connected components of ``pairs`` as a label per row (the smallest row of its group)."""
    uf = UnionFind(n)
    for p in pairs:
        uf.union(p.a, p.b)
    return [uf.find(i) for i in range(n)]
