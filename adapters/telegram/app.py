"""Building and running Niyam's Telegram bot (python-telegram-bot 22).

`build_application` wires the handlers to a `telegram.ext.Application` over the chat core; `serve` runs it with
long polling, or as a webhook when a webhook URL is configured (the composition root, niyam/, reads the
configuration). PTB's `run_polling`/`run_webhook` stop cleanly on SIGINT and SIGTERM.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from telegram import BotCommand, TelegramObject, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ExtBot
from telegram.request import HTTPXRequest

from adapters.telegram.handlers import NiyamTelegram
from adapters.telegram.quiz import DIGEST_EVERY
from bot.protocol import Service
from chat import texts
from chat.core import ChatCore
from knowledge.errors import BadInput

log = logging.getLogger("niyam.telegram")

DEFAULT_API_ROOT = "https://api.telegram.org"
DEFAULT_WEBHOOK_PORT = 8443
ALLOWED_UPDATES = ["message", "callback_query"]  # edits and channel posts are ignored on purpose

COMMANDS = [BotCommand(name, description) for name, description in texts.TELEGRAM_COMMANDS]


class NiyamBot(ExtBot):
    """An ExtBot that never lets one unreadable update stop polling.

    PTB parses a getUpdates batch in one go: one malformed update fails the whole batch, which is then
    fetched again and again (and logged in full). Here each update is checked on its own; one that
    cannot be read is replaced by an empty update with the same id, which no handler matches, so the
    offset moves past it.
    """

    __slots__ = ()

    async def _post(self, endpoint, data=None, **kwargs):
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            result = self._screen(result)
        return result

    def _screen(self, raw_updates: list) -> list[dict]:
        screened = []
        for raw in raw_updates:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int) or isinstance(update_id, bool):
                log.warning("skipped an update without an id")
                continue
            try:
                Update.de_json(copy.deepcopy(raw), self)
            except Exception as exc:  # noqa: BLE001 - anything Telegram (or an attacker) sends
                log.warning("update %s could not be read (%s); skipped", update_id, type(exc).__name__)
                screened.append({"update_id": update_id})
                continue
            screened.append(raw)
        return screened


_IDENTIFIER = re.compile(r"^[\w.\-]{1,40}$")
_SAFE_PHRASES = re.compile(r"^(Network Retry Loop \()?(Polling Updates|Bootstrap delete Webhook|Bootstrap Set Webhook|"
                           r"Bootstrap Initialize Application)(\):)?$")  # PTB's network-loop names
_TOKEN_IN_URL = re.compile(r"/bot[0-9]+:[A-Za-z0-9_-]+")
_KNOWN_TOKENS: set[str] = set()  # tokens of the bots built in this process


def _scrub(text: str) -> str:
    text = _TOKEN_IN_URL.sub("/bot<token>", text)
    for token in _KNOWN_TOKENS:
        text = text.replace(token, "<token>")
    return text


def _map_args(record: logging.LogRecord, fn):
    """Applies `fn` to a record's arguments. A single dict argument arrives as the mapping itself
    (logging unwraps it): mapped as one value unless the message formats it by key."""
    args = record.args
    if isinstance(args, tuple):
        return tuple(fn(a) for a in args)
    if isinstance(args, Mapping):
        if isinstance(record.msg, str) and "%(" in record.msg:
            return {k: fn(v) for k, v in args.items()}
        return (fn(args),)
    return args


class RedactToken(logging.Filter):
    """Keeps the bot token out of log lines and tracebacks: httpx logs every request URL (at INFO), Bot
    API URLs carry the token, and PTB's InvalidToken message quotes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _scrub(record.msg)
        record.args = _map_args(record, lambda a: _scrub(a) if isinstance(a, str) else
                                (_scrub(str(a)) if _TOKEN_IN_URL.search(str(a)) else a))
        if record.exc_info and not record.exc_text:
            record.exc_text = _scrub(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = _scrub(record.exc_text)
        return True


class RedactTelegramLogs(logging.Filter):
    """Keeps update payloads and message texts out of PTB's own log lines.

    PTB logs raw update data when it cannot parse it (and at DEBUG level always). Arguments that are
    updates, payloads or free text are replaced; ids, numbers and method names stay.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.args = _map_args(record, self._safe)
        return True

    @staticmethod
    def _safe(arg):
        if isinstance(arg, Update):
            return f"<update {arg.update_id}>"
        if isinstance(arg, (int, float)) and not isinstance(arg, bool):
            return arg
        if isinstance(arg, str) and (_IDENTIFIER.match(arg) or _SAFE_PHRASES.match(arg)):
            return arg
        if isinstance(arg, list) and all(isinstance(a, int) for a in arg):  # update ids
            return arg
        if isinstance(arg, (str, bytes, dict, list, tuple, TelegramObject)):
            return "<redacted>"
        return arg


_PTB_LOGGERS = ("telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Updater", "telegram.ext.Application", "telegram.ext")


def _install_log_redaction() -> None:
    for names, kind in ((_PTB_LOGGERS, RedactTelegramLogs), (_PTB_LOGGERS + ("httpx",), RedactToken)):
        for name in names:
            logger = logging.getLogger(name)
            if not any(isinstance(f, kind) for f in logger.filters):
                logger.addFilter(kind())


async def _register_commands(app: Application) -> None:
    try:
        await app.bot.set_my_commands(COMMANDS)
    except TelegramError as exc:  # the menu is a convenience; never refuse to start over it
        log.warning("setMyCommands failed: %s", type(exc).__name__)


async def _discard_pending(app: Application) -> None:
    niyam = app.bot_data.get("niyam")
    if niyam is not None:
        niyam.core.close()  # previews never confirmed: delete their downloads


@dataclass(frozen=True)
class TelegramConfig:
    """The contract's NIYAM_TELEGRAM_* variables, as niyam/settings.py read them."""

    token: str
    api_url: str = DEFAULT_API_ROOT
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = DEFAULT_WEBHOOK_PORT
    listen: str = "0.0.0.0"

    def check(self) -> None:
        """Raises BadInput naming the variable that is wrong."""
        if not self.token:
            raise BadInput("NIYAM_TELEGRAM_TOKEN is not set")
        if self.webhook_url:
            if not self.webhook_url.startswith(("https://", "http://")):
                raise BadInput("NIYAM_TELEGRAM_WEBHOOK_URL must be an http(s) URL")
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", self.webhook_secret or ""):
                raise BadInput("webhook mode needs NIYAM_TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ -")


def build_application(service: Service, *, token: str, data_dir: Path, base_url: str | None = None,
                      admins: set[str] | frozenset[str] = frozenset(), rate_limit: int = texts.RATE_LIMIT,
                      concurrent_updates: int = 32, clock: Callable[[], dt.datetime] | None = None,
                      digest_every: float = DIGEST_EVERY) -> Application:
    """The bot, ready for `run_polling`/`run_webhook` (or initialize/start by hand, as the tests do).

    `base_url` is the Bot API server root (default https://api.telegram.org): methods go to
    ROOT/bot<token>/METHOD and files come from ROOT/file/bot<token>/PATH. State (settings, feedback, uploads)
    lives under `data_dir`; `admins` are `telegram:<user id>` entries as in NIYAM_ADMINS. The weekly digest's
    schedule is looked at every `digest_every` seconds by PTB's JobQueue, by `clock` (UTC; tests set their own).
    """
    _KNOWN_TOKENS.add(token)
    _install_log_redaction()
    root = (base_url or DEFAULT_API_ROOT).rstrip("/")
    bot = NiyamBot(token=token, base_url=root + "/bot", base_file_url=root + "/file/bot",
                   request=HTTPXRequest(connection_pool_size=64), get_updates_request=HTTPXRequest())
    app = (Application.builder().bot(bot).concurrent_updates(concurrent_updates)
           .post_init(_register_commands).post_shutdown(_discard_pending).build())
    core = ChatCore(service, platform="telegram", data_dir=Path(data_dir), admins=admins, rate_limit=rate_limit)
    if clock is not None:
        core.training.clock = clock
    niyam = NiyamTelegram(core, digest_every=digest_every)
    niyam.register(app)
    app.bot_data["niyam"] = niyam
    return app


def serve(service: Service, config: TelegramConfig, *, data_dir: Path,
          admins: set[str] | frozenset[str] = frozenset()) -> None:
    """Runs the bot until SIGINT/SIGTERM. Raises BadInput (one line for the operator) for bad configuration,
    a refused token, an unreachable Bot API or a webhook port in use."""
    config.check()
    # httpx logs every request at INFO: a line per poll is noise in an operator's log.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").getEffectiveLevel()))
    root = config.api_url.rstrip("/")
    app = build_application(service, token=config.token, base_url=root, data_dir=data_dir, admins=admins)
    try:
        if config.webhook_url:
            log.info("Telegram webhook mode on %s:%s", config.listen, config.port)
            app.run_webhook(listen=config.listen, port=config.port,
                            url_path=urlsplit(config.webhook_url).path.lstrip("/"), webhook_url=config.webhook_url,
                            secret_token=config.webhook_secret, allowed_updates=ALLOWED_UPDATES)
        else:
            log.info("Telegram long polling")
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise BadInput(f"the Bot API at {root} refused NIYAM_TELEGRAM_TOKEN") from None
    except NetworkError as exc:
        raise BadInput(f"cannot reach the Bot API at {root} ({type(exc).__name__})") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BadInput(f"port {config.port} is in use (NIYAM_TELEGRAM_PORT)") from None
        raise
    log.info("Telegram bot stopped")
