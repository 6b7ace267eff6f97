"""Splits the text of an official Indian document into addressable sections, so a citation points at a
precise ref: `AIS 7(1)(a)`, `AIS 7 proviso`, `AIS 9 Explanation`, `gad-om-2026-3 para 2(i)`.

What it recognises, at line starts (the readers give one logical line a line):

- rules and numbered paragraphs `7.`, `7A.`, `Rule 7.` (a rule heading `7. Criticism of Government.—…` gives
  the section title); sub-paragraphs `2.1`, `2.1.1`;
- sub-rules and clauses `(1)`, `(1A)`, `(a)`, `(aa)`, `(i)`, `(A)`, `(I)`, `a)`, `iv)`, nested in whatever
  order the document uses (`(i)` after `(h)` is a letter, otherwise a roman numeral);
- provisos (`Provided that`, `Provided further that`), which belong to the rule, sub-rule or paragraph they
  close: `AIS 7 proviso`, `AIS 5(4) proviso 2`; `Explanation` / `Explanation I` and `Note`, likewise;
- an office memorandum's header (`… preamble`), its unnumbered first paragraph (`… para 1`, as Indian OMs
  start numbering at 2), annexures (`… annexure I para 1`) and its signature/distribution block (`… closing`).

Refs: for a rulebook's official text (code `AIS` or `CCS`) they read like the digest's (`AIS 7(1)(a)`); for
any other document the code is its id and paragraphs are `<id> para 2(i)`.  Sections longer than LONG
characters are cut into `… part 1`, `… part 2` with overlap; text with no usable structure is cut the same
way into `<id> part 1`, `part 2` (langchain's RecursiveCharacterTextSplitter).  Section text is verbatim
document text (wrapped lines re-joined), so any excerpt of it is a quotation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from knowledge.metadata import find_subject, header_end, subject_title
from knowledge.model import SERVICES, Section
from knowledge.readers import UnreadableDocument

MAX_SECTIONS = 5000  # a document splitting into more is refused (a 1,000-page rulebook has ~3,000)


class TooManySections(UnreadableDocument):
    """A document that splits into more than MAX_SECTIONS sections; the message is one line."""

    def __init__(self, count: int, limit: int):
        super().__init__(f"the document splits into more than {limit:,} sections ({count:,}); index it in parts")


def _capped(sections: list[Section], limit: int | None) -> list[Section]:
    limit = MAX_SECTIONS if limit is None else limit
    if len(sections) > limit:
        raise TooManySections(len(sections), limit)
    return sections

__all__ = ["split_official", "split_plain", "CHUNK_SIZE", "CHUNK_OVERLAP", "LONG"]

CHUNK_SIZE = 1200
CHUNK_OVERLAP = 150
LONG = 1600  # a structured section longer than this is cut into parts

_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "under",
          "with", "etc", "etc."}

_TOP = re.compile(r"^(?:(?:Rule|RULE|Para|PARA|Paragraph|PARAGRAPH)\s+)?(?P<n>\d{1,3})(?P<s>[A-Z]{0,2})\s?\.(?!\d)\s*(?P<rest>.*)$")
_DEC = re.compile(r"^(?P<n>\d{1,3}(?:\.\d{1,3}){1,3})\.?(?:\s+(?P<rest>.*)|$)")
_PAREN = re.compile(r"^\((?P<l>\d{1,3}[A-Z]{0,2}|[A-Za-z]{1,6})\)\s*(?P<rest>.*)$")
_HALF = re.compile(r"^(?P<l>[a-z]{1,6})\)\s+(?P<rest>\S.*)$")
_PROVISO = re.compile(r"^Provided\s+(?:(?:further|also|always|however|further\s+also)\s+)?that\b", re.I)
_EXPL = re.compile(r"^(?:Explanation|EXPLANATION)\s*(?:[-–]?\s*(?P<lab>[IVX]{1,4}|\d{1,2})\b)?\s*(?:\.\s*[—–-]*|:\s*[—–-]*|[—–-]+|$)\s*(?P<rest>.*)$")
_NOTE = re.compile(r"^(?:Note|NOTE)\s*(?:[-–]?\s*(?P<lab>[IVX]{1,4}|\d{1,2})\b)?\s*(?:\.\s*[—–-]*|:\s*[—–-]*|[—–-]+|$)\s*(?P<rest>.*)$")
_ANNEX = re.compile(r"^(?:THE\s+|The\s+)?(?:(?:FIRST|SECOND|THIRD|First|Second|Third)\s+)?"
                    r"(?P<kind>ANNEXURE|Annexure|ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule|ENCLOSURE|Enclosure)"
                    r"\s*[-–—:.]?\s*(?P<lab>[IVXL]{1,5}|\d{1,2}|[A-Z])?\s*[.:]?\s*(?:\(.{0,60}\))?$")
_INLINE_PROVISO = re.compile(r"(?<=[:;.—])\s*(?=Provided\s+(?:further\s+|also\s+)?that\b)")
_REF_WORD_END = re.compile(r"(?i)\b(?:clauses?|sub-?clauses?|sub-?rules?|rules?|items?|paragraphs?|paras?|sub-?paras?|"
                           r"sub-?paragraphs?|sections?|sub-?sections?|provisos?|see|vide|No\.?)\s*$")
_REF_REST = re.compile(r"^(?:of|and|or|to|above|below|ibid)\b|^[,;)]")
_TAIL = re.compile(r"^(?:To,?|To\s*:|Copy\s+(?:forwarded\s+)?to\b.*|Copy\s+for\s+(?:information|necessary).*|"
                   r"Distribution\s*:.*|Encl(?:osure)?s?\.?\s*:.*)$", re.I)
_SIGN = re.compile(r"^\(?(?:(?:Under|Deputy|Joint|Additional|Assistant|Chief|Principal)\s+Secretary|Secretary|Director|"
                   r"Deputy\s+Director|Section\s+Officer|Desk\s+Officer)\s*(?:\([^)]{1,40}\))?\s*"
                   r"(?:,?\s*(?:to\s+the\s+)?(?:Government|Govt\.?)\s+of\s+[A-Za-z ]{2,30})?\s*[.)]?\s*$", re.I)
_BODY_OPENER = re.compile(r"^(?:The\s+undersigned|I\s+am\s+directed|Reference\s+is|Attention\s+is|With\s+reference|"
                          r"In\s+exercise|Sir\b|Madam\b|It\s+has\s+been|The\s+President\b)", re.I)
_BOILER = re.compile(r"(?i)^(?:\[?\s*(?:F\.?\s?No|No)\b|government\s+of|govt\.?\s+of|ministry\s+of|department\s+of|"
                     r"\(?\s*department|office\s+of|new\s+delhi|north\s+block|.*bhawan|dated|date\b|office\s+memorandum|"
                     r"o\.m\.?$|circular|notification|order$|subject|sub\b|ref)")
_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
_CLAUSE_KINDS = ("pnum", "plow", "prom", "pup", "purom", "dot")
_STRUCTURAL = ("top", "dec", "pnum", "dot")  # what a proviso or Explanation attaches to


@dataclass
class _Unit:
    ref: str
    kind: str
    line: int  # 0-based index of its first line
    lines: list[str] = field(default_factory=list)
    heading: str | None = None  # its own heading ("Criticism of Government")
    inherited: str | None = None  # its rule's heading
    marker_len: int = 0  # characters of the first line taken by marker and heading
    title: str | None = None  # fixed title (preamble)


@dataclass
class _Frame:
    kind: str
    label: str  # "7", "2.1", "a", "ii", "proviso", "Explanation I"
    unit: _Unit
    heading: str | None = None
    counts: dict = field(default_factory=dict)  # provisos / explanations / notes attached to this frame


def split_official(text: str, *, doc_id: str, code: str | None = None, numbering: str | None = None,
                   max_sections: int | None = None) -> list[Section]:
    """Sections of an official document's text.  `code` is the ref prefix (`AIS`, `CCS`; default the id);
    `numbering` is "rule" (refs `AIS 7`, or `<code> rule 7` for another rulebook) or "para" (`<code> para 7`),
    by default "rule" for AIS/CCS and "para" otherwise.  More than `max_sections` (default MAX_SECTIONS)
    is refused with TooManySections."""
    code = code or doc_id
    numbering = numbering or ("rule" if code in SERVICES else "para")
    if numbering not in ("rule", "para"):
        raise ValueError(f"numbering must be 'rule' or 'para', got {numbering!r}")
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(lines):
        return []
    units = _Parser(lines, code, numbering).parse()
    structured = [u for u in units if u.kind in ("top", "dec", "dot") + _CLAUSE_KINDS]
    covered = sum(len(_body(u)) for u in units if u.kind not in ("preamble", "closing"))
    total = sum(len(ln) for ln in lines) or 1
    if len(structured) < 2 or (total > 3 * CHUNK_SIZE and covered / total < 0.3):
        return _capped(split_plain(text, code=code), max_sections)
    return _capped(_sections(units, lines), max_sections)


def split_plain(text: str, *, code: str, prefix: str | None = None) -> list[Section]:
    """Overlapping chunks of text with no usable structure: `<code> part 1`, `part 2`, …"""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    joined = _unwrap(lines)
    if not joined:
        return []
    starts = _line_starts(lines)
    base = prefix or code
    out = []
    for i, (chunk, offset) in enumerate(_chunks(joined), start=1):
        out.append(Section(ref=f"{base} part {i}", title=_first_words(chunk), text=chunk,
                           line=_line_of(starts, lines, joined, offset) + 1))
    return out


# ---------------------------------------------------------------------------------------------- parser

class _Parser:
    def __init__(self, lines: list[str], code: str, numbering: str):
        self.lines = lines
        self.code = code
        self.numbering = numbering
        self.part: str | None = None  # "annexure I"
        self.stack: list[_Frame] = []
        self.memory: dict[str, tuple[list[_Frame], str]] = {}  # kind -> (its parents, its last label)
        self.last_top: tuple[int, str] | None = None
        self.seen_top = False
        self.units: list[_Unit] = []
        self.cur = self._new_unit(f"{code} preamble", "preamble", 0)
        self.tail = False
        self._prescan()

    # -- pre-scan: where tops, annexures and alphabetic labels are, for look-ahead decisions
    def _prescan(self) -> None:
        self.top_idx: list[int] = []
        self.annex_idx: list[int] = []
        self.alpha: list[tuple[int, str]] = []
        self.first_top: int | None = None
        for i, s in enumerate(self.lines):
            if not s:
                continue
            m = _TOP.match(s)
            if m and not _DEC.match(s):
                self.top_idx.append(i)
                if self.first_top is None and int(m.group("n")) <= 20:
                    self.first_top = int(m.group("n"))
            elif _ANNEX.match(s) and len(s.split()) <= 8:
                self.annex_idx.append(i)
            else:
                p = _PAREN.match(s) or _HALF.match(s)
                if p and p.group("l").isalpha():
                    self.alpha.append((i, p.group("l")))

    def _next_alpha(self, idx: int) -> str | None:
        j = bisect.bisect_right(self.alpha, (idx, "\uffff"))
        return self.alpha[j][1] if j < len(self.alpha) else None

    def _tail_allowed(self, idx: int) -> bool:
        nxt_annex = next((a for a in self.annex_idx if a > idx), len(self.lines))
        j = bisect.bisect_right(self.top_idx, idx)
        return self.seen_top and (j >= len(self.top_idx) or self.top_idx[j] > nxt_annex)

    # -- main loop
    def parse(self) -> list[_Unit]:
        for idx, line in enumerate(self.lines):
            pending = [line]
            while pending:
                s = pending.pop(0)
                more = self._line(idx, s)
                if more:
                    pending = more + pending
        return self.units

    def _line(self, idx: int, s: str) -> list[str] | None:
        if not s:
            self.cur.lines.append("")
            return None
        m = _ANNEX.match(s)
        if m and len(s.split()) <= 8 and idx in self.annex_idx:
            kind = m.group("kind").lower()
            kind = "annexure" if kind == "annex" else kind
            self.part = f"{kind} {m.group('lab')}" if m.group("lab") else kind
            self.stack, self.memory, self.last_top, self.tail = [], {}, None, False
            self.cur = self._new_unit(f"{self.code} {self.part}", "annex", idx)
            self.cur.lines.append(s)
            return None
        if self.tail:
            self.cur.lines.append(s)
            return None
        if (_TAIL.match(s) or (_SIGN.match(s) and len(s.split()) <= 10)) and self._tail_allowed(idx):
            self._start_tail(idx, s)
            return None
        m = _INLINE_PROVISO.search(s)
        if m and m.start() > 0:
            return [s[:m.start()].rstrip(), s[m.end():]]
        prev = self._prev_text()
        ref_context = bool(_REF_WORD_END.search(prev)) if prev else False

        if _PROVISO.match(s):
            if self._attach("proviso", "proviso", idx, s):
                return None
        elif (e := _EXPL.match(s)) and (e.group("rest") or len(s) < 30):
            if self._attach("expl", "Explanation", idx, s, e.group("lab")):
                return None
        elif (n := _NOTE.match(s)) and (n.group("rest") or len(s) < 20):
            if self._attach("note", "Note", idx, s, n.group("lab")):
                return None

        if not ref_context:
            d = _DEC.match(s)
            if d and self._dec(idx, s, d):
                return None
            t = _TOP.match(s)
            if t and not d and not _REF_REST.match(t.group("rest")):
                handled = self._top(idx, s, t)
                if handled is not None:
                    return handled or None
            p = _PAREN.match(s) or _HALF.match(s)
            if p and not _REF_REST.match(p.group("rest")):
                kind = self._paren_kind(idx, p.group("l"))
                if kind:
                    self._push(kind, p.group("l"), idx, s, marker_len=p.start("rest"))
                    return None
        self.cur.lines.append(s)
        return None

    def _prev_text(self) -> str:
        for ln in reversed(self.cur.lines):
            if ln:
                return ln
        return ""

    # -- numbered paragraphs and rules
    def _top(self, idx: int, s: str, m: re.Match) -> list[str] | None:
        n, suffix = int(m.group("n")), m.group("s")
        key = (n, suffix)
        limit = 99 if self.numbering == "rule" else 20
        if self.last_top is None:
            ok = n <= limit
        else:
            ok = self.last_top < key and n <= self.last_top[0] + 20
        if not ok:
            if self.stack and (n == 1 or self._open_label("dot") == str(n - 1)):
                self._push("dot", str(n), idx, s, marker_len=m.start("rest"))
                return []
            return None
        if not self.seen_top:
            self._first_marker(idx, is_top=True, top_label=n)
        self.last_top = key
        self.seen_top = True
        rest = m.group("rest")
        heading, after = _heading(rest, self._next_nonempty(idx), self.numbering == "rule")
        self._pop_to(0)
        self.memory = {}
        frame_label = f"{n}{suffix}"
        marker_len = m.start("rest")
        if heading and after is not None:
            marker_len = len(s) - len(after)
        elif heading:
            marker_len = len(s)
        unit = self._push("top", frame_label, idx, s if not (heading and after and _starts_marker(after)) else s[:len(s) - len(after)].rstrip(),
                          marker_len=marker_len, heading=heading)
        unit.heading = heading
        if heading and after and _starts_marker(after):
            return [after]
        return []

    def _dec(self, idx: int, s: str, m: re.Match) -> bool:
        label = m.group("n")
        parent = label.rsplit(".", 1)[0]
        tops = [f for f in self.stack if f.kind in ("top", "dec")]
        if not any(f.label == parent for f in tops):
            return False
        depth = next(i for i, f in enumerate(self.stack) if f.label == parent and f.kind in ("top", "dec"))
        self._pop_to(depth + 1)
        rest = m.group("rest") or ""
        heading, after = _heading(rest, self._next_nonempty(idx), False)
        marker_len = m.start("rest") if m.group("rest") is not None else len(s)
        if heading:
            marker_len = len(s) - len(after or "")
        self._push("dec", label, idx, s, marker_len=marker_len, heading=heading)
        return True

    def _first_marker(self, idx: int, *, is_top: bool, top_label: int | None = None) -> None:
        """At the first marker of a memorandum: if its numbering starts at 2, the unnumbered text before it
        (after the header) is paragraph 1."""
        if self.numbering != "para" or self.part or self.seen_top or self.stack:
            return
        if is_top and top_label != 2:
            return
        if not is_top and self.first_top not in (None, 2):
            return
        pre = self.cur
        if pre.kind != "preamble":
            return
        split = self._para1_start(pre)
        if split is None:
            return
        body = pre.lines[split:]
        if not any(body):
            return
        pre.lines = pre.lines[:split]
        unit = self._new_unit("", "top", pre.line + split)
        unit.lines = body
        self.stack = [_Frame("top", "1", unit)]
        unit.ref = self._ref()
        self.last_top = (1, "")
        self.seen_top = True

    def _para1_start(self, pre: _Unit) -> int | None:
        lines = pre.lines
        subject = find_subject(lines)
        if subject:
            return header_end(lines, subject)
        for i, s in enumerate(lines):
            if s and _BODY_OPENER.match(s):
                return i
        last = -1
        for i, s in enumerate(lines):
            if s and (_BOILER.match(s) or len(s.split()) <= 3):
                last = i
        return last + 1 if last + 1 < len(lines) else None

    # -- clauses
    def _paren_kind(self, idx: int, label: str) -> str | None:
        if label[0].isdigit():
            return "pnum"
        upper = label.isupper()
        if not (label.isupper() or label.islower()):
            return None
        low = label.lower()
        letter_kind, roman_kind = ("pup", "purom") if upper else ("plow", "prom")
        if len(low) > 1 and _ROMAN.match(low):
            return roman_kind  # ii, iv, xii (never the doubled letters of an aa, bb list)
        if len(low) == 1 and low in "ivx":
            pred = {"i": "h", "v": "u", "x": "w"}[low]
            if self._open_label(letter_kind, case_fold=True) == pred:
                nxt = self._next_alpha(idx)
                if nxt and nxt.lower() == {"i": "ii", "v": "vi", "x": "xi"}[low]:
                    return roman_kind
                return letter_kind
            return roman_kind
        if len(low) == 1 or len(set(low)) == 1:
            return letter_kind
        return None

    def _open_label(self, kind: str, case_fold: bool = False) -> str | None:
        for f in reversed(self.stack):
            if f.kind == kind:
                return f.label.lower() if case_fold else f.label
        mem = self.memory.get(kind)
        if mem and self.stack and mem[0] and mem[0][0] is self.stack[0]:
            return mem[1].lower() if case_fold else mem[1]
        return None

    def _push(self, kind: str, label: str, idx: int, s: str, *, marker_len: int, heading: str | None = None) -> _Unit:
        if kind in _CLAUSE_KINDS:
            depth = self._clause_depth(kind, label)
            self._pop_to(depth)
        if not self.seen_top and kind in _CLAUSE_KINDS:
            self._first_marker(idx, is_top=False)
        unit = self._new_unit("", kind, idx)
        unit.lines.append(s)
        unit.marker_len = marker_len
        frame = _Frame(kind, label, unit, heading=heading)
        self.stack.append(frame)
        unit.ref = self._ref()
        unit.inherited = next((f.heading for f in reversed(self.stack[:-1]) if f.heading), None)
        return unit

    def _clause_depth(self, kind: str, label: str) -> int:
        where = [i for i, f in enumerate(self.stack) if f.kind == kind]
        first = label in ("1", "a", "i", "A", "I") or (kind == "dot" and label == "1")
        if where:
            d = where[-1]
            if first and d < len(self.stack) - 1:
                return len(self.stack)  # a new list nested in the deeper item
            return d
        if not first:
            mem = self.memory.get(kind)
            if mem and _follows(mem[1], label) and self.stack and mem[0] and mem[0][0] is self.stack[0]:
                self.stack = list(mem[0])  # the list resumes after a proviso or an Explanation
                return len(self.stack)
        return len(self.stack)

    def _pop_to(self, depth: int) -> None:
        while len(self.stack) > depth:
            f = self.stack.pop()
            self.memory[f.kind] = (list(self.stack), f.label)

    # -- provisos, Explanations, Notes
    def _attach(self, kind: str, word: str, idx: int, s: str, own_label: str | None = None) -> bool:
        depth = next((i for i in range(len(self.stack) - 1, -1, -1) if self.stack[i].kind in _STRUCTURAL), None)
        if depth is None:
            return False
        parent = self.stack[depth]
        self._pop_to(depth + 1)
        count = parent.counts.get(kind, 0) + 1
        parent.counts[kind] = count
        label = f"{word} {own_label}" if own_label else (word if count == 1 else f"{word} {count}")
        unit = self._new_unit("", kind, idx)
        unit.lines.append(s)
        self.stack.append(_Frame(kind, label, unit))
        unit.ref = self._ref()
        unit.inherited = next((f.heading for f in reversed(self.stack[:-1]) if f.heading), None)
        return True

    # -- the closing block
    def _start_tail(self, idx: int, s: str) -> None:
        moved = []
        prev = self.cur.lines
        k = len(prev) - 1
        while k >= 0 and not prev[k]:
            k -= 1
        if k >= 0 and re.fullmatch(r"\(?[A-Z][A-Za-z. ]{2,40}\)?", prev[k]) and len(prev[k].split()) <= 5 \
                and prev[k].startswith("(") and k > 0:
            moved = [prev[k]]
            del prev[k:]
        self.tail = True
        self.stack = []
        unit = self._new_unit(f"{self.code} closing", "closing", idx - len(moved))
        unit.title = "Signature and distribution"
        unit.lines = moved + [s]
        self.cur = unit

    # -- refs
    def _ref(self) -> str:
        base = self.code + (f" {self.part}" if self.part else "")
        ref = base
        word_last = False
        for f in self.stack:
            if f.kind in ("top", "dec"):
                if self.part or self.numbering == "para":
                    ref = f"{base} para {f.label}"
                elif self.code in SERVICES:
                    ref = f"{base} {f.label}"
                else:
                    ref = f"{base} rule {f.label}"
                word_last = False
            elif f.kind in _CLAUSE_KINDS:
                ref += (" " if word_last or ref == base else "") + f"({f.label})"
                word_last = False
            else:
                ref += f" {f.label}"
                word_last = True
        return ref

    def _new_unit(self, ref: str, kind: str, idx: int) -> _Unit:
        unit = _Unit(ref=ref, kind=kind, line=idx)
        self.units.append(unit)
        self.cur = unit
        return unit

    def _next_nonempty(self, idx: int) -> str:
        for s in self.lines[idx + 1: idx + 4]:
            if s:
                return s
        return ""


def _follows(prev: str, label: str) -> bool:
    """Whether `label` comes right after `prev` in a list: 2 after 1 or 1A, b after a, iii after ii."""
    if prev.isdigit() or prev[:1].isdigit():
        pm, lm = re.match(r"(\d+)", prev), re.match(r"(\d+)([A-Z]*)$", label)
        if not (pm and lm):
            return False
        return (int(lm.group(1)) == int(pm.group(1)) + 1 or
                                   (int(lm.group(1)) == int(pm.group(1)) and lm.group(2) > prev[len(pm.group(1)):]))
    p, lab = prev.lower(), label.lower()
    if _ROMAN.match(p) and _ROMAN.match(lab):
        return _roman_value(lab) == _roman_value(p) + 1
    if len(p) == 1 and len(lab) == 1:
        return ord(lab) == ord(p) + 1
    return False


def _roman_value(s: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=False):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _starts_marker(s: str) -> bool:
    return bool(_PAREN.match(s) or _PROVISO.match(s))


# ---------------------------------------------------------------------------------------------- headings

_STRONG_SEP = re.compile(r"^(?P<h>.{2,150}?)(?:\s*\.\s*[—–]+|\s*\.\s*--?(?=\s|[A-Z(\"“]|$)|\s*:\s*[—–-]+|\s*\.\s*-(?=\S))\s*(?P<rest>.*)$")
_WEAK_SEP = re.compile(r"^(?P<h>.{2,100}?)\s*[—–]+\s*(?P<rest>.*)$")


def _heading(rest: str, next_line: str, rulebook: bool) -> tuple[str | None, str | None]:
    """(heading, text after it) of a numbered line: `Criticism of Government.—No member …` gives
    (`Criticism of Government`, `No member …`); a short heading alone on its line gives (heading, None)."""
    if not rest or not rest[0].isupper() and rest[0] not in "\"'“‘":
        return None, None
    m = _STRONG_SEP.match(rest)
    if m and _heading_like(m.group("h"), strict=not rulebook, limit=14):
        return m.group("h").strip(" .:"), m.group("rest")
    m = _WEAK_SEP.match(rest)
    if m and _heading_like(m.group("h"), strict=True, limit=8):
        return m.group("h").strip(" .:"), m.group("rest")
    m = re.match(r"^(?P<h>[^:]{2,60}):\s+(?P<rest>[A-Z].*)$", rest)
    if m and _heading_like(m.group("h"), strict=True, limit=6):
        return m.group("h").strip(), m.group("rest")
    words = rest.rstrip(".").split()
    if (len(words) <= 10 and not re.search(r"[,;:]$", rest) and rest.count(".") <= (1 if rest.endswith(".") else 0)
            and words[-1].lower() not in _SMALL and _heading_like(rest.rstrip("."), strict=not rulebook, limit=10)
            and next_line and (next_line[0].isupper() or next_line[0] in "(\"“" or next_line[0].isdigit())):
        return rest.rstrip(" ."), None
    return None, None


def _heading_like(h: str, *, strict: bool, limit: int) -> bool:
    words = h.split()
    if not words or len(words) > limit or not (h[0].isupper() or h[0] in "\"'“‘"):
        return False
    if re.search(r"(?<!etc)(?<!\bNo)(?<!\b[A-Z])\.\s+\S", h):
        return False
    if not strict:
        return True
    content = [w for w in words if w.lower().strip(",.()") not in _SMALL and re.search(r"[A-Za-z]", w)]
    if not content:
        return False
    caps = sum(1 for w in content if w.lstrip("(\"'“‘")[:1].isupper())
    return caps / len(content) >= 0.6


# ---------------------------------------------------------------------------------------------- sections

def _body(unit: _Unit) -> str:
    """A unit's text without its marker and heading: empty for a bare `3. General.—`."""
    if not unit.lines:
        return ""
    first = unit.lines[0][unit.marker_len:] if unit.kind not in ("preamble", "annex", "closing") else unit.lines[0]
    rest = [first] + unit.lines[1:]
    return " ".join(" ".join(rest).split()).strip(" .:-—–")


