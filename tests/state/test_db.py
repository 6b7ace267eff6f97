"""The shared database (state/): migrations on first use, one-time import of older JSON files, and the stores two
replicas share (settings, seen deliveries, rate limits, feedback) on one real SQLite file, each replica with its
own objects as two processes would have."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import inspect

from chat.feedback import FeedbackLog
from chat.limits import RateLimiter
from chat.say import QUIET
from chat.seen import SeenEvents
from chat.settings import Profile, UserSettings
from knowledge.errors import BackendUnavailable, BadInput
from knowledge.library import Library
from knowledge.model import Rulebook
from knowledge.official import inspect_official
from state.db import Database, database
from state.importing import FILES
from tests.reliability.conftest import om_file


def test_the_schema_is_created_by_the_shipped_migrations_on_first_use(tmp_path):
    db = database(tmp_path)
    assert db.revision() == "0002"
    assert {"profiles", "feedback", "seen_events", "rate_hits", "audit", "index_pointer", "index_versions",
            "documents", "document_changes", "alembic_version"} <= set(inspect(db.engine).get_table_names())
    db.migrate()  # again: nothing to do
    assert (tmp_path / "niyam.db").stat().st_mode & 0o077 == 0


def test_json_files_of_an_older_niyam_are_imported_once(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"slack:U1": {"service": "CCS"}, "telegram:7": {}}))
    (tmp_path / "feedback.jsonl").write_text(json.dumps({"at": "2026-11-01T00:00:00+00:00", "platform": "slack",
                                                         "feedback": "helpful", "verdict": "allowed",
                                                         "refs": ["AIS 7"]}) + "\n{torn")
    (tmp_path / "audit.jsonl").write_text(json.dumps({"at": "x", "actor": "cli:a", "action": "add", "ok": True,
                                                      "document": "om-1", "tx": "t1"}) + "\n")
    db = database(tmp_path)
    assert UserSettings(db).profile("slack:U1") == Profile(Rulebook.CCS)
    assert [r["refs"] for r in FeedbackLog(db).rows()] == [["AIS 7"]]
    assert Library(tmp_path).audited_ids() == {"om-1"}
    for name in FILES[:3]:
        assert not (tmp_path / name).exists() and (tmp_path / f"{name}.imported").exists()
    database(tmp_path)  # a second open imports nothing twice
    assert len(FeedbackLog(db).rows()) == 1


def test_an_unreachable_database_is_one_line(monkeypatch, tmp_path):
    db = Database("postgresql+psycopg://niyam@127.0.0.1:1/niyam")
    t0 = time.monotonic()
    with pytest.raises(BackendUnavailable) as e:
        db.check()
    assert "cannot reach the database at postgresql://127.0.0.1:1/niyam" in e.value.user_message
    assert "\n" not in e.value.user_message and time.monotonic() - t0 < 15
    with pytest.raises(BadInput):
        Database("not a url")


def test_replicas_share_settings_seen_deliveries_limits_and_feedback(tmp_path):
    db = database(tmp_path)
    a, b = UserSettings(db), UserSettings(db)
    a.set_rulebook("slack:U1", "ccs")
    a.set_state("slack:U1", "KL")
    assert b.profile("slack:U1") == Profile(Rulebook.CCS, "KL", None)
    b.set_lang("slack:U1", "hi")
    assert a.profile("slack:U1").lang == "hi" and a.profile("slack:U1").rulebook is Rulebook.CCS

    seen_a, seen_b = SeenEvents(db=db, namespace="slack"), SeenEvents(db=db, namespace="slack")
    assert seen_a.first_time("Ev1") and not seen_b.first_time("Ev1") and not seen_a.first_time("Ev1")
    assert SeenEvents(db=db, namespace="telegram").first_time("Ev1")  # another platform's ids are its own

    lim_a, lim_b = RateLimiter(2, 60, db=db), RateLimiter(2, 60, db=db)
    assert lim_a.refusal("slack:U1") is None and lim_b.refusal("slack:U1") is None
    assert lim_a.refusal("slack:U1").text and lim_a.refusal("slack:U1") is QUIET  # said once, then quiet
    assert lim_b.refusal("slack:U1") is not None and lim_b.refusal("slack:U2") is None

    FeedbackLog(db).record(platform="slack", kind="helpful", verdict="allowed", refs=["AIS 7"])
    assert len(FeedbackLog(db).rows()) == 1


def test_a_database_of_the_first_schema_is_upgraded_on_first_use(tmp_path):
    from alembic import command
    from alembic.config import Config

    from state.db import MIGRATIONS, database_url

    old = Database(database_url(tmp_path))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert old.revision() == "0001" and "documents" not in inspect(old.engine).get_table_names()
    old.engine.dispose()
    assert database(tmp_path).revision() == "0002"


def test_added_documents_of_an_older_niyam_are_imported_once(tmp_path):
    doc = inspect_official(om_file(tmp_path, 1), id="om-1").document
    folder = tmp_path / "data" / "documents"
    (folder / ".pending").mkdir(parents=True)
    (folder / "om-1.json").write_text(doc.model_dump_json(indent=1))
    (folder / "not an id.json").write_text("{}")
    journal = {"tx": "20261101T000000-abc", "op": "remove", "id": "om-1", "document": None, "actor": "cli:a"}
    (folder / ".pending" / "20261101T000000-abc.json").write_text(json.dumps(journal))
    lib = Library(tmp_path / "data")
    assert [d.id for d in lib.added()] == ["om-1"] and lib.added()[0] == doc
    assert lib.pending() == [journal]
    assert not folder.exists() and (tmp_path / "data" / "documents.imported" / "om-1.json").exists()
    assert lib.added_ids() == ["om-1"]  # a second open imports nothing twice


def test_an_add_on_one_host_is_in_the_next_build_on_another(tmp_path, monkeypatch):
    """Two data dirs on one database (as two hosts on one PostgreSQL): the documents an admin adds on one are the
    documents every other host builds from, with the file that went live; a remove on the other is seen back."""
    monkeypatch.setenv("NIYAM_DATABASE_URL", f"sqlite:///{tmp_path / 'shared.db'}")
    host_a, host_b = Library(tmp_path / "a"), Library(tmp_path / "b")
    path = om_file(tmp_path, 1)
    doc = inspect_official(path, id="om-1").document
    tx = host_a.stage("add", "om-1", doc, original=path.read_bytes(), actor="cli:a", filename="om-1.txt")
    assert "om-1" not in {d.id for d in host_b.documents()}  # journalled, not published: no build sees it
    host_a.publish(tx)
    assert "om-1" in {d.id for d in host_b.documents()} and host_b.original("om-1") == ("om-1.txt", path.read_bytes())
    host_b.publish(host_b.stage("remove", "om-1", actor="cli:b"))
    assert host_a.added_ids() == [] and not host_a.pending()
    assert not (tmp_path / "a" / "documents").exists() and not (tmp_path / "b" / "documents").exists()
