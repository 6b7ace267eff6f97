"""Per-person settings: the rulebook, the State (or CENTRE) and the language of chat replies. Nothing else is kept,
because chats are sensitive. One JSON file under the data dir (0600), keyed `platform:user_id`."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import BadInput
from knowledge.model import Rulebook
from knowledge.states import parse_state

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
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            data = json.loads(self.path.read_text())
            self._data: dict[str, dict] = data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError):
            self._data = {}

    def profile(self, user: str) -> Profile:
        row = self._data.get(user) or {}
        try:
            rulebook = Rulebook(row.get("service", DEFAULT_RULEBOOK))
        except ValueError:
            rulebook = DEFAULT_RULEBOOK
        return Profile(rulebook, row.get("state"), row.get("lang"))

    def rulebook(self, user: str) -> Rulebook:
        return self.profile(user).rulebook

    def set_rulebook(self, user: str, value: object) -> Rulebook:
        """Saves the person's rulebook (stored as `service`, the contract's name); BadInput for an unknown one."""
        rulebook = parse_rulebook(value)
        self._save(user, "service", rulebook.value)
        return rulebook

    def set_state(self, user: str, value: object) -> str:
        """Saves the person's State (a code or CENTRE; a name is read into its code); BadInput for an unknown one."""
        code = parse_state(value)
        self._save(user, "state", code)
        return code

    def set_lang(self, user: str, value: object) -> str:
        """Saves the language of the person's chat replies, `en` or `hi`; BadInput for another."""
        lang = parse_lang(value)
        self._save(user, "lang", lang)
        return lang

    def _save(self, user: str, key: str, value: str) -> None:
        with self._lock:
            self._data.setdefault(user, {})[key] = value
            tmp = self.path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(json.dumps(self._data, indent=1, sort_keys=True))
            os.replace(tmp, self.path)
