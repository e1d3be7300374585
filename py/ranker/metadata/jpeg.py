"""JPEG: the EXIF and XMP APP1 segments before the first scan (generators and cameras write
their metadata there; nothing after the scan is read)."""

from collections.abc import Generator

from .limits import PARTS
from .records import Records
from .source import Request, Source

XMP_ID = b"http://ns.adobe.com/xap/1.0/\0"
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})
"""TEM, RSTn and SOI: markers without a length."""


def walk(source: Source, records: Records) -> Generator[Request, bytes, None]:
    at = 2
    for _ in range(PARTS):
        marker = yield from source.read(at, 4, source.ahead())
        if len(marker) < 2 or marker[0] != 0xFF or marker[1] in (0xD9, 0xDA):
            return  # garbage, end of image, or start of scan: no metadata after
        if marker[1] == 0xFF:  # a fill byte
            at += 1
            continue
        if marker[1] in _STANDALONE:
            at += 2
            continue
        length = int.from_bytes(marker[2:4], "big")
        if len(marker) < 4 or length < 2:
            return
        if marker[1] == 0xE1:
            body = yield from source.read(at + 4, length - 2, source.ahead())
            if body.startswith(b"Exif\0\0"):
                records.add_block("exif", body[6:])
            elif body.startswith(XMP_ID):
                records.add_block("xmp", body[len(XMP_ID) :])
        at += 2 + length
    records.notes.append(f"more than {PARTS:,} segments before the pixels: the rest were skipped")
