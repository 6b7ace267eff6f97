"""Building and running Niyam's Slack app: HTTP mode (everything at /slack/events) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot import config
from bot.feedback import FeedbackLog
from bot.protocol import Service
from bot.ratelimit import RateLimiter
from bot.settings import UserSettings

from .handlers import SlackAdvisor

log = logging.getLogger("niyam.slack")

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"


def _api_base(api_url: str | None) -> str:
    url = (api_url or DEFAULT_API_URL).strip()
    return url if url.endswith("/") else url + "/"


def build_app(service: Service, *, token: str, signing_secret: str, api_url: str | None = None,
              data_dir: Path | str | None = None, admins: set[str] | None = None, rate_limit: int = 10,
              socket_mode: bool = False) -> AsyncApp:
    """The Bolt app with Niyam's listeners; state (settings, feedback) under `data_dir`.

    `admins` are `slack:<user id>` entries as in NIYAM_ADMINS (read from it when None). A signing
    secret is required unless the app only ever runs in Socket Mode, where Slack does not sign.
    """
    if not token:
        raise ValueError("a Slack bot token (xoxb-…) is required")
    if not signing_secret and not socket_mode:
        raise ValueError("a Slack signing secret is required in HTTP mode")
    base = _api_base(api_url)
    state = Path(data_dir) if data_dir is not None else config.data_dir()
    state.mkdir(parents=True, exist_ok=True)
    app = AsyncApp(
        client=AsyncWebClient(token=token, base_url=base),
        signing_secret=signing_secret or "",
        request_verification_enabled=bool(signing_secret),
        logger=logging.getLogger("niyam.slack.bolt"),
        name="niyam",
    )
    advisor = SlackAdvisor(
        service, token=token, api_url=base,
        settings=UserSettings(state / "settings.json"),
        feedback=FeedbackLog(state / "feedback.jsonl"),
        limiter=RateLimiter(limit=rate_limit),
        admins={a for a in (admins if admins is not None else config.admins()) if a.startswith("slack:")},
        incoming_dir=state / "incoming",
    )
    advisor.register(app)
    return app


def web_app(app: AsyncApp, *, signing_secret: str, path: str = EVENTS_PATH) -> web.Application:
    """An aiohttp application serving the Bolt app at `path` (events, commands, interactivity), plus /healthz.

    Bolt verifies signatures; a body Bolt cannot even parse gets 401 when unsigned and 400 when signed.
    """
    verifier = SignatureVerifier(signing_secret)

    async def events(request: web.Request) -> web.Response:
        try:
            bolt_request = await to_bolt_request(request)
        except Exception:
            body = await request.text()
            try:
                signed = verifier.is_valid(body, request.headers.get("X-Slack-Request-Timestamp", ""),
                                           request.headers.get("X-Slack-Signature", ""))
            except ValueError:  # a timestamp that is not a number
                signed = False
            if not signed:
                return web.Response(status=401, text="invalid signature")
            log.info("refused a signed request with a malformed body")
            return web.Response(status=400, text="malformed request")
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    wapp = web.Application()
    wapp.router.add_post(path, events)
    wapp.router.add_get("/healthz", health)
    return wapp


async def serve_async(service: Service, *, stop: asyncio.Event | None = None) -> None:
    """Runs until `stop` is set (or forever): Socket Mode when NIYAM_SLACK_APP_TOKEN is set, else HTTP."""
    env = os.environ
    token = env.get("NIYAM_SLACK_BOT_TOKEN", "").strip()
    secret = env.get("NIYAM_SLACK_SIGNING_SECRET", "").strip()
    app_token = env.get("NIYAM_SLACK_APP_TOKEN", "").strip()
    if not token:
        raise ValueError("NIYAM_SLACK_BOT_TOKEN is not set (the app's Bot User OAuth Token, xoxb-…)")
    if not app_token and not secret:
        raise ValueError("NIYAM_SLACK_SIGNING_SECRET is not set (or set NIYAM_SLACK_APP_TOKEN for Socket Mode)")
    app = build_app(service, token=token, signing_secret=secret, api_url=env.get("NIYAM_SLACK_API_URL") or None,
                    socket_mode=bool(app_token))
    waiting = stop or asyncio.Event()
    if app_token:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(app, app_token)
        await handler.connect_async()
        log.info("Niyam is connected to Slack in Socket Mode")
        try:
            await waiting.wait()
        finally:
            await handler.close_async()
        return
    port_text = env.get("NIYAM_SLACK_PORT", "3000").strip() or "3000"
    try:
        port = int(port_text)
    except ValueError:
        raise ValueError(f"NIYAM_SLACK_PORT must be a port number, not {port_text!r}") from None
    runner = web.AppRunner(web_app(app, signing_secret=secret))
    await runner.setup()
    await web.TCPSite(runner, host=env.get("NIYAM_SLACK_HOST", "0.0.0.0"), port=port).start()
    log.info("Niyam is listening for Slack on port %d at %s", port, EVENTS_PATH)
    try:
        await waiting.wait()
    finally:
        await runner.cleanup()


def serve(service: Service) -> None:
    """`niyam serve slack`: blocks until interrupted. Raises ValueError for missing configuration."""
    try:
        asyncio.run(serve_async(service))
    except KeyboardInterrupt:
        pass
