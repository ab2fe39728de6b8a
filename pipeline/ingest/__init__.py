"""Finding, reading and decoding the files dropped into ``corpora/``."""

from pipeline.ingest.decode import DecodedText, decode_bytes
from pipeline.ingest.discover import CorpusFile, discover
from pipeline.ingest.errors import IngestError

__all__ = ["CorpusFile", "DecodedText", "IngestError", "decode_bytes", "discover"]
