"""Deliveries already handled: Slack retries an event it thinks went unanswered, and a Telegram webhook may
post the same update again. Bounded in size and time. With a database (`state.db`), the ids are kept there, so a
retry that lands on another replica is still recognised: the first replica to record an id answers it."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from knowledge.errors import BackendUnavailable
from state.db import Database
from state.schema import SeenEventRow

log = logging.getLogger("niyam.chat")


class SeenEvents:
    """Remembers the last `size` ids (Slack event ids, Telegram update ids) for `ttl` seconds; in `db` (shared by
    every replica, ids under `namespace`, times by the wall clock) when one is given, else in this process."""

    def __init__(self, size: int = 5000, ttl: float = 3600.0, clock=time.monotonic, *, db: Database | None = None,
                 namespace: str = ""):
        self.size, self.ttl, self.clock = size, ttl, clock
        self.db, self.namespace = db, namespace
        self._seen: OrderedDict[object, float] = OrderedDict()
        self._lock = threading.Lock()
        self._swept = 0.0

    def first_time(self, event_id: object) -> bool:
        """True the first time an id is offered (and remembers it), False for a repeat."""
        if self.db is not None:
            return self._first_time_shared(event_id)
        now = self.clock()
        with self._lock:
            while self._seen:
                oldest, at = next(iter(self._seen.items()))
                if now - at < self.ttl and len(self._seen) < self.size:
                    break
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            return True

    def _first_time_shared(self, event_id: object) -> bool:
        """Recorded in the database; when it cannot be reached, the delivery is answered (better twice than
        never: the answer path then says the service is unavailable, or answers)."""
        try:
            return self._record(event_id)
        except BackendUnavailable:
            log.warning("seen-event store unreachable; answering the delivery")
            return True

    def _record(self, event_id: object) -> bool:
        now = time.time()
        key = f"{self.namespace}:{event_id}"[:300]
        if now - self._swept > 60:  # forget ids older than ttl, once a minute
            self._swept = now
            with self.db.session() as s:  # type: ignore[union-attr]
                s.execute(delete(SeenEventRow).where(SeenEventRow.at < now - self.ttl))
        try:
            with self.db.session() as s:  # type: ignore[union-attr]
                s.add(SeenEventRow(key=key, at=now))
        except IntegrityError:
            return False
        return True

    def __len__(self) -> int:
        return len(self._seen)
