"""Read a QR code back from PNG bytes, as a phone's camera would (zxing-cpp, Apache-2.0, a dev dependency)."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image


def decode_qr(png: bytes) -> list[str]:
    """The texts of every QR code found in the image (an empty list when none can be read)."""
    with Image.open(io.BytesIO(png)) as image:
        found = zxingcpp.read_barcodes(image.convert("L"))
    return [code.text for code in found if code.format == zxingcpp.BarcodeFormat.QRCode]
