"""bkgraph: Flemish professional qualification dossiers as an RDF knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bkgraph")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+unknown"
