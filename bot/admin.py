"""Admin re-indexing: add or remove official documents, from the CLI or from chat, safely.

One service for every front end. An add reads and splits the file, journals the validated document (not yet
published), builds a new index version with it, audits the change, and only then publishes the document (and
the file's bytes) into the shared database's documents table (knowledge.library's transaction). Any failure,
or a kill at any moment, leaves the previous version serving and the documents as they were: an interrupted change is rolled back (or, if its
version went live, completed and audited) by the next change or build. Every action is appended to
the audit log in the shared database (`state.db`).

Ids are names, not paths (`knowledge.library.check_id`); an added document whose id was read from the file
never silently replaces another added document (`replace=True`, or naming the id explicitly, does).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.errors import BadInput
from knowledge.library import InvalidDocumentId, Library, admin_lock, check_id
from knowledge.official import inspect_official

log = logging.getLogger("niyam.admin")

_lock = threading.Lock()  # one admin action at a time per process (builds also take a file lock)


class DocumentExists(BadInput):
    """A new document's detected id is that of a document already added; the message says how to proceed."""

    def __init__(self, doc_id: str, title: str):
        self.doc_id = doc_id
        super().__init__(f"an added document already has the id {doc_id!r} ({title[:60]}); to replace it, add "
                         f"again with --id {doc_id} (or confirm the replacement in chat); to keep both, give this "
                         f"one another --id")


@dataclass
class IndexResult:
    document_id: str
    title: str
    refs: list[str]
    summary: str
    version: int = 0
    embedded: int = 0
    warnings: list[str] = field(default_factory=list)
    replaced: bool = False


