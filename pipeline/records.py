"""Typed in-memory data model shared by every stage.

A :class:`AnalyzedDocument` owns flat lists of annotations (sentences, mentions, time expressions,
event mentions), each carrying character offsets into ``text``, the document text exactly as
decoded from its file. Corpus-level records (entities, events) refer to those annotations by id.
Everything here is plain dataclasses so it pickles cleanly between Prefect tasks and Dask workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Interval:
    """A closed calendar interval of ISO 8601 dates (astronomical signed years before 1 CE)."""

    start: str
    """First day, ``YYYY-MM-DD`` (or ``-YYYY-MM-DD`` before 1 CE)."""
    end: str
    """Last day, inclusive, same format as ``start``."""

    def as_json(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end}


@dataclass
class Segment:
    """A paragraph or sentence of a document."""

    start: int
    """Offset of the first character in the decoded text."""
    end: int
    """Offset one past the last character."""
    lang: str
    """ISO 639-1 code detected for this segment (``lv``, ``en``, ``zh``, another code, or ``und``)."""
    script: str | None = None
    """Dominant script (``Latn``, ``Hant``, ``Hans``, ``Armn``, ``Cyrl``, ...)."""
    paragraph: int = 0
    """Index of the paragraph that contains this segment."""


@dataclass
class Mention:
    """A named-entity mention found by the NER stage."""

    start: int
    """Offset of the first character in the decoded text."""
    end: int
    """Offset one past the last character."""
    text: str
    """``document.text[start:end]``."""
    label: str
    """``PER``, ``LOC``, ``ORG`` (or another documented label)."""
    lang: str
    """Language of the sentence it was found in."""
    sentence: int
    """Index into ``AnalyzedDocument.sentences``."""
    lemma: str | None = None
    """Base (nominative) form where the language inflects names, e.g. Latvian ``Stepanakertā`` →
    ``Stepanakerta``; ``None`` when no normalization was applied."""
    source: str = "model"
    """What produced it: ``model``, ``gazetteer``, ``document`` (a name found elsewhere in the
    document, tagged where it recurs: :mod:`pipeline.ner.consistency`) or ``corpus`` (a name found
    in other documents of the corpus, or its translation, added by the align stage:
    :mod:`pipeline.align.recall`, :mod:`pipeline.align.translated_recall`)."""
    score: float | None = None
    """Model confidence in [0, 1] when the backend provides one."""


@dataclass
class TimeExpression:
    """A temporal expression normalized by the date stage."""

    start: int
    """Offset of the first character in the decoded text."""
    end: int
    """Offset one past the last character."""
    text: str
    """``document.text[start:end]``."""
    value: str
    """TIMEX3-style value: ``1994-05-12``, ``1994-05``, ``1994``, ``199`` (decade), ``19`` (century),
    ``P6Y`` (duration), ``1988/1994`` (range) ..."""
    interval: Interval | None
    """Calendar interval covered, or ``None`` when not placeable (durations, unanchored relatives)."""
    granularity: str
    """``day``, ``month``, ``season``, ``year``, ``decade``, ``century``, ``millennium``, ``range``,
    ``duration`` ..."""
    fuzzy: bool
    """True for early/mid/late, around, seasons' approximate bounds and similar."""
    lang: str
    """Language of the sentence it was found in."""
    sentence: int
    """Index into ``AnalyzedDocument.sentences``."""
    anchored: bool = False
    """True when the value was resolved against an earlier date in the document (narrative time)."""


