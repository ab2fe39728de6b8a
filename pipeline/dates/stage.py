"""The ``dates`` document stage: fills ``doc.times`` from the sentences' own grammars."""

from __future__ import annotations

import hashlib

from pipeline.dates import VERSION
from pipeline.dates.boilerplate import boilerplate_paths
from pipeline.dates.extract import extract_times
from pipeline.dates.grammar import available_languages, grammar_path
from pipeline.records import AnalyzedDocument
from pipeline.stages import DocumentStage, register_document_stage


def _grammar_digest() -> str:
    """Hash of the grammar and boilerplate data files, so editing one invalidates cached output."""
    h = hashlib.sha256()
    for lang in available_languages():
        h.update(lang.encode())
        h.update(grammar_path(lang).read_bytes())
    for path in boilerplate_paths():
        h.update(path.parent.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@register_document_stage
class DatesStage(DocumentStage):
    """Temporal expressions of every lv/en/zh sentence, anchored in text order (never the clock)."""

    name = "dates"
    version = VERSION
    provides = ("times",)
    requires = ("sentences",)

    def cache_token(self) -> str:
        return _grammar_digest()

    def process(self, doc: AnalyzedDocument) -> None:
        doc.times = extract_times(doc)
