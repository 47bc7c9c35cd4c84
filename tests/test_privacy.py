"""What is removed from a question before it may be stored."""

from __future__ import annotations

from bot.privacy import MAX_STORED, redact


def test_phone_numbers_emails_and_postcodes_are_removed() -> None:
    text = redact(
        "my landlord (07700 900123, +44 20 7946 0958, 0208-123-4567) mails me at jo.bloggs@example.co.uk, "
        "flat at CB1 2AB and ne1 4st"
    )
    for kept in ("07700", "900123", "7946", "4567", "jo.bloggs", "example.co.uk", "CB1", "2AB", "ne1"):
        assert kept not in text
    assert text.count("[phone]") == 3 and "[email]" in text and text.count("[postcode]") == 2
    assert "my landlord" in text


def test_ordinary_numbers_stay() -> None:
    text = "12 people in a 3 bedroom house since 2019, rent 450 pounds, 28 days notice"
    assert redact(text) == text


def test_kept_text_is_bounded() -> None:
    assert len(redact("x " * 10_000)) == MAX_STORED
