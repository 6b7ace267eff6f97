"""A local Telegram Bot API double for driving the real python-telegram-bot Application over HTTP.

It listens on 127.0.0.1 (random port), serves `ROOT/bot<token>/METHOD` and `ROOT/file/bot<token>/PATH`,
records every call, feeds queued updates through getUpdates with long-poll semantics (offset confirms,
timeout waits) and checks what the bot sends the way Telegram would: text at most 4096 characters after
entity parsing, well-formed Telegram HTML, non-empty text.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from aiohttp import web

TOKEN = "123456:TEST-token_for-niyam"
BOT_ID = 123456
BOT_USERNAME = "niyam_test_bot"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Niyam", "username": BOT_USERNAME,
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}

# parameters Telegram receives as JSON-serialised values in form fields
_JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "scope", "link_preview_options", "reply_parameters",
                "entities", "caption_entities"}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id", "message_thread_id"}

TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code",
                 "pre", "blockquote", "tg-emoji"}


class _TagChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text_len = 0

    def handle_starttag(self, tag, attrs):
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"unsupported tag <{tag}>")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> without href")
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text_len += len(data.encode("utf-16-le")) // 2

    def handle_entityref(self, name):
        if name not in ("lt", "gt", "amp", "quot"):
            self.problems.append(f"unsupported entity &{name};")
        self.text_len += 1

    def handle_charref(self, name):
        self.text_len += 1


def html_problems(text: str) -> list[str]:
    """What Telegram would refuse in `text` sent with parse_mode=HTML (empty if it is well formed)."""
    stripped = re.sub(r"<[^<>]*>", "", text)
    stripped = re.sub(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);", "", stripped)
    problems = [f"bare {c!r} in text" for c in "<>&" if c in stripped]
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    problems += checker.problems
    if checker.stack:
        problems.append(f"unclosed tags {checker.stack}")
    return problems


def parsed_length(text: str, parse_mode: str | None) -> int:
    if (parse_mode or "").upper() != "HTML":
        return len(text.encode("utf-16-le")) // 2
    plain = html.unescape(re.sub(r"<[^<>]*>", "", text))
    return len(plain.encode("utf-16-le")) // 2


@dataclass
class Call:
    method: str
    params: dict
    at: float = field(default_factory=time.monotonic)


class TelegramError(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code, self.description = code, description


class BotApiDouble:
    def __init__(self, token: str = TOKEN):
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self.sent: dict[int, dict] = {}  # message_id -> the message the bot sent, as Telegram returns it
        self.chats: dict[int, dict] = {}
        self.webhook: dict | None = None
        self.fail_methods: dict[str, tuple[int, str]] = {}
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(5000)
        self._cond = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.root = ""

    # ------------------------------------------------------------ server

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.root = f"http://127.0.0.1:{port}"
        return self.root

    async def stop(self) -> None:
        self._closing = True
        async with self._cond:
            self._cond.notify_all()
        if self._runner:
            await self._runner.cleanup()

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(Call(method, params))
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                                     status=404)
        if method in self.fail_methods:
            code, description = self.fail_methods[method]
            return web.json_response({"ok": False, "error_code": code, "description": description}, status=code)
        try:
            result = await handler(params)
        except TelegramError as exc:
            return web.json_response({"ok": False, "error_code": exc.code, "description": exc.description},
                                     status=exc.code)
        return web.json_response({"ok": True, "result": result})

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            raw = await request.json()
            return raw if isinstance(raw, dict) else {}
        form = await request.post()
        params: dict = {}
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = value.file.read()
                continue
            if key in _JSON_FIELDS:
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            elif key in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
                value = int(value)
            params[key] = value
        return params

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        self.calls.append(Call("file", {"path": path}))
        for file_path, content in self.files.values():
            if file_path == path:
                return web.Response(body=content)
        return web.Response(status=404)

    # ------------------------------------------------------------ Bot API methods

    async def api_getMe(self, p):
        return BOT_USER

    async def api_deleteWebhook(self, p):
        self.webhook = None
        return True

    async def api_setWebhook(self, p):
        self.webhook = p
        return True

    async def api_setMyCommands(self, p):
        return True

    async def api_sendChatAction(self, p):
        return True

    async def api_answerCallbackQuery(self, p):
        return True

    async def api_getUpdates(self, p):
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        async with self._cond:
            while True:
                if offset:
                    self.updates = [u for u in self.updates if u["update_id"] >= offset]
                if self.updates or self._closing:
                    return self.updates[:limit]
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._cond.wait(), left)

    def _check_text(self, text, parse_mode):
        if not isinstance(text, str) or not text.strip():
            raise TelegramError(400, "Bad Request: message text is empty")
        if (parse_mode or "").upper() == "HTML":
            problems = html_problems(text)
            if problems:
                raise TelegramError(400, f"Bad Request: can't parse entities: {problems[0]}")
        if parsed_length(text, parse_mode) > 4096:
            raise TelegramError(400, "Bad Request: message is too long")

    async def api_sendMessage(self, p):
        self._check_text(p.get("text"), p.get("parse_mode"))
        chat_id = p["chat_id"]
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "from": BOT_USER,
                   "chat": self.chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "Officer"}),
                   "text": p["text"]}
        if isinstance(p.get("reply_markup"), dict):
            message["reply_markup"] = p["reply_markup"]
        self.sent[message["message_id"]] = message
        return message

    async def api_sendPhoto(self, p):
        photo = p.get("photo")
        if not isinstance(photo, bytes) or not photo:
            raise TelegramError(400, "Bad Request: there is no photo in the request")
        chat_id = p["chat_id"]
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "from": BOT_USER,
                   "chat": self.chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "Officer"}),
                   "photo": [{"file_id": "p1", "file_unique_id": "up1", "width": 1, "height": 1}]}
        if p.get("caption"):
            message["caption"] = p["caption"]
        return message

    async def api_editMessageText(self, p):
        self._check_text(p.get("text"), p.get("parse_mode"))
        message = self.sent.get(p.get("message_id"))
        if message is None:
            raise TelegramError(400, "Bad Request: message to edit not found")
        message["text"] = p["text"]
        message.pop("reply_markup", None)
        if isinstance(p.get("reply_markup"), dict):
            message["reply_markup"] = p["reply_markup"]
        return message

    async def api_editMessageReplyMarkup(self, p):
        message = self.sent.get(p.get("message_id"))
        if message is None:
            raise TelegramError(400, "Bad Request: message to edit not found")
        message.pop("reply_markup", None)
        if isinstance(p.get("reply_markup"), dict) and p["reply_markup"].get("inline_keyboard"):
            message["reply_markup"] = p["reply_markup"]
        return message

    async def api_getFile(self, p):
        file_id = p.get("file_id")
        if file_id not in self.files:
            raise TelegramError(400, "Bad Request: invalid file_id")
        path, content = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(content), "file_path": path}

    # ------------------------------------------------------------ feeding updates (as Telegram would)

    async def push(self, update: dict) -> dict:
        """Queue a raw update; an `update_id` is assigned unless it has one."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        for key in ("message", "edited_message", "channel_post"):
            chat = update.get(key, {}).get("chat") if isinstance(update.get(key), dict) else None
            if isinstance(chat, dict) and "id" in chat:
                self.chats[chat["id"]] = chat
        async with self._cond:
            self.updates.append(update)
            self._cond.notify_all()
        return update

    def message(self, text: str | None = None, *, user_id: int = 42, chat_id: int | None = None,
                chat_type: str = "private", first_name: str = "Asha", **extra) -> dict:
        chat_id = chat_id if chat_id is not None else user_id
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name
        else:
            chat["title"] = "District officers"
        msg = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
               "from": {"id": user_id, "is_bot": False, "first_name": first_name}}
        if text is not None:
            msg["text"] = text
            if text.startswith("/"):
                command = text.split(None, 1)[0]
                msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        msg.update(extra)
        return msg

    async def say(self, text: str | None = None, **kwargs) -> dict:
        """An officer sends a message; returns the update."""
        return await self.push({"message": self.message(text, **kwargs)})

    async def tap(self, sent_message: dict, data: str, *, user_id: int = 42) -> dict:
        """An officer taps an inline button under a message the bot sent."""
        return await self.push({"callback_query": {
            "id": f"cq{next(self._update_ids)}", "chat_instance": "ci-1", "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": "Asha"}, "message": sent_message}})

    def add_file(self, file_id: str, name: str, content: bytes) -> str:
        self.files[file_id] = (f"documents/{name}", content)
        return file_id

    # ------------------------------------------------------------ reading what the bot did

    def of(self, method: str, **match) -> list[Call]:
        return [c for c in self.calls if c.method == method and all(c.params.get(k) == v for k, v in match.items())]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [c.params["text"] for c in self.of("sendMessage") if chat_id is None or c.params["chat_id"] == chat_id]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0, **match) -> list[Call]:
        """Waits until the bot has made `count` calls of `method` (matching `match`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method, **match)
            if len(found) >= count:
                return found
            await asyncio.sleep(0.01)
        raise AssertionError(f"bot made {len(self.of(method, **match))} {method} calls, expected {count}; "
                             f"calls: {[c.method for c in self.calls]}")

    async def drained(self, timeout: float = 5.0) -> None:
        """Waits until the bot has fetched (and confirmed by its next poll) every queued update."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.updates:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"updates never fetched: {[u['update_id'] for u in self.updates]}")


@contextlib.asynccontextmanager
async def running_bot(app, *, poll_timeout: float = 1.0):
    """Runs `app` with long polling the way `Application.run_polling` does, inside the test's event loop."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(timeout=poll_timeout, poll_interval=0,
                                    allowed_updates=["message", "callback_query"])
    await app.start()
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()


@pytest.fixture
async def double():
    """A started Bot API double, stopped after the test (import this fixture into a test module)."""
    d = BotApiDouble()
    await d.start()
    yield d
    await d.stop()
