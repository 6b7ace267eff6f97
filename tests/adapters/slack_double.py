"""A local stand-in for Slack, for the Slack adapter tests.

`SlackDouble` is the Web API (every method at /api/METHOD, recording calls and checking Block
Kit limits as Slack does), response_url endpoints, private file downloads and a Socket Mode
WebSocket. `SlackSender` plays Slack's side of HTTP mode: requests signed exactly as Slack signs
them (v0:timestamp:body, HMAC-SHA256). Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER = "UNIYAM"
BOT_ID = "BNIYAM"
TEAM = "T0001"

_ids = itertools.count(1)


@dataclass
class Call:
    method: str
    args: dict
    auth: str


@dataclass
class SlackDouble:
    calls: list[Call] = field(default_factory=list)
    responses: dict[str, list[dict]] = field(default_factory=dict)  # response_url posts by name
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)  # id -> (name, bytes, filetype)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (path, Authorization header)
    fail: dict[str, str] = field(default_factory=dict)  # method -> Slack error code to answer with
    acks: list[dict] = field(default_factory=list)  # what Socket Mode clients sent back
    posted: set[tuple[str, str]] = field(default_factory=set)  # (channel, ts) of chat.postMessage, for chat.update
    envelopes: asyncio.Queue = field(default_factory=asyncio.Queue)
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id -> bytes sent to its upload URL
    ws_connections: int = 0
    port: int = 0

    # ---- lifecycle

    async def start(self) -> "SlackDouble":
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_get("/files/{fid}/{name}", self._file)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/upload/{fid}", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self._changed = asyncio.Event()
        return self

    async def stop(self) -> None:
        await self._runner.cleanup()

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.root}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.root}/response/{name}"

    def add_file(self, fid: str, name: str, data: bytes, filetype: str = "pdf") -> None:
        self.files[fid] = (name, data, filetype)

    # ---- what tests look at

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait(self, check, timeout: float):
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            result = check()
            if result:
                return result
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return result
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 0.2))
            except asyncio.TimeoutError:
                pass

    async def wait_for(self, method: str, n: int = 1, timeout: float = 5.0) -> list[Call]:
        calls = await self._wait(lambda: len(self.of(method)) >= n and self.of(method), timeout)
        assert calls and len(calls) >= n, f"expected {n} {method} call(s), got {len(self.of(method))}: {self.calls}"
        return calls

    async def wait_response(self, name: str, n: int = 1, timeout: float = 5.0) -> list[dict]:
        posts = await self._wait(lambda: len(self.responses.get(name, [])) >= n and self.responses[name], timeout)
        assert posts and len(posts) >= n, f"expected {n} post(s) to response_url {name}, got {self.responses}"
        return posts

    async def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> dict:
        found = await self._wait(lambda: next((a for a in self.acks if a.get("envelope_id") == envelope_id), None),
                                 timeout)
        assert found, f"no ack for {envelope_id}: {self.acks}"
        return found

    async def quiet(self, seconds: float = 0.4) -> None:
        """Lets background work finish, for tests that check nothing was posted."""
        await asyncio.sleep(seconds)

    # ---- the Web API

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        auth = request.headers.get("Authorization", "")
        self.calls.append(Call(method, args, auth))
        self._notify()
        if method == "apps.connections.open":
            if auth != f"Bearer {APP_TOKEN}":
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket?ticket=t1"})
        if auth != f"Bearer {BOT_TOKEN}":
            return web.json_response({"ok": False, "error": "not_authed"})
        if method in self.fail:
            return web.json_response({"ok": False, "error": self.fail[method]})
        problem = check_blocks(args.get("blocks"))
        if problem:
            return web.json_response({"ok": False, "error": "invalid_blocks", "errors": [problem]})
        return web.json_response(self._answer(method, args))

    def _answer(self, method: str, args: dict) -> dict:
        ts = f"{int(time.time())}.{next(_ids):06d}"
        if method == "auth.test":
            return {"ok": True, "url": "https://niyam-test.example.invalid/", "team": "Test", "user": "niyam",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            if not args.get("channel"):
                return {"ok": False, "error": "channel_not_found"}
            self.posted.add((args["channel"], ts))
            return {"ok": True, "channel": args["channel"], "ts": ts, "message": {"text": args.get("text", "")}}
        if method == "chat.update":
            if not args.get("channel"):
                return {"ok": False, "error": "channel_not_found"}
            if (args["channel"], args.get("ts")) not in self.posted:
                return {"ok": False, "error": "message_not_found"}
            if not args.get("text") and not args.get("blocks"):
                return {"ok": False, "error": "no_text"}
            return {"ok": True, "channel": args["channel"], "ts": args["ts"], "text": args.get("text", "")}
        if method == "chat.postEphemeral":
            if not args.get("channel") or not args.get("user"):
                return {"ok": False, "error": "user_not_in_channel"}
            return {"ok": True, "message_ts": ts}
        if method == "views.publish":
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            if not args.get("user_id") or not isinstance(view, dict) or view.get("type") != "home":
                return {"ok": False, "error": "invalid_arguments"}
            problem = check_blocks(view.get("blocks"))
            if problem:
                return {"ok": False, "error": "invalid_blocks", "errors": [problem]}
            return {"ok": True, "view": {"id": "V1", **view}}
        if method == "conversations.open":
            users = str(args.get("users") or "")
            if not users:
                return {"ok": False, "error": "users_list_not_supplied"}
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0]}}
        if method == "files.getUploadURLExternal":
            if not args.get("filename") or not str(args.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            fid = f"F{next(_ids):06d}"
            return {"ok": True, "file_id": fid, "upload_url": f"{self.root}/upload/{fid}"}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            if not files or any(f.get("id") not in self.uploads for f in files):
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "files.info":
            fid = args.get("file", "")
            if fid not in self.files:
                return {"ok": False, "error": "file_not_found"}
            name, data, filetype = self.files[fid]
            url = f"{self.root}/files/{fid}/{name}"
            return {"ok": True, "file": {"id": fid, "name": name, "size": len(data), "filetype": filetype,
                                         "url_private": url, "url_private_download": url + "?download=1"}}
        return {"ok": True}

    async def _response_url(self, request: web.Request) -> web.Response:
        self.responses.setdefault(request.match_info["name"], []).append(await request.json())
        self._notify()
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["fid"]] = await request.read()
        self._notify()
        return web.Response(text="OK - 1")

    async def _file(self, request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization", "")
        self.downloads.append((request.path, auth))
        self._notify()
        fid = request.match_info["fid"]
        if auth != f"Bearer {BOT_TOKEN}" or fid not in self.files:
            return web.Response(status=302, headers={"Location": "/login"})  # what Slack does without a token
        return web.Response(body=self.files[fid][1], content_type="application/octet-stream")

    # ---- Socket Mode

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.ws_connections += 1
        self._notify()
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "debug_info": {"host": "local-double", "approximate_connection_time": 3600},
                            "connection_info": {"app_id": "A0001"}})

        async def pump():
            while True:
                envelope = await self.envelopes.get()
                await ws.send_json(envelope)

        pumping = asyncio.create_task(pump())
        try:
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    self.acks.append(json.loads(msg.data))
                    self._notify()
        finally:
            pumping.cancel()
        return ws


def check_blocks(blocks) -> str | None:
    """The Block Kit limits Slack enforces that Niyam could plausibly break."""
    if blocks is None:
        return None
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(blocks) > 50:
        return f"{len(blocks)} blocks (max 50)"
    for i, b in enumerate(blocks):
        if b["type"] == "header" and len(b["text"]["text"]) > 150:
            return f"block {i}: header over 150 characters"
        if b["type"] == "section" and len(b.get("text", {}).get("text", "")) > 3000:
            return f"block {i}: section text over 3000 characters"
        if b["type"] == "context" and len(b["elements"]) > 10:
            return f"block {i}: context with over 10 elements"
        for e in b.get("elements", []):
            if e.get("type") == "button" and len(e.get("value", "")) > 2000:
                return f"block {i}: button value over 2000 characters"
            if e.get("type") == "mrkdwn" and len(e.get("text", "")) > 3000:
                return f"block {i}: context text over 3000 characters"
    return None


# ---- Slack's side of HTTP mode

def sign(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_callback(event: dict, *, event_id: str | None = None) -> dict:
    return {"token": "legacy-unused", "team_id": TEAM, "api_app_id": "A0001", "type": "event_callback",
            "event": event, "event_id": event_id or f"Ev{next(_ids):08d}", "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}]}


def mention(text: str, *, user: str = "U0ASKER", channel: str = "C0GENERAL", ts: str | None = None,
            thread_ts: str | None = None, **extra) -> dict:
    event = {"type": "app_mention", "user": user, "text": text, "channel": channel,
             "ts": ts or f"1700000000.{next(_ids):06d}", "event_ts": "1700000000.000001", **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(text: str, *, user: str = "U0ASKER", channel: str = "D0ASKER", **extra) -> dict:
    return {"type": "message", "channel_type": "im", "user": user, "text": text, "channel": channel,
            "ts": f"1700000000.{next(_ids):06d}", "event_ts": "1700000000.000001", **extra}


@dataclass
class SlackSender:
    url: str
    secret: str = SIGNING_SECRET

    async def post(self, body: str, content_type: str, *, headers: dict | None = None,
                   signed: bool = True, timestamp: int | None = None) -> tuple[int, str]:
        all_headers = {"Content-Type": content_type, **(sign(body, self.secret, timestamp) if signed else {}),
                       **(headers or {})}
        async with aiohttp.ClientSession() as session:
            async with session.post(self.url, data=body.encode(), headers=all_headers) as resp:
                return resp.status, await resp.text()

    async def event(self, event: dict, *, event_id: str | None = None, retry: int | None = None) -> tuple[int, str]:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return await self.post(json.dumps(event_callback(event, event_id=event_id)), "application/json", headers=headers)

    async def command(self, text: str, *, response_url: str, user: str = "U0ASKER", channel: str = "C0GENERAL",
                      command: str = "/niyam") -> tuple[int, str]:
        form = {"token": "legacy-unused", "team_id": TEAM, "team_domain": "niyam-test", "channel_id": channel,
                "channel_name": "general", "user_id": user, "user_name": "asker", "command": command, "text": text,
                "api_app_id": "A0001", "is_enterprise_install": "false", "response_url": response_url,
                "trigger_id": "1.2.3"}
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def interact(self, payload: dict) -> tuple[int, str]:
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def block_action(action: dict, *, user: str = "U0ASKER", channel: str | None = "C0GENERAL",
                 response_url: str | None = None, view: dict | None = None, ephemeral: bool = False,
                 message_ts: str = "1700000000.000999") -> dict:
    payload = {"type": "block_actions", "team": {"id": TEAM, "domain": "niyam-test"},
               "user": {"id": user, "username": "asker", "team_id": TEAM}, "api_app_id": "A0001",
               "token": "legacy-unused", "trigger_id": "1.2.3", "actions": [{"block_id": "b1", "type": "button",
                                                                            "action_ts": "1700000001.1", **action}]}
    if channel:
        payload["channel"] = {"id": channel, "name": "general"}
        payload["container"] = {"type": "message", "message_ts": message_ts, "channel_id": channel,
                                "is_ephemeral": ephemeral}
    if response_url:
        payload["response_url"] = response_url
    if view:
        payload["view"] = view
        payload["container"] = {"type": "view", "view_id": "V1"}
    return payload


def actions_of(blocks) -> dict[str, dict]:
    """The buttons of a rendered answer, by action_id."""
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


def all_text(blocks) -> str:
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return json.dumps(blocks, ensure_ascii=False)


# ---- fixtures (imported by the test modules)

@dataclass
class Harness:
    double: SlackDouble
    slack: SlackSender
    service: object
    data_dir: Path
    app: object


@pytest.fixture
async def slack_double():
    double = await SlackDouble().start()
    yield double
    await double.stop()


async def start_http(app, secret: str = SIGNING_SECRET) -> tuple[web.AppRunner, str]:
    from adapters.slack.app import web_app

    runner = web.AppRunner(web_app(app, signing_secret=secret))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}/slack/events"


@pytest.fixture
async def harness_factory(slack_double, tmp_path, fake_service):
    """`await make(**build_app_kwargs)`: the real Bolt app over HTTP on loopback, against the double."""
    from adapters.slack import build_app

    runners = []

    async def make(service=None, **kwargs) -> Harness:
        service = service or fake_service
        kwargs.setdefault("admins", set())
        app = build_app(service, token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack_double.api_url,
                        data_dir=tmp_path, **kwargs)
        runner, url = await start_http(app)
        runners.append(runner)
        return Harness(slack_double, SlackSender(url), service, tmp_path, app)

    yield make
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
async def harness(harness_factory):
    return await harness_factory()
