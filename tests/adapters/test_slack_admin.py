"""Admins add a document by sharing it with Niyam in a DM with the word `index`: Niyam shows what it read
(a preview; nothing is live yet) with "Index it" and "Cancel", and indexes only when that admin confirms."""

from __future__ import annotations

import asyncio
import json
import logging
import stat

import pytest

from adapters.slack.blocks import INDEX_CANCEL, INDEX_CONFIRM, MAX_SECTION, code_block, index_preview_message
from adapters.slack.files import SLACK_FILE_DOMAINS, allowed_url
from chat import texts
from chat.say import Say
from knowledge.errors import BadDocument
from tests.adapters.slack_double import (  # noqa: F401
    BOT_TOKEN,
    actions_of,
    all_text,
    block_action,
    check_blocks,
    dm,
    harness_factory,
    slack_double,
)

PDF = b"%PDF-1.4 a circular about social media"
ADMINS = {"slack:U0ADMIN", "slack:U0ADMIN2", "telegram:42"}


@pytest.fixture(autouse=True)
def _no_document_text_in_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="niyam")
    yield
    for secret in ("GAD circular", "new-circular", "social media", "no text layer"):
        assert secret not in caplog.text, f"{secret!r} reached the logs"


def _share(text: str, *, user: str = "U0ADMIN", fid: str = "F0CIRC") -> dict:
    return dm(text, user=user, channel="D0ADMIN", subtype="file_share",
              files=[{"id": fid, "name": "ignored-here.pdf", "mode": "hosted"}])


def _watch(fake_service) -> dict:
    """Records the path and bytes the service was given for preview and for add."""
    seen: dict = {}
    preview, add = fake_service.preview_document, fake_service.add_document

    def preview_document(path, *, filename, applies_to=None):
        seen["preview"] = (path, path.read_bytes(), filename, applies_to)
        return preview(path, filename=filename, applies_to=applies_to)

    def add_document(path, *, actor, filename, applies_to=None):
        seen["add"] = (path, path.read_bytes(), filename, applies_to)
        return add(path, actor=actor, filename=filename, applies_to=applies_to)

    fake_service.preview_document, fake_service.add_document = preview_document, add_document
    return seen


async def _previewed(h, *, name: str = "GAD circular 2026.pdf", fid: str = "F0CIRC"):
    """Shares a file with `index`; the preview post and its two buttons."""
    h.double.add_file(fid, name, PDF)
    await h.slack.event(_share("please index this", fid=fid))
    [post] = await h.double.wait_for("chat.postMessage")
    buttons = actions_of(post.args["blocks"])
    return post, buttons


def _click(button: dict, *, user: str = "U0ADMIN", response_url: str | None = None, **kw) -> dict:
    return block_action({"action_id": button["action_id"], "value": button["value"]}, user=user, channel="D0ADMIN",
                        response_url=response_url, **kw)


def _preview_dirs(h) -> list:
    incoming = h.data_dir / "uploads"
    return sorted(incoming.glob("upload-*")) if incoming.exists() else []


