"""The HTML report is one self-contained file, and a real browser (headless Chromium) draws it with its charts."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bot.admin.charts import BLUE, GREEN, report_charts
from bot.admin.insights import insights_report
from bot.admin.report_html import render_html
from bot.kb import KnowledgeBase
from tests.admin.test_charts import pixels_of
from tests.admin.test_insights import sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def report_file(kb: KnowledgeBase, folder: Path) -> tuple[Path, str]:
    report = insights_report(sample(), kb, {"pl": {"ui": 1.0, "knowledge": 0.9, "outdated": 3, "unreviewed": 40}}, 7)
    html = render_html(report, report_charts(report))
    path = folder / "insights.html"
    path.write_text(html, encoding="utf-8")
    return path, html


def test_the_report_needs_nothing_but_itself(kb: KnowledgeBase, tmp_path: Path) -> None:
    _, html = report_file(kb, tmp_path)
    assert "<script" not in html and not re.search(r"""(src|href)=["']https?:""", html)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 5  # per day, language, topic, crisis kind, most 👎
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data in images)
    assert "&lt;5" in html and "bike" in html and "samaritans" in html


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed here (apt-get install chromium; CI installs it in .ci/run)",
)
def test_the_report_renders_with_its_charts_in_headless_chromium(kb: KnowledgeBase, tmp_path: Path) -> None:
    assert CHROMIUM is not None, "CI must install chromium (.ci/run)"
    path, _ = report_file(kb, tmp_path)
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,2600",
            f"--screenshot={shot}",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.is_file(), result.stderr[-2000:]
    png = shot.read_bytes()
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    assert (pixels < 250).mean() > 0.02, "the page is blank"
    # the charts' own colours are on screen: the embedded images were decoded and drawn, not broken icons
    assert pixels_of(png, BLUE) > 3000 and pixels_of(png, GREEN) > 1000
