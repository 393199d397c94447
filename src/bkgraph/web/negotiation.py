"""Content negotiation: the `Accept` header (with q-values) or a `format=` parameter → a format.

The formats a SPARQL answer can take depend on the query form, known only after parsing:
solutions and booleans have the SPARQL result formats, graphs the RDF formats.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str  # the `format=` value
    media_type: str
    extension: str
    aliases: tuple[str, ...] = ()  # other media types that ask for the same thing


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", "srj", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv"),
    Format("tsv", "text/tab-separated-values", "tsv"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", "ttl", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", "nt", ("text/plain",)),
    Format("nquads", "application/n-quads", "nq"),
    Format("trig", "application/trig", "trig"),
    Format("jsonld", "application/ld+json", "jsonld", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", "rdf", ("application/xml", "text/xml")),
)
HTML = Format("html", "text/html", "html", ("application/xhtml+xml",))


class NotAcceptable(Exception):
    def __init__(self, offered: tuple[Format, ...]) -> None:
        self.offered = offered
        super().__init__(
            "none of the formats asked for can be produced; available: "
            + ", ".join(f.media_type for f in offered)
        )


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first; no header means anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        # more specific ranges win ties, then the order the client wrote them in
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, q, specificity, -position))
    ranges.sort(key=lambda r: (r[1], r[2], r[3]), reverse=True)
    return [(m, q) for m, q, _, _ in ranges]


def _matches(media_range: str, fmt: Format) -> bool:
    if media_range == "*/*":
        return True
    types = (fmt.media_type, *fmt.aliases)
    if media_range.endswith("/*"):
        return any(t.startswith(media_range[:-1]) for t in types)
    return media_range in types


def choose(
    offered: tuple[Format, ...], accept: str | None, format_param: str | None = None
) -> Format:
    """The best of `offered` for the request; `format=` (a name or a media type) wins."""
    if format_param:
        wanted = format_param.strip().lower()
        for fmt in offered:
            if wanted in (fmt.name, fmt.extension, fmt.media_type, *fmt.aliases):
                return fmt
        raise NotAcceptable(offered)
    for media_range, q in parse_accept(accept):
        if q <= 0:
            continue
        for fmt in offered:
            if _matches(media_range, fmt):
                return fmt
    raise NotAcceptable(offered)


def by_extension(offered: tuple[Format, ...], extension: str) -> Format | None:
    return next((f for f in offered if f.extension == extension), None)
