"""Per-person settings: the rulebook, the State (or CENTRE) and the language of chat replies. Nothing else is kept,
because chats are sensitive. A row per person in the shared database (`state.db`), keyed `platform:user_id`."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from knowledge.errors import BadInput
from knowledge.model import Rulebook
from knowledge.states import parse_state
from state.db import Database
from state.schema import ProfileRow

DEFAULT_RULEBOOK = Rulebook.AIS


@dataclass(frozen=True)
class Profile:
    rulebook: Rulebook = DEFAULT_RULEBOOK
    state: str | None = None  # the asker's State code or CENTRE; None: not known
    lang: str | None = None  # the language of chat replies, `en` or `hi` (None: not chosen, English); `hi` also
    # puts answers in Hindi, which otherwise follow the question's language


def parse_lang(value: object) -> str:
    text = str(value).strip().lower()
    lang = {"en": "en", "english": "en", "hi": "hi", "hindi": "hi", "हिन्दी": "hi", "हिंदी": "hi"}.get(text)
    if lang is None:
        raise BadInput(f"unknown language {str(value)[:20]!r}; choose en (English) or hi (हिन्दी)")
    return lang


def parse_rulebook(value: object) -> Rulebook:
    try:
        return Rulebook(str(value).strip().upper())
    except ValueError:
        raise BadInput(f"unknown rulebook {str(value)[:20]!r}; choose {' or '.join(Rulebook)}") from None


class UserSettings:
    """Profiles in the shared database (`state.db`), so a choice made through one replica or host holds on every
    other. Each call is one short transaction; nothing is cached, so another process's change is seen at once."""

    def __init__(self, db: Database):
        self.db = db

    def profile(self, user: str) -> Profile:
        with self.db.session() as s:
            row = s.get(ProfileRow, user)
            service, state, lang = (row.service, row.state, row.lang) if row else (None, None, None)
        try:
            rulebook = Rulebook(service or DEFAULT_RULEBOOK)
        except ValueError:
            rulebook = DEFAULT_RULEBOOK
        return Profile(rulebook, state, lang)

    def rulebook(self, user: str) -> Rulebook:
        return self.profile(user).rulebook

    def set_rulebook(self, user: str, value: object) -> Rulebook:
        """Saves the person's rulebook (stored as `service`, the contract's name); BadInput for an unknown one."""
        rulebook = parse_rulebook(value)
        self.update(user, service=rulebook.value)
        return rulebook

    def set_state(self, user: str, value: object) -> str:
        """Saves the person's State (a code or CENTRE; a name is read into its code); BadInput for an unknown one."""
        code = parse_state(value)
        self.update(user, state=code)
        return code

    def set_lang(self, user: str, value: object) -> str:
        """Saves the language of the person's chat replies, `en` or `hi`; BadInput for another."""
        lang = parse_lang(value)
        self.update(user, lang=lang)
        return lang
    def update(self, user: str, **fields: str | None) -> None:
        """Sets some of `service`, `state`, `lang` for one person, creating the profile if needed."""
        unknown = set(fields) - {"service", "state", "lang"}
        if unknown:
            raise ValueError(f"unknown profile fields {sorted(unknown)}")
        for attempt in range(2):  # another replica may create the same profile at the same moment
            try:
                with self.db.session() as s:
                    row = s.get(ProfileRow, user)
                    if row is None:
                        row = ProfileRow(user=user, service=None, state=None, lang=None, updated_at=time.time())
                        s.add(row)
                    for k, v in fields.items():
                        setattr(row, k, v)
                    row.updated_at = time.time()
                return
            except IntegrityError:
                if attempt:
                    raise
