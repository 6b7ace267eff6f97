"""Builds real official files for the loader tests: PDFs with fpdf2, DOCX with python-docx, HTML and text."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

OM_PAGES = [
    [
        "No. 11013/6/2026-GAD-III",
        "Government of India",
        "Ministry of Personnel, Public Grievances and Pensions",
        "Department of Personnel and Training",
        "North Block, New Delhi",
        "Dated the 18th March, 2026",
        "OFFICE MEMORANDUM",
        "Subject: Use of social media by Government servants - guidelines regarding.",
        "The undersigned is directed to refer to this Department's OM No. 11013/1/2010-Estt.A dated",
        "1.1.2010 on the subject and to say that references have been received.",
        "2. It has been observed that some officers post content on social media platforms which is",
        "critical of the policies of the Government. Such posts attract rule 7 of the conduct rules.",
        "3. All Ministries and Departments are requested to ensure that:",
        "(i) officers do not share classified documents or file notings on any platform;",
        "(ii) officers state that their views are personal, though a disclaimer does not cure a breach;",
    ],
    [
        "(iii) official handles are run only by the officer authorised to do so.",
        "Provided that an officer may share a press release of the Department as issued.",
        "4. This issues with the approval of the competent authority.",
        "(R. K. Sharma)",
        "Under Secretary to the Government of India",
        "To",
        "All Ministries/Departments of the Government of India",
    ],
]

RULES_TEXT = """THE ALL INDIA SERVICES (CONDUCT) RULES, 1968
In exercise of the powers conferred by sub-section (1) of section 3 of the All India Services Act, 1951, the Central Government hereby makes the following rules, namely:—
3. General.—(1) Every member of the Service shall at all times maintain absolute integrity and devotion to duty.
(1A) Every member of the Service shall maintain—
(i) high ethical standards, integrity and honesty;
(ii) political neutrality;
(2) Every member of the Service shall take all possible steps to ensure the integrity of Government servants under his control.
7. Criticism of Government.—No member of the Service shall, in any radio broadcast or communication over any public media, make any statement of fact or opinion—
(1) in any document published in his own name, which—
(a) has the effect of an adverse criticism of any current or recent policy or action of the Central Government or a State Government; or
(b) is capable of embarrassing the relations between the Central Government and any State Government:
Provided that nothing in this rule shall apply to any statement made or views expressed by a member of the Service in his official capacity and in the due performance of the duties assigned to him.
(2) The member of the Service shall also not make any such statement on television or social media.
9. Unauthorised communication of information.—No member of the Service shall communicate any official document or information to any person to whom he is not authorised to communicate it.
Explanation.—Quotation by a member of the Service in his representation of letters, circulars or office memoranda which he is not authorised to access is unauthorised communication.
"""


class _PagedPDF(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.cell(0, 10, f"Page {self.page_no()}", align="C")


def make_pdf(path: Path, pages: list[list[str]], *, footer: bool = True) -> Path:
    """A text PDF, one list of lines a page (fpdf2's core font: Latin-1 text only)."""
    pdf = _PagedPDF() if footer else FPDF()
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        y = 20
        for line in lines:
            pdf.text(15, y, line)
            y += 6
    pdf.output(str(path))
    return path


def make_scan_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF with no text layer: pages with only drawn shapes, as a scanner's image-only PDF has."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_fill_color(200, 200, 200)
        pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))
    return path


def make_big_pdf(path: Path, pages: int = 300) -> Path:
    """A long compilation: a header, then one numbered paragraph with sub-items a page."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    body = ("Officers shall observe the instructions in this paragraph when they use social media or "
            "any other communication application in a personal capacity.")
    for p in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        y = 20
        lines = []
        if p == 1:
            lines += ["No. 1/1/2026-COMP", "Dated 01.04.2026", "OFFICE MEMORANDUM",
                      "Subject: Compilation of instructions on conduct."]
        lines += [f"{p}. Instruction number {p} of the compilation. {body[:60]}", body[60:]]
        for k, roman in enumerate(("i", "ii", "iii"), start=1):
            lines.append(f"({roman}) Item {k} of paragraph {p}: {body[:70]}")
        lines += [body] * 20
        for line in lines:
            pdf.text(15, y, line)
            y += 6
    pdf.output(str(path))
    return path


def make_om_docx(path: Path) -> Path:
    """A DOCX memorandum whose paragraph numbers are Word's automatic numbering, with a table."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Gifts circular"
    for line in ("No. 22/4/2026-GAD-II", "Government of Kerala", "General Administration Department",
                 "Dated: 05/02/2026", "CIRCULAR", "Sub: Acceptance of gifts by officers on festivals."):
        d.add_paragraph(line)
    d.add_paragraph("Officers may accept gifts from near relatives on festivals within the limits below.",
                    style="List Number")
    d.add_paragraph("Gifts from persons with official dealings shall not be accepted.", style="List Number")
    d.add_paragraph("(i) Cash gifts are never accepted.")
    d.add_paragraph("(ii) Gifts above the limit are reported within one month.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Service"
    table.cell(0, 1).text = "Limit"
    table.cell(1, 0).text = "AIS"
    table.cell(1, 1).text = "Rs. 5,000"
    d.save(str(path))
    return path


OM_HTML = """<!DOCTYPE html>
<html><head><title>Circular on media interviews</title><style>p { color: red }</style>
<script>var tracking = "do not index this";</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
<h1>Circular</h1>
<p>No. 5/2/2026-MHA-Media<br>Government of India<br>Ministry of Home Affairs</p>
<p>Dated 12.01.2026</p>
<p><b>Subject:</b> Interviews to the media by police officers.</p>
<p>1. Officers shall not give interviews on matters under investigation.</p>
<p>2. An officer may speak to the media only when authorised:</p>
<ol type="i"><li>by the head of the force, in writing; or</li><li>by a standing order for the purpose.</li></ol>
<script>document.write("nor this")</script>
</body></html>
"""
