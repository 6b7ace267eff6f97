"""Reads the text out of an official document an admin indexes: PDF, DOCX, HTML, Markdown or plain text.

The type is decided by the extension *and* the content (magic bytes), so a `.pdf` that is really an HTML
error page, or a `.docx` that is not a Word file, is refused with a reason that names both. Every refusal is
an `UnreadableDocument` or `UnsupportedDocument` (both `ValueError`s) whose message is one line an admin can
act on; nothing here half-reads a file.

Text comes back with one logical line a line (a PDF's visual lines, a DOCX/HTML paragraph or list item), so
the structure splitter can find `7.`, `(1)`, `(a)` at line starts.  DOCX automatic numbering (Word's list
numbers are not in the paragraph text) is rendered back into the text, because official memoranda written
in Word number their paragraphs that way.

Work on an untrusted file is bounded (`Limits`): the file's size; for a DOCX the number of ZIP members, each
member's and the total uncompressed size and the compression ratio, checked before anything is decompressed
(Python's zipfile never inflates a member beyond its declared size); for a PDF the page count and pypdf's own
stream limits; the length of the extracted text; and the time spent reading. A file over a limit is refused
with an `UnreadableDocument` naming the limit. The HTML walk is iterative, so deep nesting cannot overflow
the stack.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.errors import BadDocument

__all__ = [
    "ExtractedText",
    "UnreadableDocument",
    "UnsupportedDocument",
    "SUPPORTED",
    "read_text",
    "sniff",
]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on the work one untrusted file may cost (a file over one is refused with the reason)."""

    file_bytes: int = 50 * MB  # the file as uploaded
    zip_members: int = 2000  # DOCX: parts in the package
    zip_member_bytes: int = 32 * MB  # DOCX: one part, uncompressed (document.xml of a 1,000-page memo is ~10 MB)
    zip_total_bytes: int = 100 * MB  # DOCX: all parts, uncompressed (python-docx holds them in memory)
    zip_ratio: int = 100  # DOCX: uncompressed / compressed, for a part over 1 MB (XML is ~5-20)
    pdf_pages: int = 2000
    pdf_stream_bytes: int = 32 * MB  # one decoded PDF stream (pypdf's own limit, lowered)
    text_chars: int = 5_000_000  # the extracted text
    seconds: float = 120.0  # reading one file


LIMITS = Limits()
MAX_BYTES = LIMITS.file_bytes  # kept for callers that read it (adapters check uploads against it)

# extension -> type
SUPPORTED: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
_SUPPORTED_LIST = "PDF, DOCX, HTML, Markdown, plain text (.pdf, .docx, .html, .htm, .md, .txt)"

# what a detected content type is called in messages
_DESCRIBE = {
    "pdf": "a PDF",
    "docx": "a Word document (DOCX)",
    "html": "HTML",
    "markdown": "Markdown",
    "text": "plain text",
    "xlsx": "an Excel workbook (XLSX)",
    "pptx": "a PowerPoint file (PPTX)",
    "odf": "an OpenDocument file",
    "epub": "an EPUB book",
    "zip": "a ZIP archive",
    "ole": "an old Office file (DOC/XLS/PPT)",
    "rtf": "an RTF document",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "bmp": "a BMP image",
    "webp": "a WebP image",
    "exe": "a Windows program",
    "elf": "a Linux program",
    "gzip": "a gzip archive",
    "7z": "a 7-Zip archive",
    "rar": "a RAR archive",
    "binary": "binary data",
}
_HINTS = {
    ".doc": "save it as .docx or PDF",
    ".rtf": "save it as .docx or PDF",
    ".odt": "save it as .docx or PDF",
    ".png": "an image has no text to index; index a text PDF or a .txt copy",
    ".jpg": "an image has no text to index; index a text PDF or a .txt copy",
    ".jpeg": "an image has no text to index; index a text PDF or a .txt copy",
    ".tif": "an image has no text to index; index a text PDF or a .txt copy",
    ".tiff": "an image has no text to index; index a text PDF or a .txt copy",
}


class UnreadableDocument(BadDocument):
    """A supported file whose text cannot be read (empty, damaged, encrypted, a scan, not what it claims)."""


class UnsupportedDocument(BadDocument):
    """A file type Niyam does not index."""


class _Deadline:
    def __init__(self, name: str, seconds: float):
        self.name, self.seconds, self.end = name, seconds, time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise UnreadableDocument(f"{self.name}: reading it took longer than {self.seconds:.0f} s, the limit; "
                                     f"index a smaller or plain-text copy")


