"""An admin's document in Telegram: `/index` as a document's caption, the preview, "Index it" or "Cancel".

The flow itself (staging in the data dir's private uploads directory, preview, confirmation by the same admin,
indexing, clean-up) is the chat core's (chat/uploads.py, chat/core.py); this module speaks PTB.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath

from telegram import Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.ext import ContextTypes

from adapters.telegram.common import drop_buttons, html_of, index_keyboard, plain, reply, tap_reply, typing
from chat import texts
from chat.core import ChatCore
from chat.say import Say, spoken
from chat.uploads import safe_name
from knowledge.model import Rulebook

log = logging.getLogger("niyam.telegram")

# extension -> MIME types Telegram clients report for it
ACCEPTED: dict[str, set[str]] = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".html": {"text/html", "application/xhtml+xml"},
    ".htm": {"text/html", "application/xhtml+xml"},
    ".md": {"text/markdown", "text/x-markdown", "text/plain"},
    ".markdown": {"text/markdown", "text/x-markdown", "text/plain"},
    ".txt": {"text/plain"},
}
GENERIC_MIME = {"", "application/octet-stream"}  # clients that do not know the type say this
MAX_BYTES = 20 * 1024 * 1024  # the Bot API's getFile limit on api.telegram.org
INDEX_CAPTION = re.compile(r"^/index(?:@(\w+))?(?:\s+(.*))?$", re.S)
INDEX_TAP = re.compile(r"ix:([yn]):([\w-]{1,24})")


def check(file_name: str | None, mime_type: str | None, size: int | None) -> str | None:
    """None if the file is acceptable, otherwise a one-line reason to show the admin."""
    name = file_name or ""
    ext = PurePath(name).suffix.lower()
    if ext not in ACCEPTED:
        return spoken(texts.FILE_WRONG_KIND).format(name=name or "this file")
    mime = (mime_type or "").split(";")[0].strip().lower()
    if mime not in GENERIC_MIME and mime not in ACCEPTED[ext]:
        return spoken(texts.FILE_WRONG_TYPE).format(name=name, mime=mime, ext=ext)
    if size is not None and size > MAX_BYTES:
        return spoken(texts.FILE_TOO_BIG).format(name=name, limit_mb=MAX_BYTES // (1024 * 1024), platform="Telegram")
    return None


class TelegramAdmin:
    def __init__(self, core: ChatCore):
        self.core = core

    async def index_without_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        admin = msg.from_user is not None and self.core.is_admin(msg.from_user.id)
        await reply(msg, html_of(texts.TELEGRAM_INDEX_HOW if admin else texts.NOT_ADMIN))

    async def document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None and msg.document is not None
        m = INDEX_CAPTION.match((msg.caption or "").strip())
        if not m or (m.group(1) and m.group(1).lower() != (context.bot.username or "").lower()):
            if msg.chat.type == ChatType.PRIVATE:
                await reply(msg, html_of(texts.NO_ATTACHMENT))
            return
        if not msg.from_user or not self.core.is_admin(msg.from_user.id):
            await reply(msg, html_of(texts.NOT_ADMIN))
            return
        applies_to = None
        if m.group(2) and m.group(2).strip():
            applies_to = [s.strip().upper() for s in re.split(r"[\s,]+", m.group(2).strip()) if s.strip()]
            if not all(s in set(Rulebook) for s in applies_to):
                await reply(msg, html_of(texts.TELEGRAM_INDEX_BAD_SERVICES))
                return
        doc = msg.document
        problem = check(doc.file_name, doc.mime_type, doc.file_size)
        if problem:
            await reply(msg, Say("{problem}", {"problem": problem}))
            return
        name = doc.file_name or safe_name(None)
        folder = self.core.uploads.new_dir()  # private (0700), inside the data dir; the core deletes it
        path = folder / safe_name(doc.file_name)
        async with typing(msg, context, ChatAction.UPLOAD_DOCUMENT):
            try:
                file = await context.bot.get_file(doc.file_id)
                await file.download_to_drive(custom_path=path)
            except BaseException:
                self.core.uploads.discard_dir(folder)
                raise
            token, said = await self.core.preview_upload(msg.from_user.id, path, name, applies_to)
        if token is None:
            await reply(msg, said)
            return
        try:
            await reply(msg, said, index_keyboard(token))
        except BaseException:
            self.core.uploads.drop(token)  # no buttons were shown: nothing to keep
            raise
        log.info("update %s: %s previewed a document", update.update_id, self.core.key(msg.from_user.id))

    async def index_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """"Index it" or "Cancel" under a preview: only the admin who sent the document may choose."""
        query = update.callback_query
        assert query is not None
        m = INDEX_TAP.fullmatch(query.data or "")
        if not m:
            await query.answer()
            return
        if not self.core.is_admin(query.from_user.id):
            await query.answer(plain(spoken(texts.NOT_ADMIN)), show_alert=True)
            return
        claimed = self.core.claim_upload(query.from_user.id, m.group(2), texts.TELEGRAM_RESEND)
        if isinstance(claimed, Say):
            await query.answer(plain(claimed), show_alert=True)
            if claimed.text == texts.PREVIEW_EXPIRED:
                await drop_buttons(query)
            return
        if m.group(1) == "n":
            said = self.core.cancel_upload(claimed)
            await query.answer(spoken(texts.TELEGRAM_CANCELLED_TAP))
            await drop_buttons(query)
            await tap_reply(query, context, said)
            return
        await query.answer(spoken(texts.INDEX_WORKING).format(name=claimed.filename[:60]))
        await drop_buttons(query)
        msg = query.message if isinstance(query.message, Message) else None
        async with typing(msg, context, ChatAction.UPLOAD_DOCUMENT):
            said = await self.core.index_upload(claimed)
        log.info("update %s: an admin's document tap was handled", update.update_id)
        await tap_reply(query, context, said)
