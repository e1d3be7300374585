"""PNG: text chunks before the pixels, where Pillow (so most generators) writes them, and after
them, where ComfyUI's animated PNGs and some other writers put theirs.

Before the pixels, chunks are walked from the head read. After them, walking would mean a read
per pixel chunk (Pillow writes one every 64 KB), so the tail is read instead: in it, the last
pixel chunk is found from the end (its type spelled, its length and CRC matching), and the
chunks after it are walked to IEND. When the tail holds no whole pixel chunk (one IDAT of all
the pixels, or a text after them larger than the tail), the bytes where the head's walk stopped
are looked for in the tail, then a larger tail is read. A text chunk is taken only with its CRC
matching, and only after a pixel chunk that is one, so bytes of compressed pixels that happen
to spell `tEXt` are never read as a prompt. Two finds over the tail, instead of one per chunk
type, keep a typical PNG under a millisecond."""

import zlib
from collections.abc import Generator

from .limits import PARTS, READ_BYTES, TAIL, TEXT_BYTES
from .pngtext import KEY_BYTES, TEXT_KINDS, Inflater, chunk_text, kb, key_of
from .records import PNG_KEYS, Records
from .source import Request, Source

SIGNATURE = b"\x89PNG\r\n\x1a\n"
PIXELS = frozenset({b"IDAT", b"fdAT"})
_IEND = b"\0\0\0\0IEND\xaeB`\x82"
_CANDIDATES = 16
"""The most `IDAT` or `fdAT` spellings checked from the tail's end: a real file's last one is
its last pixel chunk."""
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
    """The text chunks after the pixels, walked from the end of the last pixel chunk in the
    tail; `walked` is where the walk from the head stopped, at the end of a chunk."""
    window = yield from source.tail(TAIL)
    if source.held(walked, 8) is not None:  # the tail was the whole rest of the file
        return (yield from _walk_held(source, texts, walked))
    if _IEND not in window:
        texts.records.notes.append(
            "the file is cut short (no IEND): text after its pixels was not looked for"
        )
        return
    start = _last_pixels_end(window)
    if start is None:  # is the end of the head's walk in the tail?
        confirm = yield from source.read(walked, 16)
        found = window.find(confirm) if len(confirm) >= 12 else -1
        start = found if found >= 0 and window.rfind(confirm) == found else None
    if start is None:
        larger = min(_LARGEST_TAIL, READ_BYTES - source.requested)
        if larger > len(window):
            window = yield from source.tail(larger)
            start = _last_pixels_end(window)
    if start is None:
        texts.records.notes.append(
            f"the pixels' end was not found in the file's last {kb(len(window))}: "
            "text chunks after them may have been missed"
        )
        return
    _walk_window(window, start, texts)


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


def _last_pixels_end(window: bytes) -> int | None:
    """Where the window's last pixel chunk ends: the last `IDAT` or `fdAT` whose length and CRC
    make a chunk of it (bytes of compressed pixels spell one by chance only every 4 GB)."""
    ends = []
    for kind in PIXELS:
        type_at = window.rfind(kind)
        for _ in range(_CANDIDATES):
            if type_at < 4:
                break
            end = type_at + 8 + int.from_bytes(window[type_at - 4 : type_at], "big")
            if end <= len(window) and _crc_matches(window, type_at - 4, end):
                ends.append(end)
                break
            type_at = window.rfind(kind, 0, type_at)
    return max(ends, default=None)


def _walk_window(window: bytes, at: int, texts: "_Texts") -> None:
    """The text and EXIF chunks from `at`, a chunk's start, to IEND; each with its CRC."""
    for _ in range(PARTS):
        if at + 12 > len(window):
            return
        length, kind = int.from_bytes(window[at : at + 4], "big"), window[at + 4 : at + 8]
        end = at + 12 + length
        if kind == b"IEND" or end > len(window):
            return
        if (kind in TEXT_KINDS or kind == b"eXIf") and _crc_matches(window, at, end):
            texts.add(kind, window[at + 8 : end - 4])
        at = end
    texts.records.notes.append(
        f"more than {PARTS:,} chunks after the pixels: the rest were skipped"
    )


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
