"""The `bkgraph` command line: build, validate, export, check, summary.

Exit codes: 0 success; 1 the graph does not validate; 2 wrong usage (click); 3 a source cannot
be read (the message names file and line); 4 no graph built yet; 5 a needed tool (Java) is
missing; 6 the front-end files could not be fetched.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import click
from pyoxigraph import NamedNode

from bkgraph import __version__, config
from bkgraph.parsing import DossierError
from bkgraph.parsing.knowledge import load_variants
from bkgraph.rdf.uris import Uris
from bkgraph.store.layout import StoreLayoutError

EXIT_INVALID, EXIT_SOURCE, EXIT_NO_STORE, EXIT_MISSING_TOOL, EXIT_ASSETS = 1, 3, 4, 5, 6


def fail(message: str, code: int) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


store_option = click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=config.store_path,
    show_default="var/store or $BKGRAPH_STORE",
    help="The store link the graph is built to and read from.",
)
data_option = click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    default=config.data_dir,
    show_default="data/ or $BKGRAPH_DATA",
    help="The folder with dossiers/ and the reviewed tables.",
)


@click.group()
@click.version_option(__version__, prog_name="bkgraph")
def main() -> None:
    """Flemish professional qualification dossiers as an RDF knowledge graph."""


@main.command()
@data_option
@store_option
@click.option("--base", default=None, help="Base IRI of the graph (default $BKGRAPH_BASE).")
@click.option(
    "--api",
    "api",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="More VKS API responses: a JSON file or a folder of them (repeatable).",
)
@click.option("--quiet", is_flag=True, help="No progress bar, only the summary line.")
def build(data: Path, store: Path, base: str | None, api: tuple[Path, ...], quiet: bool) -> None:
    """Parse every source in DATA (and --api) and swap in a new store; the old one stays on
    failure."""
    from bkgraph.rdf.crosswalks import UNREVIEWED
    from bkgraph.store.build import build as run_build
    from bkgraph.store.build import source_files

    try:
        base = base or config.base_iri()
        files = source_files(data, api)
        with click.progressbar(
            length=len(files), label="parsing sources", file=sys.stderr, hidden=quiet
        ) as bar:
            report = run_build(
                data, store, base, config.ontology_dir(), lambda _: bar.update(1), api
            )
    except DossierError as exc:
        fail(f"{exc}\nthe previous graph (if any) is unchanged", EXIT_SOURCE)
    except (StoreLayoutError, ValueError) as exc:
        fail(str(exc), EXIT_SOURCE)
    findings = sum(len(q.findings) for q in report.qualifications)
    click.echo(
        f"built {len(report.qualifications)} qualification(s), {report.quads} quads, "
        f"{findings} finding(s) → {store} ({report.build.name})"
    )
    unreviewed = [n for n in report.skipped_links if n.endswith(UNREVIEWED)]
    absent = len(report.skipped_links) - len(unreviewed)
    if absent:
        click.echo(f"{absent} mapping row(s) name items this build does not have", err=True)
    if unreviewed:
        click.echo(f"{len(unreviewed)} suggested mapping row(s) left out until reviewed:", err=True)
        for note in unreviewed[:20]:
            click.echo(f"  {note}", err=True)


@main.command()
@store_option
@click.option("--skip-owl", is_flag=True, help="Run the SHACL shapes only (no Java needed).")
def validate(store: Path, skip_owl: bool) -> None:
    """Check the built graph against the SHACL shapes and for OWL consistency (HermiT)."""
    from bkgraph.store.reading import open_store
    from bkgraph.validation.graph import as_rdflib, union_ntriples
    from bkgraph.validation.owl import ReasonerUnavailable, check_consistency
    from bkgraph.validation.shacl import validate_shacl

    try:
        db = open_store(store)
    except StoreLayoutError as exc:
        fail(str(exc), EXIT_NO_STORE)
    ntriples = union_ntriples(db)
    shacl = validate_shacl(as_rdflib(ntriples), config.ontology_dir() / "shapes.ttl")
    for result in shacl.results:
        click.echo(str(result))
    click.echo(
        f"SHACL: {'conforms' if shacl.conforms else 'does not conform'} "
        f"({len(shacl.violations)} violation(s), {len(shacl.results) - len(shacl.violations)} "
        "warning(s))"
    )
    ok = shacl.conforms
    if not skip_owl:
        try:
            owl = check_consistency(ntriples)
        except ReasonerUnavailable as exc:
            fail(str(exc), EXIT_MISSING_TOOL)
        click.echo(f"OWL: {owl.message}")
        ok = ok and owl.consistent
    sys.exit(0 if ok else EXIT_INVALID)


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nquads", "trig", "turtle", "ntriples"]),
    default="nquads",
    show_default=True,
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Default: stdout.")
@click.option("--graph", help="One dossier's graph: its code (BK-0568-1) or the graph IRI.")
def export(store: Path, fmt: str, out: Path | None, graph: str | None) -> None:
    """Write the graph (or one dossier's named graph) in a standard format."""
    from bkgraph.store.reading import export as run_export
    from bkgraph.store.reading import open_store

    try:
        db = open_store(store)
    except StoreLayoutError as exc:
        fail(str(exc), EXIT_NO_STORE)
    graph_node = None
    if graph:
        iri = graph if "://" in graph else Uris(config.base_iri()).graph(graph).value
        graph_node = NamedNode(iri)
    try:
        if out is None:
            run_export(db, fmt, sys.stdout.buffer, graph_node)
        else:
            with out.open("wb") as handle:
                run_export(db, fmt, handle, graph_node)
    except KeyError:
        if out is not None:
            out.unlink(missing_ok=True)
        names = ", ".join(g.value for g in db.named_graphs())
        fail(f"no named graph {graph_node.value}; the store has: {names}", EXIT_SOURCE)


@main.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
def check(data: Path, fmt: str, files: tuple[Path, ...]) -> None:
    """Print every finding about the sources: defects, repairs, disagreements, with lines."""
    from bkgraph.store.build import parse_source, source_files

    variants = load_variants(data / "knowledge-variants.csv")
    report = []
    try:
        for path in files or source_files(data):
            q = parse_source(path, variants)
            for f in q.findings:
                report.append(
                    {
                        "file": str(path),
                        "qualification": q.code,
                        "line": f.line,
                        "path": f.path,
                        "kind": f.kind,
                        "severity": f.severity.value,
                        "message": f.message,
                        "about": list(f.about),
                    }
                )
    except DossierError as exc:
        fail(str(exc), EXIT_SOURCE)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for r in report:
        where = f"{r['file']}:{r['line']}" if r["line"] else r["file"]
        where += f" {r['path']}" if r["path"] else ""
        click.echo(f"{where}: {r['severity']}: [{r['kind']}] {r['message']}")
    counts = Counter(r["severity"] for r in report)
    click.echo(f"{len(report)} finding(s): " + ", ".join(f"{n} {s}" for s, n in counts.items()))


@main.command()
@store_option
def summary(store: Path) -> None:
    """What the built graph holds: graphs, qualifications, blocks, activities, knowledge."""
    from bkgraph.store.reading import open_store, summarise

    try:
        db = open_store(store)
    except StoreLayoutError as exc:
        fail(str(exc), EXIT_NO_STORE)
    for name, value in summarise(db).items():
        click.echo(f"{name:>24}: {value}")


@main.command("ontology-docs")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=lambda: config.PROJECT_ROOT / "docs" / "ontology.md",
    show_default="docs/ontology.md",
)
def ontology_docs(out: Path) -> None:
    """Regenerate the ontology's documentation from ontology/bkgraph.ttl."""
    from bkgraph.ontology_docs import render

    out.write_text(render(config.ontology_dir() / "bkgraph.ttl"), encoding="utf-8")
    click.echo(f"wrote {out}")


