"""What the quiz, the weekly digest and the report keep: one small store, never any question text.

- quiz: the ids of the posts a person was shown (to draw unseen ones) and each round's score;
- digest: the channels or groups an admin opted in, when the next question is due, the question waiting for its
  answer;
- counts: numbers kept as the service answers, by day: questions per platform, verdicts, concerns, rulebooks,
  rules cited, feedback, "wrong rule" per rule, quiz questions and right answers per concern.

SQLAlchemy Core tables in an SQLite file in the data dir (`stats.db`, 0600), or any SQLAlchemy URL: the shared
database can take them over by handing `StatsStore` its engine. Times are stored as ISO-8601 UTC strings.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, delete, event, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

metadata = MetaData()

quiz_seen = Table(
    "quiz_seen", metadata,
    Column("user", String(80), primary_key=True),
    Column("item", String(16), primary_key=True),
    Column("at", String(32), nullable=False),
)
quiz_scores = Table(
    "quiz_scores", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(80), nullable=False, index=True),
    Column("at", String(32), nullable=False),
    Column("right", Integer, nullable=False),
    Column("total", Integer, nullable=False),
)
digest_targets = Table(
    "digest_targets", metadata,
    Column("platform", String(16), primary_key=True),
    Column("channel", String(64), primary_key=True),
    Column("set_by", String(80), nullable=False),
    Column("set_at", String(32), nullable=False),
    Column("next_question_at", String(32), nullable=False),
    Column("pending_item", String(16)),  # the question posted and waiting for its answer
    Column("answer_at", String(32)),
    Column("lang", String(4), nullable=False, default="en"),
    Column("rulebook", String(8), nullable=False, default="AIS"),
)
counts = Table(
    "counts", metadata,
    Column("day", String(10), primary_key=True),  # YYYY-MM-DD (UTC)
    Column("kind", String(24), primary_key=True),
    Column("key", String(120), primary_key=True),
    Column("n", Integer, nullable=False),
)

COUNT_KINDS = ("questions", "verdict", "concern", "rulebook", "cited", "feedback", "wrong_rule", "quiz_asked",
               "quiz_right")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True)
class DigestTarget:
    platform: str
    channel: str
    set_by: str
    next_question_at: dt.datetime
    pending_item: str | None
    answer_at: dt.datetime | None
    lang: str = "en"
    rulebook: str = "AIS"


@dataclass(frozen=True)
class CountRow:
    day: dt.date
    kind: str
    key: str
    n: int


class StatsStore:
    """The quiz's, the digest's and the report's tables. Thread-safe (the chat core calls it from worker threads)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()
        metadata.create_all(engine)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> StatsStore:
        path = Path(data_dir) / "stats.db"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)  # private before SQLite writes anything
            os.close(fd)
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _wal(dbapi_conn, _):  # readers (the report) never block the chat's writes
            dbapi_conn.execute("PRAGMA journal_mode=WAL")

        return cls(engine)

    # ------------------------------------------------------------ quiz

    def seen(self, user: str) -> list[str]:
        """The ids of the posts `user` was shown, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(quiz_seen.c.item).where(quiz_seen.c.user == user)
                                .order_by(quiz_seen.c.at, quiz_seen.c.item))
            return [r.item for r in rows]

    def mark_seen(self, user: str, items: Iterable[str], when: dt.datetime | None = None) -> None:
        at = iso(when or utcnow())
        with self._lock, self.engine.begin() as conn:
            for item in items:
                done = conn.execute(update(quiz_seen).where(quiz_seen.c.user == user, quiz_seen.c.item == item)
                                    .values(at=at)).rowcount
                if not done:
                    conn.execute(insert(quiz_seen).values(user=user, item=item, at=at))

    def record_score(self, user: str, right: int, total: int, when: dt.datetime | None = None) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(insert(quiz_scores).values(user=user, at=iso(when or utcnow()), right=right, total=total))

    def scores(self, user: str) -> list[tuple[int, int]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(quiz_scores.c.right, quiz_scores.c.total).where(quiz_scores.c.user == user)
                                .order_by(quiz_scores.c.id))
            return [(r.right, r.total) for r in rows]

    # ------------------------------------------------------------ counts

    def bump(self, pairs: Iterable[tuple[str, str]], when: dt.datetime | None = None) -> None:
        """Adds one to each (kind, key) for the day of `when` (UTC)."""
        day = (when or utcnow()).astimezone(dt.timezone.utc).date().isoformat()
        with self._lock, self.engine.begin() as conn:
            for kind, key in pairs:
                if kind not in COUNT_KINDS:
                    raise ValueError(f"unknown count {kind!r}")
                key = str(key)[:120]
                where = (counts.c.day == day, counts.c.kind == kind, counts.c.key == key)
                if not conn.execute(update(counts).where(*where).values(n=counts.c.n + 1)).rowcount:
                    try:
                        with conn.begin_nested():
                            conn.execute(insert(counts).values(day=day, kind=kind, key=key, n=1))
                    except IntegrityError:  # another process inserted it first
                        conn.execute(update(counts).where(*where).values(n=counts.c.n + 1))

    def counts(self, since: dt.date | None = None) -> list[CountRow]:
        query = select(counts)
        if since is not None:
            query = query.where(counts.c.day >= since.isoformat())
        with self.engine.connect() as conn:
            return [CountRow(dt.date.fromisoformat(r.day), r.kind, r.key, r.n)
                    for r in conn.execute(query.order_by(counts.c.day, counts.c.kind, counts.c.key))]

    # ------------------------------------------------------------ digest

    def set_digest(self, platform: str, channel: str, *, set_by: str, first_at: dt.datetime, lang: str = "en",
                   rulebook: str = "AIS") -> None:
        """Opts a channel in (or moves its schedule): the first question is due at `first_at`."""
        row = dict(set_by=set_by, set_at=iso(utcnow()), next_question_at=iso(first_at), pending_item=None,
                   answer_at=None, lang=lang, rulebook=rulebook)
        with self._lock, self.engine.begin() as conn:
            where = (digest_targets.c.platform == platform, digest_targets.c.channel == channel)
            if not conn.execute(update(digest_targets).where(*where).values(**row)).rowcount:
                conn.execute(insert(digest_targets).values(platform=platform, channel=channel, **row))

    def drop_digest(self, platform: str, channel: str) -> bool:
        with self._lock, self.engine.begin() as conn:
            return bool(conn.execute(delete(digest_targets).where(digest_targets.c.platform == platform,
                                                                  digest_targets.c.channel == channel)).rowcount)

    def digest(self, platform: str, channel: str) -> DigestTarget | None:
        return next((t for t in self.digests(platform) if t.channel == channel), None)

    def digests(self, platform: str) -> list[DigestTarget]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(digest_targets).where(digest_targets.c.platform == platform)
                                .order_by(digest_targets.c.channel))
            return [DigestTarget(r.platform, r.channel, r.set_by, parse_iso(r.next_question_at), r.pending_item,
                                 parse_iso(r.answer_at) if r.answer_at else None, r.lang, r.rulebook) for r in rows]

    def update_digest(self, platform: str, channel: str, *, next_question_at: dt.datetime,
                      pending_item: str | None, answer_at: dt.datetime | None) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(update(digest_targets).where(digest_targets.c.platform == platform,
                                                      digest_targets.c.channel == channel)
                         .values(next_question_at=iso(next_question_at), pending_item=pending_item,
                                 answer_at=iso(answer_at) if answer_at else None))

    def close(self) -> None:
        self.engine.dispose()