def _check_text(text: str, name: str, limits: Limits) -> None:
    if len(text) > limits.text_chars:
        raise UnreadableDocument(f"{name} holds more than {limits.text_chars:,} characters of text, the limit; "
                                 f"index it in parts")


@dataclass(frozen=True)
class ExtractedText:
    text: str  # one logical line a line; never empty
    type: str  # "pdf" | "docx" | "html" | "markdown" | "text"
    filename: str
    pages: int | None = None  # PDFs only
    title: str | None = None  # the file's own title (PDF info, DOCX properties, HTML <title>, Markdown #)
    encoding: str | None = None  # text types only
    warnings: tuple[str, ...] = field(default=())  # e.g. pages without a text layer


# ---------------------------------------------------------------------------------------------- detection

def sniff(raw: bytes) -> str:
    """The content type of a file from its bytes: one of `_DESCRIBE`'s keys."""
    head = raw[:2048]
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(raw)
    for magic, kind in (
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
        (b"{\\rtf", "rtf"),
        (b"\x7fELF", "elf"),
        (b"\x1f\x8b", "gzip"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"Rar!\x1a\x07", "rar"),
        (b"MZ", "exe"),
        (b"BM", "bmp"),
    ):
        if head.startswith(magic):
            if kind in ("bmp", "exe") and _decode_text(raw) is not None:
                break  # a text file that happens to start with "BM" or "MZ"
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    decoded = _decode_text(raw)
    if decoded is None:
        return "binary"
    return "html" if _looks_html(decoded[0]) else "text"


def _zip_kind(raw: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = set(z.namelist())
            mimetype = ""
            if "mimetype" in names and z.getinfo("mimetype").file_size <= 200:
                mimetype = z.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "binary"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return "odf"
    if mimetype == "application/epub+zip":
        return "epub"
    return "zip"


_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                         re.I | re.S)


def _looks_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or bool(re.search(r"<html[\s>]", head, re.I) and re.search(r"</?(?:body|head|p|div)[\s>]", text[:20000], re.I))


def _decode_text(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding) if the bytes are clearly text: UTF-8 (or UTF-16 with a BOM), else cp1252/latin-1 that is
    mostly ASCII with no control characters; None for binary data."""
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", raw)]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", raw)]
    else:
        if b"\x00" in raw[:65536]:
            return None
        candidates = [("utf-8", raw)]
    for enc, data in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            break
        return (text, enc) if _clearly_text(text) else None
    # not UTF-8: accept a Windows/Latin-1 text file only if it is plainly text
    try:
        text, enc = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = raw.decode("latin-1"), "latin-1"
    sample = text[:200000]
    if not sample:
        return None
    ascii_share = sum(1 for c in sample if c.isascii() and (c.isprintable() or c in "\t\n\r\f")) / len(sample)
    return (text, enc) if ascii_share >= 0.8 and _clearly_text(text) else None


def _clearly_text(text: str) -> bool:
    sample = text[:200000]
    if not sample:
        return True
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return controls / len(sample) <= 0.005


# ---------------------------------------------------------------------------------------------- entry point

def read_text(path: str | Path, filename: str | None = None, *, limits: Limits | None = None) -> ExtractedText:
    """The text of one document.  `filename` is the name the admin gave it (an upload's temporary `path`
    says nothing); its extension decides the expected type and it names the file in every message.
    `limits` bound the work (see `Limits`)."""
    limits = limits or LIMITS
    path = Path(path)
    name = filename or path.name
    ext = Path(name).suffix.lower()
    declared = SUPPORTED.get(ext)
    if ext and declared is None:
        hint = _HINTS.get(ext)
        raise UnsupportedDocument(
            f"{name}: unsupported file type {ext!r}; supported: {_SUPPORTED_LIST}" + (f" ({hint})" if hint else ""))
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise UnreadableDocument(f"{name} is too large ({_mb(size)}; the limit is {_mb(limits.file_bytes)})")
        with path.open("rb") as f:
            raw = f.read(limits.file_bytes + 1)
        if len(raw) > limits.file_bytes:  # it grew while we looked
            raise UnreadableDocument(f"{name} is too large (the limit is {_mb(limits.file_bytes)})")
    except IsADirectoryError:
        raise UnreadableDocument(f"{name} is a directory, not a file") from None
    except OSError as e:
        raise UnreadableDocument(f"{name}: cannot read: {e.strerror or e}") from None
    if not raw.strip():
        raise UnreadableDocument(f"{name} is empty")

    actual = sniff(raw)
    if declared is None:  # no extension: go by the content
        if actual not in ("pdf", "docx", "html", "text"):
            raise UnsupportedDocument(
                f"{name}: unsupported content ({_DESCRIBE.get(actual, actual)}); supported: {_SUPPORTED_LIST}")
        declared = actual
    elif not _compatible(declared, actual):
        raise UnreadableDocument(
            f"{name} is not {_DESCRIBE[declared]}: its content is {_DESCRIBE.get(actual, actual)}")

    deadline = _Deadline(name, limits.seconds)
    if declared == "pdf":
        result = _read_pdf(raw, name, limits, deadline)
    elif declared == "docx":
        result = _read_docx(raw, name, limits, deadline)
    elif declared == "html":
        result = _read_html(raw, name, limits, deadline)
    elif declared == "markdown":
        result = _read_markdown(raw, name)
    else:
        result = _read_plain(raw, name)
    _check_text(result.text, name, limits)
    deadline.check()
    if not result.text.strip():
        raise UnreadableDocument(f"{name} is empty (no text in it)")
    return result


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def _compatible(declared: str, actual: str) -> bool:
    if declared in ("pdf", "docx"):
        return actual == declared
    if declared == "html":
        return actual in ("html", "text")
    return actual in ("text", "html")  # markdown, text: any text (a .txt of HTML source is still text)


# ---------------------------------------------------------------------------------------------- cleaning

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\xa0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ",
                            "\xad": None, "\u200b": None, "\ufeff": None, "\f": "\n", "\v": "\n",
                            "\u2028": "\n", "\u2029": "\n"})


def clean_lines(text: str) -> list[str]:
    """Normalised lines: unified newlines and spaces, no soft hyphens or ligatures, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    return [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]


