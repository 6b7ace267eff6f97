"""The terminal adapter: a readable rich rendering of an Answer, and a chat loop."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from bot.answer import Answer
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
    parts: list = [Text.from_markup(f"[bold]{escape(answer.summary)}[/bold]\n")]
    if answer.reasons:
        parts.append(Text("Why", style="bold underline"))
        parts += [Text.from_markup(f" • {escape(r)}") for r in answer.reasons]
    if answer.citations:
        parts.append(Text("\nRules cited", style="bold underline"))
        for c in answer.citations:
            flag = "" if c.status == "in_force" else f" [{c.status}]"
            parts.append(Text.from_markup(f" [bold]{escape(c.ref)}[/bold] {escape(c.title)}{escape(flag)} "
                                          f"[dim]({escape(c.source)}, {escape(c.document)})[/dim]"))
            parts.append(Text.from_markup(f"   [italic]“{escape(c.excerpt)}”[/italic]"))
            if c.url:
                parts.append(Text.from_markup(f"   [dim]{escape(c.url)}[/dim]"))
    if answer.suggestions:
        parts.append(Text("\nTo stay compliant", style="bold underline"))
        parts += [Text.from_markup(f" • {escape(s)}") for s in answer.suggestions]
    if answer.caveats:
        parts.append(Text("\nCaveats", style="bold underline"))
        parts += [Text.from_markup(f" ! {escape(c)}", style="yellow") for c in answer.caveats]
    title = f"{answer.marker} {answer.label} · {answer.service}"
    return Panel(Group(*parts), title=title, title_align="left", border_style=STYLE[answer.verdict])


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
