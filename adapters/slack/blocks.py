"""Block Kit rendering of an Answer (and of an admin's index preview), within Slack's limits.

Slack refuses a message with more than 50 blocks, a section text over 3000 characters, a header
over 150 or a button value over 2000, so every piece is clipped or packed to fit and the message
says when something was shortened.
"""

from __future__ import annotations

from bot.answer import VERDICT_MARKERS, Answer, RuleView, SourceInfo, verdict_label
from chat import texts
from chat.brief import brief, without_is_permissive
from chat.say import Say, spoken
from knowledge.model import Verdict

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK = 3000

# How many blocks each part of an answer may take, so one long part cannot crowd out the rest.
MAX_REASON_SECTIONS = 3
MAX_CITATIONS = 8
MAX_EXCERPT = 700
MAX_SUGGESTION_SECTIONS = 1
MAX_SUMMARY = 1500
MAX_TITLE = 200
MAX_CAVEAT = 500

SHARE_ACTION = "niyam_share"
INDEX_CONFIRM = "niyam_index_confirm"
INDEX_CANCEL = "niyam_index_cancel"
FEEDBACK_PREFIX = "niyam_feedback_"
DETAILS_ACTION = "niyam_details"
WITHOUT_ACTION = "niyam_without"


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _link(url: str, label: str) -> str:
    """`<url|label>` for http(s) URLs only; anything else is shown as the bare label."""
    if not url.startswith(("https://", "http://")) or any(c in url for c in "<>| \n"):
        return label
    return f"<{url.replace('&', '&amp;')}|{label}>"


def _quote(text: str) -> str:
    lines = [line for line in clip(text.strip(), MAX_EXCERPT).splitlines() if line.strip()]
    return "\n".join(f">{escape(line)}" for line in lines)


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}


def _context(texts: list[str]) -> dict:
    return {"type": "context",
            "elements": [{"type": "mrkdwn", "text": clip(t, MAX_CONTEXT_TEXT)} for t in texts[:MAX_CONTEXT_ELEMENTS]]}


def _bullet_sections(title: str, items: list[str], max_sections: int) -> list[dict]:
    """`*title*` and one bullet an item, packed into as few sections as fit; the rest counted."""
    if not items:
        return []
    sections: list[str] = []
    current = f"*{title}*"
    shown = 0
    for item in items:
        line = "\n• " + clip(escape(item.strip()), MAX_SECTION - 200)
        if len(current) + len(line) > MAX_SECTION - 60:
            if len(sections) + 1 >= max_sections:
                break
            sections.append(current)
            current = line.lstrip("\n")
        else:
            current += line
        shown += 1
    left = len(items) - shown
    if left:
        current += f"\n_{texts.MORE_NOT_SHOWN.format(n=left)}_"
    sections.append(current)
    return [_section(s) for s in sections]


def mrkdwn(say: Say | str, **params: object) -> str:
    """A chat-core text as Slack mrkdwn (the core's markup is mrkdwn already; placeholders are escaped)."""
    if isinstance(say, str):
        say = Say(say, params)
    return say.render(escape, blocks={"preview": lambda s: code_block(s, MAX_SECTION - 400)})


def fallback_text(answer: Answer) -> str:
    """The plain text Slack shows in notifications and to clients without Block Kit."""
    refs = ", ".join(c.shown_ref for c in answer.citations)
    text = f"{answer.marker} {answer.label} ({answer.service}): {answer.summary.strip()}"
    if refs:
        text += f" Rules: {refs}."
    return clip(escape(text), MAX_FALLBACK)