def _join(lines: list[str]) -> str:
    """Lines with runs of blank lines collapsed to one and none at either end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- PDF

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _pdf_limits(limits: Limits):
    """pypdf's own resource limits, lowered for one read (pypdf 7's configuration; older pypdf has fixed ones)."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    get = getattr(pypdf, "get_configuration", None)
    if apply is None or get is None:
        return contextlib.nullcontext()
    wanted = {"zlib_maximum_output_length": limits.pdf_stream_bytes, "lzw_maximum_output_length": limits.pdf_stream_bytes,
              "run_length_maximum_output_length": limits.pdf_stream_bytes,
              "array_based_stream_maximum_output_length": limits.pdf_stream_bytes,
              "maximum_declared_stream_length": limits.pdf_stream_bytes,
              "image_maximum_buffer_size": limits.pdf_stream_bytes,
              "stream_decoding_work_maximum_length": 8 * limits.pdf_stream_bytes}
    try:
        current = get()
        config = current.with_overwrites(**{k: v for k, v in wanted.items() if hasattr(current, k)})
        return apply(config)
    except Exception:  # noqa: BLE001 - an unknown pypdf: its defaults stay
        return contextlib.nullcontext()


def _read_pdf(raw: bytes, name: str, limits: Limits = LIMITS, deadline: "_Deadline | None" = None) -> ExtractedText:
    with _pdf_limits(limits):
        return _read_pdf_bounded(raw, name, limits, deadline or _Deadline(name, limits.seconds))


