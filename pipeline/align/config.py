"""What the alignment step is configured with, and the name key that groups mentions.

:class:`AlignConfig` holds the signals that may be switched off (the ablation in
``benchmarks/entity_link_eval``) and every threshold of :mod:`pipeline.align.cluster`;
:func:`group_key` is the normalized name key under those signals, which the document stage
:mod:`pipeline.align.names` also computes (so it lives apart from the clustering that uses it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.align.normalize import english_base, is_han, stem, to_simplified, tokens, unquote
from pipeline.lang.defaults import defaults
from pipeline.records import Mention

ALL_SIGNALS = (
    "lemma",
    "lv_rules",
    "opencc",
    "cldr",
    "geonames",
    "alias",
    "name_parts",
    "short_forms",
    "acronym",
    "translit",
    "type",
    "embedding",
    "context",
    "cooccurrence",
    "pivot",
    "scorer",
    "heads",
    "parallel",
    "same_sentence",
)
"""Signals that can be switched off one at a time (the ablation in ``benchmarks/align_eval``).
``same_sentence`` is a constraint: two names found as different mentions of one sentence are
different entities."""

DEFAULT_SIGNALS = frozenset(ALL_SIGNALS) - {"context", "embedding"}
"""The default: every signal but the multilingual-e5 embeddings of names and of each mention's
sentence (encoding them cost most of a run, and with the learned name scorer they changed no
merge on the NTREX dev gold: ``benchmarks.entity_link_eval --ablation``)."""


@dataclass(frozen=True)
class AlignConfig:
    """Thresholds and the enabled signals."""

    signals: frozenset[str] = DEFAULT_SIGNALS
    translit_long: float = 0.85
    """Transliteration similarity needed when the shorter skeleton has ≥ 5 classes."""
    translit_mid: float = 0.9
    """... when it has 3–4 classes."""
    translit_alone: float = 0.95
    """Similarity at which a long name merges without context support."""
    translit_slack: float = 0.05
    """A pair this far below the transliteration threshold still merges with two supports."""
    roman_short_min: float = 0.75
    """Names of one or two consonant classes also need this plain romanization similarity."""
    surname_roman_min: float = 0.6
    """Spelling similarity a bare surname needs with the full name's last token."""
    same_lang_roman_min: float = 0.8
    """Spelling similarity two different names of one language need (Mutalibov/Mutallibov)."""
    roman_mid_min: float = 0.5
    """... and names of three or four classes this much (``Ingushetia`` and ``南奥塞梯`` share
    the skeleton NST, not the spelling)."""
    context_min: float = 0.84
    """Context-embedding cosine (mean of the mentions' sentences) that counts as support."""
    name_support_min: float = 0.85
    """Name-embedding cosine that counts as support for a transliteration match."""
    name_embedding_min: float = 0.9
    """Name-embedding cosine for merges of translated names (cross-lingual only; these also
    need context or co-occurrence support, and some transliteration or shared name parts)."""
    name_translit_min: float = 0.6
    """... the transliteration similarity such a merge needs when no name parts are shared."""
    max_block: int = 200
    """Blocking keys shared by more groups than this are too common to block on."""
    scorer_alone: float = 0.75
    """Learned name-scorer cosine at which two names of different languages merge on their own."""
    scorer_supported: float = 0.65
    """... and with co-occurrence support (a shared neighbour entity or year in their sentences)."""
    parenthesis_min: float = 0.5
    """... for a name glossed in parentheses right after another (``Krisu Kūnsu (Chris Coons)``:
    the text itself says they are one)."""
    scorer_with_rules: float = 0.55
    """... at which two names of several words and one type merge when the transcription rules
    (:mod:`pipeline.align.phonetic`) also find them alike (``translit_alone``, skeletons of ≥ 4
    consonant classes): two independent readings of the sound agree (``Terēza Meja`` /
    ``Theresa May``, which the scorer alone leaves apart; one word says too little:
    ``Kleenex`` / ``克倫蕭``, Crenshaw)."""
    scorer_full_name: float = 0.7
    """... at which two full person names of one language are one name spelled two ways (the
    scorer puts ``Heydar`` / ``Ilham Aliyev`` near 0.57)."""
    scorer_word: float = 0.5
    """... that each word of a several-word name needs with its counterpart."""
    scorer_variant: float = 0.75
    """... at which two names of one language count as variants of one name."""
    scorer_top: int = 3
    """Nearest names of each other language scored per name."""
    scorer_surname: float = 0.65
    """Learned name-scorer cosine at which a surname alone in one language reads as the surname of
    a full name in another (:func:`_merge_surnames_across`)."""
    one_word_min: float = 0.9
    """Transcription similarity at which a Latvian one-word place name reads like a name of two
    or three words run together (``Sandjego`` / ``San Diego``; :func:`_written_as_one_word`)."""
    copied_spelling: float = 0.8
    """Spelling similarity (Indel, folded) that a Latin-script name a Chinese text copies needs
    with an English name for the scorer to join them (:func:`_copied_spellings`)."""
    scorer_over_type: float = 0.75
    """Learned name-scorer cosine at which a cross-language match outweighs a type disagreement
    between two taggers (one side a single language's name, no language on both sides)."""
    parallel_rounds: int = 3
    """Rounds of step 3e: a round's joins account for names in other sentence pairs, which may
    then leave one name on each side."""
    parallel_votes: int = 1
    """Aligned sentence pairs that must propose two entities before they merge (step 3e)."""
    parallel_sound_min: float = 0.65
    """Where an aligned sentence pair leaves several names on a side (step 3e), two that sound
    alike at this name-scorer cosine pair up (when they do so one to one), as two that translate
    each other part by part do."""
    parallel_meaning_min: float = 0.9
    """... and two whose names mean the same at this cosine of the multilingual e5 encoder's
    vectors of the bare names (``Team USA`` / ``美國隊``: names no dictionary here glosses
    word for word)."""
    parallel_meaning_nearest: float = 0.83
    """... or at this cosine, where each is the other's nearest among the names of its type that
    the sentence pair leaves, by :attr:`parallel_meaning_margin` over the next nearest
    (``Spānijas valdība`` / ``西班牙政府``, ``Judiciary Committee`` / ``司法委员会``): a translated
    name's vectors are close, but so are two names of one kind (``Supreme Court`` /
    ``Finanšu ministrija``, just below). Only names of two parts or more
    (:func:`pipeline.align.normalize.several_parts`) are compared so, embedded in one batch,
    and not persons' (transcribed, not translated), names that knowledge identifies or names
    sharing a word."""
    parallel_meaning_margin: float = 0.03
    """See :attr:`parallel_meaning_nearest`."""
    parallel_two_names: int = 3
    """Aligned sentence pairs that outweigh two names of one language (step 3e): one language
    may name a thing two ways (``特朗普`` and Taiwan's ``川普`` for Trump; ``利物浦`` and
    ``利物浦队`` for Liverpool FC), which name similarity alone may not assume (``Derby`` /
    ``Derbyshire``, ``Russia`` / ``Russian Empire``), but this many translated sentences naming
    one where the other names the other are the direct evidence it takes, unless the names
    sound nothing alike (a name-scorer cosine below 0)."""
    parallel_dominance: int = 3
    """A partner proposed for an entity blocks another only when this many times its votes
    exceed the other's (step 3e): a pair proposed by three times as many aligned sentences as
    any rival wins."""
    parallel_scorer_min: float = 0.15
    """... and the name-scorer cosine a pair proposed by one sentence pair only needs (a
    translated name scores low, a different name that the other side's tagger missed lower),
    unless the two names translate each other part by part."""
    parallel_cross_type_min: float = 0.4
    """... that a pair of two types needs: the one name a sentence leaves and the one its
    translation leaves, typed differently by the two taggers (``Phenjana`` PER / ``Pyongyang``
    LOC)."""
    context_sentences: int = 2
    """Sentences per group averaged into its context vector."""
    context_chars: int = 100
    """Characters of the sentence kept on each side of a mention for its context vector."""

    def on(self, signal: str) -> bool:
        return signal in self.signals


