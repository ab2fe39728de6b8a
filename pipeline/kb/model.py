"""The KB record model: one dataclass per record type of ``outputs/kb.jsonl`` and per part.

Every record the pipeline writes is built here (:mod:`pipeline.kb.assemble` for documents,
mentions, times and exact-name entities; :mod:`pipeline.align.cluster` for entities;
:mod:`pipeline.align.events` for events) and turned into its JSON object by ``to_json()``: fields
in declaration order, a field whose metadata says ``omit_none`` left out when it is ``None``.

The JSON Schema ``pipeline/kb/kb.schema.json`` is generated from these classes by
:mod:`pipeline.kb.schema` (``python -m pipeline.kb.schema --write``; a test checks that the
committed file is the generated one): types from the annotations, constraints from field metadata
(:func:`spec`) and :class:`Schema` markers, descriptions from the field docstrings.
``docs/kb.md`` documents every field (also tested) and ``docs/kb-contract.md`` is the contract
these records implement.

Nested objects are :class:`Part` dataclasses (segments, event spans, evidence items) or
:class:`pipeline.records.Interval`, written as it is.
"""

from __future__ import annotations

import enum
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Annotated, Any, ClassVar, Literal

from pipeline.events.kinds import KINDS
from pipeline.records import Interval

SCHEMA_VERSION = "1.5"
"""Version of the record format (``docs/kb-contract.md``): the major number changes when a
contract field is removed or renamed, the minor number when fields are added or fixed."""


class Schema:
    """JSON Schema keywords for a type, used inside ``Annotated[...]``.

    With a ``name`` the type becomes a shared ``$defs`` entry (``lang``, ``date`` ...) referred to
    wherever it is used; without one the keywords are merged into the type's schema in place.
    """

    def __init__(self, name: str | None = None, **keywords: Any) -> None:
        self.name = name
        self.keywords = keywords


def spec(
    *,
    contract: bool = False,
    omit_none: bool = False,
    default: Any = MISSING,
    **keywords: Any,
) -> Any:
    """A dataclass field with KB metadata.

    ``contract``: the field is required by ``docs/kb-contract.md``. ``omit_none``: the key is left
    out of the record when the value is ``None`` (and is then optional in the schema; every other
    field is always written and required). ``keywords``: JSON Schema constraints for the field
    (``minLength``, ``minItems``, ``uniqueItems``, ``minimum`` ...).
    """
    metadata = {"contract": contract, "omit_none": omit_none, "schema": keywords}
    if default is MISSING:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


Lang = Annotated[
    str,
    Schema(
        "lang",
        pattern="^([a-z]{2,3}|und)$",
        description="ISO 639-1 code (lv, en, zh, or another detected language); und when "
        "undetermined.",
    ),
]
Date = Annotated[
    str,
    Schema(
        "date",
        pattern="^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        description="ISO 8601 calendar date YYYY-MM-DD; astronomical signed years before 1 CE "
        "(-0399-01-01 is 400 BCE).",
    ),
]
Offset = Annotated[
    int,
    Schema(
        "offset",
        minimum=0,
        description="Python str index (code points) into the document's text as decoded from "
        "its file.",
    ),
]
Label = Annotated[
    str,
    Schema(
        "label",
        pattern="^[A-Z][A-Z_]*$",
        description="Entity label: PER, LOC, ORG or another upper-case label documented by the "
        "NER stage.",
    ),
]
Score = Annotated[float, Schema(minimum=0, maximum=1)]
SpanText = Annotated[str, Schema(minLength=1)]
RecordId = Annotated[str, Schema(minLength=1)]

EXTERNAL_FIELD_TYPES: dict[type, dict[str, Any]] = {Interval: {"start": Date, "end": Date}}
"""Schema types for the fields of dataclasses defined outside this module and written as they
are (:class:`pipeline.records.Interval`, whose fields are plain ``str``)."""


