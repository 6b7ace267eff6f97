"""Finds an official document's own particulars in its text: reference number, date, subject, issuer, kind.

Indian government papers open with a header (`No. 11013/6/2025-Estt.A`, `Government of India`, `Ministry of
…`, `Dated the 18th July, 2016`, `OFFICE MEMORANDUM`, `Subject: …`).  Only that header is searched for the
reference and the date, so an OM that *cites* another OM (`refer to OM No. … dated …` in its first paragraph)
is not mistaken for it.  Whatever is not found stays None; the admin's own metadata always wins over this.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from knowledge.model import Kind

__all__ = ["DetectedMetadata", "detect_metadata", "find_subject", "subject_title", "parse_date", "header_end", "smart_title"]

HEADER_LINES = 40  # how far into the text a header can reach when no subject line ends it

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # Hindi letterheads (दिनांक 12 मार्च, 2026), in the spellings in use
    "जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "अप्रेल": 4, "मई": 5, "जून": 6, "जुलाई": 7,
    "अगस्त": 8, "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11,
    "दिसंबर": 12, "दिसम्बर": 12,
}
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_MONTH = r"(?P<m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    re.compile(rf"(?<![\d])(?P<d>\d{{1,2}}){_ORD}\s*(?:day\s+of\s+|of\s+)?{_MONTH},?\s*(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
    re.compile(rf"(?<![A-Za-z]){_MONTH}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
    re.compile(r"(?<![\d/.\-])(?P<d>\d{1,2})\s?[./\-]\s?(?P<mo>\d{1,2})\s?[./\-]\s?(?P<y>(?:19|20)\d\d)(?![\d]|-[A-Za-z])"),
    re.compile(r"(?<![\d/.\-])(?P<y>(?:19|20)\d\d)-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)"),
]

# A Government Order (`G.O.Ms. No. 123`, `G.O.(Rt) No. 45`) and the prefixes that name what the number is (Memo,
# Circular, Order, Notification, Letter, and the Hindi क्रमांक/संख्या/सं.) may carry a bare number; a bare `No.` needs a
# `/` or `-` in it to be taken for a reference.
_GO_PREFIX = r"G\.?\s?O\.?\s?\(?(?:Ms|Rt|P|D|MS|RT)\)?\.?\s?No\.?"
_HINDI_PREFIX = (r"(?:(?:फा(?:\.|इल)\s?)?(?:सं\.|संख्या)|(?:पत्र|ज्ञापन|आदेश|परिपत्र|अधिसूचना|आदेश)?\s?क्र(?:\.|मांक))")
_REF_PREFIX = (rf"(?P<prefix>{_GO_PREFIX}|F\.?\s?No\.?|File\s+No\.?|O\.?\s?M\.?\s+No\.?|Office\s+Memorandum\s+No\.?|"
               r"D\.?\s?O\.?\s+(?:Letter\s+)?No\.?|Memo(?:randum)?\s+No\.?|Letter\s+No\.?|Notification\s+No\.?|"
               rf"Circular\s+No\.?|Order\s+No\.?|No\.|{_HINDI_PREFIX})")
_NAMED_PREFIX = re.compile(rf"^(?:{_GO_PREFIX}|Memo|Circular|Order|Notification|Letter|{_HINDI_PREFIX})", re.I)
_W = r"A-Za-z0-9\u0900-\u097F"  # Latin and Devanagari letters and digits
# A short letter group before the number ("No. F 11-4/2026/1/9", "क्रमांक एफ 11-4/2026"), then the number.
_REF_NUM = (rf"(?P<num>(?:[A-Za-z\u0900-\u097F]{{1,4}}\.?\s(?=\d))?[{_W}(][{_W}()./\-&]*"
            rf"(?:(?:\s?[/\-]\s?|(?<=\.)\s(?=[A-Z0-9(][A-Za-z0-9()]{{0,4}}[-/(]))[{_W}()][{_W}()./\-&]*)*)")
_REF_LINE = re.compile(rf"^\s*\[?\s*{_REF_PREFIX}\s*[:\-]?\s*{_REF_NUM}", re.I)
_GSR = re.compile(r"\b(?P<kind>G\.\s?S\.\s?R\.|S\.\s?O\.)\s*(?P<n>\d{1,5})\s*(?P<e>\([A-Z]\))?")
# "Subject:", "Sub:-", the Hindi "विषय:", and an Andhra/Telangana G.O.'s "ABSTRACT" (its subject on the next line)
_SUBJECT = re.compile(r"^\s*(?:(?:Subject|SUBJECT|Sub|SUB|विषय)\s*(?:\.\s*)?[:\-–—]+|ABSTRACT\s*$)\s*(?P<s>.*)$")
_SUBJECT_END = re.compile(r"(?:[.।]|\breg(?:arding)?\.?|\breg\.?\s*$|\bIssued\.?)\s*$", re.I)
_OPENER = re.compile(r"^(?:The\s+undersigned|I\s+am\s+directed|Reference\s+is|Attention\s+is|With\s+reference|"
                     r"Ref(?:erence)?\s*[:.]|Sir\b|Madam\b|Dear\b|In\s+exercise\b|The\s+President\b|"
                     r"\d{1,2}\.\s|\(\d|\(?[a-z]\))", re.I)
_DATED = re.compile(r"(?:\b(?:dated|date|dt)\b|दिनांक|दि\.)\.?\s*[:\-,.]?\s*(?:the\s+)?", re.I)

_ISSUER_PATTERNS = [  # (rank, pattern): a Department (0, 1), a Ministry (2), a Government (3)
    (0, re.compile(r"^\(?\s*((?:Department|DEPARTMENT)\s+(?:of|OF)\s+[^,;()]{3,80}?)\s*\)?[,.]?$")),
    (1, re.compile(r"^\(?\s*([A-Z][A-Za-z&(). ]{2,60}\s+(?:Department|DEPARTMENT))\s*\)?[,.]?$")),
    (1, re.compile(r"^\(?\s*([\u0900-\u097F][\u0900-\u097F() ,]{2,60}\s+विभाग)\s*\)?[,.।]?$")),
    (2, re.compile(r"^\(?\s*((?:Ministry|MINISTRY)\s+(?:of|OF)\s+[^;()]{3,100}?)\s*\)?[,.]?$")),
    (2, re.compile(r"^\(?\s*([\u0900-\u097F][\u0900-\u097F() ,]{2,100}\s*मंत्रालय)\s*\)?[,.।]?$")),
    (3, re.compile(r"^\(?\s*((?:Government|GOVERNMENT|Govt\.)\s+(?:of|OF)\s+[A-Za-z ]{3,40}?)\s*\)?[,.]?$")),
    (3, re.compile(r"^\(?\s*([\u0900-\u097F]{2,20}(?:\s[\u0900-\u097F]{2,20})?\s(?:शासन|सरकार))\s*\)?[,.।]?$")),
]
_UNION = re.compile(r"(?i)government\s+of\s+india|भारत\s+सरकार")
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "under", "with"}
_ACRONYMS = {"AIS", "CCS", "IAS", "IPS", "IFS", "OM", "DOPT", "DOP&T", "GSR", "RTI", "MHA", "GAD", "NGO", "II", "III",
             "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "CCA", "SOP"}


@dataclass
class DetectedMetadata:
    reference: str | None = None
    date: dt.date | None = None
    subject: str | None = None
    title: str | None = None
    kind: Kind | None = None
    issuer: str | None = None
    applies_to: list[str] = field(default_factory=list)


def detect_metadata(text: str, *, file_title: str | None = None) -> DetectedMetadata:
    """What the text says about itself.  `file_title` (a PDF's or DOCX's own title, an HTML <title>, a Markdown
    `#` heading) is preferred to a guess from the first lines, but not to a subject line or a rules title."""
    lines = text.split("\n")
    subject = find_subject(lines)
    end = header_end(lines, subject)
    skip = set(range(subject[1], subject[2] + 1)) if subject else set()
    header = [(i, lines[i]) for i in range(end) if i not in skip]

    meta = DetectedMetadata()
    meta.subject = subject[0] if subject else None
    meta.reference = _find_reference(header, lines)
    meta.date = _find_date(header)
    meta.issuer = _find_issuer(header)
    meta.kind = _guess_kind(text, header, meta.subject)
    meta.title = _title(meta.subject, lines, file_title)
    meta.applies_to = _services(text)
    return meta


# ---------------------------------------------------------------------------------------------- subject, header

def find_subject(lines: list[str], limit: int = 80) -> tuple[str, int, int] | None:
    """(subject, first line index, last line index) of a `Subject:`/`Sub:` line near the top, with the
    lines it wraps onto: it continues until a line ends the sentence (`.`, `reg.`, `regarding`) or the
    next line opens the body (`The undersigned …`, `2.`)."""
    for i, line in enumerate(lines[:limit]):
        m = _SUBJECT.match(line)
        if not m:
            continue
        parts, j = [m.group("s").strip()], i
        if not parts[0] and i + 1 < len(lines):  # "Subject:" alone on its line
            j = i + 1
            parts = [lines[j].strip()]
        while (j + 1 < len(lines) and j - i < 3 and lines[j + 1].strip() and not _SUBJECT_END.search(parts[-1])
               and not _OPENER.match(lines[j + 1].strip()) and not _REF_LINE.match(lines[j + 1])):
            j += 1
            parts.append(lines[j].strip())
        subject = " ".join(" ".join(parts).split()).strip(" :-–—")
        if subject:
            return subject, i, j
    return None


def header_end(lines: list[str], subject: tuple[str, int, int] | None = None) -> int:
    """Index of the first line after the header: after the subject (and any reference lines that follow
    it), else at the first numbered paragraph or opening phrase, else HEADER_LINES."""
    if subject:
        # blank lines, reference lines and letterhead headings may follow it (an Andhra G.O.'s ABSTRACT comes
        # before its department and its "G.O.Ms. No. … Dated …" line)
        end = subject[2] + 1
        while end < len(lines) and end < subject[2] + 8 and _after_subject(lines[end].strip()):
            end += 1
        return end
    for i, line in enumerate(lines[:HEADER_LINES]):
        s = line.strip()
        if i > 0 and re.match(r"^(?:The\s+undersigned|I\s+am\s+directed|In\s+exercise|Sir\b|Madam\b|1\.\s|2\.\s)", s):
            return i
    return min(len(lines), HEADER_LINES)


def _after_subject(s: str) -> bool:
    """A line after the subject that still belongs to the header: blank, a `Ref:` line, a reference number
    line, or a short heading in capitals (`GENERAL ADMINISTRATION (SER.C) DEPARTMENT`)."""
    return (not s or bool(re.match(r"^(?:Ref|Reference)\b", s, re.I)) or bool(_REF_LINE.match(s))
            or (len(s) <= 80 and s.isupper() and not _OPENER.match(s)))


# ---------------------------------------------------------------------------------------------- reference

def _find_reference(header: list[tuple[int, str]], lines: list[str]) -> str | None:
    for _, line in header:
        ref = _reference_in_line(line)
        if ref:
            return ref
    # a gazette notification's file number usually closes it: "[F. No. 11017/9/2014-AIS-III]"
    for line in reversed(lines[-60:]):
        if line.strip().startswith("[") and (ref := _reference_in_line(line)):
            return ref
    return None


def _reference_in_line(line: str) -> str | None:
    m = _REF_LINE.match(line)
    if m:
        num = m.group("num").rstrip(".,;:")
        num = re.sub(r"\s*([/\-])\s*", r"\1", num)
        named = bool(_NAMED_PREFIX.match(m.group("prefix").strip()))
        if re.search(r"\d", num) and (named or (re.search(r"[/\-]", num) and len(num) >= 4)):
            return f"{_norm_prefix(m.group('prefix'))} {num}"
    g = _GSR.search(line)
    if g and line.strip().startswith(("G", "S", "[", "(")):
        kind = "G.S.R." if g.group("kind").upper().startswith("G") else "S.O."
        return f"{kind} {g.group('n')}{g.group('e') or ''}"
    return None


def _norm_prefix(prefix: str) -> str:
    """The prefix as the page writes it ("O.M. No.", "G.O.Ms. No.", "क्रमांक"), its spaces made single."""
    return re.sub(r"\s+", " ", prefix.strip())


# ---------------------------------------------------------------------------------------------- date

def parse_date(text: str) -> dt.date | None:
    """The first valid date in `text`: `18th July, 2016`, `July 18, 2016`, `18.07.2016`, `18/07/2016`,
    `18-07-2016` (day first, as Indian papers write it) or `2016-07-18`."""
    best: tuple[int, dt.date] | None = None
    text = text.translate(_DEVANAGARI_DIGITS)
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            d = _to_date(m)
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
                break
    return best[1] if best else None


def _to_date(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    month = _MONTHS.get(g["m"].lower().rstrip(".")) if g.get("m") else int(g["mo"])
    if month is None:
        return None
    try:
        return dt.date(int(g["y"]), month, int(g["d"]))
    except (TypeError, ValueError):
        return None


def _find_date(header: list[tuple[int, str]]) -> dt.date | None:
    # 1. "Dated the 18th July, 2016" / "New Delhi, dated 18.07.2016" / "No. … dated …"
    for _, line in header:
        for m in _DATED.finditer(line):
            d = parse_date(line[m.end():m.end() + 40])
            if d:
                return d
    # 2. any date in the header, except inside a reference number
    for _, line in header:
        if _REF_LINE.match(line):
            continue
        d = parse_date(line)
        if d:
            return d
    return None


# ---------------------------------------------------------------------------------------------- issuer, kind, title

def _find_issuer(header: list[tuple[int, str]]) -> str | None:
    """The most specific issuing body in the header: a Department, else a Ministry, else a Government;
    a State department is named with its State."""
    found: dict[int, str] = {}
    for _, line in header:
        s = line.strip()
        if len(s) > 120:
            continue
        for rank, pat in _ISSUER_PATTERNS:
            m = pat.match(s)
            if m:
                if rank not in found:
                    name = " ".join(m.group(1).split()).rstrip(",.")
                    found[rank] = smart_title(name) if name.isupper() else name
                break
    if not found:
        return None
    best = found[min(found)]
    state = found.get(3)
    if min(found) in (0, 1) and state and not _UNION.fullmatch(state):
        return f"{best}, {state}"
    return best


_RULE_HEADING = re.compile(r"^\s*(?:Rule\s+)?\d{1,3}[A-Z]{0,2}\.\s+[A-Z][^\n]{2,100}?(?:\.\s*[—–-]+|:\s*[—–-]+|\.-)", re.M)


def _guess_kind(text: str, header: list[tuple[int, str]], subject: str | None) -> Kind | None:
    head = "\n".join(line for _, line in header)
    if re.search(r"\bOFFICE\s+MEMORANDUM\b|\bOffice\s+Memorandum\b|^\s*O\.\s?M\.?\s*$|^\s*O\.?\s?M\.?\s+No\b|"
                 r"\bCIRCULAR\b|^\s*Circular\b|कार्यालय\s+ज्ञापन|परिपत्र|^\s*G\.?\s?O\.?\s?\(?(?:Ms|Rt)", head, re.M | re.I):
        return Kind.circular
    top = "\n".join(text.split("\n")[:HEADER_LINES])
    if re.search(r"\bRULES?\b,?\s+(?:19|20)\d\d|\bRules,?\s+(?:19|20)\d\d", top) and len(_RULE_HEADING.findall(text)) >= 2:
        return Kind.rulebook
    about = " ".join(x for x in (subject or "", top[:1500]))
    if re.search(r"\bguidelines?\b|\bframework\b|\badvisory\b|\bcode\s+of\s+(?:conduct|ethics)\b|\bhandbook\b|"
                 r"\bstandard\s+operating\s+procedure\b|\bSOP\b", about, re.I):
        return Kind.guideline
    if re.search(r"\bNOTIFICATION\b|\bNotification\b|^\s*ORDER\b|\bD\.\s?O\.\s|अधिसूचना|^\s*आदेश", head, re.M) or any(
            _REF_LINE.match(line) for _, line in header):
        return Kind.circular
    return None


def subject_title(subject: str) -> str:
    """A subject line as a title: `Gifts on festivals – reg.` -> `Gifts on festivals`."""
    t = re.sub(r"\s*[-–—:]+\s*(?:reg(?:arding)?\.?|Orders?\s*[-–—]\s*Issued\.?)\s*$", "", subject,
               flags=re.I).strip(" .:-–—।")
    return t or subject


def _title(subject: str | None, lines: list[str], file_title: str | None) -> str | None:
    if subject:
        return subject_title(subject)
    called = re.search(r"may\s+be\s+called\s+the\s+(.{5,150}?(?:Rules|Regulations),?\s+(?:19|20)\d\d)",
                       " ".join(lines[:HEADER_LINES]))
    if called:
        return "The " + " ".join(called.group(1).split())
    for line in lines[:HEADER_LINES]:
        s = line.strip()
        if re.search(r"\bRULES?,?\s+(?:19|20)\d\d\b", s, re.I) and len(s.split()) <= 16 and not re.match(r"^\d", s):
            s = re.sub(r"\s+", " ", s).rstrip(".")
            return smart_title(s) if s.isupper() else s
    if file_title:
        return file_title
    for line in lines[:15]:
        s = line.strip()
        words = s.split()
        if (3 <= len(words) <= 16 and not _REF_LINE.match(s) and not _boilerplate(s)
                and not re.match(r"^(?:\d|\(|•)", s) and not parse_date(s)):
            return smart_title(s) if s.isupper() else s.rstrip(".")
    return None


def _boilerplate(s: str) -> bool:
    return bool(re.match(r"(?i)^(?:government\s+of|govt\.?\s+of|ministry\s+of|department\s+of|office\s+of|"
                         r"new\s+delhi|north\s+block|dated|date\b|to,?$|office\s+memorandum|circular|notification|"
                         r"\(?\s*department|.*bhawan)", s))


def smart_title(s: str) -> str:
    """`THE ALL INDIA SERVICES (CONDUCT) RULES, 1968` -> `The All India Services (Conduct) Rules, 1968`."""
    out = []
    for i, word in enumerate(s.split()):
        core = word.strip("()[],.:;\"'")
        if core.upper() in _ACRONYMS:
            out.append(word.upper())
        elif i > 0 and core.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[A-Za-z][A-Za-z']*", lambda m: m.group(0).capitalize(), word, count=1))
    return " ".join(out)


def _services(text: str) -> list[str]:
    """Which services a document speaks to, from what it names; empty when it names neither."""
    sample = text[:200000]
    found = []
    if re.search(r"All\s+India\s+Services?|\bAIS\b|\bIAS\b|\bIPS\b|\bIFoS\b|members?\s+of\s+the\s+Service\b", sample):
        found.append("AIS")
    if re.search(r"Central\s+Civil\s+Services|\bCCS\b", sample) or (
            not found and re.search(r"Central\s+Government\s+(?:servants|employees)|Government\s+servants?", sample)):
        found.append("CCS")
    return found
