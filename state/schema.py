"""The shared state's tables (SQLAlchemy 2 declarative). A change here needs a migration in
`state/migrations/versions/` (Alembic); the database is upgraded to the newest one on first use."""

from __future__ import annotations

from sqlalchemy import JSON, Float, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ProfileRow(Base):
    """A person's settings, keyed `platform:user id`; nothing else about them is kept."""

    __tablename__ = "profiles"
    user: Mapped[str] = mapped_column(String(200), primary_key=True)
    service: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str | None] = mapped_column(String(16))
    lang: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[float] = mapped_column(Float)


class FeedbackRow(Base):
    """One tap on a feedback button: the verdict and refs only, never the question."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str] = mapped_column(String(20))
    feedback: Mapped[str] = mapped_column(String(20))
    verdict: Mapped[str] = mapped_column(String(40))
    refs: Mapped[list] = mapped_column(JSON)


class SeenEventRow(Base):
    """A delivery already handled (a Slack event id, a Telegram update id), so a retry landing on any replica is
    answered once."""

    __tablename__ = "seen_events"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    at: Mapped[float] = mapped_column(Float, index=True)


class RateHitRow(Base):
    """One question a person asked, kept for the rate limit's window, so the limit holds across replicas."""

    __tablename__ = "rate_hits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)


class AuditRow(Base):
    """One admin action (who, when, what, checksum, outcome), as the row the library writes."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    body: Mapped[dict] = mapped_column(JSON)


class PointerRow(Base):
    """The active-index pointer: one row (id 1). `seq` grows with every publish, so a reader polls one integer."""

    __tablename__ = "index_pointer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # the Pointer as JSON bytes (damage is detected on read)
    updated_at: Mapped[float] = mapped_column(Float)


class VersionRow(Base):
    """An index version: allocated here (unique across every process on this database), so collection names
    never collide; `state` is building, active, retired or failed; a retired version's collections are dropped
    once neither its retirement nor its last reader is within the grace period."""

    __tablename__ = "index_versions"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sections: Mapped[str] = mapped_column(String(100))
    examples: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[float] = mapped_column(Float)
    retired_at: Mapped[float | None] = mapped_column(Float)
    last_read_at: Mapped[float | None] = mapped_column(Float)


class MetaRow(Base):
    """Small facts about the database itself (which data dirs' JSON files were imported)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocumentRow(Base):
    """An official document an admin added, as every host's build reads it: the validated document as JSON text
    (a damaged copy is detected on read, by id), and the file it was read from (name, checksum and bytes, kept so
    the audit trail can show exactly what went live)."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(String(300))
    checksum: Mapped[str | None] = mapped_column(String(64))
    original: Mapped[bytes | None] = mapped_column(LargeBinary)
    actor: Mapped[str | None] = mapped_column(String(200))
    tx: Mapped[str | None] = mapped_column(String(60))
    added_at: Mapped[float] = mapped_column(Float)


class DocumentChangeRow(Base):
    """A journalled admin change not yet published (see knowledge.library): `body` is the journal as JSON text
    (operation, id, the document for an add, who and which file), `original` the file's bytes for an add."""

    __tablename__ = "document_changes"
    tx: Mapped[str] = mapped_column(String(60), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    original: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[float] = mapped_column(Float)
