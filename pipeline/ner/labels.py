"""Mapping of every training/evaluation tag set onto the project's entity labels.

The NER stage emits three labels: ``PER`` (people), ``LOC`` (places: geo-political entities,
countries, cities, regions, natural locations, facilities) and ``ORG`` (organizations). Richer tag
sets are collapsed as documented in the table below; any tag mapped to ``None`` is treated as
outside (``O``) — those spans are not names of people, places or organizations (dates, money,
products, events, nationalities, job titles) or are nominal mentions rather than names.

=====================  ==========================================  =====================
dataset / model        source tag                                  project label
=====================  ==========================================  =====================
FullStack (lv)         person                                      PER
                       GPE, location                               LOC
                       organization                                ORG
                       event, product, entity, time, money         —
TildeNER (lv)          PERS                                        PER
                       LOC / ORG                                   LOC / ORG
                       PROD, DATE, TIME, MON                       —
People's Daily, MSRA   PER / LOC / ORG                             PER / LOC / ORG
Weibo (zh)             PER.NAM / LOC.NAM, GPE.NAM / ORG.NAM        PER / LOC / ORG
                       *.NOM (nominal mentions)                    —
Resume (zh)            NAME / LOC / ORG                            PER / LOC / ORG
                       CONT, EDU, PRO, RACE, TITLE                 —
CoNLL-2003, WikiGold   PER / LOC / ORG                             PER / LOC / ORG
                       MISC                                        —
spaCy OntoNotes (en)   PERSON                                      PER
                       GPE, LOC, FAC                               LOC
                       ORG                                         ORG
                       NORP, EVENT, PRODUCT, WORK_OF_ART, LAW,     —
                       LANGUAGE, DATE, TIME, MONEY, ... (numeric)
=====================  ==========================================  =====================

The shipped Latvian spaCy model is trained on the FullStack labels ``person``, ``GPE``,
``location``, ``organization`` (the others are dropped at conversion time), so its raw labels go
through :func:`to_project_label` too.
"""

from __future__ import annotations

PROJECT_LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")
"""Labels the NER stage emits."""

TAG_MAP: dict[str, str | None] = {
    # project labels map to themselves
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    # FullStack
    "person": "PER",
    "GPE": "LOC",
    "location": "LOC",
    "organization": "ORG",
    "event": None,
    "product": None,
    "entity": None,
    "time": None,
    "money": None,
    # TildeNER
    "PERS": "PER",
    "PROD": None,
    "DATE": None,
    "TIME": None,
    "MON": None,
    # Weibo (named only; nominal .NOM mentions are dropped)
    "PER.NAM": "PER",
    "LOC.NAM": "LOC",
    "GPE.NAM": "LOC",
    "ORG.NAM": "ORG",
    "PER.NOM": None,
    "LOC.NOM": None,
    "GPE.NOM": None,
    "ORG.NOM": None,
    # Resume
    "NAME": "PER",
    "CONT": None,
    "EDU": None,
    "PRO": None,
    "RACE": None,
    "TITLE": None,
    # CoNLL-2003 / WikiGold
    "MISC": None,
    # spaCy OntoNotes models
    "PERSON": "PER",
    "FAC": "LOC",
    "NORP": None,
    "EVENT": None,
    "PRODUCT": None,
    "WORK_OF_ART": None,
    "LAW": None,
    "LANGUAGE": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
}


def to_project_label(tag: str) -> str | None:
    """The project label for a dataset or model tag, or ``None`` when it is not PER/LOC/ORG.

    Unknown tags raise ``KeyError`` so a new tag set is never silently mapped.
    """
    return TAG_MAP[tag]
