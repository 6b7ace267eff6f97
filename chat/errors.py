"""What a person is told when something fails, and what the log keeps.

A `knowledge.errors.NiyamError` carries a message safe to show. Anything else is an internal error: the log
gets a short reference code, where it happened and the exception's type (and, for Slack's API errors, Slack's
error code), never its text, which may quote a draft, a document or a path; the person gets the code.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from pathlib import Path

from chat import texts
from chat.say import Say
from knowledge.errors import BackendUnavailable, NiyamError


def log_internal(log: logging.Logger, where: str, exc: BaseException) -> str:
    """Logs an internal error without its text; the reference code to quote to the person."""
    ref = secrets.token_hex(4)
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    at = " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames)) or "?"
    code = ""
    response = getattr(exc, "response", None)  # slack_sdk's SlackApiError: the API's error code is safe
    error = response.get("error") if response is not None and hasattr(response, "get") else None
    if isinstance(error, str):
        code = f" ({error[:60]})"
    log.error("internal error %s in %s: %s%s at %s", ref, where, type(exc).__name__, code, at)
    return ref


def reply_for(log: logging.Logger, where: str, exc: BaseException) -> Say:
    """The reply for a failure: a NiyamError's own message, otherwise an apology with a reference code."""
    if isinstance(exc, BackendUnavailable):  # where the server is, is for the operator's log, not the chat
        log.warning("%s: %s", where, exc.user_message)
        return Say(texts.BACKEND_UNAVAILABLE)
    if isinstance(exc, NiyamError):
        return Say(exc.user_message)
    return Say(texts.APOLOGY_WITH_REF, {"ref": log_internal(log, where, exc)})
