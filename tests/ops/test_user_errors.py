"""What a user sees when something is wrong: no silent data loss, one-sentence errors with
distinct exit codes (``xlkb`` and ``flows.py``), options before or after the subcommand, and an
installed ``xlkb`` that runs on its own folders from any directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.build import build_kb
from pipeline.errors import NoDocumentsError
from pipeline.kb.validate import validate_kb
from pipeline.settings import PROJECT_ROOT

from .conftest import SMALL_CORPUS

FOUNDATION = ()  # ingest + language ID: no trained model needed


def _xlkb(*args: str, cwd: Path | None = None, env: dict | None = None, prefix=()) -> tuple:
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )
    return result.returncode, result.stderr


def _bad_files(folder: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)


def test_a_run_where_every_file_is_rejected_keeps_the_previous_kb(
    tmp_path: Path, make_settings
) -> None:
    outputs = tmp_path / "outputs"
    build_kb(make_settings(corpora_dir=SMALL_CORPUS, outputs_dir=outputs, stages=FOUNDATION))
    before = (outputs / "kb.jsonl").read_bytes()
    _bad_files(tmp_path / "bad")

    with pytest.raises(NoDocumentsError, match="no document survived: all 2 file"):
        build_kb(make_settings(corpora_dir=tmp_path / "bad", outputs_dir=outputs, stages=()))
    assert (outputs / "kb.jsonl").read_bytes() == before
    reasons = {
        json.loads(line)["path"]
        for line in (outputs / "errors.jsonl").read_text("utf-8").splitlines()
    }
    assert reasons == {"empty.txt", "binary.txt"}

    code, stderr = _xlkb(
        "run", "--stages", "", "--corpora", str(tmp_path / "bad"), "--outputs", str(outputs)
    )
    assert code == NoDocumentsError.exit_code == 4
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("xlkb: error: no document survived") and "Traceback" not in stderr
    assert last.endswith(f"kept the previous {outputs / 'kb.jsonl'}")
    assert (outputs / "kb.jsonl").read_bytes() == before


def test_an_empty_kb_is_not_valid(tmp_path: Path) -> None:
    (tmp_path / "kb.jsonl").write_bytes(b"")
    assert any("no document records" in p for p in validate_kb(tmp_path / "kb.jsonl"))


def test_a_run_that_drops_most_documents_warns_loudly(
    tmp_path: Path, small_corpus: Path, make_settings
) -> None:
    settings = make_settings(corpora_dir=small_corpus, stages=FOUNDATION)
    assert build_kb(settings).dropped == 0
    (small_corpus / "lv_riga.txt").unlink()
    shutil.rmtree(small_corpus / "nested")
    summary = build_kb(settings)
    assert summary.documents == 1 and summary.dropped == 2
    loud = [p for p in summary.errors if "drops 2 of the 3 documents" in p.reason]
    assert loud and loud[0].severity == "warning"
    assert "lv_riga.txt" in loud[0].reason
    assert json.loads((settings.outputs_dir / "summary.json").read_text("utf-8"))["dropped"] == 2


def test_mixed_and_legacy_encodings_are_read_and_reported(
    tmp_path: Path, small_corpus: Path, make_settings
) -> None:
    latvian = (small_corpus / "lv_riga.txt").read_text("utf-8")
    (small_corpus / "lv_riga.txt").write_bytes(
        latvian.encode("utf-8") + " Pievienots: Rīgas pilsēta.".encode("cp1257")
    )
    (small_corpus / "cp1257.txt").write_bytes(
        "Latvijas Republikas Saeima pieņēma likumu par valsts valodu un tās lietošanu.".encode(
            "cp1257"
        )
    )
    settings = make_settings(corpora_dir=small_corpus, stages=FOUNDATION)
    summary = build_kb(settings)
    warnings = {p.path: p.reason for p in summary.errors if p.severity == "warning"}
    assert warnings["lv_riga.txt"].startswith("mostly UTF-8: 2 invalid byte sequence(s)")
    assert "decoded as cp1257 (confidence " in warnings["cp1257.txt"]
    docs = {
        r["path"]: r
        for line in settings.kb_path.read_text("utf-8").splitlines()
        if (r := json.loads(line))["type"] == "document"
    }
    assert docs["lv_riga.txt"]["encoding"] == "utf-8"
    assert docs["cp1257.txt"]["encoding"] == "cp1257"


@pytest.fixture
def world_readable_corpus() -> Iterator[Path]:
    """The small corpus in a folder another (unprivileged) user can read."""
    root = Path(tempfile.mkdtemp(prefix="xlkb-ro-"))
    root.chmod(0o755)
    shutil.copytree(SMALL_CORPUS, root / "corpora")
    for path in [root / "corpora", *(root / "corpora").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "outputs").mkdir(mode=0o555)
    (root / "outputs").chmod(0o555)
    (root / "home").mkdir()
    (root / "home").chmod(0o777)  # HOME and PREFECT_HOME of the unprivileged run
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _unprivileged() -> tuple[str, ...]:
    """A command prefix that drops root (root ignores file permissions)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root without setpriv: cannot test a permission error")
    return (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")


@pytest.mark.parametrize("entry", ["xlkb", "flow"])
def test_read_only_outputs_is_one_sentence_with_its_own_exit_code(
    world_readable_corpus: Path, entry: str
) -> None:
    root = world_readable_corpus
    env = {**os.environ, "HOME": str(root / "home"), "PREFECT_HOME": str(root / "home" / "p")}
    folders = ["--corpora", str(root / "corpora"), "--outputs", str(root / "outputs")]
    if entry == "xlkb":
        code, stderr = _xlkb(
            "run", "--stages", "", *folders, cwd=root, env=env, prefix=_unprivileged()
        )
    else:
        result = subprocess.run(
            [*_unprivileged(), sys.executable, str(PROJECT_ROOT / "flows.py"), *folders],
            capture_output=True,
            text=True,
            check=False,
            cwd=root,
            env=env,
        )
        code, stderr = result.returncode, result.stderr
    assert code == 5, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines() == [
        f"xlkb: error: cannot write {root / 'outputs'}: permission denied; make it writable or "
        "choose another folder with --outputs"
    ]


def test_bad_settings_and_missing_folders_name_the_source(tmp_path: Path) -> None:
    env = {**os.environ, "XLKB_LOCK_WAIT_SECONDS": "soon"}
    code, stderr = _xlkb("run", "--corpora", str(SMALL_CORPUS), env=env)
    assert code == 6 and "Traceback" not in stderr
    assert "'lock_wait_seconds' from environment variable XLKB_LOCK_WAIT_SECONDS" in stderr

    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "flows.py"), "--corpora", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"xlkb: error: corpora folder does not exist: {tmp_path / 'nope'}"
    ]


