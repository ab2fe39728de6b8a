"""Per-language defaults (spaCy's ``Language.Defaults`` idea): what the code needs to know about a
language, read from data files in ``pipeline/lang/<code>/`` by one loader, :func:`defaults`.

Every supported language folder holds every file in :data:`FILES` (a file with only comments
means "none" for that language; ``tests/lang/test_defaults.py`` checks they exist, parse and hold no
duplicates):

- ``language.yaml``: the settings (name, script, spacing, inflection, capitals, glides, hard c, articles,
  possessive, ordinal hyphen, OpenCC conversions, CLDR locales, clause conjunctions, qualifier
  prepositions);
- ``case_endings.txt``, ``nominative_endings.txt``: case endings of names (Latvian);
- ``ordinal_suffixes.txt``: endings written after an ordinal's digits (``12th``, ``12.ais``);
- ``numerals.tsv``: numeral characters and their values (Chinese);
- ``citation_marks.tsv``: words of bracketed citation and maintenance marks (``[citation needed]``);
- ``function_words.txt``: words that are no content words of a name (acronym initials);
- ``name_heads.tsv``: generic head words that end a name (``Bay``, ``līcis``, ``湾``), with the
  concept and entity type they stand for (compared across languages without their head);
- ``person_titles.tsv``: titles written before or after a person's name that are not part of it
  (``Sen.``, ``kundze``, ``先生``); NER cuts them out of person names (pipeline/ner/person_spans.py);
- ``place_parts.txt``: words that name a part of a place written next to it (``dienvidu``,
  ``东部``): a name's span ends before them (pipeline/ner/stage.py);
- ``name_tails.tsv``: stems of the lower-case words a place's or a person's name may end with
  (Latvian ``novad``, ``iel``, ``kundz``); NER cuts other lower-case words off the end of such a
  span (pipeline/ner/stage.py);
- ``organization_heads.txt``: words that make a place or person named right before them part of
  an organization's name (``Skotijas valdība``, ``英国政府``); NER takes them into the name
  (pipeline/ner/stage.py);
- ``organization_suffixes.txt``: words that end an organization's name written after a name and
  a few common nouns (``美国国防部`` + ``先进研究项目局``); NER grows a name cut short over them
  (pipeline/ner/stage.py);
- ``place_heads.txt``: common nouns that make a place or person named right before them part of
  a place's name (``Rīgas līcis``, ``Karostas kanāls``); NER takes them into the name
  (pipeline/ner/stage.py).

Code asks ``defaults(lang).<field>`` instead of testing ``lang == "..."``: a new language is a new
folder. Codes without a folder (``und``, other detected languages) get :data:`NEUTRAL` values.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from pipeline.lang import LANG_DIR, SUPPORTED, read_lines
from pipeline.lang.script import convert, same_length

SETTINGS_FILE = "language.yaml"
FILES = (
    SETTINGS_FILE,
    "case_endings.txt",
    "nominative_endings.txt",
    "ordinal_suffixes.txt",
    "numerals.tsv",
    "citation_marks.tsv",
    "function_words.txt",
    "name_heads.tsv",
    "person_titles.tsv",
    "organization_heads.txt",
    "organization_suffixes.txt",
    "place_heads.txt",
    "place_parts.txt",
    "name_tails.tsv",
)
"""The files the loader reads from every supported language's folder."""

CITATION_KINDS = ("note", "tag")
"""First column of ``citation_marks.tsv``."""

TITLE_PLACES = ("before", "courtesy", "after", "after_in_span")
"""First column of ``person_titles.tsv``: where the title stands relative to the name
(``courtesy``: before it, and a title that stands before nothing but a person's name, ``Mrs``;
``after_in_span``: after it, and inside the person span in the language's annotated corpora)."""


@dataclass(frozen=True)
class NameHead:
    """What a generic head word of names stands for (one row of ``name_heads.tsv``)."""

    concept: str
    """Language-neutral concept (``bay``, ``county``), shared by every language's file."""
    label: str
    """The entity type a name with this head has (``LOC``, ``ORG``)."""


