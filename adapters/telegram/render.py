"""Telegram HTML for Niyam's replies, and splitting long replies into valid messages.

Everything here is pure (no python-telegram-bot), so it is easy to test on its own.

A reply is a list of *sections*; a section is a list of *blocks*; every block is a self-contained,
balanced piece of Telegram HTML. Messages are packed section by section (a section that does not fit
starts a new message); a section longer than one message is packed block by block, and a block
longer than one message is split token by token, closing the open tags at the end of one message and
reopening them at the start of the next, never inside a tag or an entity.
"""

from __future__ import annotations

import html
import re

from bot.answer import VERDICT_MARKERS, Answer, RuleView, SourceInfo, verdict_label
from chat import texts
from chat.brief import brief, without_is_permissive
from chat.say import Say
from knowledge.model import Verdict

MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text
EXCERPT_LIMIT = 900  # a quoted excerpt longer than this is shortened with an ellipsis

Section = list[str]


def esc(text: object) -> str:
    """User or document text, escaped for Telegram HTML."""
    return html.escape(str(text), quote=False)


def esc_attr(text: object) -> str:
    return html.escape(str(text), quote=True)


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); raw HTML is never shorter than the parsed text."""
    return len(text.encode("utf-16-le")) // 2


def link(url: str, label: str) -> str:
    """An `<a>` for http(s) URLs only; anything else is dropped (Telegram rejects odd schemes)."""
    if not re.match(r"^https?://[^\s<>\"]+$", url or ""):
        return ""
    return f'<a href="{esc_attr(url)}">{esc(label)}</a>'


def _shorten(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip() + " …"


def _status(status: str) -> str:
    return texts.STATUS_LABELS.get(status, status.replace("_", " "))


def _source(source: str) -> str:
    return texts.SOURCE_OFFICIAL if source == "official" else texts.SOURCE_DIGEST


# ---------------------------------------------------------------- answers

def answer_sections(answer: Answer) -> list[Section]:
    """The verdict first, then summary, reasons, cited rules with quoted excerpts and links, suggestions, caveats."""
    def say(text: str) -> str:  # the section labels in the answer's own language
        return texts.localize(text, answer.language)

    sections: list[Section] = [[
        f"{answer.marker} <b>{esc(answer.label)}</b>",
        esc(answer.summary),
        f"<i>{esc(say(texts.RULEBOOK_LINE).format(code=answer.service, name=texts.RULEBOOK_NAMES.get(answer.service, answer.service)))}</i>",
    ]]
    if answer.checked_note:  # a follow-up or an edit: what was taken as the draft
        sections[0].append(f"🔁 <i>{esc(answer.checked_note)}</i>" + (
            f"\n<blockquote>{esc(_shorten(answer.checked_text, EXCERPT_LIMIT))}</blockquote>" if answer.checked_text else ""))
    if answer.reasons:
        sections.append([f"<b>{say(texts.WHY)}</b>"] + [f"• {esc(r)}" for r in answer.reasons])
    if answer.citations:
        blocks = [f"<b>{say(texts.RULES_CITED)}</b>"]
        for c in answer.citations:
            head = f"• <b>{esc(c.shown_ref)}</b> {esc(c.title)}"
            notes = [_source(c.source)]
            if c.status != "in_force":
                notes.insert(0, _status(c.status))
            head += f" <i>({esc('; '.join(notes))})</i>"
            a = link(c.url, "source")
            if a:
                head += f" · {a}"
            if c.excerpt.strip():
                head += f"\n<blockquote>{esc(_shorten(c.excerpt, EXCERPT_LIMIT))}</blockquote>"
            blocks.append(head)
        sections.append(blocks)
    if answer.suggestions:
        sections.append([f"<b>{say(texts.WHAT_YOU_CAN_DO)}</b>"] + [f"• {esc(s)}" for s in answer.suggestions])
    if answer.caveats:
        sections.append([f"<b>{say(texts.KEEP_IN_MIND)}</b>"] + [f"• {esc(c)}" for c in answer.caveats])
    sections.append([f"<i>{esc(say(texts.GUIDANCE))}</i>"])
    return sections


def answer_messages(answer: Answer, limit: int = MESSAGE_LIMIT) -> list[str]:
    return pack(answer_sections(answer), limit)


def brief_html(answer: Answer) -> str:
    """The first message of an answer (chat/brief.py chooses and cuts the parts; at most BRIEF_LIMIT as read)."""
    b = brief(answer)
    lines = [f"{b.marker} <b>{esc(b.label)}</b>"]
    if b.checked:
        lines.append(f"🔁 <i>{esc(b.checked)}</i>")
    if b.why:
        lines.append(esc(b.why))
    if b.flagged:
        lines.append(f"<i>{esc(b.flagged_label)}</i> {esc(b.quoted())}")
    if b.todo:
        lines.append(f"<b>{esc(b.todo_label)}</b> {esc(b.todo)}")
    lines.append(f"<i>{esc(b.guidance)}</i>")
    return "\n".join(lines)


def without_sections(answer: Answer) -> list[Section]:
    """"Check without it": the verdict of the draft without its flagged sentences and, when that may be
    posted, the rest of the draft to copy."""
    rest = answer.without_flagged or {}
    verdict = Verdict(rest.get("verdict", Verdict.unclear.value))
    which = texts.WITHOUT_SENTENCES if len(answer.flagged) > 1 else texts.WITHOUT_SENTENCE
    head = Say(texts.WITHOUT_CHECKED, {"sentences": which, "marker": VERDICT_MARKERS[verdict],
                                       "label": verdict_label(verdict, answer.language)})
    sections: list[Section] = [[head.render(esc, bold=("<b>", "</b>"), code=("<code>", "</code>"))]]
    if without_is_permissive(answer):
        sections.append([esc(texts.WITHOUT_COPY), f"<pre>{esc(rest.get('text', ''))}</pre>"])
    else:
        sections.append([esc(texts.WITHOUT_STILL)])
    sections.append([f"<i>{esc(texts.GUIDANCE)}</i>"])
    return sections


# ---------------------------------------------------------------- /rule and /sources

def rule_sections(view: RuleView) -> list[Section]:
    head = [f"<b>{esc(view.ref)}</b> {esc(view.title)}",
            f"<i>{esc(view.document_title)} · {esc(_status(view.status))} · {esc(_source(view.source))}</i>"]
    a = link(view.url, "source")
    if a:
        head.append(a)
    sections: list[Section] = [head]
    if view.text.strip():
        sections.append([f"<b>{texts.IN_SHORT}</b>"] + [esc(p) for p in view.text.strip().split("\n") if p.strip()])
    if view.official_text and view.official_text.strip():
        paras = [p for p in view.official_text.strip().split("\n") if p.strip()]
        sections.append([f"<b>{texts.OFFICIAL_TEXT}</b>"] + [f"<blockquote>{esc(p)}</blockquote>" for p in paras])
    else:
        sections.append([f"<i>{esc(texts.NO_OFFICIAL_TEXT)}</i>"])
    return sections


def sources_sections(sources: list[SourceInfo]) -> list[Section]:
    if not sources:
        return [[esc(texts.NO_SOURCES)]]
    blocks = [f"<b>{texts.INDEXED_DOCUMENTS}</b> ({len(sources)})"]
    for s in sources:
        line = f"• <b>{esc(s.title)}</b> <code>{esc(s.id)}</code>"
        line += f"\n  {esc(s.kind)} · {esc(_status(s.status))} · {esc(s.date or texts.DATE_UNKNOWN)} · {esc(_source(s.source))}"
        a = link(s.url, "link")
        if a:
            line += f" · {a}"
        blocks.append(line)
    return [blocks]


# ---------------------------------------------------------------- splitting

def pack(sections: list[Section], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pack sections into as few messages as fit, each at most `limit` long and balanced."""
    messages: list[str] = []
    current = ""

    def add(piece: str, sep: str) -> None:
        nonlocal current
        if not current:
            current = piece
        elif tg_len(current) + tg_len(sep) + tg_len(piece) <= limit:
            current += sep + piece
        else:
            messages.append(current)
            current = piece

    for section in sections:
        blocks = [b for b in section if b.strip()]
        if not blocks:
            continue
        whole = "\n".join(blocks)
        if tg_len(whole) <= limit:
            add(whole, "\n\n")
            continue
        first = True
        for block in blocks:
            pieces = [block] if tg_len(block) <= limit else split_html(block, limit)
            for piece in pieces:
                add(piece, "\n\n" if first else "\n")
                first = False
    if current:
        messages.append(current)
    return messages


