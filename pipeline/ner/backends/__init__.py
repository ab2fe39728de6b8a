"""NER backends; each module imports its library lazily (see :mod:`pipeline.ner.base`)."""