def answer_message(answer: Answer, *, share_key: str | None = None, shared_by: str | None = None,
                   feedback: str | None = None) -> dict:
    """`{"text": fallback, "blocks": [...]}` for chat.postMessage, chat.postEphemeral or a response_url.

    `share_key` adds a "Share in channel" button (for answers only the asker sees); `shared_by`
    (a user id) says who shared a public copy; `feedback` (the chat core's token) adds the feedback buttons.
    """
    def say(text: str) -> str:  # the section labels in the answer's own language
        return texts.localize(text, answer.language)

    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                       "text": clip(f"{answer.marker} {answer.label}", MAX_HEADER)}}]
    meta = [escape(say(texts.RULEBOOK_LINE).format(code=answer.service,
                                              name=texts.RULEBOOK_NAMES.get(answer.service, answer.service)))]
    if shared_by:
        meta.append(texts.SHARED_BY.format(user=f"<@{shared_by}>"))
    blocks.append(_context(meta))
    if answer.summary.strip():
        blocks.append(_section(escape(clip(answer.summary.strip(), MAX_SUMMARY))))
    if answer.checked_note:  # a follow-up or an edit: what was taken as the draft
        blocks.append(_context([f"🔁 _{escape(answer.checked_note)}_"]
                               + ([_quote(answer.checked_text)] if answer.checked_text else [])))
    blocks += _bullet_sections(say(texts.WHY), answer.reasons, MAX_REASON_SECTIONS)

    cited = answer.citations[:MAX_CITATIONS]
    for i, c in enumerate(cited):
        ref = _link(c.url, escape(clip(c.shown_ref, MAX_TITLE)))
        head = f"*{ref}* · {escape(clip(c.title, MAX_TITLE))}" if c.title else f"*{ref}*"
        notes = []
        if c.status != "in_force":
            notes.append(texts.STATUS_LABELS.get(c.status, c.status.replace("_", " ")))
        notes.append(say(texts.SOURCE_OFFICIAL) if c.source == "official" else say(texts.SOURCE_DIGEST))
        text = f"{'*' + say(texts.RULES_CITED) + '*' + chr(10) if i == 0 else ''}{head} _({'; '.join(notes)})_"
        if c.excerpt.strip():
            text += "\n" + _quote(c.excerpt)
        blocks.append(_section(text))
    if len(answer.citations) > len(cited):
        more = ", ".join(c.shown_ref for c in answer.citations[len(cited):])
        blocks.append(_context([texts.ALSO_CITED.format(refs=escape(more))]))

    blocks += _bullet_sections(say(texts.WHAT_YOU_CAN_DO), answer.suggestions, MAX_SUGGESTION_SECTIONS)
    caveats = [escape(clip(c.strip(), MAX_CAVEAT)) for c in answer.caveats if c.strip()]
    if len(caveats) > MAX_CONTEXT_ELEMENTS:
        caveats = caveats[: MAX_CONTEXT_ELEMENTS - 1] + [f"…and {len(caveats) - MAX_CONTEXT_ELEMENTS + 1} more caveats."]
    if caveats:
        blocks.append(_context([f"⚠️ {c}" for c in caveats]))
    blocks.append(_context([f"_{escape(say(texts.GUIDANCE))}_"]))

    tail = _actions([], share_key, feedback)
    if len(blocks) + len(tail) > MAX_BLOCKS:  # cannot happen with the caps above; kept as a last guard
        blocks = blocks[: MAX_BLOCKS - len(tail) - 1] + [_context(["Shortened to fit in Slack."])]
    return {"text": fallback_text(answer), "blocks": blocks + tail}