@dataclass(frozen=True)
class LanguageDefaults:
    """What the pipeline knows about one language; built by :func:`defaults`."""

    code: str
    """ISO 639-1 code, the folder name under ``pipeline/lang/``."""
    name: str = ""
    """English name of the language."""
    script: str = ""
    """ISO 15924 code of its script (``Latn``, ``Hani``)."""
    spaced: bool = True
    """Words are separated by spaces, so names are matched as whole words (the gazetteer, document
    recall, knowledge look-ups by word n-grams); ``False`` (Chinese): matched by characters."""
    inflected: bool = False
    """Names inflect for case: NER lemmatizes the mentions and alignment keys names by stem
    (:attr:`case_endings`)."""
    capitals: str = ""
    """Upper-case letters beyond ``A-Z`` and Latin-1 ``À-Þ`` that can begin a sentence or an
    acronym (Latvian ``ĀČĒĢĪĶĻŅŠŪŽ``)."""
    glides: str = ""
    """Letters read as the glide ``y`` in transliteration skeletons (Latvian ``j``)."""
    hard_c: bool = False
    """``c`` is read ``k`` unless ``e``, ``i`` or ``y`` follows (English ``Carnegie``,
    ``Collier``); ``False``: ``c`` is always ``ts`` (Latvian ``Cēsis``)."""
    articles: tuple[str, ...] = ()
    """Leading articles dropped from names (English ``the``, ``a``, ``an``)."""
    legal_forms: tuple[str, ...] = ()
    """Abbreviated legal forms written before a company's name (Latvian ``SIA``, ``AS``: ``AS
    “Grindeks”``): the annotated corpora take one into the organization's span, and names are
    compared without it, as without an article."""
    possessive: bool = False
    """A possessive ending (``'s``, ``’``) is dropped from names."""
    possessive_particles: tuple[str, ...] = ()
    """Words written between a possessor and what it owns (Chinese ``的``): a span that runs from
    a name through one (``Gary Holt 的球队``, "Gary Holt's team") is the name and a phrase."""
    ordinal_hyphen: bool = False
    """An :attr:`ordinal_suffixes` entry may follow a hyphen (``12-ais``)."""
    name_script: tuple[str, ...] = ()
    """OpenCC configurations applied in order before names are compared (Chinese: Taiwan
    vocabulary, then characters, to Simplified)."""
    model_script: str | None = None
    """OpenCC configuration of the NER models' input, applied character for character so offsets
    stay valid (Chinese: ``t2s``; the models are trained on Simplified text)."""
    name_dots: str = ""
    """Characters written between the words of a transcribed name that the NER models read as
    ``·`` (U+00B7, the separator of their training text): Taiwan's ``‧`` (U+2027) in
    ``莎拉‧裴琳`` would otherwise cut a name in two. Replaced in the models' input only."""
    model_plain_latin: bool = False
    """Whether the NER models read a Latin letter with a diacritic as its base letter (same
    length): a Chinese model trained on Chinese text cuts a foreign name at a letter it rarely
    saw (``Paz Zárate`` → ``Paz``, ``José`` → ``Jos``)."""
    quoted_names_in_span: bool = False
    """The language's annotated corpora take the quote marks around an organization's name into
    its span (Latvian, FullStack: ``“Grindeks”``): the NER stage does too where the tagger left
    them out (:func:`pipeline.ner.stage.take_in_quote_marks`)."""
    cldr_locales: tuple[str, ...] = ()
    """CLDR (Babel) locales whose territory and language names are names in this language."""
    proper_capitals: bool = False
    """Inside a sentence the language capitalizes proper names only, never weekdays, months,
    demonyms or titles (Latvian ``pirmdien``, ``latvieši``, ``prezidents``): an untagged
    capitalized word right before a person's name is a given name the tagger left out
    (:func:`pipeline.ner.person_spans.take_in_given_names`)."""
    genitive_endings: tuple[str, ...] = ()
    """Endings of a lower-case modifier in the genitive between a name and an organization head
    (Latvian ``-as``, ``-es``, ``-u``: ``ANO drošības padomei``; not ``-a``, which verbs end in
    too: ``Sāra Peilina izsauca policiju``)."""
    modifier_conjunctions: tuple[str, ...] = ()
    """Words that join two genitive modifiers of an organization head (Latvian ``un``: ``Floridas
    zivju un savvaļas dzīvnieku komiteja``, the Florida Fish and Wildlife Commission)."""
    plural_endings: tuple[str, ...] = ()
    """Case endings of the plural only (Latvian dative and locative plural ``-ēm``, ``-ēs``): a
    common noun with one is no head of one place's name (``Latvijas upēm``, "to Latvia's
    rivers")."""
    locative_endings: tuple[str, ...] = ()
    """Singular locative endings (Latvian ``-ā``, ``-ē``, ``-ī``, ``-ū``): every word of a person's
    name is in one case, so a person span that starts with a locative before words of another
    case is a place followed by a name (``Burnastonā Mārvins Kuks``)."""
    clause_conjunctions: tuple[str, ...] = ()
    """Coordinating words that begin a new clause (``and``, ``un``, ``并且``): event mentions are
    read clause by clause (:mod:`pipeline.events.clauses`)."""
    complement_conjunctions: tuple[str, ...] = ()
    """Words that begin a complement clause after a comma (Latvian ``ka``, "that"): the comma
    does not cut it from its main clause (``paziņoja, ka …``, as English ``announced that …``)."""
    qualifier_prepositions: tuple[str, ...] = ()
    """Words after which a qualifying phrase ends an organization's name (English ``of``,
    ``for``, ``on``): the words before one may stand for the whole name in its documents
    (``National Trust`` / ``National Trust for Scotland``)."""
    administration_words: tuple[str, ...] = ()
    """Words for a government (Chinese ``政府``, ``当局``) that a leader's name may precede: the
    name is the person (``川普政府``, the Trump administration), not an organization. A person's
    span is not extended over one (:func:`pipeline.ner.stage.extend_to_organization_head`), and
    an organization span ending in one is cut to the person where the document tags that name
    as a person elsewhere (:func:`pipeline.ner.consistency.persons_before_administrations`)."""
    until_words: tuple[str, ...] = ()
    """Conjunctions that begin a clause telling what ended a state (``until``, ``līdz``,
    ``直到``): a happening told after one comes later than the clause before it, so it does not
    borrow that clause's date (:func:`pipeline.events.extract.extract_events`)."""
    before_words: tuple[str, ...] = ()
    """Words that make the time told with them a bound, not a date: the happening came before it
    (``before the 2016 election``, ``pirms 2016. gada vēlēšanām``); in a language written without
    spaces they follow the time and its noun (``2016年大选前``)."""
    hypocorism_endings: tuple[str, ...] = ()
    """Endings that make a given name's pet form from its clipped start (English ``-ie``,
    ``-y``: ``Robbie``, ``Danny`` for ``Robert``, ``Daniel``): such a name alone stands for the
    one person of its documents whose given name begins with that start
    (:func:`pipeline.align.cluster._merge_clipped_names`)."""
    kinship_words: tuple[str, ...] = ()
    """Words naming a relative (``father``, ``tēv*``, ``父亲``; a trailing ``*`` matches any
    ending): a given name beside one names that relative (``his father Robert``), so it does not
    stand for the full name of the document that begins with it
    (:func:`pipeline.align.cluster.beside_kinship_word`)."""
    case_endings: tuple[str, ...] = ()
    """Nominal case endings, longest first (``case_endings.txt``)."""
    nominative_endings: tuple[str, ...] = ()
    """Nominative endings, longest first, removed to get a name's stem
    (``nominative_endings.txt``)."""
    ordinal_suffixes: tuple[str, ...] = ()
    """Endings written after an ordinal's digits (``ordinal_suffixes.txt``)."""
    numerals: Mapping[str, int] = field(default_factory=dict, hash=False)
    """Numeral character → value (``numerals.tsv``): values 0-9 are digits, 10 and more units."""
    citation_notes: tuple[str, ...] = ()
    """Regular expressions of words written before a note number in a bracketed mark
    (``[note 3]``; ``citation_marks.tsv`` kind ``note``)."""
    citation_tags: tuple[str, ...] = ()
    """Regular expressions of whole bracketed maintenance tags (``[citation needed]``;
    ``citation_marks.tsv`` kind ``tag``)."""
    function_words: frozenset[str] = frozenset()
    """Lower-case words that are no content words of a name (``function_words.txt``)."""
    name_heads: Mapping[str, NameHead] = field(default_factory=dict, hash=False)
    """Generic head word that ends a name → its concept and type (``name_heads.tsv``)."""
    name_tails: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """Entity type → stems of the lower-case words a name of that type may end with, longest
    first (``name_tails.tsv``: Latvian ``LOC`` ``novad``, ``PER`` ``kundz``); a type without
    rows keeps its lower-case last words."""
    place_parts: tuple[str, ...] = ()
    """Lower-case words naming a part of a place written next to it (``dienvidu`` "southern",
    ``东部``), longest first (``place_parts.txt``; Chinese in Simplified script): a name's span
    ends before them."""
    organization_heads: tuple[str, ...] = ()
    """Words (Latvian: stems, a case ending follows) that make the name right before them part of
    an organization's name, longest first (``organization_heads.txt``; Chinese in Simplified
    script)."""
    organization_suffixes: tuple[str, ...] = ()
    """Words that end an organization's name written after a name and a few common nouns, in an
    unspaced script, longest first (``organization_suffixes.txt``: Chinese ``局``, ``委员会``;
    :func:`pipeline.ner.stage.take_in_organization_words`)."""
    place_heads: tuple[str, ...] = ()
    """Stems of common nouns (a case ending follows) that make the name right before them part of
    a place's name, longest first (``place_heads.txt``: Latvian ``līc`` of ``Rīgas līcis``)."""
    word_lexicon: str | None = None
    """A lemmatizer model (path under the models folder) whose dictionary tells common words
    from names (:mod:`pipeline.ner.lexicon`; Latvian ``lemma-lv-stanza``), or none."""
    organization_kinds: tuple[str, ...] = ()
    """Stems of common nouns for a kind of organization (Latvian ``uzņēmum``, ``grup``,
    ``bank``) after which a quoted name is that organization's (``firmas «Statter»``;
    :func:`pipeline.ner.stage.tag_quoted_organizations`)."""
    organization_parts: tuple[str, ...] = ()
    """Stems of lower-case nouns for what an organization has (Latvian ``vald``, ``darbiniek``,
    ``dibinātāj``: its board, staff, founder) before which a quoted name is that organization's
    (``«Apple» dibinātāja``; :func:`pipeline.ner.stage.tag_quoted_organizations`)."""
    institution_heads: tuple[str, ...] = ()
    """Stems of lower-case nouns for an institution that, after a place named in the genitive,
    the language's corpora annotate inside the institution's name (Latvian ``klīnik``,
    ``vidusskol``, ``ministrij``: ``Cēsu klīnikā``;
    :func:`pipeline.ner.stage.take_in_institution_heads`)."""
    place_type_heads: tuple[str, ...] = ()
    """Stems of lower-case words that make an organization's span ending in one a place
    (Latvian ``novad``, ``ezer``, ``tilt``: ``Priekules novada``, ``Dzelzceļa tilts`` tagged
    ORG are places; :func:`pipeline.ner.stage.type_place_heads`)."""
    name_conjunctions: tuple[str, ...] = ()
    """Words that join two names of one kind (``Rute un Timotejs``, ``Smith and Jones``): a
    one-word name joined to a person is a person too (:func:`pipeline.ner.stage.
    agree_coordinated_persons`)."""
    demonym_suffixes: tuple[str, ...] = ()
    """Endings that make a listed name a derived word that names no entity (Chinese ``人``,
    ``语``: ``阿塞拜疆人`` the Azerbaijanis, ``阿塞拜疆语`` their language;
    :mod:`pipeline.align.translated_recall`)."""
    people_plural_endings: tuple[str, ...] = ()
    """Endings that make the name of a language in this language (CLDR, through Babel) the name
    of its people in the plural (English ``s``: ``Armenians``, ``Azerbaijanis``): a people is
    no person, place or organization (:func:`pipeline.ner.peoples.people_plurals`). Empty where
    the language writes its peoples in lower case (Latvian ``armēņi``) or derives them from the
    place (Chinese: :attr:`demonym_suffixes`)."""
    list_separators: tuple[str, ...] = ()
    """Marks and words between the names of an enumeration (``,``, ``and``; ``、``, ``和``)."""
    list_conjunctions: tuple[str, ...] = ()
    """Those of :attr:`list_separators` that make a run of names an enumeration (``and``,
    ``un``, ``、``; a comma alone also stacks an address: ``Blackburn, Lancashire, England``):
    the names of an enumeration are of one kind (:func:`pipeline.ner.stage.agree_listed_types`)."""
    house_number_heads: tuple[str, ...] = ()
    """Stems of street words (a case ending follows) after which a house number belongs to the
    place's name (Latvian ``iel``, ``bulvār``: ``Lašu ielā 1A``, ``Vecpilsētas iela 13/15``), as
    the language's annotated corpora take it in."""
    titles_before: tuple[str, ...] = ()
    """Titles written before a person's name (``Sen.``, ``参议员``), longest first
    (``person_titles.tsv`` place ``before``; Chinese in Simplified script)."""
    courtesy_titles: tuple[str, ...] = ()
    """The titles among :attr:`titles_before` that precede nothing but a person's name (``Mrs``,
    ``Mr.``; ``person_titles.tsv`` place ``courtesy``): the capitalized words after one are a
    person's name whatever a tagger said (``Mrs May``)."""
    titles_after: tuple[str, ...] = ()
    """Titles written after a person's name (``先生``), longest first: cut out of person spans."""
    titles_in_span: tuple[str, ...] = ()
    """Titles written after a person's name that the language's corpora annotate inside the person
    span (Latvian ``kundze``): kept in the span, left out of the mention's lemma."""

    @property
    def digits(self) -> Mapping[str, int]:
        """The :attr:`numerals` with a value below ten."""
        return {ch: v for ch, v in self.numerals.items() if v < 10}

    @property
    def units(self) -> Mapping[str, int]:
        """The :attr:`numerals` of ten and more (they multiply the digit before them)."""
        return {ch: v for ch, v in self.numerals.items() if v >= 10}

    def to_name_script(self, text: str) -> str:
        """``text`` through :attr:`name_script` (unchanged where there is none)."""
        return convert(text, self.name_script)

    def to_model_script(self, text: str) -> str:
        """``text`` through :attr:`model_script` and with :attr:`name_dots` read as ``·``, same
        length (unchanged where there are none)."""
        converted = same_length(text, self.model_script)
        if self.model_plain_latin:
            converted = converted.translate(_PLAIN_LATIN)
        return converted.translate(_dot_table(self.name_dots)) if self.name_dots else converted


