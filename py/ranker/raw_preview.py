"""A camera RAW file shown through the JPEG preview its camera embedded in it.

No browser decodes a RAW's sensor data, but every camera writes a JPEG of the picture into the
file (often full size): the page shows that slice of the file as a JPEG, marked "preview". This
finds the largest one a browser decodes, and the picture's orientation, by walking headers
only, as `ranker.image_size` does: `preview_reader()` asks for byte ranges and is sent them,
bounded in reads and steps, and returns None on anything it does not understand.

Layouts (after exiftool's tag tables and LibRaw's parsers):
- TIFF-based (.dng .cr2 .nef .arw .orf .rw2 .pef .srw): IFD0, its SubIFDs (0x014A), the EXIF
  IFD and the chain of next IFDs. A preview is JPEGInterchangeFormat (0x0201) and its length
  (0x0202), or a single strip or tile (0x0111/0x0117, 0x0144/0x0145) of Compression 6 or 7 (a
  DNG's preview; a CR2's full-size JPEG in IFD0), or a Panasonic RW2's JpgFromRaw (0x002E).
  ORF starts "IIRO"/"MMOR"/"IIRS" and keeps its large preview in the Olympus maker note (in the
  EXIF IFD), RW2 starts "IIU\\0"; the orientation is IFD0's tag 0x0112.
- Fujifilm .raf: a big-endian offset and length of the JPEG at bytes 84 and 88 of the header.
- Canon .cr3 (ISO-BMFF): the PRVW box in the top-level uuid eaf42b5e-..., the full-size JPEG
  that is the first sample of the first `trak`, and the orientation in CMT1 (a TIFF IFD0) in
  the Canon uuid 85c0b687-... in `moov`.

A candidate counts only if its slice starts with a JPEG's SOI, lies wholly in the file, and
reaches a baseline or progressive frame header: a DNG's raw data is also "JPEG" (Compression 7)
but lossless (SOF3), which no browser decodes. A preview that carries its own EXIF orientation
(a RAF's, an RW2's) is shown as it says; otherwise the RAW's orientation is given to it by a
small EXIF segment (`oriented_head`) put in front of its frame, so the browser turns it.
A RAW in which this finds none is decoded from its raw data by LibRaw instead (ranker.display's
RAW_DECODER, in the page's decode worker).
"""

from collections.abc import Generator
from dataclasses import dataclass
from typing import Literal

from .image_size import ImageSize, Request, _Source, _Unreadable
from .image_size import _box as _child
from .image_size import _box_header as _box

RAW_EXTENSIONS = frozenset(
    {".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2", ".pef", ".srw"}
)

MAX_IFDS = 64  # IFDs walked in one file: a real RAW has under a dozen
MAX_ENTRIES = 1024  # entries in one IFD: more is garbage (a real one has under 100)
MAX_SUBIFDS = 16
MAX_CANDIDATES = 16
MIN_PREVIEW = 64  # bytes: less cannot hold a JPEG's headers

_BASELINE_SOF = frozenset({0xC0, 0xC1, 0xC2})  # baseline, extended, progressive (Huffman)
_ORIENTATION = 0x0112

PreviewReader = Generator[Request, bytes, "RawPreview | None"]


@dataclass(frozen=True)
class RawPreview:
    """Where the preview JPEG lies in the RAW file, its size from its frame header, and the
    orientation (EXIF 1-8) the page must give it; `own_orientation` says the JPEG carries its
    own EXIF orientation, which the browser applies without help."""

    offset: int
    length: int
    size: ImageSize
    orientation: int = 1
    own_orientation: bool = False


def is_raw(path: str) -> bool:
    dot = path.rfind(".")
    return dot >= 0 and path[dot:].lower() in RAW_EXTENSIONS


def preview_reader() -> PreviewReader:
    """Asks for byte ranges (yields (offset, length)), is sent their bytes; returns the best
    preview, or None for a file that holds none this can find, or is cut short or garbled."""
    source = _Source()
    try:
        head = yield from source.read(0, 16)
        found = None
        if head.startswith(b"FUJIFILMCCD-RAW"):
            found = yield from _raf(source)
        elif head[4:8] == b"ftyp":
            found = yield from _cr3(source)
        elif head[:4] in _TIFF_MAGIC:
            found = yield from _tiff_file(source, head[:2] == b"II")
        if found is None:
            return None
        candidates, orientation = found
        return (yield from _best(source, candidates, orientation))
    except _Unreadable:
        return None