def _read_pdf_bounded(raw: bytes, name: str, limits: Limits, deadline: "_Deadline") -> ExtractedText:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, ImportError):
                raise UnreadableDocument(f"{name} is encrypted (AES) and cannot be opened here; index an unencrypted copy") from None
            except Exception:  # noqa: BLE001 - any failure to decrypt is the same answer
                ok = False  # type: ignore[assignment]  # pypdf's PasswordType is falsy when decryption failed
            if not ok:
                raise UnreadableDocument(f"{name} is encrypted with a password; index an unencrypted copy")
        pages = reader.pages
        n = len(pages)
    except UnreadableDocument:
        raise
    except FileNotDecryptedError:
        raise UnreadableDocument(f"{name} is encrypted with a password; index an unencrypted copy") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as e:
        raise UnreadableDocument(f"{name} is a damaged PDF and cannot be read ({_short(e)})") from None
    except Exception as e:  # noqa: BLE001 - pypdf's limit errors and other failures on a hostile file
        raise UnreadableDocument(f"{name} is a damaged PDF and cannot be read ({type(e).__name__})") from None
    if n == 0:
        raise UnreadableDocument(f"{name} is a PDF with no pages")
    if n > limits.pdf_pages:
        raise UnreadableDocument(f"{name} has {n:,} pages; the limit is {limits.pdf_pages:,}: index it in parts")

    page_lines: list[list[str]] = []
    failed: list[int] = []
    chars = 0
    for i in range(n):
        deadline.check()
        try:
            txt = pages[i].extract_text() or ""
        except Exception:  # noqa: BLE001 - pypdf raises many types on a bad page; the page is reported below
            txt, failed = "", failed + [i + 1]
        chars += len(txt)
        if chars > limits.text_chars:
            raise UnreadableDocument(f"{name} holds more than {limits.text_chars:,} characters of text, the limit; "
                                     f"index it in parts")
        page_lines.append([ln for ln in clean_lines(txt)])
    empty = [i + 1 for i, lines in enumerate(page_lines) if _alnum_count(lines) < 3]
    if len(empty) == n:
        if failed:
            raise UnreadableDocument(f"{name}: no page of this PDF could be read (damaged?)")
        raise UnreadableDocument(f"{name} has no text layer (a scan?); index a text PDF or a .txt copy")

    _drop_running_heads(page_lines)
    text = _join([ln for lines in page_lines for ln in lines + [""]])
    warnings = []
    if empty:
        warnings.append(f"{len(empty)} of {n} pages have no text layer (pages {_ranges(empty)}); their content is not indexed")
    title = None
    try:
        meta = reader.metadata
        title = _useful_title(meta.title if meta else None)
    except Exception:  # noqa: BLE001 - a broken info dictionary only costs the title
        title = None
    return ExtractedText(text=text, type="pdf", filename=name, pages=n, title=title, warnings=tuple(warnings))


def _alnum_count(lines: list[str]) -> int:
    return sum(1 for line in lines for c in line if c.isalnum())


def _drop_running_heads(page_lines: list[list[str]]) -> None:
    """Removes page numbers at the top or bottom of a page, and a header or footer line repeated on most pages."""
    for lines in page_lines:
        for idx in (0, -1):
            nonempty = [i for i, ln in enumerate(lines) if ln]
            if nonempty and _PAGE_NUMBER.match(lines[nonempty[idx]]):
                lines[nonempty[idx]] = ""
    if len(page_lines) < 3:
        return
    def key(s: str) -> str:  # "Page 3 of 9" and "Page 4 of 9" are the same running head; long lines must match
        return re.sub(r"\d+", "#", s) if len(s) <= 60 else s

    counts: Counter[str] = Counter()
    for lines in page_lines:
        texts = [ln for ln in lines if ln]
        for head in {key(x) for x in texts[:1] + texts[-1:]}:
            counts[head] += 1
    running = {k for k, c in counts.items() if c >= max(3, 0.6 * len(page_lines))}
    if not running:
        return
    for lines in page_lines[1:]:  # the first page keeps its header: it carries the reference number
        nonempty = [i for i, ln in enumerate(lines) if ln]
        for i in {nonempty[0], nonempty[-1]} if nonempty else ():
            if key(lines[i]) in running:
                lines[i] = ""


def _ranges(nums: list[int]) -> str:
    out, start, prev = [], None, None
    for n in nums + [None]:
        if start is None:
            start = prev = n
        elif n is not None and prev is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    return ", ".join(out)


def _useful_title(title) -> str | None:
    if not title or not isinstance(title, str):
        return None
    title = " ".join(title.split())
    if not title or re.search(r"^(microsoft\s+word|untitled)|\.(docx?|pdf|rtf|odt)$", title, re.I) or len(title) > 250:
        return None
    return title


def _short(e: Exception) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg[:120]


