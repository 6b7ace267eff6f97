"""Turns one official file (a circular, an office memorandum, the official text of the conduct rules) into a
`Document` with `source=official`: read (readers), particulars found (metadata), split (structure).

The admin's metadata always wins over what is found in the text; what was found, given or assumed is kept
in `OfficialBuild.origins`, so the admin can be shown it before the document goes live.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from knowledge.errors import BadInput
from knowledge.library import DOC_ID
from knowledge.metadata import DetectedMetadata, detect_metadata
from knowledge.model import RULEBOOK_CODES, SERVICES, Document, Kind, Source, Status
from knowledge.readers import ExtractedText, UnreadableDocument, read_text
from knowledge.structure import split_official

__all__ = ["InvalidMetadata", "OfficialBuild", "build_official_document", "inspect_official", "slugify"]

_ID = DOC_ID  # ids are names, not paths: one pattern everywhere (knowledge.library.check_id)


class InvalidMetadata(BadInput):
    """Admin-given metadata that cannot be used (a bad id or date); the message is one line."""


@dataclass
class OfficialBuild:
    document: Document
    extracted: ExtractedText
    detected: DetectedMetadata
    origins: dict[str, str] = field(default_factory=dict)  # field -> "given" | "found" | "default"
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """What an admin sees before the document goes live: one fact a line."""
        d = self.document
        o = self.origins
        refs = [s.ref for s in d.sections]
        shown = ", ".join(refs[:6]) + (f", … ({len(refs)} in all)" if len(refs) > 6 else "")
        pages = f", {self.extracted.pages} pages" if self.extracted.pages else ""
        lines = [
            f"{d.id}: {d.title} [{o.get('title', '')}]",
            f"kind: {d.kind.value} [{o.get('kind', '')}] · source: official · status: {d.status.value}",
            f"reference: {d.reference} [{o.get('reference', '')}]",
            f"date: {d.date.isoformat() if d.date else 'unknown'} [{o.get('date', '')}]",
            f"issuer: {d.issuer} [{o.get('issuer', '')}]",
            f"applies to: {', '.join(d.applies_to)} [{o.get('applies_to', '')}]",
        ]
        if d.supersedes:
            lines.append(f"supersedes: {', '.join(d.supersedes)}")
        lines.append(f"sections: {shown}")
        lines.append(f"from: {self.extracted.filename} ({self.extracted.type.upper()}{pages})")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def build_official_document(path: str | Path, *, filename: str | None = None, id: str | None = None,
                            title: str | None = None, issuer: str | None = None, date: dt.date | str | None = None,
                            applies_to: list[str] | str | None = None, supersedes: list[str] | str | None = None,
                            code: str | None = None, url: str | None = None, kind: Kind | str | None = None) -> Document:
    """The `Document` (source official, status in_force) an official file becomes.  Raises
    UnreadableDocument / UnsupportedDocument for a bad file, InvalidMetadata for bad admin metadata."""
    return inspect_official(path, filename=filename, id=id, title=title, issuer=issuer, date=date,
                            applies_to=applies_to, supersedes=supersedes, code=code, url=url, kind=kind).document


def inspect_official(path: str | Path, *, filename: str | None = None, id: str | None = None,
                     title: str | None = None, issuer: str | None = None, date: dt.date | str | None = None,
                     applies_to: list[str] | str | None = None, supersedes: list[str] | str | None = None,
                     code: str | None = None, url: str | None = None,
                     kind: Kind | str | None = None) -> OfficialBuild:
    """`build_official_document` with everything behind it: the extracted text, the detected metadata, where
    each field came from and any warnings."""
    path = Path(path)
    name = filename or path.name
    extracted = read_text(path, filename=name)
    detected = detect_metadata(extracted.text, file_title=extracted.title)
    origins: dict[str, str] = {}
    warnings = list(extracted.warnings)

    def pick(field_name: str, given, found, default):
        if given not in (None, "", []):
            origins[field_name] = "given"
            return given
        if found not in (None, "", []):
            origins[field_name] = "found"
            return found
        origins[field_name] = "default"
        return default

    code = _code(code)
    doc_id = _given_id(id) if id else None
    if doc_id:
        origins["id"] = "given"
    else:
        if code in SERVICES:  # beside the digest's own id for the same rulebook
            doc_id = f"{RULEBOOK_CODES[code]}-official"
        else:
            doc_id = slugify(_ref_number(detected.reference)) if detected.reference else ""
        origins["id"] = "found" if doc_id else "default"
        if not doc_id:
            doc_id = slugify(Path(name).stem) or "document-" + hashlib.sha256(extracted.text.encode()).hexdigest()[:8]
    the_kind = pick("kind", _kind(kind), Kind.rulebook if code in SERVICES else detected.kind, Kind.circular)
    the_title = pick("title", (title or "").strip(), detected.title, _title_from_name(name))
    the_issuer = pick("issuer", (issuer or "").strip(), detected.issuer, "unknown")
    the_date = pick("date", _date(date), detected.date, None)
    found_services = [code] if code in SERVICES else detected.applies_to
    the_applies = pick("applies_to", _services(applies_to), found_services, list(SERVICES))
    if origins["applies_to"] == "default":
        warnings.append("applies_to not given and not found in the text; assumed AIS, CCS")
    origins["reference"] = "found" if detected.reference else "default"

    sections = split_official(extracted.text, doc_id=doc_id, code=code)
    if not sections:
        raise UnreadableDocument(f"{name}: no text could be split into sections")
    try:
        document = Document(
            id=doc_id, title=the_title, kind=the_kind, issuer=the_issuer, applies_to=the_applies,
            code=code or doc_id, reference=detected.reference or "unknown", date=the_date, status=Status.in_force,
            supersedes=_ids(supersedes), url=(url or "").strip(), source=Source.official, verified=True,
            sections=sections, path=str(path),
        )
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InvalidMetadata(f"{name}: {where + ': ' if where else ''}{err['msg']}".replace("Value error, ", "")) from None
    return OfficialBuild(document=document, extracted=extracted, detected=detected, origins=origins, warnings=warnings)


# ---------------------------------------------------------------------------------------------- helpers

def slugify(text: str, limit: int = 60) -> str:
    """`No. 11011/01/2015-AIS-III` -> `11011-01-2015-ais-iii`; `GAD OM 3 (2026).pdf` -> `gad-om-3-2026-pdf`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug.strip("-")


