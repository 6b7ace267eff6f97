"""The pack's acts file (`acts.yaml`): what each act means in words an officer reads, in English and Hindi,
who to ask, and the context that changes an act's verdict. Validated here, with file:line errors, so a new
act, authority or moderation rule needs no code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.loader import PackError, default_pack_dir
from knowledge.model import SERVICES, Verdict

CONTEXTS = ("official", "private", "association", "sanction")  # what the advisor reads from a question


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str
    hi: str

    def get(self, lang: str) -> str:
        return self.hi if lang == "hi" else self.en


class Act(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str
    hi: str
    advice_hi: str = ""

    def name(self, lang: str) -> str:
        return self.hi if lang == "hi" else self.en


class Moderation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    concerns: list[str] = Field(default_factory=list)  # empty: any concern
    verdicts: list[Verdict] = Field(default_factory=list)  # empty: any verdict
    rulebooks: list[str] = Field(default_factory=list)  # empty: both
    when: str
    verdict: Verdict
    note: str

    def applies(self, concern: str, verdict: Verdict, rulebook: str, contexts: set[str]) -> bool:
        return (self.when in contexts and (not self.concerns or concern in self.concerns)
                and (not self.verdicts or verdict in self.verdicts)
                and (not self.rulebooks or rulebook in self.rulebooks))


class Acts(BaseModel):
    model_config = ConfigDict(extra="forbid")
    acts: dict[str, Act]
    authorities: dict[str, Words]
    moderation: list[Moderation] = Field(default_factory=list)
    notes: dict[str, Words] = Field(default_factory=dict)
    contexts: dict[str, str] = Field(default_factory=dict)  # context -> regular expression over the question
    conduct_words: str = ""  # words that tie a question to conduct (a regular expression)
    disclaimed: str = ""  # act words an asker says the post does not contain, after a negation (a regular expression)
    # act -> words that commit the act on their face ("give him your vote", "use my code for 10% off"), a regular
    # expression over the question as read (Hindi and Hinglish glossed into English)
    signals: dict[str, str] = Field(default_factory=dict)

    def name(self, concern: str, lang: str = "en") -> str:
        act = self.acts.get(concern)
        return act.name(lang) if act else ""

    def authority(self, rulebook: str, lang: str = "en") -> str:
        w = self.authorities.get(rulebook)
        return w.get(lang) if w else ("your cadre authority" if lang != "hi" else "अपने कैडर प्राधिकारी")

    def note(self, key: str, lang: str = "en", **values: str) -> str:
        w = self.notes.get(key)
        return w.get(lang).format(**values) if w else ""

    def moderate(self, concern: str, verdict: Verdict, rulebook: str, contexts: set[str]) -> Moderation | None:
        return next((m for m in self.moderation if m.applies(concern, verdict, rulebook, contexts)), None)


def _line_of(lines: list[str], needle: str) -> int:
    return next((n for n, line in enumerate(lines, start=1) if needle in line), 1)


def load_acts(path: str | Path | None = None) -> Acts:
    path = Path(path) if path else default_pack_dir() / "acts.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    try:
        data = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise PackError(path, 1 + (mark.line if mark else 0), f"invalid YAML: {e.problem or e.context}") from None
    try:
        acts = Acts.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err["loc"]]
        needle = next((x for x in reversed(loc) if not x.isdigit()), loc[0] if loc else "")
        raise PackError(path, _line_of(lines, f"{needle}:"), f"{'.'.join(loc)}: {err['msg']}") from None
    for m in acts.moderation:
        line = _line_of(lines, f"note: {m.note}")
        if m.when not in CONTEXTS:
            raise PackError(path, line, f"moderation: unknown context {m.when!r} (one of {', '.join(CONTEXTS)})")
        if m.note not in acts.notes:
            raise PackError(path, line, f"moderation: note {m.note!r} has no text under `notes`")
        for c in m.concerns:
            if c not in acts.acts:
                raise PackError(path, line, f"moderation: unknown concern {c!r}")
        for r in m.rulebooks:
            if r not in SERVICES:
                raise PackError(path, line, f"moderation: unknown rulebook {r!r}")
    start = _line_of(lines, "signals:")
    for act, pattern in acts.signals.items():
        line = start + _line_of(lines[start:], f"{act}:")  # the act's line under `signals`, not under `acts`
        if act not in acts.acts:
            raise PackError(path, line, f"signals: unknown act {act!r}")
        try:
            re.compile(pattern)
        except re.error as e:
            raise PackError(path, line, f"signals: {act}: not a valid regular expression ({e})") from None
    for key, pattern in list(acts.contexts.items()) + [("conduct_words", acts.conduct_words),
                                                 ("disclaimed", acts.disclaimed)]:
        try:
            re.compile(pattern)
        except re.error as e:
            raise PackError(path, _line_of(lines, f"{key}:"), f"{key}: not a valid regular expression ({e})") from None
    missing = [c for c in CONTEXTS + ("service_conditions",) if c not in acts.contexts]
    if missing:
        raise PackError(path, _line_of(lines, "contexts:"), f"contexts: {', '.join(missing)} missing")
    for r in SERVICES:
        if r not in acts.authorities:
            raise PackError(path, _line_of(lines, "authorities:"), f"authorities: {r} is missing")
    return acts
