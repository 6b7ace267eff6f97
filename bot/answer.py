"""The Answer: what the advisor returns and every adapter renders (the contract's JSON shape)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from knowledge.model import Verdict

# One label and marker per verdict, shared by every renderer so that Telegram, Slack and the
# terminal say the same thing.
VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.allowed: "Allowed",
    Verdict.allowed_with_care: "Allowed with care",
    Verdict.needs_sanction: "Needs prior sanction",
    Verdict.not_allowed: "Not allowed",
    Verdict.unclear: "Unclear: ask your cadre authority",
    Verdict.out_of_scope: "Outside the conduct rules",
}
# The same labels in Hindi, for an answer whose own words are in Hindi (a question written in Devanagari).
VERDICT_LABELS_HI: dict[Verdict, str] = {
    Verdict.allowed: "अनुमति है",
    Verdict.allowed_with_care: "सावधानी के साथ अनुमति है",
    Verdict.needs_sanction: "पहले सरकार की अनुमति ज़रूरी",
    Verdict.not_allowed: "अनुमति नहीं है",
    Verdict.unclear: "अस्पष्ट: अपने कैडर प्राधिकारी से पूछें",
    Verdict.out_of_scope: "आचरण नियमों के दायरे से बाहर",
}


def verdict_label(verdict: Verdict, language: str = "en") -> str:
    return (VERDICT_LABELS_HI if language == "hi" else VERDICT_LABELS)[verdict]


VERDICT_MARKERS: dict[Verdict, str] = {
    Verdict.allowed: "✅",
    Verdict.allowed_with_care: "🟡",
    Verdict.needs_sanction: "📝",
    Verdict.not_allowed: "⛔",
    Verdict.unclear: "❔",
    Verdict.out_of_scope: "ℹ️",
}


class Citation(BaseModel):
    ref: str
    rulebook: str
    rule: str
    title: str
    document: str
    excerpt: str
    source: str = "digest"
    status: str = "in_force"
    url: str = ""
    # How an officer reads `ref`: the rulebook ref (`AIS 7(i)`), or a document's title and reference number with
    # its paragraph, never its id; for the renderers only (not in the contract's JSON, where `ref` is the key).
    label: str = Field(default="", exclude=True)

    @property
    def shown_ref(self) -> str:
        return self.label or self.ref

    @property
    def rule_key(self) -> str:
        return f"{self.rulebook} {self.rule}" if self.rule else self.ref


class Answer(BaseModel):
    verdict: Verdict
    summary: str
    service: str
    citations: list[Citation] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    language: str = "en"  # the language of summary, reasons and suggestions: en or hi
    flagged: list[str] = Field(default_factory=list)  # a draft's sentences that decide a restrictive verdict, verbatim
    without_flagged: dict | None = None  # {"verdict", "text"}: the draft without the flagged sentences, checked again
    checked_text: str | None = None  # what was checked, when it is not the question as sent (a follow-up)
    # what the chat took as the draft, in words ("your draft without its last sentence"); chat only, not in the JSON
    checked_note: str | None = Field(default=None, exclude=True)

    @property
    def label(self) -> str:
        return verdict_label(self.verdict, self.language)

    @property
    def marker(self) -> str:
        return VERDICT_MARKERS[self.verdict]

    def to_json(self) -> dict:
        """The contract's JSON: optional fields appear only when they say something."""
        return self.model_dump(mode="json", exclude_none=True)


class RuleView(BaseModel):
    """A rule as `/rule REF` shows it: the digest and, where indexed, the official text."""

    ref: str
    title: str
    document: str
    document_title: str
    text: str
    status: str
    source: str
    url: str = ""
    official_text: str | None = None


class SourceInfo(BaseModel):
    """An indexed document as `/sources` and `niyam index list` show it."""

    id: str
    title: str
    kind: str
    status: str
    date: str | None
    url: str
    source: str
    refs: list[str]
