"""The bounded, expiring token map behind the chat adapters' buttons."""

from __future__ import annotations

import re
import threading

import pytest

from chat.expiring import ExpiringMap


class Clock:
    def __init__(self, now: float = 100.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def recording(size=3, ttl=10.0, clock=None, **kw):
    evicted: list = []
    return ExpiringMap(size, ttl, clock or Clock(), on_evict=evicted.append, **kw), evicted


def test_bounded_and_pushes_out_the_oldest_first():
    m, evicted = recording(size=3)
    tokens = [m.put(f"v{i}") for i in range(5)]
    assert len(m) == 3 and evicted == ["v0", "v1"]
    assert m.get(tokens[0]) is None and m.get(tokens[1]) is None
    assert [m.get(t) for t in tokens[2:]] == ["v2", "v3", "v4"] and m.values() == ["v2", "v3", "v4"]
    assert evicted == ["v0", "v1"]  # looking up a pushed-out token evicts nothing again


def test_entries_expire_after_ttl_and_are_evicted_once():
    clock = Clock()
    m, evicted = recording(ttl=10.0, clock=clock)
    token = m.put("a")
    clock.now += 9.999
    assert m.get(token) == "a" and evicted == []
    clock.now += 0.001  # exactly ttl after it was put
    assert m.get(token) is None and evicted == ["a"] and len(m) == 0
    assert m.get(token) is None and m.take(token) is None and m.sweep() == 0
    m.drop(token)
    assert evicted == ["a"]


def test_sweep_and_put_forget_expired_entries_before_pushing_out_live_ones():
    clock = Clock(0.0)
    m, evicted = recording(size=2, ttl=10.0, clock=clock)
    a = m.put("a")
    clock.now = 5.0
    b = m.put("b")
    clock.now = 11.0  # a expired, b still live
    c = m.put("c")
    assert evicted == ["a"] and m.get(a) is None and (m.get(b), m.get(c)) == ("b", "c")
    clock.now = 15.0
    assert m.sweep() == 1 and evicted == ["a", "b"] and len(m) == 1
    clock.now = 100.0
    assert m.sweep() == 1 and evicted == ["a", "b", "c"] and len(m) == 0


def test_an_expired_entry_is_evicted_by_any_lookup_not_only_its_own():
    clock = Clock()
    m, evicted = recording(ttl=10.0, clock=clock)
    old = m.put("old")
    clock.now += 6
    new = m.put("new")
    clock.now += 5
    assert m.get("unknown-token") is None and evicted == ["old"] and len(m) == 1
    assert m.get(old) is None and m.get(new) == "new"


def test_take_hands_the_value_over_drop_and_clear_evict():
    m, evicted = recording(size=5)
    t1, t2, t3, t4 = (m.put(v) for v in "abcd")
    assert m.take(t1) == "a" and m.take(t1) is None and evicted == []  # the caller's now: not evicted
    m.drop(t2)
    m.drop(t2)
    m.drop("never-issued")
    assert evicted == ["b"] and len(m) == 2
    m.clear()
    assert sorted(evicted) == ["b", "c", "d"] and len(m) == 0
    assert m.get(t3) is None and m.take(t4) is None
    m.clear()
    assert len(evicted) == 3


def test_take_of_an_expired_entry_evicts_it_and_returns_none():
    clock = Clock()
    m, evicted = recording(ttl=1.0, clock=clock)
    token = m.put("x")
    clock.now += 1
    assert m.take(token) is None and evicted == ["x"]


@pytest.mark.parametrize("token", [None, 5, 1.5, b"bytes", ["a", "list"], {"a": 1}, ("t",)])
def test_non_string_tokens_find_nothing(token):
    m, evicted = recording()
    m.put("a")
    assert m.get(token) is None and m.take(token) is None
    m.drop(token)
    assert len(m) == 1 and evicted == []


def test_without_ttl_nothing_expires():
    clock = Clock()
    m, evicted = recording(size=2, ttl=None, clock=clock)
    token = m.put("a")
    clock.now += 1e9
    assert m.sweep() == 0 and m.get(token) == "a"
    m.put("b")
    m.put("c")
    assert evicted == ["a"]


def test_without_on_evict_entries_are_simply_forgotten():
    clock = Clock()
    m = ExpiringMap(1, 5.0, clock)
    first = m.put({"big": "value"})
    second = m.put("b")
    clock.now += 5
    assert m.get(first) is None and m.get(second) is None and len(m) == 0


def test_tokens_are_url_safe_unique_and_sized_by_token_bytes():
    short = ExpiringMap(10_000, None, token_bytes=6)
    tokens = {short.put(i) for i in range(2000)}
    assert len(tokens) == 2000 and all(re.fullmatch(r"[A-Za-z0-9_-]{8}", t) for t in tokens)
    assert len(ExpiringMap(1, None).put("x")) == 22  # 16 bytes by default
    assert len(ExpiringMap(1, None, token_bytes=12).put("x")) == 16


def test_on_evict_runs_outside_the_lock():
    """A callback that uses the map again would deadlock if it ran under the (non-reentrant) lock."""
    seen = []
    m: ExpiringMap[str] = ExpiringMap(1, 10.0, Clock(), on_evict=lambda v: seen.append((v, len(m), m.get("x"))))

    def work():
        m.put("a")
        m.put("b")  # pushes out a
        m.clear()   # evicts b

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive() and seen == [("a", 1, None), ("b", 0, None)]


def test_concurrent_use_loses_and_doubles_nothing():
    evicted: list[tuple[int, int]] = []
    m: ExpiringMap[tuple[int, int]] = ExpiringMap(50, 3600.0, on_evict=evicted.append)
    threads, per_thread = 8, 500
    taken: list[list[tuple[int, int]]] = [[] for _ in range(threads)]
    start = threading.Barrier(threads)

    def work(n: int) -> None:
        start.wait()
        for i in range(per_thread):
            token = m.put((n, i))
            if i % 3 == 0:
                value = m.take(token)  # may already have been pushed out by another thread
                if value is not None:
                    taken[n].append(value)
            else:
                m.get(token)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    assert not any(w.is_alive() for w in workers)
    left = m.values()
    gone = evicted + [v for vs in taken for v in vs] + left
    assert len(m) == len(left) <= 50
    assert len(gone) == len(set(gone)) == threads * per_thread  # every value accounted for exactly once
