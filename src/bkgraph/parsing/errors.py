"""The one error a parser raises: it names the file, the line and what was expected."""

from __future__ import annotations


class DossierError(ValueError):
    """The source cannot be read as a dossier. Raised before anything is written."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
