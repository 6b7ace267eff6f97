"""The one database of a deployment: an SQLite file in the data dir by default (nothing to set up on one
machine), PostgreSQL when `NIYAM_DATABASE_URL` names one (`postgresql://…`, driven by psycopg 3).

`database(data_dir)` gives this process's `Database` for that configuration, created once and upgraded to the
newest schema (Alembic, migrations shipped in `state/migrations/`) on first use, under a lock so that two
processes starting together do not both migrate. `Database.lock(name)` is a lock across processes and hosts:
a PostgreSQL advisory lock (released by the server if the holder dies), or, on SQLite, a file lock beside the
database file (SQLite is shared only by processes on one host).

A database that cannot be reached is `BackendUnavailable` (one line, exit 2 on the CLI, a clear reply in chat).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from knowledge.errors import BackendUnavailable, BadInput

log = logging.getLogger("niyam.db")

DB_FILE = "niyam.db"
MIGRATIONS = Path(__file__).parent / "migrations"

_CONNECT_WORDS = ("connect", "connection", "could not translate host", "server closed", "unable to open database",
                  "timeout", "timed out", "no route", "refused", "terminating")


def database_url(data_dir: Path) -> str:
    """`NIYAM_DATABASE_URL` (postgresql:// is read as psycopg 3's dialect), else `DATA_DIR/niyam.db`."""
    url = (os.environ.get("NIYAM_DATABASE_URL") or "").strip()
    if not url:
        return f"sqlite:///{Path(data_dir).resolve() / DB_FILE}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def shown(url: str) -> str:
    """Where the database is, without user name or password (safe for a message)."""
    u = urlsplit(url)
    if u.scheme.startswith("sqlite"):
        return url.split("///", 1)[-1] or "an SQLite file"
    return f"{u.scheme.split('+')[0]}://{u.hostname or 'localhost'}{':' + str(u.port) if u.port else ''}{u.path}"


def is_unreachable(exc: BaseException) -> bool:
    """A failure to reach the database (server down, wrong host, file that cannot be opened)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    text_ = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, DBAPIError) and any(w in text_ for w in _CONNECT_WORDS)


class Database:
    def __init__(self, url: str):
        self.url = url
        try:
            make_url(url)
        except ArgumentError:
            raise BadInput("NIYAM_DATABASE_URL is not a database URL (e.g. postgresql://user:password@host/niyam)") from None
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.path: Path | None = Path(url.split("///", 1)[1])
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # created private first: SQLite gives its -wal and -shm files the database file's mode
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
            self.engine: Engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.path = None
            try:
                self.engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, pool_recycle=1800,
                                            connect_args={"connect_timeout": 5})
            except (NoSuchModuleError, ImportError) as exc:
                raise BadInput(f"NIYAM_DATABASE_URL: no driver for {make_url(url).drivername!r} "
                               f"(use postgresql://… or leave it unset for SQLite)") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"Database({shown(self.url)!r})"

    # -- use -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.unreachable_as_error():
            with self._sessions.begin() as s:
                yield s

    @contextlib.contextmanager
    def unreachable_as_error(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            if is_unreachable(exc):
                raise BackendUnavailable(f"cannot reach the database at {shown(self.url)} "
                                         f"({type(exc.orig).__name__})") from exc
            raise

    def check(self) -> None:
        """Raises BackendUnavailable unless the database answers (for health checks)."""
        with self.unreachable_as_error(), self.engine.connect() as c:
            c.execute(text("SELECT 1"))

    # -- locks across processes and hosts ----------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, name: str, *, blocking: bool = True) -> Iterator[bool]:
        """Yields True while held; with `blocking=False`, False at once when another process holds it.
        Not re-entrant (callers that nest, like the admin lock, count their own depth)."""
        if self.is_sqlite:
            assert self.path is not None
            fd = os.open(self.path.parent / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
                except BlockingIOError:
                    yield False
                    return
                try:
                    yield True
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
            return
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with self.unreachable_as_error():
            conn = self.engine.connect()
        try:
            with self.unreachable_as_error():
                if blocking:
                    conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                    got = True
                else:
                    got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
                conn.commit()
            if not got:
                yield False
                return
            try:
                yield True
            finally:
                with contextlib.suppress(Exception):
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
        finally:
            conn.close()

    # -- schema ------------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Upgrades the schema to the newest migration (a no-op when it is there), under a lock."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.lock("niyam-migrate"), self.unreachable_as_error(), self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def revision(self) -> str | None:
        """The schema's current migration (None before the first)."""
        with self.unreachable_as_error(), self.engine.connect() as conn:
            return _current(conn)


def _current(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """WAL lets readers go on while one process writes; the busy timeout makes writers wait, not fail. The
    driver's own BEGIN is turned off: `_sqlite_begin` says BEGIN IMMEDIATE instead."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Every transaction takes the write lock at its start (waiting up to the busy timeout), so one that reads
    and then writes cannot fail because another process wrote in between (SQLite's BUSY_SNAPSHOT)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


_guard = threading.Lock()
_databases: dict[str, Database] = {}


def database(data_dir: Path) -> Database:
    """This process's Database for `data_dir` (or NIYAM_DATABASE_URL), migrated on first use; JSON files an
    older Niyam left in `data_dir` are imported once (see `state.importing`)."""
    url = database_url(data_dir)
    with _guard:
        db = _databases.get(url)
        if db is None:
            db = Database(url)
            t0 = time.perf_counter()
            db.migrate()
            log.debug("database %s ready in %.2fs", shown(url), time.perf_counter() - t0)
            _databases[url] = db
    from state.importing import import_once

    import_once(db, Path(data_dir))
    return db


def forget(data_dir: Path) -> None:
    """Drops this process's engine for `data_dir`'s database (tests that remove or replace the file)."""
    with _guard:
        db = _databases.pop(database_url(data_dir), None)
    if db is not None:
        db.engine.dispose()
