"""The report: what officers ask about, without what they asked. Drawn from the counts chat/stats.py keeps as the
service answers (never from question text): questions per week, verdicts, concerns, rulebooks, the share of
answers citing a rule that were marked "wrong rule", and quiz answers right per concern.

`report_html` is the page `niyam report` writes (each chart an embedded PNG with the numbers in its alt text and
in a table beside it); `report_png` is the same charts in one picture for admins in chat. Charts are matplotlib's
(the object API and the Agg canvas, no pyplot state, so chat threads may draw at the same time).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from matplotlib.figure import Figure

from bot.answer import VERDICT_LABELS
from chat import texts
from chat.stats import StatsStore
from knowledge.model import Verdict

COLOR = "#1f5fa8"  # one colour for every bar: the numbers, not the palette, carry the meaning
MAX_BARS = 12

Row = tuple[str, float, str]  # label, value drawn, the value as the table and alt text say it


@dataclass
class ReportData:
    since: dt.date | None
    charts: dict[str, list[Row]] = field(default_factory=dict)
    headers: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.charts.values())


def _concern(key: str) -> str:
    return "no rule cited" if key == "none" else key.replace("_", " ")


def _verdict(key: str) -> str:
    try:
        return VERDICT_LABELS[Verdict(key)]
    except ValueError:
        return key


def gather(store: StatsStore, since: dt.date | None = None) -> ReportData:
    """The counts since `since` (inclusive), shaped into the report's charts."""
    by: dict[str, Counter[str]] = defaultdict(Counter)
    weeks: Counter[dt.date] = Counter()
    for row in store.counts(since):
        by[row.kind][row.key] += row.n
        if row.kind == "questions":
            weeks[row.day - dt.timedelta(days=row.day.weekday())] += row.n
    data = ReportData(since)
    data.charts["weeks"] = [(f"{w:%d %b %Y}", float(n), str(n)) for w, n in sorted(weeks.items())][-MAX_BARS * 2:]
    data.headers["weeks"] = ("week from", "questions")
    data.charts["verdicts"] = [(_verdict(k), float(n), str(n)) for k, n in by["verdict"].most_common()]
    data.headers["verdicts"] = ("verdict", "answers")
    data.charts["concerns"] = [(_concern(k), float(n), str(n)) for k, n in by["concern"].most_common(MAX_BARS)]
    data.headers["concerns"] = ("concern", "answers")
    data.charts["rulebooks"] = [(k, float(n), str(n)) for k, n in by["rulebook"].most_common()]
    data.headers["rulebooks"] = ("rulebook", "answers")
    wrong = []
    for rule, cited in by["cited"].items():
        n = by["wrong_rule"][rule]
        if n:
            wrong.append((rule, 100.0 * n / cited, f"{n} of {cited} ({100.0 * n / cited:.0f}%)"))
    for rule, n in by["wrong_rule"].items():  # marked, though its citing answers were counted before `since`
        if rule not in by["cited"]:
            wrong.append((rule, 100.0, f"{n} of {n} (100%)"))
    data.charts["wrong_rule"] = sorted(wrong, key=lambda r: (-r[1], r[0]))[:MAX_BARS]
    data.headers["wrong_rule"] = ("rule", "marked wrong / cited")
    quiz = [(_concern(c), 100.0 * by["quiz_right"][c] / n, f"{by['quiz_right'][c]} of {n} ({100.0 * by['quiz_right'][c] / n:.0f}%)")
            for c, n in by["quiz_asked"].items() if n]
    data.charts["quiz"] = sorted(quiz, key=lambda r: (r[1], r[0]))[:MAX_BARS]
    data.headers["quiz"] = ("concern", "right / answered")
    return data


def _draw(ax, name: str, rows: list[Row], *, title: bool = True) -> None:
    if title:  # the page has its own headings; the one picture for chat needs them on the charts
        ax.set_title(texts.REPORT_CHARTS[name], fontsize=11, loc="left")
    if not rows:
        ax.text(0.5, 0.5, "no data yet", ha="center", va="center", color="#777777", transform=ax.transAxes)
        ax.set_axis_off()
        return
    labels = [r[0] for r in rows]
    values = [r[1] for r in rows]
    if name in ("weeks", "rulebooks"):  # a time series and a two-way split read best upright
        bars = ax.bar(range(len(rows)), values, color=COLOR)
        ax.set_xticks(range(len(rows)), labels, rotation=45 if name == "weeks" else 0, ha="right" if name == "weeks" else "center", fontsize=8)
    else:
        bars = ax.barh(range(len(rows)), values, color=COLOR)
        ax.set_yticks(range(len(rows)), labels, fontsize=8)
        ax.invert_yaxis()
        if name in ("wrong_rule", "quiz"):
            ax.set_xlim(0, 100)
            ax.set_xlabel("%", fontsize=8)
    ax.bar_label(bars, labels=[r[2] for r in rows], fontsize=7, padding=2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=110, bbox_inches="tight")
    return out.getvalue()


def chart_png(name: str, rows: list[Row]) -> bytes:
    fig = Figure(figsize=(7.5, 0.9 + 0.32 * max(len(rows), 4)), layout="constrained")
    _draw(fig.add_subplot(), name, rows, title=False)
    return _png(fig)


def report_png(store: StatsStore, since: dt.date | None = None) -> bytes:
    """All the charts in one picture (2 x 3), for admins in chat."""
    data = gather(store, since)
    fig = Figure(figsize=(15, 11), layout="constrained")
    fig.suptitle(texts.REPORT_TITLE + (f" (since {since:%d %b %Y})" if since else ""), fontsize=14)
    for i, name in enumerate(texts.REPORT_CHARTS):
        _draw(fig.add_subplot(3, 2, i + 1), name, data.charts.get(name, []))
    return _png(fig)


def report_html(store: StatsStore, since: dt.date | None = None, *, now: dt.datetime | None = None) -> str:
    """A self-contained page: each chart an embedded PNG whose alt text and table carry its numbers."""
    data = gather(store, since)
    now = now or dt.datetime.now(dt.timezone.utc)
    esc = html.escape
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(texts.REPORT_TITLE)}</title>",
        "<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
        "figure{margin:0 0 2.5em}img{max-width:100%}table{border-collapse:collapse;font-size:.9em}"
        "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}td.n{text-align:right}</style>",
        "</head><body>",
        f"<h1>{esc(texts.REPORT_TITLE)}</h1>",
        f'<p class="period">{"Since " + esc(f"{since:%d %B %Y}") if since else "All counts"} · made '
        f"{esc(f'{now:%d %B %Y %H:%M} UTC')}</p>",
        f"<p>{esc(texts.REPORT_NOTE)}</p>",
    ]
    for name, title in texts.REPORT_CHARTS.items():
        rows = data.charts.get(name, [])
        alt = f"{title}: " + ("; ".join(f"{r[0]} {r[2]}" for r in rows) if rows else "no data yet")
        src = "data:image/png;base64," + base64.b64encode(chart_png(name, rows)).decode("ascii")
        head = data.headers.get(name, ("", ""))
        table = "".join(f'<tr><td>{esc(r[0])}</td><td class="n">{esc(r[2])}</td></tr>' for r in rows)
        parts += [f'<figure id="{name}"><h2>{esc(title)}</h2>',
                  f'<img src="{src}" alt="{esc(alt)}">',
                  f'<table data-chart="{name}"><tr><th>{esc(head[0])}</th><th>{esc(head[1])}</th></tr>{table}</table>',
                  "</figure>"]
    parts.append("</body></html>")
    return "\n".join(parts)