def brief_message(answer: Answer, *, details: str | None = None, share_key: str | None = None,
                  shared_by: str | None = None, feedback: str | None = None) -> dict:
    """The first message of an answer (chat/brief.py chooses and cuts the parts; at most BRIEF_LIMIT as read):
    the verdict, why, the deciding sentence of a draft, one thing to do and the disclaimer. `details` (the chat
    core's token) adds "Details" and, for a draft checked again without its flagged sentences, "Check without
    it"; `share_key`, `shared_by` and `feedback` as for `answer_message`."""
    b = brief(answer)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                       "text": clip(b.headline, MAX_HEADER)}}]
    if shared_by:
        blocks.append(_context([texts.SHARED_BY.format(user=f"<@{shared_by}>")]))
    if b.checked:
        blocks.append(_context([f"🔁 _{escape(b.checked)}_"]))
    lines = [escape(b.why)] if b.why else []
    if b.flagged:
        lines.append(f"_{escape(b.flagged_label)}_ {escape(b.quoted())}")
    if b.todo:
        lines.append(f"*{escape(b.todo_label)}* {escape(b.todo)}")
    if lines:
        blocks.append(_section("\n".join(lines)))
    blocks.append(_context([f"_{escape(b.guidance)}_"]))
    actions: list[dict] = []
    if details:
        actions.append(_button(DETAILS_ACTION, texts.SLACK_DETAILS_BUTTON, details))
        if answer.without_flagged:
            actions.append(_button(WITHOUT_ACTION, texts.WITHOUT_BUTTON, details))
    return {"text": fallback_text(answer), "blocks": blocks + _actions(actions, share_key, feedback)}


def without_message(answer: Answer) -> dict:
    """"Check without it": the verdict of the draft without its flagged sentences and, when that may be
    posted, the rest of the draft to copy."""
    rest = answer.without_flagged or {}
    verdict = Verdict(rest.get("verdict", Verdict.unclear.value))
    which = texts.WITHOUT_SENTENCES if len(answer.flagged) > 1 else texts.WITHOUT_SENTENCE
    head = mrkdwn(Say(texts.WITHOUT_CHECKED, {"sentences": which, "marker": VERDICT_MARKERS[verdict],
                                              "label": verdict_label(verdict, answer.language)}))
    blocks = [_section(head)]
    if without_is_permissive(answer):
        blocks.append(_section(escape(texts.WITHOUT_COPY) + "\n" + code_block(str(rest.get("text", "")),
                                                                              MAX_SECTION - 100)))
    else:
        blocks.append(_section(escape(texts.WITHOUT_STILL)))
    blocks.append(_context([f"_{escape(texts.GUIDANCE)}_"]))
    return {"text": clip(head, MAX_FALLBACK), "blocks": blocks}


def _button(action_id: str, label: str, value: str, style: str | None = None) -> dict:
    button = {"type": "button", "action_id": action_id, "value": value[:MAX_BUTTON_VALUE],
              "text": {"type": "plain_text", "emoji": True, "text": label}}
    if style:
        button["style"] = style
    return button


def _actions(first: list[dict], share_key: str | None, feedback: str | None) -> list[dict]:
    """The answer's buttons: `first`, then "Share in channel", then feedback; in one actions block."""
    actions = list(first)
    if share_key:
        actions.append(_button(SHARE_ACTION, texts.SLACK_SHARE_BUTTON, share_key, "primary"))
    if feedback:
        actions += [_button(FEEDBACK_PREFIX + kind, label, feedback) for kind, label in texts.FEEDBACK_BUTTONS.items()]
    return [{"type": "actions", "block_id": "niyam_answer_actions", "elements": actions}] if actions else []


def _status(status: str) -> str:
    return texts.STATUS_LABELS.get(status, status.replace("_", " "))


def _source(source: str) -> str:
    return texts.SOURCE_OFFICIAL if source == "official" else texts.SOURCE_DIGEST


def rule_message(view: RuleView) -> dict:
    """`/niyam rule REF`: the rule's digest and, where indexed, its official text (as Telegram's /rule)."""
    head = f"*{_link(view.url, escape(clip(view.ref, MAX_TITLE)))}* {escape(clip(view.title, MAX_TITLE))}"
    blocks = [_section(head), _context([escape(f"{view.document_title} · {_status(view.status)} · "
                                               f"{_source(view.source)}")])]
    if view.text.strip():
        blocks += _paragraph_sections(texts.IN_SHORT, view.text, quote=False)
    if view.official_text and view.official_text.strip():
        blocks += _paragraph_sections(texts.OFFICIAL_TEXT, view.official_text, quote=True)
    else:
        blocks.append(_context([f"_{escape(texts.NO_OFFICIAL_TEXT)}_"]))
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [_context(["Shortened to fit in Slack."])]
    return {"text": clip(escape(f"{view.ref} {view.title}"), MAX_FALLBACK), "blocks": blocks}


