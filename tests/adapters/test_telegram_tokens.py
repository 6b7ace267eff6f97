"""The in-memory maps behind Telegram's inline buttons: pending admin documents expire, stay bounded and
delete their downloads."""

from __future__ import annotations

import stat

from adapters.telegram.tokens import AnswerTokens, PendingDocuments


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def download(pending: PendingDocuments, content: bytes = b"text"):
    folder = pending.new_dir()
    path = folder / "circular.pdf"
    path.write_bytes(content)
    return path


def test_pending_documents_expire_and_delete_their_downloads():
    clock = Clock()
    pending = PendingDocuments(ttl=900, clock=clock)
    path = download(pending)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    token = pending.put("telegram:7", path, "circular.pdf", ["CCS"])
    assert len(token) <= 11 and pending.get(token).applies_to == ["CCS"] and pending.get(token).admin == "telegram:7"
    clock.now += 899
    assert pending.sweep() == 0 and path.exists()
    clock.now += 1
    assert pending.get(token) is None and not path.parent.exists() and len(pending) == 0


def test_pending_documents_are_bounded_oldest_first():
    pending = PendingDocuments(capacity=2, clock=Clock())
    paths = [download(pending) for _ in range(3)]
    tokens = [pending.put("telegram:7", p, "circular.pdf", None) for p in paths]
    assert len(pending) == 2 and pending.get(tokens[0]) is None and not paths[0].parent.exists()
    assert all(p.exists() for p in paths[1:])
    taken = pending.take(tokens[1])
    assert taken.path == paths[1] and pending.take(tokens[1]) is None and paths[1].exists()  # now the caller's
    taken.discard()
    pending.drop(tokens[2])
    assert not paths[1].parent.exists() and not paths[2].parent.exists() and len(pending) == 0


def test_clear_deletes_every_pending_download():
    pending = PendingDocuments(clock=Clock())
    paths = [download(pending) for _ in range(2)]
    for p in paths:
        pending.put("telegram:7", p, "circular.pdf", None)
    pending.clear()
    assert len(pending) == 0 and not any(p.parent.exists() for p in paths)


def test_answer_tokens_are_bounded():
    tokens = AnswerTokens(capacity=2)
    first = tokens.put("allowed", ["AIS 7"])
    tokens.put("allowed", [])
    tokens.put("allowed", [])
    assert tokens.pop(first) is None and len(tokens) == 2
