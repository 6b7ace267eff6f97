"""Which files an admin may send with `/index`: checked by extension and, when given, by MIME type."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePath

# extension -> MIME types Telegram clients report for it
ACCEPTED: dict[str, set[str]] = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".html": {"text/html", "application/xhtml+xml"},
    ".htm": {"text/html", "application/xhtml+xml"},
    ".md": {"text/markdown", "text/x-markdown", "text/plain"},
    ".markdown": {"text/markdown", "text/x-markdown", "text/plain"},
    ".txt": {"text/plain"},
}
GENERIC_MIME = {"", "application/octet-stream"}  # clients that do not know the type say this
MAX_BYTES = 20 * 1024 * 1024  # the Bot API's getFile limit on api.telegram.org
KINDS_TEXT = "PDF, DOCX, HTML, Markdown or plain text"


def check(file_name: str | None, mime_type: str | None, size: int | None) -> str | None:
    """None if the file is acceptable, otherwise a one-line reason to show the admin."""
    name = file_name or ""
    ext = PurePath(name).suffix.lower()
    if ext not in ACCEPTED:
        return f"I can index {KINDS_TEXT} files (.pdf .docx .html .md .txt); {name or 'this file'} is not one of them."
    mime = (mime_type or "").split(";")[0].strip().lower()
    if mime not in GENERIC_MIME and mime not in ACCEPTED[ext]:
        return f"{name} says it is {mime}, which does not match its {ext} name; please send the original file."
    if size is not None and size > MAX_BYTES:
        return f"{name} is {size / 1024 / 1024:.1f} MB; Telegram lets bots fetch files up to 20 MB."
    return None


def safe_name(file_name: str | None) -> str:
    """A file name safe to create in a temporary directory."""
    base = PurePath(file_name or "document").name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "document"
    return base[:120]


def discard_dir(folder: Path) -> None:
    """Deletes a download directory and everything in it (missing is fine)."""
    shutil.rmtree(folder, ignore_errors=True)
