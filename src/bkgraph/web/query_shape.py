"""Recognise lookups: queries whose cost is bounded by the triples of one resource.

Most requests to a Linked Data endpoint ask for one resource: `SELECT ?p ?o WHERE { <x> ?p ?o }`,
`CONSTRUCT { <x> ?p ?o } WHERE { <x> ?p ?o }`, or who points at it. Such a query is a single
triple pattern with a fixed subject or object; oxigraph answers it by streaming one index range,
so reading at most the row limit bounds its work, and it cannot run away. The server answers
these in its own process (no hand-off to a worker, no wait behind a heavy query) and sends every
other query to a worker process, where a runaway can be stopped.

The recogniser is deliberately strict: anything it does not know (a FILTER, a second pattern, a
property path, DISTINCT, ORDER BY, OFFSET, `;` or `,`, a long string) makes the query "not a
lookup", which only means it is answered by a worker. It decides where a query runs, never what
it means: the same `execute` evaluates it either way.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<datatype>\^\^)
  | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z](?:[\w.-]*[\w-])?)?:(?:[\w:%-](?:[\w.:%-]*[\w:%-])?)?)
  | (?P<word>[A-Za-z]+)
  | (?P<punct>[{}.*])
    """,
    re.VERBOSE,
)


def _tokens(query: str) -> list[tuple[str, str]] | None:
    """(kind, text) pairs, or None if the query holds anything outside the lookup syntax."""
    tokens = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None:
            return None
        kind = match.lastgroup or ""
        if kind != "space":
            text = match.group()
            tokens.append((kind, text.upper() if kind == "word" else text))
        position = match.end()
    return tokens


class _Reader:
    """Walks the tokens; each `take_*` consumes what it accepts and says whether it did."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, kind: str, text: str | None = None) -> str | None:
        token_kind, token_text = self.peek()
        if token_kind == kind and (text is None or token_text == text):
            self.at += 1
            return token_text
        return None

    def take_word(self, word: str) -> bool:
        return self.take("word", word) is not None

    def take_term(self, *kinds: str) -> tuple[str, str] | None:
        kind, text = self.peek()
        if kind in kinds:
            self.at += 1
            return kind, text
        return None

    def take_object(self) -> tuple[str, str] | None:
        """An IRI, a variable or a literal (with its language tag or datatype)."""
        term = self.take_term("iri", "pname", "var", "number")
        if term is not None:
            return term
        if self.take_word("TRUE") or self.take_word("FALSE"):
            return ("literal", "boolean")
        if self.take("string") is None:
            return None
        if self.take("datatype") is not None:
            return ("literal", "typed") if self.take_term("iri", "pname") else None
        self.take("lang")
        return ("literal", "string")

    def take_triple(self) -> list[tuple[str, str]] | None:
        subject = self.take_term("iri", "pname", "var")
        predicate = self.take_term("iri", "pname", "var") or (
            ("iri", "a") if self.take_word("A") else None
        )
        obj = self.take_object() if subject and predicate else None
        return [subject, predicate, obj] if obj else None

    def take_pattern(self) -> bool:
        """`{ s p o [.] }` with a fixed subject or object and no variable used twice."""
        if self.take("punct", "{") is None:
            return False
        triple = self.take_triple()
        self.take("punct", ".")
        if triple is None or self.take("punct", "}") is None:
            return False
        variables = [text for kind, text in triple if kind == "var"]
        fixed_end = triple[0][0] != "var" or triple[2][0] != "var"
        return fixed_end and len(set(variables)) == len(variables)

    def take_template(self) -> bool:
        """The `{ ... }` of CONSTRUCT: plain triples, each ended by a dot."""
        if self.take("punct", "{") is None:
            return False
        while self.take("punct", "}") is None:
            if self.take_triple() is None:
                return False
            if self.peek() != ("punct", "}") and self.take("punct", ".") is None:
                return False
        return True


def is_lookup(query: str) -> bool:
    """Whether the query is a single triple pattern with a fixed subject or object."""
    tokens = _tokens(query)
    if tokens is None:
        return False
    reader = _Reader(tokens)
    while True:  # the prologue
        if reader.take_word("PREFIX"):
            if reader.take("pname") is None or reader.take("iri") is None:
                return False
        elif reader.take_word("BASE"):
            if reader.take("iri") is None:
                return False
        else:
            break
    if reader.take_word("SELECT"):
        if reader.take("punct", "*") is None:
            if reader.take("var") is None:
                return False
            while reader.take("var") is not None:
                pass
        reader.take_word("WHERE")
    elif reader.take_word("CONSTRUCT"):
        short_form = reader.take_word("WHERE")  # CONSTRUCT WHERE { pattern }
        if not short_form and not (reader.take_template() and reader.take_word("WHERE")):
            return False
    elif reader.take_word("ASK"):
        reader.take_word("WHERE")
    else:
        return False
    if not reader.take_pattern():
        return False
    if reader.take_word("LIMIT") and reader.take("number") is None:
        return False
    return reader.peek() == ("end", "")
