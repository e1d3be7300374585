"""The texts of an EXIF block that generators write into: a few tags of IFD0 and the Exif IFD.

Two IFDs at most are read, each once: IFD0, then the IFD its first Exif pointer names, unless
that is IFD0 again. Each is read up to `IFD_ENTRIES` entries and the block's end, and only the
values of the tags below are copied, so the reading is linear in the block's length whatever it
claims (an IFD0 of 5,000 Exif pointers back at itself took 22 s when every pointer was followed
and every value copied)."""

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

from .limits import IFD_ENTRIES

DOCUMENT_NAME = 0x010D
IMAGE_DESCRIPTION = 0x010E
MAKE = 0x010F
MODEL = 0x0110
SOFTWARE = 0x0131
USER_COMMENT = 0x9286
MAKER_NOTE = 0x927C
_EXIF_IFD = 0x8769
TAGS = frozenset(
    {DOCUMENT_NAME, IMAGE_DESCRIPTION, MAKE, MODEL, SOFTWARE, USER_COMMENT, MAKER_NOTE}
)
NAMES = {
    DOCUMENT_NAME: "DocumentName",
    IMAGE_DESCRIPTION: "ImageDescription",
    MAKE: "Make",
    MODEL: "Model",
    SOFTWARE: "Software",
    USER_COMMENT: "UserComment",
    MAKER_NOTE: "MakerNote",
}
_BYTE_ORDERS = {b"II": "<", b"MM": ">"}
"""TIFF byte orders (EXIF is a TIFF block), as `struct` writes them."""
_ASCII = 2
_TYPE_WIDTHS = {1: 1, _ASCII: 1, 3: 2, 4: 4, 7: 1}
"""Bytes per value of the TIFF types a text or an offset comes in (BYTE, ASCII, SHORT, LONG,
UNDEFINED); other types are read as empty."""


@dataclass
class ExifTexts:
    texts: dict[int, str] = field(default_factory=dict)
    """Each tag's text, the Exif IFD's UserComment and MakerNote before IFD0's."""
    ascii_typed: set[int] = field(default_factory=set)
    """The tags written as ASCII, which Pillow writes with "?" for every other character."""


def read_exif(tiff: bytes, notes: list[str]) -> ExifTexts:
    """Raises ValueError or struct.error for a block that cannot be read."""
    order = _BYTE_ORDERS.get(tiff[:2])
    if order is None:
        raise ValueError(f"the TIFF byte order is {tiff[:2]!r}, not II or MM")
    found = ExifTexts()
    ifd0 = _u32(tiff, order, 4)
    exif_ifd = None
    for tag, entry in _entries(tiff, order, ifd0, "IFD0", notes):
        if tag in TAGS and tag not in found.texts:
            _keep(found, tag, tiff, order, entry, notes)
        elif tag == _EXIF_IFD and exif_ifd is None:
            exif_ifd = _u32(tiff, order, entry + 8)
    if exif_ifd == ifd0:
        notes.append("the Exif IFD pointer points back at IFD0 (not followed)")
    elif exif_ifd is not None:
        for tag, entry in _entries(tiff, order, exif_ifd, "the Exif IFD", notes):
            if tag in (USER_COMMENT, MAKER_NOTE):
                found.texts.pop(tag, None)
                found.ascii_typed.discard(tag)
                _keep(found, tag, tiff, order, entry, notes)
    return found


def _keep(
    found: ExifTexts, tag: int, tiff: bytes, order: str, entry: int, notes: list[str]
) -> None:
    """A tag's text; one that is not text in its charset is a note, never a text with
    replacement characters in it (that would be a wrong prompt)."""
    kind, value = _entry_value(tiff, order, entry)
    try:
        if kind == _ASCII:
            found.texts[tag] = value.split(b"\0", 1)[0].decode("utf-8")
            found.ascii_typed.add(tag)
        elif tag == USER_COMMENT:
            found.texts[tag] = _user_comment(value, order)
        else:
            found.texts[tag] = value.rstrip(b"\0").decode("utf-8")
    except UnicodeDecodeError as error:
        notes.append(f"the EXIF {NAMES[tag]} is not text ({error.reason})")


def _u32(tiff: bytes, order: str, at: int) -> int:
    if at + 4 > len(tiff):
        raise ValueError(f"an offset at byte {at:,} is past the block's end ({len(tiff):,} bytes)")
    return struct.unpack_from(order + "I", tiff, at)[0]


def _entries(
    tiff: bytes, order: str, offset: int, name: str, notes: list[str]
) -> Iterator[tuple[int, int]]:
    """Each entry's tag and where the entry starts: as many as the IFD claims, up to
    `IFD_ENTRIES` and as many as the block holds (a note says which were left out)."""
    if offset + 2 > len(tiff):
        raise ValueError(f"{name} starts at byte {offset:,}, past the block's end")
    claimed = struct.unpack_from(order + "H", tiff, offset)[0]
    held = (len(tiff) - offset - 2) // 12
    count = min(claimed, IFD_ENTRIES, held)
    if count == held < claimed:
        notes.append(
            f"{name} claims {claimed:,} entries, the block holds {held:,}: those were read"
        )
    elif count < claimed:
        notes.append(
            f"{name} claims {claimed:,} entries, more than {IFD_ENTRIES:,}: the first read"
        )
    for at in range(offset + 2, offset + 2 + 12 * count, 12):
        yield struct.unpack_from(order + "H", tiff, at)[0], at


def _entry_value(tiff: bytes, order: str, entry: int) -> tuple[int, bytes]:
    """An entry's type and value: in the entry itself when it fits in 4 bytes, else at the
    offset the entry gives. A value cut by the block's end is an error, not a shorter text."""
    kind, size = struct.unpack_from(order + "HI", tiff, entry + 2)
    width = _TYPE_WIDTHS.get(kind, 0) * size
    where = entry + 8 if width <= 4 else _u32(tiff, order, entry + 8)
    if where + width > len(tiff):
        raise ValueError(f"a value of {width:,} bytes at byte {where:,} runs past the block's end")
    return kind, tiff[where : where + width]


def _user_comment(value: bytes, order: str) -> str:
    """The 8-byte code says the charset; for UNICODE, writers disagree on the byte order (the
    TIFF header's, as ImageSharp writes it for SwarmUI, or always big-endian, as piexif writes
    it for Automatic1111): a BOM decides, else where the zero bytes of ASCII-range text fall."""
    code, text = value[:8], value[8:]
    if not code.startswith(b"UNICODE"):
        return text.decode("utf-8").strip("\0").strip()
    if text[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return text.decode("utf-16").strip("\0").strip()
    even_zeros = text[0::2].count(0)
    odd_zeros = text[1::2].count(0)
    if even_zeros == odd_zeros:
        encoding = "utf-16-le" if order == "<" else "utf-16-be"
    else:
        encoding = "utf-16-be" if even_zeros > odd_zeros else "utf-16-le"
    return text.decode(encoding).strip("\0").strip()
