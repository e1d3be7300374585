"""The prompt an image was generated from, read from where generators record it.

Only the file's first bytes are read (`HEAD_BYTES`: generators write their metadata before the
pixels), in pure Python: PNG text chunks (Automatic1111/Forge `parameters`, ComfyUI `prompt`
and `workflow`, InvokeAI `invokeai_metadata`, Fooocus `parameters` JSON), EXIF `UserComment`
and `ImageDescription` and XMP `dc:description` in JPEG and WebP, else a caption file with the
image's stem (`img_001.txt`) or a `prompt.txt` beside it. Bad metadata is a note, never an
exception: a person's folder holds whatever it holds.

This runs on the page's main thread, so every read takes time linear in the bytes it is given
and every count it meets is capped (below): no file crafted to freeze the page or fill its
memory in `bench/hostile_metadata.py` takes 0.1 s in Pyodide, and a prompt too long to be one
is a note, never cut.
"""

import json
import re
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

HEAD_BYTES = 256 * 1024
PROMPT_CHARS = 64 * 1024
"""The longest prompt kept: a prompt is a few lines, and it is copied into each answer's lines
of the exports."""
CAPTION_BYTES = PROMPT_CHARS
"""The largest caption file read: the longest prompt, in ASCII."""
TEXT_BYTES = 512 * 1024
"""The most one compressed PNG text chunk may expand to: above any prompt or ComfyUI workflow
(and generators seldom compress them), far below what a crafted chunk can inflate to (a
thousand times its size)."""
INFLATED_BYTES = 1024 * 1024
"""The most all of one file's compressed text chunks may expand to together: 63 chunks of 4 KB,
each under a cap of 4 MB, once held 250 MB of the page's memory for good. What is inflated may
then be parsed as JSON on the page's main thread (`bench hostile_metadata` times it)."""
PARTS = 4096
"""The most chunks or segments walked before the pixels: a file holds a few dozen, a crafted
one of empty segments 65,000 in its first 256 KB."""
BLOCKS = 8
"""The most EXIF and XMP blocks read in one file: a camera or generator writes one or two of
each, a crafted file thousands, each a note when it cannot be read."""
NOTES = 16
"""The most notes kept for one file: a crafted file can hold thousands of broken chunks, and
the page keeps the notes of every file."""
IFD_ENTRIES = 1000
"""The most entries read in one EXIF IFD: far above the few dozen tags cameras and generators
write, far below the 5,000 a crafted 64 KB block can hold."""
_PNG = b"\x89PNG\r\n\x1a\n"
_BYTE_ORDERS = {b"II": "<", b"MM": ">"}
"""TIFF byte orders (EXIF is a TIFF block), as `struct` writes them."""


@dataclass
class Prompt:
    text: str | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)


def read_prompt(head: bytes) -> Prompt:
    """The prompt in an image file's first bytes, if any."""
    found = Prompt()
    try:
        if head.startswith(_PNG):
            _from_png_chunks(_png_text(head, found.notes), found)
        elif head.startswith(b"\xff\xd8"):
            _from_segments(_jpeg_segments(head), found)
        elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            _from_segments(_webp_chunks(head), found)
    except (ValueError, IndexError, struct.error, zlib.error, UnicodeDecodeError) as error:
        found.notes.append(f"unreadable metadata ({error})")
    if len(found.notes) > NOTES:
        more = len(found.notes) - NOTES + 1
        found.notes[NOTES - 1 :] = [f"{more:,} more notes of this file left out"]
    return found


# PNG -----------------------------------------------------------------------------------------

_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")


def _png_text(head: bytes, notes: list[str]) -> dict[str, str]:
    """The text of the first readable chunk of each key a reader reads. Chunks of other keys
    are skipped unread, and all compressed ones together expand to INFLATED_BYTES at most, so
    a file of many compressed chunks costs no more than a few."""
    texts: dict[str, str] = {}
    inflate = _Inflater()
    at = len(_PNG)
    for walked in range(PARTS + 1):
        if at + 8 > len(head):
            break
        if walked == PARTS:
            notes.append(f"more than {PARTS:,} chunks before the pixels: the rest were skipped")
            break
        length, kind = struct.unpack_from(">I4s", head, at)
        start, end = at + 8, at + 8 + length
        if kind == b"IDAT" or kind == b"IEND" or end > len(head):
            break
        at = end + 4
        split = head.find(b"\0", start, min(end, start + 80)) if kind in _TEXT_CHUNKS else -1
        key = head[start:split].decode("latin-1") if split >= 0 else ""
        if key not in _PNG_KEYS or key in texts:
            continue
        try:
            texts[key] = _chunk_text(kind, head[split + 1 : end], inflate)
        except (zlib.error, UnicodeDecodeError, IndexError) as error:
            notes.append(f"the {key} {kind.decode()} chunk could not be read ({error})")
    return texts