def _paragraph_sections(title: str, text: str, *, quote: bool) -> list[dict]:
    """`*title*` and the text's paragraphs (quoted when `quote`), packed into sections of Slack's size."""
    out: list[str] = []
    current = f"*{escape(title)}*"
    for para in (p.strip() for p in text.strip().split("\n")):
        if not para:
            continue
        piece = "\n".join(f">{escape(line)}" for line in clip(para, MAX_SECTION - 200).splitlines()) if quote \
            else escape(clip(para, MAX_SECTION - 200))
        if len(current) + len(piece) + 1 > MAX_SECTION - 60:
            out.append(current)
            current = piece
        else:
            current += "\n" + piece
    out.append(current)
    return [_section(t) for t in out[: MAX_BLOCKS - 5]]


def sources_message(sources: list[SourceInfo]) -> dict:
    """`/niyam sources`: the indexed documents with kind, status, date and source (as Telegram's /sources)."""
    if not sources:
        return notice_message(escape(texts.NO_SOURCES))
    lines = []
    for s in sources:
        line = f"• *{escape(clip(s.title, MAX_TITLE))}* `{escape(s.id)}`\n   {escape(s.kind)} · {escape(_status(s.status))} · "
        line += f"{escape(s.date or texts.DATE_UNKNOWN)} · {escape(_source(s.source))}"
        if s.url:
            line += " · " + _link(s.url, "link")
        lines.append(line)
    return {"text": f"{texts.INDEXED_DOCUMENTS} ({len(sources)})",
            "blocks": _bullet_blocks(f"{escape(texts.INDEXED_DOCUMENTS)} ({len(sources)})", lines)}


def _bullet_blocks(title: str, lines: list[str]) -> list[dict]:
    """`*title*` and pre-rendered lines packed into as few sections as fit; what does not fit is counted."""
    sections: list[str] = []
    current = f"*{title}*"
    for i, line in enumerate(lines):
        if len(current) + len(line) + 1 > MAX_SECTION - 60:
            if len(sections) + 2 >= MAX_BLOCKS:
                current += f"\n_{texts.MORE_NOT_SHOWN.format(n=len(lines) - i)}_"
                break
            sections.append(current)
            current = line
        else:
            current += "\n" + line
    sections.append(current)
    return [_section(s) for s in sections]


def notice_message(text: str) -> dict:
    """A short note (help, refusal, rate limit) as text and a single section."""
    return {"text": clip(text, MAX_FALLBACK), "blocks": [_section(text)]}


def code_block(text: str, limit: int = MAX_SECTION) -> str:
    """`text` escaped in a ``` block of at most `limit` characters, clipped with "…" when longer."""
    text = text.strip().replace("```", "'''")  # a fence inside would end the block early
    room = limit - 6
    budget = room
    while True:
        body = escape(clip(text, budget))
        if len(body) <= room:
            return f"```{body}```"
        budget -= len(body) - room  # escaping made it longer: clip the raw text further


def index_preview_message(preview: Say, token: str) -> dict:
    """The chat core's preview of a shared file, with "Index it" and "Cancel" buttons that carry `token`."""
    return {"text": clip(mrkdwn(preview).split("\n", 1)[0], MAX_FALLBACK), "blocks": [
        _section(mrkdwn(preview)),
        {"type": "actions", "block_id": "niyam_index_actions", "elements": [
            {"type": "button", "action_id": INDEX_CONFIRM, "style": "primary", "value": token,
             "text": {"type": "plain_text", "text": spoken(texts.INDEX_BUTTON)}},
            {"type": "button", "action_id": INDEX_CANCEL, "value": token,
             "text": {"type": "plain_text", "text": spoken(texts.CANCEL_BUTTON)}},
        ]},
    ]}
