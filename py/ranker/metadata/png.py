"""PNG: text chunks before the pixels, where Pillow (so most generators) writes them, and after
them, where ComfyUI's animated PNGs and some other writers put theirs.

Before the pixels, chunks are walked from the head read. After them, walking would mean a read
per pixel chunk (Pillow writes one every 64 KB), so the tail is read instead and the chunks are
chained back from IEND: each chunk's start is found by its type, its length must end it exactly
where the next begins, and its CRC must match. The chain ends at a pixel chunk, and then every
chunk after the pixels has been seen; when it does not (a chunk too large for the tail, or one
of a type not looked for), the end of the last pixel chunk walked from the head is compared with
where the chain stopped, and then a larger tail is read. A text chunk is believed only with its
CRC, so bytes of compressed pixels that happen to spell `tEXt` are never read as a prompt."""

import zlib
from collections.abc import Generator

from .limits import PARTS, READ_BYTES, TAIL, TEXT_BYTES
from .pngtext import KEY_BYTES, TEXT_KINDS, Inflater, chunk_text, kb, key_of
from .records import PNG_KEYS, Records
from .source import Request, Source

SIGNATURE = b"\x89PNG\r\n\x1a\n"
PIXELS = frozenset({b"IDAT", b"fdAT"})
_IEND = b"\0\0\0\0IEND\xaeB`\x82"
_AFTER_PIXELS = (*PIXELS, *TEXT_KINDS, b"eXIf", b"tIME", b"pHYs", b"fcTL")
"""The chunk types looked for after the pixels: the pixels themselves, text, and what writers
put beside text there (NovelAI a pHYs, APNG a frame control before each frame)."""
_CANDIDATES_AT = 4
"""The most chunks checked that would end at the same place: a real file has one."""
_LARGEST_TAIL = 2 * TEXT_BYTES + TAIL
"""The tail read when the first did not reach the pixels: two texts of the largest size (a
ComfyUI `prompt` and `workflow`) with room around them."""


def walk(source: Source, records: Records) -> Generator[Request, bytes, None]:
    texts = _Texts(records)
    at = len(SIGNATURE)
    past_pixels = False
    """Once a pixel chunk is walked, chunks are walked only as far as the reads made hold them."""
    for walked in range(PARTS + 1):
        if walked == PARTS:
            records.notes.append(
                f"more than {PARTS:,} chunks before the pixels: the rest were skipped"
            )
            return
        if past_pixels and source.held(at, 8) is None:
            break
        header = yield from source.read(at, 8, source.ahead())
        if len(header) < 8:
            return
        length, kind = int.from_bytes(header[:4], "big"), header[4:]
        if kind == b"IEND":
            return
        if kind in PIXELS:
            past_pixels = True
        elif kind in TEXT_KINDS or kind == b"eXIf":
            yield from _read_chunk(source, texts, at, length, kind)
        at += 12 + length
    yield from _after_pixels(source, texts, at)


def _read_chunk(
    source: Source, texts: "_Texts", at: int, length: int, kind: bytes
) -> Generator[Request, bytes, None]:
    """A text or EXIF chunk of a key some reader reads: its key first, then the rest."""
    if kind != b"eXIf":
        key = key_of((yield from source.read(at + 8, min(length, KEY_BYTES), source.ahead())))
        if key not in PNG_KEYS or key in texts.records.texts:
            return
    if length > TEXT_BYTES:
        name = "an eXIf" if kind == b"eXIf" else f"the {key} {kind.decode()}"
        texts.records.notes.append(f"{name} chunk is {kb(length)}, over {kb(TEXT_BYTES)}: not read")
        return
    data = yield from source.read(at + 8, length, source.ahead())
    if len(data) == length:
        texts.add(kind, data)


