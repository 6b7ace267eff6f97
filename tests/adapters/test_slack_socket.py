"""Socket Mode against a local WebSocket speaking Slack's envelope protocol."""

from __future__ import annotations

import asyncio
import json

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from adapters.slack import build_app
from tests.adapters.slack_double import APP_TOKEN, BOT_TOKEN, BOT_USER, all_text, event_callback, mention, slack_double  # noqa: F401

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


async def test_socket_mode_acks_the_envelope_and_answers_in_the_thread(slack_double, fake_service, tmp_path):
    d = slack_double
    app = build_app(fake_service, token=BOT_TOKEN, signing_secret="", api_url=d.api_url, data_dir=tmp_path,
                    admins=set(), socket_mode=True)
    handler = AsyncSocketModeHandler(app, APP_TOKEN)
    await handler.connect_async()
    try:
        [opened] = await d.wait_for("apps.connections.open")
        assert opened.auth == f"Bearer {APP_TOKEN}"
        await d._wait(lambda: d.ws_connections, 5)
        assert d.ws_connections == 1

        body = event_callback(mention(f"<@{BOT_USER}> {QUESTION}", ts="1700000000.000900"), event_id="EvSOCK1")
        await d.envelopes.put({"envelope_id": "env-1", "type": "events_api", "payload": body,
                               "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": ""})
        ack = await d.wait_ack("env-1")
        assert ack == {"envelope_id": "env-1"}
        [post] = await d.wait_for("chat.postMessage")
        assert post.args["thread_ts"] == "1700000000.000900"
        assert "AIS 7(i)" in all_text(post.args["blocks"])

        # Slack redelivers the same event on a retry: acked, not answered again.
        await d.envelopes.put({"envelope_id": "env-2", "type": "events_api", "payload": body,
                               "accepts_response_payload": False, "retry_attempt": 1, "retry_reason": "timeout"})
        await d.wait_ack("env-2")

        # A slash command over the socket: acked, answered privately through its response_url.
        command = {"token": "x", "team_id": "T0001", "channel_id": "C0GENERAL", "user_id": "U0ASKER",
                   "command": "/niyam", "text": QUESTION, "response_url": d.response_url("sock-cmd"),
                   "trigger_id": "1.2.3", "api_app_id": "A0001"}
        await d.envelopes.put({"envelope_id": "env-3", "type": "slash_commands", "payload": command,
                               "accepts_response_payload": True})
        await d.wait_ack("env-3")
        [private] = await d.wait_response("sock-cmd")
        assert private["response_type"] == "ephemeral" and "AIS 7(i)" in json.dumps(private["blocks"])

        await asyncio.sleep(0.2)
        assert len(d.of("chat.postMessage")) == 1
        assert len(fake_service.asked) == 2
    finally:
        await handler.close_async()
