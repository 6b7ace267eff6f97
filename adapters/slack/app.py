"""Building and running Niyam's Slack app: HTTP mode (everything at /slack/events) or Socket Mode."""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.admin import SlackAdmin
from adapters.slack.handlers import SlackAdvisor
from adapters.slack.quiz import DIGEST_EVERY, SlackQuiz, quiz_of
from bot.protocol import Service
from chat import texts
from chat.core import ChatCore
from knowledge.errors import BadInput

log = logging.getLogger("niyam.slack")

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"


def _api_base(api_url: str | None) -> str:
    url = (api_url or DEFAULT_API_URL).strip()
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class SlackConfig:
    """The contract's NIYAM_SLACK_* variables, as niyam/settings.py read them."""

    bot_token: str
    signing_secret: str | None = None
    app_token: str | None = None  # set: Socket Mode; otherwise HTTP mode
    api_url: str = DEFAULT_API_URL
    port: int = 3000
    host: str = "0.0.0.0"

    def check(self) -> None:
        """Raises BadInput naming the variable that is missing."""
        if not self.bot_token:
            raise BadInput("NIYAM_SLACK_BOT_TOKEN is not set (the app's Bot User OAuth Token, xoxb-…)")
        if not self.app_token and not self.signing_secret:
            raise BadInput("NIYAM_SLACK_SIGNING_SECRET is not set (or set NIYAM_SLACK_APP_TOKEN for Socket Mode)")


def build_app(service: Service, *, token: str, signing_secret: str, data_dir: Path | str, api_url: str | None = None,
              admins: set[str] | frozenset[str] = frozenset(), rate_limit: int = texts.RATE_LIMIT,
              socket_mode: bool = False, preview_ttl: float = texts.PREVIEW_TTL_MINUTES * 60.0,
              clock: Callable[[], dt.datetime] | None = None, digest_every: float = DIGEST_EVERY) -> AsyncApp:
    """The Bolt app with Niyam's listeners over the chat core; state (settings, feedback, uploads) under `data_dir`.

    `admins` are `slack:<user id>` entries as in NIYAM_ADMINS. A signing secret is required unless the app only
    ever runs in Socket Mode, where Slack does not sign. A file an admin shares for indexing waits `preview_ttl`
    seconds for "Index it". The weekly digest's schedule is looked at every `digest_every` seconds, by `clock` (UTC;
    tests set their own), once `quiz_of(app).start()` runs on the event loop (`serve_async` does).
    """
    if not token:
        raise BadInput("a Slack bot token (xoxb-…) is required")
    if not signing_secret and not socket_mode:
        raise BadInput("a Slack signing secret is required in HTTP mode")
    base = _api_base(api_url)
    app = AsyncApp(
        client=AsyncWebClient(token=token, base_url=base),
        signing_secret=signing_secret or "",
        request_verification_enabled=bool(signing_secret),
        logger=logging.getLogger("niyam.slack.bolt"),
        name="niyam",
    )
    core = ChatCore(service, platform="slack", data_dir=Path(data_dir), admins=admins, rate_limit=rate_limit,
                    preview_ttl=preview_ttl)
    if clock is not None:
        core.training.clock = clock
    quiz = SlackQuiz(core, token=token, api_url=base, digest_every=digest_every)
    SlackAdvisor(core, SlackAdmin(core, token=token, api_url=base), quiz).register(app)
    return app


def malformed(body: object) -> bool:
    """Shapes Slack never sends and Bolt's own plumbing would trip over before any listener runs."""
    if not isinstance(body, dict):
        return True
    kind = body.get("type")
    if kind == "event_callback":
        return not isinstance(body.get("event"), dict)
    if kind == "block_actions":
        actions = body.get("actions")
        return not (isinstance(actions, list) and actions and all(isinstance(a, dict) for a in actions))
    return any(key in body and not isinstance(body[key], dict) for key in ("user", "channel", "team", "view"))


def web_app(app: AsyncApp, *, signing_secret: str, path: str = EVENTS_PATH) -> web.Application:
    """An aiohttp application serving the Bolt app at `path` (events, commands, interactivity), plus /healthz.

    Unsigned or stale requests get 401 (checked here and again by Bolt); a signed body Bolt cannot handle gets 400.
    """
    verifier = SignatureVerifier(signing_secret)

    def signed(body: bytes, headers) -> bool:
        try:
            return verifier.is_valid(body, headers.get("X-Slack-Request-Timestamp", ""),
                                     headers.get("X-Slack-Signature", ""))
        except ValueError:  # a timestamp that is not a number
            return False

    async def events(request: web.Request) -> web.Response:
        body = await request.read()  # the bytes as signed: checked before anything decodes them
        if not signed(body, request.headers):  # Bolt checks again; this also covers bodies Bolt cannot parse
            return web.Response(status=401, text="invalid signature")
        try:
            bolt_request = await to_bolt_request(request)
            if malformed(bolt_request.body):
                raise ValueError("payload shape")
            return await to_aiohttp_response(await app.async_dispatch(bolt_request))
        except Exception as exc:  # a signed body of a shape Bolt cannot handle
            log.info("refused a signed request Bolt could not handle (%s)", type(exc).__name__)
            return web.Response(status=400, text="malformed request")

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    wapp = web.Application()
    wapp.router.add_post(path, events)
    wapp.router.add_get("/healthz", health)
    return wapp


async def serve_async(service: Service, config: SlackConfig, *, data_dir: Path,
                      admins: set[str] | frozenset[str] = frozenset(), stop: asyncio.Event | None = None) -> None:
    """Runs until `stop` is set (or forever): Socket Mode when an app token is configured, else HTTP.
    Raises BadInput for bad configuration or a port in use."""
    config.check()
    app = build_app(service, token=config.bot_token, signing_secret=config.signing_secret or "",
                    api_url=config.api_url, data_dir=data_dir, admins=admins, socket_mode=bool(config.app_token))
    waiting = stop or asyncio.Event()
    quiz = quiz_of(app)
    if quiz is not None:
        quiz.start()  # the weekly digest
    try:
        await _serve(app, config, waiting)
    finally:
        if quiz is not None:
            quiz.stop()


async def _serve(app: AsyncApp, config: SlackConfig, waiting: asyncio.Event) -> None:
    if config.app_token:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(app, config.app_token)
        await handler.connect_async()
        log.info("Niyam is connected to Slack in Socket Mode")
        try:
            await waiting.wait()
        finally:
            await handler.close_async()
        return
    runner = web.AppRunner(web_app(app, signing_secret=config.signing_secret or ""))
    await runner.setup()
    try:
        await web.TCPSite(runner, host=config.host, port=config.port).start()
    except OSError as exc:
        await runner.cleanup()
        if exc.errno == errno.EADDRINUSE:
            raise BadInput(f"port {config.port} is in use (NIYAM_SLACK_PORT)") from None
        raise BadInput(f"cannot listen on {config.host}:{config.port} ({type(exc).__name__})") from None
    log.info("Niyam is listening for Slack on port %d at %s", config.port, EVENTS_PATH)
    try:
        await waiting.wait()
    finally:
        await runner.cleanup()


def serve(service: Service, config: SlackConfig, *, data_dir: Path, admins: set[str] | frozenset[str] = frozenset()) -> None:
    """`niyam serve slack`: runs until SIGINT or SIGTERM (what systemd and a container runtime send), then returns,
    so the caller stops what it started around the service; bad configuration or a port in use raise BadInput."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await serve_async(service, config, data_dir=data_dir, admins=admins, stop=stop)
        log.info("Niyam stopped serving Slack")

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
