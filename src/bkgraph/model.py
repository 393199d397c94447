"""The typed model of a qualification: what every source format is parsed into.

Everything downstream (the RDF mapping, the checks, the pages) reads this model and never the
source text, so that a second source format (the VKS API JSON) only needs a second parser.
Every element remembers the line of the source it came from, so that findings and errors can
point a reader at the place in the file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class SkillType(enum.Enum):
    """The three tick columns of section 2.1 ("Vaardigheden")."""

    COGNITIVE = "cognitive"
    PROBLEM_SOLVING = "problem-solving"
    MOTOR = "motor"


class KnowledgeLevel(enum.Enum):
    """The levels a dossier words its knowledge elements with."""

    BASIC = "basiskennis"
    KNOWLEDGE = "kennis"
    THOROUGH = "grondige-kennis"


class AutonomyKind(enum.Enum):
    """The three headings of the "Autonomie" descriptor."""

    INDEPENDENT_IN = "independent-in"  # Is zelfstandig in
    BOUND_BY = "bound-by"  # Is gebonden aan
    RELIES_ON = "relies-on"  # Doet beroep op


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Finding:
    """Something about the source a reader should know: a defect, a repair or a disagreement.

    Findings are data, not log lines: they travel into the graph and into `bkgraph check`.
    `about` names what the finding concerns with a model path such as ``block/2/activity/3``
    so the RDF mapping can link it to the resource it is about.
    """

    kind: str
    severity: Severity
    message: str
    line: int | None
    about: tuple[str, ...] = ()
    path: str | None = None  # the JSON path, for findings about an API response


@dataclass(frozen=True)
class Sector:
    label: str
    joint_committee: str | None  # e.g. "PC200"
    joint_committee_name: str | None  # e.g. "Aanvullend PC bedienden"
    line: int


@dataclass(frozen=True)
class Organisation:
    name: str
    role: str  # "main-submitter" | "co-submitter"
    line: int


@dataclass(frozen=True)
class ReferenceFramework:
    """A framework the dossier was built from, such as Competent-fiche M160401."""

    kind: str  # "Competent-fiche", "Competent 2.0 Beroepscompetentieprofiel"
    publisher: str | None  # "SERV"
    code: str  # "M160401", "OP-82"
    title: str
    issued: str | None  # ISO date, when the source gives one
    line: int


@dataclass(frozen=True)
class AddedActivity:
    """An activity the sector added on top of the reference frameworks (section 1.5)."""

    text: str
    line: int
    block_number: int | None  # the block whose title it names, when one matches exactly


@dataclass
class Activity:
    number: int  # 1-based within its block
    text: str
    skill_type: SkillType | None  # None where the source gives none (a finding says so)
    line: int | None
    skill_type_given: str | None = None  # a value the source gives that is no known skill type


@dataclass(frozen=True)
class KnowledgeRequirement:
    """A knowledge element a block requires at a level (an ESCO-style association object)."""

    level: KnowledgeLevel | None  # None where the source's level is no known level
    concept: str  # the canonical concept label, e.g. "kantoorsoftware" or "Engels"
    worded: str  # the concept as this item spells it, before a variant merge
    source_text: str  # the item exactly as the dossier words it (whitespace folded)
    descriptor: str | None  # the CEFR-like descriptor of a language ("begrijpt en produceert ...")
    line: int | None
    level_given: str | None = None  # the level as a typed source field gives it, when unknown


@dataclass
class ActivityBlock:
    """An activity block of a dossier; a competence (competentie) of the VKS API."""

    number: int
    title: str
    line: int | None
    activities: list[Activity] = field(default_factory=list)
    knowledge: list[KnowledgeRequirement] = field(default_factory=list)
    code: str | None = None  # competentie_code (API only)
    kind: str | None = None  # competentie_type, e.g. "Vakspecifieke competentie" (API only)
    references: list[str] = field(default_factory=list)  # Competent codes (API only)
    note: str | None = None  # voetnoot (API only)


@dataclass(frozen=True)
class Statement:
    """One item of a descriptor list (context, autonomy, responsibility)."""

    text: str
    line: int | None
    kind: str | None = None  # e.g. the type of a certificate ("Wettelijk attest")


@dataclass(frozen=True)
class AutonomyStatement:
    kind: AutonomyKind
    text: str
    line: int | None


@dataclass(frozen=True)
class DescriptorItem:
    """One item of section 2.2, which restates section 2.1 by descriptor.

    `kind` is "knowledge" or a SkillType value. The items are kept as written so that the
    differences with section 2.1 can be shown, not only counted.
    """

    kind: str
    text: str
    line: int
    matches: tuple[str, ...] = ()  # model paths of the 2.1 elements it restates


@dataclass(frozen=True)
class Code:
    """A value of a statistical dimension: a region, a sector, a channel, a period, ..."""

    dimension: str  # "region", "sector", "channel", "period", "status", "jobseeker-region", "total"
    code: str  # "11", "13", "direct", "2020-12", "open"
    label: str  # as the table prints it


@dataclass(frozen=True)
class Observation:
    """One number of a table of section 3, with the codes of its row and column."""

    codes: tuple[Code, ...]
    value: int
    line: int

    def code(self, dimension: str) -> str | None:
        return next((c.code for c in self.codes if c.dimension == dimension), None)


@dataclass
class StatTable:
    """One table of section 3; it becomes one qb:DataSet."""

    key: str  # a slug, stable within the dossier: "received-2020-by-sector-and-region"
    title: str  # the heading the dossier prints above it
    line: int
    measure: str  # "vacancies" or "jobseekers"
    observations: list[Observation] = field(default_factory=list)


@dataclass(frozen=True)
class GridCell:
    """A profession in the career-path grid of section 4: its row (level) and column (path)."""

    row: int  # 1-based from the top
    column: int  # 1-based from the left
    title: str
    line: int


@dataclass
class LabourMarket:
    tables: list[StatTable] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)  # the prose around the tables
    shortage: Statement | None = None  # "... is een knelpuntberoep omwille van ..."
    shortage_reason: str | None = None


@dataclass(frozen=True)
class Domain:
    label: str
    path: tuple[str, ...]  # from the top of the domain tree down to `label`


@dataclass(frozen=True)
class Classification:
    """A code of a classification: an ISCED-F field of study, a LED subject."""

    scheme: str  # "isced-f" or "led"
    code: str
    label: str
    level: str | None = None  # "broad", "narrow", "detail" for ISCED-F
    broader: str | None = None  # the code of the broader field


@dataclass
class Qualification:
    """One version of a professional qualification, as one dossier or API response gives it."""

    code: str  # "BK-0568-1"
    title: str
    definition: str | None
    source_file: str
    source_sha256: str
    source_format: str = "dossier-text"  # or "vks-api"
    vks_level: int | None = None
    status: str | None = None  # "erkend"
    recognition_date: str | None = None  # ISO date
    summary: str | None = None  # omschrijving_kort
    synonyms: list[str] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)  # unknown fields, as JSON
    sectors: list[Sector] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    frameworks: list[ReferenceFramework] = field(default_factory=list)
    framework_relation: str | None = None
    added_activities: list[AddedActivity] = field(default_factory=list)
    blocks: list[ActivityBlock] = field(default_factory=list)
    descriptor_items: list[DescriptorItem] = field(default_factory=list)
    environment_context: list[Statement] = field(default_factory=list)
    action_context: list[Statement] = field(default_factory=list)
    autonomy: list[AutonomyStatement] = field(default_factory=list)
    responsibilities: list[Statement] = field(default_factory=list)
    certificates: list[Statement] = field(default_factory=list)
    labour_market: LabourMarket = field(default_factory=LabourMarket)
    career_grid: list[GridCell] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def lineage_code(self) -> str:
        """The version-independent code: BK-0568-1 → BK-0568."""
        return self.code.rsplit("-", 1)[0]

    @property
    def version(self) -> int:
        return int(self.code.rsplit("-", 1)[1])
