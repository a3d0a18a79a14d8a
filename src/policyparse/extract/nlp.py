"""The spaCy pipeline: blank ``zh`` with the jieba segmenter, an EntityRuler from the gazetteers,
and policyparse's own components (registered here, spaCy style: a name, what they assign).

=====================  =============================================================
component              assigns
=====================  =============================================================
``entity_ruler``       ``doc.ents``: DEPT and INDICATOR mentions (gazetteer surface forms)
``pp_quantities``      ``doc.spans["quantity"]`` (``span._.quantity``: the parsed
                       :class:`~policyparse.extract.quantities.Quantity`);
                       ``doc.user_data["quantities"]``; ``doc.user_data["quantity_matches"]``
                       (every QUANTITY match of the text, bare numbers included)
``pp_deadlines``       ``doc.spans["deadline"]``; ``doc.user_data["deadlines"]``
``pp_roles``           ``doc.user_data["roles"]`` (lead / responsible surface names)
``pp_targets``         ``doc.spans["target"]`` (``span._.target``: the
                       :class:`~policyparse.extract.prose.ProseTarget`);
                       ``doc.user_data["targets"]`` (reads ``doc.user_data["context"]``
                       and ``pp_quantities``' matches instead of scanning again)
=====================  =============================================================

Quantities are recognised on the characters (jieba splits "2.6%"), then aligned to tokens with
``char_span(alignment_mode="expand")``; a span keeps its exact character offsets in the object
its extension holds.

:func:`analyse` (what extraction calls) runs the tokenizer and the ``pp_*`` components only: their
rules read the characters, not ``doc.ents``, so the EntityRuler (a tenth of extraction time) runs
only when the whole pipeline is called, ``build_nlp()(text)``.

jieba's segmentation is remembered per run of Han/word characters (:class:`MemoJieba`): the
tokens are exactly jieba's, but the formulaic runs of policy prose ("市科技局牵头", "到2025年") are
segmented once per process.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from itertools import chain
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from policyparse.extract.deadlines import find_deadlines
from policyparse.extract.prose import find_targets
from policyparse.extract.quantities import QUANTITY, find_quantities
from policyparse.extract.roles import find_roles


def _text(doc: Doc) -> str:
    """The doc's text; cached in user_data because ``Doc.text`` re-joins every token on each call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


for _name in ("quantity", "target"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def _spans(doc: Doc, key: str, items, label: str, ext: str | None = None) -> None:
    """``doc.spans[key]``: token-aligned spans of ``items`` (objects with start/end character
    offsets), each holding its item in ``span._.<ext>`` when ``ext`` is given."""
    spans = []
    for it in items:
        sp = doc.char_span(it.start, it.end, label=label, alignment_mode="expand")
        if sp is not None:
            if ext is not None:
                sp._.set(ext, it)
            spans.append(sp)
    doc.spans[key] = spans


@Language.component("pp_quantities")
def pp_quantities(doc: Doc) -> Doc:
    """Quantities with a unit as spans, from one scan of the text kept for ``pp_targets``."""
    text = _text(doc)
    matches = list(QUANTITY.finditer(text))
    qs = find_quantities(text, matches)
    doc.user_data["quantity_matches"] = matches
    doc.user_data["quantities"] = qs
    _spans(doc, "quantity", qs, "QUANTITY", "quantity")
    return doc


@Language.component("pp_deadlines")
def pp_deadlines(doc: Doc) -> Doc:
    ds = find_deadlines(_text(doc))
    doc.user_data["deadlines"] = ds
    _spans(doc, "deadline", ds, "DEADLINE")
    return doc


@Language.component("pp_roles")
def pp_roles(doc: Doc) -> Doc:
    doc.user_data["roles"] = find_roles(_text(doc))
    return doc


@Language.component("pp_targets")
def pp_targets(doc: Doc) -> Doc:
    """Targets of the text in its year context, from ``pp_quantities``' scan (when it ran)."""
    ctx = doc.user_data.get("context", {})
    targets = find_targets(_text(doc), ctx.get("year"), ctx.get("indicator"), ctx.get("years"),
                           matches=doc.user_data.get("quantity_matches"))
    doc.user_data["targets"] = targets
    _spans(doc, "target", targets, "TARGET", "target")
    return doc


# policyparse's own components, in pipeline order: what analyse() runs after the tokenizer.
EXTRACTION_COMPONENTS = ("pp_quantities", "pp_deadlines", "pp_roles", "pp_targets")


def _ruler_patterns() -> list[dict]:
    from policyparse.extract.resolve import gazetteer

    gaz = gazetteer()
    if gaz is None:
        return []
    patterns: list[dict] = []
    for getter, label in (("department_surface_forms", "DEPT"), ("indicator_surface_forms", "INDICATOR")):
        forms = getattr(gaz, getter, None)
        if forms is None:
            continue
        for name in sorted(set(forms())):
            if len(name) >= 2:
                patterns.append({"label": label, "pattern": name})
    return patterns


class MemoJieba:
    """A jieba tokenizer whose ``cut`` remembers the words of each run of Han/word characters.

    ``jieba.cut`` splits the text at every character outside ``jieba.re_han_default`` and segments
    each run on its own, so cutting run by run yields exactly its words. The memo is dropped when
    words are added to the dictionary (``add_word``, ``load_userdict``).
    """

    def __init__(self, tokenizer: Any, maxsize: int = 2**16):
        import jieba

        self.tokenizer = tokenizer
        self._runs = jieba.re_han_default
        self._cut_run = lru_cache(maxsize=maxsize)(self._cut_uncached)
        self._dictionary = self._dictionary_state()

    def _dictionary_state(self) -> tuple[int, int]:
        return len(self.tokenizer.FREQ), self.tokenizer.total

    def _cut_uncached(self, run: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.cut(run, cut_all=False))

    def cut(self, text: str, cut_all: bool = False) -> Any:
        if cut_all:
            return self.tokenizer.cut(text, cut_all=True)
        state = self._dictionary_state()
        if state != self._dictionary:
            self._cut_run.cache_clear()
            self._dictionary = state
        return chain.from_iterable(self._cut_run(run) for run in self._runs.split(text) if run)


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The pipeline (built once per process)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on every run
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    try:
        from policyparse.extract.resolve import gazetteer

        gaz = gazetteer()
        if gaz is not None and hasattr(gaz, "register_jieba"):
            gaz.register_jieba(jieba)
    except Exception:  # noqa: BLE001 - segmentation quality only
        pass
    jieba.dt.check_initialized()
    nlp.tokenizer.jieba_seg = MemoJieba(jieba.dt)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    patterns = _ruler_patterns()
    if patterns:
        ruler.add_patterns(patterns)
    for name in EXTRACTION_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def load_models() -> None:
    """Load the gazetteers and the pipeline now (each once per process), not inside the first document."""
    from policyparse.extract.resolve import gazetteer

    gazetteer()
    build_nlp()


def analyse(text: str, year: int | None = None, indicator: str | None = None, years: Any = None) -> Doc:
    """Run the tokenizer and the extraction components on one item or block text with its context
    (``years``: a :class:`policyparse.extract.prose.YearContext`, overriding ``year``)."""
    nlp = build_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text
    doc.user_data["context"] = {"year": year, "indicator": indicator, "years": years}
    for name, proc in nlp.pipeline:
        if name in EXTRACTION_COMPONENTS:
            doc = proc(doc)
    return doc
