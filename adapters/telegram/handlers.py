"""What Niyam does with each kind of Telegram update.

Decisions (also in /help and the README):
- Private chat: any text (or a photo's caption) is a question. Groups: only when the bot is mentioned,
  replied to, or asked with /ask; a bare mention or an empty /ask in reply to someone's draft checks
  that draft.
- Drafts over MAX_QUESTION characters are refused with a clear reason, not truncated: a verdict on
  part of a draft could miss the sentence that matters.
- Edited messages and channel posts are ignored on purpose (no handler sees them): re-answering an
  edit would post a second verdict under the first.
- Question text is never logged or stored; logs carry update ids, exception types and verdicts only.
- An admin's document (caption /index) is downloaded into a private temporary directory and previewed
  (Service.preview_document, which writes nothing); it is indexed only when the same admin taps
  "Index it" under the preview. Pending previews live in memory, bounded, and expire after
  texts.PREVIEW_TTL_MINUTES; an expired, cancelled or evicted preview's download is deleted.
  Document text is never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import time
import traceback
from pathlib import Path

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from adapters.telegram import documents, render, texts
from adapters.telegram.tokens import AnswerTokens, PendingDocuments
from bot.answer import Answer
from bot.feedback import FeedbackLog
from bot.protocol import AdminUnavailable, Service
from bot.ratelimit import RateLimiter
from bot.settings import UserSettings
from knowledge.model import SERVICES

log = logging.getLogger("niyam.telegram")

PLATFORM = "telegram"
FEEDBACK_CODES = {"h": "helpful", "n": "not_helpful", "w": "wrong_rule"}
TYPING_EVERY = 4.5  # seconds; Telegram shows a chat action for about five

MESSAGE = filters.UpdateType.MESSAGE  # new messages only: not edits, not channel posts
PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


class NiyamTelegram:
    """The bot's state (settings, feedback, rate limit, feedback tokens) and its handlers."""

    def __init__(self, service: Service, *, data_dir: Path, admins: set[str], rate_limit: int = 10,
                 window: float = 60.0, workers: int = 1):
        self.service = service
        self.settings = UserSettings(Path(data_dir) / "settings.json")
        self.feedback = FeedbackLog(Path(data_dir) / "feedback.jsonl")
        self.limiter = RateLimiter(rate_limit, window)
        self.rate_limit = rate_limit
        self.tokens = AnswerTokens()
        self.pending = PendingDocuments(ttl=texts.PREVIEW_TTL_MINUTES * 60)
        self.admins = set(admins)
        # The advisor is synchronous and its thread safety is not part of the Service protocol: calls run
        # in worker threads (the event loop stays free for other chats), at most `workers` at a time.
        self._gate = asyncio.Semaphore(max(1, workers))
        self._warned: set[str] = set()

    # ------------------------------------------------------------ wiring

    def register(self, app: Application) -> None:
        for name, callback in (("start", self.start), ("help", self.help), ("ask", self.ask),
                               ("service", self.choose_service), ("rule", self.rule), ("sources", self.sources),
                               ("index", self.index_without_document)):
            app.add_handler(CommandHandler(name, callback, filters=MESSAGE))
        app.add_handler(MessageHandler(MESSAGE & filters.Document.ALL, self.document))
        app.add_handler(MessageHandler(MESSAGE & filters.COMMAND, self.unknown_command))
        app.add_handler(MessageHandler(MESSAGE & filters.TEXT & PRIVATE, self.private_text))
        app.add_handler(MessageHandler(MESSAGE & filters.TEXT & GROUPS, self.group_text))
        app.add_handler(MessageHandler(MESSAGE & filters.CAPTION & PRIVATE, self.private_caption))
        app.add_handler(MessageHandler(MESSAGE & PRIVATE & ~filters.StatusUpdate.ALL, self.unsupported))
        app.add_handler(CallbackQueryHandler(self.feedback_tap, pattern=r"^fb:"))
        app.add_handler(CallbackQueryHandler(self.service_tap, pattern=r"^svc:"))
        app.add_handler(CallbackQueryHandler(self.index_tap, pattern=r"^ix:"))
        app.add_handler(CallbackQueryHandler(self.stale_tap))
        app.add_error_handler(self.on_error)

    # ------------------------------------------------------------ commands

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        await self._reply(msg, texts.START, self._service_keyboard(self.settings.service(self._user_key(msg))))

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._reply(update.effective_message, texts.HELP)

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        parts = (msg.text or "").split(None, 1)  # keep the draft's own line breaks
        question = parts[1] if len(parts) > 1 else ""
        await self._answer_or_usage(msg, context, question, texts.ASK_USAGE, use_reply=not question.strip())

    async def choose_service(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        key = self._user_key(msg)
        if context.args:
            try:
                service = self.settings.set_service(key, context.args[0])
            except ValueError:
                await self._reply(msg, texts.SERVICE_UNKNOWN, self._service_keyboard(self.settings.service(key)))
                return
            await self._reply(msg, texts.SERVICE_SET.format(service=service, name=render.esc(render.service_name(service))))
            return
        current = self.settings.service(key)
        await self._reply(msg, texts.SERVICE_CHOOSE.format(service=current, name=render.esc(render.service_name(current))),
                          self._service_keyboard(current))

    async def rule(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        ref = " ".join(context.args or []).strip()[:64]
        if not ref:
            await self._reply(msg, texts.RULE_USAGE)
            return
        if not await self._within_limit(msg):
            return
        service = self.settings.service(self._user_key(msg))
        code, _, rest = ref.partition(" ")
        candidates = [ref]
        if code.upper() in SERVICES and code != code.upper():  # "/rule ais 7"
            candidates.append(f"{code.upper()} {rest}".strip())
        view = None
        async with self._typing(msg, context):
            for candidate in candidates:
                view = await self._call(self.service.rule, candidate, service)
                if view is not None:
                    break
        if view is None:
            await self._reply(msg, texts.RULE_NOT_FOUND.format(ref=render.esc(ref), service=service))
            return
        for text in render.pack(render.rule_sections(view)):
            await self._reply(msg, text)

    async def sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        if not await self._within_limit(msg):
            return
        async with self._typing(msg, context):
            found = await self._call(self.service.sources)
        for text in render.pack(render.sources_sections(found)):
            await self._reply(msg, text)

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        command = (msg.text or "").split(None, 1)[0]
        name, _, bot_name = command.partition("@")
        if msg.chat.type != ChatType.PRIVATE and bot_name.lower() != (context.bot.username or "").lower():
            return  # in a group a bare /command may be meant for another bot
        await self._reply(msg, texts.UNKNOWN_COMMAND.format(command=render.esc(name[:40])))

    # ------------------------------------------------------------ plain messages

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        await self._answer(msg, context, msg.text or "")

    async def private_caption(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        await self._answer(msg, context, msg.caption or "")

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        bot = context.bot
        me = f"@{bot.username}".lower() if bot.username else None
        text = msg.text or ""
        mentioned = False
        for entity, value in msg.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
            if (entity.type == MessageEntity.MENTION and me and value.lower() == me) or (
                    entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id):
                mentioned = True
                text = text.replace(value, " ", 1)
        replied = msg.reply_to_message
        to_me = bool(replied and replied.from_user and replied.from_user.id == bot.id)
        if not (mentioned or to_me):
            return
        question = text.strip()
        await self._answer_or_usage(msg, context, question, texts.MENTION_USAGE, use_reply=not question and mentioned)

    async def unsupported(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        if msg.voice or msg.audio or msg.video_note:
            reply = texts.NO_VOICE
        elif msg.sticker:
            reply = texts.NO_STICKER
        elif msg.photo:
            reply = texts.NO_IMAGE
        else:
            reply = texts.ONLY_TEXT
        await self._reply(msg, reply)

    # ------------------------------------------------------------ admin documents

    async def index_without_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        await self._reply(msg, texts.INDEX_HOW if self._is_admin(msg) else texts.INDEX_NOT_ADMIN)

    async def document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        m = re.match(r"^/index(?:@(\w+))?(?:\s+(.*))?$", (msg.caption or "").strip(), re.S)
        if not m or (m.group(1) and m.group(1).lower() != (context.bot.username or "").lower()):
            if msg.chat.type == ChatType.PRIVATE:
                await self._reply(msg, texts.NO_ATTACHMENT)
            return
        if not self._is_admin(msg):
            await self._reply(msg, texts.INDEX_NOT_ADMIN)
            return
        applies_to = None
        if m.group(2) and m.group(2).strip():
            applies_to = [s.strip().upper() for s in re.split(r"[\s,]+", m.group(2).strip()) if s.strip()]
            if not all(s in SERVICES for s in applies_to):
                await self._reply(msg, texts.INDEX_BAD_SERVICES)
                return
        doc = msg.document
        problem = documents.check(doc.file_name, doc.mime_type, doc.file_size)
        if problem:
            await self._reply(msg, render.esc(problem))
            return
        name = doc.file_name or documents.safe_name(None)
        actor = f"{PLATFORM}:{msg.from_user.id}"
        folder = self.pending.new_dir()  # private (0700) and ours until the preview is confirmed or dropped
        path = folder / documents.safe_name(doc.file_name)
        kept = False
        try:
            async with self._typing(msg, context, ChatAction.UPLOAD_DOCUMENT):
                file = await context.bot.get_file(doc.file_id)
                await file.download_to_drive(custom_path=path)
                try:
                    preview = await self._call(self.service.preview_document, path, filename=name,
                                               applies_to=applies_to)
                except (AdminUnavailable, ValueError) as exc:
                    await self._reply(msg, _refusal(exc, name))
                    return
            token = self.pending.put(actor, path, name, applies_to)
            kept = True
            try:
                await self._reply(msg, _preview_text(preview, name), self._index_keyboard(token))
            except BaseException:
                self.pending.drop(token)
                raise
        finally:
            if not kept:
                documents.discard_dir(folder)
        asyncio.get_running_loop().call_later(self.pending.ttl + 1, self.pending.sweep)
        log.info("update %s: %s previewed a document; %d awaiting confirmation", update.update_id, actor,
                 len(self.pending))

    async def index_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """"Index it" or "Cancel" under a preview: only the admin who sent the document may choose."""
        query = update.callback_query
        m = re.fullmatch(r"ix:([yn]):([\w-]{1,16})", query.data or "")
        if not m:
            await query.answer()
            return
        who = f"{PLATFORM}:{query.from_user.id}"
        if who not in self.admins:
            await query.answer(texts.PREVIEW_NOT_ADMIN, show_alert=True)
            return
        token = m.group(2)
        entry = self.pending.get(token)
        if entry is not None and entry.admin != who:
            await query.answer(texts.PREVIEW_NOT_YOURS, show_alert=True)
            return
        entry = self.pending.take(token) if entry is not None else None
        if entry is None:
            await query.answer(texts.PREVIEW_EXPIRED, show_alert=True)
            await self._drop_buttons(query)
            return
        if m.group(1) == "n":
            entry.discard()  # first: the reply says the copy is deleted
            await query.answer(texts.INDEX_CANCELLED_TAP)
            await self._drop_buttons(query)
            await self._tap_reply(query, context, texts.INDEX_CANCELLED.format(name=render.esc(entry.filename)))
            log.info("update %s: %s cancelled a previewed document", update.update_id, who)
            return
        try:
            msg = query.message if isinstance(query.message, Message) else None
            await query.answer(texts.INDEX_WORKING)
            await self._drop_buttons(query)
            async with (self._typing(msg, context, ChatAction.UPLOAD_DOCUMENT) if msg else contextlib.nullcontext()):
                try:
                    result = await self._call(self.service.add_document, entry.path, actor=who,
                                              filename=entry.filename, applies_to=entry.applies_to)
                except (AdminUnavailable, ValueError) as exc:
                    await self._tap_reply(query, context, _refusal(exc, entry.filename))
                    return
                except Exception:  # the tap is already answered: say so in the chat, then log it as any error
                    with contextlib.suppress(Exception):
                        await self._tap_reply(query, context, texts.APOLOGY)
                    raise
        finally:
            entry.discard()
        log.info("update %s: %s indexed document %s", update.update_id, who, result.document_id)
        await self._tap_reply(query, context, texts.INDEX_DONE.format(summary=render.esc(result.summary)))

    def close(self) -> None:
        """Deletes the downloads of previews still awaiting confirmation (at shutdown)."""
        self.pending.clear()

    # ------------------------------------------------------------ buttons

    async def feedback_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        m = re.fullmatch(r"fb:([hnw]):([\w-]{1,16})", query.data or "")
        entry = self.tokens.pop(m.group(2)) if m else None
        if entry is None:
            await query.answer(texts.FEEDBACK_STALE)
        else:
            verdict, refs = entry
            self.feedback.record(platform=PLATFORM, kind=FEEDBACK_CODES[m.group(1)], verdict=verdict, refs=refs)
            await query.answer(texts.FEEDBACK_THANKS)
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)

    async def service_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        choice = (query.data or "").partition(":")[2]
        try:
            service = self.settings.set_service(f"{PLATFORM}:{query.from_user.id}", choice)
        except ValueError:
            await query.answer()
            return
        await query.answer(f"Rulebook: {service}")
        with contextlib.suppress(TelegramError):
            await query.edit_message_text(
                texts.SERVICE_SET.format(service=service, name=render.esc(render.service_name(service))),
                parse_mode=ParseMode.HTML)

    async def stale_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()

    # ------------------------------------------------------------ errors

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the update id, exception type and code location only (never the message text); apologise."""
        exc = context.error
        update_id = getattr(update, "update_id", None)
        frames = traceback.extract_tb(exc.__traceback__)[-6:] if exc is not None else []
        where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        log.error("update %s failed: %s at %s", update_id, type(exc).__name__, where or "?")
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type == ChatType.CHANNEL or update.edited_message is not None:
            return
        if update.callback_query is not None:
            with contextlib.suppress(Exception):
                await update.callback_query.answer(texts.APOLOGY)
            return
        try:
            await context.bot.send_message(update.effective_chat.id, texts.APOLOGY)
        except Exception as again:  # noqa: BLE001 - the apology itself may fail; never loop on it
            log.error("update %s: apology failed: %s", update_id, type(again).__name__)

    # ------------------------------------------------------------ helpers

    async def _answer(self, msg: Message, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
        question = question.strip()
        if not question:
            await self._reply(msg, texts.ASK_USAGE)
            return
        if len(question) > texts.MAX_QUESTION:
            await self._reply(msg, texts.TOO_LONG.format(n=len(question), limit=texts.MAX_QUESTION))
            return
        if not await self._within_limit(msg):
            return
        service = self.settings.service(self._user_key(msg))
        started = time.monotonic()
        async with self._typing(msg, context):
            answer: Answer = await self._call(self.service.ask, question, service)
        token = self.tokens.put(answer.verdict.value, [c.ref for c in answer.citations])
        parts = render.answer_messages(answer)
        for i, text in enumerate(parts):
            await self._reply(msg, text, self._feedback_keyboard(token) if i == len(parts) - 1 else None)
        log.info("answered: %s, %d refs, %d parts, %.0f ms", answer.verdict.value,
                 len(answer.citations), len(parts), (time.monotonic() - started) * 1000)

    async def _within_limit(self, msg: Message) -> bool:
        key = self._user_key(msg)
        if self.limiter.allow(key):
            self._warned.discard(key)
            return True
        if key not in self._warned:  # say it once, then stay quiet until the window frees up
            self._warned.add(key)
            await self._reply(msg, texts.RATE_LIMITED.format(limit=self.rate_limit))
        return False

    async def _call(self, fn, *args, **kwargs):
        async with self._gate:
            return await asyncio.to_thread(fn, *args, **kwargs)

    @contextlib.asynccontextmanager
    async def _typing(self, msg: Message, context: ContextTypes.DEFAULT_TYPE, action: str = ChatAction.TYPING):
        """Shows `typing…` until the block ends, renewing it while the advisor works."""
        first = asyncio.Event()
        thread = msg.message_thread_id if msg.is_topic_message else None

        async def keep_typing() -> None:
            while True:
                try:
                    await context.bot.send_chat_action(msg.chat_id, action, message_thread_id=thread)
                except TelegramError as exc:
                    log.debug("chat action failed: %s", type(exc).__name__)
                finally:
                    first.set()
                await asyncio.sleep(TYPING_EVERY)

        task = asyncio.create_task(keep_typing())
        try:
            yield
        finally:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(first.wait(), 2.0)  # let the first action land, in order
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _reply(self, msg: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        kwargs = dict(parse_mode=ParseMode.HTML, reply_markup=markup,
                      link_preview_options=LinkPreviewOptions(is_disabled=True))
        if msg.chat.type == ChatType.PRIVATE:
            kwargs["do_quote"] = False
        else:
            kwargs["reply_parameters"] = ReplyParameters(message_id=msg.message_id, allow_sending_without_reply=True)
        try:
            return await msg.reply_text(text, **kwargs)
        except BadRequest as exc:
            if "parse" not in str(exc).lower() and "entit" not in str(exc).lower():
                raise
            log.warning("Telegram rejected our HTML (%s); sending plain text", type(exc).__name__)
            kwargs["parse_mode"] = None
            return await msg.reply_text(html.unescape(re.sub(r"<[^>]+>", "", text)), **kwargs)

    async def _tap_reply(self, query, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """Replies under the message whose button was tapped (or, if Telegram no longer shows it, to its chat)."""
        if isinstance(query.message, Message):
            await self._reply(query.message, text)
        else:
            chat_id = query.message.chat.id if query.message else query.from_user.id
            await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)

    @staticmethod
    async def _drop_buttons(query) -> None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)

    async def _answer_or_usage(self, msg: Message, context: ContextTypes.DEFAULT_TYPE, question: str, usage: str,
                               *, use_reply: bool) -> None:
        """Answers the text, or the draft it replies to; with neither, says how to ask."""
        if use_reply:
            question = self._replied_draft(msg, context)
            if not question:
                await self._reply(msg, usage)
                return
        await self._answer(msg, context, question)

    def _replied_draft(self, msg: Message, context: ContextTypes.DEFAULT_TYPE) -> str:
        """The text of the message this one replies to, unless that is one of Niyam's own answers."""
        replied = msg.reply_to_message
        if not replied or (replied.from_user and replied.from_user.id == context.bot.id):
            return ""
        return (replied.text or replied.caption or "").strip()

    def _is_admin(self, msg: Message) -> bool:
        return bool(msg.from_user) and f"{PLATFORM}:{msg.from_user.id}" in self.admins

    @staticmethod
    def _user_key(msg: Message) -> str:
        who = msg.from_user.id if msg.from_user else msg.chat_id
        return f"{PLATFORM}:{who}"

    @staticmethod
    def _service_keyboard(current: str) -> InlineKeyboardMarkup:
        def label(s: str) -> str:
            return ("✓ " if s == current else "") + f"{s} · {render.service_name(s).split(' (')[0]}"
        return InlineKeyboardMarkup([[InlineKeyboardButton(label(s), callback_data=f"svc:{s}")] for s in SERVICES])

    @staticmethod
    def _index_keyboard(token: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[
            InlineKeyboardButton(texts.INDEX_BUTTON, callback_data=f"ix:y:{token}"),
            InlineKeyboardButton(texts.CANCEL_BUTTON, callback_data=f"ix:n:{token}"),
        ]])

    @staticmethod
    def _feedback_keyboard(token: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[
            InlineKeyboardButton("👍 Helpful", callback_data=f"fb:h:{token}"),
            InlineKeyboardButton("👎 Not helpful", callback_data=f"fb:n:{token}"),
            InlineKeyboardButton("⚠️ Wrong rule", callback_data=f"fb:w:{token}"),
        ]])


PREVIEW_LIMIT = 3000  # characters of the service's preview shown; it is a page of short lines in practice


def _preview_text(preview: str, name: str) -> str:
    preview = (preview or "").strip() or "(no details)"
    if len(preview) > PREVIEW_LIMIT:
        preview = preview[:PREVIEW_LIMIT].rstrip() + "\n…"
    return texts.INDEX_PREVIEW.format(name=render.esc(name[:120]), preview=render.esc(preview),
                                      minutes=texts.PREVIEW_TTL_MINUTES)


def _refusal(exc: AdminUnavailable | ValueError, name: str) -> str:
    if isinstance(exc, AdminUnavailable):
        return texts.INDEX_UNAVAILABLE.format(reason=render.esc(_one_line(exc)))
    return texts.INDEX_BAD_FILE.format(name=render.esc(name[:120]), reason=render.esc(_one_line(exc)))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]
