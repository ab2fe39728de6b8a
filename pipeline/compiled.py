"""Derived indexes compiled once from the files they are read from, cached on disk.

An index (name knowledge, a dictionary) is expensive to compile and cheap to load. The cache file
is named after a SHA-256 digest of the *contents* of every source file (data and the code that
compiles it), so editing a source rebuilds it and nobody bumps a version. Files are written
atomically; an unreadable entry counts as missing. The cache lives in ``$XLKB_CACHE_DIR``
(default ``~/.cache/xlkb``), never in the source tree; only the newest few versions of an index
stay there.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

from pipeline.atomic import atomic_file
from pipeline.settings import user_cache_dir

T = TypeVar("T")
_LOCK = threading.Lock()
_MEMORY: dict[str, Any] = {}


def cache_root() -> Path:
    """``$XLKB_CACHE_DIR`` (default ``~/.cache/xlkb``)."""
    return user_cache_dir()


def files_digest(files: Iterable[Path], extra: str = "") -> str:
    """SHA-256 over ``extra`` and the names and contents of ``files`` (a missing file counts as
    a distinct value, so creating it changes the digest)."""
    digest = hashlib.sha256(extra.encode())
    for path in files:
        digest.update(Path(path).name.encode() + b"\0")
        if Path(path).is_file():
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        else:
            digest.update(b"<missing>")
    return digest.hexdigest()


KEEP_VERSIONS = 3
"""Versions of one index kept on disk: each change of a source compiles another, and the older
ones (10 MB for the GeoNames index) would pile up."""


def prune(directory: Path, name: str) -> None:
    """Remove all but the :data:`KEEP_VERSIONS` newest cached versions of the index ``name``."""
    versions = [
        p
        for p in directory.glob(f"{name}-*.pickle")
        if re.fullmatch(rf"{re.escape(name)}-[0-9a-f]{{20}}\.pickle", p.name)
    ]
    versions.sort(key=lambda p: (p.stat().st_mtime, p.name))
    for old in versions[:-KEEP_VERSIONS]:
        old.unlink(missing_ok=True)


def compiled(name: str, sources: Iterable[Path], build: Callable[[], T], extra: str = "") -> T:
    """The index ``name`` compiled by ``build`` from ``sources``: from memory, else from the disk
    cache, else built and cached."""
    digest = files_digest(sources, extra)
    path = cache_root() / "indexes" / f"{name}-{digest[:20]}.pickle"
    with _LOCK:
        if str(path) in _MEMORY:
            return cast(T, _MEMORY[str(path)])
        value: Any = None
        if path.is_file():
            try:
                with path.open("rb") as fh:
                    value = pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                value = None
        if value is None:
            value = build()
            try:
                with atomic_file(path, binary=True) as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                prune(path.parent, name)
            except OSError:
                pass  # a read-only cache folder costs a rebuild next time, nothing else
        _MEMORY[str(path)] = value
        return cast(T, value)