def test_global_options_work_before_or_after_the_subcommand(tmp_path: Path) -> None:
    folders = ["--corpora", str(SMALL_CORPUS), "--stages", ""]
    for argv in (
        ["-v", "--outputs", str(tmp_path / "a"), "run", *folders],
        ["run", "-v", "--outputs", str(tmp_path / "b"), *folders],
    ):
        code, stderr = _xlkb(*argv)
        assert code == 0, stderr
        assert "INFO xlkb: analyzed: lv_riga.txt" in stderr
    assert (tmp_path / "a" / "kb.jsonl").read_bytes() == (tmp_path / "b" / "kb.jsonl").read_bytes()


@pytest.mark.slow
def test_installed_console_script_runs_from_another_directory(tmp_path: Path) -> None:
    """``pip install`` the project (not editable) and run its ``xlkb`` from an unrelated folder:
    default folders are the working directory's, models come from ``--models``."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "flows.py"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    shutil.copytree(
        PROJECT_ROOT / "pipeline", source / "pipeline", ignore=shutil.ignore_patterns("__pycache__")
    )
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
        + ["--target", str(target), str(source)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "work"
    shutil.copytree(SMALL_CORPUS, work / "corpora")
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("XLKB_MODELS_DIR", None)
    xlkb = [str(target / "bin" / "xlkb")]

    missing = subprocess.run(
        [*xlkb, "run", "--stages", "ner"], capture_output=True, text=True, cwd=work, env=env
    )
    assert missing.returncode == 7, missing.stderr
    assert "pass --models DIR or set XLKB_MODELS_DIR" in missing.stderr

    done = subprocess.run(
        [*xlkb, "run", "-q", "--stages", "ner", "--models", str(PROJECT_ROOT / "models")],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == 3
    records = [json.loads(line) for line in (work / "outputs" / "kb.jsonl").open(encoding="utf-8")]
    assert sum(r["type"] == "mention" for r in records) >= 5
    assert not (target / "outputs").exists() and not (PROJECT_ROOT / "outputs" / "work").exists()
