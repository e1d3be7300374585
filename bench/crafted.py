"""Files made to hurt the page, each the smallest form of an attack once seen to work: a
folder is hostile input, byte for byte. Used by `bench hostile` and the browser tests.

Each maker returns the file's bytes; `crafted_folder` puts them beside ordinary pictures."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

SCRIPTED_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120"
 onload="window.top.postMessage('svg-ran','*'); fetch('/svg-ran-onload')">
<rect width="160" height="120" fill="#c33"/>
<script>fetch('/svg-ran'); localStorage.setItem('svg-ran', '1');</script>
</svg>"""


def picture(index: int, size: tuple[int, int] = (320, 240), fmt: str = "JPEG") -> bytes:
    hue = (index * 53) % 255
    image = Image.new("RGB", size, (hue, 200 - hue // 2, (hue * 7) % 255))
    ImageDraw.Draw(image).ellipse((20, 20, size[0] - 20, size[1] - 20), outline=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _jpeg_with_app1(payload: bytes) -> bytes:
    """A real small JPEG with one more APP1 segment right after its start."""
    plain = picture(0)
    return plain[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + plain[2:]


def backtracking_xmp(size: int = 16 * 1024) -> bytes:
    """XMP whose description never closes an `rdf:li` tag: a lazy regular expression over it
    tries every start against every end (19 s at 16 KB in the page before it was a scan)."""
    unit = b"<dc:description><rdf:li"
    body = unit * (size // len(unit))
    return _jpeg_with_app1(b"http://ns.adobe.com/xap/1.0/\0" + body)


def looping_exif(size: int = 65_000) -> bytes:
    """An EXIF block whose IFD0 entries all point to an Exif IFD that is IFD0 itself: read
    naively, every entry reads every entry again (22 s from one segment before)."""
    count = (size - 8 - 2) // 12
    entries = b"".join(struct.pack("<HHII", 0x8769, 4, 1, 8) for _ in range(count))
    tiff = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", count) + entries + b"\0\0\0\0"
    return _jpeg_with_app1(b"Exif\0\0" + tiff)


def text_chunk_bomb(chunks: int = 63, each: int = 4 * 1024 * 1024 - 1) -> bytes:
    """A PNG with many small zTXt chunks, each inflating to just under the per-chunk cap
    (about 250 MB in all from 260 KB)."""
    plain = picture(0, fmt="PNG")
    body = zlib.compress(b"a" * each, 9)
    bombs = b""
    for n in range(chunks):
        data = f"bomb{n}".encode() + b"\0\0" + body
        bombs += _png_chunk(b"zTXt", data)
    return plain[:33] + bombs + plain[33:]  # after the 8-byte signature and the IHDR chunk


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def huge_png(side: int = 20_000) -> bytes:
    """A small file that decodes to `side` x `side` pixels (1.6 GB at 20,000 as RGBA)."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


def quadratic_votes_csv(size: int = 48 * 1024) -> bytes:
    """A votes.csv whose every line opens a quote it never closes."""
    header = b"timestamp,left,right,outcome,judge,strategy\r\n"
    line = b'a",,"\r\n'
    return header + line * ((size - len(header)) // len(line))


def crafted_folder(pictures: int = 20, caption_mb: int = 30) -> dict[str, bytes]:
    """Ordinary pictures beside every crafted file, and a caption file of `caption_mb` MB."""
    files = {f"photo_{i:02d}.jpg": picture(i + 1) for i in range(pictures)}
    files.update(
        {
            "xmp-backtracking.jpg": backtracking_xmp(),
            "exif-loop.jpg": looping_exif(),
            "ztxt-bomb.png": text_chunk_bomb(),
            "huge-20000x20000.png": huge_png(),
            "scripted.svg": SCRIPTED_SVG,
            "prompt.txt": b"a prompt that never ends " * (caption_mb * 1024 * 1024 // 25),
            ".image-ranker/votes.csv": quadratic_votes_csv(),
        }
    )
    return files
