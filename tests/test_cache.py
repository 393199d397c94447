"""The answer cache: bounded by bytes, oldest out first, keyed by store version."""

from __future__ import annotations

from bkgraph.web.cache import AnswerCache, Cached, PageDataCache


def _entry(size: int) -> Cached:
    return Cached(200, "application/sparql-results+json", b"x" * size, (), '"e"')


def test_the_oldest_answers_leave_first_when_the_budget_is_spent() -> None:
    cache = AnswerCache(max_bytes=250)
    for name in ("a", "b", "c"):
        cache.put("v1", (name,), _entry(100))
    assert cache.get("v1", ("a",)) is None  # 300 bytes do not fit in 250: the oldest went
    assert cache.get("v1", ("b",)) is not None and cache.get("v1", ("c",)) is not None


def test_the_same_answer_stored_twice_counts_once() -> None:
    cache = AnswerCache(max_bytes=250)
    cache.put("v1", ("a",), _entry(100))
    cache.put("v1", ("a",), _entry(100))  # two requests missed at once, both store it
    cache.put("v1", ("b",), _entry(100))
    assert cache.get("v1", ("a",)) is not None  # 200 bytes held, not 300


def test_a_new_store_version_misses_and_errors_are_not_kept() -> None:
    cache = AnswerCache()
    cache.put("v1", ("a",), _entry(10))
    assert cache.get("v2", ("a",)) is None
    cache.put("v1", ("e",), Cached(400, "text/plain", b"bad", (), '"x"'))
    assert cache.get("v1", ("e",)) is None


def test_a_zero_budget_keeps_nothing() -> None:
    cache = AnswerCache(max_bytes=0)
    cache.put("v1", ("a",), _entry(10))
    assert cache.get("v1", ("a",)) is None


def test_page_rows_are_computed_once_per_store_version() -> None:
    cache = PageDataCache(max_entries=2)
    calls: list[str] = []

    def rows(label: str):
        return lambda: calls.append(label) or [label]

    assert cache.get("v1", ("home",), rows("a")) == ["a"]
    assert cache.get("v1", ("home",), rows("b")) == ["a"]  # from the cache
    assert cache.get("v2", ("home",), rows("c")) == ["c"]  # a rebuild: computed again
    cache.get("v2", ("browse",), rows("d"))  # a third entry: the oldest (v1) leaves
    assert cache.get("v1", ("home",), rows("e")) == ["e"]
    assert calls == ["a", "c", "d", "e"]