# ---------------------------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(raw: bytes, name: str, limits: Limits) -> None:
    """Refuses a ZIP package (DOCX) whose parts would decompress beyond the limits, before decompressing any."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise UnreadableDocument(f"{name} is a damaged DOCX and cannot be read ({_short(e)})") from None
    if len(infos) > limits.zip_members:
        raise UnreadableDocument(f"{name} has {len(infos):,} parts inside; the limit is {limits.zip_members:,} "
                                 f"(not an ordinary Word document)")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > limits.zip_member_bytes:
            raise UnreadableDocument(f"{name}: its part {info.filename[:60]!r} is {_mb(size)} uncompressed; the limit "
                                     f"is {_mb(limits.zip_member_bytes)} (a compression bomb?)")
        if size > MB and size > limits.zip_ratio * max(info.compress_size, 1):
            raise UnreadableDocument(f"{name}: its part {info.filename[:60]!r} expands {size // max(info.compress_size, 1)} "
                                     f"times when decompressed; the limit is {limits.zip_ratio} (a compression bomb?)")
    if total > limits.zip_total_bytes:
        raise UnreadableDocument(f"{name} is {_mb(total)} uncompressed; the limit is {_mb(limits.zip_total_bytes)}")


def _read_docx(raw: bytes, name: str, limits: Limits = LIMITS, deadline: "_Deadline | None" = None) -> ExtractedText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    deadline = deadline or _Deadline(name, limits.seconds)
    _check_zip(raw, name, limits)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UnreadableDocument(f"{name} is a damaged DOCX and cannot be read ({_short(e)})") from None
    except Exception as e:  # noqa: BLE001 - lxml errors on a corrupt part
        raise UnreadableDocument(f"{name} is a damaged DOCX and cannot be read ({_short(e)})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    try:
        _docx_blocks(document.element.body, document, numbering, lines, deadline)
    except RecursionError:
        raise UnreadableDocument(f"{name}: its tables or content controls are nested too deeply to read") from None
    title = _useful_title(document.core_properties.title)
    text = _join([ln for raw_line in lines for ln in clean_lines(raw_line)])
    return ExtractedText(text=text, type="docx", filename=name, title=title)


def _docx_blocks(parent_el, parent, numbering: "_Numbering", out: list[str], deadline: "_Deadline | None" = None,
                 depth: int = 0) -> None:
    """Paragraphs and tables in document order, descending into content controls."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if depth > 50:
        raise RecursionError("nesting")
    for child in parent_el.iterchildren():
        if deadline is not None:
            deadline.check()
        tag = child.tag
        if tag == f"{_W}p":
            p = Paragraph(child, parent)
            text = p.text.strip()
            label = numbering.label(p)
            if label and text:
                text = f"{label} {text}" if not text.startswith(label) else text
            out.append(text)
        elif tag == f"{_W}tbl":
            _docx_table(Table(child, parent), numbering, out, deadline, depth + 1)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _docx_blocks(content, parent, numbering, out, deadline, depth + 1)


def _docx_table(table, numbering: "_Numbering", out: list[str], deadline: "_Deadline | None" = None,
                depth: int = 0) -> None:
    for row in table.rows:
        cells_lines: list[list[str]] = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in row.cells
                continue
            seen.add(id(cell._tc))
            lines: list[str] = []
            _docx_blocks(cell._tc, cell, numbering, lines, deadline, depth + 1)
            lines = [ln for ln in lines if ln.strip()]
            if lines:
                cells_lines.append(lines)
        if all(len(c) == 1 for c in cells_lines):
            out.append(" | ".join(c[0] for c in cells_lines))
        else:
            for c in cells_lines:
                out.extend(c)
    out.append("")