class _Inflater:
    """Expands one file's compressed text chunks: each to TEXT_BYTES at most, all of them to
    INFLATED_BYTES. A stream cut short is an error too: its text would be a wrong prompt."""

    def __init__(self) -> None:
        self.left = INFLATED_BYTES

    def __call__(self, data: bytes) -> bytes:
        limit = min(TEXT_BYTES, self.left)
        if limit <= 0:  # decompress() would take a limit of 0 as none
            raise zlib.error(f"the file's text chunks already expand to {_kb(INFLATED_BYTES)}")
        inflater = zlib.decompressobj()
        text = inflater.decompress(data, limit)
        self.left -= len(text)
        if inflater.eof:
            return text
        if len(text) < limit:
            raise zlib.error("its compressed text is cut short")
        if limit == TEXT_BYTES:
            raise zlib.error(f"it expands to more than {_kb(TEXT_BYTES)}")
        raise zlib.error(
            f"it expands to more than the {_kb(limit)} left of the {_kb(INFLATED_BYTES)} "
            "a file's text chunks may expand to"
        )


def _chunk_text(kind: bytes, data: bytes, inflate: _Inflater) -> str:
    """A text chunk's text, from the byte after its key's end."""
    if kind == b"tEXt":
        return data.decode("latin-1")
    if kind == b"zTXt":  # the compression method, then the text
        return inflate(data[1:]).decode("latin-1")
    # iTXt: compressed or not, the method, the language and the translated key, then the text
    compressed, rest = data[0], data[2:]
    _language, _, rest = rest.partition(b"\0")
    _translated, _, value = rest.partition(b"\0")
    return (inflate(value) if compressed else value).decode("utf-8")


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def _from_png_chunks(texts: dict[str, str], found: Prompt) -> None:
    for key, source, reader in _PNG_READERS:
        if key in texts:
            try:
                text = reader(texts[key])
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
                # RecursionError: JSON nested deeper than the parser recurses
                found.notes.append(f"the {key} text could not be read ({error})")
                continue
            if isinstance(text, tuple):
                text, source = text
            if text and _short_enough(text, f"the {key} text", found.notes):
                found.text, found.source = text, source
                return


def _parameters(value: str) -> tuple[str, str]:
    """Automatic1111 / Forge: the prompt, then "Negative prompt:" and "Steps:" lines; Fooocus
    writes a JSON object with "prompt" under the same key."""
    stripped = value.strip()
    if stripped.startswith("{"):
        return str(json.loads(stripped).get("prompt", "")).strip(), "fooocus"
    prompt = re.split(r"\n(?:Negative prompt:|Steps: )", value, maxsplit=1)[0]
    return prompt.strip(), "a1111"


def _invokeai(value: str) -> str:
    data = json.loads(value)
    prompt = data.get("positive_prompt") or data.get("prompt")
    if isinstance(prompt, list):  # older InvokeAI: [{"prompt": ..., "weight": ...}]
        prompt = " ".join(str(part.get("prompt", "")) for part in prompt)
    return str(prompt or "").strip()


def _comfyui(value: str) -> str:
    """The text of the CLIPTextEncode node wired to a sampler's `positive` input, else the
    first text encoder's."""
    graph = json.loads(value)
    texts = {
        node_id: node["inputs"]["text"]
        for node_id, node in graph.items()
        if isinstance(node, dict)
        and "TextEncode" in str(node.get("class_type", ""))
        and isinstance(node.get("inputs", {}).get("text"), str)
    }
    for node in graph.values():
        positive = node.get("inputs", {}).get("positive") if isinstance(node, dict) else None
        if isinstance(positive, list) and positive and str(positive[0]) in texts:
            return texts[str(positive[0])].strip()
    return next(iter(texts.values()), "").strip()


def _comfyui_workflow(value: str) -> str:
    for node in json.loads(value).get("nodes", []):
        if "TextEncode" in str(node.get("type", "")):
            widgets = node.get("widgets_values") or []
            if widgets and isinstance(widgets[0], str):
                return widgets[0].strip()
    return ""