def _sections(units: list[_Unit], lines: list[str]) -> list[Section]:
    out: list[Section] = []
    seen: dict[str, int] = {}
    for u in units:
        if not _body(u):
            continue
        text = _unwrap(u.lines)
        if not text:
            continue
        title = u.title or u.heading or u.inherited or _first_words(text, skip=u.marker_len)
        if u.kind == "preamble" and not u.title:
            subject = find_subject(u.lines)
            title = subject_title(subject[0]) if subject else "Preamble"
        pieces = [(u.ref, text)]
        if len(text) > LONG:
            pieces = [(f"{u.ref} part {i}", chunk) for i, (chunk, _) in enumerate(_chunks(text), start=1)]
        for ref, chunk in pieces:
            if ref in seen:
                seen[ref] += 1
                ref = f"{ref} #{seen[ref]}"
            seen.setdefault(ref, 1)
            out.append(Section(ref=ref, title=title, text=chunk, line=u.line + 1))
    return out


def _unwrap(lines: list[str]) -> str:
    """Re-joins lines a PDF wrapped: a line continues the previous one when it starts in lower case, or when
    the previous line is long and does not end a sentence.  Blank lines and table rows stay breaks."""
    out: list[str] = []
    for ln in lines:
        if not ln:
            if out and out[-1]:
                out.append("")
            continue
        prev = out[-1] if out else ""
        if prev and " | " not in prev and " | " not in ln and not ln.startswith("•") and (
                ln[0].islower() or _REF_WORD_END.search(prev) or (len(prev) >= 50 and not re.search(r"[.:;?!—–\-]$", prev)
                                    and not _PAREN.match(ln) and not _TOP.match(ln))):
            out[-1] = prev + " " + ln
        else:
            out.append(ln)
    return "\n".join(x for x in out if x)


