"""A fake Service for fast adapter tests; the slow end-to-end tests use the real `niyam` fixture."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.admin import IndexResult
from bot.answer import Answer, Citation, RuleView, SourceInfo
from bot.protocol import Service
from knowledge.errors import AdminUnavailable
from knowledge.model import Rulebook, Verdict


@dataclass
class FakeService:
    """Answers by keyword so adapter tests can steer the verdict; records what it was asked."""

    asked: list[tuple[str, str]] = field(default_factory=list)
    admin_enabled: bool = False
    added: list[tuple[str, str]] = field(default_factory=list)
    long_answer: bool = False

    def ask(self, question: str, service: Rulebook | str = Rulebook.AIS, *, state: str | None = None,
            lang: str | None = None) -> Answer:
        service = str(service)
        self.asked.append((question, service))
        if "boom" in question:
            raise RuntimeError("advisor failed")
        code = "CCS" if service == "CCS" else "AIS"
        rule = "9" if code == "CCS" else "7"
        cit = Citation(ref=f"{code} {rule}(i)", rulebook=code, rule=rule, title="Criticism of Government",
                       document=f"{code.lower()}-conduct-rules", excerpt="adverse criticism of any current or recent policy <b>",
                       url="https://example.invalid/rules")
        reasons = ["Criticising a current policy in public is barred."]
        if self.long_answer:
            reasons = [f"Reason {i}: " + "a long explanation with <tags> & ampersands " * 8 for i in range(40)]
        return Answer(verdict=Verdict.not_allowed, summary="You may not post criticism of a current policy.",
                      service=service, citations=[cit], reasons=reasons,
                      suggestions=["Raise it through official channels."], caveats=["The exact text is being verified."])

    def rule(self, ref: str, service: Rulebook | str = Rulebook.AIS) -> RuleView | None:
        if ref.upper().startswith("AIS 7"):
            return RuleView(ref="AIS 7", title="Criticism of Government", document="ais-conduct-rules-1968",
                            document_title="All India Services (Conduct) Rules, 1968", text="No adverse criticism.",
                            status="in_force", source="digest", url="https://example.invalid/ais")
        return None

    def sources(self) -> list[SourceInfo]:
        return [SourceInfo(id="ais-conduct-rules-1968", title="All India Services (Conduct) Rules, 1968", kind="rulebook",
                           status="in_force", date="1969-01-04", url="https://example.invalid/ais", source="digest",
                           refs=["AIS 7"])]

    def preview_document(self, path: Path, *, filename: str, applies_to: list[str] | None = None) -> str:
        if not self.admin_enabled:
            raise AdminUnavailable("Indexing from chat is not available yet.")
        return f"new-circular: {filename}\nsections: new-circular para 1"

    def add_document(self, path: Path, *, actor: str, filename: str,
                     applies_to: list[str] | None = None) -> IndexResult:
        if not self.admin_enabled:
            raise AdminUnavailable("Indexing from chat is not available yet.")
        self.added.append((actor, filename))
        return IndexResult(document_id="new-circular", title=filename, refs=["new-circular para 1"],
                               summary=f"Indexed {filename}: 1 section.")


def _checked(service: Service) -> Service:  # mypy (make lint) checks FakeService against the protocol here
    return service


_checked(FakeService())


@pytest.fixture
def fake_service():
    return FakeService()
