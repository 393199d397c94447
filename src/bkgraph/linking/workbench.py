"""What `bkgraph link` works on: the items to link, the ESCO candidates, and the measures.

The suggester only proposes; a person decides in the SSSOM tables. This module gathers the
inputs for both commands: the Dutch items of the parsed qualifications that no table mentions
yet, the ESCO candidates of a kind (skills or occupations), the precision of the suggester on
the links people curated, and suggestion rows to append to a table for review.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bkgraph.linking.sssom import COLUMNS, SUGGESTED, MappingSet
from bkgraph.linking.suggest import Candidate, Glossary, Suggester
from bkgraph.model import Qualification
from bkgraph.parsing.esco import read_csv
from bkgraph.rdf.uris import Uris


@dataclass(frozen=True)
class Item:
    """A thing of ours to link: its IRI and its Dutch label."""

    iri: str
    label: str


def knowledge_items(qualifications: list[Qualification], uris: Uris) -> list[Item]:
    seen: dict[str, Item] = {}
    for q in qualifications:
        for block in q.blocks:
            for r in block.knowledge:
                iri = uris.knowledge(r.concept).value
                seen.setdefault(iri, Item(iri, r.concept))
    return list(seen.values())


def activity_items(qualifications: list[Qualification], uris: Uris) -> list[Item]:
    return [
        Item(uris.part(q.code, uris.activity_path(b.number, a.number)).value, a.text)
        for q in qualifications
        for b in q.blocks
        for a in b.activities
    ]


def qualification_items(qualifications: list[Qualification], uris: Uris) -> list[Item]:
    return [Item(uris.version(q.code).value, q.title) for q in qualifications]


def skill_candidates(esco: Path) -> list[Candidate]:
    return [
        Candidate(c.uri, c.pref_label, " ".join((*c.alt_labels, c.description or "")))
        for c in read_csv(esco / "skills_en.csv", "en")
    ]


def occupation_candidates(esco: Path) -> list[Candidate]:
    """ESCO occupations with their English labels and, where ESCO has them, the Dutch ones."""
    dutch: dict[str, str] = {}
    for c in read_csv(esco / "occupations_nl.csv", "nl"):
        dutch[c.uri] = " ".join((c.pref_label, *c.alt_labels))
    candidates = []
    for c in read_csv(esco / "occupations_en.csv", "en"):
        text = " ".join((*c.alt_labels, c.description or ""))
        candidates.append(Candidate(c.uri, c.pref_label, text, dutch.pop(c.uri, "")))
    return candidates


def load_suggester(data: Path, kind: str) -> Suggester:
    """Measured on the curated links (`bkgraph link report`, 2026-11-27): skill descriptions
    hurt (first choice right for 16% of links with them, 24% without), occupation descriptions
    help a little (29% with, 24% without); so each kind indexes what helps it."""
    glossary = Glossary.load(data / "glossary-nl-en.csv")
    esco = data / "esco"
    if kind == "skills":
        return Suggester(skill_candidates(esco), glossary, text_weight=0.0)
    return Suggester(occupation_candidates(esco), glossary, text_weight=1.0)


@dataclass(frozen=True)
class Precision:
    links: int  # curated links with an ESCO object
    first: int  # ... whose object the suggester ranks first
    top5: int  # ... or among its first five

    def line(self, name: str) -> str:
        if not self.links:
            return f"{name}: no curated links to measure on"
        return (
            f"{name}: {self.links} curated link(s); the curated ESCO concept is the first "
            f"suggestion for {self.first} ({self.first / self.links:.0%}) and among the first "
            f"five for {self.top5} ({self.top5 / self.links:.0%})"
        )


def precision(mapping_set: MappingSet, suggester: Suggester) -> Precision:
    """How often the suggester would have proposed what a person chose."""
    chosen: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for m in mapping_set.curated:
        if m.object is not None:
            chosen[m.subject].add(m.object)
            labels[m.subject] = m.subject_label
    links = first = top5 = 0
    for subject, objects in chosen.items():
        ranked = [s.uri for s in suggester.rank(labels[subject], 5)]
        links += len(objects)
        first += len(objects & set(ranked[:1]))
        top5 += len(objects & set(ranked))
    return Precision(links, first, top5)


def suggestion_rows(item: Item, suggester: Suggester, mapping_set: MappingSet, limit: int):
    """SSSOM rows for the first `limit` candidates, marked as lexical suggestions."""
    for suggestion in suggester.rank(item.label, limit):
        yield {
            "subject_id": mapping_set.curie(item.iri),
            "subject_label": item.label,
            "predicate_id": "skos:closeMatch",
            "object_id": mapping_set.curie(suggestion.uri),
            "object_label": suggestion.label,
            "mapping_justification": "semapv:" + SUGGESTED.rsplit("/", 1)[1],
            "author_label": "bkgraph link suggest",
            "mapping_date": date.today().isoformat(),
            "confidence": "",
            "comment": f"BM25 score {suggestion.score}; to be reviewed by a person",
        }


def append_rows(path: Path, rows: list[dict]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n").writerows(rows)
