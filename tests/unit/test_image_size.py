"""Image sizes read from headers, checked against files Pillow writes, and against garbage."""

import io
import struct

import pillow_jxl  # noqa: F401 - registers the JPEG XL writer with Pillow
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from ranker.image_size import (
    CHUNK,
    MAX_READS,
    ImageSize,
    read_size,
    size_of,
    size_reader,
)
from tests.corpus.real_photos import SIZES, real_photos


def made(fmt: str, size: tuple[int, int] = (37, 23), mode: str = "RGB", **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 90) if mode == "RGB" else 0).save(out, fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mode", "options"),
    [
        ("PNG", "RGB", {}),
        ("PNG", "1", {}),
        ("GIF", "RGB", {}),
        ("GIF", "RGB", {"comment": b"x" * 2000}),
        ("JPEG", "RGB", {}),
        ("JPEG", "RGB", {"progressive": True}),
        ("JPEG", "L", {}),
        ("WEBP", "RGB", {"lossless": False}),
        ("WEBP", "RGB", {"lossless": True}),
        ("WEBP", "RGBA", {"lossless": False}),  # VP8X with an alpha chunk
        ("BMP", "RGB", {}),
        ("AVIF", "RGB", {}),
    ],
)
def test_the_size_pillow_wrote_is_read(fmt: str, mode: str, options: dict) -> None:
    for size in [(37, 23), (1, 1), (640, 480), (3000, 17)]:
        data = made(fmt, size, mode, **options)
        assert size_of(data) == ImageSize(*size), (fmt, size)


def test_an_animated_webp_reads_its_canvas() -> None:
    frames = [Image.new("RGB", (50, 40), (i * 60, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    assert out.getvalue()[12:16] == b"VP8X"
    assert size_of(out.getvalue()) == ImageSize(50, 40)


def test_a_huge_png_is_read_from_its_first_bytes() -> None:
    """The image the issue names: 20,000 x 20,000 pixels in a few hundred KB."""
    data = made("PNG", (20_000, 20_000), "1")
    assert len(data) < 1_000_000
    reads = []

    def read(offset: int, length: int) -> bytes:
        reads.append((offset, length))
        return data[offset : offset + length]

    size = read_size(size_reader(), read)
    assert size == ImageSize(20_000, 20_000) and size.pixels == 400_000_000
    assert reads == [(0, CHUNK)]


def test_a_jpeg_frame_header_after_megabytes_of_metadata_is_found() -> None:
    """Phones put depth maps in extended XMP: many full 64 KB segments before the frame."""
    data = made("JPEG", (320, 200))
    segment = b"\xff\xe1" + struct.pack(">H", 65535) + b"\0" * 65533
    crafted = data[:2] + segment * 40 + data[2:]
    reads = []

    def read(offset: int, length: int) -> bytes:
        reads.append(offset)
        return crafted[offset : offset + length]

    assert read_size(size_reader(), read) == ImageSize(320, 200)
    assert len(reads) <= 41


def test_a_gif_frame_larger_than_its_screen_counts() -> None:
    data = bytearray(made("GIF", (40, 30)))
    data[6:10] = struct.pack("<HH", 4, 3)  # the logical screen says 4 x 3
    assert size_of(bytes(data)) == ImageSize(40, 30)


def test_an_avif_grid_counts_its_whole_extent() -> None:
    """Several `ispe` boxes (tiles, the grid, an alpha plane): the largest is the picture."""

    def box(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", 8 + len(body)) + kind + body

    def ispe(w: int, h: int) -> bytes:
        return box(b"ispe", b"\0\0\0\0" + struct.pack(">II", w, h))

    ipco = box(b"ipco", ispe(512, 512) + ispe(20_000, 20_000) + ispe(512, 512))
    meta = box(b"meta", b"\0\0\0\0" + box(b"hdlr", b"\0" * 24) + box(b"iprp", ipco))
    data = box(b"ftyp", b"avif\0\0\0\0avifmif1") + meta + box(b"mdat", b"\0" * 100)
    assert size_of(data) == ImageSize(20_000, 20_000)
    large = box(b"ftyp", b"avif\0\0\0\0") + struct.pack(">I", 1) + b"free"
    large += struct.pack(">Q", 16 + 5) + b"12345" + meta
    assert size_of(large) == ImageSize(20_000, 20_000)


def test_a_top_down_bmp_has_a_positive_height() -> None:
    data = bytearray(made("BMP", (30, 20)))
    data[22:26] = struct.pack("<i", -20)
    assert size_of(bytes(data)) == ImageSize(30, 20)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x89PNG\r\n\x1a\n garbage",
        b"\xff\xd8\xff\xe0 this is not really a jpeg",
        b"\xff\xd8" + b"\xff" * 200_000,  # fill bytes to the end
        b"\xff\xd8\xff\xda\0\x08" + b"\0" * 100,  # scan data before any frame
        b"\xff\xd8\xff\xe0\0\0",  # a segment length below 2
        b"GIF89a\x01\0\x01\0\xf7\0\0",  # a colour table cut short
        b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\0\0\0",  # no start code
        b"RIFF\0\0\0\0WEBPABCD" + b"\0" * 30,
        b"BM\0\0",
        b"\0\0\0\x10ftypavif\0\0\0\0",  # no meta box
        b"\0\0\0\x10ftypavif\0\0\0\0\0\0\0\x08meta",  # meta runs past its parent
        b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>",
        b"II*\0",  # TIFF cut before its first image's tags
        b"MM\0*\0\0\0\x08\0\x01" + b"\0" * 12,  # an IFD without a width
        b"\xff\x0a",  # a JPEG XL codestream cut after its signature
        b"\0\0\0\x0cJXL \r\n\x87\n\0\0\0\x08jxlc",  # a container whose codestream is empty
    ],
)
def test_garbage_has_no_size(data: bytes) -> None:
    assert size_of(data) is None


def test_reads_are_bounded_for_a_jpeg_of_endless_segments() -> None:
    """Every read lands on a segment of 64 KB: the reader gives up after MAX_READS."""
    segment = b"\xff\xe1" + struct.pack(">H", 65535)
    reads = []

    def read(offset: int, length: int) -> bytes:
        reads.append(offset)
        if offset == 0:
            return (b"\xff\xd8" + segment + b"\0" * length)[:length]
        start = (offset - 2) % 65537
        return (segment + b"\0" * 65533)[start:] * 2

    assert read_size(size_reader(), read) is None
    assert len(reads) == MAX_READS


def test_tiny_segments_are_bounded_by_steps() -> None:
    data = b"\xff\xd8" + b"\xff\xfe\0\x02" * 60_000 + made("JPEG")[2:]
    assert size_of(data) is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data: bytes) -> None:
    size_of(data)
    signatures = (b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8", b"BM", b"\0\0\0\x18ftyp")
    signatures += (b"II*\0", b"MM\0*", b"II+\0", b"\xff\x0a", b"\0\0\0\x0cJXL \r\n\x87\n")
    for signature in signatures:
        size_of(signature + data)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["PNG", "GIF", "JPEG", "WEBP", "BMP", "AVIF", "TIFF", "JXL"]),
    st.integers(min_value=0, max_value=400),
    st.binary(min_size=1, max_size=8),
)
def test_a_cut_or_damaged_file_gives_its_size_or_none(fmt: str, at: int, junk: bytes) -> None:
    data = made(fmt, (33, 21))
    assert size_of(data[:at]) in (None, ImageSize(33, 21))
    damaged = data[:at] + junk + data[at + len(junk) :]
    result = size_of(damaged)
    assert result is None or isinstance(result, ImageSize)


