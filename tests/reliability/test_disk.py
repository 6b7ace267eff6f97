"""Disk: a full disk is one clear error and leaves no stray collections (item 11); 50 re-index cycles keep the
data dir flat (item 4, the disk part)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.admin import AdminService
from retrieval.indexer import build_index
from retrieval.store import IndexStore
from tests.reliability.conftest import MINI, ROOT, om_file

DISK_FULL = textwrap.dedent("""
    import json, os, shutil, sys
    from pathlib import Path
    from bot.admin import AdminService
    from knowledge.library import Library
    from retrieval.embeddings import get_embedder
    from retrieval.indexer import build_index
    from retrieval.store import IndexStore, IndexWriteError

    mnt, mini, om = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    shutil.copytree(mini, mnt / "pack")
    lib = Library(mnt / "data", mnt / "pack")
    emb = get_embedder()
    build_index(lib.data_dir, library=lib, embedder=emb)
    before = IndexStore(lib.data_dir).active()
    st = os.statvfs(mnt)
    with open(mnt / "filler", "wb") as f:  # leave 200 KB: not enough for a new version
        f.write(b"\\0" * (st.f_bavail * st.f_frsize - 200 * 1024))
    admin = AdminService(lib.data_dir, embedder=emb, library=lib)
    out = {}
    try:
        admin.add(om, actor="cli:test", id="full-om", applies_to="AIS")
        out["first"] = "added"
    except IndexWriteError as e:
        out["first"] = str(e)
    out["unchanged"] = IndexStore(lib.data_dir).active() == before
    out["added_after_failure"] = lib.added_ids() + [d.id for d in lib.documents() if d.id == "full-om"]
    (mnt / "filler").unlink()
    res = admin.add(om, actor="cli:test", id="full-om", applies_to="AIS")  # the second attempt, same process
    store = IndexStore(lib.data_dir)
    out["second"] = res.version
    out["collections"] = sorted(c.name for c in store.client.list_collections())
    out["segment_dirs"] = len([d for d in (lib.data_dir / "chroma").iterdir() if d.is_dir()])
    out["audited"] = sorted(lib.audited_ids())
    out["pending"] = lib.pending()  # a journal the full disk kept from being discarded: rolled back by now
    print(json.dumps(out))
""")


@pytest.fixture
def small_tmpfs(tmp_path):
    mnt = tmp_path / "small"
    mnt.mkdir()
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", str(mnt)],
                           capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as e:
        pytest.skip(f"cannot make a small tmpfs here ({type(e).__name__}): the disk-full case needs one")
    if r.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): the disk-full case needs one")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=20)


@pytest.mark.slow
def test_disk_full_is_one_clear_error_and_a_second_attempt_leaves_no_stray_collections(small_tmpfs, tmp_path):
    import json

    om = om_file(tmp_path, 1)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    res = subprocess.run([sys.executable, "-c", DISK_FULL, str(small_tmpfs), str(MINI), str(om)], env=env,
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["first"].startswith("the index cannot be written: no space left") and "\n" not in out["first"]
    assert out["unchanged"] and out["added_after_failure"] == []
    # version numbers come from the database and are never reused: the failed build had v2
    assert out["second"] == 3 and out["audited"] == ["full-om"] and out["pending"] == []
    # the examples are unchanged by a circular: v3 names v1's examples collection instead of copying it
    assert out["collections"] == ["niyam-examples-v1", "niyam-sections-v1", "niyam-sections-v3"]
    assert out["segment_dirs"] == 3


def _du(path: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_blocks * 512
            except FileNotFoundError:
                pass
    return total


@pytest.mark.slow
def test_fifty_reindex_cycles_keep_the_disk_flat(mini, embedder, tmp_path):
    """Every cycle builds a new version (adding or removing a document); only the active and the previous
    version stay, with their segment directories."""
    admin = AdminService(mini.data_dir, embedder=embedder, library=mini)
    om = om_file(tmp_path, 1)
    sizes = []
    for cycle in range(50):
        if cycle % 3 == 0:
            admin.add(om, actor="cli:test", id="cycling-om", applies_to="AIS")
        elif cycle % 3 == 1:
            admin.remove("cycling-om", actor="cli:test")
        else:
            build_index(mini.data_dir, library=mini, embedder=embedder)
        sizes.append(_du(mini.data_dir))
    store = IndexStore(mini.data_dir)
    assert store.active().version == 51
    # the active and the previous version, and the one before while the previous is young (IndexStore.grace_seconds)
    collections = len(store.client.list_collections())
    assert collections <= 6
    assert len([d for d in (mini.data_dir / "chroma").iterdir() if d.is_dir()]) == collections
    growth = sizes[-1] - sizes[2]
    assert growth < 10 * 1024 * 1024, f"grew {growth / 1e6:.1f} MB over 50 versions: {sizes}"
