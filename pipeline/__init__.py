"""xlkb: cross-lingual knowledge base pipeline."""

__version__ = "0.1.0"
