"""Cross-lingual event alignment on a small real-text fixture: one happening told in lv, en (two
documents) and zh is one record with evidence; a different happening of the same month is not
merged into it; every merge carries its signals and a confidence."""

import pytest

from pipeline.align.cluster import entity_records
from pipeline.align.events import align_events, kind_signal
from pipeline.events.extract import extract_events

from ..helpers.documents import make_doc

JAN_1990 = ("1990-01-01", "1990-01-31", "month")


@pytest.fixture(scope="module")
def records():
    docs = [
        make_doc(
            "baku_lv.txt",
            "lv",
            [
                "1990. gada janvārī Baku notika armēņu grautiņi, kuros tika nogalināti desmitiem cilvēku.",
                "Padomju armija 1990. gada 20. janvārī iebruka Baku, nogalinot vairāk nekā simts civiliedzīvotāju.",
            ],
            {"Baku": "LOC"},
            {
                "1990. gada janvārī": JAN_1990,
                "1990. gada 20. janvārī": ("1990-01-20", "1990-01-20", "day"),
            },
        ),
        make_doc(
            "baku_en.txt",
            "en",
            ["In January 1990 a pogrom against Armenians in Baku killed dozens of people."],
            {"Baku": "LOC"},
            {"January 1990": JAN_1990},
        ),
        make_doc(
            "baku2_en.txt",
            "en",
            [
                "The Baku pogrom of January 1990 was directed against the Armenian inhabitants of Baku.",
                "On 20 January 1990 Soviet troops invaded Baku and killed more than a hundred civilians.",
            ],
            {"Baku": "LOC"},
            {"January 1990": JAN_1990, "20 January 1990": ("1990-01-20", "1990-01-20", "day")},
        ),
        make_doc(
            "baku_zh.txt",
            "zh",
            ["1990年1月，巴库发生了针对亚美尼亚人的大屠杀，数十人遇难。"],
            {"巴库": "LOC"},
            {"1990年1月": JAN_1990},
        ),
    ]
    for d in docs:
        d.events = extract_events(d)
    _, mention_entity = entity_records(docs)
    return docs, align_events(docs, mention_entity)


def test_the_pogrom_is_one_record_in_three_languages(records):
    _, recs = records
    pogrom = [r for r in recs if any("grautiņi" in m["text"] for m in r["mentions"])]
    assert len(pogrom) == 1
    record = pogrom[0]
    assert record["kind"] == "massacre"
    assert record["langs"] == ["en", "lv", "zh"]
    assert len({m["doc"] for m in record["mentions"]}) == 4
    assert record["interval"] == {"start": "1990-01-01", "end": "1990-01-31"}
    assert len(record["evidence"]) == 3 and 0.5 <= record["confidence"] <= 0.99
    for e in record["evidence"]:
        assert e["rule"] == "cross_document"
        assert e["signals"]["sentence_similarity"] > 0.8 and e["signals"]["kind"] == 1.0


def test_the_invasion_is_not_merged_into_the_pogrom(records):
    _, recs = records
    invasion = [r for r in recs if any("invaded" in m["text"] for m in r["mentions"])]
    assert len(invasion) == 1
    assert not any("pogrom" in m["text"] for m in invasion[0]["mentions"])
    assert invasion[0]["interval"] == {"start": "1990-01-20", "end": "1990-01-20"}


def test_at_most_one_mention_per_document_pair(records):
    _, recs = records
    for r in recs:
        docs = [m["doc"] for m in r["mentions"]]
        assert len(docs) == len(set(docs))


def test_kind_compatibility():
    assert kind_signal("capture", "capture") == 1.0
    assert kind_signal("capture", "armed_clash") == 0.5
    assert kind_signal("other", "massacre") == 0.5
    assert kind_signal("ceasefire_agreement", "massacre") == 0.0


def test_the_scores_of_a_row_of_pairs_are_those_of_each_pair(records):
    import math

    import numpy as np

    from pipeline.align import events

    docs, _ = records
    entities, mention_entity = entity_records(docs)
    labels = {e["id"]: e["label"] for e in entities}
    ids = {e["id"]: e["ids"] for e in entities}
    config = events.EventAlignConfig()
    items = events._items(docs, mention_entity)
    vectors = events._vectors(items)
    scorer = events._PairScorer(docs, items, vectors, mention_entity, labels, ids, config)
    assert len(items) >= 5 and any(scorer.settlements) and any(it.numbers for it in items)
    for a in range(len(items)):
        others = np.array([b for b in range(len(items)) if b != a])
        sims = vectors[others] @ vectors[a]
        score, need = scorer.row_scores(a, others, sims)
        together = scorer.scores_between(a, list(others))
        for k, b in enumerate(others):
            quick = scorer.quick(a, int(b), float(sims[k]))
            alone = scorer.quick(a, int(b), float(vectors[a] @ vectors[b]))
            if quick is None:
                assert math.isnan(need[k]) and together[k] == -1.0
                continue
            assert score[k] == quick[0]  # the same floating-point values
            assert alone is not None and together[k] == alone[0]
            if events._dates_compatible(items[a], items[b]):
                bar = config.accept
            elif events._dated_undated(items[a], items[b]):
                bar = config.undated_strong
            else:
                assert math.isnan(need[k])
                continue
            assert need[k] == (bar if quick[1] else max(bar, config.other_story_strong))


def test_a_sentence_told_twice_in_a_document_is_matched_by_its_first_telling():
    """A repeated page tells one sentence twice; the encoder's batched arithmetic may give the
    two copies vectors a few bits apart. One text has one vector, so the cross-document merge
    names the first telling, whatever those bits are."""
    import numpy as np

    from pipeline.encoders import embed
    from pipeline.events.vectors import event_text

    sentence = "In January 1990 a pogrom against Armenians in Baku killed dozens of people."
    page = make_doc(
        "page_en.txt", "en", [sentence, sentence], {"Baku": "LOC"}, {"January 1990": JAN_1990}
    )
    other = make_doc(
        "baku_lv.txt",
        "lv",
        [
            "1990. gada janvārī Baku notika armēņu grautiņi, kuros tika nogalināti desmitiem cilvēku."
        ],
        {"Baku": "LOC"},
        {"1990. gada janvārī": JAN_1990},
    )
    docs = [page, other]
    for d in docs:
        d.events = extract_events(d)
    vectors = embed.embed([event_text(ev) for d in docs for ev in d.events])
    first, second = page.events
    target = vectors[-1]
    # the second copy's vector a few bits nearer the other document's sentence
    nudged = vectors[0] + 1e-3 * (target - vectors[0])
    first.vector = np.asarray(vectors[0], np.float16).tobytes()
    second.vector = np.asarray(nudged, np.float16).tobytes()
    other.events[0].vector = np.asarray(target, np.float16).tobytes()
    _, mention_entity = entity_records(docs)
    recs = align_events(docs, mention_entity)
    merged = next(r for r in recs if len(r["langs"]) == 2)
    cross = [e for e in merged["evidence"] if e["rule"] == "cross_document"]
    assert cross and cross[0]["mentions"][0].endswith(f":{first.start}")
