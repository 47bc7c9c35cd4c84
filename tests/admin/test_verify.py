"""`verify` sets one contact's date and changes nothing else in the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.admin.verify import VerifyError, verify_contact
from bot.kb import load_knowledge

DAY = dt.date(2026, 11, 30)


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_only_the_date_line_changes(kb_copy: Path) -> None:
    path = kb_copy / "contacts" / "national-services.yaml"
    before = path.read_text(encoding="utf-8")
    result = verify_contact(kb_copy, "samaritans", DAY, today=DAY)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [("    verified: null\n", "    verified: 2026-11-30\n")]
    assert after.startswith("# Current national UK services added by the project team")  # comments kept
    assert (
        result.line
        == before.splitlines().index("    verified: null", before.splitlines().index("  - id: samaritans")) + 1
    )
    kb = load_knowledge(kb_copy)
    assert kb.contact("samaritans").verified == "2026-11-30"  # type: ignore[union-attr]
    assert kb.contact("nhs-111").verified is None  # type: ignore[union-attr]


def test_flow_style_and_a_comment_on_the_line_are_kept(kb_copy: Path) -> None:
    path = kb_copy / "contacts" / "toolkit-contact-us.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "\n  - {id: flow-one, name: Flow, source: test 2020, verified: null, phones: []}  # flow\n", "utf-8"
    )
    before = path.read_text(encoding="utf-8")
    verify_contact(kb_copy, "flow-one", DAY, today=DAY)
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        (
            "  - {id: flow-one, name: Flow, source: test 2020, verified: null, phones: []}  # flow\n",
            "  - {id: flow-one, name: Flow, source: test 2020, verified: 2026-11-30, phones: []}  # flow\n",
        )
    ]
    text = path.read_text(encoding="utf-8").replace(
        "Contact us\n    verified: null\n", "Contact us\n    verified: ~  # not yet: phone on Monday\n", 1
    )
    path.write_text(text, encoding="utf-8")
    verify_contact(kb_copy, "toolkit-contact-ian-beattie", DAY, today=DAY)
    assert changed_lines(text, path.read_text(encoding="utf-8")) == [
        ("    verified: ~  # not yet: phone on Monday\n", "    verified: 2026-11-30  # not yet: phone on Monday\n")
    ]


def test_unknown_id_and_future_date_are_refused_and_nothing_changes(kb_copy: Path) -> None:
    path = kb_copy / "contacts" / "annex2.yaml"
    before = path.read_bytes()
    with pytest.raises(VerifyError, match="no contact has the id 'annex2-item-99'"):
        verify_contact(kb_copy, "annex2-item-99", DAY, today=DAY)
    with pytest.raises(VerifyError, match="in the future"):
        verify_contact(kb_copy, "annex2-item-01", DAY + dt.timedelta(days=1), today=DAY)
    assert path.read_bytes() == before
