"""The ``align`` corpus stage: entity records across languages, then aligned event records."""

from __future__ import annotations

from pipeline.align.cluster import entity_records
from pipeline.align.config import AlignConfig
from pipeline.align.events import align_events
from pipeline.align.parallel import entity_roots, translated_sentence_pairs
from pipeline.align.projection import corpus_mentions
from pipeline.align.recall import take_entity_labels, with_mentions
from pipeline.align.wikidata import WikidataLinker, link_entities
from pipeline.records import AnalyzedDocument
from pipeline.stages.base import CorpusResult, CorpusStage
from pipeline.stages.registry import register_corpus_stage


@register_corpus_stage
class AlignStage(CorpusStage):
    """Tag the corpus's names where other documents missed them (:mod:`pipeline.align.recall`)
    or where a translated sentence names them (:mod:`pipeline.align.projection`), cluster
    mentions into cross-lingual entities (with evidence) and align events."""

    name = "align"
    version = "2"  # 2: corpus name recall (added_mentions)
    provides = ("entities", "aligned_events", "added_mentions")
    requires = ("mentions", "events")

    def run(self, docs: list[AnalyzedDocument], result: CorpusResult) -> None:
        docs = sorted(docs, key=lambda d: d.doc_id)
        self.progress(f"corpus name recall and projection over {len(docs)} documents")
        config = AlignConfig()
        added, clustered = corpus_mentions(docs, config, self.progress)
        result.added_mentions = added
        linked = with_mentions(docs, added)  # copies: the (cached) documents stay as found
        entities, mention_entity = entity_records(
            linked, config, progress=self.progress, clustered=clustered
        )
        take_entity_labels(docs, added, mention_entity, {e["id"]: e["label"] for e in entities})
        docs = linked
        result.entities = entities
        result.mention_entity = mention_entity
        linker = WikidataLinker.from_environment(self.settings.cache_dir / "wikidata")
        if linker is not None:  # optional, off unless XLKB_WIKIDATA_ENDPOINT is set
            link_entities(entities, linker)
        labels = {e["id"]: e["label"] for e in entities}
        ids = {e["id"]: e["ids"] for e in entities}
        count = sum(len(d.events) for d in docs)
        self.progress(f"{len(entities)} entities; aligning {count} event mentions")
        pairs = translated_sentence_pairs(docs, entity_roots(docs, mention_entity), beads=True)
        result.events = align_events(docs, mention_entity, labels, ids, sentence_pairs=pairs)
        self.progress(f"{len(result.events)} events")
