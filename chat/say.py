"""A reply as the chat core decides it: a text from `chat.texts` and the values for its placeholders.

Adapters render it in their platform's markup (`render(say, escape)`); placeholders are escaped, the text is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

from chat import texts

_BOLD = re.compile(r"\*([^*\n]+)\*")
_CODE = re.compile(r"`([^`\n]+)`")


# The language the person being answered reads: set by the adapter when an update arrives (`speak`), read when a
# reply is rendered, so every reply (help, refusals, errors) is said in it without each call site passing it on.
# A context variable: each update is handled in its own task, which has its own value.
SPEAKING: ContextVar[str] = ContextVar("niyam_speaking", default="en")


def speak(lang: str | None) -> None:
    """Sets the language replies are rendered in for the rest of this update (None: English)."""
    SPEAKING.set(lang if lang in ("en", "hi") else "en")


def spoken(text: str) -> str:
    """One of `chat.texts`' constants in the language `speak` set, for what an adapter shows outside a `Say`
    (a button's label, a popup, a reason it formats itself)."""
    return texts.localize(text, SPEAKING.get())


@dataclass(frozen=True)
class Say:
    text: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.text)

    def render(self, escape: Callable[[str], str], *, bold: tuple[str, str] = ("*", "*"),
               code: tuple[str, str] = ("`", "`"), blocks: Mapping[str, Callable[[str], str]] | None = None) -> str:
        """The text with `*bold*` and `` `code` `` turned into the platform's markup, and the placeholders
        filled with escaped values (numbers keep their format specs, e.g. `{n:,}`); `blocks` renders the
        named placeholders itself (a preview as preformatted text). The text is said in the language `speak` set."""
        lang = SPEAKING.get()
        template = escape(texts.localize(self.text, lang))
        template = _CODE.sub(lambda m: code[0] + m.group(1) + code[1], template)
        template = _BOLD.sub(lambda m: bold[0] + m.group(1) + bold[1], template)
        # a value that is itself one of the texts (how to send a file again) is said in the same language
        values = {k: v if isinstance(v, (int, float)) else escape(texts.localize(str(v), lang))
                  for k, v in self.params.items()}
        for k, fn in (blocks or {}).items():
            if k in self.params:
                values[k] = fn(str(self.params[k]))
        return template.format(**values)


QUIET = Say("")  # a refusal said once already: nothing to send
