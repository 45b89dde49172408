"""The store fixtures (both backends, the throw-away PostgreSQL server) for the Spark tests."""

from tests.store.conftest import backend, new_target, postgres

__all__ = ["backend", "new_target", "postgres"]
