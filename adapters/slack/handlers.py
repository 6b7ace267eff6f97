"""Bolt listeners: mentions, DMs, /niyam, the check_post shortcut, buttons, App Home, admin indexing.

Every listener acknowledges first and runs the advisor (synchronous) in a worker thread after,
so Slack's 3-second limit never depends on the advisor. Nothing here logs what a message says.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import shutil
import traceback
from pathlib import Path
from typing import Awaitable, Callable

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError

from bot.feedback import FeedbackLog
from bot.protocol import AdminUnavailable, Service
from bot.ratelimit import RateLimiter
from bot.settings import UserSettings

from .blocks import (
    FEEDBACK_PREFIX,
    INDEX_CANCEL,
    INDEX_CONFIRM,
    SHARE_ACTION,
    answer_message,
    escape,
    index_preview_message,
    notice_message,
    parse_feedback_value,
)
from .files import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE, DownloadError, download, safe_filename
from .home import SERVICE_SELECT, home_view
from .state import IndexPreviews, PendingIndex, PendingShare, SeenEvents, ShareCache
from .text import (
    EMPTY_MENTION,
    HELP,
    INDEX_WORD,
    NO_TEXT_IN_MESSAGE,
    ONLY_FILES,
    RATE_LIMITED,
    SORRY,
    draft_problem,
    plain_text,
)

log = logging.getLogger("niyam.slack")

Send = Callable[[dict], Awaitable[None]]
Notice = Callable[[str], Awaitable[None]]

NOT_ADMIN = "Only Niyam's admins can add documents to the index. Ask one of them to add it."
SHARE_EXPIRED = "This answer can no longer be shared (it was given a while ago, or Niyam has restarted). Ask again with `/niyam`."
SHARE_FAILED = "I couldn't post in this conversation. Invite me with `/invite @Niyam` and press *Share in channel* again."
FEEDBACK_THANKS = "Thanks, noted. (Niyam keeps only the verdict and the rule references, never your text.)"
FEEDBACK_BAD = "Sorry, I couldn't record that feedback."
UNKNOWN_COMMAND = "I only know `/niyam`. Try `/niyam help`."
UNKNOWN_SHORTCUT = "I don't know that shortcut. Use *Check this post with Niyam* on a message."
INDEX_EXPIRED = ("This preview has expired (or Niyam has restarted), so I no longer have the file. "
                 "Share the file again with the word `index`.")
INDEX_NOT_YOURS = "Only the admin who shared this file can index or cancel it."
PREVIEW_TTL = 15 * 60.0  # seconds an admin has to press "Index it" before the downloaded copy is deleted
SERVICE_COMMAND = re.compile(r"service\s+(\S+)", re.IGNORECASE)
# At most this many advisor calls run at once: a burst of questions queues here instead of taking
# every thread of the default executor, which aiohttp also needs (DNS) to reach Slack.
MAX_CONCURRENT_ASKS = 4


def log_failure(where: str, exc: BaseException) -> None:
    """The exception's type, Slack's error code and where it was raised; never its message, which may quote a draft."""
    frames = traceback.extract_tb(exc.__traceback__)
    at = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    code = ""
    if isinstance(exc, SlackApiError):
        error = exc.response.get("error") if exc.response is not None else None
        code = f" ({error})" if isinstance(error, str) else ""
    log.error("%s failed: %s%s%s", where, type(exc).__name__, code, at)


def guarded(where: str):
    """A listener that logs its failure (type only) instead of raising: after an ack, a raising
    listener makes Bolt try the next matching one, which would answer the same request twice."""

    def wrap(listener):
        @functools.wraps(listener)
        async def run(*args, **kwargs):
            try:
                return await listener(*args, **kwargs)
            except Exception as exc:
                log_failure(where, exc)

        return run

    return wrap


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _from_a_bot(event: dict) -> bool:
    return bool(event.get("bot_id") or event.get("bot_profile") or event.get("subtype") == "bot_message")


class SlackAdvisor:
    """Niyam's Slack behaviour, registered on a Bolt AsyncApp by `register`."""

    def __init__(self, service: Service, *, token: str, api_url: str, settings: UserSettings,
                 feedback: FeedbackLog, limiter: RateLimiter, admins: set[str], incoming_dir: Path,
                 preview_ttl: float = PREVIEW_TTL):
        self.service = service
        self.token = token
        self.api_url = api_url
        self.settings = settings
        self.feedback = feedback
        self.limiter = limiter
        self.admins = admins
        self.incoming_dir = incoming_dir
        self.seen = SeenEvents()
        self.shares = ShareCache()
        self.previews = IndexPreviews(incoming_dir, ttl=preview_ttl)
        self.previews.remove_orphans()
        self.asking = asyncio.Semaphore(MAX_CONCURRENT_ASKS)

    def register(self, app: AsyncApp) -> None:
        app.middleware(self.skip_repeated_events)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)
        app.command(re.compile(r"^/niyam"))(self.on_command)
        app.shortcut("check_post")(self.on_check_post)
        app.action(SHARE_ACTION)(self.on_share)
        app.action(re.compile("^" + re.escape(FEEDBACK_PREFIX)))(self.on_feedback)
        app.action(SERVICE_SELECT)(self.on_service_select)
        app.action(INDEX_CONFIRM)(self.on_index_button)
        app.action(INDEX_CANCEL)(self.on_index_button)
        # Deliberate ignores, registered last: anything else Slack sends is acknowledged without work,
        # so Slack neither retries it nor shows the user an error.
        app.event(re.compile(".*"))(self.ignore_event)
        app.action(re.compile(".*"))(self.ignore_interaction)
        app.view(re.compile(".*"))(self.ignore_interaction)
        app.options(re.compile(".*"))(self.ignore_options)
        app.shortcut(re.compile(".*"))(self.on_unknown_shortcut)
        app.command(re.compile(".*"))(self.on_unknown_command)
        app.error(self.on_error)

    # ---- reliability

    async def skip_repeated_events(self, body, next):
        """Slack retries an event it thinks went unanswered (X-Slack-Retry-Num); answer each event id once."""
        if isinstance(body, dict) and body.get("type") == "event_callback":
            event_id = body.get("event_id")
            if isinstance(event_id, str) and not self.seen.first_time(event_id):
                log.info("skipped a repeated delivery of event %s", event_id)
                return BoltResponse(status=200, body="")
        return await next()

    async def on_error(self, error, body):
        kind = body.get("type") if isinstance(body, dict) else None
        log_failure(f"slack {kind if isinstance(kind, str) else 'request'}", error)

    # ---- asking

    async def _check_draft(self, *, user: str, text: str, send: Send, notice: Notice, has_files: bool = False,
                           empty_reply: str = EMPTY_MENTION, share_to: tuple[str, str | None] | None = None) -> None:
        problem = draft_problem(text, has_files=has_files, empty_reply=empty_reply)
        if problem:
            await notice(problem)
            return
        if not self.limiter.allow(f"slack:{user}"):
            await notice(RATE_LIMITED)
            return
        service = self.settings.service(f"slack:{user}")
        try:
            async with self.asking:
                answer = await asyncio.to_thread(self.service.ask, text, service)
        except Exception as exc:  # the advisor failed: say so, log the type only
            log_failure("advisor", exc)
            await notice(SORRY)
            return
        key = self.shares.put(PendingShare(answer, user, share_to[0], share_to[1])) if share_to else None
        await send(answer_message(answer, share_key=key))

    @guarded("app_mention")
    async def on_mention(self, event, context, client):
        """`@Niyam draft` in a channel: the answer goes in the message's thread."""
        event = _dict(event)
        channel, user, ts = _str(event.get("channel")), _str(event.get("user")), _str(event.get("ts"))
        if _from_a_bot(event) or event.get("subtype") or not (channel and user and ts):
            return
        if channel.startswith("D"):  # a mention inside a DM: the message.im listener answers it
            return
        thread_ts = _str(event.get("thread_ts")) or ts
        text = plain_text(event.get("text"), bot_user_id=context.bot_user_id)

        async def send(message: dict) -> None:
            await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message)

        async def notice(note: str) -> None:  # only the asker needs to see help, refusals and limits
            await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **notice_message(note))

        await self._check_draft(user=user, text=text, has_files=bool(event.get("files")), send=send, notice=notice)

    @guarded("message.im")
    async def on_message(self, event, context, client):
        """A direct message: answered in the DM. Everything else (channels, edits, deletions, joins, bots) is ignored."""
        event = _dict(event)
        channel = _str(event.get("channel"))
        if not channel or not (event.get("channel_type") == "im" or channel.startswith("D")):
            return
        if event.get("subtype") not in (None, "file_share") or _from_a_bot(event):
            return
        user = _str(event.get("user"))
        if not user or user == context.bot_user_id:
            return
        thread_ts = _str(event.get("thread_ts"))
        text = plain_text(event.get("text"), bot_user_id=context.bot_user_id)
        files = [f for f in event.get("files") or [] if isinstance(f, dict) and _str(f.get("id"))]

        async def send(message: dict) -> None:
            await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message)

        async def notice(note: str) -> None:
            await send(notice_message(note))

        if files and INDEX_WORD.search(text):
            await self._preview_files(client, user=user, files=files, send=send, notice=notice)
            return
        if files and not text and f"slack:{user}" in self.admins:
            await notice(ONLY_FILES + "\nTo add the file to Niyam's index, share it again with the word `index`.")
            return
        await self._check_draft(user=user, text=text, has_files=bool(files), send=send, notice=notice, empty_reply=HELP)

    @guarded("/niyam")
    async def on_command(self, ack, command, respond):
        """`/niyam draft`: acknowledged at once, answered ephemerally with a "Share in channel" button."""
        await ack()
        command = _dict(command)
        user, channel = _str(command.get("user_id")), _str(command.get("channel_id"))
        if not user or not _str(command.get("response_url")):
            log.info("ignored a slash command without a user or response_url")
            return
        text = plain_text(command.get("text"))

        async def send(message: dict) -> None:
            await respond(response_type="ephemeral", replace_original=False, **message)

        async def notice(note: str) -> None:
            await send(notice_message(note))

        if text.lower() in ("", "help"):
            await notice(HELP)
            return
        m = SERVICE_COMMAND.fullmatch(text)
        if m:
            try:
                service = await asyncio.to_thread(self.settings.set_service, f"slack:{user}", m.group(1))
            except ValueError:
                await notice("Choose `AIS` or `CCS`, e.g. `/niyam service CCS`.")
                return
            await notice(f"Saved: your questions are now checked against the *{service}* rules.")
            return
        await self._check_draft(user=user, text=text, send=send, notice=notice, empty_reply=HELP,
                                share_to=(channel, None) if channel else None)

    @guarded("check_post shortcut")
    async def on_check_post(self, ack, body, respond, client, context):
        """The "Check this post with Niyam" message shortcut: a private answer about that message."""
        await ack()
        body = _dict(body)
        user = _str(_dict(body.get("user")).get("id"))
        if not user:
            return
        channel = _str(_dict(body.get("channel")).get("id"))
        message = _dict(body.get("message"))
        private_url = _str(body.get("response_url"))

        async def send(msg: dict) -> None:
            if private_url:
                await respond(response_type="ephemeral", replace_original=False, **msg)
            else:  # no response_url: a direct message from the app is private too
                await client.chat_postMessage(channel=user, **msg)

        async def notice(note: str) -> None:
            await send(notice_message(note))

        if body.get("type") != "message_action":
            await notice("Use *Check this post with Niyam* from a message's ⋯ menu.")
            return
        text = plain_text(message.get("text"), bot_user_id=context.bot_user_id)
        thread_ts = _str(message.get("thread_ts")) or _str(message.get("ts"))
        await self._check_draft(user=user, text=text, send=send, notice=notice, empty_reply=NO_TEXT_IN_MESSAGE,
                                share_to=(channel, thread_ts) if channel else None)

    # ---- buttons

    @guarded("share button")
    async def on_share(self, ack, body, action, respond, client):
        """"Share in channel" on a private answer: post it publicly, then remove the private copy."""
        await ack()
        user = _str(_dict(_dict(body).get("user")).get("id"))
        key = _dict(action).get("value")
        pending = self.shares.get(key)
        can_respond = bool(_str(_dict(body).get("response_url")))

        async def notice(note: str) -> None:
            if can_respond:
                await respond(response_type="ephemeral", replace_original=False, **notice_message(note))

        if pending is None or pending.user != user:
            await notice(SHARE_EXPIRED)
            return
        message = answer_message(pending.answer, shared_by=user)
        try:
            await client.chat_postMessage(channel=pending.channel, thread_ts=pending.thread_ts, **message)
        except SlackApiError as exc:  # e.g. not_in_channel: the response_url can still post there
            log_failure("share via chat.postMessage", exc)
            if not can_respond:
                await notice(SHARE_FAILED)
                return
            try:
                await respond(response_type="in_channel", replace_original=False, **message)
            except Exception as exc2:
                log_failure("share via response_url", exc2)
                await notice(SHARE_FAILED)
                return
        self.shares.drop(key)
        if can_respond:
            await respond(delete_original=True)

    @guarded("feedback button")
    async def on_feedback(self, ack, body, action, respond):
        await ack()
        action = _dict(action)
        kind = str(action.get("action_id", "")).removeprefix(FEEDBACK_PREFIX)
        parsed = parse_feedback_value(action.get("value"))
        if parsed is None:
            log.info("ignored feedback with a value Niyam did not write")
            note = FEEDBACK_BAD
        else:
            verdict, refs = parsed
            try:
                await asyncio.to_thread(self.feedback.record, platform="slack", kind=kind, verdict=verdict, refs=refs)
                note = FEEDBACK_THANKS
            except ValueError:
                log.info("ignored unknown feedback kind %r", kind[:40])
                note = FEEDBACK_BAD
        if _str(_dict(body).get("response_url")):
            await respond(response_type="ephemeral", replace_original=False, **notice_message(note))

    # ---- App Home

    @guarded("app_home_opened")
    async def on_home_opened(self, event, client):
        event = _dict(event)
        user = _str(event.get("user"))
        if not user or event.get("tab", "home") != "home":
            return
        await client.views_publish(user_id=user, view=home_view(self.settings.service(f"slack:{user}")))

    @guarded("service select")
    async def on_service_select(self, ack, body, action, client):
        await ack()
        user = _str(_dict(_dict(body).get("user")).get("id"))
        value = _dict(_dict(action).get("selected_option")).get("value")
        if not user or not isinstance(value, str):
            return
        try:
            service = await asyncio.to_thread(self.settings.set_service, f"slack:{user}", value)
        except ValueError:
            log.info("ignored an unknown service choice")
            return
        await client.views_publish(user_id=user, view=home_view(service, saved=True))

    # ---- admin indexing: preview first, live only after "Index it"

    async def _preview_files(self, client, *, user: str, files: list[dict], send: Send, notice: Notice) -> None:
        """Each file is downloaded to a private directory and previewed; nothing is indexed until its admin confirms."""
        actor = f"slack:{user}"
        if actor not in self.admins:
            await notice(NOT_ADMIN)
            return
        for f in files[:MAX_FILES_PER_MESSAGE]:
            name = safe_filename(f.get("name"), f["id"])
            folder: Path | None = None
            problem: str | None = None
            unavailable = False
            try:
                try:
                    info = await client.files_info(file=f["id"])
                except SlackApiError as exc:
                    log_failure("files.info", exc)
                    problem = f"I couldn't read *{escape(name)}* from Slack. Is the `files:read` scope granted?"
                    continue  # (nothing downloaded yet; the notice follows below)
                meta = _dict(info.get("file"))
                name = safe_filename(meta.get("name") or name, f["id"])
                url = _str(meta.get("url_private_download")) or _str(meta.get("url_private"))
                if not url:
                    raise DownloadError("Slack gave me no address to download it from")
                size = meta.get("size")
                if isinstance(size, int) and size > MAX_FILE_BYTES:
                    raise DownloadError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
                folder = await asyncio.to_thread(self.previews.new_dir)
                path = await download(url, folder / name, token=self.token, api_url=self.api_url,
                                      expect_html=meta.get("filetype") == "html")
                preview = await asyncio.to_thread(self.service.preview_document, path, filename=name)
                key = self.previews.put(PendingIndex(user, path, name))
                folder = None  # the preview owns the copy now: deleted on expiry, on cancel or after indexing
                asyncio.get_running_loop().call_later(self.previews.ttl + 0.1, self.previews.sweep)
                minutes = max(1, round(self.previews.ttl / 60))
                try:
                    await send(index_preview_message(name, str(preview), key, minutes=minutes))
                except Exception:
                    self.previews.drop(key)  # no buttons were shown: nothing to keep
                    raise
                log.info("offered an index preview")
            except AdminUnavailable as exc:
                problem = f"Sorry, I can't add documents from chat here: {escape(str(exc))}"
                unavailable = True
            except (ValueError, DownloadError) as exc:
                problem = f"I couldn't add *{escape(name)}*: {escape(str(exc))}"
            except Exception as exc:
                log_failure("previewing a shared file", exc)
                problem = f"Sorry, something went wrong while reading *{escape(name)}*."
            finally:
                if folder is not None:  # a refused file is not kept
                    await asyncio.to_thread(shutil.rmtree, folder, True)
                if problem:  # said only once the copy is gone
                    await notice(problem)
            if unavailable:
                return
        if len(files) > MAX_FILES_PER_MESSAGE:
            await notice(f"I add up to {MAX_FILES_PER_MESSAGE} files a message; "
                         f"{len(files) - MAX_FILES_PER_MESSAGE} were not added. Share them again with `index`.")

    @guarded("index button")
    async def on_index_button(self, ack, body, action, respond, client):
        """"Index it" or "Cancel" under a preview: only the admin who shared the file decides."""
        await ack()
        body, action = _dict(body), _dict(action)
        user = _str(_dict(body.get("user")).get("id"))
        key = action.get("value")
        confirm = action.get("action_id") == INDEX_CONFIRM
        container = _dict(body.get("container"))
        channel = _str(container.get("channel_id")) or _str(_dict(body.get("channel")).get("id"))
        message_ts = _str(container.get("message_ts"))
        can_respond = bool(_str(body.get("response_url")))

        async def private(note: str) -> None:  # only whoever clicked sees it
            if can_respond:
                await respond(response_type="ephemeral", replace_original=False, **notice_message(note))
            elif channel and user:
                await client.chat_postEphemeral(channel=channel, user=user, **notice_message(note))

        async def replace(note: str) -> None:  # the preview message becomes the outcome; its buttons go
            if can_respond:
                await respond(replace_original=True, **notice_message(note))
            elif channel and message_ts:
                await client.chat_update(channel=channel, ts=message_ts, **notice_message(note))
            else:
                await private(note)

        if not user:
            return
        pending = self.previews.get(key)
        if pending is None:
            await private(INDEX_EXPIRED)
            return
        if pending.user != user or f"slack:{user}" not in self.admins:
            log.info("refused an index button pressed by someone other than the admin who shared the file")
            await private(INDEX_NOT_YOURS)
            return
        pending = self.previews.take(key)
        if pending is None:  # a second click while the first was being handled
            await private(INDEX_EXPIRED)
            return
        name = escape(pending.filename)
        try:
            if not confirm:
                log.info("an admin cancelled an index preview")
                outcome = f"Cancelled: *{name}* was not indexed, and I've deleted my copy of it."
            else:
                try:  # the buttons go at once, so nobody presses them again while the index is built
                    await replace(f"⏳ Indexing *{name}*…")
                except Exception as exc:
                    log_failure("updating an index preview", exc)
                try:
                    result = await asyncio.to_thread(self.service.add_document, pending.path,
                                                     actor=f"slack:{user}", filename=pending.filename)
                except AdminUnavailable as exc:
                    outcome = f"Sorry, I can't add documents from chat here: {escape(str(exc))}"
                except ValueError as exc:
                    outcome = f"I couldn't add *{name}*: {escape(str(exc))}"
                except Exception as exc:
                    log_failure("indexing a shared file", exc)
                    outcome = f"Sorry, something went wrong while adding *{name}*. Share the file again to retry."
                else:
                    log.info("an admin confirmed an index preview")
                    outcome = (f"📚 Added *{escape(str(result.title))}* (`{escape(str(result.document_id))}`)\n"
                               f"{escape(str(result.summary))}")
        finally:
            await asyncio.to_thread(self.previews.discard, pending)  # whatever happened, the copy goes first
        await replace(outcome)

    # ---- deliberate ignores

    @guarded("ignored event")
    async def ignore_event(self, event):
        etype = _dict(event).get("type")
        log.debug("ignored a %s event", etype if isinstance(etype, str) else "malformed")

    @guarded("ignored interaction")
    async def ignore_interaction(self, ack, body):
        await ack()
        log.info("ignored an unknown %s interaction", _dict(body).get("type"))

    @guarded("options")
    async def ignore_options(self, ack):
        await ack(options=[])

    @guarded("unknown shortcut")
    async def on_unknown_shortcut(self, ack, body, respond):
        await ack()
        if _str(_dict(body).get("response_url")):
            await respond(response_type="ephemeral", **notice_message(UNKNOWN_SHORTCUT))

    @guarded("unknown command")
    async def on_unknown_command(self, ack):
        await ack(response_type="ephemeral", text=UNKNOWN_COMMAND)