class Part:
    """A JSON object inside a record; ``to_json()`` gives its fields in declaration order."""

    def to_json(self) -> dict[str, Any]:
        return _object_json(self)


def _object_json(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None and f.metadata.get("omit_none"):
            continue
        out[f.name] = _json(value)
    return out


def _json(value: Any) -> Any:
    if isinstance(value, Part):
        return value.to_json()
    if is_dataclass(value) and not isinstance(value, type):
        return _object_json(value)
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


@dataclass(frozen=True, kw_only=True)
class Record(Part):
    """Fields every KB record has; ``type`` comes from the record class."""

    type: ClassVar[str]
    """``document``, ``mention``, ``time``, ``entity`` or ``event``."""

    id: RecordId = spec(contract=True)
    """Stable id derived from content: ``doc_…``, ``men_…``, ``tim_…``, ``ent_…``, ``evt_…``."""
    schema_version: str = spec(
        contract=True, default=SCHEMA_VERSION, pattern="^[0-9]+\\.[0-9]+(\\.[0-9]+)?$"
    )
    """``MAJOR.MINOR`` of the record format."""

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, **_object_json(self)}


@dataclass(frozen=True, kw_only=True)
class Segment(Part):
    """One sentence of a document, in text order."""

    start: Offset
    """Offset of the sentence's first character."""
    end: Offset
    """Offset one past its last character."""
    lang: Lang
    """Language detected for this sentence."""
    script: str | None
    """Dominant script of the sentence (``Latn``, ``Hant``, ``Hans``, ``Cyrl``, ``Armn`` …), or
    ``null`` when it has no letters."""
    paragraph: int = spec(minimum=0)
    """Index of the paragraph that holds the sentence."""


@dataclass(frozen=True, kw_only=True)
class DocumentRecord(Record):
    """One analysed file (files with identical bytes are kept once, under the first path)."""

    type: ClassVar[str] = "document"
    path: str = spec(contract=True, minLength=1, pattern="^[^\\\\]+$")
    """Path relative to the corpora folder, ``/``-separated."""
    sha256: str = spec(contract=True, pattern="^[0-9a-f]{64}$")
    """Hex SHA-256 of the file's bytes."""
    lang: Lang = spec(contract=True)
    """Document language (most characters among its sentences)."""
    chars: int = spec(contract=True, minimum=0)
    """Length of the decoded text in code points."""
    encoding: str = spec(minLength=1)
    """Encoding the bytes were decoded with (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1257`` …)."""
    script: str | None
    """Dominant script: ``Latn``, ``Hant``, ``Hans``, ``Cyrl``, ``Armn`` …"""
    stages: dict[str, str]
    """Document stage name → version that ran on it (e.g. ``{"dates": "…", "ner": "…"}``)."""
    segments: list[Segment]
    """The sentences in text order, each with its own language, so mixed-language documents are
    visible."""


@dataclass(frozen=True, kw_only=True)
class MentionRecord(Record):
    """A named-entity mention in one document."""

    type: ClassVar[str] = "mention"
    doc: RecordId = spec(contract=True)
    """Id of the ``document``."""
    lang: Lang = spec(contract=True)
    """Language of the sentence it is in."""
    start: Offset = spec(contract=True)
    """Offset of the first character."""
    end: Offset = spec(contract=True)
    """Offset one past the last character."""
    text: SpanText = spec(contract=True)
    """The surface form, ``= text[start:end]``."""
    label: Label = spec(contract=True)
    """``PER``, ``LOC``, ``ORG`` (or another upper-case label documented by the NER stage)."""
    entity: RecordId = spec(contract=True)
    """Id of the ``entity`` it refers to."""
    lemma: str | None
    """Base (nominative) form where names inflect, e.g. Latvian ``Stepanakertā`` →
    ``Stepanakerta``; ``null`` when no normalization applied."""
    source: Literal["model", "gazetteer", "document", "title", "corpus", "projection"]
    """What found it: ``model``, ``gazetteer``, ``document`` (a name found elsewhere in the same
    document, tagged where it recurs), ``title`` (the name after a courtesy title such as
    ``Mrs``, which the tagger left untagged), ``corpus`` (a Latin-script name found in other
    documents of the corpus, tagged where this document writes it: corpus name recall), or
    ``projection`` (a name the translation of its sentence names, tagged here: docs/align.md)."""
    score: Score | None = spec(omit_none=True, default=None)
    """Model confidence in [0, 1], when the backend gives one (absent otherwise)."""


