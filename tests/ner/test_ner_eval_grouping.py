"""benchmarks/ner_eval.py: document recall sees a FullStack document's paragraph files together."""

from benchmarks.ner_eval import _paragraph_order
from training.ner_data import fullstack_document


def test_paragraph_files_sort_by_document_then_paragraph_number():
    files = ["p12-p10.conll2003", "p12-p9.conll2003", "d3-p1.conll2003", "p12-p1.conll2003"]
    assert sorted(files, key=_paragraph_order) == [
        "d3-p1.conll2003",
        "p12-p1.conll2003",
        "p12-p9.conll2003",
        "p12-p10.conll2003",
    ]
    assert {fullstack_document(f) for f in files} == {"p12", "d3"}


def test_files_of_other_corpora_keep_their_names():
    assert _paragraph_order("tildener-test") == ("tildener-test", 0)
    assert fullstack_document("tildener-test") == "tildener-test"
