"""Shared state: everything several Niyam processes on several hosts must agree on (the active-index pointer and
its versions, the admin audit log, user settings, feedback, de-duplicated deliveries, rate limits), kept in one
database through SQLAlchemy. See `state.db`."""