def preview_of(data: bytes) -> RawPreview | None:
    """The preview of a RAW held in memory (as the tests hold it)."""
    reader = preview_reader()
    try:
        request = next(reader)
        while True:
            offset, length = request
            request = reader.send(data[offset : offset + length])
    except StopIteration as done:
        return done.value


def oriented_head(orientation: int) -> bytes:
    """A JPEG's start (SOI) and an EXIF segment holding only `orientation`: put before a
    preview's bytes after its own SOI, the browser shows the preview turned upright."""
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00\x01"
    tiff += _ORIENTATION.to_bytes(2, "big") + b"\x00\x03\x00\x00\x00\x01"
    tiff += orientation.to_bytes(2, "big") + b"\x00\x00" + b"\x00\x00\x00\x00"
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xd8\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body


# ----------------------------------------------------------------- choosing


Candidate = tuple[int, int]  # (offset, length) of a slice that may be a JPEG


def _best(
    source: _Source, candidates: list[Candidate], orientation: int
) -> Generator[Request, bytes, RawPreview | None]:
    """The largest (in pixels) candidate that is a JPEG a browser decodes."""
    best: RawPreview | None = None
    for offset, length in dict.fromkeys(candidates[:MAX_CANDIDATES]):
        if offset < 0 or length < MIN_PREVIEW:
            continue
        try:
            size, own = yield from _jpeg_frame(source, offset, length)
            yield from source.read(offset + length - 2, 2)  # the whole slice is in the file
        except _Unreadable:
            continue
        if best is None or size.pixels > best.size.pixels:
            best = RawPreview(offset, length, size, own or orientation, own is not None)
    return best


def _jpeg_frame(
    source: _Source, offset: int, length: int
) -> Generator[Request, bytes, tuple[ImageSize, int | None]]:
    """The size of a baseline or progressive JPEG at `offset`, and the orientation its own
    EXIF segment gives, if any. Raises _Unreadable for anything else (lossless: raw data)."""
    if (yield from source.read(offset, 2)) != b"\xff\xd8":
        raise _Unreadable
    own: int | None = None
    position, end = offset + 2, offset + length
    while position + 4 <= end:
        source.step()
        marker = yield from source.read(position, 4)
        if marker[0] != 0xFF:
            raise _Unreadable
        if marker[1] == 0xFF:
            position += 1
            continue
        kind, size = marker[1], int.from_bytes(marker[2:4], "big")
        if kind in (0xD9, 0xDA) or size < 2:
            raise _Unreadable
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            if kind not in _BASELINE_SOF:
                raise _Unreadable  # lossless, hierarchical or arithmetic: no browser decodes it
            frame = yield from source.read(position + 4, 5)
            width, height = int.from_bytes(frame[3:5], "big"), int.from_bytes(frame[1:3], "big")
            if not width or not height:
                raise _Unreadable
            return ImageSize(width, height), own
        if kind == 0xE1 and own is None and size >= 16:
            own = yield from _exif_orientation(source, position + 4, size - 2)
        position += 2 + size
    raise _Unreadable


def _exif_orientation(
    source: _Source, start: int, length: int
) -> Generator[Request, bytes, int | None]:
    """The orientation in an APP1 EXIF segment's IFD0, or None."""
    if (yield from source.read(start, 6)) != b"Exif\x00\x00":
        return None
    base = start + 6
    head = yield from source.read(base, 8)
    if head[:4] not in _TIFF_MAGIC[:2]:
        return None
    tiff = _Tiff(source, base, head[:2] == b"II")
    entries = yield from tiff.entries(tiff.u32(head[4:8]))
    value = entries.get(_ORIENTATION)
    return _orientation(tiff, value) if value else None


# ----------------------------------------------------------------- TIFF

_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"IIRO", b"MMOR", b"IIRS", b"IIU\x00")
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}

Entry = tuple[int, int, bytes]  # type, count, the 4-byte value or offset field


