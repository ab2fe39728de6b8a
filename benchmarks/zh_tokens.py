"""Character vs word tokens for Chinese NER: how many gold entities can a word model represent?

    .venv/bin/python -m benchmarks.zh_tokens

A token-based NER model can only output spans on token boundaries. With one token per character
every gold span is representable; with jieba words, an entity whose start or end falls inside a
word is lost before training starts. This measures that ceiling (share of gold PER/LOC/ORG spans
whose boundaries coincide with jieba token boundaries) on the Chinese training and test sets.
"""

from __future__ import annotations

from benchmarks.report import table, write_section
from training import ner_data


def aligned_share(sentences) -> tuple[int, int]:
    import jieba

    jieba.setLogLevel(60)
    ok = total = 0
    for s in sentences:
        bounds = {0}
        pos = 0
        for word in jieba.cut(s.text, HMM=True):
            pos += len(word)
            bounds.add(pos)
        for a, b, _ in s.spans:
            total += 1
            ok += a in bounds and b in bounds
    return ok, total


def main() -> None:
    sets = {
        "People's Daily dev (train)": ner_data.peoples_daily("dev"),
        "MSRA test (train)": ner_data.msra_test(),
        "Weibo train (train)": ner_data.weibo("train"),
        "Resume train (train)": ner_data.resume("train"),
        "People's Daily test": ner_data.peoples_daily("test"),
        "Weibo test": ner_data.weibo("test"),
    }
    rows = []
    for name, sentences in sets.items():
        ok, total = aligned_share(sentences)
        rows.append([name, total, ok, f"{100 * ok / total:.1f}"])
        print(rows[-1], flush=True)
    body = table(["set", "gold entities", "on jieba word boundaries", "recall ceiling %"], rows)
    body += (
        "\n\nWith one token per Han character the ceiling is 100 % everywhere; the shipped `zh` "
        "model uses characters (see models/ner-zh-spacy/README.md)."
    )
    write_section(
        "zh_tokens",
        "Chinese NER: character vs jieba word tokens",
        body,
        "python -m benchmarks.zh_tokens",
    )


if __name__ == "__main__":
    main()
