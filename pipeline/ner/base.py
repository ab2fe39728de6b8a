"""The NER backend interface, the backend registry and the per-language backend choice.

A backend turns sentences into entity spans::

    backend = get_backend("spacy", "models/ner-lv-spacy")
    backend.recognize(["Heidars Alijevs ieradās Baku."], "lv")
    # [[Span(0, 15, 'PER'), Span(25, 29, 'LOC')]]

Contract for every backend class (register it in :data:`BACKENDS`):

- ``__init__(self, model: str, **options)``: ``model`` is a filesystem path or a package/hub name;
  nothing may be downloaded (spaCy by package/path, Stanza with ``download_method=None``,
  transformers with ``HF_HUB_OFFLINE=1``). The library is imported inside the module, which is
  itself imported lazily by :func:`get_backend`, so an unused backend costs nothing.
- ``recognize(self, sentences: list[str], lang: str) -> list[list[Span]]``: one list per input
  sentence, spans with character offsets into THAT sentence string, labels from
  :data:`pipeline.ner.labels.PROJECT_LABELS` (map the model's own tags with
  :func:`pipeline.ner.labels.to_project_label`, dropping ``None``), sorted by start,
  non-overlapping. ``lang`` is the sentences' language (a multilingual backend may use it or not).
- ``name`` (class attribute): the registry name.

Which backend and model serves a language comes from :func:`resolve` (``Settings.ner_profile``,
overridden per language by ``Settings.ner_backends``).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from pipeline.errors import ModelsError, SettingsError
from pipeline.lang import SUPPORTED
from pipeline.settings import Settings

SUPPORTED_LANGS: tuple[str, ...] = SUPPORTED
"""Languages the NER stage runs on (:data:`pipeline.lang.SUPPORTED`); sentences in other
languages are skipped."""


@dataclass(frozen=True)
class Span:
    """An entity found in one sentence: character offsets into that sentence."""

    start: int
    end: int
    label: str
    """``PER``, ``LOC`` or ``ORG``."""
    score: float | None = None
    """Confidence in [0, 1] when the backend has one."""
    source: str = "model"
    """``model``, ``gazetteer``, ``document`` (see :mod:`pipeline.ner.consistency`) or ``title``
    (a name after a courtesy title: :func:`pipeline.ner.person_spans.courtesy_persons`)."""

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def strictly_inside(self, other: Span) -> bool:
        """Whether this span lies within ``other`` and is shorter (a name cut short)."""
        return (
            other.start <= self.start
            and self.end <= other.end
            and (self.start, self.end) != (other.start, other.end)
        )


def add_enclosing(spans: list[Span], extra: list[Span]) -> list[Span]:
    """``spans`` plus each ``extra`` span that overlaps none of them or holds every span it
    overlaps strictly inside (those give way: a name cut short inside the longer one), sorted by
    start; where an ``extra`` span crosses a span's edge or has its very offsets, ``spans``
    stay."""
    kept = list(spans)
    for span in extra:
        overlapping = [m for m in kept if m.overlaps(span)]
        if all(m.strictly_inside(span) for m in overlapping):
            kept = [m for m in kept if m not in overlapping] + [span]
    return sorted(kept, key=lambda s: (s.start, s.end))


MAX_HEAD_ENDING = 3
"""Letters of a case ending after a stem of a language's word lists (``organization_heads.txt``:
``valdīb`` + ``ām``; ``administration_words``: ``komand`` + ``as``)."""


def is_stem_form(word: str, stems: tuple[str, ...], max_ending: int = MAX_HEAD_ENDING) -> bool:
    """Whether ``word`` is one of ``stems`` with an ending of at most ``max_ending`` letters."""
    return any(word.startswith(s) and len(word) - len(s) <= max_ending for s in stems)


def join_neighbours(spans: list[Span], joins: Callable[[Span, Span], bool]) -> list[Span]:
    """``spans`` in text order with each span that ``joins(previous, span)`` approves merged into
    the one before it (the first's label, score and source, to the second's end)."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and joins(out[-1], span):
            last = out[-1]
            out[-1] = Span(last.start, span.end, last.label, last.score, last.source)
        else:
            out.append(span)
    return out


class NerBackend(Protocol):
    """What every backend implements (see the module docstring for the full contract)."""

    name: ClassVar[str]

    def __init__(self, model: str, **options: str) -> None: ...

    def recognize(self, sentences: list[str], lang: str) -> list[list[Span]]: ...


BACKENDS: dict[str, str] = {
    "spacy": "pipeline.ner.backends.spacy_backend:SpacyBackend",
    "stanza": "pipeline.ner.backends.stanza_backend:StanzaBackend",
    "transformers": "pipeline.ner.backends.transformers_backend:TransformersBackend",
}
"""Backend name → ``module:Class``, imported only when first used."""

