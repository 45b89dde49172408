"""The store tests run against both backends through one parametrised fixture.

``new_target()`` gives a fresh, empty store's ``--db`` value: a SQLite file, or a schema
of its own in a throw-away PostgreSQL server (``pgserver``), started once per session and
skipped, with the reason, when PostgreSQL is not installed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from marsad.store import DocumentStore, open_store
from tests.store.pgserver import PostgresServer, start_server

BACKENDS = ["sqlite", "postgresql"]
NewTarget = Callable[[], str]
NewStore = Callable[[], DocumentStore]
EmptyStore = Callable[[], AbstractContextManager[DocumentStore]]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = start_server()
    if isinstance(server, str):
        pytest.skip(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewTarget:
    """Makes the ``--db`` value of a new, empty store on this test's backend."""
    if backend == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        return server.new_url
    names = itertools.count(1)
    return lambda: str(tmp_path / f"store{next(names)}.db")


@pytest.fixture
def new_store(new_target: NewTarget) -> Iterator[NewStore]:
    """Opens new, empty stores on this test's backend (closed at the end)."""
    opened: list[DocumentStore] = []

    def make() -> DocumentStore:
        store = open_store(new_target())
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def empty_store(backend: str, new_target: NewTarget) -> Iterator[EmptyStore]:
    """An empty store for each example of a property test. PostgreSQL keeps one schema
    for the whole test and deletes every row between examples (creating a schema takes a
    third of a second; ids are not reset, which these tests do not look at)."""
    kept: list[DocumentStore] = []

    @contextmanager
    def empty() -> Iterator[DocumentStore]:
        if backend != "postgresql":
            with open_store(new_target()) as store:
                yield store
            return
        if not kept:
            kept.append(open_store(new_target()))
        store = kept[0]
        conn = store.conn  # type: ignore[attr-defined]
        with conn.transaction():
            for (table,) in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename NOT IN ('meta', 'counters')").fetchall():
                conn.execute(f"DELETE FROM {table}")
            conn.execute("UPDATE counters SET value = 0")
        yield store

    yield empty
    for store in kept:
        store.close()
