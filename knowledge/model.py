"""The document model: what Niyam knows, validated at the seam between pack files and the index.

A document is a rulebook, circular, guideline, case or comparative text, split into ordered,
addressable sections (`AIS 7(i)`). Sections may carry *guidance*: labelled example posts and the
verdict they lead to, which the advisor learns from, so the pack stays the single source of truth.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from enum import Enum, StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SERVICES = ("AIS", "CCS")


class Rulebook(StrEnum):
    """The asker's rulebook: AIS (All India Services (Conduct) Rules, 1968) or CCS (Central Civil Services
    (Conduct) Rules, 1964). Called `service` in the contract's JSON and question files."""

    AIS = "AIS"
    CCS = "CCS"

RULEBOOK_CODES = {"AIS": "ais-conduct-rules-1968", "CCS": "ccs-conduct-rules-1964"}


class Kind(str, Enum):
    rulebook = "rulebook"
    circular = "circular"
    guideline = "guideline"
    case = "case"
    comparative = "comparative"


class Status(str, Enum):
    in_force = "in_force"
    draft = "draft"
    superseded = "superseded"
    uncertain = "uncertain"


class Source(str, Enum):
    digest = "digest"
    official = "official"


class Verdict(str, Enum):
    allowed = "allowed"
    allowed_with_care = "allowed_with_care"
    needs_sanction = "needs_sanction"
    not_allowed = "not_allowed"
    unclear = "unclear"
    out_of_scope = "out_of_scope"


# The verdicts that let the officer post, and those that stop or condition it (one definition for the advisor,
# the classifier and the evaluation).
PERMISSIVE = frozenset({Verdict.allowed, Verdict.allowed_with_care})
RESTRICTIVE = frozenset({Verdict.needs_sanction, Verdict.not_allowed})

# How much a verdict restricts the officer; the advisor follows the most severe concern that fires.
SEVERITY = {
    Verdict.allowed: 0,
    Verdict.allowed_with_care: 1,
    Verdict.needs_sanction: 2,
    Verdict.not_allowed: 3,
}

_REF_RE = re.compile(r"^(?P<code>[A-Za-z][A-Za-z0-9\-]*)\s+(?P<rule>[0-9]+[A-Z]?)(?P<sub>(\([0-9A-Za-z]+\))*)(\s.*)?$")


def rule_key(ref: str) -> str:
    """`AIS 3(1A)(ii)` -> `AIS 3`: the rule-level key the contract scores citations by."""
    m = _REF_RE.match(ref.strip())
    if not m:
        return ref.strip()
    return f"{m.group('code')} {m.group('rule')}"


def split_ref(ref: str) -> tuple[str, str]:
    """`AIS 7(i)` -> (`AIS`, `7`); a ref with no rule number gives (`ref`, ``)."""
    m = _REF_RE.match(ref.strip())
    if not m:
        return ref.strip(), ""
    return m.group("code"), m.group("rule")


class Example(BaseModel):
    """A labelled post: what the advisor compares a question against."""

    model_config = ConfigDict(extra="forbid")
    text: str
    verdict: Verdict


class Guidance(BaseModel):
    """How a rule bears on a post, in a structured place the advisor reads as labelled data."""

    model_config = ConfigDict(extra="forbid")
    concern: str = Field(description="concern id, e.g. criticism_of_policy")
    verdict: Verdict = Field(description="what a post this rule catches leads to")
    conditions: str = ""
    meaning: str = ""
    online: str = ""
    catches: list[str] = Field(default_factory=list)
    does_not_catch: list[Example | str] = Field(default_factory=list)
    compliant: str = ""

    @field_validator("concern")
    @classmethod
    def _concern_id(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", v):
            raise ValueError(f"concern must be a snake_case id, got {v!r}")
        return v

    def negatives(self) -> list[Example]:
        """Posts the rule does not catch; unlabelled ones are plainly allowed."""
        return [e if isinstance(e, Example) else Example(text=e, verdict=Verdict.allowed) for e in self.does_not_catch]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ref: str
    title: str
    text: str
    notes: str = ""
    status: Status | None = None  # None: inherits the document's
    verified: bool | None = None  # None: inherits the document's
    guidance: list[Guidance] = Field(default_factory=list)  # one block, or several for several concerns
    line: int = 0  # where the section starts in its pack file, for error messages

    @field_validator("guidance", mode="before")
    @classmethod
    def _one_or_many(cls, v):
        if v is None:
            return []
        return [v] if isinstance(v, dict) else v

    @property
    def rule_key(self) -> str:
        return rule_key(self.ref)

    def content_hash(self, doc: "Document") -> str:
        """Changes whenever anything that is embedded or shown for this section changes."""
        h = hashlib.sha256()
        for part in (doc.id, doc.title, doc.status.value, doc.source.value, doc.url, self.ref, self.title,
                     self.text, self.notes, str(self.effective_status(doc).value), str(self.effective_verified(doc))):
            h.update(part.encode())
            h.update(b"\x00")
        return h.hexdigest()[:32]

    def effective_status(self, doc: "Document") -> Status:
        return self.status or doc.status

    def effective_verified(self, doc: "Document") -> bool:
        return doc.verified if self.verified is None else self.verified


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    kind: Kind
    issuer: str
    applies_to: list[str]
    code: str = ""  # ref prefix: AIS, CCS, or the document id
    reference: str = "unknown"
    date: dt.date | None = None
    status: Status = Status.in_force
    supersedes: list[str] = Field(default_factory=list)
    url: str = ""
    source: Source = Source.digest
    verified: bool = True
    notes: str = ""
    sections: list[Section] = Field(default_factory=list)
    path: str = ""  # the file it came from

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", v):
            raise ValueError(f"id must be lowercase letters, digits and hyphens, got {v!r}")
        return v

    @field_validator("applies_to")
    @classmethod
    def _applies(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("applies_to must name at least one service or State")
        # A State named in words ("Kerala") is kept as its code ("KL"), the contract's form, which askers' States
        # are compared with; anything else (a rulebook, a foreign code) is kept as written.
        from knowledge.states import state_code

        return list(dict.fromkeys(a if a in SERVICES else (state_code(a) or a) for a in v))

    @field_validator("supersedes", mode="before")
    @classmethod
    def _supersedes(cls, v):
        if v is None:
            return []
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _refs(self) -> "Document":
        if not self.code:
            self.code = self.id
        seen: dict[str, int] = {}
        for s in self.sections:
            if not (s.ref == self.code or s.ref.startswith(self.code + " ")):
                raise ValueError(f"line {s.line}: section ref {s.ref!r} must start with the document code {self.code!r}")
            if s.ref in seen:
                raise ValueError(f"line {s.line}: duplicate ref {s.ref!r} (first at line {seen[s.ref]})")
            seen[s.ref] = s.line
        return self

    @property
    def rulebook(self) -> str:
        """The rulebook code a citation's `rulebook` field carries."""
        return self.code if self.code in SERVICES else self.id

    def applies(self, service: str) -> bool:
        return service in self.applies_to
