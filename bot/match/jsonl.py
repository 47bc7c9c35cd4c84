"""`run_bot.py match --json`: JSON lines in, JSON lines out, as CONTRACT.md fixes it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from bot.match.matcher import Matcher


def match_lines(matcher: Matcher, lines: Iterable[str]) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError:
            yield json.dumps({"id": None, "error": f"line {number}: not a JSON object"})
            continue
        text = request.get("text")
        lang = request.get("lang") if isinstance(request.get("lang"), str) else None
        result = matcher.match(text if isinstance(text, str) else "", lang=lang)
        yield json.dumps(
            {
                "id": request.get("id"),
                "lang": result.lang,
                "crisis": result.crisis is not None,
                "danger": result.danger,
                "matches": [{"issue": m.issue, "score": m.score} for m in result.matches],
            },
            ensure_ascii=False,
        )
