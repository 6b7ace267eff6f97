"""Running a chat adapter from the settings: its configuration is checked before the model is loaded."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from bot.protocol import Service
from knowledge.errors import BadInput
from niyam.settings import Settings

PLATFORMS = ("telegram", "slack")


def check_platform(name: str) -> str:
    platform = name.strip().lower()
    if platform not in PLATFORMS:
        raise BadInput(f"unknown platform {name!r}; choose telegram or slack")
    return platform


def telegram_config(settings: Settings):
    from adapters.telegram.app import TelegramConfig

    config = TelegramConfig(token=settings.telegram_token or "", api_url=settings.telegram_api_url,
                            webhook_url=settings.telegram_webhook_url, webhook_secret=settings.telegram_webhook_secret,
                            port=settings.telegram_port, listen=settings.telegram_listen)
    config.check()
    return config


def slack_config(settings: Settings):
    from adapters.slack.app import SlackConfig

    config = SlackConfig(bot_token=settings.slack_bot_token or "", signing_secret=settings.slack_signing_secret,
                         app_token=settings.slack_app_token, api_url=settings.slack_api_url, port=settings.slack_port,
                         host=settings.slack_host)
    config.check()
    return config


def run_adapter(platform: str, settings: Settings, open_service: Callable[[], Service]) -> None:
    """Runs `niyam serve PLATFORM` until SIGINT/SIGTERM; bad configuration or a port in use raise BadInput
    (the configuration is checked before `open_service` loads the model)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    admins = set(settings.admins)
    if check_platform(platform) == "telegram":
        from adapters.telegram.app import serve as serve_telegram

        telegram = telegram_config(settings)
        with operated(open_service(), settings) as service:
            serve_telegram(service, telegram, data_dir=settings.data_dir, admins=admins)
        return
    from adapters.slack.app import serve as serve_slack

    slack = slack_config(settings)
    with operated(open_service(), settings) as service:
        serve_slack(service, slack, data_dir=settings.data_dir, admins=admins)


@contextlib.contextmanager
def operated(service: Service, settings: Settings) -> Iterator[Service]:
    """The service with its pointer follower running and, when a health port is set, its /healthz; both are
    stopped when the block ends (the adapter stopped, or failed to start)."""
    from niyam.ops import follow_pointer, readiness, start_health_server

    health = None
    if settings.health_port is not None:
        try:
            health = start_health_server(settings.health_port, lambda: readiness(service))
        except OSError as exc:
            raise BadInput(f"cannot listen on the health port {settings.health_port} ({type(exc).__name__})") from None
    follower = follow_pointer(service, settings.follow_seconds)
    try:
        yield service
    finally:
        follower.stop()
        if health is not None:
            health.shutdown()
            health.server_close()
