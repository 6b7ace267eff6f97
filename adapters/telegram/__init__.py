"""Niyam in Telegram: officers paste a draft post and get a verdict with cited rules.

`build_application(service, token=...)` gives a python-telegram-bot Application; `serve(service)` runs it
from the environment (see README.md in this folder).
"""

from adapters.telegram.app import build_application, serve

__all__ = ["build_application", "serve"]
