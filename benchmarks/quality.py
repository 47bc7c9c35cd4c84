"""Matching quality on a labelled question set, broken down by language, style and crisis kind.

    .venv/bin/python benchmarks/quality.py SET.jsonl [SET2.jsonl ...] [--misses] [--json]

Each line: {"id", "text", "lang_expected", "crisis": bool, "expect": issue id | null} and optionally "style",
"crisis_kind", "form" (how a crisis is put: plain, indirect, report-other ...), "role" ("staff" | "migrant"), and
"kind" ("ordinary" | "crisis" | "trap" | "offtopic"; a look-alike trap may instead have the style "trap").
Prints the overall figures (top1, top3, off-topic rejected, crisis recall, any danger line, false alarms on ordinary
questions, on off-topic chat and on look-alike traps, reply language) and the same per language, per style, per
crisis kind and per crisis form: each as a rate with its count (`0.976(164/168)`), so that a rate just under a
bound is not rounded over it. The fp_ figures are the share NOT alarmed (1 - the false-alarm rate).
`--misses` lists every miss (for dev sets only: never study a blind set's misses).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.kb import load_knowledge  # noqa: E402
from bot.match import build_matcher  # noqa: E402


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, metric: str, ok: bool) -> None:
        cell = self.counts[metric]
        cell[0] += int(ok)
        cell[1] += 1

    def rate(self, metric: str) -> float | None:
        ok, n = self.counts.get(metric, (0, 0))
        return ok / n if n else None

    def line(self, metrics: tuple[str, ...]) -> str:
        parts = []
        for m in metrics:
            ok, n = self.counts.get(m, (0, 0))
            if n:
                parts.append(f"{m}={ok / n:.3f}({ok}/{n})")
        return " ".join(parts)


METRICS = ("top1", "top3", "oos", "crisis", "danger", "fp_plain", "fp_chat", "fp_trap", "lang")


def evaluate(matcher: Any, cases: list[dict[str, Any]], misses: list[str]) -> dict[str, Tally]:
    groups: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        case.setdefault("lang_expected", case.get("lang"))
        result = matcher.match(case["text"])
        issues = [m.issue for m in result.matches]
        crisis = result.crisis is not None
        danger = getattr(result, "danger", None) or ("crisis" if crisis else None)
        keys = ["all", f"lang:{case.get('lang_expected')}", f"style:{case.get('style', '-')}"]
        if case.get("crisis_kind"):
            keys.append(f"kind:{case['crisis_kind']}")
        if case.get("form"):
            keys.append(f"form:{case['form']}")
        tallies = [groups[k] for k in keys]

        def add(metric: str, ok: bool, why: str, tallies: list[Tally] = tallies, case: dict[str, Any] = case) -> None:
            for t in tallies:
                t.add(metric, ok)
            if not ok:
                misses.append(f"{case['id']}\t{metric}\t{why}\t{case['text']}")

        if case.get("crisis"):
            add("crisis", crisis, f"not flagged (danger={danger})")
            add("danger", danger is not None, "no danger line")
        else:
            trap = case.get("style") == "trap" or case.get("kind") == "trap"
            metric = "fp_trap" if trap else "fp_plain" if case.get("expect") else "fp_chat"
            add(metric, not crisis, "false alarm")
            if case.get("expect"):
                add(
                    "top1", bool(issues) and issues[0] == case["expect"], f"expected {case['expect']}, got {issues[:3]}"
                )
                add("top3", case["expect"] in issues[:3], f"expected {case['expect']}, got {issues[:3]}")
            else:
                add("oos", not issues, f"off-topic, got {issues[:3]}")
        if case.get("lang_expected") and len(case["text"].split()) >= 3:
            add("lang", result.lang == case["lang_expected"], f"language {result.lang}")
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    matcher = build_matcher(load_knowledge(ROOT / "knowledge"))
    print(f"start-up {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    for path in args.sets:
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        misses: list[str] = []
        t0 = time.perf_counter()
        groups = evaluate(matcher, cases, misses)
        elapsed = time.perf_counter() - t0
        if args.json:
            print(json.dumps({k: {m: t.rate(m) for m in METRICS} for k, t in sorted(groups.items())}))
            continue
        print(f"== {path.name}: {len(cases)} cases, {elapsed / max(len(cases), 1) * 1000:.1f} ms each")
        print("all      ", groups["all"].line(METRICS))
        for prefix in ("lang:", "style:", "kind:", "form:"):
            for key in sorted(k for k in groups if k.startswith(prefix)):
                print(f"{key:<22}", groups[key].line(METRICS))
        if args.misses:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