def mebibytes_option(name: str, default: int, help: str):
    """An amount of memory in MiB, never negative."""
    return click.option(
        name,
        default=default,
        show_default=True,
        type=click.IntRange(min=0),
        help=help,
    )


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, help="Query worker processes.")
@click.option(
    "--http-workers", default=1, show_default=True, help="HTTP server processes sharing the store."
)
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a query may run.")
@mebibytes_option(
    "--worker-memory-mib",
    1024,
    "Memory a query worker may use before its query is stopped (0: no limit).",
)
@click.option("--max-rows", default=10_000, show_default=True, help="Rows or triples per answer.")
@click.option("--max-query-length", default=100_000, show_default=True)
@mebibytes_option("--cache-mib", 32, "Memory for cached answers, per HTTP worker (0: no cache).")
@click.option(
    "--admin-token",
    envvar="BKGRAPH_ADMIN_TOKEN",
    default=None,
    help="Enables SPARQL Update for requests sending 'Authorization: Bearer TOKEN'.",
)
@click.option("--allow-service", multiple=True, help="An endpoint SERVICE may call (repeatable).")
@click.option(
    "--default-graph",
    type=click.Choice(["union", "default"]),
    default="union",
    show_default=True,
    help="The default graph: the union of the named graphs, or the store's own default graph.",
)
def serve(
    store: Path,
    host: str,
    port: int,
    workers: int,
    http_workers: int,
    timeout: float,
    worker_memory_mib: int,
    max_rows: int,
    max_query_length: int,
    cache_mib: int,
    admin_token: str | None,
    allow_service: tuple[str, ...],
    default_graph: str,
) -> None:
    """Serve the built graph: SPARQL endpoint, Linked Data documents, metadata."""
    import uvicorn

    from bkgraph.store.layout import current
    from bkgraph.web.app import create_app
    from bkgraph.web.settings import ServerSettings

    try:
        current(store)
    except StoreLayoutError as exc:
        fail(str(exc), EXIT_NO_STORE)
    settings = ServerSettings(
        store=store,
        base=config.base_iri(),
        ontology_dir=config.ontology_dir(),
        queries_dir=config.PROJECT_ROOT / "queries",
        dumps_dir=store.parent / "dumps",
        assets_dir=config.assets_dir(),
        workers=workers,
        timeout=timeout,
        worker_memory_mib=worker_memory_mib,
        max_rows=max_rows,
        max_query_length=max_query_length,
        cache_mib=cache_mib,
        admin_token=admin_token,
        service_allow=allow_service,
        union_default_graph=default_graph == "union",
    )
    click.echo(f"serving {store} on http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    if http_workers == 1:
        uvicorn.run(
            create_app(settings), host=host, port=port, access_log=False, log_level="warning"
        )
        return
    import dataclasses
    import json
    import os

    os.environ["BKGRAPH_SERVE_SETTINGS"] = json.dumps(dataclasses.asdict(settings), default=str)
    uvicorn.run(
        "bkgraph.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=http_workers,
        access_log=False,
        log_level="warning",
    )


@main.command()
@click.option(
    "--target",
    type=click.Path(path_type=Path, file_okay=False),
    default=lambda: str(config.assets_dir()),
    show_default="var/assets",
    help="Where to put them ($BKGRAPH_ASSETS).",
)
def assets(target: Path) -> None:
    """Fetch the query editor (YASGUI) and axe-core from the npm registry, hash-checked."""
    from bkgraph.web.assets import AssetError, fetch

    try:
        files = fetch(target)
    except AssetError as exc:
        fail(
            f"{exc}\nthe pages work without them; the query editor falls back to a form",
            EXIT_ASSETS,
        )
    click.echo(f"{len(files)} front-end file(s) in {target}")


@main.group()
def esco() -> None:
    """ESCO and ISCO-08 in the graph (each ESCO version is a named graph)."""


@esco.command("import")
@store_option
@click.option("--version", "version", required=True, help="The ESCO version, e.g. v1.2.0.")
@click.option(
    "--language",
    default=None,
    help="CSV only: the labels' language (default: from the file name, occupations_nl.csv → nl).",
)
@click.option("--base", default=None, help="Base IRI of the graph (default $BKGRAPH_BASE).")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False)
)
def esco_import(
    store: Path, version: str, language: str | None, base: str | None, paths: tuple[Path, ...]
) -> None:
    """Load ESCO CSV exports or SKOS-RDF dumps (PATHS) into the graph of one ESCO version,
    replacing what that graph held; the rest of the store is kept and the swap is atomic."""
    from bkgraph.parsing.esco import EscoSource, check_version
    from bkgraph.rdf.esco import esco_quads
    from bkgraph.store.build import read_esco
    from bkgraph.store.update import replace_graphs

    try:
        check_version(version, "--version")
        sources = [EscoSource(path, version, language) for path in paths]
        loaded = read_esco(sources)
        uris = Uris(base or config.base_iri())
        built_at = datetime.now(UTC).replace(microsecond=0)
        quads = list(esco_quads(uris, loaded, built_at))
        target = replace_graphs(store, [uris.esco_graph(version)], quads)
    except DossierError as exc:
        fail(f"{exc}\nthe graph is unchanged", EXIT_SOURCE)
    except StoreLayoutError as exc:
        fail(str(exc), EXIT_NO_STORE)
    concepts = sum(len(content) for _, content in loaded)
    click.echo(
        f"ESCO {version}: {concepts} concept(s) or triple(s) from {len(paths)} file(s), "
        f"{len(quads)} quads → {uris.esco_graph(version).value} ({target.name})"
    )