async def test_an_admin_sees_a_preview_first_and_the_file_goes_live_only_on_index_it(harness_factory, fake_service):
    fake_service.admin_enabled = True
    seen = _watch(fake_service)
    h = await harness_factory(admins=ADMINS)
    post, buttons = await _previewed(h)

    [info] = h.double.of("files.info")
    assert info.args["file"] == "F0CIRC" and info.auth == f"Bearer {BOT_TOKEN}"
    [(url_path, auth)] = h.double.downloads
    assert url_path == "/files/F0CIRC/GAD circular 2026.pdf" and auth == f"Bearer {BOT_TOKEN}"
    assert post.args["channel"] == "D0ADMIN"
    assert check_blocks(post.args["blocks"]) is None
    text = all_text(post.args["blocks"])
    assert "Indexing *GAD circular 2026.pdf* would add" in text and "Nothing is indexed until you tap" in text
    assert "```new-circular: GAD circular 2026.pdf\\nsections: new-circular para 1```" in text  # the preview itself
    assert set(buttons) == {INDEX_CONFIRM, INDEX_CANCEL}
    assert buttons[INDEX_CONFIRM]["text"]["text"] == "Index it" and buttons[INDEX_CONFIRM]["style"] == "primary"
    assert buttons[INDEX_CANCEL]["text"]["text"] == "Cancel"
    assert buttons[INDEX_CONFIRM]["value"] == buttons[INDEX_CANCEL]["value"]
    assert len(buttons[INDEX_CONFIRM]["value"]) <= 32  # a short token, not the path or the file
    assert fake_service.added == [] and fake_service.asked == []  # nothing is live yet

    path, data, filename, applies_to = seen["preview"]
    assert data == PDF and filename == "GAD circular 2026.pdf" and applies_to is None
    assert path.exists() and path.parent.parent == h.data_dir / "uploads"  # kept, in the chat core's private staging directory
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    status, _ = await h.slack.interact(_click(buttons[INDEX_CONFIRM], response_url=h.double.response_url("ok")))
    assert status == 200
    working, done = await h.double.wait_response("ok", n=2)
    assert working["replace_original"] is True and "Indexing GAD circular 2026.pdf…" in working["text"]
    assert done["replace_original"] is True
    assert "Added *GAD circular 2026.pdf* (`new-circular`)" in done["text"]
    assert "Indexed GAD circular 2026.pdf: 1 section." in done["text"]
    assert not actions_of(done["blocks"])  # the buttons are gone
    assert fake_service.added == [("slack:U0ADMIN", "GAD circular 2026.pdf")]
    assert seen["add"] == (path, PDF, "GAD circular 2026.pdf", None)  # the same file and arguments as the preview
    assert not path.parent.exists() and _preview_dirs(h) == []  # the copy is not kept around

    # The same button again cannot index twice.
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], response_url=h.double.response_url("again")))
    [note] = await h.double.wait_response("again")
    assert note["response_type"] == "ephemeral" and note["replace_original"] is False
    assert "preview has expired" in note["text"] and "share the file again" in note["text"].lower()
    assert len(fake_service.added) == 1


async def test_without_a_response_url_the_preview_is_updated_with_chat_update(harness_factory, fake_service):
    fake_service.admin_enabled = True
    h = await harness_factory(admins=ADMINS)
    _, buttons = await _previewed(h)
    [(channel, message_ts)] = h.double.posted  # the preview's ts, as Slack puts it in the click's container
    assert channel == "D0ADMIN"
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], message_ts=message_ts))
    updates = await h.double.wait_for("chat.update", n=2)
    assert all(u.args["channel"] == "D0ADMIN" and u.args["ts"] == message_ts for u in updates)
    assert "Indexed GAD circular 2026.pdf" in updates[-1].args["text"]
    assert check_blocks(updates[-1].args["blocks"]) is None
    assert fake_service.added == [("slack:U0ADMIN", "GAD circular 2026.pdf")]


async def test_cancel_deletes_the_copy_and_indexes_nothing(harness_factory, fake_service):
    fake_service.admin_enabled = True
    seen = _watch(fake_service)
    h = await harness_factory(admins=ADMINS)
    _, buttons = await _previewed(h)
    path = seen["preview"][0]
    assert path.exists()
    await h.slack.interact(_click(buttons[INDEX_CANCEL], response_url=h.double.response_url("cancel")))
    [note] = await h.double.wait_response("cancel")
    assert note["replace_original"] is True and "Cancelled" in note["text"] and "not indexed" in note["text"]
    assert not path.exists() and _preview_dirs(h) == []
    # "Index it" afterwards finds nothing to index.
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], response_url=h.double.response_url("late")))
    [late] = await h.double.wait_response("late")
    assert "preview has expired" in late["text"]
    assert fake_service.added == [] and "add" not in seen


@pytest.mark.parametrize("clicker", ["U0SOMEONE", "U0ADMIN2"], ids=["non-admin", "another-admin"])
async def test_only_the_admin_who_shared_the_file_can_decide(harness_factory, fake_service, clicker):
    fake_service.admin_enabled = True
    seen = _watch(fake_service)
    h = await harness_factory(admins=ADMINS)
    _, buttons = await _previewed(h)
    for name in (INDEX_CONFIRM, INDEX_CANCEL):
        await h.slack.interact(_click(buttons[name], user=clicker, response_url=h.double.response_url(name)))
        [note] = await h.double.wait_response(name)
        assert note["response_type"] == "ephemeral" and note["replace_original"] is False
        assert "only the administrator who sent this document" in note["text"]
    assert fake_service.added == [] and seen["preview"][0].exists()  # still waiting for its admin
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], response_url=h.double.response_url("owner")))
    await h.double.wait_response("owner", n=2)
    assert fake_service.added == [("slack:U0ADMIN", "GAD circular 2026.pdf")]


