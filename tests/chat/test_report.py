"""`niyam report` from a known set of counts, rendered by headless Chromium (Debian's `chromium` package): the
charts are there, drawn, and carry the counts; `--since` leaves out older days; bad input is one line, exit 2."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from matplotlib.image import imread

from chat.stats import StatsStore

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = Path("/tmp/niyam-report-screenshot.png")  # kept for a person to look at
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]

UTC = dt.timezone.utc
OLD = dt.datetime(2026, 10, 20, 9, tzinfo=UTC)  # before --since: must not show
WEEK1 = dt.datetime(2026, 11, 3, 9, tzinfo=UTC)  # Tuesday of the week from 2 Nov
WEEK2 = dt.datetime(2026, 11, 11, 9, tzinfo=UTC)  # Wednesday of the week from 9 Nov


def answers(store: StatsStore, when: dt.datetime, n: int, *, verdict: str, concern: str, rulebook: str,
            rule: str) -> None:
    for _ in range(n):
        store.bump([("questions", "telegram"), ("verdict", verdict), ("concern", concern), ("rulebook", rulebook),
                    ("cited", rule)], when)


@pytest.fixture
def counted(tmp_path) -> Path:
    store = StatsStore.in_data_dir(tmp_path)
    answers(store, OLD, 9, verdict="allowed", concern="fundraising", rulebook="CCS", rule="CCS 12")
    answers(store, WEEK1, 7, verdict="not_allowed", concern="criticism_of_policy", rulebook="AIS", rule="AIS 7")
    answers(store, WEEK1, 3, verdict="allowed", concern="general_conduct", rulebook="AIS", rule="AIS 3")
    answers(store, WEEK2, 5, verdict="needs_sanction", concern="media_publication", rulebook="CCS", rule="CCS 8")
    for _ in range(2):
        store.bump([("feedback", "wrong_rule"), ("wrong_rule", "AIS 7")], WEEK2)
    for right in (True, True, True, False):
        store.bump([("quiz_asked", "political_activity")] + ([("quiz_right", "political_activity")] if right else []),
                   WEEK2)
    store.bump([("quiz_asked", "gifts")], WEEK2)
    store.close()
    return tmp_path


def cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIYAM_")}
    env.update(NIYAM_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "niyam.cli", *args], cwd=data_dir, env=env, capture_output=True,
                          timeout=120)


class Page(HTMLParser):
    """The images (src, alt) and each chart's table rows, as Chromium's DOM has them."""

    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        elif tag == "table":
            self._table = a.get("data-chart")
            self.tables[self._table or ""] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          timeout=120)


def test_bad_since_is_one_line_and_exit_2(tmp_path):
    result = cli(["report", "--since", "last week"], tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and len(err.strip().splitlines()) == 1 and "--since" in err


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
def test_the_report_renders_in_chromium_with_charts_that_carry_the_counts(counted, tmp_path):
    page = counted / "report.html"
    result = cli(["report", "--since", "2026-11-01", "--out", str(page)], counted)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert "wrote" in result.stdout.decode()

    dom = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr.decode()[-2000:]
    parsed = Page()
    parsed.feed(dom.stdout.decode())
    charts = [i for i in parsed.images if i.get("src", "").startswith("data:image/png;base64,")]
    assert len(charts) == 6
    alts = {a["alt"].split(":")[0]: a["alt"] for a in charts}
    assert set(alts) == {"Questions per week", "Verdicts", "Concerns", "Rulebooks", "“Wrong rule” feedback per rule",
                         "Quiz answers right, per concern"}
    assert alts["Questions per week"] == "Questions per week: 02 Nov 2026 10; 09 Nov 2026 5"
    assert alts["Verdicts"] == "Verdicts: Not allowed 7; Needs prior sanction 5; Allowed 3"
    assert "criticism of policy 7" in alts["Concerns"] and "fundraising" not in alts["Concerns"]  # --since
    assert alts["Rulebooks"] == "Rulebooks: AIS 10; CCS 5"
    assert alts["“Wrong rule” feedback per rule"] == "“Wrong rule” feedback per rule: AIS 7 2 of 7 (29%)"
    assert "gifts 0 of 1 (0%)" in alts["Quiz answers right, per concern"]
    assert "political activity 3 of 4 (75%)" in alts["Quiz answers right, per concern"]
    assert parsed.tables["verdicts"] == [["verdict", "answers"], ["Not allowed", "7"], ["Needs prior sanction", "5"],
                                         ["Allowed", "3"]]
    assert parsed.tables["weeks"][1:] == [["02 Nov 2026", "10"], ["09 Nov 2026", "5"]]

    shot = tmp_path / "report.png"
    taken = chromium([f"--screenshot={shot}", "--window-size=1100,4200", page.as_uri()], tmp_path / "profile-shot")
    assert taken.returncode == 0 and shot.exists(), taken.stderr.decode()[-2000:]
    shutil.copy(shot, SCREENSHOT)
    pixels = imread(shot)[..., :3]
    # the bars are drawn in the report's one colour (#1f5fa8): the pictures decoded and show bars
    bar = (abs(pixels[..., 0] - 0x1f / 255) < 0.03) & (abs(pixels[..., 1] - 0x5f / 255) < 0.03) & \
        (abs(pixels[..., 2] - 0xa8 / 255) < 0.03)
    assert bar.sum() > 20_000, bar.sum()
    assert re.search(r"Niyam: what officers ask about", dom.stdout.decode())
