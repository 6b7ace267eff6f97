"""The readers: real PDF, DOCX, HTML, Markdown and text files in; text, type and page count out; every bad
file refused with a one-line reason."""

from __future__ import annotations

import io
import zipfile

import pypdf
import pytest

from knowledge.readers import ExtractedText, UnreadableDocument, UnsupportedDocument, read_text, sniff
from tests.knowledge.official_files import OM_HTML, OM_PAGES, make_om_docx, make_pdf, make_scan_pdf


def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and msg
    assert isinstance(exc.value, ValueError)
    return msg


# ---------------------------------------------------------------------------------------------- PDF

def test_pdf_text_pages_and_running_page_numbers(tmp_path):
    path = make_pdf(tmp_path / "om.pdf", OM_PAGES)
    got = read_text(path)
    assert isinstance(got, ExtractedText)
    assert (got.type, got.pages, got.filename) == ("pdf", 2, "om.pdf")
    lines = got.text.split("\n")
    assert lines[0] == "No. 11013/6/2026-GAD-III"
    assert "Subject: Use of social media by Government servants - guidelines regarding." in lines
    assert "(iii) official handles are run only by the officer authorised to do so." in lines
    assert "Page 1" not in got.text and "Page 2" not in got.text  # the footer is not document text
    assert got.warnings == ()


def test_pdf_with_no_text_layer_is_refused_as_a_scan(tmp_path):
    path = make_scan_pdf(tmp_path / "scan.pdf")
    with pytest.raises(UnreadableDocument) as e:
        read_text(path)
    assert _one_line(e) == "scan.pdf has no text layer (a scan?); index a text PDF or a .txt copy"


def test_pdf_with_some_scanned_pages_is_read_with_a_warning(tmp_path):
    text_pdf = make_pdf(tmp_path / "t.pdf", OM_PAGES, footer=False)
    scan = make_scan_pdf(tmp_path / "s.pdf", pages=1)
    writer = pypdf.PdfWriter()
    writer.append(str(text_pdf))
    writer.append(str(scan))
    writer.write(tmp_path / "mixed.pdf")
    got = read_text(tmp_path / "mixed.pdf")
    assert got.pages == 3
    assert got.warnings == ("1 of 3 pages have no text layer (pages 3); their content is not indexed",)


def test_encrypted_pdf_is_refused_but_an_empty_user_password_is_tried(tmp_path):
    src = make_pdf(tmp_path / "src.pdf", OM_PAGES)
    locked = pypdf.PdfWriter(clone_from=str(src))
    locked.encrypt(user_password="s3cret", owner_password="owner")
    locked.write(tmp_path / "locked.pdf")
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "locked.pdf")
    assert _one_line(e) == "locked.pdf is encrypted with a password; index an unencrypted copy"

    restricted = pypdf.PdfWriter(clone_from=str(src))  # owner password only: opens with an empty one
    restricted.encrypt(user_password="", owner_password="owner")
    restricted.write(tmp_path / "restricted.pdf")
    got = read_text(tmp_path / "restricted.pdf")
    assert "2. It has been observed that some officers post content" in got.text


def test_damaged_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 9 0 R >>\n%%EOF")
    with pytest.raises(UnreadableDocument) as e:
        read_text(path)
    assert _one_line(e).startswith("broken.pdf ")


# ---------------------------------------------------------------------------------------------- content versus extension

def test_pdf_that_is_really_text_or_html(tmp_path):
    (tmp_path / "om.pdf").write_text("2. Officers shall not post.\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "om.pdf")
    assert _one_line(e) == "om.pdf is not a PDF: its content is plain text"

    (tmp_path / "error.pdf").write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "error.pdf")
    assert _one_line(e) == "error.pdf is not a PDF: its content is HTML"

    (tmp_path / "junk.pdf").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "junk.pdf")
    assert _one_line(e) == "junk.pdf is not a PDF: its content is binary data"


def test_docx_that_is_not_a_word_file(tmp_path):
    (tmp_path / "a.docx").write_text("just text")
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "a.docx")
    assert _one_line(e) == "a.docx is not a Word document (DOCX): its content is plain text"

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "b.docx").write_bytes(buf.getvalue())
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "b.docx")
    assert _one_line(e) == "b.docx is not a Word document (DOCX): its content is an Excel workbook (XLSX)"


def test_text_file_that_is_a_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "x.pdf", OM_PAGES)
    (tmp_path / "notes.txt").write_bytes(pdf.read_bytes())
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "notes.txt")
    assert _one_line(e) == "notes.txt is not plain text: its content is a PDF"


def test_filename_overrides_the_upload_path_and_no_extension_goes_by_content(tmp_path):
    pdf = make_pdf(tmp_path / "upload-123", OM_PAGES)
    got = read_text(pdf)
    assert (got.type, got.filename, got.pages) == ("pdf", "upload-123", 2)
    got = read_text(pdf, filename="GAD OM 3.pdf")
    assert got.filename == "GAD OM 3.pdf"
    with pytest.raises(UnreadableDocument, match=r"^GAD OM 3\.docx is not a Word document"):
        read_text(pdf, filename="GAD OM 3.docx")


