"""The preview of a camera RAW: found in each maker's layout, decodable by Pillow, upright, and
never an exception, a hang or a huge read on a hostile file."""

import io
import struct

import pytest
from PIL import Image, ImageOps

from ranker.image_size import MAX_READS, ImageSize
from ranker.listing import skip_reason
from ranker.raw_preview import RawPreview, is_raw, oriented_head, preview_of, preview_reader
from tests.corpus import raw_files
from tests.corpus.raw_files import LOSSLESS, MAKERS, Tiff, picture


def shown(data: bytes, preview: RawPreview) -> Image.Image:
    """The preview as the page shows it: its bytes after the RAW's orientation segment, turned
    by the browser as EXIF says (Pillow's exif_transpose does the same)."""
    jpeg = data[preview.offset : preview.offset + preview.length]
    if not preview.own_orientation:
        jpeg = oriented_head(preview.orientation) + jpeg[2:]
    return ImageOps.exif_transpose(Image.open(io.BytesIO(jpeg)))


@pytest.mark.parametrize("extension", sorted(MAKERS))
@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_every_format_gives_its_preview_upright(extension: str, orientation: int) -> None:
    data = MAKERS[extension](320, 240, orientation)
    preview = preview_of(data)
    assert preview is not None
    assert preview.size == ImageSize(320, 240)
    assert preview.orientation == orientation
    image = shown(data, preview)
    upright = (240, 320) if orientation in (6, 8) else (320, 240)
    assert image.size == upright
    red = image.convert("RGB").getpixel((image.width // 2, image.height // 4))
    assert red[0] > 200 and red[2] < 60, "the red half was on top when the camera saw it"


def test_the_largest_decodable_jpeg_wins_over_thumbnails_and_lossless_raw() -> None:
    data = raw_files.cr2(640, 480)  # with an 80 x 60 thumbnail and a lossless strip
    preview = preview_of(data)
    assert preview is not None and preview.size == ImageSize(640, 480)
    cr3 = preview_of(raw_files.cr3(640, 480))  # full-size in mdat beats PRVW's half size
    assert cr3 is not None and cr3.size == ImageSize(640, 480)


@pytest.mark.parametrize("orientation", [1, 6])
def test_a_dng_of_raw_data_alone_has_no_preview(orientation: int) -> None:
    """The page gives it to LibRaw (web/app/images.py): no slice of it is a JPEG."""
    data = raw_files.dng_raw_only(96, 64, orientation)
    assert data.startswith(b"II*\x00") and len(data) > 96 * 64 * 2
    assert preview_of(data) is None


def test_big_endian_dng() -> None:
    preview = preview_of(raw_files.dng(200, 100, 6, order=">"))
    assert preview is not None and preview.size == ImageSize(200, 100) and preview.orientation == 6


def test_a_preview_with_its_own_exif_orientation_is_left_to_the_browser() -> None:
    preview = preview_of(raw_files.raf(320, 240, 6))
    assert preview is not None and preview.own_orientation and preview.orientation == 6


def test_oriented_head_is_an_exif_segment_pillow_reads() -> None:
    jpeg = picture(40, 20)
    image = Image.open(io.BytesIO(oriented_head(8) + jpeg[2:]))
    assert image.getexif()[0x0112] == 8
    assert ImageOps.exif_transpose(image).size == (20, 40)


@pytest.mark.parametrize(
    ("path", "raw"),
    [("a/IMG_0001.CR2", True), ("x.dng", True), ("x.Cr3", True), ("x.jpg", False), ("cr2", False)],
)
def test_raw_files_are_listed(path: str, raw: bool) -> None:
    assert is_raw(path) is raw
    if raw:
        assert skip_reason(path) is None


# ----------------------------------------------------------------- hostile files


def _dng_without_preview() -> bytes:
    t = Tiff()
    raw = t.ifd([(0x0103, 3, [7]), (0x0111, 4, [t.blob(LOSSLESS)]), (0x0117, 4, [len(LOSSLESS)])])
    return t.finish(t.ifd([(0x0112, 3, [6]), (0x014A, 4, [raw])]))


def _loop() -> bytes:
    """IFD0 whose next IFD and SubIFD are itself."""
    data = bytearray(raw_files.arw())
    ifd0 = struct.unpack("<I", data[4:8])[0]
    count = struct.unpack("<H", data[ifd0 : ifd0 + 2])[0]
    data[ifd0 + 2 + count * 12 : ifd0 + 6 + count * 12] = struct.pack("<I", ifd0)
    return bytes(data)


def _chain(length: int) -> bytes:
    """A long chain of IFDs, each pointing to the next (none with a preview)."""
    t = Tiff()
    following = 0
    for _ in range(length):
        following = t.ifd([(0x0100, 4, [1])], following)
    return t.finish(following)


def _not_a_jpeg() -> bytes:
    t = Tiff()
    blob = b"\xff\xd8" + b"\x00" * 4096  # starts like a JPEG, then nothing of one
    png = b"\x89PNG\r\n\x1a\n" + bytes(4096)
    return t.finish(
        t.ifd(
            [(0x0201, 4, [t.blob(png)]), (0x0202, 4, [len(png)])]
            + [(0x0111, 4, [t.blob(blob)]), (0x0117, 4, [len(blob)]), (0x0103, 3, [6])]
        )
    )


def _past_the_end() -> bytes:
    t = Tiff()
    return t.finish(t.ifd([(0x0201, 4, [10**9]), (0x0202, 4, [5000]), (0x014A, 4, [3 * 10**9])]))


def _cut_short() -> bytes:
    data = raw_files.arw(320, 240)
    preview = preview_of(data)
    assert preview is not None
    return data[: preview.offset + preview.length // 2]  # the JPEG's tail is missing


def _huge_counts() -> bytes:
    t = Tiff()
    data = bytearray(t.finish(t.ifd([(0x014A, 4, [8])])))
    data[8:10] = b"\xff\xff"  # 65,535 entries
    entry = struct.pack("<HHII", 0x014A, 4, 0xFFFFFFFF, 8)
    return bytes(data) + entry * 4


def _raf_lying() -> bytes:
    return raw_files.raf()[:84] + struct.pack(">II", 0xFFFFFF00, 0xFFFFFFFF)


def _cr3_box_sizes() -> bytes:
    data = bytearray(raw_files.cr3())
    moov = data.index(b"moov") - 4
    data[moov : moov + 4] = struct.pack(">I", 0xFFFFFFF0)  # past the end of the file
    return bytes(data)


@pytest.mark.parametrize(
    "make",
    [_dng_without_preview, _loop, _not_a_jpeg, _past_the_end, _cut_short, _huge_counts],
)
def test_hostile_tiffs_give_none_or_a_real_preview(make) -> None:
    data = make()
    preview = preview_of(data)
    if make is _loop:  # the loop is walked once: its own preview is still there
        assert preview is not None and preview.size == ImageSize(320, 240)
    else:
        assert preview is None


@pytest.mark.parametrize("make", [_raf_lying, _cr3_box_sizes])
def test_hostile_containers_give_none(make) -> None:
    assert preview_of(make()) is None


def test_a_long_ifd_chain_is_walked_in_bounded_reads() -> None:
    data = _chain(5000)
    reads = 0
    reader = preview_reader()
    try:
        request = next(reader)
        while True:
            reads += 1
            offset, length = request
            assert length <= 1 << 20
            request = reader.send(data[offset : offset + length])
    except StopIteration as done:
        assert done.value is None
    assert reads <= MAX_READS


@pytest.mark.parametrize(
    "data", [b"", b"II*\x00", b"FUJIFILMCCD-RAW ", b"\x00" * 64, b"MM\x00*" + b"\xff" * 60]
)
def test_garbage_gives_none(data: bytes) -> None:
    assert preview_of(data) is None


def test_an_orf_preview_lying_in_its_maker_note_leaves_the_thumbnail() -> None:
    data = bytearray(raw_files.orf(320, 240))
    note = data.index(b"OLYMPUS\x00")
    start = data.index(struct.pack("<HHI", 0x0101, 4, 1), note) + 8
    data[start : start + 4] = struct.pack("<I", 0x7FFFFFF0)  # past the end of the file
    preview = preview_of(bytes(data))
    assert preview is not None and preview.size == ImageSize(64, 48)
