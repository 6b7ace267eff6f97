"""Added documents and the journal of admin changes under way, so every host builds from the same documents.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("filename", sa.String(300)),
        sa.Column("checksum", sa.String(64)),
        sa.Column("original", sa.LargeBinary),
        sa.Column("actor", sa.String(200)),
        sa.Column("tx", sa.String(60)),
        sa.Column("added_at", sa.Float, nullable=False),
    )
    op.create_table(
        "document_changes",
        sa.Column("tx", sa.String(60), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("original", sa.LargeBinary),
        sa.Column("created_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_changes")
    op.drop_table("documents")
