"""HEIF and AVIF: the Exif and XMP items of the `meta` box (ISO/IEC 23008-12, 9.2 and A.2).

The `meta` box near the start lists the items (`iinf`: an item of type `Exif`, or of type
`mime` and content type application/rdf+xml) and where their bytes are (`iloc`); Automatic1111
writes its infotext into an AVIF's Exif item through Pillow (modules/images.py). An Exif item
starts with the offset of its TIFF header, after 4 bytes."""

from collections.abc import Generator, Iterator

from .limits import PARTS, TEXT_BYTES
from .pngtext import kb
from .records import Records
from .source import Request, Source

_XMP_TYPE = b"application/rdf+xml"


def walk(source: Source, records: Records) -> Generator[Request, bytes, None]:
    meta = yield from _top_box(source, b"meta")
    if meta is None:
        return
    body = meta[4:]  # a full box: version and flags first
    items: dict[int, str] = {}
    locations: dict[int, list[tuple[int, int]]] = {}
    for kind, content in _boxes(body):
        if kind == b"iinf":
            items = _item_kinds(content)
        elif kind == b"iloc":
            locations = _locations(content)
    for item, name in sorted(items.items()):
        extents = locations.get(item)
        if not extents:
            continue
        size = sum(length for _offset, length in extents)
        if size > TEXT_BYTES:
            records.notes.append(
                f"an {name.upper()} item is {kb(size)}, over {kb(TEXT_BYTES)}: not read"
            )
            continue
        data = b""
        for offset, length in extents:
            data += yield from source.read(offset, length, source.ahead())
        if len(data) != size:
            continue
        if name == "exif":
            start = 4 + int.from_bytes(data[:4], "big")
            records.add_block("exif", data[start:].removeprefix(b"Exif\0\0"))
        else:
            records.add_block("xmp", data)


def _top_box(source: Source, wanted: bytes) -> Generator[Request, bytes, bytes | None]:
    """The content of the first top-level box of type `wanted`, if it is small enough."""
    at = 0
    for _ in range(PARTS):
        header = yield from source.read(at, 16, source.ahead())
        if len(header) < 8:
            return None
        size, kind, start = int.from_bytes(header[:4], "big"), header[4:8], at + 8
        if size == 1 and len(header) == 16:
            size, start = int.from_bytes(header[8:16], "big"), at + 16
        if size < start - at:
            return None
        if kind == wanted:
            if size > TEXT_BYTES:
                return None
            return (yield from source.read(start, at + size - start, source.ahead()))
        at += size
    return None


def _boxes(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    at = 0
    for _ in range(PARTS):
        if at + 8 > len(data):
            return
        size, kind = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
        if size < 8:
            return
        yield kind, data[at + 8 : at + size]
        at += size


def _item_kinds(iinf: bytes) -> dict[int, str]:
    """Item id -> "exif" or "xmp", from the `infe` boxes of version 2 and 3."""
    version = iinf[0] if iinf else 0
    found: dict[int, str] = {}
    for kind, infe in _boxes(iinf[8 if version else 6 :]):
        if kind != b"infe" or len(infe) < 4 or infe[0] not in (2, 3):
            continue
        width = 2 if infe[0] == 2 else 4
        item = int.from_bytes(infe[4 : 4 + width], "big")
        item_type = infe[6 + width : 10 + width]
        if item_type == b"Exif":
            found[item] = "exif"
        elif item_type == b"mime":
            name_end = infe.find(b"\0", 10 + width)
            if name_end >= 0 and infe[name_end + 1 :].startswith(_XMP_TYPE):
                found[item] = "xmp"
    return found


def _locations(iloc: bytes) -> dict[int, list[tuple[int, int]]]:
    """Item id -> its extents (offset in the file, length), for items stored in the file
    itself (construction method 0)."""
    reader = _Fields(iloc)
    version = reader.take(1)
    reader.take(3)
    sizes = reader.take(2)
    offset_size, length_size = sizes >> 12, (sizes >> 8) & 15
    base_size, index_size = (sizes >> 4) & 15, sizes & 15 if version else 0
    found: dict[int, list[tuple[int, int]]] = {}
    for _ in range(min(reader.take(4 if version == 2 else 2), PARTS)):
        if reader.short:
            break
        item = reader.take(4 if version == 2 else 2)
        method = reader.take(2) & 15 if version else 0
        reader.take(2)  # data reference index
        base = reader.take(base_size)
        extents = []
        for _ in range(min(reader.take(2), PARTS)):
            if reader.short:
                break
            reader.take(index_size)
            offset, length = reader.take(offset_size), reader.take(length_size)
            extents.append((base + offset, length))
        if method == 0 and not reader.short:
            found[item] = extents
    return found


class _Fields:
    """Big-endian unsigned fields read one after the other; past the end they are 0 and
    `short` is set."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0
        self.short = False

    def take(self, size: int) -> int:
        if self.at + size > len(self.data):
            self.short = True
            self.at = len(self.data)
            return 0
        value = int.from_bytes(self.data[self.at : self.at + size], "big")
        self.at += size
        return value