def _plain_latin_table() -> dict[int, str]:
    """Latin letters with diacritics (Latin-1 Supplement, Latin Extended-A and -B) → their base
    letter, where Unicode decomposes them so."""
    table = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if ch.isalpha() and base != ch and base.isascii():
            table[code] = base
    return table


_PLAIN_LATIN = _plain_latin_table()


@cache
def _dot_table(dots: str) -> dict[int, str]:
    """``str.translate`` table reading each of ``dots`` as ``·``."""
    return {ord(c): "·" for c in dots}


NEUTRAL = LanguageDefaults(code="und")
"""The defaults of a language without a folder: no data, words separated by spaces."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML keeps the last one silently)."""


def _unique_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ValueError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)

_SETTING_TYPES: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "script": str,
    "spaced": bool,
    "inflected": bool,
    "capitals": str,
    "glides": str,
    "hard_c": bool,
    "articles": tuple,
    "legal_forms": tuple,
    "possessive": bool,
    "possessive_particles": tuple,
    "ordinal_hyphen": bool,
    "name_script": tuple,
    "model_script": (str, type(None)),
    "name_dots": str,
    "model_plain_latin": bool,
    "quoted_names_in_span": bool,
    "cldr_locales": tuple,
    "proper_capitals": bool,
    "genitive_endings": tuple,
    "modifier_conjunctions": tuple,
    "house_number_heads": tuple,
    "name_conjunctions": tuple,
    "list_separators": tuple,
    "demonym_suffixes": tuple,
    "people_plural_endings": tuple,
    "list_conjunctions": tuple,
    "place_type_heads": tuple,
    "organization_kinds": tuple,
    "institution_heads": tuple,
    "organization_parts": tuple,
    "word_lexicon": (str, type(None)),
    "plural_endings": tuple,
    "locative_endings": tuple,
    "clause_conjunctions": tuple,
    "complement_conjunctions": tuple,
    "qualifier_prepositions": tuple,
    "administration_words": tuple,
    "hypocorism_endings": tuple,
    "kinship_words": tuple,
    "until_words": tuple,
    "before_words": tuple,
}
"""The keys of ``language.yaml``, all required, and their types."""