_PNG_READERS = (
    ("invokeai_metadata", "invokeai", _invokeai),
    ("prompt", "comfyui", _comfyui),
    ("parameters", "", _parameters),
    ("workflow", "comfyui", _comfyui_workflow),
    ("Description", "png-description", str.strip),
)
"""Each text chunk key read, in the order tried, with the source it names and its reader."""
_PNG_KEYS = {key for key, _source, _reader in _PNG_READERS}


# JPEG and WebP: EXIF and XMP --------------------------------------------------------------------


_XMP_ID = b"http://ns.adobe.com/xap/1.0/\0"


def _jpeg_segments(head: bytes) -> Iterable[tuple[str, bytes]]:
    """The EXIF and XMP blocks among the segments before the pixels; only those are copied."""
    at = 2
    for _ in range(PARTS):
        if at + 4 > len(head) or head[at] != 0xFF:
            return
        marker = head[at + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata after
            return
        end = at + 2 + struct.unpack_from(">H", head, at + 2)[0]
        if marker == 0xE1 and head.startswith(b"Exif\0\0", at + 4, end):
            yield "exif", head[at + 10 : end]
        elif marker == 0xE1 and head.startswith(_XMP_ID, at + 4, end):
            yield "xmp", head[at + 4 + len(_XMP_ID) : end]
        at = end
    raise ValueError(f"more than {PARTS:,} segments before the pixels")


def _webp_chunks(head: bytes) -> Iterable[tuple[str, bytes]]:
    at = 12
    for _ in range(PARTS):
        if at + 8 > len(head):
            return
        kind, length = struct.unpack_from("<4sI", head, at)
        if kind == b"EXIF":
            yield "exif", head[at + 8 : at + 8 + length].removeprefix(b"Exif\0\0")
        elif kind == b"XMP ":
            yield "xmp", head[at + 8 : at + 8 + length]
        at += 8 + length + (length & 1)
    raise ValueError(f"more than {PARTS:,} chunks")


def _from_segments(segments: Iterable[tuple[str, bytes]], found: Prompt) -> None:
    """The first prompt in the EXIF and XMP blocks. A block that cannot be read is a note and
    the next is tried: a file may hold a broken EXIF block and a good XMP one."""
    for tried, (kind, data) in enumerate(segments):
        if tried == BLOCKS:
            found.notes.append(
                f"the file has more than {BLOCKS} EXIF and XMP blocks: the rest were skipped"
            )
            return
        try:
            texts = _exif_texts(data, found.notes) if kind == "exif" else _xmp_texts(data)
        except (ValueError, struct.error) as error:  # UnicodeDecodeError is a ValueError
            found.notes.append(f"an {kind.upper()} block could not be read ({error})")
            continue
        for source, text in texts:
            if text and _short_enough(text, f"the {source} text", found.notes):
                found.text, found.source = text, source
                return


def _xmp_texts(xmp: bytes) -> list[tuple[str, str]]:
    """The first `rdf:li` item after `<dc:description>`, found by four forward searches. Not
    a regular expression: the one this replaces backtracked over every `<rdf:li` after every
    `<dc:description>`, so that 64 KB of them repeated froze the page for minutes."""
    at = xmp.find(b"<dc:description>")
    if at >= 0:
        at = xmp.find(b"<rdf:li", at + len(b"<dc:description>"))
    if at >= 0:
        at = xmp.find(b">", at + len(b"<rdf:li"))
    end = xmp.find(b"</rdf:li>", at + 1) if at >= 0 else -1
    return [("xmp", xmp[at + 1 : end].decode("utf-8").strip())] if end >= 0 else []


def _exif_texts(tiff: bytes, notes: list[str]) -> list[tuple[str, str]]:
    """UserComment (Exif IFD; A1111 writes prompts there) before ImageDescription (IFD0).

    Two IFDs at most are read, each once: IFD0, then the IFD its first Exif pointer names,
    unless that is IFD0 again. Each is read up to `IFD_ENTRIES` entries and the block's end,
    and only the two values wanted are copied, so the reading is linear in the block's length
    whatever it claims (an IFD0 of 5,000 Exif pointers back at itself took 22 s when every
    pointer was followed and every value copied)."""
    order = _BYTE_ORDERS.get(tiff[:2])
    if order is None:
        raise ValueError(f"the TIFF byte order is {tiff[:2]!r}, not II or MM")
    found: dict[str, str] = {}
    ifd0 = _u32(tiff, order, 4)
    exif_ifd = None
    for tag, entry in _ifd_entries(tiff, order, ifd0, "IFD0", notes):
        if tag == 0x010E and "exif-imagedescription" not in found:
            value = _entry_value(tiff, order, entry).rstrip(b"\0")
            found["exif-imagedescription"] = value.decode("utf-8", "replace").strip()
        elif tag == 0x8769 and exif_ifd is None:
            exif_ifd = _u32(tiff, order, entry + 8)
    if exif_ifd == ifd0:
        notes.append("the Exif IFD pointer points back at IFD0 (not followed)")
    elif exif_ifd is not None:
        for tag, entry in _ifd_entries(tiff, order, exif_ifd, "the Exif IFD", notes):
            if tag == 0x9286:
                found["exif-usercomment"] = _user_comment(_entry_value(tiff, order, entry), order)
                break
    return [
        (source, found[source])
        for source in ("exif-usercomment", "exif-imagedescription")
        if source in found
    ]


def _u32(tiff: bytes, order: str, at: int) -> int:
    if at + 4 > len(tiff):
        raise ValueError(f"an offset at byte {at:,} is past the block's end ({len(tiff):,} bytes)")
    return struct.unpack_from(order + "I", tiff, at)[0]


def _ifd_entries(
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


_TYPE_WIDTHS = {1: 1, 2: 1, 3: 2, 4: 4, 7: 1}
"""Bytes per value of the TIFF types a text or an offset comes in (BYTE, ASCII, SHORT, LONG,
UNDEFINED); other types are read as empty."""


def _entry_value(tiff: bytes, order: str, entry: int) -> bytes:
    """An entry's value: in the entry itself when it fits in 4 bytes, else at the offset
    the entry gives. A value cut by the block's end is an error, not a shorter text."""
    kind, size = struct.unpack_from(order + "HI", tiff, entry + 2)
    width = _TYPE_WIDTHS.get(kind, 0) * size
    where = entry + 8 if width <= 4 else _u32(tiff, order, entry + 8)
    if where + width > len(tiff):
        raise ValueError(f"a value of {width:,} bytes at byte {where:,} runs past the block's end")
    return tiff[where : where + width]


def _user_comment(value: bytes, order: str) -> str:
    """The 8-byte code says the charset; for UNICODE, writers disagree on the byte order
    (the TIFF header's, or always big-endian as piexif writes it): a BOM decides, else where
    the zero bytes of ASCII-range text fall."""
    code, text = value[:8], value[8:]
    if not code.startswith(b"UNICODE"):
        return text.decode("utf-8", "replace").strip("\0").strip()
    if text[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return text.decode("utf-16").strip("\0").strip()
    even_zeros = text[0::2].count(0)
    odd_zeros = text[1::2].count(0)
    if even_zeros == odd_zeros:
        encoding = "utf-16-le" if order == "<" else "utf-16-be"
    else:
        encoding = "utf-16-be" if even_zeros > odd_zeros else "utf-16-le"
    return text.decode(encoding, "replace").strip("\0").strip()


def _short_enough(text: str, where: str, notes: list[str]) -> bool:
    """Whether a text is short enough to be a prompt: a longer one is a note, never cut
    (a cut prompt is a wrong one), and never copied into every export line."""
    if len(text) <= PROMPT_CHARS:
        return True
    notes.append(f"{where} is {len(text):,} characters long, over {PROMPT_CHARS:,}: not a prompt")
    return False


# caption files --------------------------------------------------------------------------------


def sidecar(image: str, files: set[str]) -> str | None:
    """The caption file to read for an image: `<stem>.txt` beside it, else `prompt.txt` in its
    folder."""
    folder, _, name = image.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    stem = name.rsplit(".", 1)[0]
    for candidate in (f"{prefix}{stem}.txt", f"{prefix}prompt.txt"):
        if candidate in files:
            return candidate
    return None


def read_caption(data: bytes) -> Prompt:
    """A caption file's text, as one line. `data` is the file's first CAPTION_BYTES + 1 bytes
    (the page reads no more): a longer file is not used at all, since its first 64 KB would be
    a wrong prompt, and the whole file held in memory and copied into every export line took
    the page to 5 GB for a `prompt.txt` of 30 MB."""
    if len(data) > CAPTION_BYTES:
        note = f"larger than {_kb(CAPTION_BYTES)}, so not read as a prompt (a caption is a line)"
        return Prompt(notes=[note])
    text = " ".join(data.decode("utf-8-sig", "replace").split())
    return Prompt(text or None, "caption" if text else "")
