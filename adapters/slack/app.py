"""Building and running Niyam's Slack app: HTTP mode (everything at /slack/events) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
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

from .handlers import PREVIEW_TTL, SlackAdvisor

log = logging.getLogger("niyam.slack")

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"


def _api_base(api_url: str | None) -> str:
    url = (api_url or DEFAULT_API_URL).strip()
    return url if url.endswith("/") else url + "/"


def build_app(service: Service, *, token: str, signing_secret: str, api_url: str | None = None,
              data_dir: Path | str | None = None, admins: set[str] | None = None, rate_limit: int = 10,
              socket_mode: bool = False, preview_ttl: float = PREVIEW_TTL) -> AsyncApp:
    """The Bolt app with Niyam's listeners; state (settings, feedback) under `data_dir`.

    `admins` are `slack:<user id>` entries as in NIYAM_ADMINS (read from it when None). A signing
    secret is required unless the app only ever runs in Socket Mode, where Slack does not sign.
    A file an admin shares for indexing waits `preview_ttl` seconds for "Index it", under `data_dir`/incoming.
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
        preview_ttl=preview_ttl,
    )
    advisor.register(app)
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

    def signed(body: str, headers) -> bool:
        try:
            return verifier.is_valid(body, headers.get("X-Slack-Request-Timestamp", ""),
                                     headers.get("X-Slack-Signature", ""))
        except ValueError:  # a timestamp that is not a number
            return False

    async def events(request: web.Request) -> web.Response:
        body = await request.text()
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
    """`niyam serve slack`: runs until interrupted; missing or bad configuration exits with status 2 and a one-line reason."""
    try:
        asyncio.run(serve_async(service))
    except ValueError as exc:
        print(f"niyam serve slack: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        pass
