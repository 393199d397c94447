"""The URI policy, in code. docs/uris.md says the same in prose; keep them together.

Every IRI is derived from what the source says (codes, numbers, normalised labels), never from
the order of a build or a counter over all dossiers, so rebuilding gives the same IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from bkgraph.model import AutonomyKind, KnowledgeLevel, SkillType
from bkgraph.parsing.text import slug


@dataclass(frozen=True)
class Uris:
    base: str  # ends with "/"

    def _id(self, path: str) -> NamedNode:
        return NamedNode(f"{self.base}id/{path}")

    # qualifications and their parts
    def qualification(self, lineage_code: str) -> NamedNode:
        return self._id(f"qualification/{lineage_code}")

    def version(self, code: str) -> NamedNode:
        return self._id(f"qualification/{code}")

    def part(self, code: str, path: str) -> NamedNode:
        """A part of a qualification version: ``block/2``, ``block/2/activity/3``, ``finding/4``."""
        return self._id(f"qualification/{code}/{path}")

    @staticmethod
    def block_path(number: int) -> str:
        return f"block/{number}"

    @staticmethod
    def activity_path(block: int, number: int) -> str:
        return f"block/{block}/activity/{number}"

    @staticmethod
    def requirement_path(block: int, concept: str) -> str:
        return f"block/{block}/knowledge/{slug(concept)}"

    # shared concepts
    def knowledge(self, concept: str) -> NamedNode:
        return self._id(f"knowledge/{slug(concept)}")

    def skill_type(self, skill_type: SkillType) -> NamedNode:
        return self._id(f"skill-type/{skill_type.value}")

    def knowledge_level(self, level: KnowledgeLevel) -> NamedNode:
        return self._id(f"knowledge-level/{level.value}")

    def autonomy_kind(self, kind: AutonomyKind) -> NamedNode:
        return self._id(f"autonomy-kind/{kind.value}")

    def scheme(self, name: str) -> NamedNode:
        return self._id(f"scheme/{name}")

    def sector(self, label: str) -> NamedNode:
        return self._id(f"sector/{slug(label)}")

    def joint_committee(self, code: str) -> NamedNode:
        return self._id(f"joint-committee/{slug(code)}")

    def organisation(self, name: str) -> NamedNode:
        return self._id(f"organisation/{slug(name)}")

    def vks_level(self, level: int) -> NamedNode:
        return self._id(f"vks-level/{level}")

    def domain(self, path: tuple[str, ...]) -> NamedNode:
        return self._id("domain/" + "/".join(slug(step) for step in path))

    def classification(self, scheme: str, code: str) -> NamedNode:
        return self._id(f"{scheme}/{slug(code)}")

    def competent_reference(self, reference: str) -> NamedNode:
        return self._id(f"competent-reference/{slug(reference)}")

    def profession(self, title: str) -> NamedNode:
        return self._id(f"profession/{slug(title)}")

    def mapping(self, key: str) -> NamedNode:
        """A curated link's record; `key` is a digest of its subject, predicate and object."""
        return self._id(f"mapping/{key}")

    def agent(self, name: str) -> NamedNode:
        return self._id(f"agent/{slug(name)}")

    def rome(self, code: str) -> NamedNode:
        return self._id(f"rome/{code}")

    def framework(self, code: str) -> NamedNode:
        return self._id(f"framework/{code}")

    # named graphs and provenance
    def graph(self, code: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/{code}")

    def esco_graph(self, version: str) -> NamedNode:
        """ESCO as loaded from one ESCO version's files: an ESCO version is a graph."""
        return NamedNode(f"{self.base}graph/esco/{version}")

    def crosswalk_graph(self) -> NamedNode:
        return NamedNode(f"{self.base}graph/crosswalks")

    def vocabulary_graph(self) -> NamedNode:
        return NamedNode(f"{self.base}graph/vocabulary")

    def source(self, file_name: str) -> NamedNode:
        return NamedNode(f"{self.base}source/{file_name}")

    def document(self, thing: NamedNode) -> NamedNode:
        """The document about a thing: ``/id/x`` → ``/doc/x``."""
        prefix = f"{self.base}id/"
        if not thing.value.startswith(prefix):
            raise ValueError(f"{thing.value} is not a bkgraph thing IRI")
        return NamedNode(f"{self.base}doc/{thing.value[len(prefix) :]}")
