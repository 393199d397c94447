"""SPARQL evaluation in worker processes, so that no query can pin the server.

pyoxigraph cannot cancel a query, and a sort, a group or a cartesian product can run long before
its first row. Each query therefore runs in one of a few worker processes; the server waits for
the answer without blocking its event loop, and a worker that overruns the timeout is killed and
replaced while the server goes on serving everyone else.

Lookups (one triple pattern with a fixed subject or object, see `query_shape`) cannot run away,
so they skip the hand-off: a small thread pool answers them in the server's own process
(pyoxigraph releases the GIL while it evaluates). They never wait behind a heavy query.

Answers in SPARQL JSON, the default, are written by pyoxigraph itself (see `_json_by_pyoxigraph`);
the other formats by the writers of `results.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import orjson
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    Store,
)

from bkgraph.rdf.serialize import triples_to_bytes
from bkgraph.store.handle import StoreHandle
from bkgraph.web import results
from bkgraph.web.memory import resident_bytes
from bkgraph.web.negotiation import GRAPH_FORMATS, RESULT_FORMATS, NotAcceptable, choose
from bkgraph.web.query_shape import is_lookup

log = logging.getLogger("bkgraph.engine")


@dataclass(frozen=True)
class QueryJob:
    query: str
    accept: str | None = None
    format_param: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union_default_graph: bool = True
    max_rows: int = 10_000
    for_html: bool = False  # the page renders the answer itself: send JSON / Turtle
    base_iri: str | None = None  # relative IRIs resolve against the endpoint's URL


@dataclass(frozen=True)
class QueryReply:
    status: int
    media_type: str
    body: bytes
    kind: str  # "solutions", "boolean", "graph" or "error"
    headers: dict[str, str] = field(default_factory=dict)
    store_version: str = ""


class QueryTimeout(Exception):
    pass


class QueryOutOfMemory(Exception):
    pass


class WorkerCrashed(Exception):
    pass


def _error(status: int, message: str) -> QueryReply:
    return QueryReply(status, "text/plain; charset=utf-8", message.encode(), "error")


def _truncation_headers(count: int, limit: int) -> dict[str, str]:
    if count <= limit:
        return {}
    return {
        "X-Result-Truncated": "true",
        "X-Result-Limit": str(limit),
        "Warning": f'199 bkgraph "result truncated to the first {limit} rows"',
    }


def _dataset_options(job: QueryJob) -> dict:
    if job.default_graphs or job.named_graphs:
        return {
            "default_graph": [NamedNode(g) for g in job.default_graphs] or DefaultGraph(),
            "named_graphs": [NamedNode(g) for g in job.named_graphs] or None,
        }
    return {"use_default_graph_as_union": job.union_default_graph}


def execute(store: Store, job: QueryJob) -> QueryReply:
    """Evaluate one query and serialise its answer in the negotiated format."""
    if _wants_json_results(job):
        reply = _json_by_pyoxigraph(store, job)
        if reply is not None:
            return reply
    try:
        answer = store.query(job.query, base_iri=job.base_iri, **_dataset_options(job))
    except SyntaxError as exc:
        return _error(400, f"malformed query: {exc}")
    except (ValueError, OSError, RuntimeError) as exc:
        return _error(400, f"the query cannot be evaluated: {exc}")
    try:
        if isinstance(answer, QueryBoolean):
            return _boolean(job, bool(answer))
        if isinstance(answer, QuerySolutions):
            return _solutions(job, answer)
        if isinstance(answer, QueryTriples):
            return _graph(job, answer)
    except NotAcceptable as exc:
        return _error(406, str(exc))
    except (ValueError, OSError, RuntimeError) as exc:  # raised while rows are produced
        return _error(400, f"the query failed during evaluation: {exc}")
    return _error(500, f"unexpected answer type {type(answer).__name__}")


# the query's own LIMIT, if the text ends with it (and a comment): on its line nothing before it
# may start a comment, so `... } # LIMIT 5` does not count
_TRAILING_LIMIT = re.compile(
    r"^[^#\n]*\bLIMIT\s+(\d+)\s*(?:#[^\n]*)?\s*\Z", re.IGNORECASE | re.MULTILINE
)


def _wants_json_results(job: QueryJob) -> bool:
    try:
        return _result_format(job) == "json"
    except NotAcceptable:
        return False


def _json_by_pyoxigraph(store: Store, job: QueryJob) -> QueryReply | None:
    """A SELECT (or ASK) answered in SPARQL JSON, evaluated and written by pyoxigraph alone, or
    None to take the general path (which also words every error).

    The Python writers exist to stop at the row limit; here the limit goes into the query
    instead: a query that ends with its own LIMIT within the row limit is sent as it is, any
    other gets `LIMIT max_rows + 1` appended (where that does not parse, e.g. after a trailing
    VALUES block, the general path answers). The rows are then counted, cheaply, and an answer
    with more than the limit is cut as the general path would. In a worker this saves making
    a Python object of every term; in the server's lookup threads it also frees the GIL.
    """
    own = _TRAILING_LIMIT.search(job.query)
    limited = own is not None and int(own.group(1)) <= job.max_rows
    text = job.query if limited else f"{job.query}\nLIMIT {job.max_rows + 1}"
    try:
        answer = store.query(text, base_iri=job.base_iri, **_dataset_options(job))
        if isinstance(answer, QueryBoolean):
            return _boolean(job, bool(answer))
        if not isinstance(answer, QuerySolutions):
            return None  # CONSTRUCT and DESCRIBE: LIMIT counts solutions, not triples
        body = answer.serialize(format=QueryResultsFormat.JSON)
    except (SyntaxError, ValueError, OSError, RuntimeError):
        return None
    headers: dict[str, str] = {}
    if _may_have_more_rows_than(body, job.max_rows):
        data = orjson.loads(body)
        rows = data["results"]["bindings"]
        headers = _truncation_headers(len(rows), job.max_rows)
        if headers:
            data["results"]["bindings"] = rows[: job.max_rows]
            body = orjson.dumps(data)
    return QueryReply(200, _RESULT_MEDIA_TYPES["json"], body, "solutions", headers)


_RESULT_MEDIA_TYPES = {f.name: f.media_type for f in RESULT_FORMATS}


def _result_format(job: QueryJob) -> str:
    if job.for_html:
        return "json"
    return choose(RESULT_FORMATS, job.accept, job.format_param).name


def _boolean(job: QueryJob, value: bool) -> QueryReply:
    name = _result_format(job)
    body = results.BOOLEAN_WRITERS[name](value)
    return QueryReply(200, _RESULT_MEDIA_TYPES[name], body, "boolean")


def _solutions(job: QueryJob, answer: QuerySolutions) -> QueryReply:
    name = _result_format(job)
    variables = [v.value for v in answer.variables]
    # a solution iterates over its values in the order of the variables (None where unbound),
    # which is much cheaper than looking each one up by name
    rows = [tuple(s) for s in itertools.islice(answer, job.max_rows + 1)]
    headers = _truncation_headers(len(rows), job.max_rows)
    body = results.SOLUTION_WRITERS[name](variables, rows[: job.max_rows])
    charset = "; charset=utf-8" if name in ("csv", "tsv") else ""
    return QueryReply(200, _RESULT_MEDIA_TYPES[name] + charset, body, "solutions", headers)


def _graph(job: QueryJob, answer: QueryTriples) -> QueryReply:
    fmt = GRAPH_FORMATS[0] if job.for_html else choose(GRAPH_FORMATS, job.accept, job.format_param)
    triples = list(itertools.islice(answer, job.max_rows + 1))
    headers = _truncation_headers(len(triples), job.max_rows)
    body = triples_to_bytes(triples[: job.max_rows], fmt.name)
    return QueryReply(200, fmt.media_type, body, "graph", headers)


def answer(handle: StoreHandle, job: QueryJob) -> QueryReply:
    """Evaluate a job on the current build, and say which build answered."""
    store, version = handle.current()
    return dataclasses.replace(execute(store, job), store_version=version)


def _may_have_more_rows_than(body: bytes, limit: int) -> bool:
    """A cheap upper bound on the rows of a SPARQL JSON answer, so that most answers need not be
    parsed to be counted. Every row is either `{}` or holds at least one term `{"type":...`; a
    string value cannot hold `{"type":` (its quotes are escaped) and a `{}` inside a string only
    raises the bound."""
    return body.count(b'{"type":') + body.count(b"{}") > limit


def _die_with_parent() -> None:
    """A worker busy with a runaway query never reads its pipe; if the server dies (killed, not
    shut down), the worker must not live on computing for nobody."""
    parent = os.getppid()
    try:  # Linux: the kernel sends SIGKILL when the parent goes
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # elsewhere: notice being re-parented
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def worker_main(conn: Connection, store_link: str) -> None:
    """The loop of one worker process: receive a job, answer it, repeat."""
    _die_with_parent()
    handle = StoreHandle(Path(store_link))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            reply = answer(handle, job)
        except Exception as exc:  # a worker must answer, whatever happened
            reply = _error(500, f"internal error while answering the query: {exc!r}")
        conn.send(reply)


_MEMORY_CHECK_SECONDS = 0.1  # how often a busy worker's memory is looked at


class _Worker:
    def __init__(self, ctx: multiprocessing.context.SpawnContext, store_link: Path) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=worker_main, args=(child, str(store_link)), daemon=True, name="bkgraph-query"
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerCrashed("a query worker did not start in time")
        self.conn.recv()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """A fixed number of worker processes; a request takes an idle one or waits for one.
    Lookups are answered by threads of the server process instead.

    A worker is stopped (killed and replaced) when its query overruns the timeout, or when it
    grows past `memory_limit_mib`: a property path over everything can fill gigabytes well
    within the timeout, and the machine must not run out of memory for one query."""

    def __init__(
        self, handle: StoreHandle, size: int, timeout: float, memory_limit_mib: int = 0
    ) -> None:
        self.handle = handle
        self.size = size
        self.timeout = timeout
        self.memory_limit_mib = memory_limit_mib
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._lookups = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bkgraph-lookup")

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.handle.link)
        worker.wait_ready(60)
        self._all.add(worker)
        return worker

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *(loop.run_in_executor(None, self._spawn) for _ in range(self.size))
        )
        for worker in workers:
            self._idle.put_nowait(worker)

    async def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._all.discard(worker)
        loop = asyncio.get_running_loop()
        try:
            fresh = await loop.run_in_executor(None, self._spawn)
        except WorkerCrashed:
            log.exception("could not replace a query worker")
            return
        self._idle.put_nowait(fresh)

    async def run(self, job: QueryJob) -> QueryReply:
        if is_lookup(job.query):
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._lookups, answer, self.handle, job)
        return await self._run_in_worker(job)

    async def _run_in_worker(self, job: QueryJob) -> QueryReply:
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = worker.conn.fileno()
        try:
            worker.conn.send(job)
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
            try:
                await self._watch(worker, ready)
            finally:
                loop.remove_reader(fd)
                # uvloop makes a watched fd non-blocking; recv() must block until the whole
                # answer is in, so the pipe goes back to blocking mode
                os.set_blocking(fd, True)
            reply = worker.conn.recv()
        except TimeoutError:
            asyncio.ensure_future(self._replace(worker))
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped"
            ) from None
        except QueryOutOfMemory:
            asyncio.ensure_future(self._replace(worker))
            raise
        except (EOFError, OSError, asyncio.CancelledError) as exc:
            # the client went away or the worker died: the worker's state is unknown, replace it
            asyncio.ensure_future(self._replace(worker))
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise WorkerCrashed("the query worker stopped unexpectedly") from exc
        self._idle.put_nowait(worker)
        return reply

    async def _watch(self, worker: _Worker, ready: asyncio.Future) -> None:
        """Wait for the worker's answer; raise at the timeout or when it outgrows its memory."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        limit = self.memory_limit_mib * 1024 * 1024
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError
            done, _ = await asyncio.wait({ready}, timeout=min(_MEMORY_CHECK_SECONDS, remaining))
            if done:
                return
            if limit and resident_bytes(worker.process.pid) > limit:
                raise QueryOutOfMemory(
                    f"the query needed more than {self.memory_limit_mib} MiB of memory "
                    "and was stopped"
                )

    async def close(self) -> None:
        self._lookups.shutdown(wait=False, cancel_futures=True)
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
