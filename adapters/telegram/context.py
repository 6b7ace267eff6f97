"""Who is asking and the conversation they are in, in Telegram: the onboarding (/start: rulebook, State,
language), /service and /language, the language replies are said in, follow-ups (a reply to Niyam's answer)
and edits (an edited draft gets its answer edited in place). A mixin of `NiyamTelegram` (handlers.py); the chat
core decides (chat/core.py, chat/followup.py), this module speaks PTB.

Callback data: `ob:r|s|l:VALUE` for the onboarding's three steps, `svc:CODE` then `st:CODE` for /service,
`lang:CODE` for /language.
"""

from __future__ import annotations

import contextlib
import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.common import html_of, plain, reply, rulebook_keyboard, typing
from adapters.telegram.details import answer_keyboard
from bot.answer import Answer
from chat import texts
from chat.conversations import Checked
from chat.core import ChatCore, Turn
from chat.say import Say, speak
from knowledge.errors import BadInput
from knowledge.model import Rulebook
from knowledge.states import CENTRE, codes, state_name

log = logging.getLogger("niyam.telegram")

STATES_PER_ROW = 3


def _sender(msg: Message) -> int:
    return msg.from_user.id if msg.from_user else msg.chat_id


def state_keyboard(prefix: str, lang: str, current: str | None) -> InlineKeyboardMarkup:
    """The Centre, then every State and Union Territory by name, three a row; the current one ticked."""
    def button(code: str) -> InlineKeyboardButton:
        label = texts.localize(texts.CENTRE_BUTTON, lang) if code == CENTRE else state_name(code, lang)
        return InlineKeyboardButton(("✓ " if code == current else "") + label, callback_data=f"{prefix}{code}")
    rows = [[button(CENTRE)]]
    states = codes()
    rows += [[button(c) for c in states[i:i + STATES_PER_ROW]] for i in range(0, len(states), STATES_PER_ROW)]
    return InlineKeyboardMarkup(rows)


def language_keyboard(prefix: str, current: str | None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(("✓ " if code == current else "") + name,
                                                       callback_data=f"{prefix}{code}")
                                  for code, name in texts.LANGUAGE_NAMES.items()]])


def onboarding_rulebook_keyboard(current: Rulebook) -> InlineKeyboardMarkup:
    rows = rulebook_keyboard(current).inline_keyboard
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, callback_data="ob:r:" + str(b.callback_data)[4:])
                                  for b in row] for row in rows])


def _state_prompt(rulebook: Rulebook) -> str:
    return texts.STATE_CHOOSE_AIS if rulebook == Rulebook.AIS else texts.STATE_CHOOSE_OTHER


