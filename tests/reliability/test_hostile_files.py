"""Hostile files are refused with their reason, in bounded time and memory (issue 17, items 3, 8, 9, 10).

Every hostile file is generated here; nothing large is committed."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bot.admin import AdminService
from knowledge import structure
from knowledge.loader import PackError
from knowledge.official import inspect_official
from knowledge.readers import Limits, UnreadableDocument, read_text
from retrieval.indexer import build_index
from retrieval.store import IndexStore
from tests.knowledge.official_files import OM_PAGES, make_om_docx, make_pdf
from tests.reliability.conftest import ROOT, om_file

_W_OPEN = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_W_CLOSE = b"</w:body></w:document>"


def make_docx_bomb(path: Path, xml_mb: int = 280) -> Path:
    """A real DOCX whose word/document.xml is `xml_mb` MB of paragraphs; the file is under 1 MB."""
    good = make_om_docx(path.with_name("good.docx"))
    para = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    block = para * 1024  # about 1 MB
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with out.open("word/document.xml", "w", force_zip64=True) as f:
                    f.write(_W_OPEN)
                    for _ in range(xml_mb):
                        f.write(block)
                    f.write(_W_CLOSE)
            else:
                out.writestr(info, src.read(info.filename))
    return path


def test_the_docx_zip_bomb_is_refused_fast_in_bounded_memory(tmp_path):
    """0.8 MB on disk, 280 MB of document.xml: refused before decompression, in a process that stays small."""
    bomb = make_docx_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 1_000_000
    probe = (
        "import json, sys, time\n"
        "from knowledge.readers import read_text\n"
        "t = time.time()\n"
        "try:\n"
        "    read_text(sys.argv[1]); out = 'read'\n"
        "except ValueError as e:\n"
        "    out = str(e)\n"
        # VmHWM, not ru_maxrss: ru_maxrss keeps the forking parent's peak across exec
        "hwm = next(int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM'))\n"
        "print(json.dumps({'out': out, 's': time.time() - t, 'rss_mb': hwm / 1024}))\n"
    )
    res = subprocess.run([sys.executable, "-c", probe, str(bomb)], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    got = json.loads(res.stdout.strip().splitlines()[-1])
    assert "compression bomb" in got["out"] and "word/document.xml" in got["out"] and "\n" not in got["out"]
    assert got["s"] < 10 and got["rss_mb"] < 250, got


def test_a_zip_member_that_lies_about_its_size_is_never_inflated_past_it(tmp_path):
    """The central directory says 1 KB; the member holds 40 MB. zipfile stops at the declared size and the CRC
    check fails: a damaged DOCX, not 40 MB in memory."""
    bomb = make_docx_bomb(tmp_path / "liar.docx", xml_mb=40)
    raw = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo("word/document.xml")
    # rewrite the uncompressed size in word/document.xml's central-directory entry
    pos = raw.find(b"word/document.xml", raw.find(b"PK\x01\x02"))
    entry = raw.rfind(b"PK\x01\x02", 0, pos)
    assert int.from_bytes(raw[entry + 24: entry + 28], "little") == info.file_size
    raw[entry + 24: entry + 28] = (1024).to_bytes(4, "little")
    bomb.write_bytes(bytes(raw))
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size == 1024 and info.file_size > 40_000_000
    with pytest.raises(UnreadableDocument, match="damaged DOCX"):
        read_text(bomb)


@pytest.mark.parametrize("limits, words", [
    (Limits(zip_members=3), "parts inside"),
    (Limits(zip_member_bytes=1000), "uncompressed; the limit"),
    (Limits(zip_total_bytes=1000), "uncompressed; the limit"),
    (Limits(file_bytes=1000), "too large"),
    (Limits(text_chars=50), "characters of text"),
    (Limits(seconds=0), "longer than 0 s"),
])
def test_docx_limits_are_named_in_the_refusal(tmp_path, limits, words):
    docx = make_om_docx(tmp_path / "om.docx")
    assert read_text(docx).text  # within the default limits
    with pytest.raises(UnreadableDocument, match=words):
        read_text(docx, limits=limits)


def test_pdf_page_cap_and_text_cap(tmp_path):
    pdf = make_pdf(tmp_path / "om.pdf", OM_PAGES * 3)
    assert read_text(pdf).pages == 6
    with pytest.raises(UnreadableDocument, match="has 6 pages; the limit is 5"):
        read_text(pdf, limits=Limits(pdf_pages=5))
    with pytest.raises(UnreadableDocument, match="characters of text"):
        read_text(pdf, limits=Limits(text_chars=100))


def test_aes_256_pdf_with_an_empty_user_password_is_read(tmp_path):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    for i, line in enumerate(OM_PAGES[0]):
        pdf.text(15, 20 + 6 * i, line)
    pdf.set_encryption(owner_password="owner", user_password="", encryption_method=EncryptionMethod.AES_256)
    pdf.output(str(tmp_path / "aes.pdf"))
    got = read_text(tmp_path / "aes.pdf")
    assert "No. 11013/6/2026-GAD-III" in got.text


def test_aes_256_pdf_with_a_password_is_refused_clearly(tmp_path):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.text(15, 20, "2. No officer shall post this.")
    pdf.set_encryption(owner_password="owner", user_password="s3cret", encryption_method=EncryptionMethod.AES_256)
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(UnreadableDocument) as e:
        read_text(tmp_path / "locked.pdf")
    assert str(e.value) == "locked.pdf is encrypted with a password; index an unencrypted copy"


@pytest.mark.parametrize("depth", [3000, 20000])
def test_deeply_nested_html_is_read_without_recursion(tmp_path, depth):
    html = ("<html><head><title>Nested</title></head><body>" + "<div>" * depth
            + "<p>2. No Government servant shall post drone footage of a Government building.</p>"
            + "<p>3. This issues with approval.</p>" + "</div>" * depth + "</body></html>")
    p = tmp_path / "nested.html"
    p.write_text(html)
    if depth == 3000:
        assert 30_000 < p.stat().st_size < 40_000
    got = read_text(p)
    assert "2. No Government servant shall post drone footage" in got.text
    refs = [s.ref for s in inspect_official(p, id="nested-om").document.sections]
    assert "nested-om para 2" in refs


def test_the_iterative_html_walk_reads_lists_tables_and_breaks_as_before(tmp_path):
    """The same lines the recursive walk gave (checked against it when the walk was rewritten)."""
    html = ("<html><body><ol><li>First item<ul><li>inner</li></ul></li><li>Second</li></ol>"
            "<table><tr><td>AIS</td><td>Rs. 5,000</td></tr><tr><td><p>block</p></td><td>cell</td></tr></table>"
            "<p>after<br>break</p><pre>a\nb</pre><ol type='a' start='3'><li>(x) labelled</li><li>c</li></ol>"
            "<span>inline <b>bold</b></span><div>x<table><tr><td>1</td></tr></table></div></body></html>")
    p = tmp_path / "lists.html"
    p.write_text(html)
    assert read_text(p).text.split("\n") == [
        "1. First item", "• inner", "2. Second", "AIS | Rs. 5,000", "block", "cell", "", "after", "break", "a", "b",
        "(x) labelled", "(d) c", "inline bold", "x", "1"]


def test_a_document_with_too_many_sections_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(structure, "MAX_SECTIONS", 3)
    p = om_file(tmp_path, 1)
    with pytest.raises(UnreadableDocument, match="more than 3 sections"):
        inspect_official(p, id="too-many")


def test_hostile_docx_through_admin_changes_nothing(mini, embedder, tmp_path):
    before = IndexStore(mini.data_dir).active()
    bomb = make_docx_bomb(tmp_path / "bomb.docx", xml_mb=60)
    admin = AdminService(mini.data_dir, embedder=embedder, library=mini)
    with pytest.raises(ValueError, match="compression bomb"):
        admin.add(bomb, actor="cli:test")
    assert IndexStore(mini.data_dir).active() == before and not mini.added_ids() and not mini.pending()
    assert admin.audit_rows()[-1]["ok"] is False


@pytest.mark.parametrize("text, line, words", [
    ("in_scope:\n  - one\n  - [unclosed\nout_of_scope: []\n", 4, "invalid YAML"),
    ("- just\n- a list\n", 1, "must be a mapping"),
    ("in_scope: 3\n", 1, "must be a list"),
    ("in_scope:\n  - \"unterminated\n", 3, "invalid YAML"),
])
def test_a_broken_scope_yaml_is_file_line_reason(mini, embedder, text, line, words):
    scope = mini.pack_dir / "scope.yaml"
    scope.write_text(text)
    before = IndexStore(mini.data_dir).active()
    with pytest.raises(PackError) as e:
        build_index(mini.data_dir, library=mini, embedder=embedder)
    msg = str(e.value)
    assert msg.startswith(f"{scope}:") and words in msg and "\n" not in msg, msg
    assert e.value.line == line, msg
    assert IndexStore(mini.data_dir).active() == before