_TOKEN_RE = re.compile(r"<[^<>]*>|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);|\s+|[^<&\s]+|[<&]")
_TAG_RE = re.compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split one balanced HTML block into pieces of at most `limit`, closing and reopening open tags.

    Reopened tags may take at most half a message; deeper formatting than that is dropped from the
    continuation rather than ever producing an over-long or unbalanced message.
    """
    budget = limit // 2
    chunks: list[str] = []
    stack: list[list] = []  # [name, opening tag as written, open in the current chunk]
    current = ""
    has_text = False

    def cost(name: str, tag: str) -> int:
        return tg_len(tag) + len(name) + 3  # the tag and its closer

    def carried() -> int:
        return sum(cost(e[0], e[1]) for e in stack if e[2])

    def closers() -> str:
        return "".join(f"</{e[0]}>" for e in reversed(stack) if e[2])

    def start_chunk() -> None:
        nonlocal current, has_text
        current, has_text, used = "", False, 0
        for e in stack:
            c = cost(e[0], e[1])
            e[2] = used + c <= budget
            if e[2]:
                used += c
                current += e[1]

    def flush() -> None:
        if has_text:
            chunks.append(current + closers())
        start_chunk()

    for tok in _TOKEN_RE.findall(text):
        m = _TAG_RE.match(tok) if tok.startswith("<") and len(tok) > 1 else None
        if m and m.group(1):  # closing tag: its room was reserved when it opened
            if stack:
                name, _, open_here = stack.pop()
                if open_here:
                    current += f"</{name}>"
            continue
        if m:  # opening tag
            name = m.group(2).lower()
            here = carried() + cost(name, tok) <= budget
            if here and tg_len(current) + tg_len(tok) + tg_len(closers()) + len(name) + 3 > limit:
                flush()
                here = carried() + cost(name, tok) <= budget
            if here:
                current += tok
            stack.append([name, tok, here])
            continue
        if tok.isspace() and not has_text:
            continue  # no leading blanks in a new message
        if tg_len(current) + tg_len(tok) + tg_len(closers()) > limit:
            flush()
            if tok.isspace():
                continue
        # a single word longer than what is left of a fresh message (at least half of it) is cut
        while tg_len(current) + tg_len(tok) + tg_len(closers()) > limit:
            head, tok = _cut(tok, limit - tg_len(closers()) - tg_len(current))
            current += head
            has_text = True
            flush()
        current += tok
        has_text = has_text or not tok.isspace()
    if has_text:
        chunks.append(current + closers())
    return chunks


def _cut(word: str, room: int) -> tuple[str, str]:
    """The longest head of `word` no longer than `room` UTF-16 units (never splitting a character)."""
    n = 0
    for i, ch in enumerate(word):
        n += tg_len(ch)
        if n > room:
            return word[: max(i, 1)], word[max(i, 1):]
    return word, ""