@dataclass(frozen=True, kw_only=True)
class TimeRecord(Record):
    """A temporal expression, normalized."""

    type: ClassVar[str] = "time"
    doc: RecordId = spec(contract=True)
    """Id of the ``document``."""
    lang: Lang = spec(contract=True)
    """Language of the sentence it is in."""
    start: Offset = spec(contract=True)
    """Offset of the first character."""
    end: Offset = spec(contract=True)
    """Offset one past the last character."""
    text: SpanText = spec(contract=True)
    """The expression as written, ``= text[start:end]``."""
    value: str = spec(contract=True, minLength=1)
    """TIMEX3-style value: ``1994-05-12``, ``1994-05``, ``1994``, ``199`` (decade), ``19``
    (century), ``P6Y`` (duration), ``1988/1994`` (range) …"""
    interval: Interval | None = spec(contract=True)
    """Calendar interval covered (inclusive), ``null`` when not placeable on the calendar (a
    duration, an unanchored relative)."""
    granularity: str = spec(contract=True, minLength=1)
    """``day``, ``week``, ``month``, ``season``, ``year``, ``decade``, ``century``,
    ``millennium``, ``range``, ``duration``, ``set``, ``reference`` …"""
    fuzzy: bool = spec(contract=True)
    """``true`` for early/mid/late, around, seasons and similar approximate bounds."""
    anchored: bool
    """``true`` when resolved against an earlier date in the same document (narrative time)."""


@dataclass(frozen=True, kw_only=True)
class EntityEvidence(Part):
    """One merge of two name groups into an entity (``docs/align.md``)."""

    names: list[str] = spec(minItems=1)
    """The two names joined (one for a Wikidata link)."""
    langs: list[Lang] = spec(minItems=1, uniqueItems=True)
    """Sorted languages of those names."""
    rule: str | None = spec(omit_none=True, default=None)
    """What joined them: ``pivot``, ``scorer``, ``head``, ``parallel``, ``acronym``, ``parenthesis``,
    ``name_parts``,
    ``short_form``, ``translit``, ``surname``, ``name_embedding``; absent for knowledge merges, which carry
    ``id``."""
    signals: dict[str, float]
    """Signal or knowledge source → score (``translit``, ``cooccurrence``, ``geonames``,
    ``cldr`` …)."""
    id: str | None = spec(omit_none=True, default=None, minLength=1)
    """The knowledge identifier both names resolve to (knowledge and Wikidata merges only)."""
    score: Score
    """Confidence of this merge."""
    key: str | None = spec(omit_none=True, default=None, minLength=1)
    """The language-neutral key both names share (``pivot`` merges), or the concept of the
    generic head the names were compared without (``head`` merges: ``bay``, ``county``)."""


