"""The corpus an index is built from: the bundled pack plus the official documents admins added.

Added documents live in the shared database (`state.db`, table `documents`): the validated document as JSON
and the file it came from, so a rebuild on any host, on any day, reproduces the same index without the
original files, and an add on one host is in the next build on another. The data dir keeps only caches.

A change to the added documents is a transaction (`stage` -> build -> audit -> `publish`): the new or removed
document is first written to a journal (table `document_changes`), the index version is built with that
change overlaid, and only after the version is live and audited does `publish` move the journal's document
into `documents`, in one database transaction. A build never reads the journal, so an add killed half-way
publishes nothing; `recover` (run under the admin lock at the start of every change and build) rolls such
leftovers back, or forward when the version they built went live, and logs what it did.

The audit log and the admin lock live in the same database, so every host's admin actions form one trail and
one change runs at a time across hosts. Documents and journals an older Niyam kept as files under
`NIYAM_DATA_DIR/documents/` are imported once (`state.importing`).

Ids are names, not paths: every id that reaches a file name here passes `check_id` (one pattern, `DOC_ID`).
Everything written under the data dir is private to its owner: directories 0700, files 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import stat
import threading
import time
import uuid
from pathlib import Path

import yaml
from sqlalchemy import delete, select

from knowledge.errors import BadInput
from knowledge.loader import PackError, default_pack_dir, load_pack
from knowledge.model import Document, Status

log = logging.getLogger("niyam.library")

DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
"""A document id: lowercase letters, digits and hyphens, at most 100 characters. Never a path."""

class InvalidDocumentId(BadInput):
    """An id that is not a name (a path, an empty string, capitals, control characters...).

    The message is one safe line: the offending value is shortened and stripped of control characters."""

    def __init__(self, value: object):
        self.value = value
        super().__init__(f"invalid document id {_shown(value)}: an id is lowercase letters, digits and hyphens "
                         f"(at most 100), never a path")


def check_id(value: object) -> str:
    """`value` if it is a valid document id, else InvalidDocumentId."""
    if not isinstance(value, str) or not DOC_ID.fullmatch(value):
        raise InvalidDocumentId(value)
    return value


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


# ---------------------------------------------------------------------------------------------- private files

def private_dir(path: Path) -> Path:
    """Creates `path` (and parents) as 0700 directories; tightens an existing one we own."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _tighten_one(path, 0o700)
    return path


def _tighten_one(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid():
            return
        if stat.S_IMODE(st.st_mode) & ~mode & 0o777:
            os.chmod(path, stat.S_IMODE(st.st_mode) & mode)
    except OSError:
        pass


def tighten(root: Path) -> None:
    """Directories 0700 and files 0600 under `root` (for files a library such as Chroma wrote)."""
    root = Path(root)
    if not root.exists():
        return
    _tighten_one(root, 0o700)
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            _tighten_one(Path(dirpath) / d, 0o700)
        for f in filenames:
            _tighten_one(Path(dirpath) / f, 0o600)


# ---------------------------------------------------------------------------------------------- the admin lock

_locks_guard = threading.Lock()
_locks: dict[str, list] = {}  # database -> [RLock, depth, the held lock's ExitStack]


@contextlib.contextmanager
def admin_lock(data_dir: Path, *, blocking: bool = True):
    """One change to the added documents (and one build) at a time, across processes and hosts: a lock held in
    the shared database (`state.db.Database.lock`), so an admin on any host waits for one on another.

    Re-entrant within a thread of one process. Yields True when held; with `blocking=False`, yields False
    instead of waiting when another process holds it."""
    from state.db import database

    db = database(private_dir(Path(data_dir)))
    with _locks_guard:
        entry = _locks.setdefault(db.url, [threading.RLock(), 0, None])
    rlock = entry[0]
    if not rlock.acquire(blocking=blocking):
        yield False
        return
    try:
        if entry[1] == 0:
            stack = contextlib.ExitStack()
            if not stack.enter_context(db.lock("niyam-admin", blocking=blocking)):
                stack.close()
                yield False
                return
            entry[2] = stack
        entry[1] += 1
        try:
            yield True
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                stack, entry[2] = entry[2], None
                stack.close()
    finally:
        rlock.release()


_packs_guard = threading.Lock()
_packs: dict[str, tuple[tuple, tuple[Document, ...]]] = {}  # pack dir -> (its files' stamp, its documents)


def _pack_stamp(folder: Path) -> tuple:
    """Name, size and modification time of every file of a pack directory: any edit changes it."""
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder)
                            if e.is_file()))
    except OSError:
        return ()


