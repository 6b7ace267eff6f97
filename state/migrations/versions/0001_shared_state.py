"""The shared state: profiles, feedback, seen events, rate hits, audit, index pointer and versions, meta.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("user", sa.String(200), primary_key=True),
        sa.Column("service", sa.String(16)),
        sa.Column("state", sa.String(16)),
        sa.Column("lang", sa.String(8)),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("feedback", sa.String(20), nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("refs", sa.JSON, nullable=False),
    )
    op.create_table(
        "seen_events",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("at", sa.Float, nullable=False, index=True),
    )
    op.create_table(
        "rate_hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user", sa.String(200), nullable=False, index=True),
        sa.Column("at", sa.Float, nullable=False, index=True),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
    )
    op.create_table(
        "index_pointer",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "index_versions",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("sections", sa.String(100), nullable=False),
        sa.Column("examples", sa.String(100), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("retired_at", sa.Float),
        sa.Column("last_read_at", sa.Float),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("meta", "index_versions", "index_pointer", "audit", "rate_hits", "seen_events", "feedback",
                 "profiles"):
        op.drop_table(name)
