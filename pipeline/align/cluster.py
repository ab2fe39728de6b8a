"""Cluster entity mentions within and across documents and languages into entity records.

The procedure, precision first:

1. **Name groups.** Mentions with the same normalized name key (:mod:`pipeline.align.normalize`:
   Latvian stems, OpenCC Simplified, English without articles; a Chinese text's Latin-script
   name word by word, like English) and a compatible type form one group ("one name, one sense"
   within a language).
2. **Name parts.** A one-token person name (``Aliyev``) joins the full name (``Heydar Aliyev``)
   of the same language when exactly one full name with that last token exists in its documents
   (or, for an East Asian name written family name first, that first token: ``Kim`` / ``Kim Jong
   Un``); else a given name, the one full name it begins (``LeBron`` / ``LeBron James``), unless
   a kinship word stands beside it (``his father Robert``). Short forms stand for the one
   longer name of their documents: an organization's name without its owner (``Judiciary
   Committee``) or its qualifying phrase (``National Trust``), a place without its generic head
   (``Pinellas`` / ``Pinellas County``), a team named by its place called by its last word
   (``Lakers`` / ``Los Angeles Lakers``), a name clipped as nicknames are (``Shaq`` / ``Xherdan
   Shaqiri``).
3. **Knowledge.** Groups whose keys resolve to the same CLDR / GeoNames / alias identifier merge.
4. **Candidates.** Remaining group pairs are *blocked* on transliteration skeleton bigrams and
   token skeletons (never all pairs), then scored: transliteration similarity, type agreement,
   context embedding similarity (multilingual-e5 over the mentions' sentences) and
   co-occurrence (shared years and shared already-merged neighbours in the same sentences).
5. **Constraints.** A merge never joins clusters with disjoint knowledge identifiers (Armenia vs
   Azerbaijan), person clusters whose full names in one language differ in a given name
   (Heydar vs Ilham Aliyev), or a person with a non-person.

Every cross-group merge is recorded as evidence (signals and scores); an entity's confidence is
its weakest merge.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from rapidfuzz.distance import Indel

from pipeline.align import heads, knowledge, lexicon, names, parallel, phonetic, recall
from pipeline.align.config import DEFAULT_SIGNALS, AlignConfig, group_key, latin_words, text_key
from pipeline.align.names import coarse_label
from pipeline.align.normalize import (
    base_form,
    english_base,
    fold,
    is_han,
    latin_word_set,
    several_parts,
    to_simplified,
    tokens,
    unquote,
)
from pipeline.align.unionfind import UnionFind
from pipeline.encoders import embed
from pipeline.events.patterns import word_alternatives
from pipeline.kb.ids import entity_id, mention_id
from pipeline.kb.model import EntityEvidence, EntityRecord, confidence
from pipeline.lang.defaults import defaults
from pipeline.ner.consistency import NAME_DOTS
from pipeline.ops.progress import ProgressHook, ignore
from pipeline.records import AnalyzedDocument, Mention

PERSON = "PER"
ORGANIZATION = "ORG"
LOCATION = "LOC"
_YEAR = re.compile(r"^-?\d{4}")
_DIGITS = re.compile(r"\d+")
_INITIALS = re.compile(r"(?<![\w])([A-Z])\.")

DISPLAY_ORDER = ("en", "lv", "zh")
"""Which language's name an entity record shows first (English when it has one, as the KB's
lingua franca)."""


def _roman_similarity(a: str, b: str) -> float:
    return Indel.normalized_similarity(phonetic.romanized(a), phonetic.romanized(b))


@dataclass
class MentionRef:
    """One mention, located."""

    doc: int
    index: int
    mention: Mention


@dataclass
class NameGroup:
    """Mentions sharing one normalized name in one language."""

    gid: int
    lang: str
    key: str
    labels: Counter[str] = field(default_factory=Counter)
    refs: list[MentionRef] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    bases: Counter[str] = field(default_factory=Counter)
    ids: dict[str, str] = field(default_factory=dict)
    pivots: dict[str, str] = field(default_factory=dict)
    """Language-neutral keys → source (:func:`pipeline.align.names.pivot_keys`)."""
    vector: np.ndarray | None = None
    """The learned name scorer's vector of ``display``."""

    @property
    def forced(self) -> str | None:
        """The type the name knowledge implies (countries, cities → LOC; bodies → ORG)."""
        if any(i.startswith("org:") for i in self.ids):
            return "ORG"
        return "LOC" if any(not i.startswith("lang:") for i in self.ids) else None

    @property
    def label(self) -> str:
        """The knowledge type, else the type a generic head implies (``利文斯顿队``, a team: ORG,
        whatever the tagger said), else the most frequent coarse label of its mentions."""
        if self.forced:
            return self.forced
        headed = heads.split_head(self.display, self.lang)
        if headed is not None:
            return headed.label
        return sorted(self.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def display(self) -> str:
        """The most frequent base form (the first counted among equals)."""
        return max(self.bases, key=self.bases.__getitem__)

    @property
    def key_tokens(self) -> list[str]:
        return self.key.split(" ") if not is_han(self.key) else tokens(self.key)

    @property
    def word_count(self) -> int:
        """Words of the name as written: a hyphenated word is one (``al-Moualem``, whose key
        has two tokens); Han names count their key's tokens."""
        return len(self.key_tokens) if is_han(self.key) else len(self.display.split())


_PARENTHESIS = re.compile(r"^[\u4e00-\u9fff]{0,3}\s*[(（]\s*(?:[A-Z][a-z]{0,3}\.\s*)?$")


def _parenthetical(between: str) -> bool:
    """The text between two names says the second glosses the first: ``X (Y``, also past a
    Chinese head or title of up to three characters written between the name and its gloss
    (``霍顿·米夫林·哈考特出版社（Houghton Mifflin Harcourt）``, ``梅首相 (Theresa May)``) and past
    an abbreviated title inside the bracket (``Kristīnes Bleisijas Fordas (Dr. Christine Blasey
    Ford)``)."""
    return bool(_PARENTHESIS.match(between.replace("“", "").replace("”", "").replace('"', "")))


class _Clusters(UnionFind):
    """Union-find over name groups with cluster-level constraint data."""

    def __init__(
        self,
        groups: list[NameGroup],
        docs: list[AnalyzedDocument] | None = None,
        full_name_min: float = 0.7,
    ) -> None:
        super().__init__(len(groups))
        self.full_name_min = full_name_min
        self.groups = groups
        self.docs = docs
        self.sentences: list[dict[tuple[int, int], list[tuple[int, int]]]] = []
        for g in groups:
            places: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
            if docs is not None:
                for r in g.refs:
                    places[(r.doc, r.mention.sentence)].append((r.mention.start, r.mention.end))
            self.sentences.append(places)
        self.ids: list[set[str]] = [set(g.ids) for g in groups]
        self.lang_labels: list[dict[str, Counter[str]]] = [
            {g.lang: Counter({g.label: len(g.refs)})} for g in groups
        ]
        self.full_names: list[dict[str, set[int]]] = [
            {g.lang: {g.gid}} if g.label == PERSON and len(g.key_tokens) > 1 else {} for g in groups
        ]
        self.evidence: list[list[dict[str, Any]]] = [[] for _ in groups]
        self.glossed: set[frozenset[int]] = set()
        """Pairs of groups one text glosses with the other in parentheses (one name)."""
        self.members: list[list[int]] = [[i] for i in range(len(groups))]

    def label(self, root: int) -> str:
        """The type name knowledge implies for the members that hold most of its mentions (a
        GeoNames city is a place, whatever two taggers said), else each language votes for its
        majority label with the weight of that majority's share (so one language's noisy tagger
        cannot outvote the others)."""
        forced: Counter[str] = Counter()
        for g in self.members[root]:
            group = self.groups[g]
            if group.forced:
                forced[group.forced] += len(group.refs)
        mentions = sum(len(self.groups[g].refs) for g in self.members[root])
        for label, n in forced.items():
            if 2 * n > mentions:
                return label
        votes: dict[str, float] = {}
        for counts in self.lang_labels[root].values():
            top, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            votes[top] = votes.get(top, 0) + n / sum(counts.values())
        return sorted(votes, key=lambda lab: (-votes[lab], lab))[0]

    def revote(self, root: int, group: NameGroup, label: str) -> None:
        """Count ``group``'s mentions (a member of ``root``) as ``label`` in the cluster's type."""
        counts = self.lang_labels[root][group.lang]
        counts[group.label] -= len(group.refs)
        counts[label] += len(group.refs)
        if counts[group.label] <= 0:
            del counts[group.label]

    def label_support(self, root: int) -> int:
        """Mentions that carry the cluster's label (a label seen once or twice may be noise)."""
        label = self.label(root)
        if any(self.groups[g].forced == label for g in self.members[root]):
            return 10**6
        return sum(c.get(label, 0) for c in self.lang_labels[root].values())

    def conflict(self, a: int, b: int, use_type: bool, same_sentence: bool = True) -> str | None:
        """Why clusters ``a`` and ``b`` (roots) must stay apart, or ``None``. With ``use_type``
        off, type disagreement does not count; with ``same_sentence`` off, neither do two names
        in one sentence (a surname after the full name: ``Donald Trump ... Trump said``)."""
        if self.ids[a] and self.ids[b] and not (self.ids[a] & self.ids[b]):
            return "knowledge"
        la, lb = self.label(a), self.label(b)
        if use_type and la != lb and min(self.label_support(a), self.label_support(b)) >= 3:
            return "type"
        if same_sentence and self.docs is not None and self.shared_sentence(a, b):
            return "same sentence"
        for lang in set(self.full_names[a]) & set(self.full_names[b]):
            for ga in self.full_names[a][lang]:
                for gb in self.full_names[b][lang]:
                    if not self.same_full_name(self.groups[ga], self.groups[gb]):
                        return "full names differ"
        return None

    def one_tagger_each(self, a: int, b: int) -> bool:
        """Whether roots ``a`` and ``b`` share no language and one of them holds names of one
        language only (so a type disagreement is one tagger against another)."""
        la, lb = set(self.lang_labels[a]), set(self.lang_labels[b])
        return not (la & lb) and min(len(la), len(lb)) == 1

    def same_full_name(self, a: NameGroup, b: NameGroup) -> bool:
        """Two full names of one language name one person only when they are one name spelled
        two ways (``Declan Gallagher`` / ``Deklans Galagers`` in a Latvian text), not two given
        names with one surname (``Heydar`` / ``Ilham Aliyev``)."""
        if a.key == b.key or frozenset((a.gid, b.gid)) in self.glossed:
            return True
        if phonetic.translit_similarity(a.key, b.key, a.lang, b.lang) >= 0.9:
            return True
        if a.vector is None or b.vector is None:
            return False
        return float(a.vector @ b.vector) >= self.full_name_min

    def shared_sentence(self, a: int, b: int) -> bool:
        """Whether roots ``a`` and ``b`` both have a mention in one sentence (other than a name
        and its gloss in parentheses right after it: ``Toms Deilijs (Tom Daley)``, ``ANO (UN)``)."""
        pa, pb = self.sentences[a], self.sentences[b]
        if len(pa) > len(pb):
            pa, pb = pb, pa
        for place, spans in pa.items():
            other = pb.get(place)
            if other is None:
                continue
            text = self.docs[place[0]].text  # type: ignore[index]
            for x in spans:
                for y in other:
                    first, second = sorted((x, y))
                    if not _parenthetical(text[first[1] : second[0]]):
                        return True
        return False

    def union(self, a: int, b: int, evidence: dict[str, Any]) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.attach(rb, ra)
        self.ids[ra] |= self.ids[rb]
        for lang, counts in self.lang_labels[rb].items():
            self.lang_labels[ra].setdefault(lang, Counter()).update(counts)
        for lang, keys in self.full_names[rb].items():
            self.full_names[ra].setdefault(lang, set()).update(keys)
        self.evidence[ra] += self.evidence[rb] + [evidence]
        self.members[ra] += self.members[rb]
        for place, spans in self.sentences[rb].items():
            self.sentences[ra].setdefault(place, []).extend(spans)
        self.sentences[rb] = {}
        return ra


def build_groups(docs: list[AnalyzedDocument], config: AlignConfig) -> list[NameGroup]:
    """Step 1: group mentions by (language, name key): one name, one sense per language."""
    by_key: dict[tuple[str, str], NameGroup] = {}
    lemmas = _missing_lemmas(docs) if config.on("lemma") else {}
    for d, doc in enumerate(docs):
        for i, m in enumerate(doc.mentions):
            key = mention_group_key(m, config)
            label = coarse_label(m.label)
            gk = (m.lang, key)
            group = by_key.get(gk)
            if group is None:
                group = by_key[gk] = NameGroup(len(by_key), m.lang, key)
            group.labels[label] += 1
            group.refs.append(MentionRef(d, i, m))
            group.surfaces[m.text] += 1
            lemma = (m.lemma or lemmas.get((d, i))) if config.on("lemma") else None
            group.bases[base_form(m.text, m.lang, lemma)] += 1
    groups = list(by_key.values())
    missing = groups
    if config.signals == DEFAULT_SIGNALS:
        # Mentions the documents' names stage did not see (a document without the stage, a name
        # corpus recall added: pipeline.align.recall) get their features computed here.
        covered = _features_from_documents([d for d in docs if "names" in d.stages], by_key)
        missing = [g for g in groups if (g.lang, g.key) not in covered]
    sources = tuple(s for s in names.KNOWLEDGE_SOURCES if config.on(s))
    for g in missing:
        label = _ner_label(g)
        if sources:
            g.ids = names.knowledge_ids(g.key, g.lang, label, sources)
        if config.on("pivot"):
            surface = g.surfaces.most_common(1)[0][0]
            g.pivots = names.pivot_keys(g.display, surface, g.lang, label)
    return groups


def _missing_lemmas(docs: list[AnalyzedDocument]) -> dict[tuple[int, int], str]:
    """Nominative forms of Latvian mentions that came without one (the NER stage fills them;
    hand-built documents may not), so that a name is displayed and scored in its base form."""
    wanted = [
        (d, i)
        for d, doc in enumerate(docs)
        for i, m in enumerate(doc.mentions)
        if defaults(m.lang).inflected and m.lemma is None
    ]
    if not wanted:
        return {}
    from pipeline.ner.lemmatize import lemmatize_mentions

    found = lemmatize_mentions(
        [(docs[d].mentions[i].text, docs[d].mentions[i].label) for d, i in wanted]
    )
    return dict(zip(wanted, found, strict=True))


def _features_from_documents(
    docs: list[AnalyzedDocument], by_key: dict[tuple[str, str], NameGroup]
) -> set[tuple[str, str]]:
    """Fill groups from the ``names`` stage's per-document features (ids and pivot keys of all
    its documents; the vector of the group's display form); returns the (language, key) of the
    groups filled."""
    covered: set[tuple[str, str]] = set()
    for doc in docs:
        for n in doc.names:
            g = by_key.get((n.lang, n.key))
            if g is None:
                continue
            covered.add((n.lang, n.key))
            g.ids.update(n.ids)
            for k, source in n.pivots.items():
                g.pivots.setdefault(k, source)
            if n.vector and (g.vector is None or n.display == g.display):
                g.vector = names.vector_of(n.vector)
    return covered


def _ner_label(group: NameGroup) -> str:
    """The tagger's majority label of a group, knowledge aside."""
    return sorted(group.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def mention_group_key(mention: Mention, config: AlignConfig) -> str:
    """The key of the name group a mention belongs to."""
    return group_key(mention, config) or mention.text.strip() or "_"


def group_index(groups: list[NameGroup]) -> dict[tuple[int, int], int]:
    """(document index, mention index) → the name group of that mention."""
    return {(r.doc, r.index): g.gid for g in groups for r in g.refs}


def root_lookup(groups: list[NameGroup], clusters: _Clusters) -> Callable[[int, int], int | None]:
    """``root_of(document index, mention index)``: the cluster a mention belongs to so far, or
    ``None`` (a mention no group holds)."""
    group_of = group_index(groups)

    def root_of(d: int, i: int) -> int | None:
        gid = group_of.get((d, i))
        return None if gid is None else clusters.find(gid)

    return root_of


def _neighbour_sets(
    docs: list[AnalyzedDocument], groups: list[NameGroup], clusters: _Clusters
) -> tuple[list[set[int]], list[set[str]]]:
    """Per group: cluster roots named in its sentences, and years dated in them."""
    group_of = group_index(groups)
    by_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
    for (d, i), gid in group_of.items():
        by_sentence[(d, docs[d].mentions[i].sentence)].add(clusters.find(gid))
    years_by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for d, doc in enumerate(docs):
        for t in doc.times:
            if t.interval is not None and _YEAR.match(t.interval.start):
                years_by_sentence[(d, t.sentence)].add(t.interval.start[:4])
    neighbours: list[set[int]] = []
    years: list[set[str]] = []
    for g in groups:
        own = clusters.find(g.gid)
        n: set[int] = set()
        y: set[str] = set()
        for r in g.refs:
            key = (r.doc, r.mention.sentence)
            n |= by_sentence.get(key, set())
            y |= years_by_sentence.get(key, set())
        n.discard(own)
        neighbours.append(n)
        years.append(y)
    return neighbours, years


def _candidate_pairs(groups: list[NameGroup], config: AlignConfig) -> set[tuple[int, int]]:
    """Blocked candidate pairs: groups sharing a rare skeleton bigram or a token skeleton."""
    postings: dict[str, list[int]] = defaultdict(list)
    bigrams: list[set[str]] = []
    for g in groups:
        name = g.key if defaults(g.lang).inflected else g.display
        grams = phonetic.skeleton_bigrams(name, g.lang)
        bigrams.append(grams)
        for gram in grams:
            postings["b:" + gram].append(g.gid)
        for tok in phonetic.skeletons(name, g.lang):
            if len(tok) >= 3:
                postings["t:" + tok].append(g.gid)
    pairs: set[tuple[int, int]] = set()
    overlap: Counter[tuple[int, int]] = Counter()
    for key, ids in postings.items():
        if len(ids) > config.max_block:
            continue
        token_key = key.startswith("t:")
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = ids[x], ids[y]
                if token_key:
                    pairs.add((a, b))
                else:
                    overlap[(a, b)] += 1
    for (a, b), shared in overlap.items():
        need = max(1, (min(len(bigrams[a]), len(bigrams[b])) + 1) // 2)
        if shared >= need:
            pairs.add((a, b))
    return pairs


def context_window(doc: AnalyzedDocument, mention: Mention, chars: int) -> str:
    """The mention's sentence, cut to ``chars`` characters either side of the mention (short
    inputs keep the encoder fast; the nearby words carry most of the context)."""
    lo, hi = 0, len(doc.text)
    if 0 <= mention.sentence < len(doc.sentences):
        s = doc.sentences[mention.sentence]
        lo, hi = s.start, s.end
    window = doc.analysis_view[max(lo, mention.start - chars) : min(hi, mention.end + chars)]
    return " ".join(window.split())


def _context_vectors(
    docs: list[AnalyzedDocument], groups: list[NameGroup], wanted: set[int], config: AlignConfig
) -> dict[int, np.ndarray]:
    texts: dict[int, list[str]] = {}
    for gid in sorted(wanted):
        seen: list[str] = []
        for r in groups[gid].refs:
            sent = context_window(docs[r.doc], r.mention, config.context_chars)
            if sent and sent not in seen:
                seen.append(sent)
            if len(seen) >= config.context_sentences:
                break
        texts[gid] = seen
    flat = sorted({t for ts in texts.values() for t in ts})
    if not flat:
        return {}
    vectors = dict(zip(flat, embed.embed(flat), strict=True))
    out: dict[int, np.ndarray] = {}
    for gid, ts in texts.items():
        if ts:
            v = np.mean([vectors[t] for t in ts], axis=0)
            out[gid] = v / (np.linalg.norm(v) or 1.0)
    return out


def _last_word_key(group: NameGroup) -> str:
    """The key of a full name's last word, hyphenated surnames whole (``Black-Daley`` is not
    ``Daley``)."""
    if is_han(group.key):
        return group.key_tokens[-1]
    last = group.display.split()[-1]
    return text_key(last, group.lang, AlignConfig())


def _family_name_key(group: NameGroup) -> str | None:
    """The key of the family name of a romanized East Asian full name, written first (``Kim``
    of ``Kim Jong Un``; :func:`pipeline.align.phonetic.family_name_first`); none for other
    names."""
    if is_han(group.key) or not phonetic.family_name_first(group.display):
        return None
    first = group.display.split()[0]
    return text_key(first, group.lang, AlignConfig())


def _given_name_key(group: NameGroup) -> str | None:
    """The key of a full name's first word, its given name (``LeBron`` of ``LeBron James``,
    ``勒布朗`` of ``勒布朗·詹姆斯``); none for an East Asian name written family name first and
    for a Chinese name written without an interpunct (where its given name ends is unknown)."""
    if is_han(group.key):
        return group.key_tokens[0] if "·" in group.display and len(group.key_tokens) > 1 else None
    words = group.display.split()
    if (
        phonetic.family_name_first(group.display)
        or group.ids
        or len(words) > MAX_GIVEN_FULL_WORDS
        or not _GIVEN_NAME.match(words[0])
        or any(w.lower() in defaults(group.lang).function_words for w in words)
        or any(c.isdigit() for c in group.display)
    ):  # a citation's or a tagger's run of words (``James F. The Clash``, ``Aero L-29``)
        return None
    return text_key(words[0], group.lang, AlignConfig())


MAX_GIVEN_FULL_WORDS = 4
"""Words of a full name whose first word a given name alone may stand for."""
_GIVEN_NAME = re.compile(r"^[^\W\d_][^\W\d_'’-]+(?:-[^\W\d_]+)?$")
"""A given name: a word of two letters or more, perhaps hyphenated (``Jean-Christophe``), no
initial (``M.``)."""


KINSHIP_WORDS_BEFORE = 3
"""Words before a given name searched for a kinship word (``his late father Robert``) ..."""
KINSHIP_WORDS_AFTER = 2
"""... and after it (``Robert, his grandfather``); a third of the span in characters, twice
over, in a language written without spaces."""


@cache
def _kinship_pattern(lang: str) -> re.Pattern[str] | None:
    """Any of the language's ``kinship_words``, in the event lexicons' phrase syntax."""
    return word_alternatives(list(defaults(lang).kinship_words), lang)


def beside_kinship_word(text: str, mention: Mention) -> bool:
    """Whether a word naming a relative (the language's ``kinship_words``) stands right before
    or after ``mention`` in ``text``: ``his father Robert``, ``tēvam Robertam``, ``父亲罗伯特``."""
    pattern = _kinship_pattern(mention.lang)
    if pattern is None:
        return False
    if defaults(mention.lang).spaced:
        before = re.findall(r"\w+", text[max(0, mention.start - 60) : mention.start])
        after = re.findall(r"\w+", text[mention.end : mention.end + 40])
        around = " ".join(before[-KINSHIP_WORDS_BEFORE:] + after[:KINSHIP_WORDS_AFTER])
    else:
        around = text[max(0, mention.start - 2 * KINSHIP_WORDS_BEFORE) : mention.start]
        around += " " + text[mention.end : mention.end + 2 * KINSHIP_WORDS_AFTER]
    return pattern.search(around) is not None


def merge_evidence(
    rule: str, a: NameGroup, b: NameGroup, signals: dict[str, float], score: float, **extra: Any
) -> dict[str, Any]:
    """The evidence item of one merge (:class:`pipeline.kb.model.EntityEvidence`, ``docs/kb.md``);
    ``extra`` is its ``key`` (pivot merges) or ``id`` (knowledge merges)."""
    return EntityEvidence(
        names=[a.display, b.display],
        langs=sorted({a.lang, b.lang}),
        rule=rule,
        signals=signals,
        score=score,
        **extra,
    ).to_json()


def _merge_name_parts(
    docs: list[AnalyzedDocument], groups: list[NameGroup], clusters: _Clusters, config: AlignConfig
) -> None:
    """Step 2: one-token person names join the unique full name of their documents: a name some
    mention of which is tagged PER, or one no knowledge source knows (but as a small town,
    :func:`pipeline.align.knowledge.town_only`: ``Holts`` LOC, a town in Michigan, beside
    ``Gerija Holta``) that each of its documents names in that full name (``Kavanaugh`` tagged
    LOC ×5 beside ``Brett Kavanaugh``; not ``Washington`` beside ``George Washington``)."""
    full_by_last: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    full_by_first: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    full_by_given: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    # Full names the tagger typed ORG (``Lukas Lundvald Nielsen``; taggers trained on one genre
    # confuse persons and organizations), taken only by a one-word name tagged PER: no name
    # knowledge or generic head says they are organizations.
    untyped_by_last: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for g in groups:
        if g.word_count < 2:
            continue
        if g.label == PERSON:
            first, given = _family_name_key(g), _given_name_key(g)
            for doc in {r.doc for r in g.refs}:
                full_by_last[(g.lang, _last_word_key(g), doc)].add(g.gid)
                if first:
                    full_by_first[(g.lang, first, doc)].add(g.gid)
                if given:
                    full_by_given[(g.lang, given, doc)].add(g.gid)
        elif g.label == ORGANIZATION and not g.ids and heads.split_head(g.display, g.lang) is None:
            for doc in {r.doc for r in g.refs}:
                untyped_by_last[(g.lang, _last_word_key(g), doc)].add(g.gid)
    for (lang, last, doc), fulls in _unseparated_full_names(groups).items():
        full_by_last[(lang, last, doc)] |= fulls
    for g in groups:
        # ... in every document of the one-word name (a bare ``Nielsen`` that is the ratings
        # company in another text names no player there).
        keys = [(g.lang, g.key, doc) for doc in {r.doc for r in g.refs}]
        if (
            g.word_count == 1
            and PERSON in g.labels
            and not any(full_by_last.get(k) for k in keys)
            and all(untyped_by_last.get(k) for k in keys)
        ):
            for k in keys:
                full_by_last[k] |= untyped_by_last[k]
    for g in groups:
        # A one-word name some mention of which the tagger called a person (taggers type a bare
        # surname by its context: ``Kavanaugh`` LOC ×5, PER ×1), or one that no knowledge source
        # knows as a place or body (the guard below then wants the full name in each document).
        if g.word_count != 1 or (
            PERSON not in g.labels and g.ids and not knowledge.town_only(g.ids)
        ):
            continue
        found: set[int] = set()
        by_word = full_by_last
        for doc in {r.doc for r in g.refs}:
            found |= full_by_last.get((g.lang, g.key, doc), set())
        if not found and PERSON in g.labels:
            # No full name ends with it: the family name of an East Asian name, written first
            # (``Kim`` / ``Kim Jong Un``, ``Xi`` / ``Xi Jinping``).
            by_word = full_by_first
            for doc in {r.doc for r in g.refs}:
                found |= full_by_first.get((g.lang, g.key, doc), set())
        if (
            not found
            and g.label == PERSON
            and not g.ids
            and _GIVEN_NAME.match(g.display)
            and not any(beside_kinship_word(docs[r.doc].text, r.mention) for r in g.refs)
        ):
            # Nor begins one: a given name that stands for the one person of its documents so
            # named (``LeBron`` / ``LeBron James``, ``Eilidh`` / ``Eilidh Doyle``), unless it
            # names a relative (``his father Robert`` beside his grandson ``Robert Ray Black``).
            by_word = full_by_given
            for doc in {r.doc for r in g.refs}:
                found |= full_by_given.get((g.lang, g.key, doc), set())
        if len(found) > 1 and all(
            _variant(groups[a], groups[b], config) for a, b in itertools.combinations(found, 2)
        ):
            # one person written two ways (``Gerija Holta (Gary Holt)``): the way written most
            # often, not a tagger's run of several names ending in it
            found = {min(found, key=lambda f: (-len(groups[f].refs), groups[f].word_count, f))}
        if len(found) != 1:
            continue
        # A document without that full name where the name is never a person names something
        # else (``Nielsen`` the company in one text, the player's surname in another).
        person_docs = {r.doc for r in g.refs if r.mention.label == PERSON}
        if any(
            r.doc not in person_docs and not by_word.get((g.lang, g.key, r.doc)) for r in g.refs
        ):
            continue
        full = next(iter(found))
        ra, rb = clusters.find(g.gid), clusters.find(full)
        if ra != rb and clusters.conflict(ra, rb, g.label == PERSON, same_sentence=False) is None:
            if groups[full].label == PERSON and g.label != PERSON and len(g.refs) < 3:
                # the person's surname, which the tagger called something else once or twice: it
                # votes PER in the type of the cluster (``Al-Moualem`` ORG beside ``Walid
                # al-Moualem``); a name typed alike three times or more keeps its vote
                clusters.revote(ra, g, PERSON)
            evidence = merge_evidence("name_parts", g, groups[full], {"name_parts": 1.0}, 0.9)
            clusters.union(ra, rb, evidence)


MIN_HAN_GIVEN_NAME = 2
"""Characters the given name of a Chinese transcribed full name written without an interpunct
needs (``唐纳德`` of ``唐纳德特朗普``; a native name's one-character family name, ``习`` of
``习近平``, is no given name)..."""
MIN_HAN_SURNAME = 3
"""... and its surname, another person name of the document (``特朗普``; two characters, ``羅斯``,
also end ``巴列斯特羅斯``, Ballesteros, beside Justin Rose)."""


def _unseparated_full_names(groups: list[NameGroup]) -> dict[tuple[str, str, int], set[int]]:
    """(language, key, document) → Chinese person names of that document written without an
    interpunct that end in that key, another person name of the document (``唐纳德特朗普`` ends
    in ``特朗普``; :data:`MIN_HAN_GIVEN_NAME`, :data:`MIN_HAN_SURNAME`)."""
    single = [g for g in groups if g.label == PERSON and is_han(g.key) and len(g.key_tokens) == 1]
    names_in: dict[tuple[str, int], set[str]] = defaultdict(set)
    for g in single:
        for doc in {r.doc for r in g.refs}:
            names_in[(g.lang, doc)].add(g.key)
    out: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for g in single:
        for doc in {r.doc for r in g.refs}:
            for cut in range(MIN_HAN_GIVEN_NAME, len(g.key) - MIN_HAN_SURNAME + 1):
                if g.key[cut:] in names_in[(g.lang, doc)]:
                    out[(g.lang, g.key[cut:], doc)].add(g.gid)
    return out


MIN_SHORT_FORM_WORDS = 2
"""Words the short form of an organization's name needs (``Judiciary Committee``; one
word, ``Giants`` of ``Belfast Giants``, may name something else, unless the words before it name
a place: :func:`_merge_place_named_teams`)."""
MIN_SHORT_FORM_HAN = 3
"""... and characters, in Chinese (``国务院`` of ``中国国务院``; not ``豐田`` of ``英國豐田``)."""


def _short_form_words(group: NameGroup) -> tuple[list[str], list[str]]:
    """A name's words as compared with the end of another (its key's stems where names inflect,
    else its Simplified display; hyphens keep a word whole: ``Karabakh Republic`` does not end
    ``Nagorno-Karabakh Republic``), and its displayed words."""
    shown = to_simplified(group.display).replace("·", "").split()
    if defaults(group.lang).inflected and len(group.key.split(" ")) == len(shown):
        return group.key.split(" "), shown
    return shown, shown


def _merge_short_forms(groups: list[NameGroup], clusters: _Clusters) -> None:
    """Step 2d: an organization's name that ends another organization's name of its documents,
    after capitalized words naming whose it is, stands for that longer name there: ``Judiciary
    Committee`` after ``Senate Judiciary Committee``, ``Tieslietu komiteja`` after ``Senāta
    Tieslietu komiteju``,
    ``司法委员会`` after ``参议院司法委员会``. The short form needs :data:`MIN_SHORT_FORM_WORDS`
    words (:data:`MIN_SHORT_FORM_HAN` characters), the same type, and one such longer name in its
    documents."""
    by_doc_name: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for g in groups:
        if g.label == ORGANIZATION:
            for doc in {r.doc for r in g.refs}:
                by_doc_name[(g.lang, " ".join(_short_form_words(g)[0]), doc)].append(g.gid)
    longer: dict[int, set[int]] = defaultdict(set)  # short form → the longer names it ends
    for g in groups:
        if g.label != ORGANIZATION:
            continue
        words, shown = _short_form_words(g)
        if is_han(g.display):
            name = "".join(words)
            tails = [name[i:] for i in range(1, len(name) - MIN_SHORT_FORM_HAN + 1)]
        else:
            tails = [
                " ".join(words[i:])
                for i in range(1, len(words) - MIN_SHORT_FORM_WORDS + 1)
                if all(w[:1].isupper() for w in shown[:i])  # the owner: capitalized words
            ]
            # ... or that begins it before a qualifying phrase (``National Trust`` of
            # ``National Trust for Scotland``)
            qualifiers = defaults(g.lang).qualifier_prepositions
            tails += [
                " ".join(words[:i])
                for i in range(MIN_SHORT_FORM_WORDS, len(words) - 1)
                if shown[i] in qualifiers
            ]
        for doc in {r.doc for r in g.refs}:
            for tail in tails:
                for short in by_doc_name.get((g.lang, tail, doc), ()):
                    longer[short].add(g.gid)
    for short, found in sorted(longer.items()):
        if len(found) != 1:
            continue
        full = next(iter(found))
        ra, rb = clusters.find(short), clusters.find(full)
        # A short form may follow its full name in one sentence (``told the U.N. Security
        # Council that enforcement of Security Council sanctions must continue``).
        if ra != rb and clusters.conflict(ra, rb, True, same_sentence=False) is None:
            evidence = merge_evidence("short_form", groups[short], groups[full], {}, 0.85)
            clusters.union(ra, rb, evidence)


def _known_on_its_own(group: NameGroup) -> bool:
    """Knowledge knows the name as a thing of its own: an identifier, or a key from a source other
    than its own spelling (``UK``, ``加州``)."""
    return bool(group.ids) or any(source != "spelling" for source in group.pivots.values())


def _the_one_in_its_documents(
    group: NameGroup, index: dict[tuple[str, str, int], set[int]]
) -> int | None:
    """The one group that ``index`` gives under (language, key, document) for every document of
    ``group``, or ``None`` when some document gives none or they give more than one in all."""
    found = [index.get((group.lang, group.key, doc), set()) for doc in {r.doc for r in group.refs}]
    if not all(found) or len(fulls := set().union(*found)) != 1:
        return None
    return next(iter(fulls))


def _known_place(name: str, lang: str, config: AlignConfig) -> bool:
    """Whether knowledge knows ``name`` as a place: an identifier of a place, or a dictionary
    gloss with one (``Florida``: ``iso:US-FL``)."""
    return bool(names.knowledge_ids(text_key(name, lang, config), lang, LOCATION)) or any(
        ":" in gloss.key for gloss in lexicon.glosses(name, lang)
    )


def _merge_place_named_teams(
    groups: list[NameGroup], clusters: _Clusters, config: AlignConfig
) -> None:
    """Step 2f: an organization named by its place and one word (``Los Angeles Lakers``,
    ``Belfast Giants``, ``Manchester City``) is called by that word alone in its documents
    (``Lakers``, ``Giants``, ``City``): the one word, not a person and not a name knowledge
    knows on its own (``UK`` of ``Toyota UK``), joins the only such organization of each of its
    documents. The words before it must name a place: a place knowledge knows, or one the
    document names."""
    places = {
        (g.lang, g.key, doc)
        for g in groups
        if g.label == LOCATION
        for doc in {r.doc for r in g.refs}
    }
    owned: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for g in groups:
        words = unquote(g.display).split()
        if g.label != ORGANIZATION or len(words) < 2 or not defaults(g.lang).spaced:
            continue
        owner = " ".join(unquote(w) for w in words[:-1])
        owner_key = text_key(owner, g.lang, config)
        last = text_key(unquote(words[-1]), g.lang, config)
        known = _known_place(owner, g.lang, config)
        for doc in {r.doc for r in g.refs}:
            if known or (g.lang, owner_key, doc) in places:
                owned[(g.lang, last, doc)].add(g.gid)
    for g in groups:
        if g.word_count != 1 or g.label not in (ORGANIZATION, LOCATION) or PERSON in g.labels:
            continue
        full = _the_one_in_its_documents(g, owned)
        if full is None or _known_on_its_own(g):
            continue
        ra, rb = clusters.find(g.gid), clusters.find(full)
        if ra != rb and clusters.conflict(ra, rb, False) is None:
            evidence = merge_evidence("short_form", g, groups[full], {"owner": 1.0}, 0.85)
            clusters.union(ra, rb, evidence)


MIN_CLIPPED_LETTERS = 4
"""Letters a clipped name needs (``Shaq`` of ``Shaqiri``, ``Livi`` of ``Livingston``) ..."""
MIN_CLIPPED_REST = 2
"""... and letters the word it clips has beyond it (``Derby`` / ``Derbys`` is a spelling)."""
MIN_PET_STEM = 3
"""Letters the clipped start of a given name's pet form needs (``Rob`` of ``Robbie``)."""


def _pet_stem(key: str, endings: tuple[str, ...]) -> str | None:
    """The clipped start of a given name's pet form (``robbie`` → ``rob``, ``danny`` → ``dan``:
    an ending of ``hypocorism_endings`` off, a doubled consonant undoubled), or ``None``."""
    for ending in sorted(endings, key=len, reverse=True):
        if key.endswith(ending) and len(key) > len(ending):
            stem = key[: -len(ending)]
            if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                stem = stem[:-1]
            return stem if len(stem) >= MIN_PET_STEM else None
    return None


def _merge_clipped_names(groups: list[NameGroup], clusters: _Clusters) -> None:
    """Step 2g: a one-word name that is the beginning of a word of another name of its documents
    is that name clipped, as nicknames are (``Shaq`` for ``Xherdan Shaqiri``, ``Livi`` for
    ``Livingston``), and a person's pet form of a given name (``hypocorism_endings`` in
    ``language.yaml``) the person whose given name begins with its clipped start (``Robbie`` for
    ``Robert Ray Black-Daley``): it joins the one name of each of its documents with such a
    word, in a language written in Latin letters, when knowledge does not know the short name
    on its own and both are of one type (not ``Dērbija`` PER and ``Dērbijšīra`` ORG). Persons
    and organizations only: a place beginning another's name is another place (``Derby``, a
    city, beside ``Derbyshire``, its county)."""
    # (language, document) → (word, group, whether the word is a person's given name)
    words: dict[tuple[str, int], list[tuple[str, int, bool]]] = defaultdict(list)
    for g in groups:
        if is_han(g.display) or not defaults(g.lang).spaced:
            continue
        given = g.label == PERSON and g.word_count >= 2
        for doc in {r.doc for r in g.refs}:
            words[(g.lang, doc)].extend(
                (w, g.gid, given and n == 0) for n, w in enumerate(g.key_tokens)
            )
    for g in groups:
        if (
            g.word_count != 1
            or g.label == LOCATION
            or is_han(g.display)
            or len(g.key) < MIN_CLIPPED_LETTERS
            or lexicon.is_acronym(g.display)
            or _known_on_its_own(g)
        ):
            continue
        pet = _pet_stem(g.key, defaults(g.lang).hypocorism_endings) if g.label == PERSON else None
        found: list[set[int]] = []
        for doc in {r.doc for r in g.refs}:
            here = words.get((g.lang, doc), [])
            if any(w == g.key and gid != g.gid for w, gid, _ in here):
                found = []  # a word of another name as it stands: the name-parts rule's
                break
            found.append(
                {
                    gid
                    for w, gid, given in here
                    if w.isalpha()  # not a web address (``LiverpoolFC.com``)
                    and (
                        (w.startswith(g.key) and len(w) >= len(g.key) + MIN_CLIPPED_REST)
                        or (given and pet is not None and w.startswith(pet) and w != g.key)
                    )
                }
            )
        if not found or not all(found) or len(fulls := set().union(*found)) != 1:
            continue
        full = next(iter(fulls))
        ra, rb = clusters.find(g.gid), clusters.find(full)
        if groups[full].label != g.label or ra == rb:
            continue
        if clusters.conflict(ra, rb, True) is None:
            evidence = merge_evidence("short_form", g, groups[full], {"clipped": 1.0}, 0.8)
            clusters.union(ra, rb, evidence)


def _merge_bare_places(groups: list[NameGroup], clusters: _Clusters, config: AlignConfig) -> None:
    """Step 2e: a place name that is another place name of its documents without the generic head
    (``Pinellas`` beside ``Pinellas County``, ``Pacific`` beside ``Pacific Ocean``; the heads of
    ``name_heads.tsv`` that stand for places) stands for that name there, when no knowledge
    source knows the bare name on its own (``Sarasota`` the city beside ``Sarasota County``;
    ``加州``, California, beside a peninsula named after it) and the headed name is the only one
    of its documents with that core. Not in a language whose headed names put the core in the
    genitive: there the bare name is the owner (``Korejas pussala``, Korea's peninsula)."""
    headed: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    concepts: dict[int, str] = {}
    for g in groups:
        if defaults(g.lang).inflected:
            continue  # a genitive core names the owner (``Korejas pussala``, Korea's peninsula)
        split = heads.split_head(g.display, g.lang)
        if split is None or split.label != LOCATION or g.label not in (LOCATION, ORGANIZATION):
            continue
        core = text_key(split.core, g.lang, config)
        concepts[g.gid] = split.concept
        for doc in {r.doc for r in g.refs}:
            headed[(g.lang, core, doc)].add(g.gid)
    for g in groups:
        if g.label != LOCATION or g.gid in concepts:
            continue
        full = _the_one_in_its_documents(g, headed)
        if full is None or _known_on_its_own(g):  # ``加州``, California, is a name of its own
            continue
        ra, rb = clusters.find(g.gid), clusters.find(full)
        if ra != rb and clusters.conflict(ra, rb, True) is None:
            evidence = merge_evidence(
                "short_form", g, groups[full], {"head": 1.0}, 0.85, key=concepts[full]
            )
            clusters.union(ra, rb, evidence)


MIN_PLACELESS_ACRONYM = 3
"""Letters an acronym needs to abbreviate a name without its leading place (``FWC``)."""


def _without_leading_place(name: str, lang: str, config: AlignConfig) -> str | None:
    """``name`` without its first word when that word is a place knowledge knows (``Florida`` of
    ``Florida Fish and Wildlife Commission``: agencies of a state are abbreviated without it)
    and two words or more stay; else ``None``."""
    words = name.split()
    if len(words) < 3 or not words[0][:1].isupper():
        return None
    if not _known_place(words[0], lang, config):
        return None
    return " ".join(words[1:])


def _merge_acronyms(groups: list[NameGroup], clusters: _Clusters, config: AlignConfig) -> None:
    """Step 2b: an acronym joins the one full name of its language, in its documents, that it
    abbreviates (``NSF`` / ``National Science Foundation``, ``ANO`` / ``Apvienoto Nāciju
    Organizācija``), by the general initials rule of :func:`pipeline.align.lexicon.initials`,
    perhaps without the place that begins the name (``FWC`` / ``Florida Fish and Wildlife
    Commission``: :func:`_without_leading_place`)."""
    full_by_doc: dict[tuple[str, int], list[int]] = defaultdict(list)
    for g in groups:
        if not is_han(g.display) and len(g.display.split()) >= 2:
            for doc in {r.doc for r in g.refs}:
                full_by_doc[(g.lang, doc)].append(g.gid)
    for g in groups:
        if is_han(g.display) or not lexicon.is_acronym(g.display):
            continue
        found = {
            f
            for doc in {r.doc for r in g.refs}
            for f in full_by_doc.get((g.lang, doc), ())
            if lexicon.acronym_matches(g.display, groups[f].display, g.lang)
            or (
                sum(ch.isalpha() for ch in g.display) >= MIN_PLACELESS_ACRONYM
                and (rest := _without_leading_place(groups[f].display, g.lang, config))
                and lexicon.acronym_matches(g.display, rest, g.lang)
            )
        }
        if len(found) != 1:
            continue
        full = found.pop()
        ra, rb = clusters.find(g.gid), clusters.find(full)
        if ra == rb or clusters.conflict(ra, rb, config.on("type")):
            continue
        clusters.union(ra, rb, merge_evidence("acronym", g, groups[full], {"acronym": 1.0}, 0.9))


_HAN_PART = re.compile(r"[-‐‑–·]")
"""What separates the parts of a transcribed name in Chinese (``納戈爾諾-卡拉巴赫``)."""


def _merge_han_abbreviations(
    groups: list[NameGroup], clusters: _Clusters, config: AlignConfig
) -> None:
    """Step 2c: Chinese abbreviates a transcribed name of several parts by the first character of
    each (``納卡`` for ``納戈爾諾-卡拉巴赫``, Nagorno-Karabakh): such a short name joins the name
    of its documents it abbreviates (parts of two characters or more) that holds most of the
    mentions of the names with those initials."""
    by_initials: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for g in groups:
        parts = ["".join(c for c in p if is_han(c)) for p in _HAN_PART.split(g.key)]
        if not is_han(g.key) or not 2 <= len(parts) <= 4 or min(map(len, parts)) < 2:
            continue
        initials = "".join(p[0] for p in parts)
        for doc in {r.doc for r in g.refs}:
            by_initials[(g.lang, initials, doc)].add(g.gid)
    for g in groups:
        if not is_han(g.key) or _HAN_PART.search(g.key):
            continue
        docs = {r.doc for r in g.refs}
        found = set().union(*(by_initials.get((g.lang, g.key, doc), set()) for doc in docs))
        if not found:
            continue
        # Names with a head (``納戈爾諾-卡拉巴赫州``) share the initials: the abbreviation stands
        # for the name that most of their mentions use.
        full = max(found, key=lambda f: (len(groups[f].refs), -f))
        if 2 * len(groups[full].refs) <= sum(len(groups[f].refs) for f in found):
            continue
        ra, rb = clusters.find(g.gid), clusters.find(full)
        # one sentence may define the abbreviation (``…卡拉巴赫戰爭…,中文簡稱第一次納卡戰爭``)
        if ra != rb and not clusters.conflict(ra, rb, config.on("type"), same_sentence=False):
            evidence = merge_evidence("acronym", g, groups[full], {"han_initials": 1.0}, 0.9)
            clusters.union(ra, rb, evidence)


def _merge_parentheses(
    docs: list[AnalyzedDocument],
    groups: list[NameGroup],
    clusters: _Clusters,
    config: AlignConfig,
) -> None:
    """Step 2c: a name glossed in parentheses right after another that sounds like it (scorer ≥
    ``parenthesis_min``, whatever the taggers' types) or is its acronym (same type; for an
    organization also one of another language's words: :func:`_defines_foreign_acronym`), is that
    name (``Toms Deilijs (Tom Daley)``, ``Krisu Kūnsu (Chris Coons)``, ``Apvienoto Nāciju
    Organizācija (ANO)``): the two full names count as one name spelled two ways."""
    from pipeline.align import lexicon

    group_of = group_index(groups)
    pairs: list[tuple[int, int]] = []
    for d, doc in enumerate(docs):
        # in text order (mentions added by corpus recall follow the document's own)
        order = sorted(range(len(doc.mentions)), key=lambda i: doc.mentions[i].start)
        for i, j in itertools.pairwise(order):
            left, right = doc.mentions[i], doc.mentions[j]
            if left.sentence == right.sentence and _parenthetical(doc.text[left.end : right.start]):
                pairs.append((group_of[(d, i)], group_of[(d, j)]))
    surname_sims = _glossed_surname_similarities(groups, sorted(set(pairs)))
    for a, b in sorted(set(pairs)):
        ga, gb = groups[a], groups[b]
        if a == b or _extends(ga, gb):
            continue
        acronym = (
            ga.label == gb.label
            and lexicon.is_acronym(gb.display)
            and (
                lexicon.acronym_matches(gb.display, ga.display, ga.lang)
                or _defines_foreign_acronym(ga)
            )
        )
        sim = max(float(ga.vector @ gb.vector), surname_sims.get((a, b), 0.0))  # type: ignore[operator]
        original = not acronym and _original_glossed(ga, gb)
        if not acronym and not original and sim < config.parenthesis_min:
            continue  # (a name and its spelling glossed: the taggers' types may differ)
        clusters.glossed.add(frozenset((a, b)))  # one name, whatever the full-name check says
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or clusters.conflict(ra, rb, config.on("type"), same_sentence=False):
            continue
        if acronym:
            signals = {"acronym": 1.0}
        elif sim >= config.parenthesis_min:
            signals = {"scorer": round(sim, 3)}
        else:
            signals = {"original": 1.0}
        clusters.union(ra, rb, merge_evidence("parenthesis", ga, gb, signals, 0.9))


def _glossed_surname_similarities(
    groups: list[NameGroup], pairs: list[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """Scorer similarity of a Chinese person's one-part name (no interpunct) and the last word of
    the Latin full name glossed after it: Chinese news names a person by the transliterated
    surname and glosses the whole name (``史畢斯 (Jordan Spieth)``, ``凱西 (Paul Casey)``), which
    the whole name's vector scores far lower than the surname's."""
    out: dict[tuple[int, int], float] = {}
    for a, b in pairs:
        ga, gb = groups[a], groups[b]
        words = gb.display.split()
        if (
            PERSON in (ga.label, gb.label)
            and is_han(ga.display)
            and not is_han(gb.display)
            and not any(dot in ga.display for dot in NAME_DOTS)
            and 2 <= len(words) <= 4
            and len(words[-1]) >= 3
        ):
            surname = _word_vectors((words[-1],), gb.lang, (), gb.lang)[0]
            out[(a, b)] = float(ga.vector @ surname)
    return out


def _defines_foreign_acronym(full: NameGroup) -> bool:
    """Whether ``full`` is an organization's name of several words, the first capitalized, in a
    spaced script (``Vācijas rūpniecības federācija``: Latvian capitalizes the first word only),
    or of :data:`MIN_SHORT_FORM_HAN` Chinese characters, which an acronym glossed in parentheses
    after it abbreviates in its own language's letters or in another's: ``Federation of German
    Industries (BDI)`` (Bundesverband der Deutschen Industrie), ``德國工業協會 (BDI)``,
    ``Doctors Without Borders (MSF)``. An acronym in parentheses after an organization's name is
    its short form, whatever language its letters come from."""
    if full.label != ORGANIZATION:
        return False
    if is_han(full.display):
        return len(full.key) >= MIN_SHORT_FORM_HAN
    words = full.display.split()
    return len(words) >= 2 and words[0][:1].isupper()


_ORIGINALS_LANG = "en"
"""The language of the originals that Latvian and Chinese news gloss in parentheses."""


def _original_glossed(translated: NameGroup, original: NameGroup) -> bool:
    """A translated name of several words with its original in parentheses: an organization or
    place of a Latvian or Chinese text, the gloss an English name of two capitalized words or
    more in Latin script, both tagged alike (``Nacionālais Meteoroloģiskais dienests (National
    Weather Service)``, ``国家人工智能安全委员会 (National Security Commission on Artificial
    Intelligence)``); not a place beside its country (``Rīga (Latvia)``), one word each."""
    if translated.label != original.label or translated.label == PERSON:
        return False
    name = translated.key if is_han(translated.display) else translated.display
    return glosses_original(name, translated.lang, original.display)


def glosses_original(translated: str, lang: str, original: str) -> bool:
    """Whether ``original`` in parentheses after ``translated`` (a name of a ``lang`` text) is
    its original: not an English text, the gloss two capitalized words or more in Latin script,
    the translation three Chinese characters or more, or word for word give or take one (not
    ``Skotijas BBC Alsdairs Lamonts (Alasdair Lamont)``, a tagger's span that ran on into the
    person the gloss is)."""
    if lang == _ORIGINALS_LANG or is_han(original) or not latin_words(original):
        return False
    words = original.split()
    if len(words) < 2 or sum(w[:1].isupper() for w in words) < 2:
        return False
    if is_han(translated):
        return len(translated) >= 3
    count = len(translated.split())
    return count >= 2 and abs(count - len(words)) <= 1


def _ensure_vectors(groups: list[NameGroup]) -> None:
    """Scorer vectors for the groups the names stage did not fill."""
    missing = [g for g in groups if g.vector is None]
    if not missing:
        return
    vectors = names.encode_names([g.display for g in missing], [g.lang for g in missing])
    for g, v in zip(missing, vectors, strict=True):
        g.vector = v


def _merge_knowledge(groups: list[NameGroup], clusters: _Clusters, config: AlignConfig) -> None:
    """Step 3: groups that resolve to the same identifier merge."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for g in groups:
        for ident in g.ids:
            by_id[ident].append(g.gid)
    for ident in sorted(by_id):
        gids = by_id[ident]
        first = gids[0]
        for other in gids[1:]:
            ra, rb = clusters.find(first), clusters.find(other)
            if ra == rb:
                continue
            if clusters.conflict(ra, rb, config.on("type")) == "type":
                continue
            source = groups[other].ids.get(ident) or groups[first].ids.get(ident)
            clusters.union(
                ra,
                rb,
                {
                    "names": [groups[first].display, groups[other].display],
                    "langs": sorted({groups[first].lang, groups[other].lang}),
                    "signals": {source: 1.0},
                    "id": ident,
                    "score": 0.98,
                },
            )


def _merge_pivots(groups: list[NameGroup], clusters: _Clusters, config: AlignConfig) -> None:
    """Step 3b: groups of different languages whose names share a pivot key merge."""
    by_key: dict[str, list[int]] = defaultdict(list)
    sources: dict[tuple[int, str], str] = {}
    for g in groups:
        for key, source in g.pivots.items():
            by_key[key].append(g.gid)
            sources[(g.gid, key)] = source
    for key in sorted(by_key):
        gids = by_key[key]
        if len({groups[g].lang for g in gids}) < 2:
            continue
        for other in gids[1:]:
            first = gids[0]
            ra, rb = clusters.find(first), clusters.find(other)
            if ra == rb or clusters.conflict(ra, rb, config.on("type")):
                continue
            signals = {sources[(other, key)]: 1.0}
            evidence = merge_evidence(
                "pivot", groups[first], groups[other], signals, 0.95, key=key.split(":", 1)[1]
            )
            clusters.union(ra, rb, evidence)


def _extends(a: NameGroup, b: NameGroup) -> bool:
    """One name is the other plus words (``Russia`` / ``Russian Empire``, ``UN`` / ``UN Security
    Council``, ``Latvia`` / ``Republic of Latvia``): different entities unless knowledge says
    otherwise. Compared on folded tokens of one script; a word counts as shared when one is a
    prefix of the other (``Russia``/``Russian``)."""
    if is_han(a.display) != is_han(b.display):
        return False
    if is_han(a.display):
        ka, kb = a.key.replace("·", ""), b.key.replace("·", "")
        return ka != kb and (ka in kb or kb in ka)
    ta = [fold(t) for t in tokens(english_base(a.display))]
    tb = [fold(t) for t in tokens(english_base(b.display))]
    if len(ta) == len(tb):
        return False
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)

    def alike(x: str, y: str) -> bool:
        n = min(len(x), len(y))
        return x == y or (n >= 4 and x[:n] == y[:n])

    return all(any(alike(x, y) for y in long_) for x in short)


def _variant(a: NameGroup, b: NameGroup, config: AlignConfig) -> bool:
    """Two names of one language that may name one thing: one is part of the other (a surname,
    ``Daley`` / ``Tom Daley``), or they are spelled or sound alike (``Pinela`` / ``Pinella``; a
    name in its original spelling beside its Latvian transcription, ``Dustin Lance Black`` /
    ``Dastina Lansa Bleka``; a surname beside the transcribed full name, ``Deilijs`` / ``Tom
    Daley``) without one being the other plus letters (``Derby`` / ``Derbyshire``)."""
    ta, tb = a.key_tokens, b.key_tokens
    if set(ta) <= set(tb) or set(tb) <= set(ta):
        return True
    for x, y in ((a, b), (b, a)):  # ``蘇姆蓋特市`` / ``蘇姆蓋特``: a name and its headed form
        split = heads.split_head(x.display, x.lang)
        if split is not None and fold(to_simplified(split.core)) == fold(to_simplified(y.display)):
            return True
    ka, kb = a.key.replace("·", " "), b.key.replace("·", " ")
    if ka != kb and (ka.startswith(kb) or kb.startswith(ka)) and not _one_letter_more(ka, kb):
        return False
    if Indel.normalized_similarity(a.key, b.key) >= config.same_lang_roman_min:
        return True
    respelled = _respelled(a) or _respelled(b)
    if respelled and a.vector is not None and b.vector is not None:
        if float(a.vector @ b.vector) >= config.scorer_variant:
            return True
    wa, wb = a.display.replace("·", " ").split(), b.display.replace("·", " ").split()
    if (len(wa) == 1) != (len(wb) == 1):  # a surname and a full name: compare the last words
        single, full = (a, b) if len(wa) == 1 else (b, a)
        last = (wb if full is b else wa)[-1]
        if not respelled:  # a language that keeps names as spelled has no sound-alikes
            similarity = Indel.normalized_similarity(fold(single.display), fold(last))
            return similarity >= config.same_lang_roman_min
        vectors = _word_vectors((single.display,), single.lang, (last,), full.lang)
        return float(vectors[0] @ vectors[1]) >= config.scorer_variant
    return False


MIN_RESPELLED_KEY = 5
"""Letters the shorter of two keys needs for one letter more to be a spelling variant."""


def _one_letter_more(ka: str, kb: str) -> bool:
    """One key is the other plus one letter, the shorter of :data:`MIN_RESPELLED_KEY` letters or
    more: two transcriptions of one name (``Masačūseta`` / ``Masačūsetsa``), not a name and a
    longer one (``Derby`` / ``Derbyshire``)."""
    short = min(len(ka), len(kb))
    return abs(len(ka) - len(kb)) == 1 and short >= MIN_RESPELLED_KEY


def _respelled(group: NameGroup) -> bool:
    """A name its language may write in its own way (Latvian transcribes and inflects foreign
    names; Chinese writes them in Han characters), so two of its spellings may sound alike
    without being spelled alike. English and a Chinese text's Latin-script names keep a name as
    it is spelled (``Mercedes`` is not ``Merseyside``)."""
    return defaults(group.lang).inflected or is_han(group.display)


def _other_names(clusters: _Clusters, ra: int, rb: int, config: AlignConfig) -> bool:
    """Whether the clusters already hold names of one language that are neither the same nor
    variants of each other (``Derby`` / ``Derbyshire``): a name-similarity merge would join two
    things that one language names differently. A Chinese text's name in Latin script and one
    in Han characters are two scripts, not two names (``Nakhchivan`` / ``納希契凡``)."""
    by_lang_a: dict[str, list[NameGroup]] = defaultdict(list)
    for g in clusters.members[ra]:
        by_lang_a[clusters.groups[g].lang].append(clusters.groups[g])
    fulls = [
        clusters.groups[g]
        for root in (ra, rb)
        for g in clusters.members[root]
        if clusters.groups[g].label == PERSON and clusters.groups[g].word_count >= 2
    ]
    for g in clusters.members[rb]:
        gb = clusters.groups[g]
        names_a = by_lang_a.get(gb.lang)
        if names_a and not any(
            _variant(ga, gb, config)
            or _two_scripts(ga.display, gb.display)
            or _given_and_surname(ga, gb, fulls, config)
            for ga in names_a
        ):
            if any(_extends(ga, gb) for ga in names_a) or not _transcribes_a_member(
                gb, clusters.groups, clusters.members[ra], config
            ):
                return True
    return False


def _transcribes_a_member(
    name: NameGroup, groups: list[NameGroup], members: list[int], config: AlignConfig
) -> bool:
    """Whether ``name`` is a transcription (scorer ≥ ``scorer_alone``) of a name of another
    language that the cluster ``members`` already holds: then it is that name in its own
    language, not a second name of it (``Robijs`` and ``罗比`` beside an entity that holds
    ``Robbie``, the pet form of its ``Robert Ray Black-Daley`` in all three texts); unless it
    extends a name of its language there (``加泰隆尼亞政府`` beside ``加泰隆尼亞``: the
    government, not Catalonia), which the caller checks."""
    if name.vector is None:
        return False
    return any(
        groups[g].lang != name.lang
        and groups[g].vector is not None
        and float(name.vector @ groups[g].vector) >= config.scorer_alone
        for g in members
    )


def _given_and_surname(
    a: NameGroup, b: NameGroup, fulls: list[NameGroup], config: AlignConfig
) -> bool:
    """Two one-word person names of one language that read as two different words of one full
    name of the entity (``Lebrons`` and ``Džeimss`` beside ``LeBron James``): the given name and
    the surname, one person."""
    if PERSON not in a.labels or PERSON not in b.labels or a.word_count != 1 or b.word_count != 1:
        return False
    for full in fulls:
        words = tuple(full.display.replace("·", " ").split())
        if full.lang == a.lang or len(words) < 2:
            continue
        vectors = _word_vectors((a.display, b.display), a.lang, words, full.lang)
        sims = vectors[:2] @ vectors[2:].T
        first, second = int(np.argmax(sims[0])), int(np.argmax(sims[1]))
        if (
            first != second
            and sims[0, first] >= config.scorer_variant
            and sims[1, second] >= config.scorer_variant
        ):
            return True
    return False


def _translated(group: NameGroup) -> bool:
    """A Chinese name that knowledge translates into English words (``亞美尼亞共和國``, republic of
    Armenia; ``特朗普政府``, composed from a name and a word): its sound is no transcription, so
    the transcription scorer must not compare it (it reads ``ArmeniaNow`` close to the
    pinyin); pivot keys and step 3d (heads) match it."""
    if not is_han(group.display):
        return False
    if any(ident.startswith("lang:") for ident in group.ids):
        return True  # a language's name (``亞美尼亞語``)
    return any(
        source == "compose" or (source != "spelling" and key.count(" ") >= 1)
        for key, source in group.pivots.items()
    )


def _copied_spellings(a: NameGroup, b: NameGroup, config: AlignConfig) -> bool:
    """Both names keep a foreign name's Latin spelling: one stands in a language written in
    another script (a Chinese text copies the name as it is spelled), the other in a language
    that does not respell names (English; Latvian does: ``Dwyer`` / ``Dvaiers``). Such names are
    one only when spelled nearly alike (``Sainsbury`` / ``Sainsbury's``), not when they merely
    sound alike (``Mercedes`` / ``Merseyside``)."""
    copied = [g for g in (a, b) if defaults(g.lang).name_script]
    if len(copied) != 1 or is_han(a.display) or is_han(b.display):
        return False
    other = b if copied[0] is a else a
    if defaults(other.lang).inflected:
        return False
    return Indel.normalized_similarity(fold(a.display), fold(b.display)) < config.copied_spelling


def _two_scripts(a: str, b: str) -> bool:
    """One name is written in Han characters only, the other in Latin letters only."""

    def latin(text: str) -> bool:
        return not is_han(text) and any(c.isascii() and c.isalpha() for c in text)

    def han(text: str) -> bool:
        return is_han(text) and not any(c.isascii() and c.isalpha() for c in text)

    return (latin(a) and han(b)) or (han(a) and latin(b))


def _words_transcribed(a: NameGroup, b: NameGroup, config: AlignConfig) -> bool:
    """A transcription keeps the words of a name: both names have as many words (initials aside;
    Chinese words split at interpuncts and hyphens), and, where each has several, every word
    sounds like its counterpart (``Ayaz Mutalibov`` / ``阿亞茲·穆塔利博夫``, ``Minsk Group`` /
    ``Minskas grupa``; not ``Azerbaijan Troops`` / ``Azerbaidžānas kontrole``)."""
    wa, wb = phonetic.name_tokens(a.display), phonetic.name_tokens(b.display)
    if len(wa) != len(wb):
        return _written_as_one_word(a, b, wa, wb, config)
    if len(wa) < 2:
        return True
    vectors = _word_vectors(tuple(wa), a.lang, tuple(wb), b.lang)
    n = len(wa)
    return all(float(vectors[i] @ vectors[n + i]) >= config.scorer_word for i in range(n))


def _written_as_one_word(
    a: NameGroup, b: NameGroup, wa: list[str], wb: list[str], config: AlignConfig
) -> bool:
    """A language that respells foreign names in Latin letters writes a place name of a few
    words as one (Latvian ``Sandjego``, ``Buenosairesa``, ``Honkonga``): the one word reads like
    the other name's words run together (transcription similarity ``one_word_min``); ``wa`` and
    ``wb`` are their words (:func:`pipeline.align.phonetic.name_tokens`)."""
    single, several = (a, b) if len(wa) == 1 else (b, a)
    words = wb if single is a else wa
    if len(words) > 3 or min(len(wa), len(wb)) != 1:
        return False
    if not defaults(single.lang).inflected or is_han(single.display) or is_han(several.display):
        return False
    joined = "".join(words)
    similarity = phonetic.translit_similarity(joined, single.key, several.lang, single.lang)
    return similarity >= config.one_word_min


_WORD_VECTORS: dict[tuple[str, str], np.ndarray] = {}


def _word_vectors(wa: tuple[str, ...], la: str, wb: tuple[str, ...], lb: str) -> np.ndarray:
    """Scorer vectors of the words of two names (cached per word and language)."""
    wanted = [(w, la) for w in wa] + [(w, lb) for w in wb]
    missing = sorted({k for k in wanted if k not in _WORD_VECTORS})
    if missing:
        found = names.encode_names([w for w, _ in missing], [lang for _, lang in missing])
        _WORD_VECTORS.update(zip(missing, found, strict=True))
    return np.stack([_WORD_VECTORS[k] for k in wanted])


def _cooccurrence(
    clusters: _Clusters, neighbours: list[set[int]], years: list[set[str]], a: int, b: int
) -> int:
    """Support for groups ``a`` and ``b`` naming one thing: the entities (other than themselves)
    named in the sentences of both, plus the years dated in the sentences of both."""
    ra, rb = clusters.find(a), clusters.find(b)
    shared = {clusters.find(n) for n in neighbours[a]} & {clusters.find(n) for n in neighbours[b]}
    return len(shared - {ra, rb}) + len(years[a] & years[b])


def _merge_scored(
    groups: list[NameGroup],
    clusters: _Clusters,
    neighbours: list[set[int]],
    years: list[set[str]],
    config: AlignConfig,
) -> None:
    """Step 3c: names of different languages that the learned name scorer finds alike merge (on
    their own above ``scorer_alone``, with co-occurrence support above ``scorer_supported``)."""
    if not groups:
        return
    vectors = np.stack([g.vector for g in groups])  # type: ignore[misc]
    by_lang: dict[str, list[int]] = defaultdict(list)
    for g in groups:
        by_lang[g.lang].append(g.gid)
    candidates: list[tuple[float, int, int]] = []
    langs = sorted(by_lang)
    for i, la in enumerate(langs):
        for lb in langs[i + 1 :]:
            gids_a, gids_b = by_lang[la], by_lang[lb]
            sims = vectors[gids_a] @ vectors[gids_b].T
            k = min(config.scorer_top, len(gids_b))
            top_b = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            k_a = min(config.scorer_top, len(gids_a))
            top_a = np.argpartition(-sims.T, k_a - 1, axis=1)[:, :k_a]
            seen = {(x, int(y)) for x in range(len(gids_a)) for y in top_b[x]}
            seen |= {(int(x), y) for y in range(len(gids_b)) for x in top_a[y]}
            lowest = min(config.scorer_supported, config.scorer_with_rules)
            for x, y in seen:
                sim = float(sims[x, y])
                if sim >= lowest:
                    candidates.append((sim, gids_a[x], gids_b[y]))
    shared_surnames = _shared_surnames(groups, config)
    for sim, a, b in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        ga, gb = groups[a], groups[b]
        if _acronym(ga.display) or _acronym(gb.display) or _one_han(ga.key) or _one_han(gb.key):
            continue
        if a in shared_surnames or b in shared_surnames:
            continue
        if _extends(ga, gb) or _copied_spellings(ga, gb, config):
            continue
        if _translated(ga) or _translated(gb):
            continue
        if not _words_transcribed(ga, gb, config):
            continue
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb:
            continue
        cooc = _cooccurrence(clusters, neighbours, years, a, b) if config.on("cooccurrence") else 0
        rules = _rules_back(sim, ga, gb, config)
        if not _scored_enough(sim, cooc, rules, config):
            continue
        # A close transcription outweighs one tagger's type: the two sides share no language
        # (no tagger contradicts itself) and one of them is a single language's name.
        use_type = config.on("type") and not (
            sim >= config.scorer_over_type and clusters.one_tagger_each(ra, rb)
        )
        if clusters.conflict(ra, rb, use_type) or _other_names(clusters, ra, rb, config):
            continue
        signals = {"scorer": round(sim, 3), "cooccurrence": float(cooc)}
        if rules:
            signals["translit"] = 1.0
        support = min(1.0, cooc / 2 + 0.5 * rules)
        score = round(min(0.97, 0.8 * sim + 0.2 * support), 3)
        clusters.union(ra, rb, merge_evidence("scorer", ga, gb, signals, score))


def _shared_surnames(groups: list[NameGroup], config: AlignConfig) -> set[int]:
    """One-word person names that end two full names of different people in one of their
    documents (``Palin`` beside ``Sarah Palin`` and ``Track Palin``): which person a bare mention
    names is for the text around it to say, not for its spelling to decide across languages."""
    fulls: dict[tuple[str, str, int], list[NameGroup]] = defaultdict(list)
    for g in groups:
        if g.label == PERSON and g.word_count >= 2 and not _family_name_key(g):
            for doc in {r.doc for r in g.refs}:
                fulls[(g.lang, _last_word_key(g), doc)].append(g)
    shared: set[int] = set()
    for g in groups:
        if g.word_count != 1 or PERSON not in g.labels:
            continue
        for doc in {r.doc for r in g.refs}:
            found = fulls.get((g.lang, g.key, doc), [])
            if any(not _variant(x, y, config) for x, y in itertools.combinations(found, 2)):
                shared.add(g.gid)
                break
    return shared


def _surname(group: NameGroup) -> str | None:
    """The surname of a person's full name as written: what follows the given name (``Ter-
    Petrosyan`` of ``Levon Ter-Petrosyan``, ``特爾-彼得羅相`` of ``列翁·特爾-彼得羅相``); none for
    a one-word name or an East Asian name written family name first."""
    if group.label != PERSON or group.word_count < 2 or _family_name_key(group):
        return None
    if is_han(group.display):  # the interpuncts unified as ``·``
        parts = to_simplified(group.display).split("·", 1)
        return parts[1] if len(parts) == 2 and parts[1] else None
    return group.display.split(maxsplit=1)[1]


def _merge_surnames_across(
    groups: list[NameGroup], clusters: _Clusters, config: AlignConfig
) -> None:
    """Step 3c′: a person named by the surname alone in one language (Chinese texts often do:
    ``特爾-彼得羅相``) joins the full name of another language whose surname the learned scorer
    reads as the same name (cosine ≥ ``scorer_surname``), when that full name is the only one of
    its language with such a surname, the surname the only such name of its language, and no two
    full names of its own language read as ending in it."""
    fulls = [(g, name) for g in groups if (name := _surname(g)) is not None]
    singles = [
        g for g in groups if g.label == PERSON and g.word_count == 1 and g.vector is not None
    ]
    if not fulls or not singles:
        return
    vectors = names.encode_names([name for _, name in fulls], [g.lang for g, _ in fulls])
    single_matrix = np.stack([g.vector for g in singles])  # type: ignore[misc]
    sims = single_matrix @ vectors.T
    # (surname group, language) → (full name group, cosine); (full name group, language) → surnames
    matches: dict[tuple[int, str], list[tuple[int, float]]] = defaultdict(list)
    claims: dict[tuple[int, str], list[int]] = defaultdict(list)
    own: Counter[int] = Counter()  # full names of its own language a surname reads as
    for i, j in zip(*np.nonzero(sims >= config.scorer_surname), strict=True):
        short, full = singles[int(i)], fulls[int(j)][0]
        if short.lang != full.lang:
            matches[(short.gid, full.lang)].append((full.gid, float(sims[i, j])))
            claims[(full.gid, short.lang)].append(short.gid)
        else:
            own[short.gid] += 1
    for (gid, _lang), found in sorted(matches.items()):
        if own[gid] > 1 or len(found) != 1:
            continue  # two people of its own language (``Alijevs``: Heidars and Ilhams) or another
        full_gid, sim = found[0]
        short, full = groups[gid], groups[full_gid]
        if len(claims[(full_gid, short.lang)]) != 1 or _copied_spellings(short, full, config):
            continue  # ``Roe`` / ``Roa Roa`` in a Chinese text: two spellings, two names
        ra, rb = clusters.find(gid), clusters.find(full_gid)
        if ra == rb or clusters.conflict(ra, rb, True) or _other_names(clusters, ra, rb, config):
            continue
        signals = {"scorer": round(sim, 3)}
        clusters.union(ra, rb, merge_evidence("name_parts", short, full, signals, 0.8))


def _rules_back(sim: float, a: NameGroup, b: NameGroup, config: AlignConfig) -> bool:
    """Whether the transcription rules back a scorer cosine below ``scorer_alone``: at
    ``scorer_with_rules`` or more, two names of several words and one type that the rules read as
    one name (:func:`_rules_agree`)."""
    return (
        config.scorer_with_rules <= sim < config.scorer_alone
        and a.label == b.label
        and min(len(a.key_tokens), len(b.key_tokens)) >= 2
        and _rules_agree(a, b, config)
    )


def _scored_enough(sim: float, cooc: int, rules: bool, config: AlignConfig) -> bool:
    """The scorer's cosine merges a pair: on its own at ``scorer_alone``, at
    ``scorer_supported`` with co-occurrence support, or backed by the transcription rules."""
    return sim >= config.scorer_alone or (cooc >= 1 and sim >= config.scorer_supported) or rules


def _sounded(a: NameGroup, b: NameGroup) -> tuple[str, str, int]:
    """The two names as the transcription rules read them (the key where names inflect, else
    the displayed name) and the consonant classes of the shorter skeleton."""
    name_a = a.key if defaults(a.lang).inflected else a.display
    name_b = b.key if defaults(b.lang).inflected else b.display
    short = min(
        len("".join(phonetic.skeletons(name_a, a.lang))),
        len("".join(phonetic.skeletons(name_b, b.lang))),
    )
    return name_a, name_b, short


def _rules_agree(a: NameGroup, b: NameGroup, config: AlignConfig) -> bool:
    """The transcription rules read two names of different languages as one name (similarity
    ``translit_alone``; the shorter skeleton of ≥ 5 consonant classes, or of 4 with romanized
    spellings alike at ``roman_mid_min``)."""
    if not config.on("translit"):
        return False
    name_a, name_b, short = _sounded(a, b)
    if short < 4 or phonetic.translit_similarity(name_a, name_b, a.lang, b.lang) < (
        config.translit_alone
    ):
        return False
    # Four classes say less: the spelling must agree too (as in step 4).
    return short >= 5 or _roman_similarity(name_a, name_b) >= config.roman_mid_min


def _core_vectors(groups: list[NameGroup]) -> dict[int, tuple[heads.HeadedName, np.ndarray]]:
    """The head split and the scorer vector of the core of every group whose name has a head."""
    split = {g.gid: heads.split_head(g.display, g.lang) for g in groups}
    headed = {gid: h for gid, h in split.items() if h is not None}
    if not headed:
        return {}
    gids = sorted(headed)
    vectors = names.encode_names([headed[g].core for g in gids], [groups[g].lang for g in gids])
    return {g: (headed[g], v) for g, v in zip(gids, vectors, strict=True)}


MAX_CORE_WORDS = 3
"""Words of a name (or a name's core) the learned scorer compares as one transcription; a longer
one is a phrase (``Artsakh Sasna Tsrer Pan-Armenian … Hunchakian`` of a tagger's run-on span),
whose cosine with another phrase says nothing."""
MAX_CORE_HAN = 8
"""Characters of a Chinese core the scorer compares as one transcription (``納戈爾諾-卡拉巴赫``)."""
MAX_SHORT_WORDS = 2
"""Words of a name that a head on one side only may be the only difference to (``Sevana ezers`` /
``Sevan``, ``San Paolo球场`` / ``Stadio San Paolo``); longer, the match is mostly a country's
name and different nouns (``Azerbaijan Popular Front Party`` / ``Azerbaidžānas bruņotie
spēki``)."""
MAX_SHORT_HAN = 6
"""... and characters of a Chinese name (``斯捷潘納克特``)."""


def _at_most(name: str, words: int, han: int) -> bool:
    """Whether a name has at most ``words`` words, or, written in Chinese, ``han`` characters."""
    if is_han(name):
        return sum(1 for ch in name if is_han(ch)) <= han
    return len(tokens(name)) <= words


def _merge_headed(
    groups: list[NameGroup],
    clusters: _Clusters,
    neighbours: list[set[int]],
    years: list[set[str]],
    config: AlignConfig,
) -> None:
    """Step 3d: names with a generic head (:mod:`pipeline.align.heads`) meet names of other
    languages by their cores (``坦帕湾`` / ``Tampa Bay``; ``德文郡`` / ``Devon``): same head concept,
    or a head on one side only and the other name of the head's type. The cores must score like
    a transcription (the thresholds of step 3c) or be spelled alike in one script."""
    cores = _core_vectors(groups)
    if not cores:
        return
    with_vector = [g.gid for g in groups if g.vector is not None]
    plain = np.stack([groups[g].vector for g in with_vector])  # type: ignore[misc]
    headed = sorted(cores)
    core_matrix = np.stack([cores[g][1] for g in headed])
    spelled: dict[str, list[int]] = defaultdict(list)  # folded Latin core or name → groups
    for g in groups:
        core = cores[g.gid][0].core if g.gid in cores else g.display
        if not is_han(core):
            spelled[fold(core)].append(g.gid)
    candidates: list[tuple[float, int, int]] = []
    for h in headed:
        split, vector = cores[h]
        gh = groups[h]
        # Bare names by their whole vector, headed names by their core's.
        near = {
            with_vector[i]: float(plain[i] @ vector)
            for i in np.flatnonzero(plain @ vector >= config.scorer_supported)
        }
        near.update(
            {
                headed[i]: float(core_matrix[i] @ vector)
                for i in np.flatnonzero(core_matrix @ vector >= config.scorer_supported)
            }
        )
        if not is_han(split.core):
            near.update(dict.fromkeys(spelled.get(fold(split.core), []), 1.0))
        scored: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for gid, sim in near.items():
            g = groups[gid]
            other = cores.get(gid)
            if g.lang == gh.lang:
                continue
            other_split = other[0] if other else None
            if heads.comparable(split, other_split, gh.label, g.label) or (
                sim >= 1.0 and _venue_spelled_alike(split, other_split, g.label)
            ):
                scored[g.lang].append((sim, gid))
        for found in scored.values():
            for sim, other_gid in sorted(found, reverse=True)[: config.scorer_top]:
                candidates.append((sim, min(h, other_gid), max(h, other_gid)))
    for sim, a, b in sorted(set(candidates), key=lambda c: (-c[0], c[1], c[2])):
        ga, gb = groups[a], groups[b]
        core_a = cores[a][0].core if a in cores else ga.display
        core_b = cores[b][0].core if b in cores else gb.display
        if sim < 1.0 and (_acronym(core_a) or _acronym(core_b)):
            continue
        if sim < 1.0 and not all(
            _at_most(c, MAX_CORE_WORDS, MAX_CORE_HAN) for c in (core_a, core_b)
        ):
            continue
        short = all(_at_most(c, MAX_SHORT_WORDS, MAX_SHORT_HAN) for c in (core_a, core_b))
        if sim < 1.0 and (a in cores) != (b in cores) and not short:
            continue  # ``Azerbaijan Popular Front Party`` / ``Azerbaidžānas bruņotie spēki``
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb:
            continue
        cooc = _cooccurrence(clusters, neighbours, years, a, b) if config.on("cooccurrence") else 0
        rules = _rules_back(sim, ga, gb, config)
        if not _scored_enough(sim, cooc, rules, config):
            continue
        if clusters.conflict(ra, rb, config.on("type")) or _other_names(clusters, ra, rb, config):
            continue
        concept = (cores.get(a) or cores[b])[0].concept
        signals = {"scorer": round(sim, 3), "cooccurrence": float(cooc)}
        score = round(min(0.95, 0.75 * sim + 0.2 * min(1.0, cooc / 2)), 3)
        clusters.union(ra, rb, merge_evidence("head", ga, gb, signals, score, key=concept))


def _venue_spelled_alike(
    headed: heads.HeadedName, other: heads.HeadedName | None, other_label: str
) -> bool:
    """A place's head (``球場``, a stadium) after a core spelled letter for letter like a bare
    name the tagger typed an organization: a venue goes by its owner's or sponsor's name, and
    taggers type it by its context (``Le Golf National 球場`` / ``Le Golf National`` ORG). Not
    the other way round: a team's head after a place's name is the place's team (``Dundee 队``
    / ``Dundee``)."""
    return other is None and headed.label == LOCATION and other_label == ORGANIZATION


def _extends_a_member(clusters: _Clusters, ra: int, rb: int) -> bool:
    """Whether a name of one cluster is a name of the other plus words, in one language
    (``豐田 Burnaston 車廠``, Toyota's Burnaston plant, beside ``豐田``): :func:`_extends`
    over the members, not only the clusters' first names; persons' names aside (a surname is
    no extension of its full name)."""
    names_a = [
        clusters.groups[g] for g in clusters.members[ra] if clusters.groups[g].label != PERSON
    ]
    return any(
        a.lang == b.lang and _extends(a, b)
        for b in (clusters.groups[g] for g in clusters.members[rb])
        if b.label != PERSON
        for a in names_a
    )


def _heads_differ(a: NameGroup, b: NameGroup) -> bool:
    """Both names end in a generic head, and the heads mean different things (a county is no
    island)."""
    ha, hb = heads.split_head(a.display, a.lang), heads.split_head(b.display, b.lang)
    return ha is not None and hb is not None and ha.concept != hb.concept


def _merge_parallel(
    docs: list[AnalyzedDocument], groups: list[NameGroup], clusters: _Clusters, config: AlignConfig
) -> int:
    """Step 3e: in documents that translate each other (:mod:`pipeline.align.parallel`), the one
    entity of a type that a sentence names and its translation does not account for joins the one
    such entity of the translation (``White House`` / ``白宫`` in two aligned sentences; the one
    entity left on each side, of two types, at a scorer cosine of
    :attr:`AlignConfig.parallel_cross_type_min`: ``Sandjego`` / ``San Diego``); where
    several are left, the ones whose names translate each other part by part pair up
    (:func:`pipeline.align.lexicon.loose_translation`: ``Senate Judiciary Committee`` /
    ``參議院司法委員會``). Returns how many pairs joined."""
    from pipeline.align import lexicon

    root_of = root_lookup(groups, clusters)
    pairs = parallel.translated_sentence_pairs(docs, root_of, beads=True)
    if not pairs:
        return 0
    joined = 0

    def name_pairs(x: int, y: int) -> Iterator[tuple[NameGroup, NameGroup]]:
        """The names of two entities, one of each, in different languages."""
        for ga in (groups[g] for g in clusters.members[x]):
            for gb in (groups[g] for g in clusters.members[y]):
                if ga.lang != gb.lang:
                    yield ga, gb

    def translates(x: int, y: int) -> bool:
        """Some name of one entity translates some name of the other part by part."""
        return any(
            lexicon.loose_translation(ga.display, ga.lang, gb.display, gb.lang, single_words=True)
            for ga, gb in name_pairs(x, y)
        )

    def sound(x: int, y: int) -> float:
        """The best name-scorer cosine between a name of one entity and a name of the other."""
        return max(
            (
                float(ga.vector @ gb.vector)
                for ga, gb in name_pairs(x, y)
                if ga.vector is not None and gb.vector is not None
            ),
            default=-1.0,
        )

    def sounds_alike(x: int, y: int) -> bool:
        """Some name of one entity sounds like some name of the other (a name-scorer cosine of
        :attr:`AlignConfig.parallel_sound_min`: ``Ilfracombe`` / ``伊尔弗勒科姆``)."""
        return sound(x, y) >= config.parallel_sound_min

    # The multilingual encoder's vectors of the names it may compare, in one batch: names of
    # two parts or more of the translated documents that no knowledge identifies, no person's.
    paired = {p.a[0] for p in pairs} | {p.b[0] for p in pairs}
    comparable = sorted(
        {
            g.display
            for g in groups
            if g.label != PERSON
            and not g.ids
            and several_parts(g.display)
            and any(r.doc in paired for r in g.refs)
        }
    )
    meaning = dict(zip(comparable, embed.embed(comparable, query=True), strict=True))

    def meaning_cosine(x: int, y: int) -> float:
        """The best multilingual-encoder cosine between a name of one entity and a name of the
        other that share no word (the encoder reads a name and a longer one that holds it
        alike: ``Baja California`` / ``California``); -1 where none compare: persons, whose
        names are transcribed, not translated, and names the knowledge identifies."""
        if PERSON in (clusters.label(x), clusters.label(y)):
            return -1.0
        if clusters.ids[clusters.find(x)] or clusters.ids[clusters.find(y)]:
            return -1.0
        return max(
            (
                float(meaning[ga.display] @ meaning[gb.display])
                for ga, gb in name_pairs(x, y)
                if ga.display in meaning
                and gb.display in meaning
                and not latin_word_set(ga.display) & latin_word_set(gb.display)
            ),
            default=-1.0,
        )

    def means_alike(x: int, y: int) -> bool:
        """Some name of one entity means what some name of the other does
        (:attr:`AlignConfig.parallel_meaning_min`: ``Team USA`` / ``美國隊``)."""
        return meaning_cosine(x, y) >= config.parallel_meaning_min

    def related(x: int, y: int) -> bool:
        return translates(x, y) or sounds_alike(x, y) or means_alike(x, y)

    def nearest(xs: list[int], ys: list[int]) -> list[tuple[int, int]]:
        """Entities of two sides whose names are each other's nearest in meaning
        (:attr:`AlignConfig.parallel_meaning_nearest`, :attr:`AlignConfig.parallel_meaning_margin`)."""
        cos = np.array([[meaning_cosine(x, y) for y in ys] for x in xs])
        out = []
        for i, j in zip(*np.nonzero(cos >= config.parallel_meaning_nearest), strict=True):
            row = np.delete(cos[i], j)
            col = np.delete(cos[:, j], i)
            second = max(row.max(initial=-1.0), col.max(initial=-1.0))
            if cos[i, j] - second >= config.parallel_meaning_margin:
                out.append((xs[i], ys[j]))
        return out

    votes = parallel.names_by_elimination(docs, pairs, root_of, clusters.label, related, nearest)

    def langs(root: int) -> set[str]:
        return {groups[g].lang for g in clusters.members[root]}

    def rivals(x: int, y: int, n: int) -> bool:
        """Another partner proposed for ``x``, not yet one entity with it, names something in a
        language ``y`` names, could be one entity with it (a partner named in one sentence
        with ``x`` could not), and is proposed by more than a third as many sentence pairs as
        ``y`` (``Trump`` / ``川普`` in six aligned sentences outweighs ``Trump`` / ``川普政府``
        in two: the tagger took "the Trump administration" for a name). Votes name the roots of
        the round's start: joins made since are followed to today's roots. Where ``y`` sounds
        like ``x`` (:attr:`AlignConfig.parallel_sound_min`), a rival whose names sound nothing
        like it (below :attr:`AlignConfig.parallel_scorer_min`) does not count: ``FBI`` / ``FIB``
        outweighs ``FBI`` / ``R-Arizona``, a span the Latvian tagger cut from "(R-Arizona)" in a
        sentence whose ``FIB`` it missed. Likewise, where the names of ``x`` and ``y`` translate
        each other part by part, a rival whose names do not is no rival (``Nacionālā Orkānu
        centra`` / ``国家飓风中心`` outweighs ``美国``, the one name its sentence left over). A
        partner that aligned sentences propose with ``y`` as often as with ``x`` is no rival
        either: the three name one thing (``Palin``, ``Peilins`` and ``Track Palin`` / ``雀克‧裴琳``,
        each pair told in the same four translated sentences), where every document naming
        ``x`` or ``y`` names one of the other two."""
        rx, ry = clusters.find(x), clusters.find(y)
        named = langs(ry)
        heard = sounds_alike(rx, ry)
        meant: bool | None = None
        rivals: set[int] = set()
        for z, m in partners[x].items():
            rz = clusters.find(z)
            if partners[y].get(z, 0) >= m and within(rx, (ry, rz)) and within(ry, (rx, rz)):
                continue  # proposed with ``y`` as often: the three name one thing, no rivals
            if z != y and rz not in (rx, ry) and config.parallel_dominance * m > n:
                if heard and sound(rx, rz) < config.parallel_scorer_min:
                    continue
                if meant is None:
                    meant = translates(rx, ry)
                if meant and not translates(rx, rz):
                    continue
                rivals.add(rz)
        return any(
            langs(rz) & named and not clusters.conflict(rx, rz, use_type=False) for rz in rivals
        )

    def within(root: int, others: tuple[int, int]) -> bool:
        """Every document naming ``root`` names one of ``others`` too (a name of one language
        used in other texts, ``Lee`` of Lee County beside ``Lee`` of Kai-Fu Lee, is no
        partner of the three)."""
        return docs_of(root) <= docs_of(others[0]) | docs_of(others[1])

    def docs_of(root: int) -> set[int]:
        return {ref.doc for g in clusters.members[clusters.find(root)] for ref in groups[g].refs}

    partners: dict[int, dict[int, int]] = defaultdict(dict)
    for (x, y), n in votes.items():
        partners[x][y] = n
        partners[y][x] = n
    for (x, y), n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < config.parallel_votes or rivals(x, y, n) or rivals(y, x, n):
            continue  # each must be proposed with one partner per language only
        ra, rb = clusters.find(x), clusters.find(y)
        if ra == rb or clusters.conflict(ra, rb, config.on("type") and n < 2):
            continue
        ga, gb = groups[ra], groups[rb]
        sim = float(ga.vector @ gb.vector) if ga.vector is not None and gb.vector is not None else 0
        # Many aligned sentences are the direct evidence for a second name of one language or a
        # longer form, unless the names sound nothing alike (a tagger's person ``Phenjanu``,
        # Pyongyang, left beside ``Ri`` in three sentences).
        strong = n >= config.parallel_two_names and sim >= 0
        if not strong and _other_names(clusters, ra, rb, config):
            continue
        if (not strong and _extends_a_member(clusters, ra, rb)) or _heads_differ(ga, gb):
            continue
        if (
            n < 2
            and sim < config.parallel_scorer_min
            and not translates(ra, rb)
            and not means_alike(ra, rb)
        ):
            continue
        if clusters.label(ra) != clusters.label(rb) and sim < config.parallel_cross_type_min:
            continue
        signals = {"sentences": float(n), "scorer": round(sim, 3)}
        score = round(min(0.9, 0.7 + 0.1 * n), 3)
        clusters.union(ra, rb, merge_evidence("parallel", ga, gb, signals, score))
        joined += 1
    return joined


@dataclass
class PairFeatures:
    """Signals measured for one candidate pair of name groups."""

    a: int
    b: int
    same_lang: bool
    short: int
    translit: float
    part: float = 0.0
    """Single-token person name vs the other's last token (surname only)."""
    cooccurrence: int = 0
    roman: float = 0.0
    """Plain romanization similarity (pinyin for Chinese), for very short skeletons."""
    context: float | None = None
    name_embedding: float | None = None
    component_conflict: bool = False
    shared_components: bool = False
    affix: bool = False
    """Same language and one name is the other plus an ending (Azerbaijan / Azerbaijani)."""
    digits_differ: bool = False
    """Both names carry numbers and the numbers differ (``Republic 1988`` / ``Republic 1990``)."""
    part_roman: float = 0.0
    """Spelling similarity of the bare surname and the full name's last token."""
    same_label: bool = True
    same_tokens: bool = True
    """Both names have the same number of tokens (initials aside)."""
    initials_differ: bool = False
    """Same language and different initials (``George W. Bush`` / ``George H. W. Bush``)."""
    known_one_side: bool = False
    """Only one of the two names is in the name knowledge: the knowledge lists the usual names
    of well-known places and bodies, so the other is probably something else."""


def _acronym(name: str) -> bool:
    """``LCCN``, ``OSCE``: letters, not sounds; only knowledge or an exact key joins them."""
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and not is_han(name)


def _one_han(key: str) -> bool:
    """A one-character Chinese "name" (``美``, ``蘇``) is an abbreviation, not a transcription."""
    return is_han(key) and len(key.replace("·", "")) < 2


def _needed(short: int, config: AlignConfig) -> float:
    if short >= 5:
        return config.translit_long
    if short >= 3:
        return config.translit_mid
    return 1.0


def _features(
    a: NameGroup,
    b: NameGroup,
    neighbours: list[set[int]],
    years: list[set[str]],
    components: list[frozenset[str]],
    clusters: _Clusters,
    config: AlignConfig,
) -> PairFeatures:
    name_a, name_b, short = _sounded(a, b)
    f = PairFeatures(a.gid, b.gid, a.lang == b.lang, short, 0.0)
    if config.on("translit") and not any(_acronym(g.display) or _one_han(g.key) for g in (a, b)):
        f.translit = phonetic.translit_similarity(name_a, name_b, a.lang, b.lang)
        if a.label == PERSON and b.label == PERSON:
            ta, tb = phonetic.name_tokens(name_a), phonetic.name_tokens(name_b)
            if len(ta) == 1 and len(tb) > 1:
                f.part = phonetic.translit_similarity(ta[0], tb[-1], a.lang, b.lang)
                f.part_roman = _roman_similarity(ta[0], tb[-1])
            elif len(tb) == 1 and len(ta) > 1:
                f.part = phonetic.translit_similarity(ta[-1], tb[0], a.lang, b.lang)
                f.part_roman = _roman_similarity(ta[-1], tb[0])
    if config.on("cooccurrence"):
        f.cooccurrence = _cooccurrence(clusters, neighbours, years, a.gid, b.gid)
        if short <= 4:
            f.roman = Indel.normalized_similarity(
                phonetic.romanized(name_a), phonetic.romanized(name_b)
            )
    if f.same_lang:
        ra_, rb_ = phonetic.romanized(name_a), phonetic.romanized(name_b)
        f.affix = ra_ != rb_ and (ra_.startswith(rb_) or rb_.startswith(ra_))
        f.roman = Indel.normalized_similarity(ra_, rb_)
    f.same_label = a.label == b.label
    f.same_tokens = len(phonetic.name_tokens(name_a)) == len(phonetic.name_tokens(name_b))
    if f.same_lang:
        ia, ib = _INITIALS.findall(a.display), _INITIALS.findall(b.display)
        f.initials_differ = bool(ia and ib and ia != ib)
    da, db = _DIGITS.findall(a.display), _DIGITS.findall(b.display)
    f.digits_differ = bool(da and db and da != db)
    f.known_one_side = bool(a.ids) != bool(b.ids)
    ca, cb = components[a.gid], components[b.gid]
    f.component_conflict = bool(ca and cb and not (ca & cb))
    f.shared_components = bool(ca & cb)
    return f


def _path(f: PairFeatures, config: AlignConfig) -> str | None:
    """Which rule merges the pair (``translit``, ``surname``, ``name_embedding``), if any."""
    if f.component_conflict or f.affix or f.digits_differ or f.initials_differ:
        return None
    if f.known_one_side and not (
        f.translit >= config.translit_alone
        and (
            f.short >= 4
            or (
                f.roman >= config.roman_short_min
                and f.context is not None
                and f.context >= config.context_min
            )
        )
    ):
        return None
    ctx = f.context is not None and f.context >= config.context_min
    cooc = f.cooccurrence >= 1
    named = f.name_embedding is not None and f.name_embedding >= config.name_support_min
    support = int(ctx) + int(cooc) + int(named)
    need = _needed(f.short, config)
    if (f.short <= 2 and f.roman < config.roman_short_min) or (
        f.short <= 4 and f.roman < config.roman_mid_min
    ):
        pass  # a few consonant classes say little on their own: the spelling must agree too
    elif f.same_lang:
        # Spelling variants in one language: long, alike in sound *and* in letters.
        if (
            f.short >= 5
            and f.translit >= config.translit_alone
            and f.roman >= config.same_lang_roman_min
            and support >= 1
        ):
            return "translit"
    elif f.translit >= need and (
        support >= 1 or (f.short >= 5 and f.translit >= config.translit_alone)
    ):
        return "translit"
    elif f.short >= 5 and f.translit >= need - config.translit_slack and support >= 2:
        return "translit"
    if (
        f.part >= max(need, config.translit_mid)
        and f.part_roman >= config.surname_roman_min
        and support >= 1
        and not f.same_lang
    ):
        return "surname"
    if (
        not f.same_lang
        and f.name_embedding is not None
        and f.name_embedding >= config.name_embedding_min
        and f.same_label
        and (f.same_tokens or f.shared_components)
        and (ctx or cooc)
        and (f.translit >= config.name_translit_min or f.shared_components)
    ):
        return "name_embedding"
    return None


def _wants_embedding(f: PairFeatures, config: AlignConfig) -> bool:
    """Whether embeddings could change the decision (only those pairs get embedded)."""
    if f.component_conflict:
        return False
    need = _needed(f.short, config)
    return (
        f.translit >= need - config.translit_slack
        or f.part >= need
        or (not f.same_lang and (f.translit >= config.name_translit_min or f.shared_components))
    )


def _evidence(f: PairFeatures, path: str, groups: list[NameGroup]) -> dict[str, Any]:
    a, b = groups[f.a], groups[f.b]
    signals: dict[str, float] = {"translit": round(f.translit, 3)}
    if path == "surname":
        signals["surname"] = round(f.part, 3)
    if f.context is not None:
        signals["context"] = round(f.context, 3)
    if f.name_embedding is not None and path == "name_embedding":
        signals["name_embedding"] = round(f.name_embedding, 3)
    signals["cooccurrence"] = float(f.cooccurrence)
    signals["type"] = 1.0
    main = {"translit": f.translit, "surname": f.part, "name_embedding": f.name_embedding or 0.0}
    score = 0.6 * main[path] + 0.2 * min(1.0, f.cooccurrence / 2) + 0.2 * (f.context or 0.0)
    return {
        "names": [a.display, b.display],
        "langs": sorted({a.lang, b.lang}),
        "rule": path,
        "signals": signals,
        "score": round(min(score, 0.97), 3),
    }


def cluster_mentions(
    docs: list[AnalyzedDocument],
    config: AlignConfig | None = None,
    trace: list[PairFeatures] | None = None,
    progress: ProgressHook = ignore,
) -> tuple[list[NameGroup], _Clusters]:
    """Run steps 1–5; returns the groups and their union-find. ``trace`` collects the features
    of every scored candidate pair (for calibration); ``progress`` hears each step."""
    config = config or AlignConfig()
    progress(f"grouping the names of {sum(len(d.mentions) for d in docs)} mentions")
    groups = build_groups(docs, config)
    progress(f"{len(groups)} names: knowledge, acronym and pivot merges")
    clusters = _Clusters(
        groups, docs if config.on("same_sentence") else None, config.scorer_full_name
    )
    if config.on("scorer"):
        _ensure_vectors(groups)  # the scorer steps and the full-name constraint read them
    if config.on("name_parts"):
        _merge_name_parts(docs, groups, clusters, config)
    if config.on("short_forms"):
        _merge_short_forms(groups, clusters)
        _merge_bare_places(groups, clusters, config)
        _merge_place_named_teams(groups, clusters, config)
        _merge_clipped_names(groups, clusters)
    if config.on("acronym"):
        _merge_acronyms(groups, clusters, config)
        _merge_han_abbreviations(groups, clusters, config)
    if config.on("scorer"):
        _merge_parentheses(docs, groups, clusters, config)
    _merge_knowledge(groups, clusters, config)
    if config.on("pivot"):
        _merge_pivots(groups, clusters, config)
    neighbours, years = _neighbour_sets(docs, groups, clusters)
    if config.on("scorer"):
        progress("scorer merges across languages")
        _merge_scored(groups, clusters, neighbours, years, config)
        _merge_surnames_across(groups, clusters, config)
        if config.on("heads"):
            progress("names with a generic head, by their cores")
            _merge_headed(groups, clusters, neighbours, years, config)
    if config.on("parallel"):
        progress("names of translated sentences")
        for _ in range(config.parallel_rounds):
            if not _merge_parallel(docs, groups, clusters, config):
                break
    progress("spelling variants and surnames")
    features = _pair_features(docs, groups, clusters, neighbours, years, config)
    _merge_by_features(features, groups, clusters, config, trace)
    return groups, clusters


def _pair_features(
    docs: list[AnalyzedDocument],
    groups: list[NameGroup],
    clusters: _Clusters,
    neighbours: list[set[int]],
    years: list[set[str]],
    config: AlignConfig,
) -> list[PairFeatures]:
    """Step 4: the features of every remaining candidate pair (same-language spelling variants
    when the learned scorer runs), e5 name and context similarities when those signals are on."""
    pairs = _candidate_pairs(groups, config)
    if config.on("scorer"):
        # Across languages the learned scorer decides (step 3c); the spelling rules below keep
        # the variants within one language (Mutalibov / Mutallibov), which merge only when
        # spelled alike (``_path``): filtering on that first is cheap.
        roman = {
            g.gid: phonetic.romanized(g.key if defaults(g.lang).inflected else g.display)
            for g in groups
        }
        pairs = {
            (a, b)
            for a, b in pairs
            if groups[a].lang == groups[b].lang
            and Indel.normalized_similarity(roman[a], roman[b]) >= config.same_lang_roman_min
        }
    sources = tuple(s for s in ("cldr", "geonames", "alias") if config.on(s))
    components = [
        knowledge.component_ids(g.key, g.lang, sources) if sources else frozenset() for g in groups
    ]
    features: list[PairFeatures] = []
    for a, b in sorted(pairs):
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or clusters.conflict(ra, rb, use_type=False):
            continue
        features.append(
            _features(groups[a], groups[b], neighbours, years, components, clusters, config)
        )
    if config.on("embedding"):
        wanted = [f for f in features if _wants_embedding(f, config)]
        gids = sorted({g for f in wanted for g in (f.a, f.b)})
        names = dict(
            zip(gids, embed.embed([groups[g].display for g in gids], query=True), strict=True)
        )
        for f in wanted:
            f.name_embedding = float(names[f.a] @ names[f.b])
        context = _context_vectors(docs, groups, set(gids), config) if config.on("context") else {}
        for f in wanted:
            if f.a in context and f.b in context:
                f.context = float(context[f.a] @ context[f.b])
    return features


def _merge_by_features(
    features: list[PairFeatures],
    groups: list[NameGroup],
    clusters: _Clusters,
    config: AlignConfig,
    trace: list[PairFeatures] | None,
) -> None:
    """Step 5: pairs whose features pass a rule merge, best first; a bare surname joins a full
    name only when every full name it matched is one person by then."""
    decided: list[tuple[float, int, int, dict[str, Any]]] = []
    surnames: list[tuple[float, int, int, dict[str, Any]]] = []
    for f in features:
        path = _path(f, config)
        if trace is not None:
            trace.append(f)
        if path is None:
            continue
        evidence = _evidence(f, path, groups)
        # A long name spelled alike across languages outweighs one tagger's type error.
        evidence["_strong"] = (
            path == "translit" and not f.same_lang and f.short >= 5 and f.translit >= 0.95
        )
        (surnames if path == "surname" else decided).append(
            (-evidence["score"], f.a, f.b, evidence)
        )
    for _, a, b, evidence in sorted(decided, key=lambda s: (s[0], s[1], s[2])):
        strong = evidence.pop("_strong", False)
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or clusters.conflict(ra, rb, config.on("type") and not strong):
            continue
        clusters.union(ra, rb, evidence)
    # A bare surname joins a full name only when every full name it matched is one person now.
    targets: dict[int, set[int]] = defaultdict(set)
    for _, a, b, _ in surnames:
        single, full = (a, b) if len(groups[a].key_tokens) == 1 else (b, a)
        targets[single].add(clusters.find(full))
    for _, a, b, evidence in sorted(surnames, key=lambda s: (s[0], s[1], s[2])):
        evidence.pop("_strong", None)
        single = a if len(groups[a].key_tokens) == 1 else b
        if len({clusters.find(t) for t in targets[single]}) != 1:
            continue
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb or clusters.conflict(ra, rb, config.on("type")):
            continue
        clusters.union(ra, rb, evidence)


def stable_entity_ids(
    clusters: dict[int, tuple[list[tuple[str, int, int, str]], set[str]]],
) -> dict[int, str]:
    """Cluster root → entity id, from the most stable anchor each cluster has.

    ``clusters`` maps a root to its mentions' (document id, start, end, label) and its knowledge
    ids. The anchor is the smallest knowledge id (GeoNames, CLDR, organisation table ...), which
    no document can move; else the first mention by document id and offset, which only a
    document mentioning the entity can move. Neither depends on file names, file order or
    unrelated documents. When clusters that stayed apart share a knowledge id, the one with the
    earliest mention takes it and the others fall back to their first mention.
    """
    ids: dict[int, str] = {}
    by_knowledge: dict[str, list[tuple[tuple[str, int, int, str], int]]] = defaultdict(list)
    for root, (anchors, known) in clusters.items():
        first = min(anchors)
        ids[root] = entity_id(mention_id(*first))
        if known:
            by_knowledge[min(known)].append((first, root))
    for key, holders in by_knowledge.items():
        ids[min(holders)[1]] = entity_id(f"knowledge:{key}")
    return ids


Clustering = tuple[list[NameGroup], _Clusters]
"""What :func:`cluster_mentions` returns: the name groups and their union-find."""


def entity_records(
    docs: list[AnalyzedDocument],
    config: AlignConfig | None = None,
    trace: list[PairFeatures] | None = None,
    progress: ProgressHook = ignore,
    clustered: Clustering | None = None,
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    """Entity records (contract fields + ``evidence``, ``confidence``, ``ids``) and the
    (document id, mention index) → entity id map. ``trace`` collects scored candidate pairs;
    ``clustered``, the clustering of these very ``docs`` with ``config`` when the caller already
    has it (the align stage's projection step), is used instead of clustering again."""
    config = config or AlignConfig()
    groups, clusters = clustered or cluster_mentions(docs, config, trace, progress)
    by_root: dict[int, list[int]] = defaultdict(list)
    for g in groups:
        by_root[clusters.find(g.gid)].append(g.gid)
    records: list[dict[str, Any]] = []
    mention_entity: dict[tuple[str, int], str] = {}
    anchors = {
        root: [
            (docs[r.doc].doc_id, r.mention.start, r.mention.end, r.mention.label)
            for g in gids
            for r in groups[g].refs
        ]
        for root, gids in by_root.items()
    }
    # A mention the align stage added (corpus recall, projection) anchors no entity that has
    # others: it comes and goes with the documents that name it elsewhere.
    found = {
        root: [
            (docs[r.doc].doc_id, r.mention.start, r.mention.end, r.mention.label)
            for g in gids
            for r in groups[g].refs
            if r.mention.source not in recall.ADDED_SOURCES
        ]
        for root, gids in by_root.items()
    }
    idents = stable_entity_ids(
        {root: (found[root] or anchors[root], clusters.ids[root]) for root in by_root}
    )
    for root, gids in by_root.items():
        members = [groups[g] for g in gids]
        ident = idents[root]
        names: dict[str, list[str]] = defaultdict(list)
        base_count: dict[str, Counter[str]] = defaultdict(Counter)
        for g in members:
            for surface in g.surfaces:
                if surface not in names[g.lang]:
                    names[g.lang].append(surface)
            base_count[g.lang].update(g.bases)
            for r in g.refs:
                mention_entity[(docs[r.doc].doc_id, r.index)] = ident
        display_lang = next((lang for lang in DISPLAY_ORDER if lang in base_count), None)
        if display_lang is None:
            display_lang = sorted(base_count)[0]
        name = sorted(base_count[display_lang].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        evidence = [
            EntityEvidence(**e)
            for e in sorted(clusters.evidence[root], key=lambda e: (e["names"], e["langs"]))
        ]
        record = EntityRecord(
            id=ident,
            label=clusters.label(root),
            name=name,
            names={lang: sorted(v) for lang, v in sorted(names.items())},
            langs=sorted(names),
            mention_count=len(anchors[root]),
            ids=sorted(clusters.ids[root]),
            evidence=evidence,
            confidence=confidence(evidence),
        )
        records.append(record.to_json())
    records.sort(key=lambda r: r["id"])
    return records, mention_entity
