"""Optional online linker: entity records → Wikidata QIDs.

Off by default. It runs only when ``XLKB_WIKIDATA_ENDPOINT`` names a MediaWiki API endpoint
(e.g. ``https://www.wikidata.org/w/api.php``). Every response is cached on disk (one JSON file
per query under ``<outputs>/.cache/wikidata/``), so a rerun asks the network nothing, and any
network failure simply leaves the entity unlinked. Tests run against recorded responses in the
cache and a fetch function that refuses the network.

A QID is accepted when it is the top ``wbsearchentities`` hit for the entity's names in at least
two languages, or in its only language when that language's top hit is an exact label match.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENV = "XLKB_WIKIDATA_ENDPOINT"
Fetch = Callable[[str], dict[str, Any]]


def _http_fetch(url: str, timeout: float = 5.0) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"User-Agent": "xlkb/0.1 (offline-first KB)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        answer: dict[str, Any] = json.loads(response.read().decode("utf-8"))
        return answer


class WikidataLinker:
    """Searches names, caches responses, picks a QID per entity."""

    def __init__(self, endpoint: str, cache_dir: Path, fetch: Fetch | None = None) -> None:
        self.endpoint = endpoint
        self.cache_dir = cache_dir
        self.fetch = fetch or _http_fetch

    @classmethod
    def from_environment(cls, cache_dir: Path) -> WikidataLinker | None:
        endpoint = os.environ.get(ENV, "").strip()
        return cls(endpoint, cache_dir) if endpoint else None

    def url(self, name: str, lang: str) -> str:
        query = urllib.parse.urlencode(
            {
                "action": "wbsearchentities",
                "search": name,
                "language": lang,
                "uselang": lang,
                "type": "item",
                "limit": 5,
                "format": "json",
            }
        )
        return f"{self.endpoint}?{query}"

    def cache_path(self, name: str, lang: str) -> Path:
        digest = hashlib.sha256(f"{lang}\x1f{name}".encode()).hexdigest()[:24]
        return self.cache_dir / f"{lang}-{digest}.json"

    def search(self, name: str, lang: str) -> list[dict[str, Any]]:
        """``search`` hits for a name (cached; ``[]`` when the endpoint cannot be reached)."""
        path = self.cache_path(name, lang)
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            try:
                data = self.fetch(self.url(name, lang))
            except Exception:  # noqa: BLE001 - offline or endpoint down: stay unlinked
                return []
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return list(data.get("search", []))

    def link(self, entity: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """(QID, evidence) for an entity record, or ``None``."""
        tops: dict[str, dict[str, Any]] = {}
        for lang, names in sorted(entity.get("names", {}).items()):
            for name in names[:2]:
                hits = self.search(name, lang)
                if hits:
                    tops[lang] = {"id": hits[0]["id"], "exact": _exact(hits[0], name)}
                    break
        if not tops:
            return None
        votes = Counter(t["id"] for t in tops.values())
        qid, count = votes.most_common(1)[0]
        langs = sorted(lang for lang, t in tops.items() if t["id"] == qid)
        if count >= 2 or (len(tops) == 1 and next(iter(tops.values()))["exact"]):
            if len(votes) > 1 and votes.most_common(2)[1][1] == count:
                return None  # languages disagree evenly
            return qid, {"signals": {"wikidata": 1.0}, "langs": langs, "id": f"wd:{qid}"}
        return None


def _exact(hit: dict[str, Any], name: str) -> bool:
    label = str(hit.get("label", ""))
    match = hit.get("match", {})
    return (
        label.casefold() == name.casefold()
        or str(match.get("text", "")).casefold() == name.casefold()
    )


def link_entities(entities: list[dict[str, Any]], linker: WikidataLinker) -> int:
    """Add ``wikidata`` (QID) and its evidence to the records it can link; returns how many."""
    linked = 0
    for entity in entities:
        found = linker.link(entity)
        if found is None:
            continue
        qid, evidence = found
        entity["wikidata"] = qid
        entity.setdefault("evidence", []).append(
            {"names": [entity["name"]], **evidence, "score": 0.9}
        )
        linked += 1
    return linked
