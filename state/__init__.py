"""Shared state: everything several Niyam processes on several hosts must agree on (the active-index pointer and
its versions, the added documents and the journal of a change under way, the admin audit log, user settings, feedback, de-duplicated deliveries, rate limits), kept in one
database through SQLAlchemy. See `state.db`."""