async def test_a_refusal_without_a_response_url_is_ephemeral_too(harness_factory, fake_service):
    fake_service.admin_enabled = True
    h = await harness_factory(admins=ADMINS)
    _, buttons = await _previewed(h)
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], user="U0SOMEONE"))
    [note] = await h.double.wait_for("chat.postEphemeral")
    assert note.args["user"] == "U0SOMEONE" and note.args["channel"] == "D0ADMIN"
    assert "only the administrator who sent this document" in note.args["text"]
    assert not h.double.of("chat.update") and fake_service.added == []


async def test_an_expired_preview_deletes_the_copy_and_says_to_share_again(harness_factory, fake_service):
    fake_service.admin_enabled = True
    seen = _watch(fake_service)
    h = await harness_factory(admins=ADMINS, preview_ttl=0.3)
    _, buttons = await _previewed(h)
    path = seen["preview"][0]
    for _ in range(40):  # deleted by a timer, without anyone clicking
        if not path.exists():
            break
        await asyncio.sleep(0.05)
    assert not path.exists() and _preview_dirs(h) == []
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], response_url=h.double.response_url("late")))
    [note] = await h.double.wait_response("late")
    assert note["response_type"] == "ephemeral"
    assert "This preview has expired" in note["text"] and "share the file again" in note["text"]
    assert fake_service.added == [] and "add" not in seen


@pytest.mark.parametrize("value", ["not-a-token", "", "x" * 300])
async def test_an_unknown_token_is_handled_politely(harness_factory, fake_service, value):
    fake_service.admin_enabled = True
    h = await harness_factory(admins=ADMINS)
    await h.slack.interact(block_action({"action_id": INDEX_CONFIRM, "value": value}, user="U0ADMIN",
                                        channel="D0ADMIN", response_url=h.double.response_url("u")))
    [note] = await h.double.wait_response("u")
    assert "This preview has expired" in note["text"] and note["replace_original"] is False
    assert fake_service.added == []


