"""The insights report as one self-contained HTML file: charts embedded as PNG data, tables beside them, no
script and nothing fetched, so it opens in any browser and can be mailed or archived."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from bot.admin.charts import Chart

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
padding:0 1rem;color:#1a202c;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e2e8f0}
figure{margin:1rem 0}img{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#4a5568}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .8rem;border-bottom:1px solid #e2e8f0;
text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}.note{color:#4a5568;font-size:.9rem}
"""


def render_html(report: Mapping[str, Any], charts: Sequence[Chart]) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Insights {escape(report['since'])} to {escape(report['until'])}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>What people asked, {escape(report['since'])} to {escape(report['until'])}</h1>",
        '<p class="note">Anonymous counts; any count under 5 is shown as "&lt;5".</p>',
        _table(
            "Overview",
            {
                "days": report["days"],
                "questions": report["questions"],
                "without an answer": report["no_match"],
                "no-answer rate": f"{report['no_match_rate']:.0%}" if report["no_match_rate"] is not None else "–",
            },
        ),
    ]
    for chart in charts:
        data = base64.b64encode(chart.png).decode("ascii")
        parts.append(
            f'<figure id="chart-{escape(chart.name)}"><img alt="{escape(chart.title)}" '
            f'src="data:image/png;base64,{data}"><figcaption>{escape(chart.title)}</figcaption></figure>'
        )
    parts.append(_table("Questions per language", report["by_language"]))
    parts.append(_table("Questions per topic", report["by_issue"]))
    parts.append(_table("Crisis replies per kind", report["crisis"]))
    feedback = {issue: f"👍 {v['up']} · 👎 {v['down']}" for issue, v in report["feedback"].items()}
    parts.append(_table("Feedback per topic", feedback))
    unanswered = report["unanswered"]
    parts.append("<h2>Questions without an answer</h2>")
    if not unanswered["log_on"]:
        parts.append('<p class="note">The log of question texts is off (UNANSWERED_LOG_DAYS).</p>')
    elif unanswered["groups"]:
        rows = "".join(
            f'<tr><td class="n">{escape(str(g["count"]))}</td><td>{escape(g["lang"])}</td>'
            f"<td>{escape(g['text'])}</td></tr>"
            for g in unanswered["groups"]
        )
        parts.append(f"<table><tr><th>asked</th><th>lang</th><th>question</th></tr>{rows}</table>")
    else:
        parts.append('<p class="note">None.</p>')
    translations = {
        lang: f"UI {row['ui']:.0%}, knowledge {row['knowledge']:.0%}, outdated {row['outdated']}, "
        f"unreviewed {row['unreviewed']}"
        for lang, row in report["translations"].items()
    }
    parts.append(_table("Translations", translations))
    unverified = report["unverified"]
    parts.append("<h2>Not yet verified</h2>")
    for what in ("contacts", "services"):
        ids = unverified[what]
        parts.append(f"<p><b>{len(ids)} {what}</b>: {escape(', '.join(ids)) or 'none'}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _table(title: str, rows: Mapping[str, Any]) -> str:
    if not rows:
        return f'<h2>{escape(title)}</h2><p class="note">None.</p>'
    body = "".join(f'<tr><td>{escape(str(k))}</td><td class="n">{escape(str(v))}</td></tr>' for k, v in rows.items())
    return f"<h2>{escape(title)}</h2><table>{body}</table>"