class _Tiff:
    """IFDs of one TIFF structure whose offsets count from `base`."""

    def __init__(self, source: _Source, base: int, little: bool) -> None:
        self.source, self.base = source, base
        self.order: Literal["little", "big"] = "little" if little else "big"

    def u16(self, data: bytes) -> int:
        return int.from_bytes(data[:2], self.order)

    def u32(self, data: bytes) -> int:
        return int.from_bytes(data[:4], self.order)

    def entries(self, offset: int) -> Generator[Request, bytes, dict[int, Entry]]:
        """The IFD's entries by tag (empty for one too large to be real)."""
        count = self.u16((yield from self.source.read(self.base + offset, 2)))
        if not 0 < count <= MAX_ENTRIES:
            return {}
        data = yield from self.source.read(self.base + offset + 2, count * 12 + 4)
        found: dict[int, Entry] = {}
        for n in range(count):
            self.source.step()
            entry = data[n * 12 : n * 12 + 12]
            found.setdefault(self.u16(entry), (self.u16(entry[2:]), self.u32(entry[4:]), entry[8:]))
        found[-1] = (4, 1, data[count * 12 :])  # the next IFD's offset
        return found

    def values(self, entry: Entry, most: int) -> Generator[Request, bytes, list[int]]:
        """Up to `most` integer values of a SHORT, LONG or IFD entry."""
        kind, count, field = entry
        size = {3: 2, 4: 4, 13: 4}.get(kind)
        if size is None or count < 1:
            return []
        count = min(count, most)
        data = field if size * count <= 4 else (yield from self._at(field, size * count))
        return [
            int.from_bytes(data[i : i + size], self.order) for i in range(0, size * count, size)
        ]

    def _at(self, field: bytes, length: int) -> Generator[Request, bytes, bytes]:
        return (yield from self.source.read(self.base + self.u32(field), length))

    def one(self, entries: dict[int, Entry], tag: int) -> Generator[Request, bytes, int | None]:
        entry = entries.get(tag)
        if entry is None or entry[1] != 1:
            return None
        values = yield from self.values(entry, 1)
        return values[0] if values else None


def _orientation(tiff: _Tiff, entry: Entry) -> int | None:
    kind, count, field = entry
    if kind != 3 or count != 1:
        return None
    value = tiff.u16(field)
    return value if 1 <= value <= 8 else None


def _tiff_file(
    source: _Source, little: bool, base: int = 0
) -> Generator[Request, bytes, tuple[list[Candidate], int]]:
    """Candidates from every IFD reachable from IFD0, and IFD0's orientation."""
    tiff = _Tiff(source, base, little)
    first = tiff.u32((yield from source.read(base + 4, 4)))
    queue, seen = [first], set[int]()
    candidates: list[Candidate] = []
    orientation = 1
    while queue and len(seen) < MAX_IFDS:
        offset = queue.pop(0)
        if not offset or offset in seen:
            continue
        seen.add(offset)
        try:
            entries = yield from tiff.entries(offset)
        except _Unreadable:  # an IFD past the end: the others may still hold a preview
            if not seen - {offset}:
                raise
            continue
        if offset == first and _ORIENTATION in entries:
            orientation = _orientation(tiff, entries[_ORIENTATION]) or 1
        candidates += yield from _ifd_candidates(tiff, entries, base)
        if 0x927C in entries:  # the EXIF IFD's maker note
            candidates += yield from _olympus(source, tiff, entries[0x927C])
        for tag in (0x014A, 0x8769):
            if tag in entries:
                queue += yield from tiff.values(entries[tag], MAX_SUBIFDS)
        if -1 in entries:
            queue.append(tiff.u32(entries[-1][2]))
    return candidates, orientation


def _ifd_candidates(
    tiff: _Tiff, entries: dict[int, Entry], base: int
) -> Generator[Request, bytes, list[Candidate]]:
    found: list[Candidate] = []
    start = yield from tiff.one(entries, 0x0201)
    length = yield from tiff.one(entries, 0x0202)
    if start is not None and length is not None:
        found.append((base + start, length))
    if (yield from tiff.one(entries, 0x0103)) in (6, 7):
        for offsets, lengths in ((0x0111, 0x0117), (0x0144, 0x0145)):
            start = yield from tiff.one(entries, offsets)
            length = yield from tiff.one(entries, lengths)
            if start is not None and length is not None:
                found.append((base + start, length))
    jpg_from_raw = entries.get(0x002E)  # Panasonic RW2: an UNDEFINED blob, the JPEG itself
    if jpg_from_raw is not None and jpg_from_raw[0] == 7:
        found.append((base + tiff.u32(jpg_from_raw[2]), jpg_from_raw[1]))
    return found