def latin_words(text: str) -> bool:
    """A name written in Latin letters (``Dolly Menga`` in a Chinese text): keyed word by word,
    as in English, so that its surname alone (``Menga``) is a part of it."""
    return any(c.isascii() and c.isalpha() for c in text) and not any(is_han(c) for c in text)


def group_key(mention: Mention, config: AlignConfig) -> str:
    """Normalized name key of a mention under the enabled normalization signals."""
    lemma = unquote(mention.lemma or "") or None if config.on("lemma") else None
    text = unquote(mention.text) or mention.text.strip()
    language = defaults(mention.lang)
    if is_han(text) or (language.name_script and not latin_words(text)):
        simple = to_simplified(text) if config.on("opencc") else text
        return re.sub(r"[\s·・‧•]+", "·", simple).strip("·")
    if language.inflected:
        words = tokens(lemma or text)
        if config.on("lv_rules"):
            return " ".join(stem(w, mention.lang) for w in words)
        return " ".join(w.lower() for w in words)
    return " ".join(t.lower() for t in tokens(english_base(lemma or text, mention.lang)))


def text_key(text: str, lang: str, config: AlignConfig) -> str:
    """:func:`group_key` of a name written ``text`` in ``lang`` (a part of a name: its owner, its
    core, its last word), as if a mention of its own."""
    return group_key(Mention(0, 0, text, "", lang, 0), config)
