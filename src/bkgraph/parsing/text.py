"""Cleaning the cell text that PDF extraction leaves behind.

Cells of the dossier carry fragments of the HTML the PDF was made from (``<ul ...>``, ``<p>``)
and bullet characters; neither is content. These helpers remove them and fold white space so
that the same sentence compares equal wherever it was printed.
"""

from __future__ import annotations

import re
import unicodedata

CHECK_MARK = "\u2713"  # ✓
BULLET = "\u2022"  # •

_TAG = re.compile(r"</?(?:ul|li|p|ol|br)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def strip_markup(text: str) -> str:
    """Drop HTML list fragments and bullets, fold white space."""
    text = _TAG.sub(" ", text).replace(BULLET, " ")
    return fold(text)


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def starts_list_item(cell: str) -> bool:
    """True where the cell opens a new list item (an ``<ul>`` fragment or a bullet)."""
    stripped = cell.lstrip()
    return stripped.startswith("<ul") or stripped.startswith(BULLET)


def comparison_key(text: str) -> str:
    """A key under which two wordings of the same sentence are equal: case, accents, spaces,
    and trailing punctuation do not count."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return fold(text).lower().rstrip(" .;")


def slug(text: str) -> str:
    """A stable, readable URI segment: 'Kennis van ICT' → 'kennis-van-ict'."""
    key = comparison_key(text)
    key = re.sub(r"[^a-z0-9]+", "-", key)
    return key.strip("-") or "x"