def _first_words(text: str, n: int = 10, skip: int = 0) -> str:
    t = text.split("\n", 1)[0][skip:] if skip else text.split("\n", 1)[0]
    t = t.strip(" .:;,—–-") or text.strip()
    sentence = re.split(r"(?<=[a-z)])[.;:](?:\s|$)", t, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= n:
        return sentence.strip(" ,;:—–-") or text[:60]
    return " ".join(words[:n]).rstrip(",;:—–-") + "…"


# Blank lines, then sentence ends (not the `2.` of a paragraph number or the `No.` of a reference), then lines:
# sentence-sized pieces are what lets neighbouring chunks overlap by a sentence or so.
_SENTENCE_END = (r"(?:(?<=[a-z)]{2}[.?!;:])|(?<=[a-z)] \d[.?!;:])|(?<=[a-z)] \d\d[.?!;:])|(?<=[a-z)] \d{3}[.?!;:])|"
                 r"(?<=[a-z)] \d{4}[.?!;:]))\s")
_SEPARATORS = [r"\n\n", _SENTENCE_END, r"\n", r"(?<=,)\s", r"\s", ""]


def _chunks(text: str) -> list[tuple[str, int]]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                              separators=_SEPARATORS, is_separator_regex=True,
                                              keep_separator="end", add_start_index=True)
    docs = splitter.create_documents([text])
    return [(d.page_content, d.metadata.get("start_index", 0)) for d in docs if d.page_content.strip()]


def _line_starts(lines: list[str]) -> list[int]:
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return starts


def _line_of(starts: list[int], lines: list[str], joined: str, offset: int) -> int:
    """Approximate source line of a chunk: joined text is shorter than the source only by dropped blanks."""
    total_src = starts[-1] + len(lines[-1]) if lines else 0
    if not joined or not total_src:
        return 0
    pos = int(offset * total_src / max(len(joined), 1))
    return max(0, bisect.bisect_right(starts, pos) - 1)