@pytest.mark.parametrize(
    "options",
    [{}, {"compression": "tiff_deflate"}, {"compression": "tiff_lzw"}, {"big_tiff": True}],
)
def test_a_tiff_gives_its_first_image_size(options: dict) -> None:
    for size in [(37, 23), (1, 1), (640, 480), (3000, 17), (70_000, 2)]:
        assert size_of(made("TIFF", size, "1", **options)) == ImageSize(*size), (options, size)


def test_a_big_endian_tiff_is_read() -> None:
    little = made("TIFF", (300, 200))
    # The same tags written big-endian, by hand: header, then an IFD of two LONG entries.
    ifd = struct.pack(">H", 2) + struct.pack(">HHII", 256, 4, 1, 300)
    ifd += struct.pack(">HHII", 257, 3, 1, 200 << 16) + b"\0\0\0\0"
    big = b"MM\0*" + struct.pack(">I", 8) + ifd
    assert size_of(big) == size_of(little) == ImageSize(300, 200)


@pytest.mark.parametrize("options", [{}, {"lossless": True}])
def test_a_jpeg_xl_gives_its_size(options: dict) -> None:
    """Every way the SizeHeader stores it: multiples of 8 (small), each ratio, 9 to 30 bits."""
    sizes = [(37, 23), (1, 1), (64, 64), (80, 96), (120, 90), (160, 90), (96, 64), (3000, 17)]
    for size in sizes:
        assert size_of(made("JXL", size, **options)) == ImageSize(*size), (options, size)


def test_a_jpeg_xl_container_is_read_through_its_codestream_box() -> None:
    codestream = made("JXL", (500, 333))
    assert codestream[:2] == b"\xff\x0a"

    def box(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", 8 + len(body)) + kind + body

    signature = box(b"JXL ", b"\r\n\x87\n")
    ftyp = box(b"ftyp", b"jxl \0\0\0\0jxl ")
    assert size_of(signature + ftyp + box(b"jxlc", codestream)) == ImageSize(500, 333)
    split = box(b"jxlp", b"\0\0\0\0" + codestream[:40]) + box(
        b"jxlp", b"\x80\0\0\1" + codestream[40:]
    )
    assert size_of(signature + ftyp + box(b"Exif", b"\0" * 100) + split) == ImageSize(500, 333)
    assert size_of(signature + ftyp) is None  # no codestream


def test_the_sizes_of_real_phone_camera_and_scanner_files():
    """A phone's HEIC, a camera's JPEG and a scanner's 61-megapixel TIFF that no one here
    wrote (tests/corpus/real_photos.py)."""
    found = {name: size_of(data) for name, data in real_photos().items()}
    assert found == {name: ImageSize(*size) for name, size in SIZES.items()}