def _ref_number(reference: str) -> str:
    """A reference without its `No.` / `F.No.` / `OM No.` prefix; a G.S.R. number keeps its `gsr`."""
    if reference.upper().startswith(("G.S.R.", "S.O.")):
        return reference.replace(".", "")
    if re.match(r"G\.?\s?O\b", reference, re.I):  # G.O.Ms. No. 123: the number alone says too little
        return re.sub(r"\bNo\.?\s*", "", reference)
    return re.sub(r"^.*?No\.\s*", "", reference)


def _given_id(value: str) -> str:
    v = value.strip().lower()
    if not _ID.fullmatch(v):
        raise InvalidMetadata(f"id must be lowercase letters, digits and hyphens, got {value!r}")
    return v


def _ids(value) -> list[str]:
    if not value:
        return []
    items = [value] if isinstance(value, str) else list(value)
    out = []
    for item in items:
        for part in str(item).split(","):
            if part.strip():
                out.append(_given_id(part))
    return out


def _code(code: str | None) -> str | None:
    if not code:
        return None
    c = code.strip()
    return c.upper() if c.upper() in SERVICES else c


def _kind(kind) -> Kind | None:
    if kind in (None, ""):
        return None
    try:
        return Kind(kind.value if isinstance(kind, Kind) else str(kind).strip().lower())
    except ValueError:
        raise InvalidMetadata(f"kind must be one of {', '.join(k.value for k in Kind)}, got {kind!r}") from None


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidMetadata(f"date must be YYYY-MM-DD, got {value!r}") from None


def _services(value) -> list[str] | None:
    if value in (None, "", []):
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    out = []
    for item in items:
        s = str(item).strip()
        if s:
            s = s.upper() if s.upper() in SERVICES else s
            if s not in out:
                out.append(s)
    return out or None


def _title_from_name(name: str) -> str:
    stem = re.sub(r"[_\-]+", " ", Path(name).stem).strip()
    return stem or name