class AdminService:
    def __init__(self, data_dir: Path, *, embedder=None, library: Library | None = None):
        self.data_dir = Path(data_dir)
        self.library = library or Library(self.data_dir)
        self.embedder = embedder

    # -- actions -----------------------------------------------------------------------------
    def preview(self, path: Path, *, filename: str | None = None, replace: bool = False, **meta) -> str:
        """The summary an admin confirms before the document goes live; writes nothing.

        When the document would replace an added one, the summary says so on a `replaces:` line (with
        `replace=True` or an explicit id) or a `conflict:` line (otherwise: the add would be refused)."""
        built = self._inspect(Path(path), filename or Path(path).name, **meta)
        text = built.summary()
        doc = built.document
        existing = self._added_title(doc.id)
        if existing is not None:
            if replace or meta.get("id"):
                text += f"\nreplaces: the added document {doc.id} ({existing[:60]})"
            else:
                text += (f"\nconflict: an added document already has the id {doc.id} ({existing[:60]}); "
                         f"it is replaced only when you confirm the replacement")
        return text

    def _inspect(self, path: Path, filename: str, *, applies_to=None, id=None, title=None, issuer=None, date=None,
                 supersedes=None, code=None):
        if id is not None:
            check_id(id.strip().lower() if isinstance(id, str) else id)
        if code is None and supersedes:  # the official text of a rulebook takes the digest's code
            sup = [supersedes] if isinstance(supersedes, str) else list(supersedes)
            codes = {d.code for d in self.library.pack() if d.id in sup and d.kind.value == "rulebook"}
            code = next(iter(codes)) if len(codes) == 1 else None
        built = inspect_official(path, filename=filename, id=id, title=title, issuer=issuer, date=date,
                                 applies_to=applies_to, supersedes=supersedes, code=code)
        doc = built.document
        check_id(doc.id)
        pack_ids = {d.id for d in self.library.pack()}
        if doc.id in pack_ids:
            raise ValueError(f"id {doc.id!r} belongs to a bundled pack document; choose another --id")
        known = pack_ids | set(self.library.added_ids())
        missing = [s for s in doc.supersedes if s not in known]
        if missing:
            raise ValueError(f"--supersedes names unknown document(s): {', '.join(missing)}")
        return built

    def _added_title(self, doc_id: str) -> str | None:
        if doc_id not in self.library.added_ids():
            return None
        try:
            return next((d.title for d in self.library.added() if d.id == doc_id), doc_id)
        except ValueError:  # a damaged stored copy: it still exists
            return doc_id

    def add(self, path: Path, *, actor: str, filename: str | None = None, applies_to=None, id: str | None = None,
            title: str | None = None, issuer: str | None = None, date=None, supersedes=None, code=None,
            replace: bool = False, fail_after: int | None = None) -> IndexResult:
        """Index one official file; raises ValueError with a one-line reason for bad input.

        A document whose id was read from the file (no `id` given) that matches an added document is refused
        with DocumentExists unless `replace=True`."""
        path = Path(path)
        filename = filename or path.name
        checksum = _sha256(path)
        try:
            built = self._inspect(path, filename, applies_to=applies_to, id=id, title=title, issuer=issuer, date=date,
                                  supersedes=supersedes, code=code)
            doc = built.document.model_copy(update={"path": filename})
            with _lock, admin_lock(self.data_dir):
                self.recover()
                existing = self._added_title(doc.id)
                if existing is not None and not replace and not id:
                    raise DocumentExists(doc.id, existing)
                rep = self._change("add", doc.id, doc, actor=actor, filename=filename, checksum=checksum,
                                   sections=len(doc.sections), replaced=existing is not None or None,
                                   fail_after=fail_after, original=_read(path))
        except Exception as e:
            self._audit_failure(actor, "add", filename=filename, checksum=checksum, ok=False, error=_one_line(e))
            raise
        return IndexResult(doc.id, doc.title, [s.ref for s in doc.sections],
                           built.summary() + f"\nlive in index v{rep.version} ({rep.embedded} sections embedded)",
                           rep.version, rep.embedded, list(built.warnings), replaced=existing is not None)

    def remove(self, doc_id: str, *, actor: str) -> int:
        """Take an added document out of the index; the bundled pack cannot be removed this way."""
        try:
            check_id(doc_id)
        except InvalidDocumentId as e:
            self._audit(actor, "remove", ok=False, error=str(e))
            raise
        with _lock, admin_lock(self.data_dir):
            self.recover()
            if doc_id not in self.library.added_ids():
                if doc_id in {d.id for d in self.library.pack()}:
                    msg = f"{doc_id!r} is part of the bundled pack; edit knowledge/pack instead"
                else:
                    msg = f"no added document {doc_id!r}; see `niyam index list`"
                self._audit(actor, "remove", document=doc_id, ok=False, error=msg)
                raise ValueError(msg)
            try:
                rep = self._change("remove", doc_id, None, actor=actor)
            except Exception as e:
                self._audit_failure(actor, "remove", document=doc_id, ok=False, error=_one_line(e))
                raise
        return rep.version

    def recover(self) -> list[str]:
        """Settles what interrupted changes left behind (see knowledge.library.Library.recover)."""
        from retrieval.indexer import recover

        return recover(self.data_dir, library=self.library, wait=True)

    def audit_rows(self) -> list[dict]:
        return self.library.audit_rows()

    # -- internals ---------------------------------------------------------------------------
    def _change(self, op: str, doc_id: str, doc, *, actor: str, fail_after: int | None = None,
                original: bytes | None = None, **info):
        """Journal the change, build the version with it, audit it, then publish it (under the admin lock)."""
        from retrieval.indexer import build_index

        tx = self.library.stage(op, doc_id, doc, original=original, actor=actor,
                                **{k: v for k, v in info.items() if v is not None})
        try:
            rep = build_index(self.data_dir, library=self.library, embedder=self.embedder, fail_after=fail_after,
                              overlay={doc_id: doc}, tx=tx)
        except BaseException:
            try:
                self.library.discard(tx)
            except Exception as e:  # noqa: BLE001 - e.g. the disk that failed the build holds the database too
                log.warning("niyam: change %s could not be discarded (%s); the next change or build rolls it back",
                            tx, type(e).__name__)
            raise
        self._audit(actor, op, document=doc_id, ok=True, version=rep.version, tx=tx, **info)
        self.library.publish(tx)
        return rep

    def _audit(self, actor: str, action: str, **fields) -> None:
        self.library.audit(actor, action, **fields)

    def _audit_failure(self, actor: str, action: str, **fields) -> None:
        """Audits a failed action; if the database cannot take the row (the full disk that failed the build may
        hold it too), logs that instead, so the admin sees the failure's own one line."""
        try:
            self._audit(actor, action, **fields)
        except Exception as e:  # noqa: BLE001
            log.warning("niyam: the failed %s could not be audited (%s)", action, type(e).__name__)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def _read(path: Path) -> bytes | None:
    """The file's bytes, kept with the added document in the database (None if it cannot be read again)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _one_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]
