"""Charts are real PNG images drawn from the shown values only."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from bot.admin.charts import BLUE, bar_chart, day_chart, report_charts


def pixels_of(png: bytes, hex_color: str, tolerance: int = 12) -> int:
    target = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)])
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return int((np.abs(image - target) <= tolerance).all(axis=2).sum())


def test_a_bar_chart_shows_its_bars() -> None:
    png = bar_chart({"en": 40, "pl": 12}, color=BLUE)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert pixels_of(png, BLUE) > 2000


def test_a_hidden_count_draws_no_bar() -> None:
    assert pixels_of(bar_chart({"pl": "<5", "uk": "<5"}, color=BLUE), BLUE) == 0


def test_the_day_chart_and_which_charts_a_report_gets() -> None:
    png = day_chart({"questions": {"2026-03-01": 9, "2026-03-02": "<5"}, "no answer": {"2026-03-01": 5}})
    assert pixels_of(png, BLUE) > 500
    report = {
        "per_day": {"2026-03-01": 9},
        "no_match_per_day": {"2026-03-01": "<5"},
        "by_language": {"en": 9},
        "by_issue": {},
        "crisis": {},
        "most_down": [],
    }
    assert [c.name for c in report_charts(report)] == ["per-day", "by-language"]
