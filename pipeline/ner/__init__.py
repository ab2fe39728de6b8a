"""Named-entity recognition for lv, en and zh (the ``ner`` document stage).

- :mod:`pipeline.ner.base`: the backend interface (``recognize(sentences, lang)``), the backend
  registry and the per-language choice from ``Settings.ner_profile`` / ``Settings.ner_backends``.
- :mod:`pipeline.ner.backends`: ``spacy``, ``stanza`` and ``transformers`` backends.
- :mod:`pipeline.ner.labels`: how every dataset's and model's tags map onto PER/LOC/ORG.
- :mod:`pipeline.ner.gazetteer`: per-language entity ruler fed by ``pipeline/lang/<code>/``.
- :mod:`pipeline.ner.lemmatize`: Latvian name normalization (``Stepanakertā`` → ``Stepanakerta``).
- :mod:`pipeline.ner.stage`: the ``ner`` stage itself.
"""
