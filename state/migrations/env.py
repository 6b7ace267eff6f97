"""Alembic's environment: run by `state.db.Database.migrate` with a connection it opened (never from a
command line that would need an alembic.ini)."""

from alembic import context

from state.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
