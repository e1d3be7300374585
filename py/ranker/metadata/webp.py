"""WebP: the EXIF and XMP chunks of a RIFF file.

The specification puts them last, after the image data or after every frame of an animation
(libwebp's muxer writes them there; Pillow and piexif too), so a WebP larger than the head has
them in its tail: the VP8X chunk at the start says whether there are any, and the tail's chunks
are chained back from the file's end, each chunk's length ending it where the next begins. An
animated WebP from ComfyUI holds its workflow in an EXIF chunk after hundreds of frames: found
in one tail read, instead of one read per frame."""

from collections.abc import Generator

from .limits import PARTS, READ_BYTES, TAIL, TEXT_BYTES
from .pngtext import kb
from .records import Records
from .source import Request, Source

BLOCK_BYTES = 2 * TEXT_BYTES
"""The largest EXIF or XMP chunk read: ComfyUI puts two texts (`prompt` and `workflow`) in one."""
_LARGEST_TAIL = BLOCK_BYTES + TAIL
_EXIF_FLAG = 0x08
_XMP_FLAG = 0x04
_KINDS = {b"EXIF": "exif", b"XMP ": "xmp"}


def walk(source: Source, records: Records) -> Generator[Request, bytes, None]:
    """The chunks the reads hold, from the head on; then, if the VP8X flags announce EXIF or XMP
    not found yet, the tail's."""
    wanted: set[str] = set()
    yield from source.read(0, 20, source.ahead())
    at = 12
    for _ in range(PARTS):
        header = source.held(at, 8)
        if header is None or len(header) < 8:
            break
        kind, length = header[:4], int.from_bytes(header[4:], "little")
        if kind == b"VP8X":
            flags = (yield from source.read(at + 8, 1))[:1]
            wanted = {
                name
                for flag, name in ((_EXIF_FLAG, "exif"), (_XMP_FLAG, "xmp"))
                if flags and flags[0] & flag
            }
        elif kind in _KINDS:
            data = yield from _chunk(source, records, at, length, kind)
            if data is not None:
                _add(records, kind, data)
            wanted.discard(_KINDS[kind])
        at += 8 + length + (length & 1)
    else:
        records.notes.append(f"more than {PARTS:,} chunks: the rest were skipped")
        return
    if wanted and source.held(at, 8) is None:
        yield from _from_tail(source, records, wanted)


def _chunk(
    source: Source, records: Records, at: int, length: int, kind: bytes
) -> Generator[Request, bytes, bytes | None]:
    if length > BLOCK_BYTES:
        records.notes.append(
            f"an {kind.decode().strip()} chunk is {kb(length)}, over {kb(BLOCK_BYTES)}: not read"
        )
        return None
    data = yield from source.read(at + 8, length, source.ahead())
    return data if len(data) == length else None


def _add(records: Records, kind: bytes, data: bytes) -> None:
    if kind == b"EXIF":
        records.add_block("exif", data.removeprefix(b"Exif\0\0"))
    else:
        records.add_block("xmp", data)


def _from_tail(
    source: Source, records: Records, wanted: set[str]
) -> Generator[Request, bytes, None]:
    window = yield from source.tail(TAIL)
    found = _chain_back(window)
    if not wanted <= {_KINDS[kind] for kind, _data in found}:
        larger = min(_LARGEST_TAIL, READ_BYTES - source.requested)
        if larger > len(window):
            window = yield from source.tail(larger)
            found = _chain_back(window)
    names = {_KINDS[kind] for kind, _data in found}
    for name in sorted(wanted - names):
        records.notes.append(
            f"the {name.upper()} chunk the file announces was not found in its last {kb(len(window))}"
        )
    for kind, data in reversed(found):
        _add(records, kind, data)


def _chain_back(window: bytes) -> list[tuple[bytes, bytes]]:
    """The EXIF and XMP chunks (kind, data) that end the window one after the other, from the
    last: each must end exactly where the next starts, or at the window's end."""
    ends: dict[int, tuple[int, bytes]] = {}
    seen = 0
    for kind in _KINDS:
        type_at = window.find(kind)
        while type_at >= 0 and seen < PARTS:
            length = int.from_bytes(window[type_at + 4 : type_at + 8], "little")
            ends.setdefault(type_at + 8 + length + (length & 1), (type_at, kind))
            seen += 1
            type_at = window.find(kind, type_at + 1)
    found: list[tuple[bytes, bytes]] = []
    at = len(window)
    while at in ends and len(found) < len(_KINDS):
        start, kind = ends.pop(at)
        length = int.from_bytes(window[start + 4 : start + 8], "little")
        found.append((kind, window[start + 8 : start + 8 + length]))
        at = start
    return found