@dataclass(frozen=True, kw_only=True)
class EntityRecord(Record):
    """One real-world thing across all documents and languages."""

    type: ClassVar[str] = "entity"
    label: Label = spec(contract=True)
    """``PER``, ``LOC``, ``ORG``, …"""
    name: str = spec(contract=True, minLength=1)
    """Canonical display name."""
    names: dict[Lang, Annotated[list[str], Schema(minItems=1, uniqueItems=True)]] = spec(
        contract=True, minProperties=1
    )
    """Language code → sorted list of distinct surface forms seen in that language."""
    langs: list[Lang] = spec(contract=True, minItems=1, uniqueItems=True)
    """Sorted languages it was seen in."""
    mention_count: int = spec(minimum=1)
    """Number of ``mention`` records pointing at it."""
    ids: list[str] = spec(uniqueItems=True)
    """Knowledge identifiers of the entity (``cldr:AM``, ``geo:616052``, ``org:UN``, …), sorted."""
    evidence: list[EntityEvidence]
    """One item per merge that built it (empty for a single name group)."""
    confidence: Score
    """The weakest merge's score (1.0 without merges)."""
    wikidata: str | None = spec(omit_none=True, default=None, pattern="^Q[0-9]+$")
    """Wikidata QID, when the optional linker ran (``XLKB_WIKIDATA_ENDPOINT``) and linked it."""


@dataclass(frozen=True, kw_only=True)
class EventSpan(Part):
    """A text span that reports an event (typically a sentence or clause)."""

    doc: RecordId
    """Id of the ``document``."""
    lang: Lang
    """Language of the span."""
    start: Offset
    """Offset of the first character."""
    end: Offset
    """Offset one past the last character."""
    text: SpanText
    """The span, ``= text[start:end]``."""
    projected: bool = False
    """``true`` when no trigger of the span's language found the event: the span is the
    translation of a sentence whose mention it joins (``docs/events.md``, *projection*)."""


@dataclass(frozen=True, kw_only=True)
class EventEvidence(Part):
    """One merge of two event mentions (``docs/events.md``)."""

    rule: Literal["within_document", "cross_document"]
    """``within_document`` coreference or ``cross_document`` alignment."""
    mentions: list[str] = spec(minItems=2, maxItems=2)
    """The two mentions joined, each ``<document id>:<start>``."""
    signals: dict[str, float | None]
    """Signal → value: ``kind``, ``interval_overlap``, ``same_day``, ``shared_entities``,
    ``numbers`` (``null`` unless both mention numbers), ``sentence_similarity``;
    ``translated_sentence`` (1) when the two sentences translate each other, ``projected`` (1)
    when the second mention was projected onto its sentence."""
    score: Score
    """Confidence of this merge."""


@dataclass(frozen=True, kw_only=True)
class EventRecord(Record):
    """Something that happened, aligned across documents and languages."""

    type: ClassVar[str] = "event"
    kind: str = spec(contract=True, enum=list(KINDS))
    """One of the closed list in ``pipeline/events/kinds.py``."""
    interval: Interval | None = spec(contract=True)
    """As in ``time``: the narrowest interval among its mentions' own dates (else inherited
    ones), or ``null``."""
    interval_inherited: bool
    """``true`` when the interval came from an earlier sentence rather than the reporting one."""
    participants: list[RecordId] = spec(contract=True, uniqueItems=True)
    """Sorted entity ids taking part (the place excluded)."""
    place: RecordId | None = spec(contract=True)
    """Entity id of the place, or ``null``."""
    mentions: list[EventSpan] = spec(contract=True, minItems=1)
    """The text spans that report it, by document id and offset."""
    langs: list[Lang] = spec(contract=True, minItems=1, uniqueItems=True)
    """Sorted languages that report it."""
    triggers: list[str] = spec(minItems=1, uniqueItems=True)
    """Sorted trigger words or phrases that classified the mentions."""
    evidence: list[EventEvidence]
    """One item per merge (empty for a single mention)."""
    confidence: Score
    """The weakest merge's score (1.0 without merges)."""


RECORD_TYPES: tuple[type[Record], ...] = (
    DocumentRecord,
    MentionRecord,
    TimeRecord,
    EntityRecord,
    EventRecord,
)
"""Every record type, in the order records appear in the KB."""


def confidence(evidence: list[EntityEvidence] | list[EventEvidence]) -> float:
    """A record's confidence: its weakest merge's score, 1.0 without merges."""
    return round(min([e.score for e in evidence], default=1.0), 3)
