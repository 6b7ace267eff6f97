"""A one-time import of the JSON files an older Niyam kept in its data dir (settings.json, feedback.jsonl,
audit.jsonl, index.json) into the database, so upgrading loses no setting, feedback, audit row or active index.
Each imported file is renamed `NAME.imported` (kept as a record, never read again)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from sqlalchemy import func, select

from state.schema import AuditRow, FeedbackRow, PointerRow, ProfileRow, VersionRow

log = logging.getLogger("niyam.db")

FILES = ("settings.json", "feedback.jsonl", "audit.jsonl", "index.json")


def import_once(db, data_dir: Path) -> None:
    present = [data_dir / f for f in FILES if (data_dir / f).is_file()]
    if not present:
        return
    with db.lock("niyam-import"):
        for path in present:
            if not path.is_file():  # another process imported it meanwhile
                continue
            try:
                raw = path.read_bytes()
                with db.session() as s:
                    n = _IMPORTERS[path.name](s, raw)
                path.rename(path.with_name(path.name + ".imported"))
                log.warning("niyam: imported %d row(s) of %s into the database; the file is now %s.imported",
                            n, path.name, path.name)
            except (OSError, ValueError) as e:
                log.warning("niyam: %s was not imported (%s)", path.name, type(e).__name__)


def _lines(raw: bytes) -> list[dict]:
    rows = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue  # a torn line is not a row
        if isinstance(row, dict):
            rows.append(row)
    return rows


def _settings(s, raw: bytes) -> int:
    data = json.loads(raw.decode("utf-8"))
    n = 0
    for user, row in (data.items() if isinstance(data, dict) else []):
        if isinstance(row, dict) and s.get(ProfileRow, str(user)) is None:
            s.add(ProfileRow(user=str(user)[:200], service=row.get("service"), state=row.get("state"),
                             lang=row.get("lang"), updated_at=time.time()))
            n += 1
    return n


def _feedback(s, raw: bytes) -> int:
    rows = _lines(raw)
    for r in rows:
        s.add(FeedbackRow(at=str(r.get("at", "")), platform=str(r.get("platform", "")),
                          feedback=str(r.get("feedback", "")), verdict=str(r.get("verdict", "")),
                          refs=list(r.get("refs") or [])))
    return len(rows)


def _audit(s, raw: bytes) -> int:
    rows = _lines(raw)
    for r in rows:
        s.add(AuditRow(at=str(r.get("at", "")), actor=str(r.get("actor", ""))[:200],
                       action=str(r.get("action", ""))[:40], body=r))
    return len(rows)


def _pointer(s, raw: bytes) -> int:
    if s.get(PointerRow, 1) is not None:
        return 0
    s.add(PointerRow(id=1, seq=1, body=raw, updated_at=time.time()))
    try:
        p = json.loads(raw.decode("utf-8"))
        version, sections, examples = int(p["version"]), str(p["sections"]), str(p["examples"])
    except (ValueError, KeyError, TypeError):
        return 1  # a damaged pointer stays damaged: `niyam index build` rebuilds over it
    top = s.scalar(select(func.max(VersionRow.version))) or 0
    if version > top:
        s.add(VersionRow(version=version, sections=sections, examples=examples, state="active",
                         created_at=time.time(), retired_at=None, last_read_at=None))
    return 1


_IMPORTERS = {"settings.json": _settings, "feedback.jsonl": _feedback, "audit.jsonl": _audit,
              "index.json": _pointer}