@main.group()
def link() -> None:
    """Curating the links to ESCO: suggestions for a person to review, and how good they are."""


@link.command("suggest")
@data_option
@click.option("--qualification", "codes", multiple=True, help="Only this code (repeatable).")
@click.option("--activities", is_flag=True, help="Also the activities, not only knowledge.")
@click.option("--limit", default=5, show_default=True, help="Candidates per item.")
@click.option(
    "--write",
    "write",
    is_flag=True,
    help="Append the suggestions to data/mappings/skills.sssom.tsv as unreviewed rows "
    "(semapv:LexicalMatching): the build leaves them out until a person accepts one.",
)
def link_suggest(
    data: Path, codes: tuple[str, ...], activities: bool, limit: int, write: bool
) -> None:
    """Rank ESCO skills for every knowledge element (and activity) no mapping table names."""
    from bkgraph.linking import workbench
    from bkgraph.linking.sssom import read_mapping_sets
    from bkgraph.store.build import parse_sources

    try:
        qualifications = parse_sources(data)
        if codes:
            qualifications = [q for q in qualifications if q.code in codes]
            missing = set(codes) - {q.code for q in qualifications}
            if missing:
                fail(f"no qualification {', '.join(sorted(missing))} in {data}", EXIT_SOURCE)
        uris = Uris(config.DEFAULT_BASE)
        sets = read_mapping_sets(data / "mappings")
        named = {m.subject for s in sets for m in s.mappings}
        items = workbench.knowledge_items(qualifications, uris)
        if activities:
            items += workbench.activity_items(qualifications, uris)
        items = [i for i in items if i.iri not in named]
        suggester = workbench.load_suggester(data, "skills")
        table = data / "mappings" / "skills.sssom.tsv"
        mapping_set = next(s for s in sets if s.path == table)
    except DossierError as exc:
        fail(str(exc), EXIT_SOURCE)
    rows = []
    for item in items:
        found = list(workbench.suggestion_rows(item, suggester, mapping_set, limit))
        click.echo(f"{item.label}  <{item.iri}>")
        for row in found:
            click.echo(f"    {row['object_id']}  {row['object_label']}  ({row['comment']})")
        rows += found
    if write:
        workbench.append_rows(table, rows)
        click.echo(f"{len(rows)} suggestion(s) for {len(items)} item(s) appended to {table}")
    else:
        click.echo(f"{len(items)} item(s) without a curated or suggested link")


