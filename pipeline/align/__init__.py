"""Cross-lingual alignment of entities and events (the ``align`` corpus stage): name knowledge,
matching, clustering and event alignment; see ``docs/align.md`` and ``docs/events.md``."""

MODEL_DIRS = ("name-scorer",)
"""The shipped models the ``align`` stage reads (under the models folder): part of the corpus
result's cache key (:func:`pipeline.ops.cache.stage_code_digest`)."""
