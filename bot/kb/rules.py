"""Field rules shared by the validators: types, formats of ids, phones, emails, URLs and dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHONE_RE = re.compile(r"^\+?[0-9(][0-9 ()\-]*[0-9]$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$")
URL_RE = re.compile(r"^https?://[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?::\d+)?(?:[/?#][^\s<>\"]*)?$")


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


def phone_problem(number: Any) -> str | None:
    if isinstance(number, int) and not isinstance(number, bool):
        return f'write the phone number {number} in quotes, e.g. "0800 123 456", so no digit is lost'
    if not isinstance(number, str):
        return f"a phone number must be text, not {type_name(number)}"
    text = number
    digits = sum(ch.isdigit() for ch in text)
    if not PHONE_RE.match(text) or not 3 <= digits <= 15:
        return f"'{text}' does not look like a phone number (digits, spaces, hyphens and brackets only)"
    return None


def email_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not EMAIL_RE.match(value):
        return f"'{value}' does not look like an email address (name@example.org)"
    return None


def url_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not URL_RE.match(value):
        return f"'{value}' does not look like a web address (it must start with http:// or https://)"
    return None


def date_problem(value: Any) -> str | None:
    """`verified` is null or a past date written YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a date: write it as YYYY-MM-DD, or null if not verified"
    if not isinstance(value, dt.date):
        return "verified must be a date (YYYY-MM-DD) or null"
    if value > dt.date.today():
        return f"the date {value.isoformat()} is in the future"
    return None


def as_iso_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
