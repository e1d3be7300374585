"""An image's size in pixels, read from its header before the browser decodes it.

A decoded image takes 4 bytes a pixel whatever its file size: a 389 KB PNG of 20,000 x 20,000
pixels took the renderer to 2.3 GB. Its header says so in its first bytes, so the page can
refuse it without decoding it. Reading is a generator, `size_reader()`, that asks for byte
ranges and is sent what was read, so the same code reads a `bytes` object here (`size_of`) and
a file in the browser (a slice at a time, awaited by the glue). Every parser only walks
headers: linear in the bytes it reads, bounded in reads and steps, and it returns None on
anything it does not understand, never raising. PNG, GIF, JPEG (walking its segments to the
frame header, wherever it lies), WebP (VP8, VP8L, VP8X), BMP, AVIF/HEIF (`ispe`), TIFF and
BigTIFF (the first image's tags), and JPEG XL (bare codestream or container).
"""

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Literal

CHUNK = 64 * 1024  # bytes asked for at a time: the whole header of almost every image
# A JPEG's frame header may follow megabytes of metadata (a phone's depth map in extended XMP
# takes dozens of 64 KB segments); a GIF's first frame, extension blocks of 255 bytes each.
MAX_READS = 256
MAX_STEPS = 16_384  # segments, blocks or boxes walked in one file

#: (offset, length): the bytes the reader wants next; it is sent what was there (shorter at
#: the end of the file).
Request = tuple[int, int]
SizeReader = Generator[Request, bytes, "ImageSize | None"]


@dataclass(frozen=True)
class ImageSize:
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


class _Unreadable(Exception):
    """The file ended, or the reader's bounds were reached, before the size was found."""


class _Source:
    """The file's bytes as the parsers ask for them: from the chunk last read when it holds
    them, else by asking for a new chunk (at most MAX_READS times)."""

    def __init__(self) -> None:
        self.start = 0
        self.data = b""
        self.reads = 0
        self.steps = 0

    def read(self, offset: int, length: int) -> Generator[Request, bytes, bytes]:
        """Exactly `length` bytes at `offset` (raises _Unreadable if the file is shorter)."""
        end = self.start + len(self.data)
        if not (self.start <= offset and offset + length <= end):
            if self.reads >= MAX_READS or offset < 0:
                raise _Unreadable
            self.reads += 1
            self.data = bytes((yield (offset, max(length, CHUNK))))
            self.start = offset
        data = self.data[offset - self.start : offset - self.start + length]
        if len(data) < length:
            raise _Unreadable
        return data

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Unreadable


def size_reader() -> SizeReader:
    """Asks for byte ranges (yields (offset, length)), is sent their bytes; returns the size,
    or None for a file that is not one of the formats read here, or is cut short or garbled."""
    source = _Source()
    try:
        head = yield from source.read(0, 12)
        for matches, parser in _PARSERS:
            if matches(head):
                return (yield from parser(source))
    except _Unreadable:
        pass
    return None


def size_of(data: bytes) -> ImageSize | None:
    """The size of an image held in memory (as the tests hold it)."""
    return read_size(size_reader(), lambda offset, length: data[offset : offset + length])


def read_size(reader: SizeReader, read: Callable[[int, int], bytes]) -> ImageSize | None:
    """Runs a reader over a synchronous `read(offset, length)`."""
    try:
        request = next(reader)
        while True:
            request = reader.send(read(*request))
    except StopIteration as done:
        return done.value


def _be(data: bytes) -> int:
    return int.from_bytes(data, "big")


def _le(data: bytes) -> int:
    return int.from_bytes(data, "little")


# ----------------------------------------------------------------- PNG


def _png(source: _Source) -> Generator[Request, bytes, ImageSize]:
    ihdr = yield from source.read(8, 16)
    if ihdr[4:8] != b"IHDR":
        raise _Unreadable
    return ImageSize(_be(ihdr[8:12]), _be(ihdr[12:16]))


# ----------------------------------------------------------------- GIF


def _gif(source: _Source) -> Generator[Request, bytes, ImageSize]:
    """The logical screen, grown to the first frame if that is larger (as decoders do)."""
    screen = yield from source.read(6, 7)
    width, height, flags = _le(screen[0:2]), _le(screen[2:4]), screen[4]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while True:
        source.step()
        block = (yield from source.read(position, 1))[0]
        if block == 0x2C:  # image descriptor
            frame = yield from source.read(position + 1, 8)
            right = _le(frame[0:2]) + _le(frame[4:6])
            bottom = _le(frame[2:4]) + _le(frame[6:8])
            return ImageSize(max(width, right), max(height, bottom))
        if block != 0x21:  # not an extension either: trailer or garbage
            return ImageSize(width, height)
        position += 2  # introducer and label, then sub-blocks up to an empty one
        while True:
            source.step()
            length = (yield from source.read(position, 1))[0]
            position += 1 + length
            if not length:
                break


