"""Per-document analysis: read → decode → mask noise → segment → identify languages → stages.

Plain functions; the Prefect tasks in ``flows.py`` and ``xlkb run`` both call these.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pipeline.ingest import CorpusFile, IngestError, decode_bytes
from pipeline.ingest.decode import DecodeError
from pipeline.kb.ids import document_id
from pipeline.langid import detect_languages
from pipeline.langid.scripts import char_script
from pipeline.records import AnalyzedDocument, Segment
from pipeline.settings import Settings
from pipeline.stages import document_stages
from pipeline.summary import add_time
from pipeline.text.noise import mask_noise
from pipeline.text.segment import paragraphs, sentences


def read_document(file: CorpusFile, settings: Settings) -> AnalyzedDocument:
    """Read and decode one corpus file. Raises :class:`IngestError` naming the file and reason."""
    if file.problem:
        raise IngestError(file.path, file.problem)
    try:
        size = file.absolute.stat().st_size
    except OSError as exc:
        raise IngestError(file.path, f"cannot read: {exc.strerror}") from exc
    if size > settings.max_file_bytes:
        raise IngestError(
            file.path, f"file too large ({size:,} bytes > limit {settings.max_file_bytes:,})"
        )
    try:
        data = file.absolute.read_bytes()
    except OSError as exc:
        raise IngestError(file.path, f"cannot read: {exc.strerror}") from exc
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise IngestError(file.path, str(exc)) from exc
    sha = hashlib.sha256(data).hexdigest()
    return AnalyzedDocument(
        doc_id=document_id(sha),
        path=file.path,
        sha256=sha,
        encoding=decoded.encoding,
        text=decoded.text,
        decode_warning=decoded.warning,
    )


def segment_document(doc: AnalyzedDocument) -> None:
    """Fill ``analysis_text``, paragraphs and sentences (languages still ``und``)."""
    doc.analysis_text = mask_noise(doc.text)
    paras = paragraphs(doc.analysis_text)
    doc.paragraphs = [Segment(a, b, "und", None, i) for i, (a, b) in enumerate(paras)]
    doc.sentences = [
        Segment(a, b, "und", None, p) for a, b, p in sentences(doc.analysis_text, paras)
    ]


HAN_SCRIPTS = ("Hans", "Hant")
MIN_HAN_IN_LATIN = 2
"""Han characters that make a mostly Latin sentence of a Chinese document Chinese."""


def _holds_han(text: str) -> bool:
    return sum(1 for ch in text if char_script(ch) == "Hani") >= MIN_HAN_IN_LATIN


SHORT_LETTERS = 30
"""Latin segments with fewer letters are only trusted when the detector is sure."""
SHORT_MIN_CONFIDENCE = 0.95
"""Below this confidence a short Latin segment inherits the language of its context."""


def identify_languages(doc: AnalyzedDocument) -> None:
    """Language and script of every sentence, paragraph and of the document.

    Sentences too short to tell (``und``) inherit the language of the nearest identified
    sentence in the same paragraph, else the document's. The document's language is the one
    with the most letters. In a document written in Han characters, a sentence identified as a
    Latin-script language that holds Han characters too is the document's language (Chinese
    keeping foreign names in Latin script).
    """
    texts = [doc.analysis_text[s.start : s.end] for s in doc.sentences]
    for s, text, guess in zip(doc.sentences, texts, detect_languages(texts), strict=True):
        s.lang, s.script = guess.lang, guess.script
        if guess.script == "Latn" and guess.confidence < SHORT_MIN_CONFIDENCE:
            if sum(ch.isalpha() for ch in text) < SHORT_LETTERS:
                s.lang = "und"  # a name or a citation fragment: take the context's language
    weight: Counter[str] = Counter()
    scripts: Counter[str] = Counter()
    for s in doc.sentences:
        if s.lang != "und":
            weight[s.lang] += s.end - s.start
            if s.script:
                scripts[s.script] += s.end - s.start
    doc.lang = max(sorted(weight), key=weight.__getitem__) if weight else "und"
    doc.script = max(sorted(scripts), key=scripts.__getitem__) if scripts else None
    for i, s in enumerate(doc.sentences):
        if s.lang == "und":
            s.lang = _neighbour_language(doc.sentences, i) or doc.lang
        elif s.script == "Latn" and doc.script in HAN_SCRIPTS and _holds_han(texts[i]):
            # A Chinese sentence that keeps foreign names in Latin script: "BBC Scotland 的
            # Alasdair Lamont 在 Tony Macaroni 球场" has more Latin letters than Han characters.
            s.lang, s.script = doc.lang, doc.script
    for p in doc.paragraphs:
        inside: Counter[str] = Counter()
        for s in doc.sentences:
            if s.paragraph == p.paragraph:
                inside[s.lang] += s.end - s.start
        p.lang = max(sorted(inside), key=inside.__getitem__) if inside else doc.lang


def _neighbour_language(sents: list[Segment], i: int) -> str | None:
    para = sents[i].paragraph
    for distance in range(1, len(sents)):
        for j in (i - distance, i + distance):
            if 0 <= j < len(sents) and sents[j].paragraph == para and sents[j].lang != "und":
                return sents[j].lang
        if not any(
            0 <= j < len(sents) and sents[j].paragraph == para for j in (i - distance, i + distance)
        ):
            return None
    return None


StepHook = Callable[[str, str], None]
"""Called with (document path or ``corpus``, step name) each time a step has finished."""


def run_document_stages(
    doc: AnalyzedDocument,
    settings: Settings,
    only: str | None = None,
    timings: dict[str, float] | None = None,
    on_step: StepHook | None = None,
) -> None:
    """Run the registered document stages (or only the one named ``only``) on ``doc`` in place.

    Sentences in languages without analysis support are left alone by each stage. Seconds spent
    per stage are added to ``doc.timings`` and to ``timings`` when given; ``on_step`` is called
    after each stage.
    """
    for stage in document_stages(settings):
        if only is None or stage.name == only:
            started = time.perf_counter()
            stage.process(doc)
            doc.stages[stage.name] = stage.version
            spent = time.perf_counter() - started
            add_time(doc.timings, stage.name, spent)
            if timings is not None:
                add_time(timings, stage.name, spent)
            if on_step:
                on_step(doc.path, stage.name)
    check_offsets(doc)


def check_offsets(doc: AnalyzedDocument) -> None:
    """Every span's ``text`` must equal ``doc.text[start:end]``; raise ``ValueError`` otherwise."""
    for kind, spans in (("mention", doc.mentions), ("time", doc.times), ("event", doc.events)):
        for span in spans:
            if doc.text[span.start : span.end] != span.text:
                raise ValueError(
                    f"{doc.path}: {kind} offsets {span.start}:{span.end} do not round-trip "
                    f"({span.text!r} vs {doc.text[span.start : span.end]!r})"
                )