@dataclass
class EventMention:
    """A sentence (or clause) of one document that reports something happening."""

    start: int
    """Offset of the first character of the span that describes the event."""
    end: int
    """Offset one past the last character."""
    text: str
    """``document.text[start:end]``."""
    kind: str
    """Event kind from the closed list in :mod:`pipeline.events.kinds`."""
    lang: str
    """Language of the span."""
    sentence: int
    """Index into ``AnalyzedDocument.sentences``."""
    trigger: str
    """The trigger word or phrase that classified it."""
    interval: Interval | None
    """Interval of the sentence's own date, else the nearest preceding narrative date."""
    interval_inherited: bool = False
    """True when ``interval`` came from an earlier sentence rather than this one."""
    mentions: list[int] = field(default_factory=list)
    """Indexes into ``AnalyzedDocument.mentions`` of the entities named in the span."""
    vector: bytes = b""
    """Multilingual sentence embedding of ``text`` (multilingual-e5-small, float16, unit length),
    filled by the events stage so that alignment compares cached vectors."""


@dataclass
class NameFeatures:
    """What cross-lingual linking compares for one distinct name of a document: filled by the
    ``names`` stage (:mod:`pipeline.align.names`) and cached with the document, so the corpus
    step only blocks, scores and clusters."""

    lang: str
    """Language of the name's mentions."""
    key: str
    """Normalized name key within the language (mentions with equal keys are one name)."""
    display: str
    """The name's most frequent base form in this document (the form the scorer encoded)."""
    label: str
    """The tagger's majority coarse label of the name in this document."""
    pivots: dict[str, str] = field(default_factory=dict)
    """Language-neutral keys → the source that gave each (``en:black sea`` from CC-CEDICT,
    ``en:google`` from the spelling itself, ``id:cldr:US`` from CLDR)."""
    ids: dict[str, str] = field(default_factory=dict)
    """Knowledge identifiers (``cldr:AM``, ``geo:616052``) → source."""
    vector: bytes = b""
    """The learned name scorer's embedding of ``display`` (float16, L2-normalized)."""


@dataclass
class AnalyzedDocument:
    """One ingested document and everything the per-document stages found in it."""

    doc_id: str
    """Stable id derived from the file content (``sha256``)."""
    path: str
    """Path relative to the corpora folder, ``/``-separated."""
    sha256: str
    """Hex SHA-256 of the file bytes."""
    encoding: str
    """Encoding the bytes were decoded with (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1257`` ...)."""
    text: str
    """The text exactly as decoded; every offset indexes this string."""
    analysis_text: str = ""
    """Same length as ``text``, with scraped page noise (citation marks, page chrome, leading URL)
    replaced by spaces. NER and date extraction read this view, so offsets need no mapping."""
    lang: str = "und"
    """Document language (majority of sentence characters)."""
    script: str | None = None
    """Dominant script of the document (``Latn``, ``Hant``, ``Hans`` ...)."""
    paragraphs: list[Segment] = field(default_factory=list)
    """Paragraph segments in text order."""
    sentences: list[Segment] = field(default_factory=list)
    """Sentence segments in text order, each with its own language."""
    mentions: list[Mention] = field(default_factory=list)
    """Named-entity mentions, sorted by ``start``."""
    times: list[TimeExpression] = field(default_factory=list)
    """Time expressions, sorted by ``start``."""
    events: list[EventMention] = field(default_factory=list)
    """Event mentions, sorted by ``start``."""
    names: list[NameFeatures] = field(default_factory=list)
    """One entry per distinct (language, name key) of ``mentions``, for cross-lingual linking."""
    stages: dict[str, str] = field(default_factory=dict)
    """Name → version of each document stage that ran on it."""
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds spent per step (ingest, langid, each stage) on this document in this run, for
    the run summary; never written to the KB and emptied when the document comes from the cache."""
    decode_warning: str | None = None
    """Why the decoding is uncertain (a legacy codec with its confidence, or invalid UTF-8
    sequences read as U+FFFD); reported in ``errors.jsonl`` as a warning."""

    @property
    def analysis_view(self) -> str:
        """``analysis_text`` where it is filled (same length as ``text``), else ``text``."""
        return self.analysis_text if len(self.analysis_text) == len(self.text) else self.text

    def sentence_text(self, index: int) -> str:
        """The analysis view (noise masked) of sentence ``index``."""
        s = self.sentences[index]
        return self.analysis_view[s.start : s.end]
