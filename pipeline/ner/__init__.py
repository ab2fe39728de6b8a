"""Named-entity recognition for lv, en and zh (the ``ner`` document stage).

- :mod:`pipeline.ner.base`: the backend interface (``recognize(sentences, lang)``), the backend
  registry and the per-language choice from ``Settings.ner_profile`` / ``Settings.ner_backends``.
- :mod:`pipeline.ner.backends`: ``spacy``, ``stanza`` and ``transformers`` backends.
- :mod:`pipeline.ner.labels`: how every dataset's and model's tags map onto PER/LOC/ORG.
- :mod:`pipeline.ner.gazetteer`: per-language entity ruler fed by ``pipeline/lang/<code>/``.
- :mod:`pipeline.ner.lemmatize`: Latvian name normalization (``Stepanakertā`` → ``Stepanakerta``).
- :mod:`pipeline.ner.stage`: the ``ner`` stage itself.
"""

MODEL_DIRS = ("ner-lv-spacy", "ner-en-spacy", "ner-zh-spacy", "ner-multi-e5", "lemma-lv-stanza")
"""The shipped models the ``ner`` stage reads (under the models folder): their files are part of
the stage's cache key (:func:`pipeline.ops.cache.stage_code_digest`), so a retrained model reruns
the stage."""
