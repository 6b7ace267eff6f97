"""The chat core without a platform: drafts, limits, settings, feedback and the wording of replies."""

from __future__ import annotations

import stat

import pytest

from chat import texts
from chat.core import ChatCore
from chat.feedback import FeedbackLog
from chat.limits import RateLimiter
from chat.say import QUIET, Say
from chat.settings import Profile, UserSettings
from knowledge.errors import BackendUnavailable, BadInput
from knowledge.model import Rulebook
from state.db import Database, database
from tests.adapters.conftest import FakeService


@pytest.fixture
def core(tmp_path):
    return ChatCore(FakeService(), platform="slack", data_dir=tmp_path, admins={"slack:U1", "telegram:7"},
                    rate_limit=2)


def test_admins_are_per_platform(core):
    assert core.is_admin("U1") and not core.is_admin("7") and core.key("U9") == "slack:U9"


def test_a_draft_over_the_limit_is_refused_and_the_rate_limit_is_said_once(core):
    too_long = core.refuse_draft("U2", "x" * (texts.MAX_DRAFT_CHARS + 1))
    assert too_long == Say(texts.TOO_LONG, {"n": texts.MAX_DRAFT_CHARS + 1, "limit": texts.MAX_DRAFT_CHARS})
    assert core.refuse_draft("U2", "a") is None and core.refuse_draft("U2", "b") is None
    assert core.refuse_draft("U2", "c") == Say(texts.RATE_LIMITED, {"limit": 2})
    assert core.refuse_draft("U2", "d") is QUIET and not QUIET  # then quiet until the window frees up
    assert core.refuse_draft("U3", "e") is None  # per person


async def test_the_rulebook_is_kept_per_person_in_the_private_database(core, tmp_path):
    assert core.profile("U2").rulebook is Rulebook.AIS
    assert await core.set_rulebook("U2", " ccs ") is Rulebook.CCS
    with pytest.raises(BadInput):
        await core.set_rulebook("U2", "IFS")
    assert core.profile("U2").rulebook is Rulebook.CCS and core.profile("U2").state is None
    assert UserSettings(database(tmp_path)).profile("slack:U2") == Profile(Rulebook.CCS, None, None)
    assert UserSettings(database(tmp_path)).profile("slack:U3") == Profile()
    assert stat.S_IMODE((tmp_path / "niyam.db").stat().st_mode) == 0o600
    answer = await core.ask("U2", "Can I post this?")
    assert answer.service == "CCS"


async def test_feedback_is_one_per_person_per_answer(core, tmp_path):
    answer = await core.ask("U2", "Can I post this?")
    token = core.feedback.offer(answer)
    assert core.feedback.record(token, "slack:U2", "helpful").text == texts.FEEDBACK_RECORDED
    assert core.feedback.record(token, "slack:U2", "wrong_rule").text == texts.FEEDBACK_ALREADY
    assert core.feedback.record(token, "slack:U3", "wrong_rule").text == texts.FEEDBACK_RECORDED
    assert core.feedback.record("forged", "slack:U3", "helpful").text == texts.FEEDBACK_STALE
    assert core.feedback.record(token, "slack:U4", "bogus").text == texts.FEEDBACK_STALE
    rows = FeedbackLog(database(tmp_path)).rows()
    assert [r["feedback"] for r in rows] == ["helpful", "wrong_rule"] and rows[0]["refs"] == ["AIS 7(i)"]
    assert stat.S_IMODE((tmp_path / "niyam.db").stat().st_mode) == 0o600


def test_a_failure_shows_only_a_niyam_errors_message_or_a_reference(core, caplog):
    assert core.failure("x", BadInput("that file is not a PDF")) == Say("that file is not a PDF")
    said = core.failure("x", RuntimeError("secret draft text"))
    assert said.text == texts.APOLOGY_WITH_REF and said.params["ref"] in caplog.text
    assert "secret draft text" not in caplog.text and "RuntimeError" in caplog.text


def test_say_renders_markup_and_escapes_only_the_values():
    say = Say("*{name}* is `{code}`: {n:,}", {"name": "<b>&", "code": "x", "n": 4000})
    assert say.render(lambda s: s.replace("<", "&lt;")) == "*&lt;b>&* is `x`: 4,000"
    assert say.render(lambda s: s.replace("<", "&lt;"), bold=("<b>", "</b>"), code=("<code>", "</code>")) == \
        "<b>&lt;b>&</b> is <code>x</code>: 4,000"


async def test_an_unreachable_database_gets_a_clear_reply_not_the_servers_address(core, caplog):
    down = Database("postgresql+psycopg://niyam@127.0.0.1:1/niyam")
    core.settings = UserSettings(down)
    core.limiter = RateLimiter(2, 60, db=down)
    assert core.refuse_draft("U2", "a draft") is None  # the limit lets it through; the answer's path says why not
    with pytest.raises(BackendUnavailable) as e:
        await core.ask("U2", "Can I post this?")
    said = core.failure("advisor", e.value)
    assert said == Say(texts.BACKEND_UNAVAILABLE) and "127.0.0.1" not in said.text
    assert "cannot reach the database" in caplog.text  # the operator's log has where