@link.command("report")
@data_option
def link_report(data: Path) -> None:
    """Coverage of the mapping tables and the suggester's precision on the curated links."""
    from bkgraph.linking import workbench
    from bkgraph.linking.sssom import read_sssom

    try:
        for name, kind in (("skills", "skills"), ("occupations", "occupations")):
            mapping_set = read_sssom(data / "mappings" / f"{name}.sssom.tsv")
            curated = mapping_set.curated
            linked = sum(1 for m in curated if m.object is not None)
            click.echo(
                f"{mapping_set.path.name}: {len(curated)} curated row(s): {linked} link(s), "
                f"{len(curated) - linked} checked without a match; "
                f"{len(mapping_set.mappings) - len(curated)} unreviewed suggestion(s)"
            )
            suggester = workbench.load_suggester(data, kind)
            click.echo("  " + workbench.precision(mapping_set, suggester).line("suggester"))
    except DossierError as exc:
        fail(str(exc), EXIT_SOURCE)


@main.command("fetch-vks")
@click.argument("codes", nargs=-1, required=True)
@click.option(
    "--api-key", envvar="BKGRAPH_VKS_API_KEY", required=True, help="Or $BKGRAPH_VKS_API_KEY."
)
@click.option("--endpoint", default=None, help="The detail endpoint, ending before the code.")
@click.option(
    "--key-header", default="x-api-key", show_default=True, help="The header for the key."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=lambda: config.data_dir() / "vks-api",
    show_default="data/vks-api",
)
def fetch_vks(
    codes: tuple[str, ...], api_key: str, endpoint: str | None, key_header: str, out: Path
) -> None:
    """Download fresh VKS API responses (BK-0203-3 ...) into data/vks-api/."""
    from bkgraph.fetch import DEFAULT_ENDPOINT, FetchError, fetch_one

    failed = 0
    for code in codes:
        try:
            path = fetch_one(code, endpoint or DEFAULT_ENDPOINT, api_key, key_header, out)
        except FetchError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            failed += 1
            continue
        click.echo(f"saved {path}")
    if failed:
        sys.exit(EXIT_SOURCE)


@main.command()
@store_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="FILE=IRI",
    help="Load FILE into the named graph IRI instead of the default graph (repeatable).",
)
def load(store: Path, files: tuple[Path, ...], graphs: tuple[str, ...]) -> None:
    """Load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into a new store and
    swap it in, as a build does; the old one stays on failure."""
    from bkgraph.store.load import load as run_load

    named = {}
    for item in graphs:
        file, sep, iri = item.partition("=")
        if not sep or not iri:
            fail(f"--graph takes FILE=IRI, got {item!r}", 2)
        named[Path(file)] = iri
    sources = [(f, named.get(f)) for f in files] + [
        (f, g) for f, g in named.items() if f not in files
    ]
    try:
        target = run_load(store, sources)
    except (ValueError, SyntaxError, OSError) as exc:
        fail(f"{exc}\nthe previous graph (if any) is unchanged", EXIT_SOURCE)
    click.echo(f"loaded {len(sources)} file(s) → {store} ({target.name})")
