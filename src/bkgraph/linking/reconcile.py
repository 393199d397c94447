"""Matching names to our URIs, for the W3C Entity Reconciliation API (what OpenRefine speaks).

A registry with a spreadsheet of profession or knowledge names sends them as queries; each
gets candidates from our labels (preferred, alternative and hidden, in any language), scored
0-100. A candidate is a `match` only when its label equals the query once case and accents are
set aside and no other candidate of the type does. The index is built from the store once per
store version.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Store

from bkgraph.linking.suggest import fold, words

TYPES = {
    "https://w3id.org/bkgraph/def#QualificationVersion": "Qualification (BK)",
    "https://w3id.org/bkgraph/def#KnowledgeElement": "Knowledge element",
    "https://w3id.org/bkgraph/def#Profession": "Profession (career-path grid)",
}

_LABELS = """
PREFIX bk: <https://w3id.org/bkgraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?thing ?type ?label ?preferred WHERE {
  VALUES ?type { TYPES }
  ?thing a ?type .
  { ?thing skos:prefLabel|dct:title ?label BIND(true AS ?preferred) }
  UNION { ?thing skos:altLabel|skos:hiddenLabel ?label BIND(false AS ?preferred) }
}
""".replace("TYPES", " ".join(f"<{t}>" for t in TYPES))


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str  # the preferred label shown to the user
    labels: tuple[str, ...]  # folded, every label


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    score: float
    match: bool
    type: str

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "match": self.match,
            "type": [{"id": self.type, "name": TYPES[self.type]}],
        }


class ReconciliationIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_word: dict[str, set[int]] = defaultdict(set)
        for i, entry in enumerate(entries):
            for label in entry.labels:
                for word in words(label):
                    self.by_word[word].add(i)

    @classmethod
    def from_store(cls, store: Store) -> ReconciliationIndex:
        names: dict[tuple[str, str], str] = {}
        labels: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in store.query(_LABELS, use_default_graph_as_union=True):
            key = (row["thing"].value, row["type"].value)
            labels[key].add(fold(row["label"].value))
            if row["preferred"].value == "true":
                names.setdefault(key, row["label"].value)
        return cls(
            [
                Entry(thing, type_, names.get((thing, type_), thing), tuple(sorted(found)))
                for (thing, type_), found in labels.items()
            ]
        )

    def reconcile(self, query: str, type_: str | None = None, limit: int = 5) -> list[Candidate]:
        folded = fold(" ".join(query.split()))
        pool: set[int] = set()
        for word in words(folded):
            pool |= self.by_word.get(word, set())
        scored = []
        for i in pool:
            entry = self.entries[i]
            if type_ is not None and entry.type != type_:
                continue
            best = max(
                difflib.SequenceMatcher(None, folded, label).ratio() for label in entry.labels
            )
            scored.append((round(best * 100, 1), entry))
        scored.sort(key=lambda pair: (-pair[0], pair[1].name))
        exact = [entry for score, entry in scored if score == 100.0]
        return [
            Candidate(e.id, e.name, score, score == 100.0 and len(exact) == 1, e.type)
            for score, e in scored[:limit]
        ]
