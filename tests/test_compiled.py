"""The disk cache of compiled indexes: keyed on its sources' contents, old versions pruned."""

import os

from pipeline import compiled


def test_an_edited_source_compiles_a_new_version_and_only_the_newest_versions_stay(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("XLKB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(compiled, "_MEMORY", {})  # the real indexes stay loaded for other tests
    source = tmp_path / "places.tsv"
    built = []

    def build():
        built.append(source.read_text())
        return {line.split("\t")[0]: line.split("\t")[1] for line in source.read_text().split("\n")}

    folder = tmp_path / "cache" / "indexes"
    for version in range(5):
        source.write_text(f"Riga\tLV\nTallinn\tEE{version}")
        compiled._MEMORY.clear()
        assert compiled.compiled("places", [source], build)["Tallinn"] == f"EE{version}"
        # the files' times order the versions even when the clock is coarse
        for n, path in enumerate(sorted(folder.glob("places-*.pickle"), key=os.path.getmtime)):
            os.utime(path, (n, n))
    assert len(built) == 5
    assert len(list(folder.glob("places-*.pickle"))) == compiled.KEEP_VERSIONS
    # The newest version is one of those kept: loaded from disk, not built again.
    compiled._MEMORY.clear()
    assert compiled.compiled("places", [source], build)["Tallinn"] == "EE4"
    assert len(built) == 5
    # Another index's files are not this index's versions.
    other = folder / "places-extra-0123456789abcdef0123.pickle"
    other.write_bytes(b"")
    compiled.prune(folder, "places")
    assert other.exists()
