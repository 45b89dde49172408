"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, started
on a Unix socket there (no TCP port), stopped and removed at the end.

Nothing is mocked: the store tests run against a real server. When the PostgreSQL binaries
(Debian's ``postgresql`` package: ``initdb``, ``pg_ctl``) or psycopg are missing, the
tests that need it are skipped. PostgreSQL refuses to run as root, so under root the
server runs as ``nobody`` (``runuser``).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


class PostgresServer:
    """One server, one database; ``new_url()`` gives each caller an empty schema of its own."""

    def __init__(self, bin_dir: Path, *, durable: bool = False) -> None:
        self.bin_dir = bin_dir
        self.durable = durable  # False: no fsync, for tests; True: PostgreSQL's defaults
        self.dir = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        self.data = self.dir / "data"
        self.port = 5433
        self._schemas = itertools.count(1)
        self._as: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            shutil.chown(self.dir, "nobody")
            self._as = ["runuser", "-u", "nobody", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, cwd=self.dir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def start(self) -> None:
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                  "marsad", "--encoding=UTF8", "--locale=C", "--no-sync")
        options = f"-k {self.dir} -c listen_addresses='' -p {self.port} -c max_connections=60"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.dir / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def base_url(self) -> str:
        return f"postgresql://marsad@/postgres?host={quote(str(self.dir))}&port={self.port}"

    def new_url(self) -> str:
        """The URL of a new, empty schema: a store of its own."""
        import psycopg

        schema = f"t{next(self._schemas)}"
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        return f"{self.base_url}&options={quote(f'-csearch_path={schema}')}"


def start_server(*, durable: bool = False) -> PostgresServer | str:
    """A running server, or the reason there cannot be one."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'marsad[pg]')"
    bin_dir = find_binaries()
    if bin_dir is None:
        return "the PostgreSQL binaries (initdb, pg_ctl) are not installed"
    server = PostgresServer(bin_dir, durable=durable)
    try:
        server.start()
    except (subprocess.SubprocessError, OSError) as e:
        log = server.dir / "server.log"
        detail = log.read_text(errors="replace")[-500:] if log.is_file() else str(e)
        shutil.rmtree(server.dir, ignore_errors=True)
        return f"PostgreSQL could not be started: {detail}"
    return server