# Default model of each (profile, language) and of each backend when a language's backend is
# overridden by name alone. Relative paths are resolved against ``Settings.models_dir``.
PROFILE_MODELS: dict[str, dict[str, tuple[str, str]]] = {
    "fast": {
        "lv": ("spacy", "ner-lv-spacy"),
        "zh": ("spacy", "ner-zh-spacy"),
        "en": ("spacy", "ner-en-spacy"),
    },
    "accurate": {
        "lv": ("transformers", "ner-multi-e5"),
        "zh": ("transformers", "ner-multi-e5"),
        "en": ("transformers", "ner-multi-e5"),
    },
}
PROFILE_BOUNDARY_MODELS: dict[str, dict[str, tuple[str, str]]] = {
    "accurate": {"zh": ("spacy", "ner-zh-spacy")},
}
"""(profile, language) → the character-level model whose spans lengthen the main model's names
cut short (:mod:`pipeline.ner.boundaries`); used only while the language's backend is the
profile's own (no ``Settings.ner_backends`` override)."""
BACKEND_DEFAULT_MODELS: dict[str, dict[str, str]] = {
    "spacy": {lang: model for lang, (_, model) in PROFILE_MODELS["fast"].items()},
    "transformers": {lang: model for lang, (_, model) in PROFILE_MODELS["accurate"].items()},
    # Stanza's own resources layout (``<dir>/<lang>/ner/...``) under models/stanza
    "stanza": {lang: "stanza" for lang in SUPPORTED_LANGS},
}


def _model_ref(ref: str, settings: Settings) -> str:
    """A models_dir-relative path when it exists there, else the reference unchanged (a package
    name, hub name or absolute path)."""
    candidate = Path(settings.models_dir) / ref
    return str(candidate) if candidate.exists() else ref


def resolve(lang: str, settings: Settings) -> tuple[str, str]:
    """(backend name, model reference) serving ``lang``.

    ``Settings.ner_backends[lang]`` may be ``"<backend>"`` (that backend's default model for the
    language) or ``"<backend>:<model>"`` (a path, package or hub name).
    """
    override = settings.ner_backends.get(lang)
    if override:
        name, _, model = override.partition(":")
        if name not in BACKENDS:
            raise SettingsError(
                f"unknown NER backend {name!r} for {lang} in ner_backends "
                f"(known: {', '.join(sorted(BACKENDS))})"
            )
        model = model or BACKEND_DEFAULT_MODELS[name][lang]
        return name, _model_ref(model, settings)
    if settings.ner_profile not in PROFILE_MODELS:
        raise SettingsError(
            f"unknown ner_profile {settings.ner_profile!r} (known: {', '.join(PROFILE_MODELS)})"
        )
    name, model = PROFILE_MODELS[settings.ner_profile][lang]
    return name, _shipped_model(model, settings)


def _shipped_model(ref: str, settings: Settings) -> str:
    """The path of a model shipped in the models folder; :class:`ModelsError` when it is not
    there (e.g. an installed package run without ``--models``/``XLKB_MODELS_DIR``)."""
    path = Path(settings.models_dir) / ref
    if not path.exists():
        raise ModelsError(
            f"model {ref} not found in {settings.models_dir}; pass --models DIR or set "
            "XLKB_MODELS_DIR to the folder that holds the project's models/"
        )
    return str(path)


def resolve_boundary_model(lang: str, settings: Settings) -> tuple[str, str] | None:
    """(backend name, model reference) of ``lang``'s boundary model in the current profile, or
    None (none configured, or the language's backend is overridden)."""
    if settings.ner_backends.get(lang):
        return None
    helper = PROFILE_BOUNDARY_MODELS.get(settings.ner_profile, {}).get(lang)
    return None if helper is None else (helper[0], _shipped_model(helper[1], settings))


_CACHE: dict[tuple[str, str, tuple[tuple[str, str], ...]], NerBackend] = {}
_LOCK = threading.Lock()


def backend_class(name: str) -> type[NerBackend]:
    """Import and return the backend class registered as ``name``."""
    module, _, cls = BACKENDS[name].partition(":")
    backend: type[NerBackend] = getattr(importlib.import_module(module), cls)
    return backend


def backend_options(name: str, settings: Settings) -> tuple[tuple[str, str], ...]:
    """Constructor options of backend ``name`` that come from the settings."""
    return (("runtime", settings.ner_runtime),) if name == "transformers" else ()


def get_backend(name: str, model: str, options: tuple[tuple[str, str], ...] = ()) -> NerBackend:
    """A loaded backend, cached per process (models are loaded once per worker)."""
    key = (name, model, options)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = backend_class(name)(model, **dict(options))
        return _CACHE[key]
