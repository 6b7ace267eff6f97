"""The app manifest asks for exactly what the adapter uses, at the URLs it serves."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.adapters.slack_double import BOT_USER, event_callback, harness, harness_factory, mention, slack_double  # noqa: F401

MANIFEST = Path(__file__).resolve().parents[2] / "adapters" / "slack" / "manifest.yaml"


def test_the_manifest_declares_scopes_events_command_shortcut_and_urls():
    m = yaml.safe_load(MANIFEST.read_text())
    assert set(m["oauth_config"]["scopes"]["bot"]) == {"app_mentions:read", "chat:write", "commands", "im:history",
                                                        "im:write", "files:read", "files:write"}
    settings = m["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im", "app_home_opened"}
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is False
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
            m["features"]["slash_commands"][0]["url"]]
    assert urls == ["https://YOUR-HOST/slack/events"] * 3
    assert m["features"]["slash_commands"][0]["command"] == "/niyam"
    [shortcut] = m["features"]["shortcuts"]
    assert shortcut["type"] == "message" and shortcut["callback_id"] == "check_post"
    assert len(shortcut["description"]) <= 150 and len(shortcut["name"]) <= 40
    assert m["features"]["app_home"]["home_tab_enabled"] is True
    info = m["display_information"]
    assert len(info["description"]) <= 140 and 175 <= len(info["long_description"]) <= 4000


async def test_the_request_url_check_and_ssl_check_are_answered(harness):
    status, body = await harness.slack.post(json.dumps({"token": "x", "challenge": "abc123",
                                                        "type": "url_verification"}), "application/json")
    assert status == 200 and json.loads(body) == {"challenge": "abc123"}
    status, _ = await harness.slack.post("ssl_check=1&token=x", "application/x-www-form-urlencoded")
    assert status == 200
