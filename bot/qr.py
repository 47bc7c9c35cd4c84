"""QR codes for links, as PNG bytes (segno: pure Python, no imaging library)."""

from __future__ import annotations

import io

import segno

SCALE = 8  # pixels per module: easy to scan from another phone's screen
BORDER = 4  # the quiet zone the QR standard asks for


def qr_png(text: str) -> bytes:
    out = io.BytesIO()
    segno.make_qr(text, error="m").save(out, kind="png", scale=SCALE, border=BORDER)
    return out.getvalue()
