"""OWL consistency with owlready2 and its bundled HermiT reasoner (needs a Java runtime).

The reasoner sees the bkgraph ontology and the qualification data only: the external
vocabularies are declared in the ontology, not imported, so nothing is fetched and the check is
about our axioms (disjoint classes, functional properties, cardinalities, distinct concepts).
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass


class ReasonerUnavailable(RuntimeError):
    """No Java runtime: the OWL check cannot run here (install a JRE, e.g. default-jre-headless)."""


@dataclass(frozen=True)
class OwlReport:
    consistent: bool
    message: str


def java_executable() -> str:
    java = shutil.which("java")
    if java is None:
        raise ReasonerUnavailable(
            "the OWL reasoner (HermiT) needs a Java runtime and `java` is not on PATH; "
            "install one (Debian: apt-get install default-jre-headless) or run `make test` as root"
        )
    return java


# RDF Data Cube types its dimension and measure properties as individuals of
# qb:DimensionProperty / qb:MeasureProperty. OWL 2 allows that punning, owlready2 does not (it
# would drop the property's OWL type), so those typing triples are left out of the reasoner's input.
_PUNNED = (
    b"<http://purl.org/linked-data/cube#DimensionProperty> .",
    b"<http://purl.org/linked-data/cube#MeasureProperty> .",
)


def _without_punning(ntriples: bytes) -> bytes:
    return b"\n".join(line for line in ntriples.split(b"\n") if not line.endswith(_PUNNED))


def check_consistency(ntriples: bytes) -> OwlReport:
    import owlready2  # imported here: it is slow to import and only this check needs it

    ntriples = _without_punning(ntriples)

    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    ontology = world.get_ontology("http://bkgraph.invalid/validation#")
    ontology.load(fileobj=io.BytesIO(ntriples), format="ntriples")
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        unsatisfiable = [c.iri for c in world.inconsistent_classes()]
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        return OwlReport(False, f"the ontology and data are inconsistent: {exc}".strip())
    finally:
        world.close()
    if unsatisfiable:
        return OwlReport(False, "unsatisfiable classes: " + ", ".join(sorted(unsatisfiable)))
    return OwlReport(True, "consistent under HermiT, every class satisfiable")