class Context:
    core: ChatCore

    # ------------------------------------------------------------ the language replies are said in

    async def set_language_of_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Handler group -2: every reply to this update is said in the person's language (their choice; else
        Hindi when their Telegram app is in Hindi; else English)."""
        user = getattr(update, "effective_user", None)
        if user is None:
            speak(None)
            return
        chosen = self.core.profile(user.id).lang
        speak(chosen or ("hi" if (user.language_code or "").startswith("hi") else "en"))

    def _lang(self, user_id: int) -> str:
        return self.core.profile(user_id).lang or "en"

    # ------------------------------------------------------------ onboarding, /service, /language

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """What Niyam does, then the first of three questions (rulebook, State, language), asked with buttons."""
        msg = update.effective_message
        assert msg is not None
        await reply(msg, html_of(texts.TELEGRAM_START), onboarding_rulebook_keyboard(self.core.profile(_sender(msg)).rulebook))

    async def choose_rulebook(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/service` (buttons), `/service CCS` or `/service AIS KL`: the rulebook, then the State."""
        msg = update.effective_message
        assert msg is not None
        user = _sender(msg)
        args = context.args or []
        if not args:
            current = self.core.profile(user).rulebook
            await reply(msg, Say(texts.SERVICE_CHOOSE, {"code": current, "name": texts.RULEBOOK_NAMES[current]}),
                        rulebook_keyboard(current))
            return
        try:
            code = await self.core.set_rulebook(user, args[0])
        except BadInput:
            await reply(msg, Say(texts.SERVICE_UNKNOWN, {"example": "/service CCS"}),
                        rulebook_keyboard(self.core.profile(user).rulebook))
            return
        said = html_of(Say(texts.SERVICE_SET, {"code": code, "name": texts.RULEBOOK_NAMES[code], "command": "/service"}))
        if len(args) > 1:
            try:
                await self.core.set_state(user, " ".join(args[1:]))
            except BadInput:
                await reply(msg, said + "\n" + html_of(Say(texts.STATE_UNKNOWN, {"example": "/service AIS KL"})),
                            state_keyboard("st:", self._lang(user), self.core.profile(user).state))
                return
            await reply(msg, said + "\n" + html_of(self.core.describe(user)))
            return
        await reply(msg, said + "\n\n" + html_of(_state_prompt(code)),
                    state_keyboard("st:", self._lang(user), self.core.profile(user).state))

    async def choose_language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/language` (buttons) or `/language hi`."""
        msg = update.effective_message
        assert msg is not None
        user = _sender(msg)
        if context.args:
            try:
                lang = await self.core.set_lang(user, context.args[0])
            except BadInput:
                await reply(msg, Say(texts.LANGUAGE_UNKNOWN, {"example": "/language hi"}),
                            language_keyboard("lang:", self.core.profile(user).lang))
                return
            speak(lang)
            await reply(msg, Say(texts.LANGUAGE_SET, {"language": texts.LANGUAGE_NAMES[lang]}))
            return
        await reply(msg, html_of(texts.LANGUAGE_CHOOSE), language_keyboard("lang:", self.core.profile(user).lang))

    async def context_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button of the onboarding, /service or /language: saves the choice and asks the next question
        (editing the message the buttons were under)."""
        query = update.callback_query
        assert query is not None
        user = query.from_user.id
        data = query.data or ""
        try:
            if data.startswith("ob:r:") or data.startswith("svc:"):
                onboarding = data.startswith("ob:")
                code = await self.core.set_rulebook(user, data.rsplit(":", 1)[1])
                await query.answer(plain(Say(texts.SERVICE_TAPPED, {"code": code})))
                chosen = Say(texts.SERVICE_SET, {"code": code, "name": texts.RULEBOOK_NAMES[code], "command": "/service"})
                await self._edit(query, html_of(chosen) + "\n\n" + html_of(_state_prompt(code)),
                                 state_keyboard("ob:s:" if onboarding else "st:", self._lang(user),
                                                self.core.profile(user).state))
            elif data.startswith("ob:s:") or data.startswith("st:"):
                state = await self.core.set_state(user, data.rsplit(":", 1)[1])
                await query.answer()
                said = html_of(Say(texts.STATE_SET, {"state": state_name(state, self._lang(user))}))
                if data.startswith("ob:"):
                    await self._edit(query, said + "\n\n" + html_of(texts.LANGUAGE_CHOOSE),
                                     language_keyboard("ob:l:", self.core.profile(user).lang))
                else:
                    await self._edit(query, said + "\n" + html_of(self.core.describe(user)), None)
            elif data.startswith("ob:l:") or data.startswith("lang:"):
                lang = await self.core.set_lang(user, data.rsplit(":", 1)[1])
                speak(lang)
                await query.answer()
                await self._edit(query, html_of(Say(texts.ONBOARDING_DONE, {
                    "profile": plain(self.core.describe(user)), "command": "/service, /language"})), None)
            else:
                await query.answer()
        except BadInput:
            await query.answer()

    @staticmethod
    async def _edit(query, text: str, markup: InlineKeyboardMarkup | None) -> None:
        try:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        except TelegramError as exc:
            log.debug("could not edit the settings message: %s", type(exc).__name__)

    # ------------------------------------------------------------ conversations: follow-ups and edits

    @staticmethod
    def conversation_keys(msg: Message, bot_id: int) -> tuple[list[str], bool]:
        """Where a message may follow a draft from, most specific first, and whether it replies to Niyam: the
        answer it replies to; in a private chat, also the chat's last draft."""
        keys: list[str] = []
        replied = msg.reply_to_message
        to_niyam = bool(replied and replied.from_user and replied.from_user.id == bot_id)
        if to_niyam and replied is not None:
            keys.append(f"ans:{msg.chat_id}:{replied.message_id}")
        if msg.chat.type == ChatType.PRIVATE:
            keys.append(f"chat:{msg.chat_id}")
        return keys, to_niyam

    async def converse(self, msg: Message, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """Answers a message in its conversation (a follow-up is read against the draft it follows)."""
        follows, replied = self.conversation_keys(msg, context.bot.id)
        async with typing(msg, context):
            turn = await self.core.check(_sender(msg), text, follows=follows, replied=replied)
        if turn.answer is None:
            if turn.say:
                await reply(msg, turn.say)
            return
        sent = await self.send_answer(msg, turn.answer)
        self._remember(msg, turn, [m.message_id for m in sent])

    def _remember(self, msg: Message, turn: Turn, answer_ids: list[int]) -> None:
        keys = [f"ans:{msg.chat_id}:{i}" for i in answer_ids]
        if msg.chat.type == ChatType.PRIVATE:
            keys.append(f"chat:{msg.chat_id}")
        self.core.remember(keys, turn)
        if turn.draft is not None:  # where the answer to this message is, for an edit of it
            self.core.conversations.remember([f"edit:{msg.chat_id}:{msg.message_id}"],
                                             Checked(turn.draft, tuple(answer_ids), turn.base))

    def _brief(self, answer: Answer) -> tuple[list[str], InlineKeyboardMarkup]:
        """The answer's short first message and its buttons: Why? / Rules, Check without it, feedback
        (adapters/telegram/details.py); the rest is one tap away."""
        keyboard = answer_keyboard(answer, self.core.details.keep(answer), self.core.feedback.offer(answer))
        return [render.brief_html(answer)], keyboard

    async def send_answer(self, msg: Message, answer: Answer) -> list[Message]:
        """The answer's short first message as a reply to `msg`; the messages sent."""
        parts, keyboard = self._brief(answer)
        sent = []
        for i, text in enumerate(parts):
            m = await reply(msg, text, keyboard if i == len(parts) - 1 else None)
            if m is not None:
                sent.append(m)
        log.info("answered: %s, %d refs", answer.verdict.value, len(answer.citations))
        return sent

    async def edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited draft: checked again, and Niyam's answer to it edited in place. An edit of a message whose
        answer is not held (never answered, or over FOLLOWUP_MINUTES ago) is left alone."""
        msg = update.edited_message
        if msg is None or msg.from_user is None or msg.from_user.is_bot:
            return
        text = (msg.text or msg.caption or "").strip()
        if context.bot.username:
            text = re.sub(rf"@{re.escape(context.bot.username)}\b", " ", text, flags=re.IGNORECASE).strip()
        if not text or text.startswith("/"):
            return
        held = self.core.conversations.get(f"edit:{msg.chat_id}:{msg.message_id}")
        if held is None:  # not answered, or longer ago than Niyam holds a conversation: left alone
            log.info("update %s: an edit of a message with no answer held; ignored", update.update_id)
            return
        async with typing(msg, context):
            turn = await self.core.check(_sender(msg), text, base=held.base, edited=held.base is None)
        if turn.answer is None:
            if turn.say:
                await reply(msg, turn.say)
            return
        ids = await self._edit_answer(msg, list(held.answer_refs), turn.answer)
        self._remember(msg, turn, ids)

    async def _edit_answer(self, msg: Message, old_ids: list[int], answer: Answer) -> list[int]:
        """Puts the new answer into the messages of the old one: each part edited in place, parts beyond the old
        ones sent as replies, old parts no longer needed deleted."""
        parts, keyboard = self._brief(answer)
        bot = msg.get_bot()
        ids: list[int] = []
        for i, text in enumerate(parts):
            markup = keyboard if i == len(parts) - 1 else None
            if i < len(old_ids):
                try:
                    await bot.edit_message_text(text, chat_id=msg.chat_id, message_id=old_ids[i], parse_mode=ParseMode.HTML,
                                                reply_markup=markup,
                                                link_preview_options=LinkPreviewOptions(is_disabled=True))
                except BadRequest as exc:
                    if "not modified" not in str(exc).lower():
                        raise
                ids.append(old_ids[i])
            else:
                m = await reply(msg, text, markup)
                if m is not None:
                    ids.append(m.message_id)
        for stale in old_ids[len(parts):]:
            with contextlib.suppress(TelegramError):
                await bot.delete_message(msg.chat_id, stale)
        log.info("re-checked an edited draft: %s, %d parts edited", answer.verdict.value, min(len(parts), len(old_ids)))
        return ids