def _settings(lang: str) -> dict[str, Any]:
    path = LANG_DIR / lang / SETTINGS_FILE
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    if not isinstance(raw, dict) or set(raw) != set(_SETTING_TYPES):
        got = sorted(raw) if isinstance(raw, dict) else raw
        raise ValueError(f"{path}: keys must be {sorted(_SETTING_TYPES)}, got {got}")
    out = {}
    for key, kind in _SETTING_TYPES.items():
        value = tuple(raw[key]) if kind is tuple and isinstance(raw[key], list) else raw[key]
        if not isinstance(value, kind):
            raise ValueError(f"{path}: {key} must be {kind}, got {value!r}")
        if isinstance(value, tuple) and not all(isinstance(item, str) for item in value):
            # YAML reads an unquoted on, no, yes, off as a boolean: quote such words
            raise ValueError(f"{path}: {key} must list words, got {value!r}")
        out[key] = value
    return out


def _unique(lang: str, name: str, items: list[str]) -> None:
    dupes = sorted({x for x in items if items.count(x) > 1})
    if dupes:
        raise ValueError(f"pipeline/lang/{lang}/{name}: duplicate entries {dupes}")


def _words(lang: str, name: str) -> tuple[str, ...]:
    """The entries of a one-word-a-line file, checked for duplicates, in file order."""
    items = list(read_lines(lang, name))
    _unique(lang, name, items)
    return tuple(items)