class _Numbering:
    """Renders Word's automatic list numbers (`1.`, `(a)`, `(i)`, `2.1`) that are not part of paragraph text."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId -> ilvl -> (start, fmt, text)
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}  # styleId -> (numId, ilvl, basedOn)
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part: nothing to render
            root = None
        if root is not None:
            for an in root.iter(f"{_W}abstractNum"):
                aid = an.get(f"{_W}abstractNumId")
                lv = {}
                for lvl in an.iter(f"{_W}lvl"):
                    ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                    lv[ilvl] = (int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
                self.levels[aid] = lv
            for num in root.iter(f"{_W}num"):
                nid = num.get(f"{_W}numId")
                ref = num.find(f"{_W}abstractNumId")
                if ref is not None:
                    self.num_abstract[nid] = ref.get(f"{_W}val")
                for ov in num.iter(f"{_W}lvlOverride"):
                    start = ov.find(f"{_W}startOverride")
                    if start is not None:
                        self.overrides[(nid, int(ov.get(f"{_W}ilvl", "0")))] = int(start.get(f"{_W}val"))
        try:
            for style in document.styles.element.iter(f"{_W}style"):
                sid = style.get(f"{_W}styleId")
                ppr = style.find(f"{_W}pPr")
                numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
                based = style.find(f"{_W}basedOn")
                self.styles[sid] = (_val(numpr, "numId") if numpr is not None else None,
                                    int(_val(numpr, "ilvl") or 0) if numpr is not None and _val(numpr, "ilvl") else None,
                                    based.get(f"{_W}val") if based is not None else None)
        except Exception:  # noqa: BLE001 - styles are optional
            pass

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p._p.pPr
        num_id, ilvl = None, None
        if ppr is not None and ppr.numPr is not None:
            numpr = ppr.numPr
            num_id = numpr.numId.val if numpr.numId is not None else None
            ilvl = numpr.ilvl.val if numpr.ilvl is not None else None
            num_id = str(num_id) if num_id is not None else None
        sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        depth = 0
        while sid and depth < 10 and (num_id is None or ilvl is None):
            s_num, s_ilvl, based = self.styles.get(sid, (None, None, None))
            num_id = num_id or s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
            sid, depth = based, depth + 1
        return num_id, ilvl or 0

    def label(self, p) -> str:
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self.num_abstract:
            return ""
        levels = self.levels.get(self.num_abstract[num_id], {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = self.overrides.get((num_id, ilvl), levels[ilvl][0])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text = levels[ilvl][1], levels[ilvl][2]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def fill(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            if lvl not in levels:
                return ""
            value = counters.get(lvl, levels[lvl][0])
            return _format_number(value, levels[lvl][1])

        return re.sub(r"%(\d)", fill, text).strip()


def _val(el, name: str) -> str | None:
    if el is None:
        return None
    child = el.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "lowerLetter" else s.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


# ---------------------------------------------------------------------------------------------- HTML

_DROP = {"script", "style", "nav", "noscript", "template", "svg", "iframe", "head", "button", "select", "form",
         "object", "embed", "canvas", "audio", "video", "map"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5",
          "h6", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "pre", "dl", "dt",
          "dd", "figure", "figcaption", "address", "fieldset", "caption", "center", "hr", "body", "html"}
_HAS_LABEL = re.compile(r"^\s*(?:\(?[0-9]{1,3}[A-Z]?[.)]|\([a-zA-Z]{1,5}\)|[a-zA-Z]{1,5}\)|[•·▪\-*])\s")


def _read_html(raw: bytes, name: str, limits: Limits = LIMITS, deadline: "_Deadline | None" = None) -> ExtractedText:
    from bs4 import BeautifulSoup

    deadline = deadline or _Deadline(name, limits.seconds)
    decoded = _decode_text(raw)
    try:
        soup = BeautifulSoup(decoded[0] if decoded else raw, "html.parser")
        deadline.check()
        title = None
        if soup.title and soup.title.string:
            title = _useful_title(soup.title.string)
        for tag in soup.find_all(list(_DROP)):
            tag.decompose()
        for tag in soup.find_all(attrs={"role": "navigation"}):  # type: ignore[call-overload]  # bs4's stubs
            tag.decompose()
        walker = _HtmlLines(deadline)
        walker.walk(soup)
        walker.flush()
    except RecursionError:  # the walk is iterative; this guards a library that is not
        raise UnreadableDocument(f"{name}: its HTML is nested too deeply to read") from None
    text = _join([ln for raw_line in walker.lines for ln in clean_lines(raw_line)])
    return ExtractedText(text=text, type="html", filename=name, title=title,
                         encoding=decoded[1] if decoded else None)


class _HtmlLines:
    """Lines of an HTML tree, walked with an explicit stack (no recursion: 3,000 nested <div>s are fine)."""

    def __init__(self, deadline: "_Deadline | None" = None):
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.deadline = deadline

    def flush(self) -> None:
        line = " ".join("".join(self.cur).split())
        if line:
            self.lines.append(line)
        self.cur = []

    def walk(self, node) -> None:
        """The children of `node` in document order. The stack holds (operation, argument) pairs, last first."""
        stack: list[tuple[str, Any]] = [("children", node)]
        steps = 0
        while stack:
            op, arg = stack.pop()
            steps += 1
            if self.deadline is not None and steps % 1000 == 0:
                self.deadline.check()
            if op == "children":
                todo: list[tuple[str, Any]] = []
                for child in arg.children:
                    todo.extend(self._child_ops(child))
                stack.extend(reversed(todo))
            elif op == "text":
                self.cur.append(arg)
            elif op == "flush":
                self.flush()
            elif op == "blank":
                self.lines.append("")
            elif op == "line":
                self.lines.append(arg)
            elif op == "pre":
                self.lines.extend(arg.get_text().split("\n"))
            elif op == "list":
                stack.extend(reversed(self._list_ops(arg)))
            elif op == "row":
                stack.extend(reversed(self._row_ops(arg)))

    def _child_ops(self, child) -> list[tuple[str, Any]]:
        from bs4 import NavigableString, Tag
        from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

        if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction, CData)):
            return []
        if isinstance(child, NavigableString):
            return [("text", str(child))]
        if not isinstance(child, Tag):
            return []
        tag = child.name
        if tag == "br":
            return [("flush", None)]
        if tag == "pre":
            return [("flush", None), ("pre", child)]
        if tag in ("ol", "ul"):
            return [("flush", None), ("list", child), ("flush", None)]
        if tag == "tr":
            return [("flush", None), ("row", child)]
        if tag in _BLOCK:
            return [("flush", None), ("children", child), ("flush", None)] + ([("blank", None)] if tag == "table" else [])
        return [("children", child)]

    def _list_ops(self, lst) -> list[tuple[str, Any]]:
        ordered = lst.name == "ol"
        kind = (lst.get("type") or "1") if ordered else ""
        try:
            n = int(lst.get("start", 1)) if ordered else 0
        except ValueError:
            n = 1
        ops: list[tuple[str, object]] = []
        for li in lst.find_all("li", recursive=False):
            label = "•"
            if ordered:
                if kind == "a":
                    label = f"({_format_number(n, 'lowerLetter')})"
                elif kind == "A":
                    label = f"({_format_number(n, 'upperLetter')})"
                elif kind == "i":
                    label = f"({_roman(n).lower()})"
                elif kind == "I":
                    label = f"({_roman(n)})"
                else:
                    label = f"{n}."
                n += 1
            own = li.get_text(" ", strip=True)
            if not _HAS_LABEL.match(own + " "):
                ops.append(("text", label + " "))
            ops += [("children", li), ("flush", None)]
        return ops

    def _row_ops(self, tr) -> list[tuple[str, Any]]:
        cells = tr.find_all(["td", "th"], recursive=False)
        if any(c.find(list(_BLOCK - {"body", "html"}) + ["br"]) for c in cells):
            ops: list[tuple[str, object]] = []
            for c in cells:
                ops += [("children", c), ("flush", None)]
            return ops
        texts = [" ".join(c.get_text(" ").split()) for c in cells]
        line = " | ".join(t for t in texts if t)
        return [("line", line)] if line else []


# ---------------------------------------------------------------------------------------------- text, Markdown

def _read_plain(raw: bytes, name: str) -> ExtractedText:
    decoded = _decode_text(raw)
    if decoded is None:  # sniff already refused binary data; this guards direct callers
        raise UnreadableDocument(f"{name} is not plain text: its content is binary data")
    text, enc = decoded
    return ExtractedText(text=_join(clean_lines(text)), type="text", filename=name, encoding=enc)


_MD_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _read_markdown(raw: bytes, name: str) -> ExtractedText:
    decoded = _decode_text(raw)
    if decoded is None:
        raise UnreadableDocument(f"{name} is not Markdown: its content is binary data")
    text, enc = decoded
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = None
    m = _MD_FRONT.match(text)
    if m:
        tm = re.search(r"^title:\s*['\"]?(.+?)['\"]?\s*$", m.group(1), re.M)
        title = tm.group(1) if tm else None
        text = text[m.end():]
    lines = []
    in_fence = False
    for line in clean_lines(text):
        if line.startswith("```") or line.startswith("~~~"):
            in_fence = not in_fence
            continue
        if not in_fence:
            h = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
            if h:
                line = h.group(2)
                if h.group(1) == "#" and title is None:
                    title = line
            line = re.sub(r"^[-*+]\s+", "• ", line)
            line = re.sub(r"^>\s?", "", line)
            line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
            line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
            line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
            line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
            line = re.sub(r"`([^`]+)`", r"\1", line)
            if re.fullmatch(r"[-*_]{3,}|\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", line):
                line = ""
            elif line.startswith("|") and line.endswith("|"):
                line = " | ".join(c.strip() for c in line.strip("|").split("|"))
        lines.append(line)
    return ExtractedText(text=_join(lines), type="markdown", filename=name, title=_useful_title(title), encoding=enc)
