"""Errors a user can act on, each with its own exit code, shared by ``xlkb`` and ``flows.py``.

Every error's message is one sentence naming the path (or setting) and the fix. Entry points call
:func:`report_error` instead of letting a traceback through.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path


class XlkbError(RuntimeError):
    """A problem with the run's input, outputs or settings (not a bug)."""

    exit_code = 1


class CorpusError(XlkbError):
    """The corpora folder is missing or holds no candidate document."""

    exit_code = 2


class LockBusy(XlkbError):
    """Another live run holds the outputs lock and did not release it in time."""

    exit_code = 3


class NoDocumentsError(XlkbError):
    """Every file was rejected: the previous KB is kept instead of being replaced by nothing."""

    exit_code = 4


class OutputsError(XlkbError):
    """The outputs folder (or a file in it) cannot be created or written."""

    exit_code = 5


class SettingsError(XlkbError, ValueError):
    """A setting in ``xlkb.toml``, the environment or the command line is unknown or malformed."""

    exit_code = 6


class ModelsError(XlkbError):
    """A model the run needs is not in the models folder."""

    exit_code = 7


class ServerUnavailable(XlkbError):
    """No Prefect server to schedule runs on (``serve`` needs a real one, not a temporary one)."""

    exit_code = 8


EXIT_CODES: dict[int, str] = {
    cls.exit_code: cls.__doc__.splitlines()[0] if cls.__doc__ else cls.__name__
    for cls in (
        CorpusError,
        LockBusy,
        NoDocumentsError,
        OutputsError,
        SettingsError,
        ModelsError,
        ServerUnavailable,
    )
}
"""Exit code → what it means (``xlkb --help`` prints this table)."""


def outputs_error(path: Path, exc: OSError) -> OutputsError:
    """An :class:`OutputsError` sentence for an ``OSError`` raised while writing ``path``."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make it writable or choose another folder with --outputs"
    elif exc.errno == errno.ENOSPC:
        fix = "free disk space or choose another folder with --outputs"
    else:
        fix = "check the folder or choose another one with --outputs"
    reason = exc.strerror or str(exc)
    return OutputsError(f"cannot write {path}: {reason.lower()}; {fix}")


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and prove a file can be written in it (raises OutputsError)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise outputs_error(folder, exc) from exc


_USER_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC)


def as_user_error(exc: BaseException) -> BaseException:
    """``exc`` itself, or an :class:`OutputsError` for an ``OSError`` about a permission, a
    read-only file system or a full disk."""
    if isinstance(exc, OSError) and exc.errno in _USER_ERRNOS:
        return outputs_error(Path(exc.filename or "?"), exc)
    return exc


def report_error(exc: BaseException) -> int:
    """Print ``xlkb: error: <sentence>`` to stderr and return the exit code for ``exc``.

    An :class:`XlkbError` keeps its own code and an ``OSError`` the user can fix becomes an
    :class:`OutputsError`; anything else is re-raised (a bug deserves its traceback).
    """
    error = as_user_error(exc)
    if not isinstance(error, XlkbError):
        raise exc
    print(f"xlkb: error: {error}", file=sys.stderr)
    return error.exit_code
