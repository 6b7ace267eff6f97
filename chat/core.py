"""The chat core both adapters sit on. An adapter parses its platform's payload into a person's id and text,
calls one of these methods, and renders what comes back: an `Answer`, a `RuleView`, sources, or a `Say`.

The service is synchronous; its calls run in worker threads (the event loop stays free for other chats), at
most MAX_CONCURRENT_CALLS at a time on every platform, so a burst queues here instead of taking every thread.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.answer import Answer, RuleView, SourceInfo
from bot.protocol import Service
from chat import followup, texts
from chat.conversations import Checked, Conversations
from chat.details import AnswerDetails
from chat.errors import reply_for
from chat.feedback import Feedback
from chat.limits import RateLimiter
from chat.say import Say
from chat.seen import SeenEvents
from chat.settings import Profile, UserSettings
from chat.stats import StatsStore
from chat.training import CountedFeedbackLog, Training
from chat.uploads import Pending, Uploads
from knowledge.errors import NiyamError
from knowledge.model import Rulebook
from knowledge.states import state_name
from state.db import database

log = logging.getLogger("niyam.chat")

MAX_CONCURRENT_CALLS = 4
T = TypeVar("T")
_RULE_NUMBER = re.compile(r"^(?:rule|r\.?|niyam|नियम)?\s*(\d+[A-Za-z]?(?:\s*\([^)]*\))*)$", re.IGNORECASE)
_RULEBOOK_RULE = re.compile(r"^(AIS|CCS)\s*(?:rule\s*)?(\d.*)$", re.IGNORECASE)


def rule_ref(text: str, rulebook: Rulebook | str) -> str:
    """What `/rule TEXT` asks for: "7", "rule 7(i)" or "७" in the asker's rulebook ("AIS 7"); "ccs 9" and
    "CCS9" as "CCS 9" for anyone; anything else (a circular's ref) as written."""
    text = " ".join(text.translate(str.maketrans("०१२३४५६७८९", "0123456789")).split())
    m = _RULE_NUMBER.match(text)
    if m:
        return f"{rulebook} {m.group(1)}"
    m = _RULEBOOK_RULE.match(text)
    if m:
        return f"{m.group(1).upper()} {m.group(2)}"
    return text


@dataclass(frozen=True)
class Turn:
    """What a message gets: an answer (with the draft it checked, to remember for follow-ups), or a reply."""

    answer: Answer | None = None
    say: Say | None = None
    draft: str | None = None  # the draft the answer checked
    base: str | None = None  # for a follow-up: the draft it changed


class ChatCore:
    def __init__(self, service: Service, *, platform: str, data_dir: Path, admins: set[str] | frozenset[str],
                 rate_limit: int = texts.RATE_LIMIT, window: float = texts.RATE_WINDOW,
                 preview_ttl: float = texts.PREVIEW_TTL_MINUTES * 60.0):
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.service = service
        self.platform = platform
        self.admins = {a for a in admins if a.startswith(platform + ":")}
        self.db = database(data_dir)  # shared with every replica: settings, feedback, limits, seen deliveries
        self.settings = UserSettings(self.db)
        self.limiter = RateLimiter(rate_limit, window, db=self.db)
        self.training = Training(StatsStore.in_data_dir(data_dir), platform)  # quiz, digest, counts
        self.feedback = Feedback(CountedFeedbackLog(self.db, self.training), platform)
        self.seen = SeenEvents(db=self.db, namespace=platform)
        self.uploads = Uploads(data_dir, ttl=preview_ttl)
        self.conversations = Conversations()  # last drafts, in memory only, for FOLLOWUP_MINUTES
        self.details = AnswerDetails()  # answers behind their Details / Check without it buttons (memory only)
        self._gate: asyncio.Semaphore | None = None

    # ------------------------------------------------------------ who

    def key(self, user_id: object) -> str:
        """The person's key across Niyam: `platform:user id`."""
        return f"{self.platform}:{user_id}"

    def is_admin(self, user_id: object) -> bool:
        return self.key(user_id) in self.admins

    def profile(self, user_id: object) -> Profile:
        return self.settings.profile(self.key(user_id))

    async def set_rulebook(self, user_id: object, value: object) -> Rulebook:
        """Saves the person's rulebook; raises BadInput for one Niyam does not know."""
        return await asyncio.to_thread(self.settings.set_rulebook, self.key(user_id), value)

    # ------------------------------------------------------------ asking

    def refuse_draft(self, user_id: object, text: str) -> Say | None:
        """Why a (non-empty) draft is not checked now, or None: too long, or asking too fast."""
        if len(text) > texts.MAX_DRAFT_CHARS:
            return Say(texts.TOO_LONG, {"n": len(text), "limit": texts.MAX_DRAFT_CHARS})
        return self.limiter.refusal(self.key(user_id))

    def within_limit(self, user_id: object) -> Say | None:
        """The rate limit alone (for /rule and /sources)."""
        return self.limiter.refusal(self.key(user_id))

    async def ask(self, user_id: object, question: str) -> Answer:
        """The answer for the person's rulebook and State. Its own words follow the question's language, or
        Hindi for a person who chose Hindi."""
        p = await asyncio.to_thread(self.profile, user_id)
        answer = await self.call(self.service.ask, question, p.rulebook, state=p.state,
                                 lang="hi" if p.lang == "hi" else None)
        await asyncio.to_thread(self.training.count_answer, answer, p.rulebook)  # counts only, never the text
        return answer

    async def check(self, user_id: object, text: str, *, follows: Sequence[str | None] = (), replied: bool = False,
                    base: str | None = None, edited: bool = False) -> Turn:
        """A message in a conversation: a change to the draft held under the first of `follows` (or to `base`)
        is checked as the changed draft and says so; a change that cannot be read, or one whose draft is no
        longer held (`replied`: the message answers one of Niyam's), gets a request for the changed draft;
        anything else is a new draft. `edited`: the message is an edit of one Niyam answered."""
        refusal = self.refuse_draft(user_id, text)
        if refusal is not None:
            return Turn(say=refusal)
        held = base if base is not None else getattr(self.conversations.first(follows), "draft", None)
        if held is not None:
            change = followup.read(text, held)
            if change == followup.UNCLEAR:
                return Turn(say=Say(texts.FOLLOWUP_UNCLEAR))
            if isinstance(change, followup.Change):
                answer = await self.ask(user_id, change.draft)
                answer.checked_text = change.draft
                answer.checked_note = texts.checked_note(change.kind, change.params, answer.language)
                return Turn(answer=answer, draft=change.draft, base=held)
        elif replied and followup.looks_like_change(text):
            return Turn(say=Say(texts.FOLLOWUP_EXPIRED, {"minutes": texts.FOLLOWUP_MINUTES}))
        answer = await self.ask(user_id, text)
        if edited:
            answer.checked_note = texts.checked_note("edited", {}, answer.language)
        return Turn(answer=answer, draft=text)

    def remember(self, keys: Sequence[str], turn: Turn, answer_refs: tuple = ()) -> None:
        """Holds the draft an answer checked under the conversation's keys (in memory, for FOLLOWUP_MINUTES)."""
        if turn.draft is not None:
            self.conversations.remember(keys, Checked(turn.draft, tuple(answer_refs), turn.base))

    def rule_ref(self, user_id: object, text: str) -> str:
        return rule_ref(text, self.profile(user_id).rulebook)

    async def rule(self, user_id: object, ref: str) -> RuleView | None:
        """The rule `ref` ("7" in the person's rulebook, "AIS 7", also "ais 7")."""
        rulebook = self.profile(user_id).rulebook
        return await self.call(self.service.rule, rule_ref(ref, rulebook), rulebook)

    async def set_state(self, user_id: object, value: object) -> str:
        return await asyncio.to_thread(self.settings.set_state, self.key(user_id), value)

    async def set_lang(self, user_id: object, value: object) -> str:
        return await asyncio.to_thread(self.settings.set_lang, self.key(user_id), value)

    def lang(self, user_id: object) -> str:
        """The language of the person's chat replies: their choice, else English."""
        return self.profile(user_id).lang or "en"

    def describe(self, user_id: object) -> Say:
        """The person's settings in words (rulebook, State, language)."""
        p = self.profile(user_id)
        lang = p.lang or "en"
        state = state_name(p.state, lang) if p.state else texts.localize(texts.STATE_NOT_SET, lang)
        return Say(texts.PROFILE_LINE, {"code": p.rulebook, "name": texts.RULEBOOK_NAMES[p.rulebook], "state": state,
                                        "language": texts.LANGUAGE_NAMES[lang]})

    async def sources(self) -> list[SourceInfo]:
        return await self.call(self.service.sources)

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._gate is None:  # made on the running loop
            self._gate = asyncio.Semaphore(MAX_CONCURRENT_CALLS)
        async with self._gate:
            return await asyncio.to_thread(fn, *args, **kwargs)

    def failure(self, where: str, exc: BaseException) -> Say:
        """What to tell the person when a step failed (a NiyamError's message, or an apology with a code)."""
        return reply_for(log, f"{self.platform} {where}", exc)

    # ------------------------------------------------------------ admin uploads

    async def preview_upload(self, user_id: object, path: Path, filename: str,
                             applies_to: list[str] | None = None) -> tuple[str | None, Say]:
        """Previews a file an admin's adapter downloaded into `uploads.new_dir()`: (token for the buttons, the
        preview), or (None, the refusal) with the download already deleted."""
        kept = False
        try:
            if not self.is_admin(user_id):
                return None, Say(texts.NOT_ADMIN)
            try:
                preview = await self.call(self.service.preview_document, path, filename=filename,
                                          applies_to=applies_to)
            except NiyamError as exc:
                return None, self._refusal(exc, filename)
            except Exception as exc:
                return None, self.failure("previewing a document", exc)
            token = self.uploads.put(Pending(self.key(user_id), path, filename, applies_to))
            kept = True
            log.info("%s: an admin previewed a document; %d awaiting confirmation", self.platform, len(self.uploads))
            asyncio.get_running_loop().call_later(self.uploads.ttl + 1, self.uploads.sweep)
            text = (preview or "").strip() or texts.NO_DETAILS
            if len(text) > texts.PREVIEW_CHARS:
                text = text[:texts.PREVIEW_CHARS].rstrip() + "\n…"
            return token, Say(texts.INDEX_PREVIEW, {"name": filename[:120], "preview": text,
                                                    "minutes": self.uploads.minutes})
        finally:
            if not kept:
                self.uploads.discard_dir(path.parent)

    def claim_upload(self, user_id: object, token: object, resend: str) -> Pending | Say:
        """The preview behind a button, taken by its admin (a second tap then finds nothing), or why not."""
        entry = self.uploads.get(token)
        if entry is None:
            return Say(texts.PREVIEW_EXPIRED, {"resend": resend})
        if entry.admin != self.key(user_id) or not self.is_admin(user_id):
            log.info("%s: refused a preview button pressed by someone other than its admin", self.platform)
            return Say(texts.PREVIEW_NOT_YOURS)
        taken = self.uploads.take(token)
        return taken if taken is not None else Say(texts.PREVIEW_EXPIRED, {"resend": resend})

    def cancel_upload(self, pending: Pending) -> Say:
        self.uploads.discard(pending)  # first: the reply says the copy is deleted
        log.info("%s: an admin cancelled a previewed document", self.platform)
        return Say(texts.INDEX_CANCELLED, {"name": pending.filename})

    async def index_upload(self, pending: Pending) -> Say:
        """Indexes a claimed preview; the download is deleted whatever happens."""
        try:
            result = await self.call(self.service.add_document, pending.path, actor=pending.admin,
                                     filename=pending.filename, applies_to=pending.applies_to)
        except NiyamError as exc:
            return self._refusal(exc, pending.filename)
        except Exception as exc:
            say = self.failure("indexing a document", exc)
            return Say(texts.INDEX_FAILED, {"name": pending.filename, "ref": say.params.get("ref", "-")})
        finally:
            await asyncio.to_thread(self.uploads.discard, pending)
        log.info("%s: an admin indexed document %s", self.platform, result.document_id)
        return Say(texts.INDEX_DONE, {"title": result.title, "id": result.document_id, "summary": result.summary})

    @staticmethod
    def _refusal(exc: NiyamError, filename: str) -> Say:
        from knowledge.errors import AdminUnavailable

        reason = (exc.user_message.strip().splitlines() or [type(exc).__name__])[0][:300]
        if isinstance(exc, AdminUnavailable):
            return Say(texts.INDEX_UNAVAILABLE, {"reason": reason})
        return Say(texts.INDEX_BAD_FILE, {"name": filename[:120], "reason": reason})

    def close(self) -> None:
        """Deletes the downloads of previews still awaiting confirmation (at shutdown)."""
        self.uploads.clear()