# ---------------------------------------------------------------------------------------------- unsupported, empty

@pytest.mark.parametrize("name,content", [
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64),
    ("sheet.xlsx", b"PK\x03\x04" + b"\x00" * 64),
])
def test_unsupported_types(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnsupportedDocument) as e:
        read_text(tmp_path / name)
    msg = _one_line(e)
    ext = name.rsplit(".", 1)[1]
    assert msg.startswith(f"{name}: unsupported file type '.{ext}'; supported: PDF, DOCX, HTML, Markdown, plain text")


def test_unsupported_content_without_an_extension(tmp_path):
    (tmp_path / "scan").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(UnsupportedDocument) as e:
        read_text(tmp_path / "scan")
    assert _one_line(e).startswith("scan: unsupported content (a PNG image); supported: PDF, DOCX")


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.txt", "blank.md"])
def test_empty_files(tmp_path, name):
    (tmp_path / name).write_bytes(b"" if name.startswith("empty") else b"\n  \n\t\n")
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / name)
    assert _one_line(e) == f"{name} is empty"


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "gone.pdf")
    assert _one_line(e).startswith("gone.pdf: cannot read")


# ---------------------------------------------------------------------------------------------- DOCX, HTML, Markdown, text

def test_docx_paragraphs_automatic_numbering_and_tables_in_order(tmp_path):
    got = read_text(make_om_docx(tmp_path / "gifts.docx"))
    assert (got.type, got.pages, got.title) == ("docx", None, "Gifts circular")
    assert got.text.split("\n") == [
        "No. 22/4/2026-GAD-II",
        "Government of Kerala",
        "General Administration Department",
        "Dated: 05/02/2026",
        "CIRCULAR",
        "Sub: Acceptance of gifts by officers on festivals.",
        "1. Officers may accept gifts from near relatives on festivals within the limits below.",
        "2. Gifts from persons with official dealings shall not be accepted.",
        "(i) Cash gifts are never accepted.",
        "(ii) Gifts above the limit are reported within one month.",
        "Service | Limit",
        "AIS | Rs. 5,000",
    ]


def test_html_drops_scripts_styles_and_navigation_and_keeps_lists(tmp_path):
    (tmp_path / "circular.html").write_text(OM_HTML, encoding="utf-8")
    got = read_text(tmp_path / "circular.html")
    assert (got.type, got.title) == ("html", "Circular on media interviews")
    lines = got.text.split("\n")
    assert lines[:3] == ["Circular", "No. 5/2/2026-MHA-Media", "Government of India"]
    assert "Subject: Interviews to the media by police officers." in lines
    assert "(i) by the head of the force, in writing; or" in lines
    assert "(ii) by a standing order for the purpose." in lines
    for gone in ("tracking", "nor this", "About us", "color"):
        assert gone not in got.text


def test_markdown(tmp_path):
    (tmp_path / "note.md").write_text(
        "# Advisory on gifts\n\n**Sub:** Gifts on festivals.\n\n2. Officers *may* accept [small gifts](http://x).\n"
        "- from relatives\n", encoding="utf-8")
    got = read_text(tmp_path / "note.md")
    assert (got.type, got.title) == ("markdown", "Advisory on gifts")
    assert got.text.split("\n") == ["Advisory on gifts", "", "Sub: Gifts on festivals.", "",
                                    "2. Officers may accept small gifts.", "• from relatives"]


def test_text_encodings(tmp_path):
    (tmp_path / "utf8.txt").write_text("7. Criticism of Government.—No member …\n", encoding="utf-8")
    assert read_text(tmp_path / "utf8.txt").text == "7. Criticism of Government.—No member …"

    (tmp_path / "win.txt").write_bytes("2. Officers shall not \u201cpost\u201d.\r\n".encode("cp1252"))
    got = read_text(tmp_path / "win.txt")
    assert (got.text, got.encoding) == ("2. Officers shall not \u201cpost\u201d.", "cp1252")

    (tmp_path / "u16.txt").write_bytes("सेवा नियम 7.\n".encode("utf-16"))
    assert read_text(tmp_path / "u16.txt").text == "सेवा नियम 7."

    (tmp_path / "junk.txt").write_bytes(bytes(range(1, 256)) * 20)
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "junk.txt")
    assert _one_line(e) == "junk.txt is not plain text: its content is binary data"


def test_sniff():
    assert sniff(b"%PDF-1.4\n...") == "pdf"
    assert sniff(b"<html><body>x</body></html>") == "html"
    assert sniff(b"BMC circular on gifts\n") == "text"  # starts like a BMP, reads as text
    assert sniff(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpeg"
