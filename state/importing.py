"""A one-time import of the JSON files an older Niyam kept in its data dir (settings.json, feedback.jsonl,
audit.jsonl, index.json, and the added documents under documents/ with their change journals in
documents/.pending/) into the database, so upgrading loses no setting, feedback, audit row, active index or
added document. Each imported file (or the documents folder) is renamed `NAME.imported` (kept as a record,
never read again)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from sqlalchemy import func, select

from state.schema import (
    AuditRow,
    DocumentChangeRow,
    DocumentRow,
    FeedbackRow,
    PointerRow,
    ProfileRow,
    VersionRow,
)

log = logging.getLogger("niyam.db")

FILES = ("settings.json", "feedback.jsonl", "audit.jsonl", "index.json")
DOCUMENTS = "documents"


def import_once(db, data_dir: Path) -> None:
    present = [data_dir / f for f in FILES if (data_dir / f).is_file()]
    if (data_dir / DOCUMENTS).is_dir():
        present.append(data_dir / DOCUMENTS)
    if not present:
        return
    with db.lock("niyam-import"):
        for path in present:
            if not path.exists():  # another process imported it meanwhile
                continue
            try:
                with db.session() as s:
                    n = _documents(s, path) if path.name == DOCUMENTS else _IMPORTERS[path.name](s, path.read_bytes())
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


def _documents(s, folder: Path) -> int:
    """documents/ID.json (a validated document, as the older store wrote it) and documents/.pending/TX.json (a
    change journal): rows of `documents` and `document_changes`, read by the same code as new ones (a damaged
    copy is imported as it is, and reported by id when a build reads it)."""
    from knowledge.library import DOC_ID

    n = 0
    for path in sorted(folder.glob("*.json")):
        if DOC_ID.fullmatch(path.stem) and s.get(DocumentRow, path.stem) is None:
            s.add(DocumentRow(id=path.stem, body=path.read_text(encoding="utf-8", errors="replace"),
                              filename=None, checksum=None, original=None, actor=None, tx=None,
                              added_at=path.stat().st_mtime))
            n += 1
    for path in sorted((folder / ".pending").glob("*.json")):
        if len(path.stem) <= 60 and s.get(DocumentChangeRow, path.stem) is None:
            s.add(DocumentChangeRow(tx=path.stem, body=path.read_text(encoding="utf-8", errors="replace"),
                                    original=None, created_at=path.stat().st_mtime))
            n += 1
    return n


_IMPORTERS = {"settings.json": _settings, "feedback.jsonl": _feedback, "audit.jsonl": _audit,
              "index.json": _pointer}
