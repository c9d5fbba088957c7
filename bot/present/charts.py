"""Charts as PNG bytes (matplotlib's Agg canvas, no display, no pyplot): the TAs' stats sheet
and a student's mastery per module.

The images carry their own opaque, light background and dark text, so they read the same in
Discord's dark and light themes; the colours are the Okabe-Ito palette, told apart with common
colour blindness too. Drawing takes a few hundred milliseconds: the Discord bot calls these on
a worker thread. Each call builds its own ``Figure`` (pyplot's global state is never used), so
calls from different threads share nothing.
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.app.stats import CourseStats, ModuleMastery
from bot.i18n import t, tn
from bot.present.stats_text import module_label, period_line

BACKGROUND = "#F6F7F9"
TEXT = "#1F2328"
GRID = "#D0D4DA"
ANSWERED = "#0072B2"  # blue
SUGGESTED = "#E69F00"  # orange
ABSTAINED = "#D55E00"  # vermillion
ACCURACY = "#009E73"  # bluish green
ACTIVITY = "#0072B2"
SEEN = "#B9DCEF"  # a pale blue behind the mastered part
MODULES_SHOWN = 12  # bars per panel: more would not be readable
LABEL_CHARS = 26
DPI = 100


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor=BACKGROUND)
    return buffer.getvalue()


def _style(ax: Axes, title: str, pad: float = 10) -> None:
    ax.set_facecolor(BACKGROUND)
    ax.set_title(title, color=TEXT, fontsize=13, loc="left", pad=pad, fontweight="bold")
    ax.tick_params(colors=TEXT, labelsize=10, length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.set_axisbelow(True)


def _empty(ax: Axes, lang: str) -> None:
    ax.text(0.5, 0.5, t("chart_no_data", lang), ha="center", va="center", color=TEXT,
            fontsize=11, transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _rows_at_most(ax: Axes, rows: int) -> None:
    """Keep a bar as thick as in a panel of a few modules when there are only one or two."""
    ax.set_ylim(rows - 0.5 - max(rows, 5), rows - 0.5)


def _legend_above(ax: Axes) -> None:
    """The legend above the bars, under the title: inside, it would hide the shortest ones."""
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False, fontsize=9,
              labelcolor=TEXT, borderaxespad=0.2, handlelength=1.2, columnspacing=1.2)


def _label(module_id: str | None, title: str, lang: str) -> str:
    text = f"{module_label(module_id, lang)} {title}".strip()
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _questions_panel(ax: Axes, stats: CourseStats, lang: str) -> None:
    _style(ax, t("chart_questions", lang), pad=26)  # room for the legend under it
    # The questions placed in no module are mostly the unanswered ones of every module: as a
    # bar they would dwarf the modules', so they are a note under the axis instead.
    outside = sum(r.total for r in stats.questions if r.module_id is None)
    if outside:
        ax.set_xlabel(tn("chart_outside", outside, lang), color=TEXT, fontsize=10)
    rows = sorted((r for r in stats.questions if r.total and r.module_id is not None),
                  key=lambda r: -r.total)
    rows = rows[:MODULES_SHOWN][::-1]  # the busiest module on top
    if not rows:
        _empty(ax, lang)
        return
    labels = [_label(r.module_id, r.title, lang) for r in rows]
    left = [0] * len(rows)
    for name, colour, values in (
        ("chart_answered", ANSWERED, [r.answered for r in rows]),
        ("chart_suggested", SUGGESTED, [r.suggested for r in rows]),
        ("chart_abstained", ABSTAINED, [r.abstained for r in rows]),
    ):
        ax.barh(labels, values, left=left, color=colour, label=t(name, lang), height=0.7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    _rows_at_most(ax, len(rows))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    _legend_above(ax)


def _accuracy_panel(ax: Axes, stats: CourseStats, lang: str) -> None:
    _style(ax, t("chart_accuracy", lang), pad=26)  # level with the questions panel
    rows = sorted(stats.quiz, key=lambda r: -r.answers)[:MODULES_SHOWN][::-1]
    if not rows:
        _empty(ax, lang)
        return
    labels = [_label(r.module_id, r.title, lang) for r in rows]
    bars = ax.barh(labels, [r.accuracy for r in rows], color=ACCURACY, height=0.7)
    _rows_at_most(ax, len(rows))
    ax.bar_label(bars, labels=[f"{r.accuracy} % ({r.correct}/{r.answers})" for r in rows],
                 padding=4, color=TEXT, fontsize=9)
    ax.set_xlim(0, 130)  # room for the labels after a full bar
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.grid(axis="x", color=GRID, linewidth=0.8)


def _activity_panel(ax: Axes, stats: CourseStats, lang: str) -> None:
    _style(ax, t("chart_activity", lang))
    if not stats.activity or not any(d.students for d in stats.activity):
        _empty(ax, lang)
        return
    days = [d.day for d in stats.activity]
    counts = [d.students for d in stats.activity]
    ax.bar(days, counts, color=ACTIVITY, width=0.8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    # Dates as 07/12: a week or a month fits on the axis without overlapping.
    ax.xaxis.set_major_locator(AutoDateLocator(maxticks=12))
    ax.xaxis.set_major_formatter(DateFormatter("%d/%m"))


def stats_png(stats: CourseStats, lang: str = "fr") -> bytes:
    """The chart sheet: questions per module stacked by outcome, quiz accuracy per module,
    and active students per day, titled with the period."""
    figure = Figure(figsize=(12, 8.5), facecolor=BACKGROUND, layout="constrained")
    figure.suptitle(period_line(stats, lang), color=TEXT, fontsize=15, x=0.01, ha="left")
    grid = figure.add_gridspec(2, 2, height_ratios=(3, 2))
    _questions_panel(figure.add_subplot(grid[0, 0]), stats, lang)
    _accuracy_panel(figure.add_subplot(grid[0, 1]), stats, lang)
    _activity_panel(figure.add_subplot(grid[1, :]), stats, lang)
    return _png(figure)


def mastery_png(mastery: list[ModuleMastery], lang: str = "fr") -> bytes:
    """A student's small chart: per module, the share of its facts they answered right the
    last time (dark), over the share they have answered at all (pale)."""
    rows = mastery[:MODULES_SHOWN][::-1]
    # As tall as its bars need: a bar keeps its thickness whatever the number of modules.
    figure = Figure(figsize=(6, 0.45 * max(len(rows), 1) + 1.3), facecolor=BACKGROUND,
                    layout="constrained")
    ax = figure.add_subplot()
    _style(ax, t("chart_mastery", lang), pad=24)
    if not rows:
        _empty(ax, lang)
        return _png(figure)
    labels = [_label(m.module_id, m.title, lang) for m in rows]

    def share(part: int, m: ModuleMastery) -> float:
        whole = max(m.facts, m.seen)
        return 100 * part / whole if whole else 0

    ax.barh(labels, [share(m.seen, m) for m in rows], color=SEEN, height=0.7,
            label=t("chart_seen", lang))
    bars = ax.barh(labels, [m.percent for m in rows], color=ANSWERED, height=0.7,
                   label=t("chart_mastered", lang))
    _legend_above(ax)
    ax.bar_label(bars, labels=[f"{m.percent} %" for m in rows], padding=4, color=TEXT,
                 fontsize=9)
    ax.set_xlim(0, 115)
    ax.set_xticks([0, 50, 100])
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    return _png(figure)
