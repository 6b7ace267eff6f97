"""The terminal adapter: a readable rich rendering of an Answer, and a chat loop."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from bot.answer import Answer
from chat import texts
from chat.brief import without_is_permissive
from knowledge.model import Verdict

STYLE = {
    Verdict.allowed: "green",
    Verdict.allowed_with_care: "yellow",
    Verdict.needs_sanction: "cyan",
    Verdict.not_allowed: "red",
    Verdict.unclear: "magenta",
    Verdict.out_of_scope: "blue",
}


def render(answer: Answer) -> Panel:
    """The complete answer (the terminal has room: no details behind a button), in the words every renderer
    uses (chat/texts.py)."""
    parts: list = [Text(answer.summary + "\n", style="bold")]
    if answer.reasons:
        parts.append(Text(texts.WHY, style="bold underline"))
        parts += [Text(f" • {r}") for r in answer.reasons]
    if answer.citations:
        parts.append(Text("\n" + texts.RULES_CITED, style="bold underline"))
        for c in answer.citations:
            notes = [texts.SOURCE_OFFICIAL if c.source == "official" else texts.SOURCE_DIGEST]
            if c.status != "in_force":
                notes.insert(0, texts.STATUS_LABELS.get(c.status, c.status.replace("_", " ")))
            line = Text(" ")
            line.append(c.shown_ref, style="bold")
            line.append(f" {c.title} ")
            line.append(f"({'; '.join(notes)})", style="dim")
            parts.append(line)
            if c.excerpt.strip():
                parts.append(Text(f"   “{c.excerpt.strip()}”", style="italic"))
            if c.url:
                parts.append(Text(f"   {c.url}", style="dim"))
    if answer.suggestions:
        parts.append(Text("\n" + texts.WHAT_YOU_CAN_DO, style="bold underline"))
        parts += [Text(f" • {s}") for s in answer.suggestions]
    rest = answer.without_flagged or {}
    if rest.get("text") and without_is_permissive(answer):
        parts.append(Text("\n" + texts.WITHOUT_HEADING, style="bold underline"))
        parts.append(Text(f" {texts.WITHOUT_COPY}"))
        parts.append(Text(f"   {rest['text']}", style="green"))
    if answer.caveats:
        parts.append(Text("\n" + texts.KEEP_IN_MIND, style="bold underline"))
        parts += [Text(f" ! {c}", style="yellow") for c in answer.caveats]
    parts.append(Text("\n" + texts.GUIDANCE, style="dim italic"))
    title = f"{answer.marker} {answer.label} · {texts.RULEBOOK_LINE.format(code=answer.service, name=texts.RULEBOOK_NAMES.get(answer.service, answer.service))}"
    return Panel(Group(*parts), title=escape(title), title_align="left", border_style=STYLE[answer.verdict])


def chat(service, ask_service: str, console: Console | None = None) -> None:
    """A terminal conversation; `/service CCS` switches rulebooks, `/quit` or Ctrl-D ends it."""
    console = console or Console()
    console.print(f"Niyam · {ask_service} · paste a draft or ask a question; /service AIS|CCS to switch, /quit to end.")
    while True:
        try:
            line = console.input("[bold]> [/bold]")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit"):
            return
        if line.startswith("/service"):
            arg = line.split(maxsplit=1)[1].strip().upper() if " " in line else ""
            if arg in ("AIS", "CCS"):
                ask_service = arg
                console.print(f"Rulebook: {ask_service}")
            else:
                console.print("Usage: /service AIS|CCS")
            continue
        console.print(render(service.ask(line, ask_service)))
