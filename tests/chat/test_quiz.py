"""The quiz's drawing and rounds over the real pack, the store (a real SQLite file) and the digest's schedule."""

from __future__ import annotations

import datetime as dt
import random
import re
import stat

import pytest

from chat.quiz import CHOICES, CODE_OF, QuizBank, QuizError, Rounds, is_post
from chat.stats import StatsStore
from chat.training import Training, next_slot
from knowledge.loader import load_pack
from knowledge.model import Status, Verdict

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def bank() -> QuizBank:
    return QuizBank.from_pack()


@pytest.fixture
def store(tmp_path) -> StatsStore:
    s = StatsStore.in_data_dir(tmp_path)
    yield s
    s.close()


def test_only_confidently_labelled_posts_of_verified_in_force_sections_are_used(bank):
    sections = {(s.ref): (d, s) for d in load_pack() for s in d.sections}
    assert len(bank.items) > 500
    for item in bank.items.values():
        doc, section = sections[item.ref]
        assert item.verdict in CHOICES
        assert section.effective_verified(doc) and section.effective_status(doc) == Status.in_force
        assert is_post(item.text) and item.rulebooks <= {"AIS", "CCS"}
        texts = [t.strip() for g in section.guidance for t in g.catches] + \
            [e.text.strip() for g in section.guidance for e in g.negatives() if e.verdict == item.verdict]
        assert item.text in texts
    unclear = [e.text.strip() for d in load_pack() for s in d.sections for g in s.guidance for e in g.negatives()
               if e.verdict == Verdict.unclear]
    assert unclear and not any(t in {i.text for i in bank.items.values()} for t in unclear)
    unverified = [t.strip() for d in load_pack() for s in d.sections if not s.effective_verified(d)
                  for g in s.guidance for t in g.catches]
    assert unverified and not any(t in {i.text for i in bank.items.values()} for t in unverified)


def test_questions_about_the_rules_themselves_are_not_quiz_posts():
    assert not is_post("Does the 2017 Kerala circular apply to me as an IAS officer?")
    assert not is_post("Article 19 gives me free speech. Can I post that the policy is heavy-handed?")
    assert is_post("Draft tweet: The new transfer policy is a disaster for field officers.")


def test_a_round_is_five_different_posts_on_five_concerns_with_mixed_verdicts(bank):
    for seed in range(20):
        items = bank.draw("AIS", "en", rng=random.Random(seed))
        assert len(items) == 5 and len({i.id for i in items}) == 5 and len({i.concern for i in items}) == 5
        assert all("AIS" in i.rulebooks and i.lang == "en" for i in items)
        assert len({i.verdict for i in items}) >= 2


def test_rounds_cover_the_concerns_evenly_and_rarely_repeat(bank):
    rng = random.Random(7)
    seen: list[str] = []
    for _ in range(12):
        seen += [i.id for i in bank.draw("CCS", "en", seen, rng=rng)]
    assert len(seen) == len(set(seen)) == 60  # no post twice in sixty
    per_concern: dict[str, int] = {}
    for q in seen:
        per_concern[bank.items[q].concern] = per_concern.get(bank.items[q].concern, 0) + 1
    concerns = {i.concern for i in bank.pool("CCS", "en")}
    assert set(per_concern) == concerns
    assert max(per_concern.values()) - min(per_concern.values()) <= 1


def test_hindi_users_get_devanagari_posts_and_hindi_reveals(bank):
    items = bank.draw("AIS", "hi", rng=random.Random(3))
    assert len(items) == 5 and all(re.search(r"[\u0900-\u097F]", i.text) for i in items)
    caught = next(i for i in bank.pool("AIS", "hi") if i.caught and i.verdict == Verdict.not_allowed)
    assert re.search(r"[\u0900-\u097F]", bank.why(caught, "hi"))
    assert re.search(r"[\u0900-\u097F]", bank.compliant(caught, "hi"))
    allowed = next(i for i in bank.pool("AIS", "en") if i.verdict == Verdict.allowed)
    assert bank.compliant(allowed) == ""


