"""The fields that make an issue answer the person asking: the staff answer (with who wrote it), the dated note
on a rule of 2008 that has changed, and for a staff-only issue the migrant-facing issue offered instead.

A staff answer is a few short lines, each starting "- ", small enough to read on a phone in a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.kb.checker import Checker
from bot.kb.yamlfile import YMap

STAFF_ANSWER_MAX_CHARS = 450
STAFF_ANSWER_LINES = range(1, 8)  # 1 to 7 bullet lines
BULLET = "- "
ANSWER_FIELDS = ("staff_answer", "staff_answer_source", "dated_note", "migrant_alternative")

# (checker, line, issue id) — a migrant_alternative, checked once every issue is read
AlternativeRef = tuple[Checker, int, str]


@dataclass(frozen=True)
class AnswerFields:
    staff_answer: str | None = None
    staff_answer_source: str | None = None
    dated_note: str | None = None
    migrant_alternative: str | None = None


def read_answer_fields(
    checker: Checker, entry: YMap, has_guidance: bool, alternatives: list[AlternativeRef]
) -> AnswerFields:
    """The four fields of an issue block, checked; `migrant_alternative` goes to `alternatives`, checked once every
    issue is read (it must name an issue that has guidance)."""
    answer = checker.text(entry, "staff_answer", required=False)
    source = checker.text(entry, "staff_answer_source", required=False)
    if answer is not None:
        _check_staff_answer(checker, entry.line_of("staff_answer"), answer)
        if source is None and "staff_answer_source" not in entry:
            checker.add(
                entry.line_of("staff_answer"),
                "'staff_answer' needs a 'staff_answer_source' saying who wrote it, e.g. "
                '"added by the project team from general knowledge (2026) — needs verification"',
            )
    elif source is not None and "staff_answer" not in entry:
        checker.add(entry.line_of("staff_answer_source"), "'staff_answer_source' without a 'staff_answer'")
    dated_note = checker.text(entry, "dated_note", required=False)
    if dated_note is not None and "\n" in dated_note:
        checker.add(entry.line_of("dated_note"), "'dated_note' must be one line (one sentence on what changed)")
    alternative = checker.text(entry, "migrant_alternative", required=False)
    if alternative is not None:
        if has_guidance:
            checker.add(
                entry.line_of("migrant_alternative"),
                "'migrant_alternative' is only for an issue without 'guidance': this one has its own",
            )
        else:
            alternatives.append((checker, entry.line_of("migrant_alternative"), alternative))
    elif not has_guidance and "migrant_alternative" not in entry:
        checker.add(
            entry.line,
            "the issue has no 'guidance' for migrants: name the nearest issue that has, as "
            "'migrant_alternative: <issue id>'",
        )
    return AnswerFields(answer, source, dated_note, alternative)


def _check_staff_answer(checker: Checker, line: int, answer: str) -> None:
    lines = answer.splitlines()
    if len(answer) > STAFF_ANSWER_MAX_CHARS:
        checker.add(
            line,
            f"'staff_answer' is {len(answer)} characters: keep it to {STAFF_ANSWER_MAX_CHARS} (a quick answer; the "
            "actions follow it on the card)",
        )
    if len(lines) not in STAFF_ANSWER_LINES:
        checker.add(line, f"'staff_answer' has {len(lines)} lines: give 1 to {STAFF_ANSWER_LINES[-1]} short lines")
    for n, text in enumerate(lines, start=1):
        if not text.startswith(BULLET) or not text[len(BULLET) :].strip():
            checker.add(
                line,
                f"line {n} of 'staff_answer' does not start with '- ' and a text: write it as a block "
                "('staff_answer: |-', then one '- ' line each)",
            )
            break


def check_alternatives(alternatives: list[AlternativeRef], guidance: dict[str, bool], issue_files: set[str]) -> None:
    """Each `migrant_alternative` names an issue that exists and has guidance for migrants. `guidance`: for each
    issue loaded, whether it has guidance; `issue_files`: the ids of every issue file, loaded or not (a file with
    its own mistake is reported once, not again here)."""
    for checker, line, target in alternatives:
        if target not in issue_files and target not in guidance:
            checker.add(line, f"migrant_alternative '{target}' is not an issue id (the issue files are in issues/)")
        elif guidance.get(target) is False:
            checker.add(line, f"migrant_alternative '{target}' has no 'guidance' for migrants: name one that has")