def _olympus(
    source: _Source, tiff: _Tiff, note: Entry
) -> Generator[Request, bytes, list[Candidate]]:
    """An ORF's large preview, in its maker note: "OLYMPUS\0", the byte order, a version, then
    an IFD whose offsets count from the note's start; its CameraSettings IFD (0x2020) holds
    PreviewImageStart (0x0101) and PreviewImageLength (0x0102). Other makers' notes: none."""
    kind, count, field = note
    if kind != 7 or count < 16:
        return []
    start = tiff.base + tiff.u32(field)
    head = yield from source.read(start, 12)
    if head[:8] != b"OLYMPUS\x00" or head[8:10] not in (b"II", b"MM"):
        return []
    note_tiff = _Tiff(source, start, head[8:10] == b"II")
    entries = yield from note_tiff.entries(12)
    settings = yield from note_tiff.one(entries, 0x2020)
    if settings is None:
        return []
    entries = yield from note_tiff.entries(settings)
    preview = yield from note_tiff.one(entries, 0x0101)
    length = yield from note_tiff.one(entries, 0x0102)
    return [] if preview is None or length is None else [(start + preview, length)]


# ----------------------------------------------------------------- RAF


def _raf(source: _Source) -> Generator[Request, bytes, tuple[list[Candidate], int]]:
    """Fujifilm: the JPEG (with its own EXIF) at the offset and length in the header."""
    header = yield from source.read(84, 8)
    return [(int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big"))], 1


# ----------------------------------------------------------------- CR3

_CANON_UUID = bytes.fromhex("85c0b687820f11e08111f4ce462b6a48")
_PREVIEW_UUID = bytes.fromhex("eaf42b5e1c984b88b9fbb7dc406e4d16")


def _cr3(source: _Source) -> Generator[Request, bytes, tuple[list[Candidate], int]]:
    candidates: list[Candidate] = []
    orientation = 1
    position = 0
    for _ in range(64):  # top-level boxes before the media data
        try:
            start, end, kind = yield from _box(source, position, None)
        except _Unreadable:
            break
        if kind == b"moov":
            found, orientation = yield from _cr3_moov(source, start, end)
            candidates += found
        elif kind == b"uuid" and (yield from source.read(start, 16)) == _PREVIEW_UUID:
            candidates += yield from _cr3_prvw(source, start + 24, end)
        position = end
    return candidates, orientation


def _cr3_prvw(
    source: _Source, position: int, end: int
) -> Generator[Request, bytes, list[Candidate]]:
    """PRVW: u32, u16, width u16, height u16, u16, the JPEG's length u32, then the JPEG."""
    while position + 8 <= end:
        start, box_end, kind = yield from _box(source, position, end)
        if kind == b"PRVW":
            header = yield from source.read(start, 16)
            return [(start + 16, int.from_bytes(header[12:16], "big"))]
        position = box_end
    return []


def _cr3_moov(
    source: _Source, position: int, end: int
) -> Generator[Request, bytes, tuple[list[Candidate], int]]:
    candidates: list[Candidate] = []
    orientation = 1
    first_trak = True
    while position + 8 <= end:
        start, box_end, kind = yield from _box(source, position, end)
        if kind == b"uuid" and (yield from source.read(start, 16)) == _CANON_UUID:
            orientation = yield from _cmt1_orientation(source, start + 16, box_end)
        elif kind == b"trak" and first_trak:
            first_trak = False
            candidates += yield from _first_sample(source, start, box_end)
        position = box_end
    return candidates, orientation


def _cmt1_orientation(source: _Source, position: int, end: int) -> Generator[Request, bytes, int]:
    while position + 8 <= end:
        start, box_end, kind = yield from _box(source, position, end)
        if kind == b"CMT1":
            head = yield from source.read(start, 8)
            if head[:4] not in _TIFF_MAGIC[:2]:
                return 1
            tiff = _Tiff(source, start, head[:2] == b"II")
            entries = yield from tiff.entries(tiff.u32(head[4:8]))
            entry = entries.get(_ORIENTATION)
            return (_orientation(tiff, entry) if entry else None) or 1
        position = box_end
    return 1


def _first_sample(
    source: _Source, start: int, end: int
) -> Generator[Request, bytes, list[Candidate]]:
    """trak/mdia/minf/stbl: the first chunk's offset (co64 or stco) and first sample's size."""
    for path in (b"mdia", b"minf", b"stbl"):
        start, end = yield from _child(source, start, end, path)
    offset = length = None
    position = start
    while position + 8 <= end:
        box_start, box_end, kind = yield from _box(source, position, end)
        if kind == b"stsz":
            body = yield from source.read(box_start, 16)
            length = int.from_bytes(body[4:8], "big") or int.from_bytes(body[12:16], "big")
        elif kind in (b"co64", b"stco"):
            wide = kind == b"co64"
            body = yield from source.read(box_start, 16 if wide else 12)
            offset = int.from_bytes(body[8 : 16 if wide else 12], "big")
        position = box_end
    return [(offset, length)] if offset is not None and length is not None else []
