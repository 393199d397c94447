"""Rank ESCO candidates for a Dutch label, to help a person curate the mapping tables.

The dossiers are Dutch; ESCO's skills here have English labels only. The bridge is a small
bilingual glossary in data/ (glossary-nl-en.csv): a Dutch word, or the head of a compound
("kantoor" in "kantoorsoftware"), gives English words, which are stemmed like the ESCO labels
and ranked with BM25 (the words of a description count as much as a label's, or not at all). Dutch labels of ESCO
(the occupations) are indexed as they are, so a Dutch title matches them directly. Nothing is
downloaded and no language model runs: the suggester is transparent and fast, and its
precision on the curated links is measured (`bkgraph link report`) rather than assumed.

BM25 is written out here (a dozen lines) rather than taken from a package, because the
packages that offer it bring numpy for an index of a few thousand short documents.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

from bkgraph.parsing.errors import DossierError

_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_ENGLISH = snowballstemmer.stemmer("english")

DUTCH_STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "als",
        "bij",
        "dat",
        "de",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "ervan",
        "het",
        "hierover",
        "hoe",
        "in",
        "is",
        "kennis",
        "basiskennis",
        "grondige",
        "met",
        "na",
        "naar",
        "nieuwe",
        "of",
        "om",
        "op",
        "over",
        "te",
        "ten",
        "ter",
        "tot",
        "uit",
        "van",
        "verdere",
        "voor",
        "waar",
        "wat",
        "ze",
        "zich",
        "zijn",
        "o.b.v.",
        "ob.v",
        "obv",
        "eigen",
        "andere",
        "mogelijke",
        "één",
        "meerdere",
        "bestaande",
        "goede",
        "alle",
        "gemaakte",
        "concrete",
        "actief",
    ]
)
ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "their",
        "this",
        "to",
        "with",
        "use",
        "using",
        "other",
        "such",
    ]
)


def fold(text: str) -> str:
    """Lower case without accents: 'Coördineert' and 'coordineert' are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def english_stems(text: str) -> list[str]:
    return _ENGLISH.stemWords([w for w in words(text) if w not in ENGLISH_STOPWORDS])


class Glossary:
    """Dutch word (or word start) → English words, from data/glossary-nl-en.csv."""

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self.entries = entries
        self._longest = max((len(k) for k in entries), default=0)

    @classmethod
    def load(cls, path: Path) -> Glossary:
        entries: dict[str, list[str]] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                nl, en = (row.get("nl") or "").strip(), (row.get("en") or "").strip()
                if not nl or not en:
                    raise DossierError(str(path), line, "expected a Dutch and an English cell")
                entries[fold(nl)] = en.split()
        return cls(entries)

    def translate(self, word: str) -> list[str]:
        """English words for a Dutch word, splitting compounds at the longest known start
        ("rapporteringstechnieken" → rapportering + s + technieken). An unknown rest of at
        least three letters is kept: many office words are the same in both languages."""
        if word in self.entries:
            return list(self.entries[word])
        for size in range(min(len(word), self._longest), 3, -1):
            head = word[:size]
            if head in self.entries:
                rest = word[size:]
                if rest[:1] in ("s", "e") and rest[1:] and self._known_start(rest[1:]):
                    rest = rest[1:]  # the linking -s- or -e- of a Dutch compound
                return list(self.entries[head]) + (self.translate(rest) if rest else [])
        return [word] if len(word) >= 3 else []

    def _known_start(self, word: str) -> bool:
        return any(word.startswith(k) for k in self.entries if len(k) >= 4)


@dataclass(frozen=True)
class Candidate:
    uri: str
    label: str
    text: str  # further words to index: other labels, a description
    dutch: str = ""  # Dutch labels, where the source has them


@dataclass(frozen=True)
class Suggestion:
    uri: str
    label: str
    score: float


class Suggester:
    """A BM25 index over ESCO candidates; `rank` answers a Dutch label."""

    K1, B = 1.2, 0.75

    def __init__(
        self, candidates: Iterable[Candidate], glossary: Glossary, text_weight: float = 1.0
    ) -> None:
        self.glossary = glossary
        self.text_weight = text_weight
        self.candidates = list(candidates)
        self.docs = [self._document(c) for c in self.candidates]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.average = sum(self.lengths) / max(1, len(self.docs))
        frequency: Counter[str] = Counter()
        for doc in self.docs:
            frequency.update(doc.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.postings: dict[str, list[int]] = {}
        for i, doc in enumerate(self.docs):
            for term in doc:
                self.postings.setdefault(term, []).append(i)

    def _document(self, c: Candidate) -> Counter[str]:
        doc: Counter[str] = Counter()
        for stem in english_stems(c.label):
            doc[stem] += 1.0
        if self.text_weight:
            for stem in english_stems(c.text):
                doc[stem] += self.text_weight
        for word in words(c.dutch):
            doc["nl:" + word] += 1.0
        return doc

    def query_terms(self, dutch_label: str) -> list[str]:
        dutch = [w for w in words(dutch_label) if w not in DUTCH_STOPWORDS]
        english = [e for w in dutch for e in self.glossary.translate(w)]
        return _ENGLISH.stemWords(english) + ["nl:" + w for w in dutch]

    def rank(self, dutch_label: str, limit: int = 5) -> list[Suggestion]:
        scores: Counter[int] = Counter()
        for term in set(self.query_terms(dutch_label)):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i in self.postings[term]:
                tf = self.docs[i][term]
                norm = self.K1 * (1 - self.B + self.B * self.lengths[i] / self.average)
                scores[i] += idf * tf * (self.K1 + 1) / (tf + norm)
        return [
            Suggestion(self.candidates[i].uri, self.candidates[i].label, round(score, 3))
            for i, score in scores.most_common(limit)
        ]
