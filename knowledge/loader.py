"""Reads pack files (Markdown with YAML front matter) into validated Documents.

Format, one file a document:

    ---
    id: ais-conduct-rules-1968        # front matter: the Document fields
    title: ...
    ---
    Optional introduction (kept as the document's notes).

    ## AIS 7 — Criticism of Government
    Prose in the project's own words.  Any heading level from ## to #### opens a section;
    the heading is `REF — Title` (an em dash, en dash or ` - ` separates them).

    ```niyam
    status: uncertain          # optional per-section overrides: status, verified, notes
    notes: why it is uncertain
    guidance:                  # optional: labelled examples the advisor learns from (one block or a list)
      concern: criticism_of_policy
      verdict: not_allowed
      catches: ["..."]
      does_not_catch: ["...", {text: "...", verdict: allowed_with_care}]
    ```

Every error names the file and the line, because admins fix pack files by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from knowledge.errors import BadInput
from knowledge.model import Document, Section

_HEADING = re.compile(r"^(#{2,4})\s+(?P<ref>.+?)\s+(?:—|–|-)\s+(?P<title>.+?)\s*$")
_FENCE_OPEN = re.compile(r"^```niyam\s*$")
_FENCE_CLOSE = re.compile(r"^```\s*$")


class PackError(BadInput):
    """A pack file that cannot be loaded; str() is `file:line: reason`."""

    def __init__(self, path: str | Path, line: int, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}:{line}: {reason}")


@dataclass
class _RawSection:
    ref: str
    title: str
    line: int
    body: list[str]
    meta: dict
    meta_line: int
    meta_text: list[str] | None = None


def default_pack_dir() -> Path:
    return Path(str(resources.files("knowledge") / "pack"))


def load_pack(directory: str | Path | None = None) -> list[Document]:
    """All documents of a pack directory, sorted by file name; duplicate ids are an error."""
    directory = Path(directory) if directory else default_pack_dir()
    docs: list[Document] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.md")):
        if path.name.startswith(("_", ".")) or path.name.upper() == "README.MD":
            continue
        doc = load_file(path)
        if doc.id in seen:
            raise PackError(path, 1, f"duplicate document id {doc.id!r} (also in {seen[doc.id]})")
        seen[doc.id] = path.name
        docs.append(doc)
    return docs


def load_file(path: str | Path) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise PackError(path, line, "not UTF-8 text") from None
    except OSError as e:
        raise PackError(path, 0, f"cannot read: {e.strerror}") from None
    return parse(text, path)


def parse(text: str, path: str | Path = "<text>") -> Document:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise PackError(path, 1, "a pack file must start with YAML front matter between '---' lines")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise PackError(path, 1, "front matter is not closed by a '---' line") from None
    front = _yaml("\n".join(lines[1:end]), path, first_line=2)
    if not isinstance(front, dict):
        raise PackError(path, 2, "front matter must be a mapping of fields")

    intro: list[str] = []
    raw_sections: list[_RawSection] = []
    in_fence = False
    fence_start = 0
    fence_lines: list[str] = []
    for i in range(end + 1, len(lines)):
        line, lineno = lines[i], i + 1
        if in_fence:
            if _FENCE_CLOSE.match(line):
                in_fence = False
                if not raw_sections:
                    raise PackError(path, fence_start, "a ```niyam block must follow a section heading")
                meta = _yaml("\n".join(fence_lines), path, first_line=fence_start + 1) or {}
                if not isinstance(meta, dict):
                    raise PackError(path, fence_start + 1, "a ```niyam block must be a mapping")
                cur = raw_sections[-1]
                if cur.meta:
                    raise PackError(path, fence_start, f"section {cur.ref!r} has more than one ```niyam block")
                cur.meta, cur.meta_line, cur.meta_text = meta, fence_start + 1, fence_lines
            else:
                fence_lines.append(line)
            continue
        if _FENCE_OPEN.match(line):
            in_fence, fence_start, fence_lines = True, lineno, []
            continue
        m = _HEADING.match(line)
        if m:
            raw_sections.append(_RawSection(m["ref"].strip(), m["title"].strip(), lineno, [], {}, 0))
        elif line.startswith("#") and re.match(r"^#{2,4}\s", line):
            raise PackError(path, lineno, "a section heading must read 'REF — Title'")
        elif raw_sections:
            raw_sections[-1].body.append(line)
        elif not line.startswith("# "):
            intro.append(line)
    if in_fence:
        raise PackError(path, fence_start, "```niyam block is not closed")

    sections = []
    for rs in raw_sections:
        body = unwrap(rs.body)
        if not body:
            raise PackError(path, rs.line, f"section {rs.ref!r} has no text")
        try:
            sections.append(Section(ref=rs.ref, title=rs.title, text=body, line=rs.line, **rs.meta))
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            at = rs.meta_line or rs.line
            keys = [k for k in err["loc"] if isinstance(k, str)]
            if keys and rs.meta_text:
                at += next((i for i, t in enumerate(rs.meta_text) if re.match(rf"^\s*-?\s*{re.escape(keys[-1])}\s*:", t)), 0)
            raise PackError(path, at, f"section {rs.ref!r}: {where}: {err['msg']}") from None
        except TypeError as e:
            raise PackError(path, rs.meta_line or rs.line, f"section {rs.ref!r}: {e}") from None

    if "notes" not in front and "".join(intro).strip():
        front["notes"] = "\n".join(intro).strip()
    try:
        return Document(**front, sections=sections, path=str(path))
    except ValidationError as e:
        err = e.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        msg = err["msg"]
        m = re.match(r"Value error, line (\d+): (.*)", msg)
        if m:
            raise PackError(path, int(m.group(1)), m.group(2)) from None
        at = _front_line(lines[1:end], field)
        loc = ".".join(str(p) for p in err["loc"])
        raise PackError(path, at, f"{loc or 'front matter'}: {msg}") from None
    except TypeError as e:
        raise PackError(path, 2, str(e)) from None


_BLOCK_START = re.compile(r"^\s*([-*+]\s|\||>|\(?[0-9ivxa-z]{1,4}[.)]\s)")


def unwrap(lines: list[str]) -> str:
    """Joins hard-wrapped lines into paragraphs (list items and tables keep their lines), so that the text
    that is indexed, and every excerpt cut from it, reads as sentences."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if out and out[-1] != "":
                out.append("")
        elif out and out[-1] != "" and not _BLOCK_START.match(line) and not out[-1].lstrip().startswith("|"):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(line.rstrip())
    return "\n".join(out).strip()


def _yaml(text: str, path, first_line: int):
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = first_line + (mark.line if mark else 0)
        raise PackError(path, line, f"invalid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise PackError(path, first_line, f"invalid YAML: {e}") from None


def _front_line(front_lines: list[str], field: str) -> int:
    for i, line in enumerate(front_lines):
        if field and re.match(rf"^{re.escape(field)}\s*:", line):
            return i + 2
    return 2
