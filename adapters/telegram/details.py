"""An answer's buttons in Telegram beyond feedback: "Why? / Rules" (the reasons, excerpts, caveats and sources)
and "Check without it" (the draft without its deciding sentences, checked again, to copy); a mixin of
`NiyamTelegram` (adapters/telegram/handlers.py).

The buttons carry only the chat core's opaque token (`why:TOKEN`, `wo:TOKEN`), never the draft; the answer waits
in memory (chat/details.py) and, once it is gone, a tap says so.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.common import feedback_keyboard, plain, tap_reply
from bot.answer import Answer
from chat import texts
from chat.core import ChatCore

DETAILS_DATA = "why"
WITHOUT_DATA = "wo"
PATTERN = rf"^(?:{DETAILS_DATA}|{WITHOUT_DATA}):"


def answer_keyboard(answer: Answer, details: str, feedback: str) -> InlineKeyboardMarkup:
    """Under an answer's first message: "Why? / Rules" (and "Check without it" for a draft checked again without
    its flagged sentences) on one row, the feedback buttons on the next."""
    first = [InlineKeyboardButton(texts.DETAILS_BUTTON, callback_data=f"{DETAILS_DATA}:{details}")]
    if answer.without_flagged:
        first.append(InlineKeyboardButton(texts.WITHOUT_BUTTON, callback_data=f"{WITHOUT_DATA}:{details}"))
    return InlineKeyboardMarkup([first, *feedback_keyboard(feedback).inline_keyboard])


class AnswerButtons:
    core: ChatCore

    async def details_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Replies under the answer with its details, or with the draft checked again without its flagged
        sentences; an answer no longer kept gets an alert saying so."""
        query = update.callback_query
        assert query is not None
        kind, _, token = (query.data or "").partition(":")
        answer = self.core.details.get(token)
        if answer is None or (kind == WITHOUT_DATA and not answer.without_flagged):
            await query.answer(plain(self.core.details.expired()), show_alert=True)
            return
        await query.answer()
        sections = render.without_sections(answer) if kind == WITHOUT_DATA else render.answer_sections(answer)
        for text in render.pack(sections):
            await tap_reply(query, context, text)
