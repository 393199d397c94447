"""Section 3 as RDF Data Cube (qb:) datasets, and section 4's career-path grid.

One qb:DataSet per table of the dossier, each with its own structure definition naming the
dimensions its observations use; one qb:Observation per printed number. The codes (regions,
sectors, channels, periods, statuses) are SKOS concepts shared by every dossier; their labels
are collected in the vocabulary graph, the most used wording as preferred label.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode

from bkgraph.model import Code, Qualification
from bkgraph.parsing.curation import GridLinks
from bkgraph.parsing.text import slug
from bkgraph.rdf.namespaces import BK, QB, RDF, RDFS, SKOS, XSD
from bkgraph.rdf.terms import Triple, en, listed_item, nl, positive, source_line
from bkgraph.rdf.uris import Uris

# dimension of the model → (property, class, code-list path, scheme labels nl/en)
DIMENSIONS = {
    "status": (
        BK.vacancyStatus,
        BK.VacancyStatus,
        "vacancy-status",
        ("vacaturestatus", "vacancy status"),
    ),
    "period": (BK.period, BK.ReferencePeriod, "period", ("referteperiodes", "reference periods")),
    "channel": (BK.channel, BK.VacancyChannel, "vacancy-channel", ("kanalen", "vacancy channels")),
    "sector": (BK.vdabSector, BK.VdabSector, "vdab-sector", ("VDAB-sectoren", "VDAB sectors")),
    "region": (BK.region, BK.VdabRegion, "vdab-region", ("VDAB-regio's", "VDAB regions")),
    "jobseeker-region": (
        BK.jobseekerRegion,
        BK.JobseekerRegion,
        "jobseeker-region",
        ("regio's van de werkzoekendentabel", "regions of the job-seekers table"),
    ),
}
ORDER = ("status", "period", "channel", "sector", "region", "jobseeker-region")
MEASURES = {"vacancies": BK.vacancies, "jobseekers": BK.jobseekers}
CHANNEL_NAMES = {
    "direct": ("NEC zonder uitzendopdrachten, rechtstreeks aan VDAB gemeld", "direct to VDAB"),
    "agencies": (
        "NEC zonder uitzendopdrachten, via wervings- en selectiekantoren",
        "via recruitment agencies",
    ),
    "temporary": ("Uitzendopdrachten", "temporary work"),
    "nec": (
        "NEC zonder uitzendopdrachten (niet verder bepaald)",
        "regular circuit, channel not stated",
    ),
    "total": ("Totaal", "total"),
}
STATUS_NAMES = {
    "received": ("ontvangen vacatures", "received vacancies"),
    "open": ("openstaande vacatures", "open vacancies"),
}


def code_node(uris: Uris, code: Code) -> NamedNode:
    _, _, path, _ = DIMENSIONS[code.dimension]
    return uris._id(f"{path}/{code.code}")


def labour_market_triples(q: Qualification, uris: Uris, version: NamedNode) -> Iterator[Triple]:
    market = q.labour_market
    for n, statement in enumerate(market.statements, start=1):
        node = uris.part(q.code, f"labour-market/{n}")
        yield from listed_item(
            version,
            BK.labourMarketStatement,
            node,
            BK.LabourMarketStatement,
            n,
            statement.text,
            statement.line,
        )
        if market.shortage and statement.line == market.shortage.line:
            yield version, BK.shortageStatement, node
            if market.shortage_reason:
                yield node, BK.shortageReason, nl(market.shortage_reason)
    for table in market.tables:
        dataset = uris.part(q.code, f"dataset/{table.key}")
        structure = uris.part(q.code, f"dataset/{table.key}/structure")
        yield version, BK.labourMarketDataset, dataset
        yield dataset, RDF.type, QB.DataSet
        yield dataset, RDFS.label, nl(table.title)
        yield from source_line(dataset, table.line)
        yield dataset, QB.structure, structure
        yield structure, RDF.type, QB.DataStructureDefinition
        used = [d for d in ORDER if any(o.code(d) is not None for o in table.observations)]
        for order, dimension in enumerate(used, start=1):
            component = uris.part(q.code, f"dataset/{table.key}/structure/{dimension}")
            yield structure, QB.component, component
            yield component, RDF.type, QB.ComponentSpecification
            yield component, QB.dimension, DIMENSIONS[dimension][0]
            yield component, QB.order, positive(order)
        measure = uris.part(q.code, f"dataset/{table.key}/structure/measure")
        yield structure, QB.component, measure
        yield measure, RDF.type, QB.ComponentSpecification
        yield measure, QB.measure, MEASURES[table.measure]
        for n, obs in enumerate(table.observations, start=1):
            node = uris.part(q.code, f"dataset/{table.key}/obs/{n}")
            yield node, RDF.type, QB.Observation
            yield node, QB.dataSet, dataset
            yield node, MEASURES[table.measure], Literal(str(obs.value), datatype=XSD.integer)
            yield from source_line(node, obs.line)
            for code in obs.codes:
                yield node, DIMENSIONS[code.dimension][0], code_node(uris, code)


def grid_triples(
    q: Qualification, uris: Uris, version: NamedNode, links: GridLinks
) -> Iterator[Triple]:
    if not q.career_grid:
        return
    grid = uris.part(q.code, "career-grid")
    yield version, BK.careerPathGrid, grid
    yield grid, RDF.type, BK.CareerPathGrid
    yield grid, RDFS.label, nl(f"Samenhang: {q.title}")
    yield grid, BK.gridRows, positive(max(c.row for c in q.career_grid))
    yield grid, BK.gridColumns, positive(max(c.column for c in q.career_grid))
    for cell in q.career_grid:
        node = uris.part(q.code, f"career-grid/{cell.row}-{cell.column}")
        profession = uris.profession(cell.title)
        yield grid, BK.gridCell, node
        yield node, RDF.type, BK.GridCell
        yield node, BK.gridRow, positive(cell.row)
        yield node, BK.gridColumn, positive(cell.column)
        yield node, BK.profession, profession
        yield node, RDFS.label, nl(cell.title)
        yield from source_line(node, cell.line)
        yield profession, RDF.type, BK.Profession
        yield profession, SKOS.prefLabel, nl(cell.title)
        if slug(cell.title) == slug(q.title):
            yield profession, BK.describedBy, version
        link = links.get((q.code, cell.row, cell.column))
        if link is None:
            continue
        yield node, SKOS.editorialNote, en(f"link decision: {link.decision}; {link.reason}")
        if link.decision not in ("none", "candidates"):
            yield node, BK.qualification, uris.version(link.decision)
            yield profession, BK.describedBy, uris.version(link.decision)
        for candidate in link.candidates:
            yield node, BK.candidateQualification, uris.version(candidate)


def code_list_triples(qualifications: list[Qualification], uris: Uris) -> Iterator[Triple]:
    """The concept schemes of the statistical codes, labelled as the dossiers print them."""
    labels: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for q in qualifications:
        for table in q.labour_market.tables:
            # a label counts once per table that prints it: a big table is not more right
            printed = {(c.dimension, c.code, c.label) for o in table.observations for c in o.codes}
            for dimension, code, label in sorted(printed):
                labels[(dimension, code)][label] += 1
    for dimension, (_, cls, path, (label_nl, label_en)) in DIMENSIONS.items():
        scheme = uris.scheme(path + "s")
        codes = {c: counts for (d, c), counts in labels.items() if d == dimension}
        if not codes:
            continue
        yield scheme, RDF.type, SKOS.ConceptScheme
        yield scheme, SKOS.prefLabel, nl(label_nl)
        yield scheme, SKOS.prefLabel, en(label_en)
        for code, counts in sorted(codes.items()):
            node = uris._id(f"{path}/{code}")
            yield node, RDF.type, cls
            yield node, SKOS.inScheme, scheme
            yield node, SKOS.notation, Literal(code)
            preferred, *others = [label for label, _ in counts.most_common()]
            if dimension == "channel":
                yield node, SKOS.prefLabel, nl(CHANNEL_NAMES[code][0])
                yield node, SKOS.prefLabel, en(CHANNEL_NAMES[code][1])
                others = [preferred, *others]
            elif dimension == "status":
                yield node, SKOS.prefLabel, nl(STATUS_NAMES[code][0])
                yield node, SKOS.prefLabel, en(STATUS_NAMES[code][1])
                others = []
            else:
                yield node, SKOS.prefLabel, nl(preferred)
            for label in others:
                yield node, SKOS.altLabel, nl(label)
    yield from _jobseeker_region_matches(labels, uris)


def _normalised_place(name: str) -> str:
    name = name.lower().replace("st. ", "sint-").replace("st.", "sint-")
    return "".join(ch for ch in name if ch.isalnum())


def _jobseeker_region_matches(
    labels: dict[tuple[str, str], Counter[str]], uris: Uris
) -> Iterator[Triple]:
    """Relate a job-seekers region to a VDAB region only where their names are the same (after
    spelling out "St." and dropping hyphens and spaces); the dossier does not say whether the
    areas coincide, so the relation is skos:closeMatch, and other regions stay unrelated."""
    regions = {
        _normalised_place(label): code
        for (dimension, code), counts in labels.items()
        if dimension == "region" and code != "total"
        for label in counts
    }
    for (dimension, code), counts in labels.items():
        if dimension != "jobseeker-region" or code == "total":
            continue
        match = next((regions[n] for n in map(_normalised_place, counts) if n in regions), None)
        if match:
            node = uris._id(f"jobseeker-region/{code}")
            yield node, SKOS.closeMatch, uris._id(f"vdab-region/{match}")
            yield (
                node,
                SKOS.editorialNote,
                en("Matched by name only: the dossier does not state that the two areas coincide."),
            )
