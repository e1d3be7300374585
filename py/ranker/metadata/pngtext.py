"""The text of a PNG text chunk (tEXt, zTXt, iTXt, and ComfyUI's `comf`), inflated within caps."""

import zlib

from .limits import INFLATED_BYTES, TEXT_BYTES

TEXT_KINDS = frozenset({b"tEXt", b"zTXt", b"iTXt", b"comf"})
"""`comf` is ComfyUI's own chunk, a key, a zero byte and the text, which its SaveAnimatedPNG
writes after the frames (comfy_api/latest/_ui.py, ImageSaveHelper._create_animated_png_metadata)."""
KEY_BYTES = 80
"""A key is 1 to 79 bytes, then a zero byte (PNG specification, 11.3.4)."""


def key_of(data: bytes) -> str | None:
    """The key a text chunk's data starts with, or None if it has no key's end."""
    end = data.find(b"\0", 0, KEY_BYTES)
    return data[:end].decode("latin-1") if end > 0 else None


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


class Inflater:
    """Expands one file's compressed text chunks: each to TEXT_BYTES at most, all of them to
    INFLATED_BYTES. A stream cut short is an error too: its text would be a wrong prompt."""

    def __init__(self) -> None:
        self.left = INFLATED_BYTES

    def __call__(self, data: bytes) -> bytes:
        limit = min(TEXT_BYTES, self.left)
        if limit <= 0:  # decompress() would take a limit of 0 as none
            raise zlib.error(f"the file's text chunks already expand to {kb(INFLATED_BYTES)}")
        inflater = zlib.decompressobj()
        text = inflater.decompress(data, limit)
        self.left -= len(text)
        if inflater.eof:
            return text
        if len(text) < limit:
            raise zlib.error("its compressed text is cut short")
        if limit == TEXT_BYTES:
            raise zlib.error(f"it expands to more than {kb(TEXT_BYTES)}")
        raise zlib.error(
            f"it expands to more than the {kb(limit)} left of the {kb(INFLATED_BYTES)} "
            "a file's text chunks may expand to"
        )


def latin_text(data: bytes) -> str:
    """A tEXt, zTXt or `comf` text: Latin-1 by the specification, but Stability Matrix writes
    UTF-8 there, and ComfyUI's own page reads them as UTF-8. Latin-1 text is valid UTF-8 only
    by accident (a "Ã" before a symbol), so UTF-8 is tried first: read as Latin-1, a Japanese
    prompt would come out as a wrong one."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def chunk_text(kind: bytes, data: bytes, inflate: Inflater) -> str:
    """A text chunk's text, from its whole data (key included). Raises zlib.error,
    UnicodeDecodeError or IndexError for a chunk that cannot be read."""
    value = data[data.index(b"\0") + 1 :]
    if kind in (b"tEXt", b"comf"):
        return latin_text(value)
    if kind == b"zTXt":  # the compression method, then the text
        return latin_text(inflate(value[1:]))
    # iTXt: compressed or not, the method, the language and the translated key, then the text
    compressed, rest = value[0], value[2:]
    _language, _, rest = rest.partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    return (inflate(text) if compressed else text).decode("utf-8")
