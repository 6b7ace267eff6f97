"""`niyam index add | remove | status` as an admin runs them (on the session's index, restored at the end)."""

import json

from typer.testing import CliRunner

from niyam.cli import app

OM = """No. GAD/SM/2026/7
Government of Testland
Dated: 2nd April, 2026

OFFICE MEMORANDUM

Subject: Live-streaming of official review meetings.

2. No Government servant shall live-stream an official review meeting on any social media platform.
"""


def test_add_then_remove_from_the_command_line(niyam, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(data_dir))
    run = CliRunner().invoke
    before = json.loads(run(app, ["index", "status", "--json"]).stdout)["version"]
    om = tmp_path / "om.txt"
    om.write_text(OM)
    res = run(app, ["index", "add", str(om), "--id", "gad-om-2026-7", "--applies-to", "AIS,CCS"])
    assert res.exit_code == 0, res.output
    assert "reference: No. GAD/SM/2026/7" in res.stdout and "live in index" in res.stdout
    listed = {d["id"]: d for d in json.loads(run(app, ["index", "list", "--json"]).stdout)}
    assert listed["gad-om-2026-7"]["source"] == "official"
    answer = niyam.ask("Can I live-stream our district review meeting on Facebook Live?", "AIS")
    assert "gad-om-2026-7" in [c.document for c in answer.citations]
    res = run(app, ["index", "remove", "gad-om-2026-7"])
    assert res.exit_code == 0, res.output
    assert json.loads(run(app, ["index", "status", "--json"]).stdout)["version"] == before + 2
    assert "gad-om-2026-7" not in {d["id"] for d in json.loads(run(app, ["index", "list", "--json"]).stdout)}


def test_bad_file_and_unknown_id_are_one_line_usage_errors(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(data_dir))
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"\x00\x01 not a pdf at all")
    res = CliRunner().invoke(app, ["index", "add", str(fake)])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "unchanged" in res.stderr
    res = CliRunner().invoke(app, ["index", "remove", "no-such-doc"])
    assert res.exit_code == 2 and "no added document" in res.stderr