# ----------------------------------------------------------------- JPEG

# Start of frame: C0-CF but C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})  # TEM, RSTn, SOI: no length follows


def _jpeg(source: _Source) -> Generator[Request, bytes, ImageSize]:
    position = 2
    while True:
        source.step()
        marker = yield from source.read(position, 2)
        if marker[0] != 0xFF:
            raise _Unreadable
        if marker[1] == 0xFF:  # fill byte
            position += 1
            continue
        if marker[1] in _STANDALONE:
            position += 2
            continue
        if marker[1] in (0xD9, 0xDA):  # end of image, or scan data before any frame header
            raise _Unreadable
        segment = yield from source.read(position + 2, 2)
        length = _be(segment)
        if length < 2:
            raise _Unreadable
        if marker[1] in _SOF:
            frame = yield from source.read(position + 4, 5)
            return ImageSize(_be(frame[3:5]), _be(frame[1:3]))
        position += 2 + length


# ----------------------------------------------------------------- WebP


def _webp(source: _Source) -> Generator[Request, bytes, ImageSize]:
    chunk = yield from source.read(12, 18)
    kind, body = chunk[0:4], chunk[8:]
    if kind == b"VP8X":  # canvas size minus one, 24 bits each
        return ImageSize(_le(body[4:7]) + 1, _le(body[7:10]) + 1)
    if kind == b"VP8L":  # signature 0x2F, then 14 bits each of size minus one
        if body[0] != 0x2F:
            raise _Unreadable
        bits = _le(body[1:5])
        return ImageSize((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if kind == b"VP8 ":  # key frame: tag (3 bytes), start code 9D 01 2A, then 14 bits each
        if body[3:6] != b"\x9d\x01\x2a":
            raise _Unreadable
        return ImageSize(_le(body[6:8]) & 0x3FFF, _le(body[8:10]) & 0x3FFF)
    raise _Unreadable


# ----------------------------------------------------------------- BMP


def _bmp(source: _Source) -> Generator[Request, bytes, ImageSize]:
    header = yield from source.read(14, 12)
    if _le(header[0:4]) == 12:  # OS/2 BITMAPCOREHEADER: 16-bit sizes
        return ImageSize(_le(header[4:6]), _le(header[6:8]))
    width = int.from_bytes(header[4:8], "little", signed=True)
    height = int.from_bytes(header[8:12], "little", signed=True)  # negative: top-down
    return ImageSize(abs(width), abs(height))


# ----------------------------------------------------------------- AVIF, HEIF


def _isobmff(source: _Source) -> Generator[Request, bytes, ImageSize]:
    """The largest `ispe` (image spatial extent) among the item properties, meta/iprp/ipco: a
    grid image's own extent is the whole picture, larger than any of its tiles."""
    meta = yield from _box(source, 0, None, b"meta")
    iprp = yield from _box(source, meta[0] + 4, meta[1], b"iprp")  # meta is a full box
    ipco = yield from _box(source, *iprp, b"ipco")
    found: ImageSize | None = None
    position, end = ipco
    while position + 8 <= end:
        start, box_end, kind = yield from _box_header(source, position, end)
        if kind == b"ispe":
            extent = yield from source.read(start + 4, 8)  # after version and flags
            size = ImageSize(_be(extent[0:4]), _be(extent[4:8]))
            if found is None or size.pixels > found.pixels:
                found = size
        position = box_end
    if found is None:
        raise _Unreadable
    return found


def _box(
    source: _Source, position: int, end: int | None, wanted: bytes
) -> Generator[Request, bytes, tuple[int, int]]:
    """(start of its content, its end) of the first box of type `wanted` from `position`."""
    while end is None or position + 8 <= end:
        start, box_end, kind = yield from _box_header(source, position, end)
        if kind == wanted:
            return start, box_end
        position = box_end
    raise _Unreadable


def _box_header(
    source: _Source, position: int, end: int | None
) -> Generator[Request, bytes, tuple[int, int, bytes]]:
    source.step()
    header = yield from source.read(position, 8)
    size, kind, start = _be(header[0:4]), header[4:8], position + 8
    if size == 1:  # a 64-bit size follows
        size = _be((yield from source.read(start, 8)))
        start += 8
    elif size == 0:  # to the end of its parent
        if end is None:
            raise _Unreadable
        size = end - position
    if size < start - position or (end is not None and position + size > end):
        raise _Unreadable
    return start, position + size, kind


# ----------------------------------------------------------------- TIFF

_IMAGE_WIDTH, _IMAGE_LENGTH = 256, 257
_SHORT, _LONG, _LONG8 = 3, 4, 16


def _tiff(source: _Source) -> Generator[Request, bytes, ImageSize]:
    """ImageWidth and ImageLength of the first image (IFD0): the picture itself in a TIFF a
    scanner or an editor writes. Classic TIFF has 12-byte entries; BigTIFF (version 43), 20."""
    head = yield from source.read(0, 16)
    order: Literal["little", "big"] = "little" if head[:2] == b"II" else "big"

    def number(data: bytes) -> int:
        return int.from_bytes(data, order)

    big = number(head[2:4]) == 43
    if big:
        position, count_size, entry_size, value_size = number(head[8:16]), 8, 20, 8
    else:
        position, count_size, entry_size, value_size = number(head[4:8]), 2, 12, 4
    entries = number((yield from source.read(position, count_size)))
    found: dict[int, int] = {}
    for index in range(entries):
        source.step()
        entry = yield from source.read(position + count_size + index * entry_size, entry_size)
        tag, kind = number(entry[0:2]), number(entry[2:4])
        if tag in (_IMAGE_WIDTH, _IMAGE_LENGTH) and kind in (_SHORT, _LONG, _LONG8):
            value = entry[entry_size - value_size :]
            found[tag] = number(
                value[:2] if kind == _SHORT else value[:4] if kind == _LONG else value
            )
        if len(found) == 2:
            return ImageSize(found[_IMAGE_WIDTH], found[_IMAGE_LENGTH])
    raise _Unreadable


# ----------------------------------------------------------------- JPEG XL

_JXL_CONTAINER = b"\0\0\0\x0cJXL \r\n\x87\n"
# Width over height for the ratio field of the SizeHeader (0: the width is stored).
_JXL_RATIOS = {1: (1, 1), 2: (12, 10), 3: (4, 3), 4: (3, 2), 5: (16, 9), 6: (5, 4), 7: (2, 1)}


def _jxl_container(source: _Source) -> Generator[Request, bytes, ImageSize]:
    """The codestream of a container lies in its `jxlc` box, or in `jxlp` boxes (each after a
    4-byte index)."""
    position = 0
    while True:
        start, end, kind = yield from _box_header(source, position, None)
        if kind == b"jxlc":
            return (yield from _jxl_codestream(source, start))
        if kind == b"jxlp":
            return (yield from _jxl_codestream(source, start + 4))
        position = end


def _jxl_codestream(source: _Source, position: int = 0) -> Generator[Request, bytes, ImageSize]:
    """The SizeHeader after the codestream's signature FF 0A: bits read least significant
    first. The stored size is before the orientation turns it, which keeps its pixel count."""
    header = yield from source.read(position, 12)
    if header[:2] != b"\xff\x0a":
        raise _Unreadable
    bits = _le(header[2:])
    at = 0

    def take(count: int) -> int:
        nonlocal at
        value = (bits >> at) & ((1 << count) - 1)
        at += count
        return value

    def dimension(small: bool) -> int:
        if small:
            return (take(5) + 1) * 8
        return take((9, 13, 18, 30)[take(2)]) + 1

    small = bool(take(1))
    height = dimension(small)
    ratio = take(3)
    if ratio:
        numerator, denominator = _JXL_RATIOS[ratio]
        width = height * numerator // denominator
    else:
        width = dimension(small)
    return ImageSize(width, height)


_PARSERS: list[tuple[Callable[[bytes], bool], Callable[[_Source], SizeReader]]] = [
    (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), _png),
    (lambda head: head[:6] in (b"GIF87a", b"GIF89a"), _gif),
    (lambda head: head.startswith(b"\xff\xd8"), _jpeg),
    (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", _webp),
    (lambda head: head.startswith(b"BM"), _bmp),
    (lambda head: head == _JXL_CONTAINER, _jxl_container),
    (lambda head: head[4:8] == b"ftyp", _isobmff),
    (lambda head: head[:4] in (b"II*\0", b"MM\0*", b"II+\0", b"MM\0+"), _tiff),
    (lambda head: head[:2] == b"\xff\x0a", _jxl_codestream),
]