def _longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(items, key=len, reverse=True))


def _columns(lang: str, name: str, count: int) -> list[list[str]]:
    rows = [line.split("\t") for line in read_lines(lang, name)]
    for row in rows:
        if len(row) != count:
            raise ValueError(f"pipeline/lang/{lang}/{name}: want {count} columns, got {row}")
    _unique(lang, name, ["\t".join(row) for row in rows])
    return rows


def _numerals(lang: str) -> dict[str, int]:
    rows = _columns(lang, "numerals.tsv", 2)
    _unique(lang, "numerals.tsv", [ch for ch, _ in rows])
    return {ch: int(value) for ch, value in rows}


def _name_tails(lang: str) -> dict[str, tuple[str, ...]]:
    tails: dict[str, list[str]] = defaultdict(list)
    for label, stem in _columns(lang, "name_tails.tsv", 2):
        tails[label].append(stem)
    return {label: _longest_first(tuple(stems)) for label, stems in tails.items()}


def _name_heads(lang: str) -> dict[str, NameHead]:
    rows = _columns(lang, "name_heads.tsv", 3)
    _unique(lang, "name_heads.tsv", [head for head, _, _ in rows])
    return {head: NameHead(concept, label) for head, concept, label in rows}


def _titles(lang: str) -> dict[str, tuple[str, ...]]:
    rows = _columns(lang, "person_titles.tsv", 2)
    for place, _ in rows:
        if place not in TITLE_PLACES:
            raise ValueError(f"pipeline/lang/{lang}/person_titles.tsv: unknown place {place!r}")
    return {
        place: _longest_first(tuple(t for p, t in rows if p == place)) for place in TITLE_PLACES
    }


