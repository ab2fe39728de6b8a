"""Pluggable pipeline stages.

A *document stage* enriches one :class:`~pipeline.records.AnalyzedDocument` in place (NER, dates,
events). A *corpus stage* reads every analyzed document and returns corpus-level records (entity
clusters, aligned events). Stages declare what they ``provides`` and ``requires``; the registry
orders them. A stage that is not registered is simply absent: nothing is faked in its place.
"""

from pipeline.stages.base import CorpusResult, CorpusStage, DocumentStage
from pipeline.stages.registry import (
    corpus_stages,
    document_stages,
    register_corpus_stage,
    register_document_stage,
    stage_versions,
)

__all__ = [
    "CorpusResult",
    "CorpusStage",
    "DocumentStage",
    "corpus_stages",
    "document_stages",
    "register_corpus_stage",
    "register_document_stage",
    "stage_versions",
]
