"""Source formats → the typed model of `bkgraph.model`. One module per concern of the format."""

from bkgraph.parsing.dossier import parse_dossier
from bkgraph.parsing.errors import DossierError

__all__ = ["DossierError", "parse_dossier"]
