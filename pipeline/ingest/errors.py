"""The error raised for a file that cannot become a document."""

from __future__ import annotations


class IngestError(Exception):
    """A corpus file that cannot be analyzed; ``reason`` is short and human-readable."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        """Path relative to the corpora folder."""
        self.reason = reason
        """Why the file was rejected (empty, binary, undecodable, too large, ...)."""
