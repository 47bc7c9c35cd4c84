"""Charts of the insights report as PNG images (matplotlib's Agg renderer: no display, no pyplot state, so charts
can be drawn in a worker thread). They are drawn from the report's shown values: a count hidden as "<5" is a
labelled empty bar, never its true height."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.admin.insights import HIDDEN, TOP, Shown

BLUE = "#2b6cb0"  # questions
ORANGE = "#dd6b20"  # no answer, 👎
RED = "#c53030"  # crisis
GREEN = "#2f855a"  # languages
DPI = 100


@dataclass(frozen=True)
class Chart:
    name: str  # file-name friendly
    title: str
    png: bytes


def report_charts(report: Mapping[str, Any]) -> list[Chart]:
    """Every chart worth drawing for this report (the per-day chart always; the others when they have data)."""
    charts = [
        Chart(
            "per-day",
            "Questions and questions without an answer, per day",
            day_chart(
                {"questions": report["per_day"], "no answer": report["no_match_per_day"]},
                colors=(BLUE, ORANGE),
            ),
        )
    ]
    optional = (
        ("by-language", "Questions per language", report["by_language"], GREEN, False),
        ("by-topic", "Most asked topics", dict(list(report["by_issue"].items())[:TOP]), BLUE, True),
        ("crisis", "Crisis replies per kind", report["crisis"], RED, False),
        ("most-down", "Topics with the most 👎", {r["issue"]: r["down"] for r in report["most_down"]}, ORANGE, True),
    )
    for name, title, values, color, horizontal in optional:
        if values:
            charts.append(Chart(name, title, bar_chart(values, color=color, horizontal=horizontal)))
    return charts


def bar_chart(values: Mapping[str, Shown], *, color: str = BLUE, horizontal: bool = False) -> bytes:
    labels = list(values)
    heights = [_height(v) for v in values.values()]
    fig = _figure(max(4.0, 0.35 * len(labels) + 1.5) if horizontal else 4.0)
    ax = fig.add_subplot()
    if horizontal:
        bars = ax.barh(labels[::-1], heights[::-1], color=color)
        ax.bar_label(bars, labels=[_label(v) for v in list(values.values())[::-1]], padding=3)
        ax.set_xlim(0, max([*heights, 1]) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        bars = ax.bar(labels, heights, color=color)
        ax.bar_label(bars, labels=[_label(v) for v in values.values()], padding=2)
        ax.set_ylim(0, max([*heights, 1]) * 1.15)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if len(labels) > 8:
            ax.tick_params(axis="x", labelrotation=45)
    _tidy(ax)
    return _png(fig)


def day_chart(series: Mapping[str, Mapping[str, Shown]], colors: tuple[str, ...] = (BLUE, ORANGE)) -> bytes:
    """Grouped bars per day, one colour per series; days labelled MM-DD."""
    names = list(series)
    days = list(next(iter(series.values()))) if series else []
    width = 0.8 / max(len(names), 1)
    fig = _figure(4.0, wide=max(8.0, 0.3 * len(days) * len(names) + 2))
    ax = fig.add_subplot()
    top = 1
    for n, name in enumerate(names):
        values = [series[name].get(day, 0) for day in days]
        heights = [_height(v) for v in values]
        top = max([top, *heights])
        positions = [i + (n - (len(names) - 1) / 2) * width for i in range(len(days))]
        bars = ax.bar(positions, heights, width, label=name, color=colors[n % len(colors)])
        if len(days) <= 14:
            ax.bar_label(bars, labels=[_label(v) for v in values], padding=2, fontsize=7)
    ax.set_xticks(range(len(days)), [day[5:] for day in days])
    if len(days) > 14:
        ax.tick_params(axis="x", labelrotation=90)
    ax.set_ylim(0, top * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", frameon=False)
    ax.text(1.0, 1.02, 'counts under 5 shown as "<5"', transform=ax.transAxes, ha="right", fontsize=7, color="#555")
    _tidy(ax)
    return _png(fig)


def _height(value: Shown) -> int:
    return 0 if value == HIDDEN or not isinstance(value, int) else value


def _label(value: Shown) -> str:
    return str(value) if value else ""


def _figure(height: float, wide: float = 8.0) -> Figure:
    fig = Figure(figsize=(wide, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _tidy(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
