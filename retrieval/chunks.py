"""Turns documents into what the index holds: one chunk per addressable section, one per labelled example.

Metadata is flat (Chroma's rule) and carries what search filters and citations need, so a reader never
has to reload the pack to cite a section.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from knowledge.model import SERVICES, Document, Section, split_ref


@dataclass
class Chunk:
    id: str
    text: str  # what is searched and stored; a section's own text is a verbatim part of it
    metadata: dict = field(default_factory=dict)
    vector_text: str = ""  # what is embedded when it differs: a Hindi or Hinglish text's English reading

    @property
    def embedded(self) -> str:
        return self.vector_text or self.text

    @property
    def hash(self) -> str:
        return self.metadata["hash"]

    @property
    def embed_key(self) -> str:
        """An embedding depends on the text alone, so it is reused whenever the text is unchanged."""
        return self.metadata["text_hash"]


def _applies(doc: Document) -> dict:
    """Service flags for filtering, and whether the document is a State's (or another country's) own."""
    flags = {f"applies_{s}": s in doc.applies_to for s in SERVICES}
    flags["state_specific"] = any(a not in SERVICES for a in doc.applies_to)
    return flags


def section_chunk(doc: Document, section: Section) -> Chunk:
    code, rule = split_ref(section.ref)
    g = section.guidance[0] if section.guidance else None
    parts = [f"{section.ref} {section.title}", section.text]
    for gd in section.guidance:
        parts += [gd.meaning, gd.online]
    text = "\n".join(p for p in parts if p)
    meta = {
        "kind": "section",
        "document": doc.id,
        "document_title": doc.title,
        "doc_kind": doc.kind.value,
        "ref": section.ref,
        "rule": rule,
        "rulebook": doc.rulebook,
        "title": section.title,
        "section_text": section.text,
        "notes": section.notes,
        "status": section.effective_status(doc).value,
        "verified": section.effective_verified(doc),
        "source": doc.source.value,
        "url": doc.url,
        "applies_to": ",".join(doc.applies_to),
        "date": doc.date.isoformat() if doc.date else "",
        "reference": doc.reference,
        "concern": g.concern if g else "",
        "guidance_verdict": g.verdict.value if g else "",
        "compliant": g.compliant if g else "",
        "meaning": g.meaning if g else "",
        "conditions": g.conditions if g else "",
        **_applies(doc),
    }
    meta["hash"] = _hash(text, meta)
    meta["text_hash"] = _hash(text, {})
    return Chunk(id=f"{doc.id}::{section.ref}", text=text, metadata=meta)


def example_chunks(doc: Document, section: Section) -> list[Chunk]:
    out = []
    for gi, g in enumerate(section.guidance):
        labelled = [(t, g.verdict.value, "catch") for t in g.catches] + [
            (e.text, e.verdict.value, "miss") for e in g.negatives()
        ]
        for i, (text, verdict, polarity) in enumerate(labelled):
            meta = {
                "kind": "example",
                "document": doc.id,
                "ref": section.ref,
                "rulebook": doc.rulebook,
                "concern": g.concern,
                "verdict": verdict,
                "polarity": polarity,
                # the guidance travels with its example, so a reason quotes the block that decided
                "meaning": g.meaning,
                "conditions": g.conditions,
                "compliant": g.compliant,
                **_applies(doc),
            }
            meta["hash"] = _hash(text, meta)
            meta["text_hash"] = _hash(text, {})
            out.append(Chunk(id=f"{doc.id}::{section.ref}::g{gi}::ex{i}", text=text, metadata=meta))
    return out


def scope_chunks(scope: dict[str, list[str]]) -> list[Chunk]:
    """Labelled in-scope and out-of-scope questions from the pack's scope.yaml."""
    out = []
    for label in ("out_of_scope", "in_scope"):
        for i, text in enumerate(scope.get(label, []) or []):
            meta = {"kind": "scope", "document": "scope", "ref": "", "rulebook": "", "concern": label,
                    "verdict": label, "polarity": "scope", **{f"applies_{s}": True for s in SERVICES}}
            meta["hash"] = _hash(text, meta)
            meta["text_hash"] = _hash(text, {})
            out.append(Chunk(id=f"scope::{label}::{i}", text=text, metadata=meta))
    return out


def document_chunks(docs: list[Document], scope: dict | None = None,
                    read: Callable[[str], str | None] | None = None) -> tuple[list[Chunk], list[Chunk]]:
    """(sections, examples) for a whole corpus. `read` gives a Hindi or Hinglish text's English reading (None for
    English): questions are embedded as read, so a Hindi example embedded as Devanagari would meet nothing."""
    sections, examples = [], []
    for doc in docs:
        for s in doc.sections:
            sections.append(section_chunk(doc, s))
            examples.extend(example_chunks(doc, s))
    examples.extend(scope_chunks(scope or {}))
    if read is not None:
        sections, examples = [_as_read(c, read) for c in sections], [_as_read(c, read) for c in examples]
    return sections, examples


def _as_read(chunk: Chunk, read: Callable[[str], str | None]) -> Chunk:
    """The chunk embedded as its reading; its embedding is reused only while that reading is unchanged."""
    reading = read(chunk.text)
    if not reading or reading == chunk.text:
        return chunk
    meta = dict(chunk.metadata, text_hash=_hash(reading, {"read": True}),
                hash=_hash(reading, {"chunk": chunk.metadata.get("hash", "")}))
    return replace(chunk, metadata=meta, vector_text=reading)


def _hash(text: str, meta: dict) -> str:
    """Content hash of a chunk: its text and metadata (a change in either makes a new chunk)."""
    h = hashlib.sha256(text.encode())
    for k in sorted(meta):
        h.update(f"\x00{k}={meta[k]}".encode())
    return h.hexdigest()[:32]
