"""SHACL validation with pyshacl, reported as readable lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
import rdflib
from rdflib.namespace import SH


@dataclass(frozen=True)
class ShaclResult:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"[{self.severity}] {self.focus}{where}: {self.message}"


@dataclass(frozen=True)
class ShaclReport:
    conforms: bool
    results: list[ShaclResult]

    @property
    def violations(self) -> list[ShaclResult]:
        return [r for r in self.results if r.severity == "Violation"]


def validate_shacl(data: rdflib.Graph, shapes_file: Path) -> ShaclReport:
    shapes = rdflib.Graph().parse(shapes_file, format="turtle")
    conforms, results_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=False
    )
    results = []
    for node in results_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results_graph.value(node, SH.resultSeverity)
        path = results_graph.value(node, SH.resultPath)
        message = results_graph.value(node, SH.resultMessage)
        results.append(
            ShaclResult(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=str(results_graph.value(node, SH.focusNode)),
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                message=str(message) if message else "constraint not met",
            )
        )
    results.sort(key=lambda r: (r.severity != "Violation", r.focus))
    return ShaclReport(bool(conforms), results)
