"""What an adapter may ask of Niyam: the whole surface a chat backend sees.

Adapters depend on this protocol, never on retrieval, so a fake can stand in for fast tests and
the real advisor for the end-to-end ones (tests/adapters/test_fake_service.py checks the fake against it).
Errors a user or an admin can cause are `knowledge.errors.NiyamError`s; their `user_message` is safe to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from bot.admin import IndexResult  # the one definition (a dataclass)
from bot.answer import Answer, RuleView, SourceInfo
from knowledge.errors import AdminUnavailable
from knowledge.model import Rulebook

__all__ = ["AdminUnavailable", "IndexResult", "Service"]


class Service(Protocol):
    def ask(self, question: str, service: Rulebook | str = Rulebook.AIS, *, state: str | None = None,
            lang: str | None = None) -> Answer:
        """`service`: the asker's rulebook; `state`: their State code or CENTRE (None: not known); `lang`: the
        language of the answer's own words (None: the question's)."""
        ...

    def rule(self, ref: str, service: Rulebook | str = Rulebook.AIS) -> RuleView | None: ...

    def sources(self) -> list[SourceInfo]: ...

    def preview_document(self, path: Path, *, filename: str, applies_to: list[str] | None = None) -> str:
        """What indexing this file would add (id, title, reference, date, sections), to show the admin before
        it goes live; nothing is written. Raises AdminUnavailable or BadDocument."""
        ...

    def add_document(self, path: Path, *, actor: str, filename: str,
                     applies_to: list[str] | None = None) -> IndexResult:
        """Index an official document an admin sent; raises AdminUnavailable or BadDocument."""
        ...