class Library:
    def __init__(self, data_dir: Path, pack_dir: Path | None = None):
        self.data_dir = Path(data_dir)
        self.pack_dir = Path(pack_dir) if pack_dir else default_pack_dir()

    @property
    def db(self):
        """The shared database holding the added documents, their journals and the audit log."""
        from state.db import database

        return database(private_dir(self.data_dir))

    def pack(self) -> list[Document]:
        """The bundled pack's documents, parsed once per process while its files are unchanged (an admin's add
        reads the pack two or three times: about 2 s each on a 2-core machine)."""
        stamp = _pack_stamp(self.pack_dir)
        key = str(self.pack_dir.resolve())
        with _packs_guard:
            got = _packs.get(key)
        if got is None or got[0] != stamp:
            got = (stamp, tuple(load_pack(self.pack_dir)))
            with _packs_guard:
                _packs[key] = got
        return list(got[1])

    # -- added documents -------------------------------------------------------------------------
    def added_ids(self) -> list[str]:
        """Ids of the published added documents."""
        from state.schema import DocumentRow

        with self.db.session() as s:
            return sorted(s.scalars(select(DocumentRow.id)))

    def stored(self, doc_id: str) -> str | None:
        """An added document's stored JSON as it is (None if there is none); the id is checked first."""
        from state.schema import DocumentRow

        check_id(doc_id)
        with self.db.session() as s:
            return s.scalar(select(DocumentRow.body).where(DocumentRow.id == doc_id))

    def write_stored(self, doc_id: str, body: str) -> None:
        """Replaces an added document's stored JSON as it is (recovery tools and tests of a damaged copy)."""
        from state.schema import DocumentRow

        check_id(doc_id)
        with self.db.session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                s.add(DocumentRow(id=doc_id, body=body, added_at=time.time()))
            else:
                row.body = body

    def original(self, doc_id: str) -> tuple[str | None, bytes | None]:
        """The file an added document was read from: its name and bytes (None, None when not kept)."""
        from state.schema import DocumentRow

        check_id(doc_id)
        with self.db.session() as s:
            row = s.execute(select(DocumentRow.filename, DocumentRow.original).where(DocumentRow.id == doc_id)).first()
        return (row[0], row[1]) if row else (None, None)

    def added(self, skip: set[str] | frozenset[str] = frozenset()) -> list[Document]:
        from state.schema import DocumentRow

        with self.db.session() as s:
            rows = list(s.execute(select(DocumentRow.id, DocumentRow.body).order_by(DocumentRow.id)))
        out = []
        for doc_id, body in rows:
            if doc_id in skip:
                continue
            try:
                doc = Document.model_validate_json(body)
            except ValueError as e:
                raise DamagedDocument(doc_id, e) from None
            if doc.id != doc_id:
                raise DamagedDocument(doc_id, ValueError(f"it holds document {doc.id!r}"))
            out.append(doc)
        return out

    def documents(self, overlay: dict[str, Document | None] | None = None) -> list[Document]:
        """Pack first, then added documents, with supersession applied.

        `overlay` is the change a transaction builds: id -> the new document, or None to leave it out.

        A document named in another's `supersedes` becomes `superseded` (history, never cited as current),
        except a rulebook digest superseded by the official text of the same rulebook: the digest stays to
        explain, and citations quote the official text beside it.
        """
        overlay = overlay or {}
        added = self.added(skip=set(overlay))
        added += [d for d in overlay.values() if d is not None]
        ids = {d.id for d in added}
        docs = [d for d in self.pack() if d.id not in ids] + added
        by_id = {d.id: d for d in docs}
        for newer in docs:
            for old_id in newer.supersedes:
                old = by_id.get(old_id)
                if old is None or old is newer:
                    continue
                if newer.source.value == "official" and old.source.value == "digest" and newer.code == old.code:
                    continue
                by_id[old_id] = old.model_copy(update={"status": Status.superseded,
                                                       "notes": (old.notes + f" Superseded by {newer.id}.").strip()})
        return [by_id[d.id] for d in docs]

    def scope(self) -> dict[str, list[str]]:
        """The pack's labelled in-scope / out-of-scope questions; a broken file is a PackError (`file:line: reason`)."""
        path = self.pack_dir / "scope.yaml"
        if not path.exists():
            return {}
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise PackError(path, 1, "not UTF-8 text") from None
        except OSError as e:
            raise PackError(path, 0, f"cannot read: {e.strerror}") from None
        try:
            data = yaml.safe_load(text) or {}
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            raise PackError(path, (mark.line + 1) if mark else 1, f"invalid YAML: {e.problem or e.context}") from None
        except yaml.YAMLError as e:
            raise PackError(path, 1, f"invalid YAML: {type(e).__name__}") from None
        if not isinstance(data, dict):
            raise PackError(path, 1, "scope.yaml must be a mapping of labels (in_scope, out_of_scope) to lists")
        out = {}
        for k, v in data.items():
            if v is not None and not isinstance(v, list):
                raise PackError(path, _key_line(text, k), f"{k}: must be a list of questions")
            out[str(k)] = [str(x) for x in v or []]
        return out

    # -- transactions ----------------------------------------------------------------------------
    def stage(self, op: str, doc_id: str, document: Document | None = None, *, original: bytes | None = None,
              **info) -> str:
        """Journals a change (`add` with its document and, if given, the file's bytes; or `remove`) without
        publishing it; returns its tx id."""
        from state.schema import DocumentChangeRow

        if op not in ("add", "remove"):
            raise ValueError(f"unknown operation {op!r}")
        check_id(doc_id)
        tx = f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}"
        row = {"tx": tx, "op": op, "id": doc_id,
               "document": json.loads(document.model_dump_json()) if document is not None else None, **info}
        with self.db.session() as s:
            s.add(DocumentChangeRow(tx=tx, body=json.dumps(row), original=original if op == "add" else None,
                                    created_at=time.time()))
        return tx

    def pending(self) -> list[dict]:
        """Journals of changes not yet published (leftovers of an interrupted one, or the one under way)."""
        from state.schema import DocumentChangeRow

        with self.db.session() as s:
            rows = list(s.execute(select(DocumentChangeRow.tx, DocumentChangeRow.body)
                                  .order_by(DocumentChangeRow.tx)))
        out = []
        for tx, body in rows:
            try:
                row = json.loads(body)
                if row.get("tx") != tx or row.get("op") not in ("add", "remove"):
                    raise ValueError("not a journal")
                check_id(row.get("id"))
            except (ValueError, AttributeError):
                row = {"tx": tx, "op": None, "id": None, "damaged": True}
            out.append(row)
        return out

    def publish(self, tx: str) -> None:
        """Makes a journalled change permanent in the documents table and drops its journal, in one transaction
        (idempotent: a change already published has no journal left)."""
        from state.schema import DocumentChangeRow, DocumentRow

        with self.db.session() as s:
            journal = s.get(DocumentChangeRow, tx)
            if journal is None:
                return
            row = json.loads(journal.body)
            doc_id = check_id(row["id"])
            if row["op"] == "add":
                doc = Document.model_validate(row["document"])
                fields = {"body": doc.model_dump_json(indent=1), "filename": row.get("filename"),
                          "checksum": row.get("checksum"), "original": journal.original,
                          "actor": row.get("actor"), "tx": tx, "added_at": time.time()}
                stored = s.get(DocumentRow, doc_id)
                if stored is None:
                    s.add(DocumentRow(id=doc_id, **fields))
                else:
                    for k, v in fields.items():
                        setattr(stored, k, v)
            else:
                s.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))
            s.delete(journal)

    def discard(self, tx: str) -> None:
        """Drops a journalled change that did not go live."""
        from state.schema import DocumentChangeRow

        with self.db.session() as s:
            s.execute(delete(DocumentChangeRow).where(DocumentChangeRow.tx == tx))

    def recover(self, active_tx: str | None, *, keep: str | None = None) -> list[str]:
        """Settles leftovers of interrupted changes; call it holding `admin_lock`. Returns what was done.

        A journalled change whose index version went live (the active pointer carries its tx, or the audit log
        records it as done) is completed: audited if the audit row is missing, then published. Any other is
        rolled back: it never went live, so it never will. Stray temporary files are removed."""
        done: list[str] = []
        waiting = [row for row in self.pending() if row["tx"] != keep]
        audited = {r.get("tx") for r in self.audit_rows() if r.get("ok") and r.get("tx")} if waiting else set()
        for row in waiting:
            tx = row["tx"]
            if row.get("damaged"):
                self.discard(tx)
                msg = f"removed a damaged change journal ({tx})"
            elif tx in audited or (active_tx and tx == active_tx):
                if tx not in audited:
                    self.audit(row.get("actor") or "unknown", row["op"], document=row["id"], tx=tx, ok=True,
                               recovered="completed after an interruption",
                               filename=row.get("filename"), checksum=row.get("checksum"))
                self.publish(tx)
                msg = f"completed the interrupted {row['op']} of {row['id']} (its index version was live)"
            else:
                self.discard(tx)
                self.audit(row.get("actor") or "unknown", row["op"], document=row["id"], tx=tx, ok=False,
                           recovered="rolled back", error="interrupted before its index version went live")
                msg = f"rolled back the interrupted {row['op']} of {row['id']} (it never went live)"
            log.warning("niyam: %s", msg)
            done.append(msg)
        for tmp in self.data_dir.glob(".index.json.*.tmp"):  # only our own temporary files
            with contextlib.suppress(OSError):
                tmp.unlink()
        return done

    # -- the audit log ---------------------------------------------------------------------------
    # Kept in the shared database (state.db), so every host's admin actions are one trail.
    def audit(self, actor: str, action: str, **fields) -> dict:
        from state.schema import AuditRow

        row = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "actor": actor,
               "action": action, **{k: v for k, v in fields.items() if v is not None}}
        with self.db.session() as s:
            s.add(AuditRow(at=row["at"], actor=str(actor)[:200], action=str(action)[:40], body=row))
        return row

    def audit_rows(self) -> list[dict]:
        from state.schema import AuditRow

        with self.db.session() as s:
            return [dict(r) for r in s.scalars(select(AuditRow.body).order_by(AuditRow.id))]

    def audited_ids(self) -> set[str]:
        """Added documents as the audit log tells it: every successful add, minus every successful remove."""
        ids: set[str] = set()
        for r in self.audit_rows():
            if not r.get("ok") or not r.get("document"):
                continue
            if r.get("action") == "add":
                ids.add(r["document"])
            elif r.get("action") == "remove":
                ids.discard(r["document"])
        return ids


class DamagedDocument(PackError):
    """An added document's stored JSON that cannot be read. A PackError, so every front end that reports a bad
    pack file reports this the same way: `documents/ID:1: reason` (the database's documents table), one line."""

    def __init__(self, doc_id: str, error: Exception):
        self.doc_id = doc_id
        reason = type(error).__name__ if not isinstance(error, ValueError) else str(error).splitlines()[0][:120]
        super().__init__(f"documents/{doc_id}", 1,
                         f"the stored copy of added document {doc_id!r} is damaged ({reason}); remove it with "
                         f"`niyam index remove {doc_id}` and add the file again")


def _key_line(text: str, key) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^{re.escape(str(key))}\s*:", line):
            return i
    return 1


def describe(doc: Document) -> dict:
    """A document as `niyam index list --json` shows it (the contract's fields)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "kind": doc.kind.value,
        "status": doc.status.value,
        "date": doc.date.isoformat() if doc.date else None,
        "url": doc.url,
        "source": doc.source.value,
        "refs": [s.ref for s in doc.sections],
        "applies_to": doc.applies_to,
        "reference": doc.reference,
        "issuer": doc.issuer,
    }


def dump(docs: list[Document]) -> str:
    return json.dumps([describe(d) for d in docs], indent=1)
