"""What an adapter may ask of Niyam: the whole surface a chat backend sees.

Adapters depend on this protocol, never on retrieval, so a fake can stand in for fast tests and
the real advisor for the end-to-end ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from bot.answer import Answer, RuleView, SourceInfo


class AdminUnavailable(RuntimeError):
    """Indexing from chat is not possible here; the message is safe to show the admin."""


class IndexResult(Protocol):
    document_id: str
    title: str
    refs: list[str]
    summary: str  # one or two lines to show the admin


class Service(Protocol):
    def ask(self, question: str, service: str = "AIS") -> Answer: ...

    def rule(self, ref: str, service: str = "AIS") -> RuleView | None: ...

    def sources(self) -> list[SourceInfo]: ...

    def preview_document(self, path: Path, *, filename: str, applies_to: list[str] | None = None) -> str:
        """What indexing this file would add (id, title, reference, date, sections), to show the admin before
        it goes live; nothing is written. Raises AdminUnavailable or ValueError (bad file)."""
        ...

    def add_document(self, path: Path, *, actor: str, filename: str, applies_to: list[str] | None = None) -> IndexResult:
        """Index an official document an admin sent; raises AdminUnavailable or ValueError (bad file)."""
        ...