def prepare_document(
    file: CorpusFile,
    settings: Settings,
    timings: dict[str, float] | None = None,
    on_step: StepHook | None = None,
) -> AnalyzedDocument:
    """Read, segment and identify languages (the part every document gets)."""
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    doc = read_document(file, settings)
    segment_document(doc)
    middle = time.perf_counter()
    if on_step:
        on_step(doc.path, "ingest")
    identify_languages(doc)
    for target in (timings, doc.timings):
        add_time(target, "ingest", middle - started)
        add_time(target, "langid", time.perf_counter() - middle)
    if on_step:
        on_step(doc.path, "langid")
    return doc


def analyze_file(
    file: CorpusFile,
    settings: Settings,
    timings: dict[str, float] | None = None,
    on_step: StepHook | None = None,
) -> AnalyzedDocument:
    """The whole per-document pipeline for one file (used by ``xlkb run`` and tests)."""
    doc = prepare_document(file, settings, timings, on_step)
    run_document_stages(doc, settings, timings=timings, on_step=on_step)
    return doc


def corpus_file(path: Path, corpora_dir: Path) -> CorpusFile:
    """A :class:`CorpusFile` for a path inside ``corpora_dir``."""
    return CorpusFile(path.relative_to(corpora_dir).as_posix(), path)
