"""Admin re-indexing: add or remove official documents, from the CLI or from chat, safely.

One service for every front end. An add reads and splits the file, saves the validated document, and builds
a new index version; only a complete version becomes active, so any failure leaves the previous version
serving and the saved document as it was. Every action is appended to `NIYAM_DATA_DIR/audit.jsonl`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.library import Library
from knowledge.official import inspect_official

_lock = threading.Lock()  # one admin action at a time per process (builds also take a file lock)


@dataclass
class IndexResult:
    document_id: str
    title: str
    refs: list[str]
    summary: str
    version: int = 0
    embedded: int = 0
    warnings: list[str] = field(default_factory=list)


class AdminService:
    def __init__(self, data_dir: Path, *, embedder=None, library: Library | None = None):
        self.data_dir = Path(data_dir)
        self.library = library or Library(self.data_dir)
        self.embedder = embedder

    # -- actions -----------------------------------------------------------------------------
    def preview(self, path: Path, *, filename: str | None = None, **meta) -> str:
        """The summary an admin confirms before the document goes live; writes nothing."""
        return self._inspect(Path(path), filename or Path(path).name, **meta).summary()

    def _inspect(self, path: Path, filename: str, *, applies_to=None, id=None, title=None, issuer=None, date=None,
                 supersedes=None, code=None):
        if code is None and supersedes:  # the official text of a rulebook takes the digest's code
            sup = [supersedes] if isinstance(supersedes, str) else list(supersedes)
            codes = {d.code for d in self.library.pack() if d.id in sup and d.kind.value == "rulebook"}
            code = next(iter(codes)) if len(codes) == 1 else None
        built = inspect_official(path, filename=filename, id=id, title=title, issuer=issuer, date=date,
                                 applies_to=applies_to, supersedes=supersedes, code=code)
        doc = built.document
        pack_ids = {d.id for d in self.library.pack()}
        if doc.id in pack_ids:
            raise ValueError(f"id {doc.id!r} belongs to a bundled pack document; choose another --id")
        known = pack_ids | {d.id for d in self.library.added()}
        missing = [s for s in doc.supersedes if s not in known]
        if missing:
            raise ValueError(f"--supersedes names unknown document(s): {', '.join(missing)}")
        return built

    def add(self, path: Path, *, actor: str, filename: str | None = None, applies_to=None, id: str | None = None,
            title: str | None = None, issuer: str | None = None, date=None, supersedes=None, code=None,
            fail_after: int | None = None) -> IndexResult:
        """Index one official file; raises ValueError with a one-line reason for bad input."""
        path = Path(path)
        filename = filename or path.name
        checksum = _sha256(path)
        try:
            built = self._inspect(path, filename, applies_to=applies_to, id=id, title=title, issuer=issuer, date=date,
                                  supersedes=supersedes, code=code)
            doc = built.document.model_copy(update={"path": filename})
            with _lock:
                rep = self._swap(doc.id, lambda: self.library.save_added(doc), fail_after)
        except Exception as e:
            self._audit(actor, "add", filename=filename, checksum=checksum, ok=False, error=_one_line(e))
            raise
        self._audit(actor, "add", document=doc.id, filename=filename, checksum=checksum, ok=True,
                    sections=len(doc.sections), version=rep.version)
        return IndexResult(doc.id, doc.title, [s.ref for s in doc.sections],
                           built.summary() + f"\nlive in index v{rep.version} ({rep.embedded} sections embedded)",
                           rep.version, rep.embedded, list(built.warnings))

    def remove(self, doc_id: str, *, actor: str) -> int:
        """Take an added document out of the index; the bundled pack cannot be removed this way."""
        if not (self.library.added_dir / f"{doc_id}.json").exists():
            if doc_id in {d.id for d in self.library.pack()}:
                msg = f"{doc_id!r} is part of the bundled pack; edit knowledge/pack instead"
            else:
                msg = f"no added document {doc_id!r}; see `niyam index list`"
            self._audit(actor, "remove", document=doc_id, ok=False, error=msg)
            raise ValueError(msg)
        with _lock:
            rep = self._swap(doc_id, lambda: self.library.remove_added(doc_id), None)
        self._audit(actor, "remove", document=doc_id, ok=True, version=rep.version)
        return rep.version

    def audit_rows(self) -> list[dict]:
        p = self.data_dir / "audit.jsonl"
        return [json.loads(x) for x in p.read_text().splitlines() if x.strip()] if p.exists() else []

    # -- internals ---------------------------------------------------------------------------
    def _swap(self, doc_id: str, change, fail_after):
        """Apply a change to the saved documents and rebuild; on failure restore the saved file too."""
        from retrieval.indexer import build_index

        saved = self.library.added_dir / f"{doc_id}.json"
        backup = None
        if saved.exists():
            backup = Path(tempfile.mkstemp(prefix="niyam-", suffix=".json")[1])
            shutil.copy2(saved, backup)
        try:
            change()
            return build_index(self.data_dir, library=self.library, embedder=self.embedder, fail_after=fail_after)
        except BaseException:
            if backup:
                saved.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(backup, saved)
            elif saved.exists():
                saved.unlink()
            raise
        finally:
            if backup:
                backup.unlink(missing_ok=True)

    def _audit(self, actor: str, action: str, **fields) -> None:
        row = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "actor": actor,
               "action": action, **fields}
        with (self.data_dir / "audit.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def _one_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]