def test_a_round_scores_in_order_and_refuses_other_people_and_second_taps(bank):
    rounds = Rounds()
    items = bank.draw("AIS", "en", rng=random.Random(1))
    q = rounds.start("telegram:1", "en", items)
    with pytest.raises(QuizError, match="not_yours"):
        rounds.answer(q.token, "telegram:2", 1, Verdict.allowed, bank)
    with pytest.raises(QuizError, match="already"):
        rounds.answer(q.token, "telegram:1", 2, Verdict.allowed, bank)  # not shown yet
    right = 0
    for n, item in enumerate(items, start=1):
        choice = item.verdict if n % 2 else next(v for v in CHOICES if v != item.verdict)
        _, reveal = rounds.answer(q.token, "telegram:1", n, choice, bank)
        right += reveal.right
        assert reveal.right == (n % 2 == 1) and reveal.item == item
        with pytest.raises(QuizError):
            rounds.answer(q.token, "telegram:1", n, choice, bank)
    assert reveal.score == (3, 5) and reveal.next is None
    with pytest.raises(QuizError, match="stale"):
        rounds.answer(q.token, "telegram:1", 1, Verdict.allowed, bank)


def test_the_store_keeps_ids_scores_and_counts_by_day_in_a_private_file(store, tmp_path):
    assert stat.S_IMODE((tmp_path / "stats.db").stat().st_mode) == 0o600
    store.mark_seen("slack:U1", ["a", "b"], dt.datetime(2026, 11, 1, tzinfo=UTC))
    store.mark_seen("slack:U1", ["a"], dt.datetime(2026, 11, 2, tzinfo=UTC))
    assert store.seen("slack:U1") == ["b", "a"]  # least recently seen first
    store.record_score("slack:U1", 4, 5)
    assert store.scores("slack:U1") == [(4, 5)] and store.scores("slack:U2") == []
    store.bump([("verdict", "allowed"), ("verdict", "allowed")], dt.datetime(2026, 11, 1, 23, tzinfo=UTC))
    store.bump([("verdict", "allowed")], dt.datetime(2026, 11, 3, tzinfo=UTC))
    rows = [(r.day.isoformat(), r.kind, r.key, r.n) for r in store.counts()]
    assert rows == [("2026-11-01", "verdict", "allowed", 2), ("2026-11-03", "verdict", "allowed", 1)]
    assert [r.n for r in store.counts(dt.date(2026, 11, 2))] == [1]
    with pytest.raises(ValueError):
        store.bump([("question_text", "anything")])


def test_the_digest_posts_a_question_at_the_weekly_slot_and_its_answer_a_day_later(store, bank):
    now = [dt.datetime(2026, 12, 2, 12, tzinfo=UTC)]  # a Wednesday
    t = Training(store, "slack", bank=bank, clock=lambda: now[0], rng=random.Random(5))
    assert next_slot(now[0]) == dt.datetime(2026, 12, 7, 4, 30, tzinfo=UTC)  # Monday 10:00 IST
    assert next_slot(dt.datetime(2026, 12, 7, 4, 30, tzinfo=UTC)) == dt.datetime(2026, 12, 14, 4, 30, tzinfo=UTC)
    t.set_digest("C1", "slack:UADMIN")
    assert t.due() == []
    now[0] = dt.datetime(2026, 12, 7, 4, 30, tzinfo=UTC)
    (question,) = t.due()
    assert question.kind == "question"
    t.posted(question)
    assert t.due() == []
    now[0] += dt.timedelta(days=1)
    (answer,) = t.due()
    assert answer.kind == "answer" and answer.item == question.item
    assert CODE_OF[answer.item.verdict] in "acsn"
    t.posted(answer)
    assert t.due() == []
    target = store.digest("slack", "C1")
    assert target.next_question_at == dt.datetime(2026, 12, 14, 4, 30, tzinfo=UTC) and target.pending_item is None
    now[0] = dt.datetime(2027, 1, 6, tzinfo=UTC)  # the service was down for weeks: one question, not four
    (late,) = t.due()
    t.posted(late)
    assert late.item.id != question.item.id
    assert store.digest("slack", "C1").next_question_at == dt.datetime(2027, 1, 11, 4, 30, tzinfo=UTC)
    assert t.drop_digest("C1").text != t.drop_digest("C1").text  # off, then "not on here"
