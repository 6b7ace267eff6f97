"""The corpus an index is built from: the bundled pack plus the official documents admins added.

Added documents are kept as validated JSON under `NIYAM_DATA_DIR/documents/`, so a rebuild on another
day reproduces the same index without the original files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from knowledge.loader import default_pack_dir, load_pack
from knowledge.model import Document, Status


class Library:
    def __init__(self, data_dir: Path, pack_dir: Path | None = None):
        self.data_dir = Path(data_dir)
        self.pack_dir = Path(pack_dir) if pack_dir else default_pack_dir()
        self.added_dir = self.data_dir / "documents"

    def pack(self) -> list[Document]:
        return load_pack(self.pack_dir)

    def added(self) -> list[Document]:
        if not self.added_dir.exists():
            return []
        return [Document.model_validate_json(p.read_text()) for p in sorted(self.added_dir.glob("*.json"))]

    def documents(self) -> list[Document]:
        """Pack first, then added documents, with supersession applied.

        A document named in another's `supersedes` becomes `superseded` (history, never cited as current),
        except a rulebook digest superseded by the official text of the same rulebook: the digest stays to
        explain, and citations quote the official text beside it.
        """
        added = self.added()
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
        path = self.pack_dir / "scope.yaml"
        if not path.exists():
            return {}
        data = yaml.safe_load(path.read_text()) or {}
        return {k: [str(x) for x in v or []] for k, v in data.items()}

    def save_added(self, doc: Document) -> Path:
        self.added_dir.mkdir(parents=True, exist_ok=True)
        path = self.added_dir / f"{doc.id}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(doc.model_dump_json(indent=1))
        os.replace(tmp, path)
        return path

    def remove_added(self, doc_id: str) -> bool:
        path = self.added_dir / f"{doc_id}.json"
        if path.exists():
            path.unlink()
            return True
        return False


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
