"""Names of peoples in the plural, which taggers take for names (``Armenians`` PER,
``Azerbaijanis`` LOC): a people is no person, place or organization (CoNLL-2003 tags them MISC,
which the models here do not output).

The peoples are read from CLDR's language names in the language's ``cldr_locales`` (through
Babel: ``Armenian``, ``Azerbaijani``) with each of its ``people_plural_endings``
(``pipeline/lang/<code>/language.yaml``; English ``s``). The singular stays: it is also a
surname (``Johnny English``) or the adjective of a name (``Azerbaijani Parliament``). A form
the language does not use (``Englishs``) matches nothing.
"""

from __future__ import annotations

from functools import cache

from pipeline.lang.defaults import defaults
from pipeline.ner.base import Span


@cache
def people_plurals(lang: str) -> frozenset[str]:
    """The language's names of peoples in the plural (empty without ``people_plural_endings``)."""
    language = defaults(lang)
    if not language.people_plural_endings:
        return frozenset()
    from babel import Locale

    names = {
        name
        for locale in language.cldr_locales
        for name in Locale.parse(locale).languages.values()
        if " " not in name and name[:1].isupper()
    }
    return frozenset(n + e for n in names for e in language.people_plural_endings)


def drop_peoples(text: str, spans: list[Span], lang: str) -> list[Span]:
    """One sentence's spans without those that are a people in the plural, whole."""
    peoples = people_plurals(lang)
    if not peoples:
        return spans
    return [s for s in spans if text[s.start : s.end] not in peoples]