def _sentence_initial(titles: tuple[str, ...]) -> tuple[str, ...]:
    """``titles`` and, for those written in lower case (``kapteinis``), the form a sentence
    begins with (``Kapteinis``)."""
    return tuple(dict.fromkeys(titles + tuple(t[:1].upper() + t[1:] for t in titles)))


def _citations(lang: str) -> dict[str, tuple[str, ...]]:
    rows = _columns(lang, "citation_marks.tsv", 2)
    for kind, _ in rows:
        if kind not in CITATION_KINDS:
            raise ValueError(f"pipeline/lang/{lang}/citation_marks.tsv: unknown kind {kind!r}")
    return {kind: tuple(p for k, p in rows if k == kind) for kind in CITATION_KINDS}


@cache
def defaults(lang: str) -> LanguageDefaults:
    """The defaults of ``lang`` from ``pipeline/lang/<lang>/`` (cached); :data:`NEUTRAL` values
    for a code that has no folder there. Raises ``ValueError`` on a malformed or duplicated
    entry and ``FileNotFoundError`` when a supported language lacks one of :data:`FILES`."""
    folder = LANG_DIR / lang
    if not (folder / SETTINGS_FILE).is_file():
        if lang in SUPPORTED:
            raise FileNotFoundError(f"{folder / SETTINGS_FILE} is missing")
        return LanguageDefaults(code=lang)
    for name in FILES:
        if not (folder / name).is_file():
            raise FileNotFoundError(f"{folder / name} is missing")
    citations = _citations(lang)
    titles = _titles(lang)
    return LanguageDefaults(
        code=lang,
        **_settings(lang),
        case_endings=_longest_first(_words(lang, "case_endings.txt")),
        nominative_endings=_longest_first(_words(lang, "nominative_endings.txt")),
        ordinal_suffixes=_words(lang, "ordinal_suffixes.txt"),
        numerals=MappingProxyType(_numerals(lang)),
        citation_notes=citations["note"],
        citation_tags=citations["tag"],
        function_words=frozenset(_words(lang, "function_words.txt")),
        name_heads=MappingProxyType(_name_heads(lang)),
        organization_heads=_longest_first(_words(lang, "organization_heads.txt")),
        organization_suffixes=_longest_first(_words(lang, "organization_suffixes.txt")),
        place_heads=_longest_first(_words(lang, "place_heads.txt")),
        place_parts=_longest_first(_words(lang, "place_parts.txt")),
        name_tails=MappingProxyType(_name_tails(lang)),
        titles_before=_longest_first(_sentence_initial(titles["before"]) + titles["courtesy"]),
        courtesy_titles=titles["courtesy"],
        titles_after=titles["after"],
        titles_in_span=titles["after_in_span"],
    )


def supported() -> tuple[LanguageDefaults, ...]:
    """The defaults of every supported language, in :data:`SUPPORTED` order."""
    return tuple(defaults(lang) for lang in SUPPORTED)


def all_capitals() -> str:
    """Every supported language's :attr:`~LanguageDefaults.capitals`, each letter once."""
    return "".join(dict.fromkeys(ch for d in supported() for ch in d.capitals))


def languages_written_in(script: str) -> tuple[str, ...]:
    """The supported languages whose :attr:`~LanguageDefaults.script` is ``script``."""
    return tuple(d.code for d in supported() if d.script == script)


def data_files() -> list[Path]:
    """Every file :func:`defaults` reads (for cache digests of code built on them)."""
    return [LANG_DIR / lang / name for lang in SUPPORTED for name in FILES]


FIELDS = tuple(f.name for f in fields(LanguageDefaults))
"""The names of the :class:`LanguageDefaults` fields."""
