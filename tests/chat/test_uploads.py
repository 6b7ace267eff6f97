"""The chat core's staging of admin uploads: one private directory under the data dir, bounded, expiring,
swept on start."""

from __future__ import annotations

import os
import stat

from chat.uploads import PREFIX, STAGING, Pending, Uploads, safe_name

PDF = b"%PDF-1.4 circular"


def test_staging_is_one_private_directory_inside_the_data_dir(tmp_path):
    uploads = Uploads(tmp_path)
    folder = uploads.new_dir()
    assert folder.parent == tmp_path / STAGING and folder.name.startswith(PREFIX)
    assert stat.S_IMODE((tmp_path / STAGING).stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_pending_previews_are_bounded_and_expire_with_their_files(tmp_path):
    now = [0.0]
    uploads = Uploads(tmp_path, capacity=2, ttl=60, clock=lambda: now[0])

    def pending(user="slack:U1"):
        path = uploads.new_dir() / "doc.pdf"
        path.write_bytes(PDF)
        return Pending(user, path, "doc.pdf")

    first, second, third = pending(), pending(), pending()
    k1, k2 = uploads.put(first), uploads.put(second)
    assert uploads.get(k1) is first and first.path.exists()
    k3 = uploads.put(third)  # over the bound: the oldest goes, with its file
    assert uploads.get(k1) is None and not first.path.parent.exists() and len(uploads) == 2
    now[0] = 61.0
    assert uploads.sweep() == 2 and not second.path.exists() and not third.path.exists()
    assert uploads.get(k2) is None and uploads.get(k3) is None and uploads.get(None) is None
    assert list((tmp_path / STAGING).iterdir()) == []
    # discard never deletes a directory it did not make
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "doc.pdf").write_bytes(PDF)
    uploads.discard(Pending("slack:U1", outside / "doc.pdf", "doc.pdf"))
    assert (outside / "doc.pdf").exists()


def test_leftover_upload_directories_are_removed_at_start(tmp_path):
    """Issue 17 (17): a crash or a restart leaves downloads behind; the next start deletes them."""
    old = Uploads(tmp_path).new_dir()
    (old / "doc.pdf").write_bytes(PDF)
    os.utime(old, (1, 1))  # long ago, from a previous run
    fresh = Uploads(tmp_path).new_dir()  # possibly another process's, still within its time to live
    other = tmp_path / STAGING / "not-ours"
    other.mkdir()
    os.utime(other, (1, 1))
    Uploads(tmp_path)
    assert not old.exists() and fresh.exists() and other.exists()


def test_safe_names():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("GAD circular (2026).pdf") == "GAD circular (2026).pdf"
    assert safe_name("") == "document" and safe_name(None, "F1") == "F1"
    assert safe_name("a<b>|c.pdf") == "a_b_c.pdf"
