"""Strip what identifies a person from a question before it may be stored: phone numbers, email addresses and
UK postcodes become placeholders. (Names cannot be found reliably; /privacy says exactly what is removed.)"""

from __future__ import annotations

import re

MAX_STORED = 600  # characters of an unanswered question that are kept

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# a run of digits with the usual separators; counted as a phone number from 7 digits on
_PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().\-/]{4,}\d(?![\w])")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)


def redact(text: str) -> str:
    text = _EMAIL.sub("[email]", text[: MAX_STORED * 2])
    text = _PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)
    text = _POSTCODE.sub("[postcode]", text)
    return text[:MAX_STORED]
