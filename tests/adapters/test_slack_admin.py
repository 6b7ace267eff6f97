"""Admins add a document by sharing it with Niyam in a DM with the word `index`."""

from __future__ import annotations

from adapters.slack.files import allowed_url, safe_filename
from tests.adapters.slack_double import BOT_TOKEN, dm, harness_factory, slack_double  # noqa: F401

PDF = b"%PDF-1.4 a circular about social media"


def _share(text: str, *, user: str = "U0ADMIN", fid: str = "F0CIRC") -> dict:
    return dm(text, user=user, channel="D0ADMIN", subtype="file_share",
              files=[{"id": fid, "name": "ignored-here.pdf", "mode": "hosted"}])


async def test_an_admin_shares_a_file_with_index_and_it_is_added(harness_factory, fake_service):
    fake_service.admin_enabled = True
    seen = {}
    original = fake_service.add_document

    def add_document(path, *, actor, filename, applies_to=None):
        seen["bytes"], seen["parent"] = path.read_bytes(), path.parent
        return original(path, actor=actor, filename=filename, applies_to=applies_to)

    fake_service.add_document = add_document
    h = await harness_factory(admins={"slack:U0ADMIN", "telegram:42"})
    h.double.add_file("F0CIRC", "GAD circular 2026.pdf", PDF)

    await h.slack.event(_share("please index this"))
    [post] = await h.double.wait_for("chat.postMessage")
    [info] = h.double.of("files.info")
    assert info.args["file"] == "F0CIRC" and info.auth == f"Bearer {BOT_TOKEN}"
    [(path, auth)] = h.double.downloads
    assert path == "/files/F0CIRC/GAD circular 2026.pdf" and auth == f"Bearer {BOT_TOKEN}"
    assert fake_service.added == [("slack:U0ADMIN", "GAD circular 2026.pdf")]
    assert seen["bytes"] == PDF
    assert not seen["parent"].exists()  # the downloaded copy is not kept around
    assert post.args["channel"] == "D0ADMIN"
    assert "Indexed GAD circular 2026.pdf: 1 section." in post.args["text"] and "new-circular" in post.args["text"]
    assert fake_service.asked == []


async def test_indexing_unavailable_is_refused_politely(harness_factory, fake_service):
    h = await harness_factory(admins={"slack:U0ADMIN"})
    h.double.add_file("F0CIRC", "circular.pdf", PDF)
    await h.slack.event(_share("index"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "can't add documents from chat here" in post.args["text"]
    assert "not available yet" in post.args["text"]
    assert fake_service.added == []


async def test_a_non_admin_is_refused_without_touching_the_file(harness_factory, fake_service):
    fake_service.admin_enabled = True
    h = await harness_factory(admins={"slack:U0ADMIN"})
    h.double.add_file("F0CIRC", "circular.pdf", PDF)
    await h.slack.event(_share("index", user="U0SOMEONE"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "Only Niyam's admins" in post.args["text"]
    assert not h.double.of("files.info") and not h.double.downloads and fake_service.added == []


async def test_admin_list_comes_from_niyam_admins_by_default(harness_factory, fake_service, monkeypatch):
    fake_service.admin_enabled = True
    monkeypatch.setenv("NIYAM_ADMINS", "telegram:1, slack:U0ADMIN")
    h = await harness_factory(admins=None)
    h.double.add_file("F0CIRC", "circular.pdf", PDF)
    await h.slack.event(_share("index"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "Indexed circular.pdf" in post.args["text"]


async def test_a_file_slack_cannot_find_or_a_bad_file_gets_a_reason(harness_factory, fake_service):
    fake_service.admin_enabled = True

    def bad_file(path, *, actor, filename, applies_to=None):
        raise ValueError("the PDF has no text layer (a scan?)")

    h = await harness_factory(admins={"slack:U0ADMIN"})
    await h.slack.event(_share("index", fid="F0MISSING"))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "files:read" in post.args["text"]
    fake_service.add_document = bad_file
    h.double.add_file("F0SCAN", "scan.pdf", PDF)
    await h.slack.event(_share("index", fid="F0SCAN"))
    _, post = await h.double.wait_for("chat.postMessage", n=2)
    assert "I couldn't add *scan.pdf*: the PDF has no text layer (a scan?)" in post.args["text"]


async def test_an_admin_sharing_a_file_without_index_gets_a_hint(harness_factory):
    h = await harness_factory(admins={"slack:U0ADMIN"})
    await h.slack.event(_share(""))
    [post] = await h.double.wait_for("chat.postMessage")
    assert "word `index`" in post.args["text"]


def test_the_bot_token_only_goes_to_slack_or_the_configured_api_host():
    api = "http://127.0.0.1:5000/api/"
    assert allowed_url("https://files.slack.com/files-pri/T1-F1/x.pdf", "https://slack.com/api/")
    assert allowed_url("https://files.slack-gov.com/files-pri/T1-F1/x.pdf", "https://slack-gov.com/api/")
    assert allowed_url("http://127.0.0.1:5000/files/F1/x.pdf", api)
    assert not allowed_url("http://files.slack.com/x.pdf", "https://slack.com/api/")  # not https
    assert not allowed_url("https://evil.example/slack.com/x.pdf", "https://slack.com/api/")
    assert not allowed_url("https://slack.com.evil.example/x.pdf", "https://slack.com/api/")
    assert not allowed_url("http://127.0.0.2:5000/x.pdf", api)


def test_safe_filename():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("GAD circular (2026).pdf") == "GAD circular (2026).pdf"
    assert safe_filename("") == "document" and safe_filename(None, "F1") == "F1"
    assert safe_filename("a<b>|c.pdf") == "a_b_c.pdf"
