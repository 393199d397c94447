"""Label search over qualifications, activities, knowledge elements and ESCO concepts.

Case and accents are set aside ("Coördinatie" finds "coordinatie"); every word of the query
must occur in a label, in any order. The index is built once per store version (a few
seconds for the default graph) and searched in memory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Store

from bkgraph.linking.suggest import fold

KINDS = {
    "https://w3id.org/bkgraph/def#QualificationVersion": "qualifications",
    "https://w3id.org/bkgraph/def#KnowledgeElement": "knowledge elements",
    "https://w3id.org/bkgraph/def#Activity": "activities",
    "http://data.europa.eu/esco/model#Occupation": "ESCO occupations",
    "http://data.europa.eu/esco/model#Skill": "ESCO skills",
}
ORDER = list(KINDS.values())

_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?thing ?type ?label WHERE {
  VALUES ?type { TYPES }
  ?thing a ?type ; skos:prefLabel|skos:altLabel|skos:hiddenLabel|dct:title|rdfs:label ?label .
}
""".replace("TYPES", " ".join(f"<{t}>" for t in KINDS))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # the label that matched, as written
    other: str  # another label of the thing (its title), when the match was a synonym


class SearchIndex:
    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.entries: list[tuple[str, str, str, str]] = []  # kind, iri, label, folded label
        self.names: dict[str, str] = {}
        for iri, kind, label in rows:
            self.entries.append((kind, iri, label, fold(label)))
            self.names.setdefault(iri, label)

    @classmethod
    def from_store(cls, store: Store) -> SearchIndex:
        rows = [
            (r["thing"].value, KINDS[r["type"].value], r["label"].value)
            for r in store.query(_LABELS, use_default_graph_as_union=True)
        ]
        rows.sort(key=lambda row: (row[0], len(row[2])))
        return cls(rows)

    def search(self, text: str, per_kind: int = 20) -> dict[str, tuple[list[Hit], int]]:
        """Hits per kind (at most `per_kind`, shortest label first) and how many there are."""
        words = fold(text).split()
        if not words:
            return {}
        found: dict[str, dict[str, Hit]] = defaultdict(dict)
        for kind, iri, label, folded in self.entries:
            if all(w in folded for w in words) and iri not in found[kind]:
                found[kind][iri] = Hit(iri, label, self.names.get(iri, label))
        result = {}
        for kind in ORDER:
            hits = sorted(found.get(kind, {}).values(), key=lambda h: (len(h.label), h.label))
            if hits:
                result[kind] = (hits[:per_kind], len(hits))
        return result