def _after_pixels(source: Source, texts: "_Texts", walked: int) -> Generator[Request, bytes, None]:
    """The text chunks after the pixels, chained back from IEND in the tail; `walked` is where
    the walk from the head stopped, at the end of a chunk."""
    window = yield from source.tail(TAIL)
    if source.held(walked, 8) is not None:  # the tail was the whole rest of the file
        return (yield from _walk_held(source, texts, walked))
    found, stop, complete = _chain_back(window)
    if stop < 0:
        texts.records.notes.append(
            "the file is cut short (no IEND): text after its pixels was not looked for"
        )
        return
    if not complete:
        confirm = yield from source.read(walked, 16)
        complete = len(confirm) >= 12 and window[stop : stop + len(confirm)] == confirm
    if not complete:
        larger = min(_LARGEST_TAIL, READ_BYTES - source.requested)
        if larger > len(window):
            window = yield from source.tail(larger)
            found, stop, complete = _chain_back(window)
    if not complete:
        texts.records.notes.append(
            f"the pixels' end was not found in the file's last {kb(len(window))}: "
            "text chunks after them may have been missed"
        )
    for kind, data in reversed(found):
        texts.add(kind, data)


def _walk_held(source: Source, texts: "_Texts", at: int) -> Generator[Request, bytes, None]:
    """The chunks from `at` to the end, all held already."""
    for _ in range(PARTS):
        header = source.held(at, 8)
        if header is None or len(header) < 8 or header[4:] == b"IEND":
            return
        length, kind = int.from_bytes(header[:4], "big"), header[4:]
        if kind in TEXT_KINDS or kind == b"eXIf":
            yield from _read_chunk(source, texts, at, length, kind)
        at += 12 + length


def _chain_back(window: bytes) -> tuple[list[tuple[bytes, bytes]], int, bool]:
    """The text and EXIF chunks (kind, data) chained back from the last IEND of `window`, from
    the last; where the chain stopped; and whether it stopped at a pixel chunk. The stop is -1
    when the window has no IEND."""
    iend = window.rfind(_IEND)
    if iend < 0:
        return [], -1, False
    ends: dict[int, list[tuple[int, bytes]]] = {}
    seen = 0
    for kind in _AFTER_PIXELS:
        type_at = window.find(kind, 4)
        while type_at >= 0 and seen < PARTS:
            start = type_at - 4
            end = type_at + 8 + int.from_bytes(window[start:type_at], "big")
            candidates = ends.setdefault(end, [])
            if end <= iend and len(candidates) < _CANDIDATES_AT:
                candidates.append((start, kind))
            seen += 1
            type_at = window.find(kind, type_at + 1)
    found: list[tuple[bytes, bytes]] = []
    at = iend
    for _ in range(PARTS):
        chunk = next(
            ((start, kind) for start, kind in ends.get(at, ()) if _crc_matches(window, start, at)),
            None,
        )
        if chunk is None:
            return found, at, False
        start, kind = chunk
        if kind in PIXELS:
            return found, at, True
        if kind in TEXT_KINDS or kind == b"eXIf":
            found.append((kind, window[start + 8 : at - 4]))
        at = start
    return found, at, False


def _crc_matches(window: bytes, start: int, end: int) -> bool:
    return zlib.crc32(window[start + 4 : end - 4]) == int.from_bytes(window[end - 4 : end], "big")


class _Texts:
    """Adds a file's text chunks to its records: the first readable one of each key, inflated
    within the file's caps, and its EXIF and XMP as blocks."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.inflate = Inflater()

    def add(self, kind: bytes, data: bytes) -> None:
        if kind == b"eXIf":
            self.records.add_block("exif", data)
            return
        key = key_of(data)
        if key not in PNG_KEYS or key in self.records.texts:
            return
        try:
            text = chunk_text(kind, data, self.inflate)
        except (zlib.error, UnicodeDecodeError, IndexError) as error:
            self.records.notes.append(
                f"the {key} {kind.decode()} chunk could not be read ({error})"
            )
            return
        if key == "XML:com.adobe.xmp":
            self.records.add_block("xmp", text.encode())
        else:
            self.records.texts[key] = text