async def test_a_bad_file_is_refused_at_preview_time_and_nothing_is_kept(harness_factory, fake_service):
    fake_service.admin_enabled = True
    seen: dict = {}

    def bad_file(path, *, filename, applies_to=None):
        seen["path"] = path
        raise BadDocument("the PDF has no text layer (a scan?)")

    fake_service.preview_document = bad_file
    h = await harness_factory(admins=ADMINS)
    await h.slack.event(_share("index", fid="F0MISSING"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "files:read" in post.args["text"] and "missing" not in post.args["text"].lower()
    h.double.add_file("F0SCAN", "scan.pdf", PDF)
    await h.slack.event(_share("index", fid="F0SCAN"))
    _, post = await h.double.wait_for("chat.postMessage", n=2)
    assert "I could not index *scan.pdf*: the PDF has no text layer (a scan?)" in post.args["text"]
    assert not actions_of(post.args["blocks"])
    assert not seen["path"].exists() and _preview_dirs(h) == []
    assert fake_service.added == []


async def test_indexing_unavailable_is_refused_politely_at_preview_time(harness_factory, fake_service):
    h = await harness_factory(admins={"slack:U0ADMIN"})
    h.double.add_file("F0CIRC", "circular.pdf", PDF)
    await h.slack.event(_share("index"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "can't add documents from chat right now" in post.args["text"]
    assert "not available yet" in post.args["text"]
    assert not actions_of(post.args["blocks"]) and _preview_dirs(h) == []
    assert fake_service.added == []


async def test_indexing_that_becomes_unavailable_or_fails_after_the_preview_says_so(harness_factory, fake_service):
    fake_service.admin_enabled = True
    h = await harness_factory(admins=ADMINS)
    _, buttons = await _previewed(h)
    fake_service.admin_enabled = False
    await h.slack.interact(_click(buttons[INDEX_CONFIRM], response_url=h.double.response_url("off")))
    _, note = await h.double.wait_response("off", n=2)
    assert "can't add documents from chat right now" in note["text"] and note["replace_original"] is True
    assert _preview_dirs(h) == []

    fake_service.admin_enabled = True

    def invalid(path, *, actor, filename, applies_to=None):
        raise BadDocument("the PDF has no text layer (a scan?)")

    fake_service.add_document = invalid
    h.double.add_file("F0TWO", "two.pdf", PDF)
    await h.slack.event(_share("index", fid="F0TWO"))
    _, post = await h.double.wait_for("chat.postMessage", n=2)
    await h.slack.interact(_click(actions_of(post.args["blocks"])[INDEX_CONFIRM],
                                  response_url=h.double.response_url("bad")))
    _, note = await h.double.wait_response("bad", n=2)
    assert "I could not index *two.pdf*: the PDF has no text layer" in note["text"]
    assert _preview_dirs(h) == []


async def test_a_non_admin_is_refused_without_touching_the_file(harness_factory, fake_service):
    fake_service.admin_enabled = True
    h = await harness_factory(admins={"slack:U0ADMIN"})
    h.double.add_file("F0CIRC", "circular.pdf", PDF)
    await h.slack.event(_share("index", user="U0SOMEONE"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "Only Niyam's administrators" in post.args["text"]
    assert not h.double.of("files.info") and not h.double.downloads and fake_service.added == []


async def test_an_admin_sharing_a_file_without_index_gets_a_hint(harness_factory):
    h = await harness_factory(admins={"slack:U0ADMIN"})
    await h.slack.event(_share(""))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "word `index`" in post.args["text"]


def test_a_long_or_awkward_preview_fits_slack_limits():
    preview = "title: A & B <script> ```fence```\n" + "sections: " + ", ".join(f"para {i} <&>" for i in range(2000))
    message = index_preview_message(Say(texts.INDEX_PREVIEW, {"name": "x" * 500 + ".pdf", "preview": preview,
                                                              "minutes": 15}), "tok")
    assert check_blocks(message["blocks"]) is None
    text = message["blocks"][0]["text"]["text"]
    code = text[text.index("```"):text.rindex("```") + 3]
    assert code.endswith("…```") and code.count("```") == 2 and len(text) <= MAX_SECTION
    assert len(code) <= MAX_SECTION and "<script>" not in code and "&lt;script&gt;" in code
    assert len(json.dumps(message)) < 10_000
    assert code_block("a & b") == "```a &amp; b```"


def test_the_bot_token_only_goes_to_slack_or_the_configured_api_host():
    """A pure check of addresses (nothing is fetched); Slack's own file domains are named, not contacted."""
    assert {"slack.com", "slack-gov.com"} <= set(SLACK_FILE_DOMAINS)
    api = "http://127.0.0.1:5000/api/"
    for domain in ("slack.com", "slack-gov.com"):
        assert allowed_url(f"https://files.{domain}/files-pri/T1-F1/x.pdf", api)
        assert not allowed_url(f"http://files.{domain}/x.pdf", api)  # not https
        assert not allowed_url(f"https://evil.example/{domain}/x.pdf", api)
        assert not allowed_url(f"https://{domain}.evil.example/x.pdf", api)
    assert allowed_url("http://127.0.0.1:5000/files/F1/x.pdf", api)
    assert not allowed_url("http://127.0.0.2:5000/x.pdf", api)
    # issue 17 (14): the configured origin is scheme, host and port, not the host name alone
    assert not allowed_url("http://127.0.0.1:5001/files/F1/x.pdf", api)  # another port of the API host
    assert not allowed_url("https://127.0.0.1:5000/files/F1/x.pdf", api)  # another scheme
    assert not allowed_url("http://127.0.0.1/files/F1/x.pdf", api)  # the default port is another port
    assert not allowed_url("https://files.slack.com:8443/x.pdf", api)  # Slack's hosts, on their https port only
    assert not allowed_url("http://127.0.0.1:notaport/x.pdf", api) and not allowed_url("file:///etc/passwd", api)
    gov = "https://slack-gov.com/api/"
    assert allowed_url("https://slack-gov.com/files/x.pdf", gov) and not allowed_url("http://slack-gov.com/x.pdf", gov)
