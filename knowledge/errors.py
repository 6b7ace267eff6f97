"""One error hierarchy for everything a user or an admin can cause, each with a message safe to show them.

Adapters and the CLI show `user_message` of a `NiyamError` and nothing else: any other exception is an internal
error, logged with a reference code and its type, never its text (which may carry a draft or a path). The
classes also derive from the built-in type callers used to catch (ValueError, LookupError), so older
`except ValueError` sites keep working while they move to `NiyamError`.
"""

from __future__ import annotations


class NiyamError(Exception):
    """An error with a safe, one-line message for the person who caused it."""

    exit_code = 2

    def __init__(self, user_message: str):
        super().__init__(user_message)
        self.user_message = user_message


class BadInput(NiyamError, ValueError):
    """A question, option, id or file the user gave that Niyam cannot take."""


class BadDocument(BadInput):
    """A file an admin tried to index that cannot be read or is not acceptable (the reason says why)."""


class AdminUnavailable(NiyamError, RuntimeError):
    """Indexing from chat is not possible here."""


class IndexMissing(NiyamError, LookupError):
    """No index has been built yet."""


class IndexDamaged(NiyamError):
    """The index's state is damaged; the message says how to recover."""


class BackendUnavailable(NiyamError):
    """The Chroma server or the database cannot be reached."""
