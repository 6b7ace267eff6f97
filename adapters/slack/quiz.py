"""Slack's quiz (`/niyam quiz`, ephemeral, and its buttons), the weekly digest (`/niyam digest here|off`, posted by
an APScheduler job on the app's event loop) and the admins' `/niyam report` (a PNG sent by direct message); the
chat core (chat/training.py) decides, this module speaks Bolt.

A quiz button's action id is `niyam_quiz_<choice>` and its value `<round token>:<question number>`; a tap
replaces the private question with its reveal and sends the next question, or the score.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import weakref

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import MAX_SECTION, clip, mrkdwn
from adapters.slack.blocks import notice_message as note_of
from adapters.slack.common import Notice, Send, dict_of, guarded, text_of
from chat import texts
from chat.core import ChatCore
from chat.quiz import Question, Reveal
from chat.report import report_png
from chat.say import Say
from chat.training import Training

log = logging.getLogger("niyam.slack")

QUIZ_PREFIX = "niyam_quiz_"
QUIZ_ACTION = re.compile(r"^niyam_quiz_[acsn]$")
DIGEST_EVERY = 60.0  # seconds between the scheduler's looks at the digest schedule
QUIZ_COMMAND = re.compile(r"quiz", re.IGNORECASE)
DIGEST_COMMAND = re.compile(r"digest(?:\s+(\w+))?", re.IGNORECASE)
REPORT_COMMAND = re.compile(r"report(?:\s+(\d{4}-\d{2}-\d{2}))?", re.IGNORECASE)

_BY_APP: weakref.WeakKeyDictionary[AsyncApp, SlackQuiz] = weakref.WeakKeyDictionary()


def quiz_of(app: AsyncApp) -> SlackQuiz | None:
    """The quiz (and its digest scheduler) of an app `build_app` made."""
    return _BY_APP.get(app)


def question_message(training: Training, q: Question, code: str) -> dict:
    text = mrkdwn(training.question_say(q, code))
    return {"text": clip(text, 3000), "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}},
        {"type": "actions", "block_id": f"niyam_quiz_{q.number}", "elements": [
            {"type": "button", "action_id": QUIZ_PREFIX + choice, "value": f"{q.token}:{q.number}",
             "text": {"type": "plain_text", "emoji": True, "text": label}}
            for choice, label in Training.choices(q.lang)]},
    ]}


class SlackQuiz:
    def __init__(self, core: ChatCore, *, token: str, api_url: str, digest_every: float = DIGEST_EVERY):
        self.core = core
        self.training = core.training
        self.client = AsyncWebClient(token=token, base_url=api_url)  # the scheduler's own: no request to ride on
        self.digest_every = digest_every
        self.scheduler: AsyncIOScheduler | None = None

    def register(self, app: AsyncApp) -> None:
        app.action(QUIZ_ACTION)(self.on_tap)
        _BY_APP[app] = self

    # ------------------------------------------------------------ the digest's scheduler

    def start(self) -> None:
        """Starts looking at the digest schedule (call on the running event loop)."""
        if self.scheduler is None:
            self.scheduler = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=dt.timezone.utc)
            self.scheduler.add_job(self.digest_tick, "interval", seconds=self.digest_every, coalesce=True,
                                   max_instances=1, id="niyam-digest")
            self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None

    async def digest_tick(self) -> None:
        for post in await asyncio.to_thread(self.training.due):
            try:
                await self.client.chat_postMessage(channel=post.target.channel,
                                                   **note_of(mrkdwn(self.training.digest_say(post))))
                log.info("digest: posted a weekly %s", post.kind)
            except SlackApiError as exc:
                log.warning("digest: could not post a weekly %s: %s", post.kind, exc.response.get("error"))
            except Exception as exc:  # the scheduler must keep running
                log.warning("digest: could not post a weekly %s: %s", post.kind, type(exc).__name__)
            finally:
                await asyncio.to_thread(self.training.posted, post)

    # ------------------------------------------------------------ /niyam quiz | digest | report

    async def on_command(self, text: str, *, user: str, channel: str | None, send: Send, notice: Notice) -> bool:
        """Handles the quiz's subcommands of `/niyam`; False when `text` is none of them (a draft, then)."""
        text = text.strip()
        if QUIZ_COMMAND.fullmatch(text):
            await self.quiz(user, send, notice)
            return True
        m = DIGEST_COMMAND.fullmatch(text)
        if m:
            if await self._admin(user, "`/niyam digest`", notice):
                await self.digest(user, channel, (m.group(1) or "").lower(), notice)
            return True
        m = REPORT_COMMAND.fullmatch(text)
        if m:
            if await self._admin(user, "`/niyam report`", notice):
                await self.report(user, m.group(1), notice)
            return True
        return False

    async def _admin(self, user: str, command: str, notice: Notice) -> bool:
        if self.core.is_admin(user):
            return True
        await notice(mrkdwn(Say(texts.NOT_ADMIN_COMMAND, {"command": command})))
        return False

    async def quiz(self, user: str, send: Send, notice: Notice) -> None:
        profile = self.core.profile(user)
        started = await asyncio.to_thread(self.training.start, self.core.key(user), profile.rulebook, profile.lang)
        if isinstance(started, Say):
            await notice(mrkdwn(started))
            return
        await send(question_message(self.training, started, profile.rulebook))

    async def digest(self, user: str, channel: str | None, arg: str, notice: Notice) -> None:
        on, off = "`/niyam digest here`", "`/niyam digest off`"
        if not channel:
            await notice(mrkdwn(Say(texts.DIGEST_USAGE, {"on": on, "off": off})))
            return
        if arg in ("here", "on"):
            profile = self.core.profile(user)
            said = await asyncio.to_thread(self.training.set_digest, channel, self.core.key(user),
                                           rulebook=profile.rulebook, lang=profile.lang)
            await notice(mrkdwn(said) + "\n" + mrkdwn(texts.DIGEST_SLACK_INVITE))
            return
        if arg in ("off", "stop"):
            said = await asyncio.to_thread(self.training.drop_digest, channel)
        elif not arg:
            said = await asyncio.to_thread(self.training.digest_status, channel)
        else:
            said = Say(texts.DIGEST_USAGE, {"on": on, "off": off})
        await notice(mrkdwn(said))

    async def report(self, user: str, since_text: str | None, notice: Notice) -> None:
        try:
            since = dt.date.fromisoformat(since_text) if since_text else None
        except ValueError:
            await notice(mrkdwn(Say(texts.REPORT_USAGE, {"command": "`/niyam report`"})))
            return
        png = await asyncio.to_thread(report_png, self.training.store, since)
        caption = Say(texts.REPORT_CAPTION, {"since": texts.REPORT_SINCE.format(date=since) if since else ""})
        opened = await self.client.conversations_open(users=user)
        dm = dict_of(opened.get("channel")).get("id")
        await self.client.files_upload_v2(channel=dm, file=png, filename="niyam-report.png", title=texts.REPORT_TITLE,
                                          initial_comment=mrkdwn(caption))
        await notice(mrkdwn(texts.REPORT_SENT_SLACK))

    # ------------------------------------------------------------ the buttons

    @guarded("quiz button")
    async def on_tap(self, ack, body, action, respond):
        await ack()
        body, action = dict_of(body), dict_of(action)
        user = text_of(dict_of(body.get("user")).get("id"))
        if not user or not text_of(body.get("response_url")):
            return
        token, _, number = str(action.get("value", "")).partition(":")
        code = str(action.get("action_id", "")).removeprefix(QUIZ_PREFIX)
        result = await asyncio.to_thread(self.training.answer, self.core.key(user), token, number, code,
                                         self.core.profile(user).lang)
        if isinstance(result, Say):
            said = Say(result.text, {**result.params, "command": "`/niyam quiz`"})
            await respond(response_type="ephemeral", replace_original=False, **note_of(mrkdwn(said)))
            return
        await self._reveal(user, result, respond)

    async def _reveal(self, user: str, r: Reveal, respond) -> None:
        code = self.core.profile(user).rulebook
        says = ([self.training.question_say(r.asked, code), Say("")] if r.asked else []) + \
            self.training.reveal_says(r, "slack")
        text = "\n".join(mrkdwn(s) if s.text else "" for s in says)
        await respond(replace_original=True, **note_of(clip(text, MAX_SECTION)))
        if r.next is not None:
            await respond(response_type="ephemeral", replace_original=False,
                          **question_message(self.training, r.next, code))
