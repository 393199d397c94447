"""A `Qualification` → quads in its own named graph; the shared concepts → the vocabulary graph.

The split follows who states what: a dossier states its own blocks, activities, requirements,
frameworks and findings (its named graph); the concept schemes and the knowledge elements are
shared by every dossier that needs them (the vocabulary graph), so "kantoorsoftware" has one
IRI and one description however many dossiers require it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import datetime

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from bkgraph.model import (
    ActivityBlock,
    AutonomyKind,
    KnowledgeLevel,
    Qualification,
    SkillType,
)
from bkgraph.parsing.curation import GridLinks
from bkgraph.parsing.knowledge import is_language
from bkgraph.rdf.namespaces import BK, DCT, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD
from bkgraph.rdf.statistics import code_list_triples, grid_triples, labour_market_triples
from bkgraph.rdf.terms import Triple, en, listed_item, nl, positive, source_line
from bkgraph.rdf.uris import Uris

SKILL_TYPE_LABELS = {
    SkillType.COGNITIVE: ("cognitieve vaardigheid", "cognitive skill"),
    SkillType.PROBLEM_SOLVING: ("probleemoplossende vaardigheid", "problem-solving skill"),
    SkillType.MOTOR: ("motorische vaardigheid", "motor skill"),
}
LEVEL_LABELS = {
    KnowledgeLevel.BASIC: ("basiskennis", "basic knowledge"),
    KnowledgeLevel.KNOWLEDGE: ("kennis", "knowledge"),
    KnowledgeLevel.THOROUGH: ("grondige kennis", "thorough knowledge"),
}
AUTONOMY_LABELS = {
    AutonomyKind.INDEPENDENT_IN: ("is zelfstandig in", "is independent in"),
    AutonomyKind.BOUND_BY: ("is gebonden aan", "is bound by"),
    AutonomyKind.RELIES_ON: ("doet beroep op", "relies on"),
}
FRAMEWORK_CLASSES = {
    "competent-fiche": BK.CompetentFiche,
    "competent 2.0 beroepscompetentieprofiel": BK.CompetentProfile,
}


def in_graph(triples: Iterable[Triple], graph: NamedNode) -> Iterator[Quad]:
    return (Quad(s, p, o, graph) for s, p, o in triples)


def qualification_quads(
    q: Qualification,
    uris: Uris,
    built_at: datetime,
    tool_version: str,
    links: GridLinks | None = None,
) -> Iterator[Quad]:
    triples = _qualification_triples(q, uris, built_at, tool_version, links or {})
    return in_graph(triples, uris.graph(q.code))


def _qualification_triples(
    q: Qualification, uris: Uris, built_at: datetime, tool_version: str, links: GridLinks
) -> Iterator[Triple]:
    version = uris.version(q.code)
    lineage = uris.qualification(q.lineage_code)
    yield lineage, RDF.type, BK.Qualification
    yield lineage, DCT.identifier, Literal(q.lineage_code)
    yield lineage, RDFS.label, nl(q.title)
    yield lineage, BK.hasVersion, version
    yield version, RDF.type, BK.QualificationVersion
    yield version, DCT.isVersionOf, lineage
    yield version, DCT.identifier, Literal(q.code)
    yield version, BK.versionNumber, positive(q.version)
    yield version, DCT.title, nl(q.title)
    yield version, RDFS.label, nl(q.title)
    if q.definition:
        yield version, SKOS.definition, nl(q.definition)
    if q.vks_level is not None:
        yield version, BK.vksLevel, positive(q.vks_level)
        yield version, BK.qualificationLevel, uris.vks_level(q.vks_level)
    yield from _general(q, uris, version)
    yield from _api_fields(q, uris, version)
    parts = yield from _blocks(q, uris, version)
    yield from _statements(q, uris, version)
    yield from _descriptor_items(q, uris, version, parts)
    yield from labour_market_triples(q, uris, version)
    yield from grid_triples(q, uris, version, links)
    yield from _findings(q, uris, version, parts)
    yield from _provenance(q, uris, version, built_at, tool_version)


def _general(q: Qualification, uris: Uris, version: NamedNode) -> Iterator[Triple]:
    for sector in q.sectors:
        node = uris.sector(sector.label)
        yield version, BK.sector, node
        yield node, RDF.type, BK.Sector
        yield node, SKOS.prefLabel, nl(sector.label)
        if sector.joint_committee:
            committee = uris.joint_committee(sector.joint_committee)
            yield node, BK.jointCommittee, committee
            yield committee, RDF.type, BK.JointCommittee
            yield committee, SKOS.notation, Literal(sector.joint_committee)
            yield committee, SKOS.prefLabel, nl(sector.joint_committee)
            if sector.joint_committee_name:
                yield committee, BK.jointCommitteeName, nl(sector.joint_committee_name)
    for organisation in q.organisations:
        node = uris.organisation(organisation.name)
        role = BK.mainSubmitter if organisation.role == "main-submitter" else BK.coSubmitter
        yield version, role, node
        yield node, RDF.type, ORG.Organization
        yield node, SKOS.prefLabel, Literal(organisation.name)
    for framework in q.frameworks:
        node = uris.framework(framework.code)
        yield version, BK.referenceFramework, node
        yield node, RDF.type, FRAMEWORK_CLASSES.get(framework.kind.lower(), BK.ReferenceFramework)
        yield node, SKOS.notation, Literal(framework.code)
        if framework.title:
            yield node, DCT.title, nl(framework.title)
        yield node, RDFS.label, nl(f"{framework.code} {framework.title}".strip())
        yield node, BK.frameworkKind, nl(framework.kind)
        if q.framework_relation:  # section 1.5 says the dossier took its activities from it
            yield version, BK.basedOnFramework, node
        if framework.kind.lower() == "competent-fiche":
            yield from rome_triples(node, framework.code, uris)
        if framework.publisher:
            publisher = uris.organisation(framework.publisher)
            yield node, DCT.publisher, publisher
            yield publisher, RDF.type, ORG.Organization
            yield publisher, SKOS.prefLabel, Literal(framework.publisher)
        if framework.issued:
            yield node, DCT.issued, Literal(framework.issued, datatype=XSD.date)
    if q.framework_relation:
        yield version, BK.frameworkRelation, nl(q.framework_relation)


ROME_SCHEME = "rome-v3"


def rome_triples(fiche: NamedNode, code: str, uris: Uris) -> Iterator[Triple]:
    """A Competent fiche refines a ROME v3 fiche: its code is the ROME code and two digits
    (M160401 → M1604). France Travail publishes no URIs for ROME, so the concept is ours, with
    the code as notation; its label comes from data/mappings/rome.csv where curated."""
    rome = uris.rome(code[:5])
    yield fiche, SKOS.broadMatch, rome
    yield rome, RDF.type, SKOS.Concept
    yield rome, RDF.type, BK.RomeCode
    yield rome, SKOS.notation, Literal(code[:5])
    yield rome, SKOS.inScheme, uris.scheme(ROME_SCHEME)


def _blocks(q: Qualification, uris: Uris, version: NamedNode) -> Iterator[Triple]:
    """The activity table; returns the model paths it minted, for findings to point at."""
    parts: set[str] = set()
    for block in q.blocks:
        path = uris.block_path(block.number)
        parts.add(path)
        node = uris.part(q.code, path)
        yield version, BK.hasActivityBlock, node
        yield node, RDF.type, BK.ActivityBlock
        yield node, BK.position, positive(block.number)
        yield node, RDFS.label, nl(block.title)
        yield from source_line(node, block.line)
        yield from _block_api_fields(block, uris, node)
        for activity in block.activities:
            path = uris.activity_path(block.number, activity.number)
            parts.add(path)
            a = uris.part(q.code, path)
            yield node, BK.hasActivity, a
            yield a, RDF.type, BK.Activity
            yield a, BK.position, positive(activity.number)
            yield a, RDFS.label, nl(activity.text)
            yield from source_line(a, activity.line)
            if activity.skill_type is not None:
                yield a, BK.skillType, uris.skill_type(activity.skill_type)
            if activity.skill_type_given is not None:
                yield a, BK.skillTypeAsGiven, Literal(activity.skill_type_given)
        for requirement in block.knowledge:
            path = uris.requirement_path(block.number, requirement.concept)
            parts.add(path)
            r = uris.part(q.code, path)
            yield node, BK.hasKnowledgeRequirement, r
            yield r, RDF.type, BK.KnowledgeRequirement
            yield r, BK.requiresKnowledge, uris.knowledge(requirement.concept)
            if requirement.level is not None:
                yield r, BK.knowledgeLevel, uris.knowledge_level(requirement.level)
            if requirement.level_given is not None:
                yield r, BK.levelAsGiven, Literal(requirement.level_given)
            yield r, BK.sourceText, nl(requirement.source_text)
            yield r, RDFS.label, nl(requirement.source_text)
            yield from source_line(r, requirement.line)
            if requirement.descriptor:
                yield r, BK.descriptor, nl(requirement.descriptor)
    for n, added in enumerate(q.added_activities, start=1):
        a = uris.part(q.code, f"added-activity/{n}")
        yield version, BK.addedActivity, a
        yield a, RDF.type, BK.AddedActivity
        yield a, BK.text, nl(added.text)
        yield a, RDFS.label, nl(added.text)
        yield from source_line(a, added.line)
        if added.block_number is not None:
            yield a, BK.addedAsBlock, uris.part(q.code, uris.block_path(added.block_number))
    return parts


def _api_fields(q: Qualification, uris: Uris, version: NamedNode) -> Iterator[Triple]:
    """What the VKS API gives and a dossier text does not (see docs/formats.md)."""
    if q.status:
        yield version, BK.status, Literal(q.status)
    if q.recognition_date:
        yield version, DCT.dateAccepted, Literal(q.recognition_date, datatype=XSD.date)
    if q.summary:
        yield version, DCT.abstract, nl(q.summary)
    for synonym in q.synonyms:
        yield version, SKOS.altLabel, nl(synonym)
    for domain in q.domains:
        broader = None
        for depth in range(1, len(domain.path) + 1):
            node = uris.domain(domain.path[:depth])
            yield node, RDF.type, BK.Domain
            yield node, SKOS.prefLabel, nl(domain.path[depth - 1])
            yield node, SKOS.inScheme, uris.scheme("domains")
            if broader is not None:
                yield node, SKOS.broader, broader
            broader = node
        yield version, BK.domain, broader
    for c in q.classifications:
        node = uris.classification(c.scheme, c.code)
        yield version, BK.iscedField if c.scheme == "isced-f" else BK.ledSubject, node
        yield node, RDF.type, BK.IscedField if c.scheme == "isced-f" else BK.LedSubject
        yield node, SKOS.notation, Literal(c.code)
        yield node, SKOS.prefLabel, en(c.label) if c.scheme == "isced-f" else nl(c.label)
        yield node, SKOS.inScheme, uris.scheme(c.scheme)
        if c.broader:
            yield node, SKOS.broader, uris.classification(c.scheme, c.broader)
    for key, value in q.extras:
        yield version, BK.sourceExtra, Literal(f"{key} = {value}")


def _block_api_fields(block: ActivityBlock, uris: Uris, node: NamedNode) -> Iterator[Triple]:
    if block.code:
        yield node, DCT.identifier, Literal(block.code)
    if block.kind:
        yield node, BK.competenceKind, nl(block.kind)
    if block.note:
        yield node, SKOS.note, nl(block.note)
    for reference in block.references:
        ref = uris.competent_reference(reference)
        yield node, BK.competentReference, ref
        yield ref, RDF.type, BK.CompetentReference
        yield ref, SKOS.notation, Literal(reference)
        yield ref, SKOS.prefLabel, Literal(reference)


def _statements(q: Qualification, uris: Uris, version: NamedNode) -> Iterator[Triple]:
    lists = (
        (
            BK.environmentContext,
            BK.EnvironmentContext,
            "environment-context",
            q.environment_context,
        ),
        (BK.actionContext, BK.ActionContext, "action-context", q.action_context),
        (BK.responsibility, BK.Responsibility, "responsibility", q.responsibilities),
        (BK.certificateCondition, BK.CertificateCondition, "certificate-condition", q.certificates),
    )
    for prop, cls, path, statements in lists:
        for n, statement in enumerate(statements, start=1):
            node = uris.part(q.code, f"{path}/{n}")
            yield from listed_item(version, prop, node, cls, n, statement.text, statement.line)
            if statement.kind:
                yield uris.part(q.code, f"{path}/{n}"), BK.statementKind, nl(statement.kind)
    for n, autonomy in enumerate(q.autonomy, start=1):
        node = uris.part(q.code, f"autonomy/{n}")
        yield from listed_item(
            version, BK.autonomy, node, BK.AutonomyStatement, n, autonomy.text, autonomy.line
        )
        yield node, BK.autonomyKind, uris.autonomy_kind(autonomy.kind)


def _descriptor_items(
    q: Qualification, uris: Uris, version: NamedNode, parts: set[str]
) -> Iterator[Triple]:
    for n, item in enumerate(q.descriptor_items, start=1):
        node = uris.part(q.code, f"descriptor/{n}")
        yield from listed_item(
            version, BK.hasDescriptorItem, node, BK.DescriptorItem, n, item.text, item.line
        )
        yield node, BK.descriptorKind, Literal(item.kind)
        for path in item.matches:
            if path in parts:
                yield node, BK.restates, uris.part(q.code, path)


def _findings(
    q: Qualification, uris: Uris, version: NamedNode, parts: set[str]
) -> Iterator[Triple]:
    for n, finding in enumerate(q.findings, start=1):
        node = uris.part(q.code, f"finding/{n}")
        yield version, BK.hasFinding, node
        yield node, RDF.type, BK.Finding
        yield node, BK.findingKind, Literal(finding.kind)
        yield node, BK.severity, Literal(finding.severity.value)
        yield node, RDFS.comment, en(finding.message)
        yield from source_line(node, finding.line)
        if finding.path is not None:
            yield node, BK.sourcePath, Literal(finding.path)
        targets = [uris.part(q.code, p) for p in finding.about if p in parts] or [version]
        for target in targets:
            yield node, BK.about, target


def _provenance(
    q: Qualification, uris: Uris, version: NamedNode, built_at: datetime, tool_version: str
) -> Iterator[Triple]:
    graph = uris.graph(q.code)
    source = uris.source(q.source_file)
    build = BlankNode()
    agent = BlankNode()
    yield graph, RDF.type, PROV.Entity
    yield graph, BK.describes, version
    yield graph, PROV.wasDerivedFrom, source
    yield graph, PROV.generatedAtTime, Literal(built_at.isoformat(), datatype=XSD.dateTime)
    yield graph, PROV.wasGeneratedBy, build
    yield build, RDF.type, PROV.Activity
    yield build, PROV.startedAtTime, Literal(built_at.isoformat(), datatype=XSD.dateTime)
    yield build, PROV.wasAssociatedWith, agent
    yield agent, RDF.type, PROV.SoftwareAgent
    yield agent, RDFS.label, Literal(f"bkgraph {tool_version}")
    yield agent, BK.toolVersion, Literal(tool_version)
    yield source, RDF.type, BK.SourceFile
    yield source, DCT.title, Literal(q.source_file)
    media = "application/json" if q.source_format == "vks-api" else "text/plain"
    yield source, DCT.format, Literal(media)
    yield source, BK.sha256, Literal(q.source_sha256)
    yield version, PROV.wasDerivedFrom, source


def vocabulary_quads(qualifications: list[Qualification], uris: Uris) -> Iterator[Quad]:
    triples = itertools.chain(
        _vocabulary_triples(qualifications, uris), code_list_triples(qualifications, uris)
    )
    return in_graph(triples, uris.vocabulary_graph())


def _scheme(
    uris: Uris, name: str, labels: tuple[str, str], cls: NamedNode, members: dict
) -> Iterator[Triple]:
    scheme = uris.scheme(name)
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, SKOS.prefLabel, nl(labels[0])
    yield scheme, SKOS.prefLabel, en(labels[1])
    nodes = []
    for node, (label_nl, label_en) in members.items():
        nodes.append(node)
        yield node, RDF.type, cls
        yield node, SKOS.inScheme, scheme
        yield node, SKOS.topConceptOf, scheme
        yield scheme, SKOS.hasTopConcept, node
        yield node, SKOS.prefLabel, nl(label_nl)
        yield node, SKOS.prefLabel, en(label_en)
    yield from all_different(nodes)


EQF = "http://data.europa.eu/snb/eqf/"


def all_different(nodes: list[NamedNode]) -> Iterator[Triple]:
    """The members of a fixed scheme are distinct individuals, so the reasoner can tell that an
    activity with two skill types is inconsistent rather than merge the two types."""
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            yield a, OWL.differentFrom, b


def _vks_levels(uris: Uris) -> Iterator[Triple]:
    """The eight levels of the Flemish qualification structure, referenced one to one to the
    European Qualifications Framework (the Flemish referencing report of 2011)."""
    scheme = uris.scheme("vks-levels")
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, SKOS.prefLabel, nl("niveaus van de Vlaamse kwalificatiestructuur")
    yield scheme, SKOS.prefLabel, en("levels of the Flemish qualification structure")
    nodes = [uris.vks_level(n) for n in range(1, 9)]
    for n, node in enumerate(nodes, start=1):
        yield node, RDF.type, BK.VksLevel
        yield node, SKOS.inScheme, scheme
        yield node, SKOS.notation, Literal(str(n))
        yield node, SKOS.prefLabel, nl(f"VKS-niveau {n}")
        yield node, SKOS.prefLabel, en(f"VKS level {n}")
        yield node, SKOS.exactMatch, NamedNode(f"{EQF}{n}")
    yield from all_different(nodes)


def _fixed_schemes(uris: Uris) -> Iterator[tuple[str, tuple[str, str], NamedNode, dict]]:
    yield (
        "skill-types",
        ("vaardigheidstypes", "skill types"),
        BK.SkillType,
        {uris.skill_type(t): labels for t, labels in SKILL_TYPE_LABELS.items()},
    )
    yield (
        "knowledge-levels",
        ("kennisniveaus", "knowledge levels"),
        BK.KnowledgeLevel,
        {uris.knowledge_level(t): labels for t, labels in LEVEL_LABELS.items()},
    )
    yield (
        "autonomy-kinds",
        ("soorten autonomie", "kinds of autonomy"),
        BK.AutonomyKind,
        {uris.autonomy_kind(t): labels for t, labels in AUTONOMY_LABELS.items()},
    )


def _vocabulary_triples(qualifications: list[Qualification], uris: Uris) -> Iterator[Triple]:
    for name, labels, cls, members in _fixed_schemes(uris):
        yield from _scheme(uris, name, labels, cls, members)
    yield from _vks_levels(uris)
    scheme = uris.scheme("knowledge-elements")
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, SKOS.prefLabel, nl("kenniselementen")
    yield scheme, SKOS.prefLabel, en("knowledge elements")
    preferred: dict[str, str] = {}  # node → the label it was first seen with
    for q in qualifications:
        for block in q.blocks:
            for r in block.knowledge:
                node = uris.knowledge(r.concept)
                if node.value not in preferred:
                    preferred[node.value] = r.concept
                    yield node, RDF.type, BK.KnowledgeElement
                    if is_language(r.concept):
                        yield node, RDF.type, BK.LanguageKnowledge
                    yield node, SKOS.prefLabel, nl(r.concept)
                    yield node, SKOS.inScheme, scheme
                    yield node, SKOS.topConceptOf, scheme
                    yield scheme, SKOS.hasTopConcept, node
                # every other wording that merged into the concept stays findable, and visible
                for wording in {r.concept, r.worded} - {preferred[node.value]}:
                    yield node, SKOS.hiddenLabel, nl(wording)
